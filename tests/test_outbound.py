"""The outbound calls (roles/outbound.py): only public addresses, whatever form or name leads to
a private one; the allow-list the only way round; redirects never followed; 4 KB kept."""

import re

import pytest
import requests

from roles import outbound
from roles.outbound import AddressPolicy, RefusedDestination
from tests.helpers.receiver import Answer, self_signed_tls_context

PUBLIC_V4 = "93.184.216.34"
PUBLIC_V6 = "2606:2800:220:1:248:1893:25c8:1946"


def resolving(table: dict[str, list[str]]):
    def resolve(host: str, port: int) -> list[str]:
        return table[host]

    return resolve


def never_resolve(host: str, port: int) -> list[str]:
    raise AssertionError(f"{host} is an address, not a name: nothing to resolve")


@pytest.mark.parametrize(
    ("address", "why"),
    [
        ("127.0.0.1", "loopback"),
        ("127.8.9.10", "loopback"),
        ("10.1.2.3", "RFC 1918"),
        ("172.16.0.1", "RFC 1918"),
        ("172.31.255.254", "RFC 1918"),
        ("192.168.1.1", "RFC 1918"),
        ("169.254.169.254", "link-local"),
        ("100.64.0.1", "carrier-grade NAT"),
        ("100.127.255.254", "carrier-grade NAT"),
        ("0.0.0.0", "'this network'"),
        ("0.1.2.3", "'this network'"),
        ("224.0.0.1", "multicast"),
        ("239.255.255.250", "multicast"),
        ("::1", "loopback"),
        ("::", "unspecified"),
        ("fc00::1", "unique-local"),
        ("fd12:3456::1", "unique-local"),
        ("fe80::1", "link-local"),
        ("ff02::1", "multicast"),
        ("::ffff:10.0.0.1", "IPv4-mapped"),
        ("::ffff:127.0.0.1", "IPv4-mapped"),
        ("::ffff:" + PUBLIC_V4, "IPv4-mapped"),
        ("64:ff9b::a9fe:a9fe", "NAT64"),
        ("64:ff9b::" + PUBLIC_V4, "NAT64"),
        ("2002:a9fe:a9fe::1", "6to4"),
    ],
)
def test_a_name_resolving_to_a_refused_range_is_refused(address, why):
    policy = AddressPolicy(resolver=resolving({"hooks.example.com": [address]}))
    with pytest.raises(RefusedDestination, match=re.escape(why)):
        policy.address_for("hooks.example.com", 443)


@pytest.mark.parametrize(
    ("address", "why"),
    [
        ("127.0.0.1", "loopback"),
        ("10.0.0.1", "RFC 1918"),
        ("169.254.169.254", "link-local"),
        ("::1", "loopback"),
        ("fe80::1", "link-local"),
        ("::ffff:169.254.169.254", "IPv4-mapped"),
        # The forms getaddrinfo reads as 127.0.0.1: a 32-bit number, octal, hex, short.
        ("2130706433", "127.0.0.1 is loopback"),
        ("0177.0.0.1", "127.0.0.1 is loopback"),
        ("0x7f.0.0.1", "127.0.0.1 is loopback"),
        ("127.1", "127.0.0.1 is loopback"),
        ("0xa9fea9fe", "169.254.169.254 is link-local"),
    ],
)
def test_an_address_in_any_form_is_refused_without_resolving(address, why):
    with pytest.raises(RefusedDestination, match=re.escape(why)):
        AddressPolicy(resolver=never_resolve).address_for(address, 80)


def test_public_addresses_of_both_families_pass_and_are_the_ones_connected_to():
    policy = AddressPolicy(
        resolver=resolving({"v4.example": [PUBLIC_V4], "v6.example": [PUBLIC_V6]})
    )
    assert policy.address_for("v4.example", 443) == PUBLIC_V4
    assert policy.address_for("v6.example", 443) == PUBLIC_V6
    assert AddressPolicy(resolver=never_resolve).address_for(PUBLIC_V4, 80) == PUBLIC_V4


def test_one_private_address_among_public_ones_refuses_the_name():
    # Otherwise which address the connection takes could be steered.
    policy = AddressPolicy(resolver=resolving({"mixed.example": [PUBLIC_V4, "10.0.0.7"]}))
    with pytest.raises(RefusedDestination, match=re.escape("10.0.0.7 is private")):
        policy.address_for("mixed.example", 443)


def test_only_an_allow_listed_host_name_reaches_a_private_address():
    resolve = resolving({"ats.corp.example": ["10.0.0.5"], "other.corp.example": ["10.0.0.5"]})
    policy = AddressPolicy.allowing(["ATS.corp.example."], resolver=resolve)
    assert policy.address_for("ats.corp.example", 443) == "10.0.0.5"
    with pytest.raises(RefusedDestination):
        policy.address_for("other.corp.example", 443)
    with pytest.raises(RefusedDestination):
        AddressPolicy.allowing(["corp.example"], resolver=resolve).address_for(
            "ats.corp.example", 443
        )


