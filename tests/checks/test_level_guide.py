"""The level guide's recommendation: clear answers either way, mixed answers said plainly, a tie
recommending neither; and the guide as seeded, through its page."""

import pytest
from django.urls import reverse

from roles.checks.level_guide import recommend
from roles.selectors.level_guide import level_guide_questions

pytestmark = pytest.mark.django_db


def answers_for(questions, levels: list[str]) -> dict[int, int]:
    """Choose, for each question in order, the answer that points to the level given
    ("" for the answer that points to neither)."""
    return {
        question.id: next(a.id for a in question.answers if a.level == level)
        for question, level in zip(questions, levels, strict=True)
    }


def test_clear_vp_answers_recommend_a_vp_with_every_reason():
    questions = level_guide_questions()
    assert len(questions) == 6
    result = recommend(questions, answers_for(questions, ["vp"] * 6))
    assert result.level == "vp" and not result.mixed
    assert len(result.reasons) == 6 and result.other_reasons == ()
    assert "They run the entire operational structure: a VP's scope." in result.reasons


def test_clear_director_answers_recommend_a_director():
    questions = level_guide_questions()
    result = recommend(questions, answers_for(questions, ["director"] * 6))
    assert result.level == "director" and not result.mixed
    assert result.scores == {"director": 14}


def test_mixed_answers_are_said_plainly_and_a_tie_recommends_neither():
    questions = level_guide_questions()
    # Scope and budget VP-like, focus and horizon Director-like: 7 against 5.
    leaning = recommend(
        questions, answers_for(questions, ["vp", "vp", "director", "director", "vp", ""])
    )
    assert leaning.level == "vp" and leaning.mixed
    assert leaning.scores == {"vp": 7, "director": 5}
    assert "They run day-to-day operations and production processes, hands-on." in (
        leaning.other_reasons
    )
    tie = recommend(
        questions, answers_for(questions, ["vp", "director", "vp", "director", "vp", "director"])
    )
    assert tie.scores == {"vp": 7, "director": 7}
    assert tie.level == "" and tie.mixed and tie.reasons == ()
    # A tie lists each level's reasons under that level, none as "elsewhere".
    assert [slug for slug, _ in tie.by_level] == ["vp", "director"]
    assert all(len(reasons) == 3 for _, reasons in tie.by_level)
    nothing = recommend(questions, answers_for(questions, [""] * 6))
    assert nothing.level == "" and not nothing.mixed and nothing.answered == 6


def test_the_guide_page_answers_and_offers_the_recommended_draft(alice_client):
    page = alice_client.get(reverse("roles:level_guide")).content.decode()
    # Six questions of four answers: VP, Director, Manager (0049, issue #25) and neither.
    assert page.count('type="radio"') == 24 and "Recommend a level" in page
    questions = level_guide_questions()
    query = {f"q{qid}": aid for qid, aid in answers_for(questions, ["director"] * 6).items()}
    result = alice_client.get(reverse("roles:level_guide"), query).content.decode()
    assert '<h2 class="h4" id="result-heading">Director</h2>' in result
    assert 'action="/roles/director-of-operations/start/"' in result
    assert "Your answers are mixed" not in result
    mixed = {
        f"q{qid}": aid
        for qid, aid in answers_for(
            questions, ["vp", "vp", "director", "director", "vp", ""]
        ).items()
    }
    result = alice_client.get(reverse("roles:level_guide"), mixed).content.decode()
    assert (
        "Your answers are mixed." in result
        and "a role at the Director level with a wide remit, or at the Vice President level in a "
        "small company"
        in result
    )
    assert "Pointing to Director:" in result and "Because:" in result
    tie = answers_for(questions, ["vp", "director", "vp", "director", "vp", "director"])
    result = alice_client.get(
        reverse("roles:level_guide"), {f"q{qid}": aid for qid, aid in tie.items()}
    ).content.decode()
    assert "No single level" in result and "Because:" not in result
    assert "Pointing to Vice President:" in result and "Pointing to Director:" in result
    managers = answers_for(questions, ["manager"] * 6)
    result = alice_client.get(
        reverse("roles:level_guide"), {f"q{qid}": aid for qid, aid in managers.items()}
    ).content.decode()
    assert '<h2 class="h4" id="result-heading">Manager</h2>' in result
    assert 'action="/roles/operations-manager/start/"' in result
    # Nonsense in the query is ignored, not an error.
    assert (
        alice_client.get(reverse("roles:level_guide"), {"q1": "x", "q2": "9" * 30}).status_code
        == 200
    )
