"""The read resources: what the pages show the same person, through the same access helper and
selectors, in a constant number of queries."""

import json
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from roles.models import JobDescription, Level, ReviewState, RoleTemplate
from roles.services.review import review_decide, review_submit
from tests.helpers.api import bearer, make_token, problem_of
from tests.helpers.data import make_draft, make_draft_with_items, make_user

pytestmark = pytest.mark.django_db


def get(client, url, token, status=200):
    response = client.get(url, **bearer(token))
    assert response.status_code == status, response.content
    if status != 200:
        return problem_of(response)
    assert response["Content-Type"] == "application/json"
    assert "no-store" in response["Cache-Control"]
    return json.loads(response.content)


@pytest.fixture
def token(alice):
    return make_token(alice)[1]


def test_templates_list_the_active_ones_and_one_reads_whole(client, token):
    RoleTemplate.objects.filter(slug="director-of-operations").update(is_active=False)
    listed = get(client, "/api/v1/templates/", token)
    assert [template["slug"] for template in listed] == list(
        RoleTemplate.objects.active().values_list("slug", flat=True)
    )
    assert "director-of-operations" not in {t["slug"] for t in listed}
    template = get(client, "/api/v1/templates/vp-of-operations/", token)
    vp = RoleTemplate.objects.get(slug="vp-of-operations")
    assert template["title"] == vp.title and template["level"] == vp.level_id
    assert [item["text"] for item in template["responsibilities"]] == list(
        vp.responsibilities.values_list("text", flat=True)
    )
    assert len(template["kpis"]) == vp.kpis.count() > 0
    get(client, "/api/v1/templates/director-of-operations/", token, status=404)


def test_levels_list_most_junior_first(client, token):
    levels = get(client, "/api/v1/levels/", token)
    assert [level["slug"] for level in levels] == list(
        Level.objects.order_by("rank", "slug").values_list("slug", flat=True)
    )


def test_drafts_list_only_ones_own_with_the_pages_filters(client, alice, bob, token):
    mine = make_draft(alice, title="Alpha ops", location="Chicago, IL")
    make_draft(alice, title="Beta ops", review_state=ReviewState.ARCHIVED)
    make_draft(bob, title="Alpha of Bob")
    body = get(client, "/api/v1/drafts/", token)
    assert {d["title"] for d in body["results"]} == {"Alpha ops", "Beta ops"}
    body = get(client, "/api/v1/drafts/?q=alpha", token)
    assert [d["id"] for d in body["results"]] == [mine.pk]
    body = get(client, "/api/v1/drafts/?status=archived", token)
    assert [d["title"] for d in body["results"]] == ["Beta ops"]
    body = get(client, f"/api/v1/drafts/?level={mine.level_id}&sort=title", token)
    assert [d["title"] for d in body["results"]] == ["Alpha ops", "Beta ops"]
    first = body["results"][0]
    assert first["level"] == mine.level_id and first["level_name"] == mine.level.name
    assert first["review_state"] == "draft"
    assert [(place["city"], place["region"]) for place in first["locations"]] == [("Chicago", "IL")]


@pytest.mark.parametrize("sort", ["", "edited", "title", "level", "status"])
def test_cursor_pages_are_stable_while_rows_change(client, alice, token, sort):
    drafts = [make_draft(alice, title=f"Draft {i:02}") for i in range(7)]
    every = [
        d["id"] for d in get(client, f"/api/v1/drafts/?sort={sort}&page_size=50", token)["results"]
    ]
    assert sorted(every) == sorted(d.pk for d in drafts)
    seen, url = [], f"/api/v1/drafts/?sort={sort}&page_size=3"
    while url:
        body = get(client, url, token)
        seen += [d["id"] for d in body["results"]]
        if len(seen) == 3:
            # A draft made after the first page was read does not shift the pages behind it.
            make_draft(alice, title="Zz made meanwhile")
        url = body["next"]
    made_meanwhile = JobDescription.objects.get(title="Zz made meanwhile").pk
    assert [pk for pk in seen if pk != made_meanwhile] == every
    assert len(seen) == len(set(seen))


def test_a_draft_reads_with_its_items_review_state_and_etag(client, alice, token):
    draft = make_draft(alice)
    response = client.get(f"/api/v1/drafts/{draft.pk}/", **bearer(token))
    assert response.status_code == 200
    assert response["ETag"] == f'"{draft.version}"'
    body = json.loads(response.content)
    assert body["id"] == draft.pk and body["version"] == draft.version
    assert body["owner"] == "alice" and body["source_template"] == "VP of Operations"
    assert body["review"] == {"state": "draft", "current_approval": None}
    assert [r["text"] for r in body["responsibilities"]] == list(
        draft.responsibilities.values_list("text", flat=True)
    )
    assert [k["id"] for k in body["kpis"]] == list(draft.kpis.values_list("pk", flat=True))


