"""The admin pages HR admins use beyond the role library."""

import hashlib
import json

import pytest
import reversion
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from reversion.models import Version

from roles.models import JobDescription, OrganisationProfile, RoleTemplate
from roles.services.documents import render_draft_pdf
from roles.services.drafts import jobdescription_trash
from tests.helpers.data import (
    make_draft,
    make_user,
    organisation_profile_data,
    png_bytes,
    template_admin_data,
    vp_template,
)
from tests.helpers.review import approve, make_reviewer

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
        "headcount_counted": "total",
        "internal_postings": "covered",
        "remote_reach": "resident",
        "item_dates": '{"application_deadline": "2024-01-01"}',
        "advice_items": ["no_open_ended"],
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
    assert rule.item_dates == {"application_deadline": "2024-01-01"}
    assert rule.advice_items == ["no_open_ended"]
    data |= {"item_dates": "", "advice_items": []}
    assert admin_client.post(url, data).status_code == 302
    rule.refresh_from_db()
    assert rule.item_dates == {} and rule.advice_items == []
    data["item_dates"] = '{"application_deadline": "soon"}'
    response = admin_client.post(url, data)
    assert "is not a date" in response.content.decode()


def test_a_pay_rules_words_and_postings_source_are_edited_in_the_admin(admin_client):
    from roles.models import PayTransparencyRule
    from roles.models.guidance import LAW_WORDS_MAX_LENGTH

    rule = PayTransparencyRule.objects.get(jurisdiction="Minnesota")
    url = reverse("admin:roles_paytransparencyrule_change", args=[rule.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {name: form.initial[name] for name in form.fields if form.initial.get(name) is not None}
    for name in ("item_dates", "law_words"):
        data[name] = json.dumps(data.get(name) or {})
    data["mandatory"] = "on" if rule.mandatory else ""
    words = {"range": {"words": "the starting salary range", "cite": "§ 181.173, subd. 2"}}
    data |= {"law_words": json.dumps(words), "postings_source": "its subd. 1"}
    assert admin_client.post(url, data).status_code == 302
    rule.refresh_from_db()
    assert rule.law_words == words and rule.postings_source == "its subd. 1"
    for wrong, says in (
        ({"range": "the starting salary range"}, "give {“words”: …, “cite”: …}"),
        ({"range": {"words": "x" * (LAW_WORDS_MAX_LENGTH + 1), "cite": "§ 1"}}, "at most 600"),
        ({"made_up": {"words": "x", "cite": "§ 1"}}, "Unknown requirements: made_up"),
    ):
        data["law_words"] = json.dumps(wrong)
        page = admin_client.post(url, data).content.decode()
        assert says in page.replace("&quot;", '"').replace("&#x27;", "'"), says
    data["law_words"] = ""
    assert admin_client.post(url, data).status_code == 302
    rule.refresh_from_db()
    assert rule.law_words == {}


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


def _template_version(template: RoleTemplate) -> Version:
    """Record ``template`` with its lists as one revision, as an admin save does."""
    with reversion.create_revision():
        reversion.add_to_revision(template)
    return Version.objects.get_for_object(template).first()


def _draft_state(draft: JobDescription) -> tuple:
    draft = JobDescription.objects.get(pk=draft.pk)
    items = tuple(draft.responsibilities.values_list("pk", "text"))
    return draft.title, draft.version, draft.owner_id, draft.deleted_at, draft.review_state, items


def _template_revision_urls(template_pk: int, version_pk: int) -> list[str]:
    return [
        reverse("admin:roles_roletemplate_recover", args=[version_pk]),
        reverse("admin:roles_roletemplate_revision", args=[template_pk, version_pk]),
    ]


@pytest.mark.parametrize("method", ["get", "post"])
def test_the_template_history_never_shows_or_restores_a_drafts_version(
    admin_client, alice, bob, method
):
    """A draft's saved version, named by id in the template admin's recover or revision URL,
    is a 404: it is neither shown nor restored (text, version, owner and trash as they were)."""
    draft = make_draft(alice)
    draft_version = Version.objects.get_for_object(draft).get()
    JobDescription.objects.filter(pk=draft.pk).update(title="Edited since", version=2, owner=bob)
    draft.responsibilities.update(text="Edited since")
    jobdescription_trash(job_description=JobDescription.objects.get(pk=draft.pk))
    before = _draft_state(draft)
    template = vp_template()
    for url in _template_revision_urls(template.pk, draft_version.pk):
        data = template_admin_data(template) if method == "post" else None
        response = getattr(admin_client, method)(url, data)
        assert response.status_code == 404, url
        assert _draft_state(draft) == before
    # Nor a template's version sharing its revision with a draft's.
    with reversion.create_revision():
        reversion.add_to_revision(template)
        reversion.add_to_revision(JobDescription.objects.get(pk=draft.pk))
    mixed = Version.objects.get_for_object(template).first()
    for url in _template_revision_urls(template.pk, mixed.pk):
        data = template_admin_data(template) if method == "post" else None
        assert getattr(admin_client, method)(url, data).status_code == 404, url
    assert _draft_state(draft) == before
    history = admin_client.get(reverse("admin:roles_roletemplate_history", args=[template.pk]))
    assert f"/history/{mixed.pk}/" not in history.content.decode()


def test_the_template_history_shows_and_restores_a_templates_own_version(admin_client):
    template = vp_template()
    version = _template_version(template)
    old_title = template.title
    RoleTemplate.objects.filter(pk=template.pk).update(title="Renamed since")
    url = reverse("admin:roles_roletemplate_revision", args=[template.pk, version.pk])
    page = admin_client.get(url)
    assert page.status_code == 200
    assert old_title in page.content.decode()
    assert RoleTemplate.objects.get(pk=template.pk).title == "Renamed since"
    response = admin_client.post(url, template_admin_data(template, title=old_title))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert RoleTemplate.objects.get(pk=template.pk).title == old_title
    history = admin_client.get(reverse("admin:roles_roletemplate_history", args=[template.pk]))
    assert f"/history/{version.pk}/" in history.content.decode()
    # A template's version under another template's URL is a 404 too.
    url = reverse("admin:roles_roletemplate_revision", args=[template.pk + 1000, version.pk])
    assert admin_client.get(url).status_code == 404


def test_a_deleted_template_is_recovered_from_its_own_version(admin_client):
    template = RoleTemplate.objects.create(
        title="Head of Facilities", slug="head-of-facilities", level_id="vp", summary="Runs sites."
    )
    template.responsibilities.create(position=1, text="Keeps the sites running.")
    version = _template_version(template)
    template.delete()
    recover_list = admin_client.get(reverse("admin:roles_roletemplate_recoverlist"))
    assert f"/recover/{version.pk}/" in recover_list.content.decode()
    url = reverse("admin:roles_roletemplate_recover", args=[version.pk])
    page = admin_client.get(url)
    assert page.status_code == 200
    assert "Head of Facilities" in page.content.decode()
    assert not RoleTemplate.objects.filter(slug="head-of-facilities").exists()
    recovered = RoleTemplate(pk=version.object_id, **version.field_dict)
    data = template_admin_data(recovered)
    data |= {"responsibilities-TOTAL_FORMS": 1, "responsibilities-INITIAL_FORMS": 1}
    item = next(v for v in version.revision.version_set.all() if v.object_id != version.object_id)
    data |= {
        "responsibilities-0-id": item.object_id,
        "responsibilities-0-template": version.object_id,
        "responsibilities-0-position": 1,
        "responsibilities-0-text": "Keeps the sites running.",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    restored = RoleTemplate.objects.get(slug="head-of-facilities")
    assert list(restored.responsibilities.values_list("text", flat=True)) == [
        "Keeps the sites running."
    ]


def test_the_admin_serves_an_approved_pdf_only_to_those_who_read_every_draft(
    client, alice, settings, tmp_path
):
    """The approvals admin links the app's own download, never the stored file, and serves the
    exact stored bytes to an HR admin who may read every draft; to one who may not, a 404."""
    settings.MEDIA_ROOT = tmp_path
    approval = approve(make_draft(alice), make_reviewer("ceo"))
    stored = approval.pdf.read()
    hr_admin = make_user("hradmin", is_staff=True)
    Group.objects.get(name="HR admins").user_set.add(hr_admin)
    client.force_login(hr_admin)
    url = reverse("admin:roles_approval_pdf", args=[approval.pk])
    for page in (
        client.get(reverse("admin:roles_approval_changelist")),
        client.get(reverse("admin:roles_approval_change", args=[approval.pk])),
    ):
        assert page.status_code == 200
        assert url in page.content.decode()
        assert approval.pdf.url not in page.content.decode()
        assert approval.pdf.name not in page.content.decode()
    assert client.get(url).status_code == 404
    hr_admin.user_permissions.add(Permission.objects.get(codename="read_all_jobdescriptions"))
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content) == stored
    assert hashlib.sha256(stored).hexdigest() == approval.sha256
    missing = reverse("admin:roles_approval_pdf", args=[approval.pk + 1])
    assert client.get(missing).status_code == 404


def pay_rule_data(rule, **changes) -> dict:
    """The pay rule admin form's POST data for ``rule`` as stored, with ``changes``."""
    import json

    data = {
        field: getattr(rule, field) or ""
        for field in (
            "jurisdiction",
            "country",
            "region",
            "locality",
            "min_employees",
            "headcount_counted",
            "employee_count_note",
            "internal_postings",
            "remote_reach",
            "max_range_width",
            "exempt_above",
            "currency",
            "effective_from",
            "enforced_from",
            "what_must_be_shown",
            "source_title",
            "source_url",
            "facts_checked",
            "notes",
        )
    }
    data |= {
        "requirements": rule.requirements,
        "advice_items": rule.advice_items,
        "item_dates": json.dumps(rule.item_dates),
    }
    if rule.mandatory:
        data["mandatory"] = "on"
    return data | changes


def test_a_pay_rules_country_is_a_choice_and_its_region_one_of_the_countrys(admin_client):
    from roles.models import PayTransparencyRule

    rule = PayTransparencyRule.objects.get(jurisdiction="Colorado")
    url = reverse("admin:roles_paytransparencyrule_change", args=[rule.pk])
    page = admin_client.get(url).content.decode()
    assert '<select name="country"' in page and '<option value="EU">' in page
    refused = admin_client.post(url, pay_rule_data(rule, region="ZZ"))
    assert "Not a state or province of US." in refused.content.decode()
    assert admin_client.post(url, pay_rule_data(rule, country="XX")).status_code == 200
    assert admin_client.post(url, pay_rule_data(rule, region="colorado")).status_code == 302
    rule.refresh_from_db()
    assert rule.region == "CO"


def test_a_pay_rule_says_how_many_current_drafts_it_applies_to(admin_client, alice):
    from roles.models import PayTransparencyRule

    make_draft(alice, location="Denver, CO")
    make_draft(alice, location="Denver, CO")
    make_draft(alice, location="Austin, TX")
    rule = PayTransparencyRule.objects.get(jurisdiction="Colorado")
    page = admin_client.get(reverse("admin:roles_paytransparencyrule_change", args=[rule.pk]))
    assert "This rule applies to 2 current drafts." in page.content.decode()


def test_the_rules_page_warns_of_facts_checked_over_a_year_ago(admin_client):
    import datetime

    from roles.models import PayTransparencyRule

    PayTransparencyRule.objects.filter(jurisdiction="Nevada").update(
        facts_checked=datetime.date(2020, 1, 1)
    )
    page = admin_client.get(reverse("admin:roles_paytransparencyrule_changelist"))
    html = page.content.decode()
    assert html.count("over a year ago: check it again") == 1


def test_the_rules_page_lists_rules_changed_here_and_the_seed_reaches_the_others(admin_client):
    from roles.models import PayTransparencyRule

    changelist = reverse("admin:roles_paytransparencyrule_changelist")
    assert "Changed here" not in admin_client.get(changelist).content.decode()
    # As seeded and corrected: the corrections reached every row (DC's benefits are advice).
    assert PayTransparencyRule.objects.get(jurisdiction="Washington DC").advice_items == [
        "benefits"
    ]
    rule = PayTransparencyRule.objects.get(jurisdiction="Toledo")
    url = reverse("admin:roles_paytransparencyrule_change", args=[rule.pk])
    assert (
        admin_client.post(url, pay_rule_data(rule, notes="Our counsel's note.")).status_code == 302
    )
    html = admin_client.get(changelist).content.decode()
    assert "corrections of the reviewed rules do not reach them: Toledo." in html


def test_the_organisation_gives_employees_counted_by_a_rule_that_counts_its_place(admin_client):
    from roles.documents.data import Organisation
    from roles.models import PayTransparencyRule

    profile = OrganisationProfile.load()
    minnesota = PayTransparencyRule.objects.get(jurisdiction="Minnesota")
    url = reverse("admin:roles_organisationprofile_change", args=[profile.pk])
    page = admin_client.get(url).content.decode()
    assert f'<option value="{minnesota.pk}">Minnesota</option>' in page
    colorado = PayTransparencyRule.objects.get(jurisdiction="Colorado")
    assert f'<option value="{colorado.pk}">' not in page  # counts all employees
    data = organisation_profile_data(
        headcount="1000",
        home_region="TX",
        home_country="US",
        **{
            "place_headcounts-TOTAL_FORMS": "1",
            "place_headcounts-0-rule": str(minnesota.pk),
            "place_headcounts-0-employees": "3",
        },
    )
    assert admin_client.post(url, data).status_code == 302
    organisation = Organisation.from_profile(OrganisationProfile.load())
    assert organisation.place_headcounts == (("Minnesota", 3),)
    assert (organisation.home_region, organisation.home_country) == ("TX", "US")


def export_rules(client) -> list:
    import json

    response = client.get(reverse("admin:roles_paytransparencyrule_export"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="pay-rules-')
    return json.loads(response.content)


def upload(client, steps, **extra):
    import json

    url = reverse("admin:roles_paytransparencyrule_import")
    file = SimpleUploadedFile("rules.json", json.dumps(steps).encode(), "application/json")
    return client.post(url, {"file": file, **extra})


def test_the_rules_export_as_a_versioned_file_in_the_seed_files_format(admin_client):
    from roles import seeding

    about, rules = export_rules(admin_client)
    assert about["about"]["format"] == "jdbuilder-pay-rules" and about["about"]["version"] == 1
    assert rules["create"] == "roles.PayTransparencyRule" and rules["key"] == ["jurisdiction"]
    exported = {row["jurisdiction"]: row for row in rules["rows"]}
    seeded = seeding.seeded_rows("roles.PayTransparencyRule", "jurisdiction")
    assert set(exported) == set(seeded)
    assert exported["Colorado"]["item_dates"] == {"application_deadline": "2024-01-01"}
    assert exported["Ontario"]["max_range_width"] == "50000.00"
    # Every seeded rule is valid as the admin checks it (lengths PostgreSQL would refuse).
    unchanged = upload(admin_client, [about, rules]).content.decode()
    assert "The file changes nothing." in unchanged and "38 rules unchanged" in unchanged


def test_an_import_is_previewed_then_applied_and_audited(admin_client):
    from django.contrib.admin.models import LogEntry

    from roles.models import GuidanceStamp, PayTransparencyRule

    about, rules = export_rules(admin_client)
    rows = {row["jurisdiction"]: row for row in rules["rows"]}
    rows["Colorado"]["notes"] = "Reviewed by counsel."
    rows["Oregon"] = rows["Colorado"] | {"jurisdiction": "Oregon", "region": "OR"}
    rules["rows"] = list(rows.values())
    preview = upload(admin_client, [about, rules]).content.decode()
    assert "What this file changes" in preview and "A new rule" in preview
    assert "<td>notes</td>" in preview and "Reviewed by counsel." in preview
    assert "37 rules unchanged" in preview
    assert not PayTransparencyRule.objects.filter(jurisdiction="Oregon").exists()  # not yet
    stamp = GuidanceStamp.objects.get(pk=1).token
    digest = preview.split('name="digest" value="')[1].split('"')[0]
    url = reverse("admin:roles_paytransparencyrule_import")
    import json

    applied = admin_client.post(
        url, {"confirm": "1", "digest": digest, "text": json.dumps([about, rules])}
    )
    assert applied.status_code == 302
    assert PayTransparencyRule.objects.get(jurisdiction="Colorado").notes == "Reviewed by counsel."
    assert PayTransparencyRule.objects.get(jurisdiction="Oregon").region == "OR"
    assert GuidanceStamp.objects.get(pk=1).token != stamp
    entries = LogEntry.objects.filter(object_repr__in=["Colorado", "Oregon"])
    assert entries.count() == 2
    assert all("Imported from a pay rules file" in e.get_change_message() for e in entries)
    # The same confirmation again: the rules moved since that preview.
    again = admin_client.post(
        url, {"confirm": "1", "digest": digest, "text": json.dumps([about, rules])}
    )
    assert "preview the file again" in again.content.decode()


def test_an_import_with_one_bad_row_changes_nothing(admin_client):
    from roles.models import PayTransparencyRule

    about, rules = export_rules(admin_client)
    rows = {row["jurisdiction"]: row for row in rules["rows"]}
    rows["Colorado"]["notes"] = "Changed."
    rows["Toledo"]["requirements"] = ["range", "made_up"]
    rules["rows"] = list(rows.values())
    refused = upload(admin_client, [about, rules]).content.decode()
    assert "Toledo" in refused and "made_up" in refused and "errornote" in refused
    assert PayTransparencyRule.objects.get(jurisdiction="Colorado").notes != "Changed."
    for bad, says in (
        ([], "Not a pay rules file"),
        ([{"about": {"format": "jdbuilder-pay-rules", "version": 2}}], "Version 2"),
        ([about, {"create": "roles.Level", "rows": []}], "creates roles.PayTransparencyRule"),
    ):
        assert says in upload(admin_client, bad).content.decode()


def test_only_admins_who_may_add_and_change_rules_import(client):
    user = make_user("viewer", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_paytransparencyrule"))
    client.force_login(user)
    assert client.get(reverse("admin:roles_paytransparencyrule_import")).status_code == 403
    assert client.get(reverse("admin:roles_paytransparencyrule_export")).status_code == 200
    client.logout()
    anonymous = client.get(reverse("admin:roles_paytransparencyrule_import"))
    assert anonymous.status_code == 302


def test_hr_admins_give_the_employees_counted_by_a_pay_rule(client):
    user = make_user("hr-admin", is_staff=True)
    Group.objects.get(name="HR admins").user_set.add(user)
    client.force_login(user)
    profile = OrganisationProfile.load()
    page = client.get(reverse("admin:roles_organisationprofile_change", args=[profile.pk]))
    assert "employees counted by pay rules that count only their place" in (
        page.content.decode().lower()
    )
    assert 'name="place_headcounts-TOTAL_FORMS"' in page.content.decode()
    assert client.get(reverse("admin:roles_paytransparencyrule_import")).status_code == 200


def test_hr_sets_a_dated_currency_rate_and_the_pay_check_uses_it(admin_client):
    from roles.models import CurrencyRate
    from roles.selectors.guidance import guidance_rules

    url = reverse("admin:roles_currencyrate_add")
    data = {"from_currency": "USD", "to_currency": "CAD", "rate": "1.4", "as_of": "2026-11-01"}
    assert admin_client.post(url, data).status_code == 302
    assert guidance_rules().currency_rates[0][0] == ("USD", "CAD")
    same = admin_client.post(url, data | {"to_currency": "USD"})
    assert "A rate converts between two currencies." in same.content.decode()
    assert CurrencyRate.objects.count() == 1


def test_currency_rates_sit_with_the_pay_rules_on_the_admin_index(admin_client):
    html = admin_client.get("/admin/").content.decode()
    pay_rules = html[html.index(">Pay rules<") : html.index(">People and reviewers<")]
    assert "Currency rates for pay laws" in pay_rules
