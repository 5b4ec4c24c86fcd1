import pytest

from tests.helpers.scim import ScimClient, make_scim_token


@pytest.fixture
def scim_on(settings):
    settings.SCIM_ENABLED = True
    settings.SCIM_PROVIDER_ID = "company"


@pytest.fixture
def scim_token(db, scim_on) -> str:
    return make_scim_token()


@pytest.fixture
def scim(scim_token) -> ScimClient:
    """The directory: a client with a live SCIM token."""
    return ScimClient(scim_token)
