"""The OpenAPI 3.1 schema, and Swagger UI served from the app's own files under its CSP."""

import re

import pytest
import yaml
from django.contrib.staticfiles import finders
from openapi_spec_validator import OpenAPIV31SpecValidator

pytestmark = pytest.mark.django_db

PROBLEMS_EVERY_OPERATION_DECLARES = {"401", "403", "405", "413", "429", "500"}


@pytest.fixture
def schema(client) -> dict:
    response = client.get("/api/v1/schema/")
    assert response.status_code == 200
    return yaml.safe_load(response.content)


def test_the_schema_is_valid_openapi_3_1(schema):
    assert schema["openapi"] == "3.1.0"
    errors = [error.message for error in OpenAPIV31SpecValidator(schema).iter_errors()]
    assert errors == []


def test_the_schema_names_every_operation_built(schema):
    operations = {(path, method) for path, item in schema["paths"].items() for method in item}
    assert operations == {
        ("/api/v1/templates/", "get"),
        ("/api/v1/templates/{slug}/", "get"),
        ("/api/v1/levels/", "get"),
        ("/api/v1/drafts/", "get"),
        ("/api/v1/drafts/", "post"),
        ("/api/v1/drafts/{id}/", "get"),
        ("/api/v1/drafts/{id}/documents/{format_name}", "get"),
        ("/api/v1/drafts/{id}/approvals/", "get"),
        ("/api/v1/drafts/{id}/approvals/{approval_id}/", "get"),
        ("/api/v1/drafts/{id}/approvals/{approval_id}/pdf", "get"),
        ("/api/v1/drafts/{id}/findings/", "get"),
        ("/api/v1/check/", "post"),
        ("/api/v1/events/", "get"),
        ("/api/v1/webhooks/", "get"),
        ("/api/v1/webhooks/", "post"),
        ("/api/v1/webhooks/{id}/", "get"),
        ("/api/v1/webhooks/{id}/", "put"),
        ("/api/v1/webhooks/{id}/", "patch"),
        ("/api/v1/webhooks/{id}/", "delete"),
        ("/api/v1/webhooks/{id}/rotate-secret/", "post"),
        ("/api/v1/drafts/{id}/", "patch"),
        ("/api/v1/drafts/{id}/", "delete"),
        ("/api/v1/drafts/{id}/review/", "get"),
        *(
            (f"/api/v1/drafts/{{id}}/review/{step}/", "post")
            for step in ("submit", "decide", "withdraw", "reopen", "archive", "unarchive")
        ),
    }


def test_every_operation_declares_its_problems_and_needs_a_token(schema):
    problem = schema["components"]["schemas"]["Problem"]
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            responses = operation["responses"]
            problems = {code for code in responses if code.startswith(("4", "5"))}
            assert problems >= PROBLEMS_EVERY_OPERATION_DECLARES, (path, method)
            # 414 is the server's own refusal (gunicorn's HTML page), before the app.
            assert list(responses["414"]["content"]) == ["text/html"], (path, method)
            for code in problems - {"414"}:
                content = responses[code]["content"]
                assert list(content) == ["application/problem+json"], (path, method, code)
                # The Problem, or a problem with extension members (a 412's ``current``).
                ref = content["application/problem+json"]["schema"]["$ref"]
                component = schema["components"]["schemas"][ref.rsplit("/", 1)[1]]
                assert set(component["properties"]) >= set(problem["properties"]), ref
            assert operation["security"] == [{"bearerToken": []}], (path, method)
    by_id = schema["paths"]["/api/v1/drafts/{id}/"]["get"]["responses"]
    assert "404" in by_id
    assert "400" in schema["paths"]["/api/v1/drafts/"]["get"]["responses"]
    assert {"type", "title", "status", "detail", "instance", "errors"} <= set(problem["properties"])
    scheme = schema["components"]["securitySchemes"]["bearerToken"]
    assert scheme["scheme"] == "bearer"
    # Both kinds of token are described, each by its prefix.
    assert "jdb_pat_" in scheme["description"] and "jdb_svc_" in scheme["description"]


def test_each_export_format_declares_its_media_type(schema):
    from roles.documents.registry import EXPORTERS

    operation = schema["paths"]["/api/v1/drafts/{id}/documents/{format_name}"]["get"]
    declared = set(operation["responses"]["200"]["content"])
    assert declared == {exporter.content_type.split(";")[0] for exporter in EXPORTERS.values()}
    (format_name,) = [p for p in operation["parameters"] if p["name"] == "format_name"]
    assert sorted(format_name["schema"]["enum"]) == sorted(EXPORTERS)
    approved = schema["paths"]["/api/v1/drafts/{id}/approvals/{approval_id}/pdf"]["get"]
    assert list(approved["responses"]["200"]["content"]) == ["application/pdf"]
    finding = schema["components"]["schemas"]["Finding"]["properties"]
    assert {"rule", "severity", "message", "field", "span", "laws", "places"} <= set(finding)
    assert {"words", "source_url", "facts_checked"} <= set(
        schema["components"]["schemas"]["Law"]["properties"]
    )


def test_swagger_ui_is_served_from_static_files_under_the_csp(client):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    page = response.content.decode()
    assert "<style" not in page and " style=" not in page
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", page, flags=re.S)
    assert len(scripts) == 3
    assert all('src="' in attributes and not body.strip() for attributes, body in scripts)
    assets = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert not [url for url in assets if url.startswith(("http:", "https:", "//"))]
    for url in assets:
        if url.startswith("/static/"):
            assert finders.find(url.removeprefix("/static/")), url
    (script_url,) = [url for url in assets if "script" in url]
    script = client.get(script_url.replace("&amp;", "&"))
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert b"/api/v1/schema/" in script.content


def test_the_writes_declare_their_locking_idempotency_and_bodies(schema):
    paths = schema["paths"]
    change = paths["/api/v1/drafts/{id}/"]["patch"]
    assert {p["name"] for p in change["parameters"] if p["in"] == "header"} == {"If-Match"}
    assert {"400", "404", "409", "412", "428"} <= set(change["responses"])
    stale = change["responses"]["412"]["content"]["application/problem+json"]["schema"]["$ref"]
    assert "current" in schema["components"]["schemas"][stale.rsplit("/", 1)[1]]["properties"]
    body = change["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    kpis = schema["components"]["schemas"][body.rsplit("/", 1)[1]]["properties"]["kpis"]
    assert kpis["maxItems"] == 40
    create = paths["/api/v1/drafts/"]["post"]
    assert "Idempotency-Key" in {p["name"] for p in create["parameters"]}
    assert {"201", "400", "409", "422"} <= set(create["responses"])
    # The read declares none of the writes' problems.
    assert not {"412", "428"} & set(paths["/api/v1/drafts/{id}/"]["get"]["responses"])
    decide = paths["/api/v1/drafts/{id}/review/decide/"]["post"]
    assert {"403", "409", "412", "422", "428"} <= set(decide["responses"])