def test_an_approved_draft_shows_its_approval(client, alice, token, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path  # the approved PDF is stored
    draft = make_draft(alice)
    reviewer = make_user("rita")
    Group.objects.get(name="Reviewers").user_set.add(reviewer)
    review_submit(job_description=draft, user=alice, reviewers=[reviewer], expected_version=1)
    review_decide(job_description=draft, user=reviewer, approve=True, seen_version=1)
    body = get(client, f"/api/v1/drafts/{draft.pk}/", token)
    approval = draft.approvals.get()
    assert body["review"]["state"] == "approved"
    assert body["review"]["current_approval"]["sha256"] == approval.sha256
    assert body["review"]["current_approval"]["version"] == approval.version


def test_another_persons_draft_is_404_and_a_manager_reads_it(client, alice, bob):
    """The access helper decides, as for the preview page."""
    draft = make_draft(alice)
    _, bobs = make_token(bob)
    get(client, f"/api/v1/drafts/{draft.pk}/", bobs, status=404)
    Group.objects.get(name="HR managers").user_set.add(bob)
    assert get(client, f"/api/v1/drafts/{draft.pk}/", bobs)["id"] == draft.pk


def test_a_trashed_draft_is_404(client, alice, token):
    draft = make_draft(alice, deleted_at=timezone.now())
    get(client, f"/api/v1/drafts/{draft.pk}/", token, status=404)
    assert get(client, "/api/v1/drafts/", token)["results"] == []


def _queries(client, url, token) -> int:
    client.get(url, **bearer(token))  # the token's last use is written once a minute
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, **bearer(token)).status_code == 200
    return len(queries)


def test_a_draft_reads_in_constant_queries_whatever_its_items(
    client, alice, token, django_assert_max_num_queries
):
    small, large = make_draft_with_items(alice, 1), make_draft_with_items(alice, 40)
    counts = [_queries(client, f"/api/v1/drafts/{d.pk}/", token) for d in (small, large)]
    assert counts[0] == counts[1]
    with django_assert_max_num_queries(counts[0]):
        client.get(f"/api/v1/drafts/{large.pk}/", **bearer(token))


def test_the_drafts_list_reads_in_constant_queries_whatever_its_drafts(
    client, alice, bob, token, django_assert_max_num_queries
):
    _, bobs = make_token(bob)
    make_draft(alice)
    for _ in range(40):
        make_draft(bob)
    one = _queries(client, "/api/v1/drafts/?page_size=100", token)
    forty = _queries(client, "/api/v1/drafts/?page_size=100", bobs)
    assert one == forty
    with django_assert_max_num_queries(one):
        client.get("/api/v1/drafts/?page_size=100&sort=level", **bearer(bobs))


def test_a_forged_or_foreign_cursor_is_a_400_problem_naming_it(client, alice, token):
    for i in range(3):
        make_draft(alice, title=f"Draft {i}")
    next_url = get(client, "/api/v1/drafts/?sort=title&page_size=1", token)["next"]
    (cursor,) = parse_qs(urlsplit(next_url).query)["cursor"]
    forged = get(client, f"/api/v1/drafts/?sort=title&cursor={cursor[:-4]}AAAA", token, status=400)
    assert forged["errors"] == [
        {"detail": "Not valid: follow the list's next link.", "parameter": "cursor"}
    ]
    foreign = get(client, f"/api/v1/drafts/?sort=status&cursor={cursor}", token, status=400)
    assert "another sort" in foreign["errors"][0]["detail"]


@pytest.mark.parametrize("size", ["0", "101", "-1", "twenty", "1e2", ""])
def test_a_page_size_outside_1_to_100_is_refused_not_changed(client, alice, token, size):
    make_draft(alice)
    problem = get(client, f"/api/v1/drafts/?page_size={size}", token, status=400)
    assert problem["errors"][0]["parameter"] == "page_size"
    assert len(get(client, "/api/v1/drafts/?page_size=100", token)["results"]) == 1


def test_a_level_no_draft_has_lists_nothing(client, alice, token):
    make_draft(alice)
    assert get(client, "/api/v1/drafts/?level=no-such-level", token)["results"] == []
    assert len(get(client, "/api/v1/drafts/?level=vp", token)["results"]) == 1


def test_a_draft_the_client_holds_already_is_304(client, alice, token):
    draft = make_draft(alice)
    url = f"/api/v1/drafts/{draft.pk}/"
    etag = client.get(url, **bearer(token))["ETag"]
    response = client.get(url, HTTP_IF_NONE_MATCH=etag, **bearer(token))
    assert response.status_code == 304 and response.content == b""
    assert response["ETag"] == etag
    JobDescription.objects.filter(pk=draft.pk).update(version=draft.version + 1)
    response = client.get(url, HTTP_IF_NONE_MATCH=etag, **bearer(token))
    assert response.status_code == 200
    assert response["ETag"] == f'"{draft.version + 1}"'
