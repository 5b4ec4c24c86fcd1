"""python-scim's conformance tester (scim2-tester) run in this process against /scim/v2/:
discovery (ServiceProviderConfig, ResourceTypes, Schemas), then creating, reading, querying,
replacing, patching and deleting Users and Groups as the published schemas describe them. No
check may report an error: a violation of a MUST of RFC 7643/7644, or worse."""

import contextlib

import pytest
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from scim2_client.engines.wsgi import WSGISCIMClient
from scim2_tester import Status, check_server

pytestmark = pytest.mark.django_db

FAILING = {Status.ERROR, Status.CRITICAL}


@contextlib.contextmanager
def connection_kept_open():
    """The WSGI handler closes the database connection after each request (as a server
    should); in a test that would drop the test's transaction. Django's test client does the
    same as this."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def test_the_conformance_tester_reports_no_failure(scim_token):
    client = WSGISCIMClient(
        get_wsgi_application(),
        base_url="http://testserver/scim/v2",
        headers={"Authorization": f"Bearer {scim_token}"},
    )
    with connection_kept_open():
        results = check_server(client)

    ran = [result for result in results if result.status != Status.SKIPPED]
    failures = [result for result in results if result.status in FAILING]
    assert len(ran) > 20, "\n".join(
        f"{result.status.name} {result.title}: {result.reason}"
        for result in results
        if result.status != Status.SUCCESS
    )
    assert {result.resource_type for result in ran} >= {"User", "Group"}
    assert failures == [], "\n".join(repr(result) for result in failures)
