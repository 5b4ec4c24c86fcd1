"""Share links: made by the owner or a manager, opened without an account, counted, and dead
(404, like a token that never existed) once revoked or expired."""

import base64
import hashlib
import json
import re
from datetime import date, timedelta
from io import BytesIO
from pathlib import Path

import jsonschema
import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from roles.models import SHARE_TOKEN_BYTES, OrganisationProfile, ShareLink
from roles.models.sharing import SHARE_PDF_RATE, new_share_token
from tests.helpers.data import make_draft, make_user, png_bytes
from tests.helpers.pdfs import pdf_text

pytestmark = pytest.mark.django_db

SCHEMA = json.loads(
    (Path(__file__).parents[1] / "documents" / "jobposting.schema.json").read_text()
)
POSTED = {"company": "Northwind Logistics", "posting_date": date(2026, 12, 1)}


def make_link(client, draft, **data) -> ShareLink:
    """Make a link through the page; the link comes back with ``token`` as the person copied
    it from the page they are sent to (the one time it is shown: the database keeps its hash)."""
    response = client.post(reverse("roles:share_links", args=[draft.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    page = client.get(response.url).content.decode()
    (url,) = re.findall(r'id="share-link-new"[^>]* value="([^"]+)"', page)
    link = draft.share_links.latest("pk")
    link.token = url.removeprefix("http://testserver/s/").removesuffix("/")
    return link


def json_ld(page: str) -> dict:
    (script,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    return json.loads(script)


def test_the_owner_makes_a_link_that_anyone_opens_without_an_account(alice_client, alice):
    draft = make_draft(alice, **POSTED)
    link = make_link(alice_client, draft)
    # At least 128 random bits: the token is base64 of that many bytes, and never repeats.
    assert len(base64.urlsafe_b64decode(link.token + "=")) == SHARE_TOKEN_BYTES >= 16
    assert len({new_share_token() for _ in range(1000)}) == 1000
    assert link.created_by == alice and link.expires_on is None

    anonymous = Client()
    response = anonymous.get(reverse("roles:shared_document", args=[link.token]))
    page = response.content.decode()
    assert response.status_code == 200
    assert '<h1 class="jd-title">VP of Operations</h1>' in page
    assert "<strong>Draft</strong> – not yet approved" in page
    assert reverse("roles:shared_pdf", args=[link.token]) in page
    # Nothing else of the app: no navigation, no sign-out, no link into it.
    assert "My drafts" not in page and "Sign out" not in page
    assert not re.search(r'href="/(drafts|accounts|admin)', page)
    # Not for search engines unless it is the public posting.
    assert '<meta name="robots" content="noindex, nofollow, noarchive">' in page
    assert response["X-Robots-Tag"] == "noindex, nofollow, noarchive"
    posting = json_ld(page)
    jsonschema.validate(posting, SCHEMA)
    assert "url" not in posting and "logo" not in posting["hiringOrganization"]

    pdf = anonymous.get(reverse("roles:shared_pdf", args=[link.token]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert "VP of Operations" in pdf_text(pdf.content)

    anonymous.get(reverse("roles:shared_document", args=[link.token]))
    link.refresh_from_db()
    assert link.open_count == 2 and link.last_opened_at is not None

    listing = alice_client.get(reverse("roles:share_links", args=[draft.pk])).content.decode()
    assert link.token not in listing  # shown once, when made
    assert "alice" in listing and "2 times" in listing


def test_a_new_link_is_shown_once_and_only_its_hash_is_kept(alice_client, alice):
    draft = make_draft(alice, **POSTED)
    response = alice_client.post(reverse("roles:share_links", args=[draft.pk]))
    page = alice_client.get(response.url).content.decode()
    (url,) = re.findall(r'id="share-link-new"[^>]* value="([^"]+)"', page)
    token = url.removeprefix("http://testserver/s/").removesuffix("/")
    assert "It will not be shown again" in page
    link = draft.share_links.get()
    assert link.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(ShareLink.objects.filter(pk=link.pk).values().get())
    assert Client().get(url).status_code == 200  # the hash of the presented token finds it
    # Afterwards the list names the link by its first characters only.
    listing = alice_client.get(reverse("roles:share_links", args=[draft.pk])).content.decode()
    assert token not in listing and f"/s/{token[:6]}…" in listing


def test_the_page_shows_the_draft_as_saved_when_opened(alice_client, alice):
    draft = make_draft(alice, **POSTED)
    link = make_link(alice_client, draft)
    draft.title = "VP of Operations, Americas"
    draft.save()
    page = Client().get(reverse("roles:shared_document", args=[link.token])).content.decode()
    assert "VP of Operations, Americas" in page


def test_a_public_posting_is_indexable_and_names_its_token_urls(
    alice_client, alice, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    profile = OrganisationProfile.load()
    profile.logo.save("logo.png", BytesIO(png_bytes()), save=True)
    draft = make_draft(alice, **POSTED)
    link = make_link(alice_client, draft, is_public_posting="on")
    anonymous = Client()
    response = anonymous.get(reverse("roles:shared_document", args=[link.token]))
    page = response.content.decode()
    assert "noindex" not in page and "X-Robots-Tag" not in response
    posting = json_ld(page)
    jsonschema.validate(posting, SCHEMA)
    assert posting["url"] == f"http://testserver/s/{link.token}/"
    assert posting["hiringOrganization"]["logo"] == f"http://testserver/s/{link.token}/logo"
    # The logo is served through the token, to someone without an account.
    assert f'src="/s/{link.token}/logo"' in page
    logo = anonymous.get(reverse("roles:shared_logo", args=[link.token]))
    assert logo.status_code == 200 and b"".join(logo.streaming_content) == profile.logo.read()


def test_a_draft_without_posting_details_still_shows_without_posting_data(alice_client, alice):
    link = make_link(alice_client, make_draft(alice))  # no posting date
    page = Client().get(reverse("roles:shared_document", args=[link.token])).content.decode()
    assert "VP of Operations" in page and "application/ld+json" not in page


def test_hostile_text_cannot_close_the_json_ld_script(alice_client, alice):
    hostile = '</script><script>alert(1)</script><!-- "quoted" & more'
    draft = make_draft(alice, title=hostile, **POSTED)
    link = make_link(alice_client, draft)
    page = Client().get(reverse("roles:shared_document", args=[link.token])).content.decode()
    assert "<script>alert(1)" not in page
    assert page.count("</script>") == 1  # the JSON-LD's own end, nothing else
    assert json_ld(page)["title"] == hostile


def dead_link_answers(token: str) -> list[tuple[int, bytes]]:
    client = Client()
    return [
        (response.status_code, response.content)
        for response in (
            client.get(reverse(name, args=[token]))
            for name in ("roles:shared_document", "roles:shared_pdf", "roles:shared_logo")
        )
    ]


@pytest.mark.parametrize("how", ["revoked", "expired", "trashed"])
def test_a_dead_link_is_404_exactly_like_one_that_never_existed(alice_client, alice, how):
    draft = make_draft(alice, **POSTED)
    link = make_link(alice_client, draft)
    never = dead_link_answers("x" * len(link.token))
    assert [status for status, _ in never] == [404, 404, 404]
    if how == "revoked":
        revoke = reverse("roles:revoke_share_link", args=[draft.pk, link.pk])
        assert alice_client.post(revoke).status_code == 302
        link.refresh_from_db()
        assert link.revoked_by == alice and link.revoked_at is not None
        listing = alice_client.get(reverse("roles:share_links", args=[draft.pk])).content.decode()
        assert "Revoked" in listing and link.token not in listing
    elif how == "expired":
        ShareLink.objects.filter(pk=link.pk).update(
            expires_on=timezone.localdate() - timedelta(days=1)
        )
    else:
        draft.deleted_at = timezone.now()
        draft.save()
    assert dead_link_answers(link.token) == never


def test_a_link_works_through_its_last_day(alice_client, alice):
    draft = make_draft(alice, **POSTED)
    link = make_link(alice_client, draft, expires_on=timezone.localdate().isoformat())
    assert Client().get(reverse("roles:shared_document", args=[link.token])).status_code == 200


def test_an_expiry_date_in_the_past_is_refused_with_a_message(alice_client, alice):
    draft = make_draft(alice)
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    response = alice_client.post(
        reverse("roles:share_links", args=[draft.pk]), {"expires_on": yesterday}
    )
    assert response.status_code == 400
    assert "Choose today or a later day." in response.content.decode()
    assert not draft.share_links.exists()


def test_only_the_owner_and_managers_make_list_and_revoke_links(alice_client, alice, bob):
    bob_client = Client()  # not the bob_client fixture: that is alice_client, signed in as Bob
    bob_client.force_login(bob)
    draft = make_draft(alice)
    link = make_link(alice_client, draft)
    share = reverse("roles:share_links", args=[draft.pk])
    revoke = reverse("roles:revoke_share_link", args=[draft.pk, link.pk])
    assert bob_client.get(share).status_code == 404
    assert bob_client.post(share).status_code == 404
    assert bob_client.post(revoke).status_code == 404
    assert draft.share_links.count() == 1 and draft.share_links.get().is_open

    manager = make_user("manager")
    Group.objects.get(name="HR managers").user_set.add(manager)
    client = Client()
    client.force_login(manager)
    listing = client.get(share).content.decode()
    assert f"/s/{link.token[:6]}…" in listing and link.token not in listing
    assert client.post(share).status_code == 302
    assert client.post(revoke).status_code == 302
    link.refresh_from_db()
    assert link.revoked_by == manager

    # A link of another draft cannot be revoked through this one's URL.
    other = make_draft(alice)
    other_link = make_link(alice_client, other)
    wrong = reverse("roles:revoke_share_link", args=[draft.pk, other_link.pk])
    assert alice_client.post(wrong).status_code == 404
    other_link.refresh_from_db()
    assert other_link.is_open


def test_deleting_a_draft_revokes_its_links_for_good(alice_client, alice):
    """A person who deletes a draft to stop sharing it must not find it shared again after
    restoring it from the trash."""
    draft = make_draft(alice, **POSTED)
    link = make_link(alice_client, draft)
    page = reverse("roles:shared_document", args=[link.token])
    assert Client().get(page).status_code == 200
    alice_client.post(reverse("roles:delete", args=[draft.pk]))
    link.refresh_from_db()
    assert link.revoked_at is not None and link.revoked_by == alice
    assert alice_client.post(reverse("roles:restore", args=[draft.pk])).status_code == 302
    draft.refresh_from_db()
    assert draft.deleted_at is None
    assert Client().get(page).status_code == 404


def test_a_links_pdf_downloads_are_limited_per_link(frozen_window, alice_client, alice):
    draft = make_draft(alice, **POSTED)
    link, other = make_link(alice_client, draft), make_link(alice_client, draft)
    anonymous = Client()
    pdf = reverse("roles:shared_pdf", args=[link.token])
    assert SHARE_PDF_RATE.limit == 30 and SHARE_PDF_RATE.seconds == 60
    for _ in range(SHARE_PDF_RATE.limit):
        assert anonymous.get(pdf).status_code == 200
    refused = anonymous.get(pdf)
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert "downloaded too often" in refused.content.decode()
    # Per link: another link to the same draft, and the page itself, still answer.
    assert anonymous.get(reverse("roles:shared_pdf", args=[other.token])).status_code == 200
    assert anonymous.get(reverse("roles:shared_document", args=[link.token])).status_code == 200
