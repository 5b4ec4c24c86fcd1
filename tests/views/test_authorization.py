"""Every URL the project defines × who asks × GET/POST → the answer each must get.

The table below must name every URL pattern: a new URL fails this test until someone decides
who may use it.
"""

import json
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from reversion.models import Version

from roles.models import (
    ApiToken,
    BulkExport,
    BulkExportStatus,
    JobDescription,
    OrganisationProfile,
    ReviewState,
    ShareLink,
    WebhookDelivery,
    WebhookSubscription,
)
from roles.services.comments import comment_add
from roles.services.drafts import jobdescription_save
from roles.services.review import review_decide, review_reopen, review_submit
from roles.services.sharing import sharelink_create
from tests.helpers.api import ALL_SCOPES, bearer, make_token
from tests.helpers.data import make_draft, make_user, png_bytes, vp_template

pytestmark = pytest.mark.django_db

ACTORS = ["anonymous", "other staff", "owner", "manager", "admin", "reviewer", "former reviewer"]
#: What a reviewer keeps once their round has ended: its page (the JD as it was sent to them)
#: and the PDF they approved; nothing newer.
FORMER_REVIEWER_KEEPS = {("roles:review", "GET"), ("roles:approved_pdf", "GET")}
LOGIN, OK = "sign-in", "ok"

