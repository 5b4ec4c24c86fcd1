"""The editor's and the live guidance's limits: text over a field's limit is refused and not
checked, the largest valid form still saves while a larger request is refused, and the live check
is rate-limited per person."""

from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.urls import reverse

from roles.forms.editor import ITEM_FORMSETS, JobDescriptionForm
from roles.models import ITEM_MAX_LENGTH, MAX_ITEMS, JobDescription
from roles.views import editor
from tests.helpers.data import editor_data, make_draft

pytestmark = pytest.mark.django_db

CODED = "Be aggressive. "


def guidance(client, draft, **changes):
    return client.post(reverse("roles:guidance", args=[draft.pk]), editor_data(draft, **changes))


def test_an_item_over_its_limit_is_not_checked(alice_client, draft):
    over = (CODED * ITEM_MAX_LENGTH)[: ITEM_MAX_LENGTH + 1]
    html = guidance(alice_client, draft, **{"responsibilities-0-text": over}).content.decode()
    assert "“aggressive” is masculine-coded" not in html
    # Within the limit the same words are checked.
    within = over[:ITEM_MAX_LENGTH]
    html = guidance(alice_client, draft, **{"responsibilities-0-text": within}).content.decode()
    assert "Responsibility 1: “aggressive” is masculine-coded" in html


def test_the_editor_says_text_over_its_limit_is_not_checked(alice_client, draft):
    over = "x" * (ITEM_MAX_LENGTH + 1)
    response = alice_client.post(
        draft.get_absolute_url(), editor_data(draft, **{"kpis-0-measure": over})
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert f"Ensure this value has at most {ITEM_MAX_LENGTH} characters" in page
    assert "guidance does not check it until it is shortened" in page


def _longest(field) -> str | None:
    """A valid value of ``field`` at its limit, or None to keep the stored one."""
    limit = getattr(field, "max_length", None)
    if not limit:
        return None
    if field.__class__.__name__ == "URLField":
        return "https://example.com/" + "a" * (limit - len("https://example.com/"))
    return ("Plan the work. " * limit)[: limit - 1] + "."


def largest_editor_data(draft: JobDescription) -> dict:
    """Every field and every list at its limits: MAX_ITEMS rows, each text at its max_length."""
    data = editor_data(draft)
    for name, field in JobDescriptionForm().fields.items():
        if (value := _longest(field)) is not None:
            data[name] = value
    data["reporting_office_region"] = "IL"  # a state's code, not any eight letters
    for prefix, formset in ITEM_FORMSETS.items():
        saved = int(data[f"{prefix}-TOTAL_FORMS"])
        form = formset.form()
        for index in range(MAX_ITEMS):
            data[f"{prefix}-{index}-ORDER"] = index + 1
            if index >= saved:
                data[f"{prefix}-{index}-id"] = ""
            for column, field in form.fields.items():
                if column in ("id", "ORDER", "DELETE", "job_description"):
                    continue
                value = _longest(field)
                if column == "region":
                    value = "IL"
                elif column == "postal_code":
                    value = "60601-1234"  # a ZIP+4 at the field's 10 characters
                elif value is None:
                    value = data.get(f"{prefix}-0-{column}") or field.choices[-1][0]
                data[f"{prefix}-{index}-{column}"] = value
        data[f"{prefix}-TOTAL_FORMS"] = MAX_ITEMS
    return data


@pytest.mark.parametrize("encoding", ["multipart", "urlencoded"])
def test_the_largest_valid_editor_form_saves(alice_client, draft, encoding):
    data = largest_editor_data(draft)
    if encoding == "multipart":
        response = alice_client.post(draft.get_absolute_url(), data)
    else:
        body = urlencode(data)
        assert len(body) < settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        response = alice_client.post(
            draft.get_absolute_url(), body, content_type="application/x-www-form-urlencoded"
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    saved = JobDescription.objects.get(pk=draft.pk)
    assert saved.responsibilities.count() == MAX_ITEMS
    assert len(saved.summary) == JobDescriptionForm().fields["summary"].max_length
    assert {len(kpi.measure) for kpi in saved.kpis.all()} == {ITEM_MAX_LENGTH}


def test_a_request_over_the_upload_limit_is_refused_not_crashed(alice_client, draft):
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE == 512 * 1024
    data = editor_data(draft, summary="x" * (512 * 1024 + 1))
    response = alice_client.post(draft.get_absolute_url(), data)
    assert response.status_code == 413
    assert "too large" in response.content.decode()
    assert JobDescription.objects.get(pk=draft.pk).summary == draft.summary


def test_live_guidance_is_limited_to_60_checks_a_minute_per_person(
    frozen_window, alice_client, draft, bob, client
):
    for _ in range(editor.GUIDANCE_RATE.limit - 1):
        assert editor.GUIDANCE_RATE.hit(draft.owner_id) is None
    assert guidance(alice_client, draft).status_code == 200  # the 60th
    response = guidance(alice_client, draft)
    assert response.status_code == 429
    assert response["Retry-After"] == "30"
    assert "Try again in 30 seconds" in response.content.decode()
    # Another person has checks of their own.
    bobs = make_draft(bob)
    client.force_login(bob)
    assert guidance(client, bobs).status_code == 200
