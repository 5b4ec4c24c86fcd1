import pytest
from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict
from reversion.models import Version

from roles.models import JobDescription, Responsibility
from roles.services.drafts import (
    EditConflict,
    ItemValues,
    jobdescription_create_from_template,
    jobdescription_duplicate,
    jobdescription_save,
)
from tests.helpers.data import make_draft, vp_template
from tests.helpers.queries import sql_statements

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
    summary = draft.summary
    first = template.responsibilities.first()
    original = first.text
    first.text = "Rewritten by an HR admin"
    first.save()
    template.summary = "A new summary"
    template.save()
    template.kpis.all().delete()

    draft.refresh_from_db()
    assert draft.responsibilities.first().text == original
    assert draft.summary == summary
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


def list_values(draft, related_name: str) -> list[ItemValues]:
    """A list of ``draft`` as ``jobdescription_save`` takes it, unchanged."""
    fields = {"responsibilities": ["text"], "kpis": ["name", "measure", "target", "cadence"]}
    names = fields.get(related_name, ["text", "kind"])
    return [
        ItemValues(id=row.pk, values={name: getattr(row, name) for name in names})
        for row in getattr(draft, related_name).all()
    ]


def test_rows_keep_their_ids_when_edited_moved_added_and_removed(alice):
    draft = make_draft(alice)
    before = list(draft.responsibilities.all())
    kpis_before = list_values(draft, "kpis")
    items = list_values(draft, "responsibilities")
    items.reverse()  # every row moves
    items[0] = ItemValues(id=items[0].id, values={"text": "Edited in place."})
    del items[3]  # one removed
    items.insert(2, ItemValues(id=None, values={"text": "A new one."}))
    jobdescription_save(
        job_description=draft,
        fields={},
        items={"responsibilities": items},
        expected_version=draft.version,
    )
    saved = JobDescription.objects.get(pk=draft.pk)  # read back, not the rows the save holds
    after = list(saved.responsibilities.all())
    assert [row.text for row in after] == [item.values["text"] for item in items]
    kept = [item.id for item in items if item.id is not None]
    assert [row.pk for row in after if row.text != "A new one."] == kept
    assert {row.pk for row in after} - set(kept) == {after[2].pk}  # only the new row is new
    assert after[2].pk not in {row.pk for row in before}
    assert [row.position for row in after] == list(range(len(after)))
    # The lists not named are left alone.
    assert list_values(saved, "kpis") == kpis_before
    # The saved draft answers its lists with the rows saved, as the database holds them...
    for name in ("responsibilities", "kpis", "qualifications", "locations"):
        held, stored = getattr(draft, name).all(), getattr(saved, name).all()
        assert [model_to_dict(row) for row in held] == [model_to_dict(row) for row in stored]
    # ...and so does its revision, which recorded them without reading them again.
    recorded = {
        (version.content_type.model, int(version.object_id)): version.field_dict
        for version in Version.objects.get_for_object(saved).first().revision.version_set.all()
    }
    assert {pk for model, pk in recorded if model == "responsibility"} == {row.pk for row in after}
    for row in after:
        assert recorded["responsibility", row.pk]["text"] == row.text
        assert recorded["responsibility", row.pk]["position"] == row.position
    for name, model in (("kpis", "kpi"), ("qualifications", "qualification")):
        rows = getattr(saved, name).all()
        assert {pk for kind, pk in recorded if kind == model} == {row.pk for row in rows}


def test_a_save_reads_each_list_once(alice):
    """The lists are read by the save (to match rows by id), not again for the snapshot: the
    revision follows the lists the save holds."""
    draft = make_draft(alice)
    items = {name: list_values(draft, name) for name in ("responsibilities", "kpis")}
    draft = JobDescription.objects.get(pk=draft.pk)
    with sql_statements() as statements:
        jobdescription_save(
            job_description=draft, fields={}, items=items, expected_version=draft.version
        )
    for table in ("roles_responsibility", "roles_kpi", "roles_qualification", "roles_worklocation"):
        reads = [s for s in statements if s.startswith("SELECT") and f'FROM "{table}"' in s]
        # The list's rows, then reversion's check of which recorded rows still exist.
        assert len(reads) == 2, (table, reads)
        assert reads[1].startswith(f'SELECT "{table}"."id" AS "id" FROM'), reads[1]


def test_a_save_refused_halfway_writes_nothing(alice):
    draft = make_draft(alice)
    before_items = list(draft.responsibilities.values_list("pk", "text"))
    reversed_lists = {
        name: list(reversed(list_values(draft, name)))
        for name in ("responsibilities", "kpis", "qualifications")
    }
    # Qualifications are written last: by then the draft and two lists are written.
    bad = reversed_lists["qualifications"][0]
    reversed_lists["qualifications"][0] = ItemValues(id=bad.id, values={"kind": "mandatory"})
    with pytest.raises(ValidationError):
        jobdescription_save(
            job_description=draft,
            fields={"title": "Changed title", "summary": "Changed summary"},
            items=reversed_lists,
            expected_version=draft.version,
        )
    draft = JobDescription.objects.get(pk=draft.pk)
    assert (draft.title, draft.version) == ("VP of Operations", 1)
    assert list(draft.responsibilities.values_list("pk", "text")) == before_items


def test_a_stale_version_is_a_conflict_and_writes_nothing(alice):
    draft = make_draft(alice)
    jobdescription_save(
        job_description=draft, fields={"title": "First"}, items={}, expected_version=1
    )
    with pytest.raises(EditConflict) as conflict:
        jobdescription_save(
            job_description=JobDescription.objects.get(pk=draft.pk),
            fields={"title": "Second"},
            items={"responsibilities": []},
            expected_version=1,
        )
    assert conflict.value.current.version == 2
    draft.refresh_from_db()
    assert draft.title == "First"
    assert draft.responsibilities.count() == vp_template().responsibilities.count()


@pytest.mark.parametrize(
    "items",
    [
        "a row of another draft",
        "the same row twice",
    ],
)
def test_a_list_may_name_only_its_own_rows_once(alice, bob, items):
    draft, other = make_draft(alice), make_draft(bob)
    mine = list_values(draft, "responsibilities")
    before = list(draft.responsibilities.values_list("pk", "text"))
    others = list(other.responsibilities.values_list("pk", "job_description"))
    if items == "a row of another draft":
        mine[0] = list_values(other, "responsibilities")[0]
    else:
        mine[1] = mine[0]
    with pytest.raises(ValidationError):
        jobdescription_save(
            job_description=draft,
            fields={},
            items={"responsibilities": mine},
            expected_version=draft.version,
        )
    assert (
        list(
            Responsibility.objects.filter(job_description=other).values_list(
                "pk", "job_description"
            )
        )
        == others
    )
    assert list(draft.responsibilities.values_list("pk", "text")) == before


def test_only_editable_fields_can_be_saved(alice):
    draft = make_draft(alice)
    with pytest.raises(ValueError, match="owner"):
        jobdescription_save(
            job_description=draft, fields={"owner": alice}, items={}, expected_version=1
        )
    draft.refresh_from_db()
    assert draft.version == 1
