"""The admin pages HR admins use beyond the role library."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from roles.models import OrganisationProfile
from tests.helpers.data import organisation_profile_data, png_bytes

pytestmark = pytest.mark.django_db


def test_admin_edits_the_single_organisation_profile(admin_client, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    profile = OrganisationProfile.load()
    url = f"/admin/roles/organisationprofile/{profile.pk}/change/"
    response = admin_client.post(url, organisation_profile_data(accent_colour="red"))
    assert "Enter a colour as #RRGGBB" in response.content.decode()
    response = admin_client.post(
        url,
        organisation_profile_data(
            paper_size="letter",
            about="About Contoso.",
            logo=SimpleUploadedFile("c.png", png_bytes()),
        ),
    )
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.name == "Contoso"
    assert profile.logo.name.startswith("logos/c")
    assert admin_client.get("/admin/roles/organisationprofile/add/").status_code == 403