#: url name → (methods it answers, who gets through: "everyone" signed in, "owner", or a group)
RULES = {
    "roles:healthz": ({"GET"}, "public"),
    "roles:readyz": ({"GET"}, "public"),
    "roles:compare": ({"GET"}, "everyone"),
    "roles:level_guide": ({"GET"}, "everyone"),
    "roles:compare_any": ({"GET"}, "everyone"),
    "roles:what_changed": ({"GET"}, "owner, managers or reviewers"),
    "roles:template_updates": ({"GET", "POST"}, "owner"),
    "roles:start_draft": ({"POST"}, "everyone"),
    "roles:draft_list": ({"GET"}, "everyone"),
    "roles:trash": ({"GET"}, "everyone"),
    "roles:all_drafts": ({"GET"}, "managers"),
    "roles:edit": ({"GET", "POST"}, "owner"),
    "roles:new_row": ({"GET"}, "owner"),
    "roles:guidance": ({"POST"}, "owner"),
    "roles:dismiss_finding": ({"POST"}, "owner"),
    "roles:restore_finding": ({"POST"}, "owner"),
    "roles:preview": ({"GET"}, "owner, managers or reviewers"),
    "roles:download": ({"GET"}, "owner, managers or reviewers"),
    "roles:duplicate": ({"POST"}, "owner"),
    "roles:delete": ({"GET", "POST"}, "owner"),
    "roles:restore": ({"POST"}, "owner"),
    "roles:history": ({"GET"}, "owner"),
    "roles:history_version": ({"GET"}, "owner"),
    "roles:history_restore": ({"POST"}, "owner"),
    "roles:template_preview": ({"GET"}, "admins"),
    "roles:organisation_logo": ({"GET"}, "everyone"),
    "roles:bulk_exports": ({"GET", "POST"}, "everyone"),
    "roles:bulk_export": ({"GET"}, "owner"),  # the person who asked for the export
    "roles:bulk_export_download": ({"GET"}, "owner"),
    # Review: the owner, managers and the JD's reviewers reach these; the services then refuse
    # what the person may not do from the JD's state (a 400 with the reason: NEED_FORM_DATA).
    "roles:review": ({"GET"}, "owner, managers or reviewers"),
    "roles:review_submit": ({"POST"}, "owner"),
    "roles:review_decide": ({"POST"}, "owner, managers or reviewers"),
    "roles:review_withdraw": ({"POST"}, "owner, managers or reviewers"),
    "roles:review_reopen": ({"POST"}, "owner, managers or reviewers"),
    # GET: the confirmation page (those who may not archive are sent back to the review page).
    "roles:review_archive": ({"GET", "POST"}, "owner, managers or reviewers"),
    "roles:review_unarchive": ({"POST"}, "owner, managers or reviewers"),
    "roles:review_hand_over": ({"POST"}, "owner, managers or reviewers"),
    "roles:approved_pdf": ({"GET"}, "owner, managers or reviewers"),
    "roles:add_comment": ({"POST"}, "owner, managers or reviewers"),
    "roles:resolve_comment": ({"POST"}, "owner, managers or reviewers"),
    "roles:notification_settings": ({"GET", "POST"}, "everyone"),
    # One's own API tokens: the page, and revoking one of one's own (another's token is 404).
    "roles:api_tokens": ({"GET", "POST"}, "everyone"),
    "roles:revoke_api_token": ({"POST"}, "owner"),
    # The API's schema and its Swagger UI describe the API to anyone; they hold no data.
    "roles:api:schema": ({"GET"}, "public"),
    "roles:api:docs": ({"GET"}, "public"),
    "roles:approvals_seen": ({"POST"}, "everyone"),
    # Webhooks: one's subscriptions, and a subscription's log and buttons for its owner and the
    # admins of webhooks (HR admins); anyone else 404.
    "roles:webhooks": ({"GET"}, "everyone"),
    "roles:webhook_deliveries": ({"GET"}, "owner or admins"),
    "roles:webhook_send_test": ({"POST"}, "owner or admins"),
    "roles:webhook_resume": ({"POST"}, "owner or admins"),
    "roles:webhook_send_again": ({"POST"}, "owner or admins"),
    "roles:share_links": ({"GET", "POST"}, "owner or managers"),
    "roles:revoke_share_link": ({"POST"}, "owner or managers"),
    # Anyone holding an open link's token, signed in or not (tests/views/test_sharing.py: a
    # revoked, expired or unknown token is 404 for everyone).
    "roles:shared_document": ({"GET"}, "token"),
    "roles:shared_pdf": ({"GET"}, "token"),
    "roles:shared_logo": ({"GET"}, "token"),
    # The careers site, for everyone; a JD that is not a public posting is 404 for everyone
    # alike (tests/views/test_careers.py).
    "roles:careers": ({"GET"}, "public"),
    "roles:careers_job": ({"GET"}, "public"),
    "roles:careers_job_by_number": ({"GET"}, "public"),
    "roles:careers_feed": ({"GET"}, "public"),
    "roles:careers_sitemap": ({"GET"}, "public"),
    "roles:careers_theme": ({"GET"}, "public"),
    "roles:careers_logo": ({"GET"}, "public"),
    "roles:robots_txt": ({"GET"}, "public"),
}
#: Views that, once past the access check, refuse a POST without their form's fields (400).
NEED_FORM_DATA = {
    "roles:dismiss_finding",
    "roles:restore_finding",
    "roles:bulk_exports",
    "roles:review_submit",
    "roles:review_decide",
    "roles:review_withdraw",
    "roles:review_reopen",
    "roles:review_archive",
    "roles:review_unarchive",
    "roles:review_hand_over",
    "roles:add_comment",
    "roles:api_tokens",
}
#: The API's routes: url name → (methods it answers, who gets through with a token holding every
#: scope, by method): "everyone" (a token of an active person), the draft's "owner" (the editor's
#: and the delete page's rule), or its "owner, managers or reviewers" (the access helper's read
#: rule, as for the preview and review pages). Anyone else gets 404, no token 401 (a signed-in
#: session is no token), and a method a route does not answer 405. A "who" given as one word is
#: every method's.
API_RULES = {
    "roles:api:templates": ({"GET"}, "everyone"),
    "roles:api:template": ({"GET"}, "everyone"),
    "roles:api:levels": ({"GET"}, "everyone"),
    "roles:api:drafts": ({"GET", "POST"}, "everyone"),
    "roles:api:draft": (
        {"GET", "PATCH", "DELETE"},
        {"GET": "owner, managers or reviewers", "PATCH": "owner", "DELETE": "owner"},
    ),
    "roles:api:review": ({"GET"}, "owner, managers or reviewers"),
    # Each step's page rule; the services then refuse what the person may not do from the JD's
    # state (the matrix sends no If-Match, so a step that gets through answers 428).
    "roles:api:review_submit": ({"POST"}, "owner"),
    "roles:api:review_decide": ({"POST"}, "owner, managers or reviewers"),
    "roles:api:review_withdraw": ({"POST"}, "owner, managers or reviewers"),
    "roles:api:review_reopen": ({"POST"}, "owner, managers or reviewers"),
    "roles:api:review_archive": ({"POST"}, "owner, managers or reviewers"),
    "roles:api:review_unarchive": ({"POST"}, "owner, managers or reviewers"),
    "roles:api:draft_document": ({"GET"}, "owner, managers or reviewers"),
    "roles:api:approvals": ({"GET"}, "owner, managers or reviewers"),
    "roles:api:approval": ({"GET"}, "owner, managers or reviewers"),
    "roles:api:approval_pdf": ({"GET"}, "owner, managers or reviewers"),
    "roles:api:findings": ({"GET"}, "owner, managers or reviewers"),
    "roles:api:check": ({"POST"}, "everyone"),
    "roles:api:events": ({"GET"}, "everyone"),
    # One's webhook subscriptions (an admin of webhooks: everyone's).
    "roles:api:webhooks": ({"GET", "POST"}, "everyone"),
    "roles:api:webhook": ({"GET", "PUT", "PATCH", "DELETE"}, "owner or admins"),
    "roles:api:webhook_rotate_secret": ({"POST"}, "owner or admins"),
}
#: As on the pages (FORMER_REVIEWER_KEEPS): the approval a former reviewer made, and its PDF.
API_FORMER_REVIEWER_KEEPS = {"roles:api:approval", "roles:api:approval_pdf"}
#: The scope an API operation needs when it is not "read".
API_SCOPES = {
    ("roles:api:drafts", "POST"): "write",
    ("roles:api:draft", "PATCH"): "write",
    ("roles:api:draft", "DELETE"): "write",
    **{(name, "POST"): "review" for name in API_RULES if name.startswith("roles:api:review_")},
    ("roles:api:draft_document", "GET"): "export",
    ("roles:api:approval_pdf", "GET"): "export",
    ("roles:api:check", "POST"): "check",
    ("roles:api:webhooks", "POST"): "write",
    **{("roles:api:webhook", method): "write" for method in ("PUT", "PATCH", "DELETE")},
    ("roles:api:webhook_rotate_secret", "POST"): "write",
}
#: The JSON body an operation is sent, so that getting through means 200, not 400.
API_BODIES = {"roles:api:check": {"text": "Run the warehouses.", "level": "director"}}
#: What an empty request answers once it is through the gate: a read 200, a write to a draft
#: without If-Match 428 (nothing is written); a create without its body 400; the operations on
#: things that are not drafts (no If-Match) their success.
API_PASSED = {"GET": 200, "POST": 428, "PUT": 428, "PATCH": 428, "DELETE": 428}
API_PASSED_OTHERWISE = {
    ("roles:api:drafts", "POST"): 400,
    ("roles:api:webhooks", "POST"): 400,
    ("roles:api:check", "POST"): 200,
    ("roles:api:webhook", "PUT"): 400,
    ("roles:api:webhook", "PATCH"): 200,
    ("roles:api:webhook", "DELETE"): 204,
    ("roles:api:webhook_rotate_secret", "POST"): 200,
}
#: DELETE last, every route's: a permitted delete of the subscription must not take away what
#: the other operations are sent to.
API_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
#: A token of the draft's owner with the read scope only: the scope is checked before anything.
READ_ONLY_OWNER = "owner, read scope only"


