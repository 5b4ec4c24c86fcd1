"""The admin pages HR admins use beyond the role library."""

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django_tasks_db.models import DBTaskResult

from roles.models import OrganisationProfile
from roles.tasks import render_draft_pdf
from tests.helpers.data import make_user, organisation_profile_data, png_bytes

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


def test_hr_admins_read_the_task_results_and_no_one_else(client, draft):
    failed = DBTaskResult.objects.get(pk=render_draft_pdf.enqueue(draft.pk, 1).id)
    failed.set_failed(OSError("the media storage did not answer"))
    hr_admin = make_user("hradmin", is_staff=True)
    Group.objects.get(name="HR admins").user_set.add(hr_admin)
    staff = make_user("staffer", is_staff=True)
    url = "/admin/django_tasks_database/dbtaskresult/"
    client.force_login(hr_admin)
    listing = client.get(url)
    assert listing.status_code == 200
    assert "render_draft_pdf" in listing.content.decode()
    detail = client.get(f"{url}{failed.pk}/change/").content.decode()
    assert "the media storage did not answer" in detail  # the traceback says why
    client.force_login(staff)
    assert client.get(url).status_code == 403
