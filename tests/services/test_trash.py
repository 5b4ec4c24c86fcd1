from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from roles.models import JobDescription, Responsibility
from tests.helpers.data import make_draft

pytestmark = pytest.mark.django_db


def test_deleted_drafts_go_to_the_trash_and_come_back(alice_client, alice):
    draft = make_draft(alice, title="Director, Plant Ops")
    alice_client.post(reverse("roles:delete", args=[draft.pk]))
    listed = alice_client.get(reverse("roles:draft_list")).content.decode()
    assert f'href="{draft.get_absolute_url()}"' not in listed
    assert alice_client.get(reverse("roles:download", args=[draft.pk, "pdf"])).status_code == 404

    trash = alice_client.get(reverse("roles:trash")).content.decode()
    assert "Director, Plant Ops" in trash
    assert "removed for good on" in trash

    response = alice_client.post(reverse("roles:restore", args=[draft.pk]))
    assert response.url == draft.get_absolute_url()
    draft.refresh_from_db()
    assert draft.deleted_at is None
    assert draft.responsibilities.count() == 12
    assert "Director, Plant Ops" in alice_client.get(reverse("roles:draft_list")).content.decode()


def test_only_the_owner_restores_and_only_from_the_trash(alice, bob, alice_client):
    bob_client = Client()
    bob_client.force_login(bob)
    draft = make_draft(alice)
    assert alice_client.post(reverse("roles:restore", args=[draft.pk])).status_code == 404
    draft.deleted_at = timezone.now()
    draft.save()
    assert bob_client.post(reverse("roles:restore", args=[draft.pk])).status_code == 404
    bobs_trash = bob_client.get(reverse("roles:trash"))
    assert bobs_trash.status_code == 200
    assert reverse("roles:restore", args=[draft.pk]) not in bobs_trash.content.decode()
    assert (
        reverse("roles:restore", args=[draft.pk])
        in alice_client.get(reverse("roles:trash")).content.decode()
    )
    assert alice_client.get(reverse("roles:restore", args=[draft.pk])).status_code == 405


def test_purge_removes_only_what_is_past_the_retention(alice):
    now = timezone.now()
    old = make_draft(alice, title="Old")
    recent = make_draft(alice, title="Recent")
    live = make_draft(alice, title="Live")
    JobDescription.objects.filter(pk=old.pk).update(deleted_at=now - timedelta(days=31))
    JobDescription.objects.filter(pk=recent.pk).update(deleted_at=now - timedelta(days=29))
    call_command("purge_trash")
    assert set(JobDescription.objects.values_list("title", flat=True)) == {"Recent", "Live"}
    assert not Responsibility.objects.filter(job_description_id=old.pk).exists()
    assert live.responsibilities.count() == 12
