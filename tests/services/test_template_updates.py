"""Template updates reach drafts on request: the template's changes since the copy, taken one at a
time as saves, and the draft marked up to date; nothing changes without the owner's click."""

import pytest
import reversion
from django.core.exceptions import ValidationError
from django.urls import reverse

from roles.models import JobDescription, TemplateResponsibility
from roles.services.template_updates import (
    template_update_take,
    template_updates,
    template_updates_pending,
    template_updates_seen,
)
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
    assert not template_updates_pending(draft) and template_updates(draft) == []
    first, second, added = edit_template_in_admin()
    assert template_updates_pending(fresh(draft))
    updates = {update.key: update for update in template_updates(fresh(draft))}
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
            job_description=current, user=alice, key=key, expected_version=current.version
        )
    after = fresh(draft)
    assert after.version == 5 and after.summary == "A new summary written by HR."
    texts = list(after.responsibilities.values_list("text", flat=True))
    assert texts[0] == first.text and second.text not in texts
    assert texts[-1] == "Lead the company's sustainability programme."
    assert after.responsibilities.get(text=texts[-1]).source_item_id == added.pk
    assert template_updates(after) == []  # all taken, still to be marked seen
    assert template_updates_pending(after)
    template_updates_seen(job_description=after)
    assert not template_updates_pending(fresh(draft))


def test_an_update_that_no_longer_applies_is_refused(alice):
    draft = make_draft(alice)
    first, *_ = edit_template_in_admin()
    key = f"changed:responsibilities:{first.pk}"
    current = fresh(draft)
    template_update_take(job_description=current, user=alice, key=key, expected_version=1)
    with pytest.raises(ValidationError, match="no longer applies"):
        template_update_take(job_description=fresh(draft), user=alice, key=key, expected_version=2)


def test_the_editor_says_so_and_the_page_takes_one(alice, alice_client):
    draft = make_draft(alice)
    edit = reverse("roles:edit", args=[draft.pk])
    assert "has changed since you started" not in alice_client.get(edit).content.decode()
    edit_template_in_admin()
    assert "has changed since you started" in alice_client.get(edit).content.decode()
    page = reverse("roles:template_updates", args=[draft.pk])
    assert "Use the new text" in alice_client.get(page).content.decode()
    response = alice_client.post(page, {"key": "field:summary", "loaded_version": "1"})
    assert response.status_code == 302
    assert fresh(draft).summary == "A new summary written by HR."
    stale = alice_client.post(page, {"key": "field:summary", "loaded_version": "1"}, follow=True)
    assert "no longer applies" in stale.content.decode()
    alice_client.post(page, {"seen": "1"})
    assert "has changed since you started" not in alice_client.get(edit).content.decode()
