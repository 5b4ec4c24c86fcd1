"""Comparing two job descriptions: items matched by the template item they came from, else by
text; the same, moved, changed, added and removed told apart, reorders and near-duplicates
included; and the pages that show it."""

import pytest
from django.urls import reverse

from roles.checks.compare import match_items, word_diff
from roles.models import JobDescription, Responsibility
from roles.services.drafts import ItemValues, jobdescription_save
from tests.helpers.data import director_template, make_draft, vp_template

pytestmark = pytest.mark.django_db


def kinds(changes) -> list[tuple[str, str]]:
    return [(c.kind, c.right or c.left) for c in changes]


def test_moved_changed_added_and_removed_by_lineage():
    left = [(1, "Set strategy"), (2, "Own the budget"), (3, "Coach directors"), (4, "Run reviews")]
    right = [
        (3, "Coach directors"),  # moved to the top
        (1, "Set strategy"),
        (2, "Own the whole operations budget"),  # changed beyond recognition by text alone
        (None, "Lead the ERP rollout"),  # added
    ]  # 4 removed
    changes = match_items(left, right)
    assert kinds(changes) == [
        ("moved", "Coach directors"),
        ("same", "Set strategy"),
        ("changed", "Own the whole operations budget"),
        ("added", "Lead the ERP rollout"),
        ("removed", "Run reviews"),
    ]
    changed = changes[2]
    assert changed.words.runs == (
        ("equal", "Own the"),
        ("added", "whole operations"),
        ("equal", "budget"),
    )


def test_unlinked_items_match_by_text_and_near_duplicates_pair_with_their_closest():
    left = [(None, "Own the budget"), (None, "Own the budget and the capital plan")]
    right = [(None, "Own the budget and capital plan"), (None, "Own the budget.")]
    changes = match_items(left, right)
    assert [(c.kind, c.left, c.right) for c in changes] == [
        ("changed", "Own the budget and the capital plan", "Own the budget and capital plan"),
        ("changed", "Own the budget", "Own the budget."),
    ]
    assert match_items([(None, "Safety first")], [(None, "Quarterly business reviews")]) == (
        match_items([], [(None, "Quarterly business reviews")])
        + match_items([(None, "Safety first")], [])
    )


def test_word_diff_reads_as_words():
    assert word_diff("a b c", "a x c").runs == (
        ("equal", "a"),
        ("removed", "b"),
        ("added", "x"),
        ("equal", "c"),
    )


def edit_responsibilities(draft, texts_by_row):
    jobdescription_save(
        job_description=JobDescription.objects.get(pk=draft.pk),
        fields={},
        items={"responsibilities": [ItemValues(pk, {"text": text}) for pk, text in texts_by_row]},
        expected_version=JobDescription.objects.get(pk=draft.pk).version,
    )


def test_what_changed_in_a_draft_against_its_template_as_copied(alice, alice_client):
    draft = make_draft(alice)
    rows = list(draft.responsibilities.all())
    assert all(row.source_item_id for row in rows)  # each records its template item
    first, second, third, *rest = rows
    edit_responsibilities(
        draft,
        [
            (second.pk, second.text),
            (first.pk, "Something else entirely, written by the owner."),
            *((row.pk, row.text) for row in rest),
            (None, "Lead the ERP rollout across all sites."),
        ],
    )  # the third removed
    # The template changes afterwards: "what changed" is against the template as copied.
    template = vp_template()
    template.responsibilities.filter(pk=first.source_item_id).update(text="Template rewrite")
    page = alice_client.get(reverse("roles:what_changed", args=[draft.pk])).content.decode()
    assert "What changed in “VP of Operations”" in page
    assert "Template as copied: VP of Operations" in page
    assert "Something else entirely, written by" in page  # matched by lineage, not by text
    assert page.count('class="compare-item compare-changed"') == 1
    assert page.count('class="compare-added"') == 1
    assert page.count('class="compare-removed"') == 1
    assert third.text in page and "Template rewrite" not in page
    assert "No field differs; items:" in page


def test_a_draft_without_a_record_is_compared_by_text_with_the_template_now(alice, alice_client):
    draft = make_draft(alice)
    JobDescription.objects.filter(pk=draft.pk).update(source_template_revision=None)
    Responsibility.objects.filter(job_description=draft).update(source_item=None)
    page = alice_client.get(reverse("roles:what_changed", args=[draft.pk])).content.decode()
    assert "compared with the template as it is now, its items matched by text" in page
    assert "compare-changed" not in page and "compare-added" not in page


def test_any_two_can_be_compared_and_drafts_only_by_who_may_read_them(alice, alice_client, bob):
    vp, director = vp_template(), director_template()
    page = alice_client.get(
        reverse("roles:compare_any"), {"a": f"template:{vp.pk}", "b": f"template:{director.pk}"}
    ).content.decode()
    assert "Template: VP of Operations" in page and "Template: Director of Operations" in page
    assert "fields differ" in page and "differs</span>" in page
    bobs = make_draft(bob)
    other = alice_client.get(
        reverse("roles:compare_any"), {"a": f"template:{vp.pk}", "b": f"draft:{bobs.pk}"}
    )
    assert other.status_code == 404
    assert alice_client.get(reverse("roles:compare_any"), {"a": "nonsense"}).status_code == 404
