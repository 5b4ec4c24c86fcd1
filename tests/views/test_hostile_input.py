"""Random and adversarial input on every form: never a 500, limits enforced with a message,
stored text identical to what was typed, and always escaped when shown."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from roles.documents.data import document_from_draft
from roles.documents.html import render_html
from roles.models import (
    ITEM_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    JobDescription,
    OrganisationProfile,
    RoleTemplate,
)
from tests.helpers.data import PLACE_HEADCOUNTS_NONE, editor_data

pytestmark = pytest.mark.django_db
FAST = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Text people type, plus what attackers and odd keyboards send.
NASTY = [
    "<script>alert(1)</script>",
    "{{ settings.SECRET_KEY }}",
    "{% debug %}",
    "\u202e",
    "\u200f",
    "\x00",
    "\x07",
    "\r\n",
    "🚀",
    "运营",
    "مدير",
    "Ł",
    "&amp;",
    "'\"",
    "%s",
]
any_text = st.text(st.characters(exclude_categories=["Cs"]), max_size=300)
typed_text = st.lists(
    st.one_of(st.sampled_from(NASTY), st.text("abcXYZ 09-,.", min_size=1, max_size=12)),
    max_size=12,
).map("".join)
salary = st.one_of(st.integers(-(10**20), 10**20).map(str), st.sampled_from(["", "1e5", "abc"]))


def post_editor(client, draft, **changes):
    fresh = JobDescription.objects.get(pk=draft.pk)
    return client.post(fresh.get_absolute_url(), editor_data(fresh, **changes))


@FAST
@given(title=st.one_of(typed_text, any_text), item=st.one_of(typed_text, any_text))
@example(title=" <script>alert(1)</script> {{ x }} 🚀 运营 ", item="Own the plan & {% debug %}")
@example(title="Ops\x00Lead", item="fine")
def test_editor_text_is_stored_exactly_or_refused_with_a_message(alice_client, draft, title, item):
    before = JobDescription.objects.get(pk=draft.pk)
    response = post_editor(alice_client, draft, title=title, **{"responsibilities-0-text": item})
    assert response.status_code in (200, 302)
    after = JobDescription.objects.get(pk=draft.pk)
    if response.status_code == 302:
        assert after.title == title.strip()
        assert after.responsibilities.first().text == item.strip()
        page = alice_client.get(reverse("roles:preview", args=[draft.pk])).content.decode()
        assert escape(after.title) in page
        assert escape(after.title) in render_html(document_from_draft(after))
    else:
        # Refused: the summary says why, and every reason points at a field that was changed.
        page = response.content.decode()
        assert "The draft was not saved" in page
        reasons = re.findall(r'<li><a href="#([^"]+)">', summary_of(page))
        assert reasons, "a refusal names its reasons"
        assert set(reasons) <= {"id_title", "id_responsibilities-0-text"}
        assert (after.title, after.version) == (before.title, before.version)


def summary_of(page: str) -> str:
    """The editor's error summary: the list of reasons a save was refused."""
    start = page.index('id="error-summary"')
    return page[start : page.index("</div>", start)]


def lists_of(draft) -> dict[str, list]:
    return {
        name: list(getattr(draft, name).values_list("pk", "position", *fields))
        for name, fields in (
            ("responsibilities", ["text"]),
            ("kpis", ["name", "measure", "target", "cadence"]),
            ("qualifications", ["text", "kind"]),
        )
    }


@FAST
@given(low=salary, high=salary)
def test_salaries_never_break_the_editor(alice_client, draft, low, high):
    before = JobDescription.objects.get(pk=draft.pk)
    response = post_editor(alice_client, draft, salary_min=low, salary_max=high)
    assert response.status_code in (200, 302)
    after = JobDescription.objects.get(pk=draft.pk)
    if response.status_code == 302:
        assert after.salary_min is None or 0 <= after.salary_min <= 100_000_000
        assert (
            after.salary_min is None
            or after.salary_max is None
            or after.salary_min <= after.salary_max
        )
    else:
        assert "The draft was not saved" in response.content.decode()
        assert (after.salary_min, after.salary_max, after.version) == (
            before.salary_min,
            before.salary_max,
            before.version,
        )


def test_text_that_looks_like_code_is_saved_as_typed(alice_client, draft):
    title = " <script>alert(1)</script> {{ x }} {% debug %} 🚀 运营 "
    response = post_editor(alice_client, draft, title=title)
    assert response.status_code == 302
    assert JobDescription.objects.get(pk=draft.pk).title == title.strip()


