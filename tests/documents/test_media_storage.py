"""Logos on S3-compatible storage, against a real S3 API server (moto's) on 127.0.0.1: what
several app servers share when ``AWS_STORAGE_BUCKET_NAME`` is set."""

import re

import boto3
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from moto.server import ThreadedMotoServer

from roles.documents.data import document_from_draft
from roles.documents.html import fingerprint, render_html
from roles.models import OrganisationProfile
from tests.helpers.data import make_draft, organisation_profile_data, png_bytes
from tests.helpers.pdfs import read_pdf
from tests.helpers.project import settings_from_env

pytestmark = pytest.mark.django_db

BUCKET = "jdbuilder-media"


@pytest.fixture(scope="module")
def s3_endpoint():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def s3_bucket(s3_endpoint, settings, monkeypatch, tmp_path):
    """Media storage on the S3 server, configured the way production is: from the environment."""
    configured = settings_from_env(
        monkeypatch,
        AWS_STORAGE_BUCKET_NAME=BUCKET,
        AWS_S3_ENDPOINT_URL=s3_endpoint,
        AWS_S3_REGION_NAME="us-east-1",
        AWS_ACCESS_KEY_ID="jdbuilder-test",
        AWS_SECRET_ACCESS_KEY="jdbuilder-test-secret",
    )
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1")
    client.create_bucket(Bucket=BUCKET)
    settings.MEDIA_ROOT = tmp_path  # Nothing may land here.
    settings.STORAGES = {**settings.STORAGES, "default": configured["STORAGES"]["default"]}
    yield client
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])


def test_without_a_bucket_logos_stay_in_the_media_folder(monkeypatch):
    monkeypatch.delenv("AWS_STORAGE_BUCKET_NAME", raising=False)
    storage = settings_from_env(monkeypatch)["STORAGES"]["default"]
    assert storage["BACKEND"] == "django.core.files.storage.FileSystemStorage"


def test_a_bucket_in_the_environment_selects_s3_storage(monkeypatch):
    storage = settings_from_env(
        monkeypatch, AWS_STORAGE_BUCKET_NAME="hr-media", AWS_S3_ENDPOINT_URL="https://s3.example"
    )["STORAGES"]["default"]
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    assert storage["OPTIONS"]["bucket_name"] == "hr-media"
    assert storage["OPTIONS"]["endpoint_url"] == "https://s3.example"
    assert storage["OPTIONS"]["querystring_auth"] is True


def test_a_logo_uploaded_in_the_admin_is_stored_in_the_bucket_and_printed(
    s3_bucket, s3_endpoint, admin_client, alice, alice_client, tmp_path
):
    profile = OrganisationProfile.load()
    response = admin_client.post(
        f"/admin/roles/organisationprofile/{profile.pk}/change/",
        organisation_profile_data(logo=SimpleUploadedFile("contoso.png", png_bytes())),
    )
    assert response.status_code == 302
    keys = [item["Key"] for item in s3_bucket.list_objects_v2(Bucket=BUCKET)["Contents"]]
    assert len(keys) == 1 and keys[0].startswith("media/logos/contoso")
    assert not any(tmp_path.iterdir())

    draft = make_draft(alice)
    # The PDF, read back: the logo came from the bucket, through the storage API.
    alice_client.force_login(alice)
    pdf = alice_client.get(f"/drafts/{draft.pk}/download/pdf/")
    assert pdf.status_code == 200
    assert len(read_pdf(pdf.content).pages[0].images) == 1
    # The preview page: the browser loads the logo from the app (its CSP allows no other
    # origin), which reads it from the bucket.
    page = alice_client.get(f"/drafts/{draft.pk}/preview/").content.decode()
    src = re.search(r'<img class="jd-logo" src="([^"]+)"', page).group(1)
    assert src.startswith("/organisation/logo/?v=")
    logo = alice_client.get(src.replace("&amp;", "&"))
    assert logo.status_code == 200 and logo["Content-Type"] == "image/png"
    assert b"".join(logo.streaming_content).startswith(b"\x89PNG")


def test_signed_urls_do_not_change_the_pdf_fingerprint(s3_bucket, alice):
    """The PDF's HTML names the logo by its storage name, not by the storage's signed URL that
    changes on every request, so cached PDFs and ETags stay valid."""
    profile = OrganisationProfile.load()
    profile.logo.save("mark.png", SimpleUploadedFile("mark.png", png_bytes()))
    draft = make_draft(alice)
    first, second = render_html(document_from_draft(draft)), render_html(document_from_draft(draft))
    assert f'src="/media/{profile.logo.name}"' in first
    assert "X-Amz" not in first
    assert fingerprint(first) == fingerprint(second)
