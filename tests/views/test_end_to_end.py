"""A person's whole task through the test client: sign in, start, tailor, export, read it back."""

import pytest
from django.urls import reverse

from roles.models import JobDescription
from tests.helpers.data import PASSWORD
from tests.helpers.pages import editor_values, form_values
from tests.helpers.pdfs import assert_in_order, pdf_text

pytestmark = pytest.mark.django_db


def test_sign_in_tailor_a_vp_draft_and_download_it(client, alice):
    # Sign in through the real form.
    login_page = client.get(reverse("login")).content.decode()
    credentials = form_values(login_page.replace("<form", '<form id="login"', 1), "login")
    credentials |= {"login": "alice", "password": PASSWORD}  # allauth names the field "login"
    response = client.post(reverse("login"), credentials)
    assert response.url == reverse("roles:compare")

    # Start a VP draft from the side-by-side page.
    response = client.post(reverse("roles:start_draft", args=["vp-of-operations"]))
    draft = JobDescription.objects.get(owner=alice)
    assert response.url == draft.get_absolute_url()

    values = editor_values(client, draft)
    total = int(values["responsibilities-TOTAL_FORMS"])
    responsibilities = [values[f"responsibilities-{i}-text"] for i in range(total)]
    last = responsibilities[-1]

    # Change a responsibility.
    values["responsibilities-1-text"] = "Set and police the operating policies for all 14 sites."
    responsibilities[1] = values["responsibilities-1-text"]
    # Move the last responsibility to the top.
    for index in range(total):
        values[f"responsibilities-{index}-ORDER"] = str(index + 2)
    values[f"responsibilities-{total - 1}-ORDER"] = "1"
    # Add a KPI in a new row.
    kpis = int(values["kpis-TOTAL_FORMS"])
    values |= {
        "kpis-TOTAL_FORMS": str(kpis + 1),
        f"kpis-{kpis}-name": "Inventory turns",
        f"kpis-{kpis}-measure": "Cost of goods sold ÷ average inventory value",
        f"kpis-{kpis}-target": "≥ 8 per year",
        f"kpis-{kpis}-cadence": "quarterly",
        f"kpis-{kpis}-ORDER": str(kpis + 1),
    }
    # Remove a qualification.
    removed = values["qualifications-2-text"]
    values["qualifications-2-DELETE"] = "on"

    response = client.post(draft.get_absolute_url(), values)
    assert response.status_code == 302, response.content.decode()[:2000]

    # Download the PDF and read it back.
    response = client.get(reverse("roles:download", args=[draft.pk, "pdf"]))
    assert response["Content-Disposition"] == 'attachment; filename="vp-of-operations.pdf"'
    text = pdf_text(response.content)
    expected_order = [last] + [r for r in responsibilities if r != last]
    assert_in_order(text, [item[:60] for item in expected_order])
    assert "Set and police the operating policies for all 14 sites." in text
    assert_in_order(text, ["Customer Net Promoter Score", "Inventory turns", "≥ 8 per year"])
    assert removed[:40] not in text
    assert "Qualifications" in text