def test_a_valid_salary_range_is_saved(alice_client, draft):
    assert (
        post_editor(alice_client, draft, salary_min="180000", salary_max="220000").status_code
        == 302
    )
    after = JobDescription.objects.get(pk=draft.pk)
    assert (after.salary_min, after.salary_max) == (180_000, 220_000)


@FAST
@given(
    total=st.one_of(st.integers(-5, 10**7).map(str), any_text),
    initial=st.one_of(st.integers(-5, 100).map(str), any_text),
    prefix=st.sampled_from(["responsibilities", "kpis", "qualifications"]),
)
def test_tampered_management_forms_are_refused_not_crashed(
    alice_client, draft, total, initial, prefix
):
    before = lists_of(draft)
    changes = {f"{prefix}-TOTAL_FORMS": total, f"{prefix}-INITIAL_FORMS": initial}
    response = post_editor(alice_client, draft, **changes)
    assert response.status_code in (200, 302)
    # Saved or refused, the lists are as they were: the rows the page sent are the rows it had,
    # so a count that says otherwise may not lose, add or duplicate one.
    assert lists_of(draft) == before
    if response.status_code == 200:
        page = response.content.decode()
        assert "The draft was not saved" in page or "ManagementForm data is missing" in page


def test_limits_are_messages(alice_client, draft):
    response = post_editor(
        alice_client,
        draft,
        title="t" * (TITLE_MAX_LENGTH + 1),
        **{"kpis-0-measure": "m" * (ITEM_MAX_LENGTH + 1)},
    )
    page = response.content.decode()
    assert f"Ensure this value has at most {TITLE_MAX_LENGTH} characters" in page
    assert f"Ensure this value has at most {ITEM_MAX_LENGTH} characters" in page


@FAST
@given(username=any_text, password=any_text)
def test_sign_in_never_breaks(db, username, password):
    response = Client().post(reverse("login"), {"login": username, "password": password})
    assert response.status_code in (200, 429)


@FAST
@given(query=any_text, page=any_text)
def test_search_never_breaks(alice_client, draft, query, page):
    response = alice_client.get(reverse("roles:draft_list"), {"q": query, "page": page})
    assert response.status_code == 200


@FAST
@given(count=any_text)
def test_new_row_never_breaks(alice_client, draft, count):
    url = reverse("roles:new_row", args=[draft.pk, "kpis"])
    assert alice_client.get(url, {"kpis-TOTAL_FORMS": count}).status_code in (200, 400)


@FAST
@given(
    name=any_text, colour=st.one_of(any_text, st.from_regex(r"\A#[0-9a-fA-F]{6}\Z")), about=any_text
)
def test_the_organisation_profile_form_never_breaks(admin_client, name, colour, about):
    profile = OrganisationProfile.load()
    url = reverse("admin:roles_organisationprofile_change", args=[profile.pk])
    data = {"name": name, "accent_colour": colour, "paper_size": "A4", "about": about}
    response = admin_client.post(url, data | {"equal_opportunity": ""} | PLACE_HEADCOUNTS_NONE)
    assert response.status_code in (200, 302)
    profile.refresh_from_db()
    if response.status_code == 302:
        assert re.fullmatch(r"#[0-9a-fA-F]{6}", profile.accent_colour)
        assert profile.about == about.strip()
    else:
        assert "errornote" in response.content.decode()


@FAST
@given(title=any_text, summary=any_text, text=any_text)
def test_the_role_template_admin_form_never_breaks(admin_client, title, summary, text):
    template = RoleTemplate.objects.get(slug="director-of-operations")
    url = reverse("admin:roles_roletemplate_change", args=[template.pk])
    data = {
        "title": title,
        "slug": template.slug,
        "level": template.level_id,
        "display_order": 2,
        "salary_currency": "USD",
        "pay_period": "year",
        "summary": summary,
        "responsibilities-TOTAL_FORMS": 1,
        "responsibilities-INITIAL_FORMS": 0,
        "responsibilities-0-position": 99,
        "responsibilities-0-text": text,
    }
    for prefix in ("kpis", "qualifications", "locations"):
        data |= {f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0}
    response = admin_client.post(url, data)
    assert response.status_code in (200, 302)
    stored = RoleTemplate.objects.get(pk=template.pk)
    if response.status_code == 302:
        assert stored.title == title.strip()
        assert list(stored.responsibilities.values_list("text", flat=True))[-1] == text.strip()
    else:
        assert "errornote" in response.content.decode()
        assert stored.title == template.title