#: Patterns that are Django's own (admin, sign-in), tested by Django and by test_views.
#: and allauth's (sign-in, second factor, sessions, company sign-in), tested by allauth and by
#: test_sign_in, test_company_sign_in_saml and the browser tests of company sign-in.
DJANGO_OWN = (
    "admin:",
    "login",
    "logout",
    "account_",
    "mfa_",
    "usersessions_",
    "socialaccount_",
    "openid_connect_",
    "saml_",
)


#: The directory's SCIM 2.0 endpoints answer only their own bearer token, never a person's
#: session or API token (tests/scim/ proves who gets in; test_auth.py sends a session to every
#: SCIM pattern and gets 401).
OWN_AUTHENTICATION = ("scim:",)


def project_url_names(resolver=None, namespace=""):
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from project_url_names(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}"


def test_the_table_names_every_url_pattern():
    names = {
        name for name in project_url_names() if not name.startswith(DJANGO_OWN + OWN_AUTHENTICATION)
    }
    assert names == set(RULES) | set(API_RULES), "Add the new URL to RULES with who may use it."


def expected(name: str, actor: str, method: str):
    methods, who = RULES[name]
    if who in ("public", "token"):
        return OK if method in methods else 405
    if actor == "anonymous":
        return LOGIN
    if method not in methods:
        return 405
    if who == "everyone":
        return OK
    if who == "managers":
        return OK if actor == "manager" else 403
    if who == "admins":
        return OK if actor == "admin" else 403
    if who == "owner or managers" and actor == "manager":
        return OK
    if who == "owner or admins" and actor == "admin":
        return OK
    if who == "owner, managers or reviewers" and actor in ("manager", "reviewer"):
        return OK
    if actor == "former reviewer" and (name, method) in FORMER_REVIEWER_KEEPS:
        return OK
    return OK if actor == "owner" else 404


