import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from roles.models import MAX_ITEMS, JobDescription
from tests.helpers.data import (
    director_template,
    make_draft,
    make_draft_with_items,
    make_user,
    vp_template,
)

pytestmark = pytest.mark.django_db

# Every URL that takes a draft id, with the method a person uses and the answer the owner gets.
DRAFT_URLS = [
    ("roles:edit", "get", 200),
    ("roles:edit", "post", 200),  # an empty POST: the form comes back with its errors
    ("roles:preview", "get", 200),
    ("roles:download", "get", 200),
    ("roles:duplicate", "post", 302),
    ("roles:delete", "get", 200),
    ("roles:delete", "post", 302),
]


def draft_url(name, draft):
    if name == "roles:new_row":
        return reverse(name, args=[draft.pk, "kpis"])
    if name == "roles:download":
        return reverse(name, args=[draft.pk, "pdf"])
    return reverse(name, args=[draft.pk])


@pytest.mark.parametrize(("name", "method", "_"), DRAFT_URLS)
def test_anonymous_is_sent_to_sign_in(client, draft, name, method, _):
    url = draft_url(name, draft)
    response = getattr(client, method)(url)
    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={url}"


@pytest.mark.parametrize(("name", "method", "_"), DRAFT_URLS)
def test_another_user_gets_404(bob_client, draft, name, method, _):
    response = getattr(bob_client, method)(draft_url(name, draft))
    assert response.status_code == 404
    assert JobDescription.objects.filter(pk=draft.pk).exists()
    assert JobDescription.objects.count() == 1


@pytest.mark.parametrize(("name", "method", "status"), DRAFT_URLS)
def test_the_owner_gets_through(alice_client, draft, name, method, status):
    response = getattr(alice_client, method)(draft_url(name, draft))
    assert response.status_code == status


@pytest.mark.parametrize("name", ["roles:edit", "roles:preview", "roles:download", "roles:delete"])
def test_a_missing_draft_is_404(alice_client, name):
    assert alice_client.get(draft_url(name, JobDescription(pk=999999))).status_code == 404


def test_an_unknown_format_is_404(alice_client, draft):
    url = reverse("roles:download", args=[draft.pk, "docm"])
    assert alice_client.get(url).status_code == 404


def test_new_row_checks_ownership_and_input(alice_client, bob, draft):
    url = reverse("roles:new_row", args=[draft.pk, "kpis"])
    assert alice_client.get(url, {"kpis-TOTAL_FORMS": "9"}).status_code == 200
    assert alice_client.get(url).status_code == 400
    assert alice_client.get(url, {"kpis-TOTAL_FORMS": "x"}).status_code == 400
    assert alice_client.get(url, {"kpis-TOTAL_FORMS": "-1"}).status_code == 400
    assert alice_client.get(reverse("roles:new_row", args=[draft.pk, "nope"])).status_code == 404
    alice_client.force_login(bob)
    assert alice_client.get(url, {"kpis-TOTAL_FORMS": "9"}).status_code == 404


def test_new_row_renders_the_next_row_and_counts_it(alice_client, draft):
    url = reverse("roles:new_row", args=[draft.pk, "kpis"])
    page = alice_client.get(url, {"kpis-TOTAL_FORMS": "9"}).content.decode()
    assert 'name="kpis-9-name"' in page
    assert 'id="row-kpis-9"' in page
    assert 'name="kpis-TOTAL_FORMS" value="10"' in page
    assert 'hx-swap-oob="true"' in page
    full = alice_client.get(url, {"kpis-TOTAL_FORMS": "40"}).content.decode()
    assert "at most 40 items" in full
    assert "kpis-40-name" not in full


@pytest.mark.parametrize(
    "url", [reverse("roles:compare"), reverse("roles:draft_list")], ids=["compare", "drafts"]
)
def test_pages_without_an_id_need_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_start_draft_needs_sign_in_and_post(client, alice):
    url = reverse("roles:start_draft", args=["vp-of-operations"])
    assert client.post(url).status_code == 302
    assert JobDescription.objects.count() == 0
    client.force_login(alice)
    assert client.get(url).status_code == 405
    assert client.post(reverse("roles:start_draft", args=["no-such-role"])).status_code == 404


