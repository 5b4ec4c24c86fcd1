"""The admin an HR admin can run (#27): positions counted from 1, long texts in textareas, a
level's job family from a list, and a template's guidance as the editor shows it for drafts."""

import re

import pytest

from roles.models import Level
from tests.helpers.data import vp_template

pytestmark = pytest.mark.django_db


def change_page(admin_client, url: str) -> str:
    response = admin_client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_template_items_are_numbered_from_one_and_long_texts_are_textareas(admin_client):
    template = vp_template()
    url = f"/admin/roles/roletemplate/{template.pk}/change/"
    page = change_page(admin_client, url)
    first = template.responsibilities.order_by("position").first()
    assert first.position == 0
    assert re.search(r'name="responsibilities-0-position"[^>]*value="1"', page) or re.search(
        r'value="1"[^>]*name="responsibilities-0-position"', page
    )
    assert re.search(r'<textarea[^>]*name="responsibilities-0-text"', page)
    assert re.search(r'<textarea[^>]*name="kpis-0-measure"', page)
    assert not re.search(r'<textarea[^>]*name="kpis-0-name"', page)  # short: one line


def test_a_template_shows_its_guidance_like_a_draft(admin_client):
    template = vp_template()
    page = change_page(admin_client, f"/admin/roles/roletemplate/{template.pk}/change/")
    assert "As the editor&#x27;s guidance panel shows it" in page or "guidance panel" in page
    assert "No open suggestions: drafts start from it with nothing to review." in page
    template.summary += " We want a young, aggressive rockstar."
    template.save()
    page = change_page(admin_client, f"/admin/roles/roletemplate/{template.pk}/change/")
    guidance = page[page.index("template-guidance") :]
    assert "“young”" in guidance and "<summary>Why?</summary>" in guidance


def test_a_levels_job_family_is_chosen_from_a_list_or_typed_once(admin_client):
    page = change_page(admin_client, "/admin/roles/level/add/")
    assert re.search(r'<select[^>]*name="job_family"', page)
    assert '<option value="Operations"' in page and "A new family (type it below)" in page
    vp = Level.objects.get(slug="vp")
    data = {
        "slug": "svp",
        "name": "Senior Vice President",
        "rank": 95,
        "job_family": "__new__",
        "new_job_family": "Finance",
        "title_words": "",
        "shortest_cadence": vp.shortest_cadence,
        "longest_cadence": vp.longest_cadence,
        "signals-TOTAL_FORMS": 0,
        "signals-INITIAL_FORMS": 0,
    }
    missing = admin_client.post("/admin/roles/level/add/", data | {"new_job_family": ""})
    assert "Type the new job family" in missing.content.decode()
    response = admin_client.post("/admin/roles/level/add/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Level.objects.get(slug="svp").job_family == "Finance"


def test_a_level_change_names_the_drafts_whose_findings_it_changes_before_saving(alice):
    from roles.admin import LevelForm
    from tests.helpers.data import director_template, make_draft

    draft = make_draft(alice, director_template(), title="Director of Operations, Plant 4")
    director = Level.objects.get(slug="director")
    fields = {name: getattr(director, name) for name in LevelForm.Meta.fields}
    rank_before = director.rank
    # Ranked above the VP it reports to: the draft's reporting-line finding changes.
    form = LevelForm(data=fields | {"rank": 99}, instance=director)
    assert not form.is_valid()
    message = str(form.errors)
    assert "This changes the level findings of 1 draft" in message
    assert "Director of Operations, Plant 4" in message
    assert Level.objects.get(slug="director").rank == rank_before  # nothing saved
    director = Level.objects.get(slug="director")
    confirmed = LevelForm(data=fields | {"rank": 99, "confirm_findings": "on"}, instance=director)
    confirmed.is_valid()
    assert "This changes the level findings" not in str(confirmed.errors)
    # A change the level check does not read asks nothing.
    director = Level.objects.get(slug="director")
    assert LevelForm(data=fields | {"name": "Director"}, instance=director).is_valid()
    assert draft.pk


def test_a_level_change_says_when_older_drafts_were_not_checked(alice, monkeypatch):
    from roles.admin import LevelForm
    from roles.selectors import levels
    from tests.helpers.data import director_template, make_draft

    monkeypatch.setattr(levels, "PREVIEW_MAX_DRAFTS", 1)
    make_draft(alice, director_template(), title="Director of Operations, Plant 4")
    make_draft(alice, director_template(), title="Director of Operations, Plant 5")
    director = Level.objects.get(slug="director")
    fields = {name: getattr(director, name) for name in LevelForm.Meta.fields}
    # A title word no draft uses: no checked draft changes, but one draft was not checked.
    form = LevelForm(data=fields | {"title_words": "Director, Head"}, instance=director)
    assert not form.is_valid()
    message = str(form.errors)
    assert "No draft checked changes its level findings" in message
    assert "Only the 1 most recently edited of the 2 drafts" in message
    confirmed = LevelForm(
        data=fields | {"title_words": "Director, Head", "confirm_findings": "on"},
        instance=Level.objects.get(slug="director"),
    )
    assert confirmed.is_valid(), confirmed.errors