@pytest.fixture
def world(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    organisation = OrganisationProfile.load()
    organisation.logo.save("logo.png", ContentFile(png_bytes()))
    owner = make_user("owner")
    users = {
        "other staff": make_user("staffer"),
        "owner": owner,
        "manager": make_user("manager"),
        "admin": make_user("hradmin", is_staff=True),
    }
    Group.objects.get(name="HR staff").user_set.add(owner, users["other staff"])
    Group.objects.get(name="HR managers").user_set.add(users["manager"])
    Group.objects.get(name="HR admins").user_set.add(users["admin"])
    users["reviewer"] = make_user("reviewer")
    users["former reviewer"] = make_user("former")
    Group.objects.get(name="Reviewers").user_set.add(users["reviewer"], users["former reviewer"])
    draft = make_draft(owner)
    trashed = make_draft(owner, title="In the trash", deleted_at=timezone.now())
    _, token = sharelink_create(job_description=draft, user=owner)
    draft.share_token = token  # kept for url_for: the database keeps only its hash
    # The former reviewer approved version 1 (the approved PDF exists), and the JD, reopened,
    # is now asked of the reviewer in an open round: the reviewer may read it.
    review_submit(
        job_description=draft,
        user=owner,
        reviewers=[users["former reviewer"]],
        expected_version=1,
    )
    review_decide(
        job_description=draft, user=users["former reviewer"], approve=True, seen_version=1
    )
    review_reopen(job_description=draft, user=owner)
    review_submit(
        job_description=draft,
        user=owner,
        reviewers=[users["reviewer"]],
        expected_version=JobDescription.objects.get(pk=draft.pk).version,
    )
    comment_add(job_description=draft, user=users["reviewer"], body="Looks right.")
    make_token(owner)  # for roles:revoke_api_token
    subscription = WebhookSubscription.objects.create(
        name="ATS", url="https://ats.example.com/hook", events=["jd.approved"], owner=owner
    )
    WebhookDelivery.objects.create(
        subscription=subscription, event_type="jd.approved", payload={"type": "jd.approved"}
    )
    BulkExport.objects.create(
        requested_by=owner,
        format="txt",
        total=1,
        finished=1,
        status=BulkExportStatus.READY,
        file=ContentFile(b"PK\x05\x06" + b"\x00" * 18, name="exports/e.zip"),
        expires_at=timezone.now() + timedelta(hours=1),
    )
    return users, draft, trashed


def public_posting_for(draft) -> JobDescription:
    """A JD of the draft's owner on the careers page (approved by the former reviewer), made the
    first time a test asks for one: an approval renders a PDF, which most tests do not need."""
    if not hasattr(draft, "posting"):
        posted = make_draft(draft.owner, location="Chicago, IL")
        fields = {"company": "Northwind", "posting_date": timezone.localdate()}
        jobdescription_save(
            job_description=posted,
            fields={**fields, "publish_on_careers_page": True},
            items={},
            expected_version=posted.version,
        )
        approver = get_user_model().objects.get(username="former")
        review_submit(
            job_description=posted, user=posted.owner, reviewers=[approver], expected_version=2
        )
        review_decide(job_description=posted, user=approver, approve=True, seen_version=2)
        draft.posting = posted
    return draft.posting


def url_for(name: str, draft, trashed) -> str:
    if name == "roles:webhook_send_again":
        delivery = WebhookDelivery.objects.earliest("pk")
        return reverse(name, args=[delivery.subscription_id, delivery.pk])
    if name in (
        "roles:webhook_deliveries",
        "roles:webhook_send_test",
        "roles:webhook_resume",
        "roles:api:webhook",
        "roles:api:webhook_rotate_secret",
    ):
        return reverse(name, args=[WebhookSubscription.objects.get().pk])
    if name in ("roles:careers_job", "roles:careers_job_by_number"):
        posted = public_posting_for(draft)
        args = [posted.pk, "vp-of-operations"] if name == "roles:careers_job" else [posted.pk]
        return reverse(name, args=args)
    if name in ("roles:start_draft", "roles:api:template"):
        return reverse(name, args=["vp-of-operations"])
    if name in (
        "roles:api:draft",
        "roles:api:approvals",
        "roles:api:findings",
    ) or name.startswith("roles:api:review"):
        return reverse(name, args=[draft.pk])
    if name == "roles:api:draft_document":
        return reverse(name, args=[draft.pk, "txt"])
    if name in ("roles:api:approval", "roles:api:approval_pdf"):
        return reverse(name, args=[draft.pk, draft.approvals.get().pk])
    if name in API_RULES:
        return reverse(name)
    if name == "roles:revoke_api_token":
        return reverse(name, args=[ApiToken.objects.get(user=draft.owner).pk])
    if name == "roles:template_preview":
        return reverse(name, args=[vp_template().pk])
    if name == "roles:restore":
        return reverse(name, args=[trashed.pk])
    if name in ("roles:history_version", "roles:history_restore"):
        return reverse(name, args=[draft.pk, Version.objects.get_for_object(draft).first().pk])
    if name == "roles:download":
        return reverse(name, args=[draft.pk, "pdf"])
    if name == "roles:resolve_comment":
        return reverse(name, args=[draft.pk, draft.comments.get().pk])
    if name == "roles:approved_pdf":
        return reverse(name, args=[draft.pk, draft.approvals.get().pk])
    if name in ("roles:bulk_export", "roles:bulk_export_download"):
        return reverse(name, args=[BulkExport.objects.get().pk])
    if name == "roles:revoke_share_link":
        return reverse(name, args=[draft.pk, draft.share_links.get().pk])
    if RULES[name][1] == "token":
        return reverse(name, args=[draft.share_token])
    if name == "roles:new_row":
        return reverse(name, args=[draft.pk, "kpis"]) + "?kpis-TOTAL_FORMS=9"
    _, who = RULES[name]
    if who in ("owner", "owner or managers", "owner, managers or reviewers"):
        return reverse(name, args=[draft.pk])
    return reverse(name)


@pytest.mark.parametrize("method", ["GET", "POST"])
@pytest.mark.parametrize("actor", ACTORS)
def test_authorization_matrix(world, actor, method):
    users, draft, trashed = world
    failures = []
    for name in sorted(RULES):
        client = Client()
        if actor != "anonymous":
            client.force_login(users[actor])
        url = url_for(name, draft, trashed)
        response = client.get(url) if method == "GET" else client.post(url)
        want = expected(name, actor, method)
        if want == LOGIN:
            got = (
                LOGIN
                if response.status_code == 302 and "/accounts/login/" in response.url
                else response.status_code
            )
        elif want == OK:
            redirected_to_login = response.status_code == 302 and "/accounts/login/" in response.url
            got = (
                OK
                if (
                    response.status_code < 400
                    or (response.status_code == 400 and name in NEED_FORM_DATA)
                )
                and not redirected_to_login
                else response.status_code
            )
        else:
            got = response.status_code
        if got != want:
            failures.append(f"{method} {name} as {actor}: expected {want}, got {got}")
        draft.refresh_from_db()
        if draft.deleted_at:  # a permitted delete: put it back for the next URL
            draft.deleted_at = None
            draft.save()
        ShareLink.objects.filter(job_description=draft).exclude(
            pk=draft.share_links.earliest("pk").pk
        ).delete()  # a permitted "make a link": one link stays, for the URLs that name it
        ShareLink.objects.update(revoked_at=None)  # a permitted revoke: open it again
        ApiToken.objects.update(revoked_at=None)
        # A permitted reopen, archive or hand-over: put the JD back as it was.
        draft.__class__.objects.filter(pk=draft.pk).update(
            review_state=ReviewState.APPROVED, owner=users["owner"]
        )
        if trashed.__class__.objects.filter(pk=trashed.pk, deleted_at__isnull=True).exists():
            trashed.__class__.objects.filter(pk=trashed.pk).update(deleted_at=timezone.now())
    assert not failures, "\n".join(failures)


def expected_from_api(name: str, actor: str, method: str):
    methods, who = API_RULES[name]
    if actor in ("anonymous", "session only"):
        return 401
    if method not in methods:
        return 405
    if actor == READ_ONLY_OWNER:
        if API_SCOPES.get((name, method), "read") != "read":
            return 403
        actor = "owner"
    who = who[method] if isinstance(who, dict) else who
    passed = API_PASSED_OTHERWISE.get((name, method), API_PASSED[method])
    if who == "owner or admins":
        return passed if actor in ("owner", "admin") else 404
    if who == "everyone" or actor == "owner":
        return passed
    if who == "owner, managers or reviewers" and actor in ("manager", "reviewer"):
        return passed
    if actor == "former reviewer" and name in API_FORMER_REVIEWER_KEEPS:
        return passed
    return 404


def api_call(client, name: str, url: str, method: str, headers: dict):
    """One operation, sent as an integration would: a JSON body where the route needs one to get
    through (``API_BODIES``), else none."""
    if name in API_BODIES:
        body = json.dumps(API_BODIES[name])
        return client.generic(method, url, body, content_type="application/json", **headers)
    return client.generic(method, url, **headers)


def api_mismatch(client, name: str, url: str, actor: str, method: str, headers: dict) -> list:
    response = api_call(client, name, url, method, headers)
    want = expected_from_api(name, actor, method)
    if response.status_code != want:
        return [f"{method} {name} as {actor}: expected {want}, got {response.status_code}"]
    if want >= 400 and response["Content-Type"] != "application/problem+json":
        return [f"{method} {name} as {actor}: {want} is not problem+json"]
    return []


@pytest.mark.parametrize("actor", [*ACTORS, "session only", READ_ONLY_OWNER])
def test_api_authorization_matrix(world, actor):
    """Every API route × who asks (with a token holding every scope, or the owner's with only
    "read") × every method: the gate that the API lets through exactly whom the pages' access
    helper does. Nothing is written: creates are sent without a body, writes without If-Match."""
    users, draft, trashed = world
    client = Client()
    headers = {}
    if actor == "session only":
        client.force_login(users["owner"])  # the draft's owner, signed in, without a token
    elif actor == READ_ONLY_OWNER:
        headers = bearer(make_token(users["owner"], ("read",))[1])
    elif actor != "anonymous":
        headers = bearer(make_token(users[actor], ALL_SCOPES)[1])
    state = JobDescription.objects.values_list("version", "review_state", "deleted_at").get(
        pk=draft.pk
    )
    failures = []
    urls = {name: url_for(name, draft, trashed) for name in API_RULES}
    for name in sorted(API_RULES):
        url = urls[name]
        for method in API_METHODS:
            if method == "DELETE":
                continue
            failures += api_mismatch(client, name, url, actor, method, headers)
    for name in sorted(API_RULES):
        failures += api_mismatch(client, name, urls[name], actor, "DELETE", headers)
    assert not failures, "\n".join(failures)
    assert (
        JobDescription.objects.values_list("version", "review_state", "deleted_at").get(pk=draft.pk)
        == state
    )
    assert JobDescription.objects.count() == 2  # nothing started


def test_api_routes_refuse_a_token_without_their_scope(world):
    """The owner's token holding every scope but the one an operation needs: 403, for each."""
    users, draft, trashed = world
    client = Client()
    failures = []
    tokens = {
        scope: make_token(users["owner"], [s for s in ALL_SCOPES if s != scope])[1]
        for scope in ALL_SCOPES
    }
    for name, (methods, _) in sorted(API_RULES.items()):
        url = url_for(name, draft, trashed)
        for method in sorted(methods, key=API_METHODS.index):
            scope = API_SCOPES.get((name, method), "read")
            response = api_call(client, name, url, method, bearer(tokens[scope]))
            if response.status_code != 403:
                failures.append(f"{method} {name} without {scope}: got {response.status_code}")
    assert not failures, "\n".join(failures)


def test_every_post_needs_a_csrf_token(world):
    users, draft, trashed = world
    client = Client(enforce_csrf_checks=True)
    client.force_login(users["owner"])
    for name, (methods, _) in RULES.items():
        if "POST" in methods:
            response = client.post(url_for(name, draft, trashed), {"title": "x"})
            assert response.status_code == 403, name
    draft.refresh_from_db()
    assert draft.deleted_at is None
    assert draft.title == "VP of Operations"


def test_draft_pages_and_pdfs_are_never_cached(world):
    users, draft, _ = world
    client = Client()
    client.force_login(users["owner"])
    urls = [
        reverse("roles:edit", args=[draft.pk]),
        reverse("roles:preview", args=[draft.pk]),
        reverse("roles:download", args=[draft.pk, "pdf"]),
        reverse("roles:draft_list"),
        reverse("roles:trash"),
    ]
    for url in urls:
        cache_control = client.get(url)["Cache-Control"]
        assert "private" in cache_control and "no-store" in cache_control, url


def test_owners_download_their_pdfs_without_a_permission_lookup(alice_client, alice):
    """Ownership is checked first; only someone else's draft needs the read-all permission."""
    draft = make_draft(alice)
    url = f"/drafts/{draft.pk}/download/pdf/"
    assert alice_client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert alice_client.get(url).status_code == 200  # from the cache
    assert not any("auth_permission" in query["sql"] for query in queries.captured_queries)