def test_compare_shows_both_levels_side_by_side(alice_client):
    page = alice_client.get(reverse("roles:compare")).content.decode()
    vp, director = vp_template(), director_template()
    assert page.index(vp.title) < page.index(director.title)
    for template in (vp, director):
        assert template.reports_to in page
        assert template.scope in page
        assert template.responsibilities.first().text in page
        assert template.kpis.first().name in page
        assert reverse("roles:start_draft", args=[template.slug]) in page


def test_starting_a_draft_opens_it_in_the_editor(alice_client, alice):
    response = alice_client.post(reverse("roles:start_draft", args=["director-of-operations"]))
    draft = JobDescription.objects.get()
    assert response.url == draft.get_absolute_url()
    assert draft.owner == alice
    assert draft.title == "Director of Operations"


def test_my_drafts_lists_only_mine_newest_edit_first_and_searches(alice_client, alice, bob):
    older = make_draft(alice, title="Director, Plant Ops")
    newer = make_draft(alice, title="VP Operations EMEA")
    make_draft(bob, title="Bob's secret VP role")
    older.save()  # edited last, so it comes first
    page = alice_client.get(reverse("roles:draft_list")).content.decode()
    assert page.index("Director, Plant Ops") < page.index("VP Operations EMEA")
    assert "secret" not in page

    found = alice_client.get(reverse("roles:draft_list"), {"q": "emea"}).content.decode()
    assert "VP Operations EMEA" in found
    assert "Director, Plant Ops" not in found
    assert newer.get_absolute_url() in found

    partial = alice_client.get(reverse("roles:draft_list"), {"q": "plant"}, HTTP_HX_REQUEST="true")
    assert "<html" not in partial.content.decode()
    assert "Director, Plant Ops" in partial.content.decode()

    nothing = alice_client.get(reverse("roles:draft_list"), {"q": "zzz"}).content.decode()
    assert "No drafts have “zzz” in their title" in nothing


def test_my_drafts_escapes_titles(alice_client, alice):
    make_draft(alice, title="<script>alert(1)</script>")
    page = alice_client.get(reverse("roles:draft_list")).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_duplicate_then_delete_with_confirmation(alice_client, draft):
    response = alice_client.post(reverse("roles:duplicate", args=[draft.pk]))
    copy = JobDescription.objects.exclude(pk=draft.pk).get()
    assert response.url == copy.get_absolute_url()

    confirm = alice_client.get(reverse("roles:delete", args=[copy.pk]))
    assert "Delete this draft?" in confirm.content.decode()
    assert "restore it from the trash for 30 days" in confirm.content.decode()
    assert JobDescription.objects.filter(pk=copy.pk).exists()

    response = alice_client.post(reverse("roles:delete", args=[copy.pk]))
    assert response.url == reverse("roles:draft_list")
    assert not JobDescription.objects.live().filter(pk=copy.pk).exists()
    assert alice_client.get(copy.get_absolute_url()).status_code == 404


def test_template_preview_needs_the_view_permission(client, alice):
    url = vp_template().get_preview_url()
    assert client.get(url).status_code == 302
    client.force_login(alice)
    assert client.get(url).status_code == 403
    hr_admin = make_user("hradmin", is_staff=True)
    hr_admin.user_permissions.add(Permission.objects.get(codename="view_roletemplate"))
    client.force_login(hr_admin)
    response = client.get(url)
    assert response.status_code == 200
    assert vp_template().responsibilities.first().text in response.content.decode()


def test_admin_lists_templates_with_a_preview_link(admin_client):
    page = admin_client.get(reverse("admin:roles_roletemplate_changelist")).content.decode()
    assert "VP of Operations" in page
    assert vp_template().get_preview_url() in page
    change = admin_client.get(reverse("admin:roles_roletemplate_change", args=[vp_template().pk]))
    assert change.status_code == 200
    assert "responsibilities-TOTAL_FORMS" in change.content.decode()


def test_sign_in_page_looks_like_the_app(client):
    page = client.get(reverse("login")).content.decode()
    assert "JD Builder" in page
    assert "vendor/bootstrap/css/bootstrap.min.css" in page
    assert 'name="login"' in page  # allauth's name for the username field


def page_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("name", ["roles:preview", "roles:edit"])
def test_draft_pages_read_a_constant_number_of_queries(alice_client, alice, name):
    small, large = make_draft_with_items(alice, 1), make_draft_with_items(alice, MAX_ITEMS)
    page_queries(alice_client, reverse(name, args=[small.pk]))  # warm up the session
    assert page_queries(alice_client, reverse(name, args=[small.pk])) == page_queries(
        alice_client, reverse(name, args=[large.pk])
    )
