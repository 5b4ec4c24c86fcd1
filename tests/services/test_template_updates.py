"""Template updates reach drafts on request: the template's changes since the copy, taken one at a
time as saves, and the draft marked up to date; nothing changes without the owner's click."""

import pytest
import reversion
from django.core.exceptions import ValidationError
from django.urls import reverse

from roles.models import JobDescription, TemplateResponsibility, TemplateWorkLocation
from roles.selectors.template_updates import template_updates, template_updates_pending
from roles.services.template_updates import template_update_take, template_updates_seen
from tests.helpers.data import make_draft, vp_template

pytestmark = pytest.mark.django_db


def edit_template_in_admin():
    """Change the VP template as an HR admin's save would: the texts, then a revision."""
    template = vp_template()
    first, second, *_ = list(template.responsibilities.all())
    first.text = "Set the company-wide operations strategy and a five-year roadmap."
    first.save()
    second_pk = second.pk
    second.delete()
    second.pk = second_pk  # for the test to name it
    added = TemplateResponsibility.objects.create(
        template=template, position=99, text="Lead the company's sustainability programme."
    )
    template.summary = "A new summary written by HR."
    template.save()
    with reversion.create_revision():
        reversion.add_to_revision(template)
    return first, second, added


def fresh(draft):
    return JobDescription.objects.get(pk=draft.pk)


def test_each_change_is_offered_taken_as_a_save_and_then_marked_seen(alice):
    draft = make_draft(alice)
    assert not template_updates_pending(draft) and template_updates(draft) == ([], None)
    first, second, added = edit_template_in_admin()
    assert template_updates_pending(fresh(draft))
    offered, revision = template_updates(fresh(draft))
    updates = {update.key: update for update in offered}
    assert set(updates) == {
        "field:summary",
        f"changed:responsibilities:{first.pk}",
        f"removed:responsibilities:{second.pk}",
        f"added:responsibilities:{added.pk}",
    }
    assert draft.responsibilities.count() == 12  # nothing taken yet: the draft is as it was

    for key in list(updates):
        current = fresh(draft)
        template_update_take(
            job_description=current,
            user=alice,
            key=key,
            expected_version=current.version,
            shown_revision=revision,
        )
    after = fresh(draft)
    assert after.version == 5 and after.summary == "A new summary written by HR."
    texts = list(after.responsibilities.values_list("text", flat=True))
    assert texts[0] == first.text and second.text not in texts
    assert texts[-1] == "Lead the company's sustainability programme."
    assert after.responsibilities.get(text=texts[-1]).source_item_id == added.pk
    assert template_updates(after) == ([], revision)  # all taken, still to be marked seen
    assert template_updates_pending(after)
    template_updates_seen(job_description=after, shown_revision=revision)
    assert not template_updates_pending(fresh(draft))
    # What the draft was copied from stays recorded: "what changed" still compares with it.
    assert fresh(draft).source_template_revision_id != revision


def test_an_update_that_no_longer_applies_is_refused(alice):
    draft = make_draft(alice)
    first, *_ = edit_template_in_admin()
    key = f"changed:responsibilities:{first.pk}"
    _, revision = template_updates(fresh(draft))
    take = dict(user=alice, key=key, shown_revision=revision)
    template_update_take(job_description=fresh(draft), expected_version=1, **take)
    with pytest.raises(ValidationError, match="no longer applies"):
        template_update_take(job_description=fresh(draft), expected_version=2, **take)
    # The template is edited again after the page was shown: its choices are refused.
    template = vp_template()
    with reversion.create_revision():
        template.save()
        reversion.add_to_revision(template)
    with pytest.raises(ValidationError, match="changed again"):
        template_update_take(
            job_description=fresh(draft), expected_version=2, **{**take, "key": "field:summary"}
        )


def test_a_changed_kpi_keeps_the_owners_own_edits_to_its_other_fields(alice):
    draft = make_draft(alice)
    kpi = draft.kpis.first()
    kpi.target = "Our own target"
    kpi.save()
    template_kpi = vp_template().kpis.get(pk=kpi.source_item_id)
    template_kpi.measure = "A new way of measuring it"
    template_kpi.save()
    template = vp_template()
    with reversion.create_revision():
        reversion.add_to_revision(template)
    offered, revision = template_updates(fresh(draft))
    (update,) = offered
    assert update.key == f"changed:kpis:{template_kpi.pk}"
    template_update_take(
        job_description=fresh(draft),
        user=alice,
        key=update.key,
        expected_version=1,
        shown_revision=revision,
    )
    kpi.refresh_from_db()
    assert (kpi.measure, kpi.target) == ("A new way of measuring it", "Our own target")


def test_the_editor_says_so_and_the_page_takes_one(alice, alice_client):
    draft = make_draft(alice)
    edit = reverse("roles:edit", args=[draft.pk])
    assert "has changed since you started" not in alice_client.get(edit).content.decode()
    edit_template_in_admin()
    assert "has changed since you started" in alice_client.get(edit).content.decode()
    page = reverse("roles:template_updates", args=[draft.pk])
    assert "Use the new text" in alice_client.get(page).content.decode()
    revision = str(template_updates(fresh(draft))[1])
    choice = {"key": "field:summary", "loaded_version": "1", "revision": revision}
    response = alice_client.post(page, choice)
    assert response.status_code == 302
    assert fresh(draft).summary == "A new summary written by HR."
    stale = alice_client.post(page, choice, follow=True)
    assert "no longer applies" in stale.content.decode()
    alice_client.post(page, {"seen": "1", "revision": revision})
    assert "has changed since you started" not in alice_client.get(edit).content.decode()


def test_work_location_changes_are_offered_and_a_changed_one_keeps_the_owners_edits(alice):
    draft = make_draft(alice)
    template = vp_template()
    chicago = template.locations.get()
    # The owner names the office's neighbourhood; HR then moves the role to another state.
    row = draft.locations.get()
    row.city = "Chicago (Loop)"
    row.save()
    chicago.arrangement, chicago.region = "on_site", "IN"
    chicago.save()
    added = TemplateWorkLocation.objects.create(
        template=template, position=2, arrangement="remote", country="CA"
    )
    template.save()
    with reversion.create_revision():
        reversion.add_to_revision(template)

    offered, revision = template_updates(fresh(draft))
    by_key = {update.key: update for update in offered}
    assert set(by_key) == {f"changed:locations:{chicago.pk}", f"added:locations:{added.pk}"}
    assert by_key[f"added:locations:{added.pk}"].text == "Remote – anywhere in CA"
    assert by_key[f"added:locations:{added.pk}"].section == "Work locations"
    for key in by_key:
        current = fresh(draft)
        template_update_take(
            job_description=current,
            user=alice,
            key=key,
            expected_version=current.version,
            shown_revision=revision,
        )
    first, second = fresh(draft).locations.order_by("position")
    # Only what HR changed (arrangement and state) is taken; the owner's city stays.
    assert (first.arrangement, first.city, first.region) == ("on_site", "Chicago (Loop)", "IN")
    assert (second.arrangement, second.country, second.source_item_id) == ("remote", "CA", added.pk)
