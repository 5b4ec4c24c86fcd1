"""The admin an HR admin can run (#27): the index grouped by task, and people's HR groups kept by
HR admins, never staff or superuser status, permissions or passwords."""

import re

import pytest
from django.contrib.auth.models import Group

from tests.helpers.data import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def hr_admin(client):
    person = make_user("hradmin", is_staff=True)
    Group.objects.get(name="HR admins").user_set.add(person)
    client.force_login(person)
    return person


def headings(html: str) -> list[str]:
    return re.findall(r'class="section"[^>]*>([^<]+)</a>', html)


def test_the_index_is_grouped_by_task_with_the_plumbing_last(admin_client):
    html = admin_client.get("/admin/").content.decode()
    assert headings(html) == [
        "Templates",
        "Levels and pay bands",
        "Guidance word lists",
        "Pay rules",
        "People and reviewers",
        "Approvals and audit trail",
        "Webhooks",
        "Behind the scenes",
    ]
    plumbing = html[html.index(">Behind the scenes<") :]
    assert "Access attempts" in plumbing or "Db task results" in plumbing.replace("DB", "Db")
    templates = html[html.index(">Templates<") : html.index(">Levels and pay bands<")]
    assert "Role templates" in templates and "Organisation profile" in templates


def test_an_hr_admin_sees_the_task_groups(client, hr_admin):
    html = client.get("/admin/").content.decode()
    assert headings(html)[:2] == ["Templates", "Levels and pay bands"]
    assert "People and reviewers" in headings(html)


def test_an_hr_admin_puts_a_person_in_an_hr_group_and_nothing_more(client, hr_admin):
    person = make_user("chen")
    reviewers, managers = Group.objects.get(name="Reviewers"), Group.objects.get(name="HR managers")
    url = f"/admin/auth/user/{person.pk}/change/"
    form = client.get(url).content.decode()
    assert 'name="groups"' in form
    for hidden in ('name="is_staff"', 'name="is_superuser"', 'name="user_permissions"'):
        assert hidden not in form, hidden
    response = client.post(
        url,
        {
            "first_name": "Chen",
            "last_name": "Wu",
            "email": "chen@example.com",
            "is_active": "on",
            "groups": [reviewers.pk, managers.pk],
            # Fields the form does not have: ignored.
            "is_staff": "on",
            "is_superuser": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    person.refresh_from_db()
    assert set(person.groups.values_list("name", flat=True)) == {"Reviewers", "HR managers"}
    assert (person.first_name, person.is_staff, person.is_superuser) == ("Chen", False, False)
    # And out again.
    client.post(url, {"first_name": "Chen", "is_active": "on", "groups": []})
    assert not person.groups.exists()


def test_an_hr_admin_offers_only_the_hr_groups_and_keeps_any_other(client, hr_admin):
    other = Group.objects.create(name="Finance dashboards")
    person = make_user("chen")
    person.groups.add(other)
    form = client.get(f"/admin/auth/user/{person.pk}/change/").content.decode()
    assert "Finance dashboards" not in form and "Reviewers" in form
    reviewers = Group.objects.get(name="Reviewers")
    client.post(
        f"/admin/auth/user/{person.pk}/change/", {"is_active": "on", "groups": [reviewers.pk]}
    )
    assert set(person.groups.values_list("name", flat=True)) == {"Reviewers", "Finance dashboards"}


def test_an_hr_admin_cannot_touch_superusers_passwords_or_accounts(client, hr_admin):
    boss = make_user("boss", is_staff=True, is_superuser=True)
    person = make_user("chen")
    listing = client.get("/admin/auth/user/").content.decode()
    assert "chen" in listing and ">boss<" not in listing
    assert client.get(f"/admin/auth/user/{boss.pk}/change/").status_code == 302  # not found
    assert client.get(f"/admin/auth/user/{person.pk}/password/").status_code == 403
    assert client.get("/admin/auth/user/add/").status_code == 403
    assert client.get(f"/admin/auth/user/{person.pk}/delete/").status_code == 403


def test_staff_outside_hr_admins_see_no_people(client):
    staff = make_user("staffer", is_staff=True)
    client.force_login(staff)
    assert client.get("/admin/auth/user/").status_code == 403
