import pytest
from django.urls import reverse
from reversion.models import Version

from roles.selectors.history import jobdescription_versions
from tests.helpers.data import make_draft, vp_template
from tests.helpers.pages import editor_values

pytestmark = pytest.mark.django_db


def save(client, draft, **changes):
    values = editor_values(client, draft) | changes
    response = client.post(draft.get_absolute_url(), values)
    assert response.status_code == 302, response.content.decode()[:500]


def test_every_save_keeps_a_revision_with_who_and_what(alice_client, alice):
    draft = make_draft(alice)
    save(alice_client, draft, title="VP of Operations, EMEA", **{"kpis-0-DELETE": "on"})
    versions = list(jobdescription_versions(draft))
    assert len(versions) == 2
    assert versions[0].revision.user == alice
    assert versions[0].field_dict["title"] == "VP of Operations, EMEA"
    assert versions[1].revision.get_comment() == "Started from the “VP of Operations” template"

    page = alice_client.get(reverse("roles:history", args=[draft.pk])).content.decode()
    assert "Title; KPIs: 1 removed" in page
    assert "First version" in page
    assert "alice" in page


def test_the_owner_reads_and_restores_an_earlier_version(alice_client, alice):
    draft = make_draft(alice)
    original_first = draft.responsibilities.first().text
    save(
        alice_client,
        draft,
        title="Changed title",
        **{"responsibilities-0-text": "Changed text", "qualifications-1-DELETE": "on"},
    )
    assert draft.qualifications.count() == 7
    first_version = list(jobdescription_versions(draft))[-1]

    old = alice_client.get(reverse("roles:history_version", args=[draft.pk, first_version.pk]))
    page = old.content.decode()
    assert '<h1 class="jd-title">VP of Operations</h1>' in page
    assert original_first in page
    assert "Changed text" not in page

    response = alice_client.post(
        reverse("roles:history_restore", args=[draft.pk, first_version.pk])
    )
    assert response.url == draft.get_absolute_url()
    draft.refresh_from_db()
    assert draft.title == "VP of Operations"
    assert draft.responsibilities.first().text == original_first
    assert draft.qualifications.count() == 8
    assert draft.version == 3  # the restore is a save: stale editors still conflict
    versions = list(jobdescription_versions(draft))
    assert len(versions) == 3
    assert versions[0].revision.get_comment().startswith("Restored the version of")

    # …and the editor works on top of the restored draft.
    save(alice_client, draft, title="After restore")
    draft.refresh_from_db()
    assert draft.title == "After restore"


def test_versions_of_another_draft_are_not_found(alice_client, alice, bob):
    mine = make_draft(alice)
    theirs = make_draft(bob)
    their_version = Version.objects.get_for_object(theirs).first()
    url = reverse("roles:history_version", args=[mine.pk, their_version.pk])
    assert alice_client.get(url).status_code == 404
    restore = reverse("roles:history_restore", args=[mine.pk, their_version.pk])
    assert alice_client.post(restore).status_code == 404


def test_admin_keeps_template_history(admin_client):
    template = vp_template()
    url = reverse("admin:roles_roletemplate_change", args=[template.pk])
    values = {
        "title": template.title,
        "slug": template.slug,
        "level": template.level_id,
        "reports_to": "Chief Executive Officer",
        "display_order": 1,
        "is_active": "on",
        "summary": template.summary,
        "scope": template.scope,
        "impact": template.impact,
        "collaboration": template.collaboration,
        "salary_currency": "USD",
        "pay_period": "year",
    }
    for prefix in ("responsibilities", "kpis", "qualifications", "locations"):
        values |= {f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0}
    items = list(template.responsibilities.all())
    values |= {
        "responsibilities-TOTAL_FORMS": len(items),
        "responsibilities-INITIAL_FORMS": len(items),
    }
    for index, item in enumerate(items):
        values |= {
            f"responsibilities-{index}-id": item.pk,
            f"responsibilities-{index}-template": template.pk,
            f"responsibilities-{index}-position": item.position,
            f"responsibilities-{index}-text": item.text,
        }
    values["responsibilities-0-DELETE"] = "on"
    values["responsibilities-1-text"] = "Edited in the admin."
    response = admin_client.post(url, values)
    assert response.status_code == 302, response.content.decode()[:3000]
    history = admin_client.get(reverse("admin:roles_roletemplate_history", args=[template.pk]))
    assert history.status_code == 200
    versions = Version.objects.get_for_object(template)
    assert versions.count() == 1
    # The revision holds the lists exactly as saved: not the deleted row, and the edited text.
    saved = {
        v.field_dict["text"]
        for v in versions.first().revision.version_set.all()
        if v.content_type.model == "templateresponsibility"
    }
    assert items[0].text not in saved
    assert "Edited in the admin." in saved
    assert len(saved) == len(items) - 1