def test_a_public_then_private_rebind_is_refused_at_the_next_connection():
    answers = iter([[PUBLIC_V4], ["169.254.169.254"]])
    policy = AddressPolicy(resolver=lambda host, port: next(answers))
    adapter = outbound.PinnedAddressAdapter(is_https=True, policy=policy)
    request = requests.Request("POST", "https://rebind.example/hook").prepare()

    host_params, pool_kwargs = adapter.build_connection_pool_key_attributes(request, True)
    # The connection goes to the address checked, the name kept for Host, SNI and the cert.
    assert host_params["host"] == PUBLIC_V4
    assert request.headers["Host"] == "rebind.example"
    assert pool_kwargs["server_hostname"] == "rebind.example"
    assert pool_kwargs["assert_hostname"] == "rebind.example"

    with pytest.raises(RefusedDestination, match=re.escape("169.254.169.254 is link-local")):
        adapter.build_connection_pool_key_attributes(request, True)


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("ftp://files.example.com/hook", "only http and https"),
        ("file:///etc/passwd", "only http and https"),
        ("gopher://example.com/", "only http and https"),
        ("https://user:pass@example.com/", "user name or password"),
        ("https:///hook", "no host"),
    ],
)
def test_only_http_and_https_urls_are_called(url, why):
    response = outbound.post(
        url, body=b"{}", headers={}, policy=AddressPolicy(resolver=never_resolve)
    )
    assert not response.succeeded
    assert why in response.error


def test_a_receiver_on_an_allow_listed_loopback_address_gets_the_call(make_receiver):
    receiver = make_receiver(Answer(200, b"thanks"))
    response = outbound.post(
        receiver.url,
        body=b'{"a": 1}',
        headers={"content-type": "application/json"},
        policy=AddressPolicy.allowing(["127.0.0.1"]),
    )
    assert response.succeeded, response.error
    assert (response.status, response.body) == (200, b"thanks")
    [request] = receiver.received
    assert request.body == b'{"a": 1}'
    assert request.headers["host"] == f"127.0.0.1:{receiver.port}"


def test_the_same_receiver_is_refused_without_the_allow_list(make_receiver):
    receiver = make_receiver()
    response = outbound.post(receiver.url, body=b"{}", headers={}, policy=AddressPolicy())
    assert response.status is None
    assert "127.0.0.1 is loopback" in response.error
    assert receiver.received == []


def test_a_name_resolving_to_a_private_address_is_never_called(make_receiver):
    receiver = make_receiver()
    policy = AddressPolicy(resolver=resolving({"innocent.example": ["127.0.0.1"]}))
    response = outbound.post(
        f"http://innocent.example:{receiver.port}/hook", body=b"{}", headers={}, policy=policy
    )
    assert "127.0.0.1 is loopback" in response.error
    assert receiver.received == []


def test_proxy_variables_cannot_route_round_the_check(make_receiver, monkeypatch):
    # A proxy would resolve the name itself; the session ignores the environment's proxies.
    monkeypatch.setenv("HTTP_PROXY", "http://10.9.9.9:3128")
    monkeypatch.setenv("http_proxy", "http://10.9.9.9:3128")
    receiver = make_receiver()
    response = outbound.post(
        receiver.url, body=b"{}", headers={}, policy=AddressPolicy.allowing(["127.0.0.1"])
    )
    assert response.succeeded, response.error
    assert len(receiver.received) == 1


@pytest.mark.parametrize(
    "location", ["http://169.254.169.254/latest/meta-data/", "http://127.0.0.1:{port}/next"]
)
def test_a_redirect_is_a_failure_and_never_followed(make_receiver, location):
    target = make_receiver()
    location = location.format(port=target.port)
    receiver = make_receiver(Answer(302, b"moved", {"Location": location}))
    response = outbound.post(
        receiver.url, body=b"{}", headers={}, policy=AddressPolicy.allowing(["127.0.0.1"])
    )
    assert not response.succeeded
    assert response.status == 302
    assert response.location == location
    assert len(receiver.received) == 1
    assert target.received == []  # even an allowed address is not followed to


def test_at_most_4_kb_of_an_answer_is_kept(make_receiver):
    receiver = make_receiver(Answer(500, b"x" * 100_000))
    response = outbound.post(
        receiver.url, body=b"{}", headers={}, policy=AddressPolicy.allowing(["127.0.0.1"])
    )
    assert response.status == 500
    assert len(response.body) == outbound.RESPONSE_KEPT_BYTES == 4096


def test_an_answer_later_than_the_timeout_is_a_failure(make_receiver, monkeypatch):
    # The budget is 15 s; a test waits a second, not fifteen.
    monkeypatch.setattr(outbound, "TIMEOUT_SECONDS", 0.5)
    receiver = make_receiver(Answer(200, b"late", delay_seconds=1.5))
    response = outbound.post(
        receiver.url, body=b"{}", headers={}, policy=AddressPolicy.allowing(["127.0.0.1"])
    )
    assert not response.succeeded
    assert response.status is None
    assert "timed out" in response.error.lower()


def test_https_connects_to_the_checked_address_and_checks_the_certificate_for_the_name(
    make_receiver, tmp_path
):
    # hooks.test resolves nowhere but through the injected resolver: reaching the receiver at
    # all shows the connection went to the address checked; the name still goes in the TLS
    # handshake (SNI), and the certificate, trusted by no one, is refused for it.
    receiver = make_receiver(tls=self_signed_tls_context("hooks.test", tmp_path))
    policy = AddressPolicy.allowing(
        ["hooks.test"], resolver=resolving({"hooks.test": ["127.0.0.1"]})
    )
    response = outbound.post(
        f"https://hooks.test:{receiver.port}/hook", body=b"{}", headers={}, policy=policy
    )
    assert response.status is None
    assert "CERTIFICATE_VERIFY_FAILED" in response.error
    assert receiver.server_names == ["hooks.test"]
    assert receiver.received == []
