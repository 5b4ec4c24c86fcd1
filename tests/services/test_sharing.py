"""Share-link services: a link is kept as the hash of its token, and the open links of a JD are
revoked, on the record, when it is archived or handed over."""

import hashlib
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from roles.access import get_share_link
from roles.models import AuditEntry, ReviewAction, ShareLink
from roles.services.review import review_archive, review_hand_over
from roles.services.sharing import sharelink_create
from tests.helpers.data import make_draft, make_user

pytestmark = pytest.mark.django_db


def test_a_link_is_kept_as_the_hash_of_its_token(alice):
    draft = make_draft(alice)
    link, token = sharelink_create(job_description=draft, user=alice)
    assert link.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert link.token_prefix == token[:6]
    assert "token" not in {field.name for field in ShareLink._meta.get_fields()}
    assert get_share_link(token) == link


@pytest.fixture
def manager(db):
    person = make_user("manager")
    Group.objects.get(name="HR managers").user_set.add(person)
    return person


def open_links(draft) -> tuple[ShareLink, ShareLink, ShareLink]:
    """Two open links and one that expired yesterday (expired, not revoked: it stays so)."""
    first, _ = sharelink_create(job_description=draft, user=draft.owner)
    second, _ = sharelink_create(job_description=draft, user=draft.owner)
    expired, _ = sharelink_create(job_description=draft, user=draft.owner)
    ShareLink.objects.filter(pk=expired.pk).update(
        expires_on=timezone.localdate() - timedelta(days=1)
    )
    return first, second, expired


def test_archiving_revokes_the_open_links_on_the_record(alice, manager):
    draft = make_draft(alice)
    *links, expired = open_links(draft)
    review_archive(job_description=draft, user=manager)
    for link in links:
        link.refresh_from_db()
        assert link.revoked_by == manager and link.revoked_at is not None
    expired.refresh_from_db()
    assert expired.revoked_at is None
    entry = AuditEntry.objects.get(action=ReviewAction.ARCHIVE)
    assert "2 open share links revoked." in entry.message


def test_a_hand_over_revokes_the_open_links_on_the_record(alice, manager):
    draft = make_draft(alice)
    links = open_links(draft)[:2]
    staff = make_user("sam")
    Group.objects.get(name="HR staff").user_set.add(staff)
    review_hand_over(job_description=draft, user=manager, new_owner=staff, message="Left")
    assert not ShareLink.objects.open().filter(job_description=draft).exists()
    for link in links:
        link.refresh_from_db()
        assert link.revoked_by == manager
    entry = AuditEntry.objects.get(action=ReviewAction.HAND_OVER)
    assert entry.message == "From alice to sam. 2 open share links revoked. Left"


def test_archiving_a_jd_without_links_says_nothing_of_them(alice):
    draft = make_draft(alice)
    review_archive(job_description=draft, user=alice, message="Filled")
    assert AuditEntry.objects.get(action=ReviewAction.ARCHIVE).message == "Filled"
