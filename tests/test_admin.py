"""The admin pages HR admins use beyond the role library."""

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from roles.models import OrganisationProfile
from roles.tasks import render_draft_pdf
from tests.helpers.data import make_user, organisation_profile_data, png_bytes

pytestmark = pytest.mark.django_db


def test_admin_edits_the_single_organisation_profile(admin_client, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    profile = OrganisationProfile.load()
    url = f"/admin/roles/organisationprofile/{profile.pk}/change/"
    response = admin_client.post(url, organisation_profile_data(accent_colour="red"))
    assert "Enter a colour as #RRGGBB" in response.content.decode()
    response = admin_client.post(
        url,
        organisation_profile_data(
            paper_size="letter",
            about="About Contoso.",
            logo=SimpleUploadedFile("c.png", png_bytes()),
        ),
    )
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.name == "Contoso"
    assert profile.logo.name.startswith("logos/c")
    assert admin_client.get("/admin/roles/organisationprofile/add/").status_code == 403


def test_hr_admins_read_the_task_results_and_no_one_else(client, draft):
    failed = DBTaskResult.objects.get(pk=render_draft_pdf.enqueue(draft.pk, 1).id)
    failed.set_failed(OSError("the media storage did not answer"))
    hr_admin = make_user("hradmin", is_staff=True)
    Group.objects.get(name="HR admins").user_set.add(hr_admin)
    staff = make_user("staffer", is_staff=True)
    url = "/admin/django_tasks_database/dbtaskresult/"
    client.force_login(hr_admin)
    listing = client.get(url)
    assert listing.status_code == 200
    assert "render_draft_pdf" in listing.content.decode()
    detail = client.get(f"{url}{failed.pk}/change/").content.decode()
    assert "the media storage did not answer" in detail  # the traceback says why
    client.force_login(staff)
    assert client.get(url).status_code == 403


GUIDANCE_TABLES = [
    "level",
    "gendercodedword",
    "gendercodedexception",
    "languageterm",
    "levelguidequestion",
    "payband",
]


@pytest.mark.parametrize("model", [*GUIDANCE_TABLES, "paytransparencyrule"])
def test_hr_admins_keep_the_guidance_tables(admin_client, model):
    changelist = admin_client.get(reverse(f"admin:roles_{model}_changelist"))
    assert changelist.status_code == 200
    assert admin_client.get(reverse(f"admin:roles_{model}_add")).status_code == 200


def test_a_pay_rule_is_edited_with_its_requirements_as_checkboxes(admin_client):
    from roles.models import PayTransparencyRule

    rule = PayTransparencyRule.objects.get(jurisdiction="Colorado")
    url = reverse("admin:roles_paytransparencyrule_change", args=[rule.pk])
    page = admin_client.get(url).content.decode()
    assert 'type="checkbox" name="requirements" value="application_deadline"' in page
    assert "checked" in page.split('value="application_deadline"')[1][:40]
    data = {
        field: getattr(rule, field)
        for field in (
            "jurisdiction",
            "country",
            "region",
            "locality",
            "employee_count_note",
            "currency",
            "what_must_be_shown",
            "source_title",
            "source_url",
            "notes",
        )
    } | {
        "min_employees": 1,
        "covers_remote": "on",
        "mandatory": "on",
        "effective_from": "2021-01-01",
        "facts_checked": "2026-11-30",
        "requirements": ["range", "benefits", "made_up"],
    }
    response = admin_client.post(url, data)
    assert response.status_code == 200 and "made_up is not one of the available" in (
        response.content.decode()
    )
    data["requirements"] = ["range", "benefits"]
    assert admin_client.post(url, data).status_code == 302
    rule.refresh_from_db()
    assert rule.requirements == ["range", "benefits"]


def test_a_language_pattern_must_compile(admin_client):
    data = {
        "term": "broken",
        "category": "jargon",
        "match": "pattern",
        "pattern": "(unclosed",
        "why": "A test.",
        "is_active": "on",
    }
    response = admin_client.post(reverse("admin:roles_languageterm_add"), data)
    assert response.status_code == 200
    assert "Not a valid regular expression" in response.content.decode()


@pytest.mark.parametrize("model", [*GUIDANCE_TABLES, "paytransparencyrule"])
def test_hr_admins_not_only_superusers_keep_the_guidance_tables(client, model):
    hr_admin = make_user("hradmin", is_staff=True)
    Group.objects.get(name="HR admins").user_set.add(hr_admin)
    client.force_login(hr_admin)
    assert client.get(reverse(f"admin:roles_{model}_changelist")).status_code == 200
    assert client.get(reverse(f"admin:roles_{model}_add")).status_code == 200
    if model == "level":  # the signals are edited on their level's page
        from roles.models import Level

        page = client.get(
            reverse("admin:roles_level_change", args=[Level.objects.get(slug="vp").pk])
        )
        assert 'name="signals-TOTAL_FORMS"' in page.content.decode()
    staff = make_user("staffer", is_staff=True)
    Group.objects.get(name="HR staff").user_set.add(staff)
    client.force_login(staff)
    assert client.get(reverse(f"admin:roles_{model}_changelist")).status_code == 403
