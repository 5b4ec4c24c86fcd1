"""The organisation's logo as browsers get it (the preview, a share link's page): always the PNG
(the copy an SVG gets at upload, or the uploaded picture), never the SVG, which only the PDF
renderer reads behind its fetcher."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from roles.documents.data import document_from_draft
from roles.documents.fetcher import document_media
from roles.models import OrganisationProfile
from roles.services.sharing import sharelink_create
from roles.uploads import clean_logo, logo_png_copy
from tests.helpers.data import make_draft, png_bytes

pytestmark = pytest.mark.django_db

SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 10">'
    b'<rect width="40" height="10" fill="#0f4c81"/></svg>'
)
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def svg_logo(settings, tmp_path) -> OrganisationProfile:
    settings.MEDIA_ROOT = tmp_path
    profile = OrganisationProfile.load()
    logo = clean_logo(SimpleUploadedFile("mark.svg", SVG))
    profile.logo_png = logo_png_copy(logo)
    profile.logo = logo
    profile.save()
    return profile


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def assert_served_as_png(response, profile: OrganisationProfile) -> None:
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    content = body(response)
    assert content.startswith(PNG_SIGNATURE) and b"<svg" not in content
    profile.logo_png.open("rb")
    assert content == profile.logo_png.read()


def test_the_preview_gets_the_png_copy_of_an_svg_logo(alice_client, svg_logo):
    assert_served_as_png(alice_client.get(reverse("roles:organisation_logo")), svg_logo)


def test_a_share_link_serves_the_png_copy_of_an_svg_logo(alice, svg_logo):
    _link, token = sharelink_create(job_description=make_draft(alice), user=alice)
    response = Client().get(reverse("roles:shared_logo", args=[token]))
    assert_served_as_png(response, svg_logo)


def test_the_pdf_still_prints_the_svg(alice, svg_logo):
    document = document_from_draft(make_draft(alice))
    assert list(document_media(document.organisation.logo_name).values()) == [SVG]


def test_a_png_logo_is_served_as_uploaded(alice_client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    profile = OrganisationProfile.load()
    profile.logo = clean_logo(SimpleUploadedFile("logo.png", png_bytes()))
    profile.save()
    response = alice_client.get(reverse("roles:organisation_logo"))
    assert response["Content-Type"] == "image/png"
    profile.logo.open("rb")
    assert body(response) == profile.logo.read()


def test_an_svg_logo_without_a_png_copy_is_not_served(alice_client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    profile = OrganisationProfile.load()
    profile.logo = clean_logo(SimpleUploadedFile("mark.svg", SVG))  # uploaded before the copies
    profile.save()
    assert alice_client.get(reverse("roles:organisation_logo")).status_code == 404
