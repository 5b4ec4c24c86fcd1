import pytest
from django.db import DatabaseError

from roles.forms import editor_forms
from roles.models import JobDescription, Qualification
from roles.services import (
    jobdescription_create_from_template,
    jobdescription_duplicate,
    jobdescription_save,
)
from tests.factories import editor_data, make_draft, vp_template

pytestmark = pytest.mark.django_db


def test_a_draft_copies_every_text_of_its_template_in_order(alice):
    template = vp_template()
    draft = jobdescription_create_from_template(template=template, owner=alice)
    assert (draft.title, draft.level, draft.summary, draft.scope) == (
        template.title,
        template.level,
        template.summary,
        template.scope,
    )
    assert list(draft.responsibilities.values_list("text", flat=True)) == list(
        template.responsibilities.values_list("text", flat=True)
    )
    assert list(draft.kpis.values_list("name", "measure", "target", "cadence")) == list(
        template.kpis.values_list("name", "measure", "target", "cadence")
    )
    assert list(draft.qualifications.values_list("text", "kind")) == list(
        template.qualifications.values_list("text", "kind")
    )
    assert draft.source_template == template
    assert draft.owner == alice


def test_editing_the_template_later_never_changes_a_draft(alice):
    template = vp_template()
    draft = jobdescription_create_from_template(template=template, owner=alice)
    first = template.responsibilities.first()
    original = first.text
    first.text = "Rewritten by an HR admin"
    first.save()
    template.summary = "A new summary"
    template.save()
    template.kpis.all().delete()

    draft.refresh_from_db()
    assert draft.responsibilities.first().text == original
    assert draft.summary != "A new summary"
    assert draft.kpis.count() == 9


def test_duplicate_copies_the_draft_and_its_lists(alice):
    draft = make_draft(alice, company="Northwind")
    draft.responsibilities.first().delete()
    copy = jobdescription_duplicate(job_description=draft, owner=alice)
    assert copy.pk != draft.pk
    assert copy.title == "VP of Operations (copy)"
    assert copy.company == "Northwind"
    assert list(copy.responsibilities.values_list("text", flat=True)) == list(
        draft.responsibilities.values_list("text", flat=True)
    )
    assert copy.kpis.count() == draft.kpis.count()
    assert JobDescription.objects.count() == 2


def test_a_failure_halfway_through_a_save_leaves_the_draft_as_it_was(alice, monkeypatch):
    draft = make_draft(alice)
    before_title = draft.title
    before_items = list(draft.responsibilities.values_list("text", flat=True))

    data = editor_data(draft, title="Changed title", summary="Changed summary")
    for prefix in ("responsibilities", "kpis", "qualifications"):  # reverse every list
        for index in range(getattr(draft, prefix).count()):
            data[f"{prefix}-{index}-ORDER"] = 100 - index
    form, formsets = editor_forms(draft, data)
    assert form.is_valid(), form.errors
    assert all(formset.is_valid() for formset in formsets.values())

    # Qualifications are written last: by then the draft and two lists are written.
    def fail(*args, **kwargs):
        raise DatabaseError("disk full")

    monkeypatch.setattr(Qualification, "save", fail)
    with pytest.raises(DatabaseError):
        jobdescription_save(form=form, formsets=formsets, expected_version=draft.version)

    draft = JobDescription.objects.get(pk=draft.pk)
    assert draft.title == before_title
    assert draft.version == 1
    assert list(draft.responsibilities.values_list("text", flat=True)) == before_items
