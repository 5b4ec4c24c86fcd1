"""The app's outbound HTTP calls (webhooks are the first), made so that a URL typed by an admin
cannot reach what only the server can: the cloud's metadata service, the database, the admin
interfaces on the private network, the server itself.

Built on requests-hardened (pinned): its session never follows a redirect and always has a
timeout, and its adapter's design is kept: resolve the host name once, check the address, and
connect to that very address (the name stays in the ``Host`` header, in TLS's SNI and in the
certificate check), on every new connection, so a name that resolves to a public address when
checked and to a private one a moment later (DNS rebinding) is refused at the second
connection. The library's own address filter is replaced by ``AddressPolicy`` because it cannot
take an injected resolver (tests), an exact host-name allow-list (its only way to a private
address is "any loopback address"), and it leans on ``ipaddress.is_private``, whose ranges
differ between Python releases (2002::/16 and 64:ff9b::/96 among them). The ranges are
therefore named here, once.

Imports nothing of the project: a service passes the allow-list (``settings``) in.
"""

import ipaddress
import socket
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import requests
from requests.adapters import HTTPAdapter
from requests.structures import CaseInsensitiveDict
from requests_hardened import Config, HTTPSession
from requests_hardened.ip_filter_adapter import IPFilterAdapter

#: A call's whole budget: connecting, sending, the answer's head and the bytes kept of its body.
TIMEOUT_SECONDS = 15.0
#: The most of a response body kept (and read): enough for a receiver's error message.
RESPONSE_KEPT_BYTES = 4096
SCHEMES = ("http", "https")

#: Addresses no outbound call may reach unless its host name is on the admin's allow-list.
#: Anything Python does not call global is refused too (``_refusal``); these are named because
#: they are the ones that matter, and because some of them Python calls global.
REFUSED_NETWORKS: tuple[tuple[str, str], ...] = (
    ("0.0.0.0/8", "'this network'"),
    ("10.0.0.0/8", "private (RFC 1918)"),
    ("100.64.0.0/10", "carrier-grade NAT (RFC 6598)"),
    ("127.0.0.0/8", "loopback"),
    ("169.254.0.0/16", "link-local (cloud metadata)"),
    ("172.16.0.0/12", "private (RFC 1918)"),
    ("192.0.0.0/24", "IETF protocol assignments"),
    ("192.168.0.0/16", "private (RFC 1918)"),
    ("198.18.0.0/15", "benchmarking"),
    ("224.0.0.0/4", "multicast"),
    ("240.0.0.0/4", "reserved"),
    ("::/128", "unspecified"),
    ("::1/128", "loopback"),
    ("::ffff:0:0/96", "IPv4-mapped"),
    ("::/96", "IPv4-compatible"),
    ("64:ff9b::/96", "NAT64"),
    ("64:ff9b:1::/48", "local NAT64"),
    ("2001::/32", "Teredo (carries an IPv4 address)"),
    ("2002::/16", "6to4 (carries an IPv4 address)"),
    ("fc00::/7", "unique-local"),
    ("fe80::/10", "link-local"),
    ("ff00::/8", "multicast"),
)
_REFUSED = tuple((ipaddress.ip_network(net), why) for net, why in REFUSED_NETWORKS)

#: host, port -> the addresses the name resolves to, as text. Tests inject their own.
Resolver = Callable[[str, int], list[str]]


class RefusedDestination(requests.exceptions.RequestException):
    """The URL may not be called; the message says why."""


def system_resolver(host: str, port: int) -> list[str]:
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [info[4][0] for info in infos if info[0] in (socket.AF_INET, socket.AF_INET6)]


def _refusal(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str:
    """Why ``address`` may not be reached, or "" when it may."""
    for network, why in _REFUSED:
        if address.version == network.version and address in network:
            return f"{address} is {why}"
    if not address.is_global or address.is_multicast:
        return f"{address} is not a public address"
    return ""


def _literal_address(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """The address a host written as one stands for, in every form the C library reads: besides
    dotted quads and IPv6, ``2130706433`` and ``0177.0.0.1`` (octal) are 127.0.0.1 to
    ``getaddrinfo``, so they are read the way it reads them, not taken for names."""
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        pass
    try:
        return ipaddress.IPv4Address(socket.inet_aton(host))
    except OSError:
        return None


@dataclass(frozen=True)
class AddressPolicy:
    """Which addresses a call may connect to. ``allowed_private_hosts``: host names, written
    exactly as in the URL (case aside), that may reach a private address: an admin's decision,
    the only way to one."""

    allowed_private_hosts: frozenset[str] = field(default_factory=frozenset)
    resolver: Resolver = system_resolver

    @classmethod
    def allowing(cls, hosts: Iterable[str], resolver: Resolver = system_resolver):
        return cls(frozenset(_host_key(host) for host in hosts), resolver)

    def address_for(self, host: str, port: int) -> str:
        """The one address to connect to for ``host``, checked; raises ``RefusedDestination``.
        Every address the name resolves to must pass, so the choice among them cannot be
        steered to a private one."""
        allowed = _host_key(host) in self.allowed_private_hosts
        literal = _literal_address(host)
        if literal is not None:
            addresses = [literal]
        else:
            try:
                resolved = self.resolver(host, port)
            except (OSError, UnicodeError) as error:
                raise RefusedDestination(f"{host} does not resolve: {error}") from error
            addresses = [ipaddress.ip_address(address.split("%")[0]) for address in resolved]
            if not addresses:
                raise RefusedDestination(f"{host} does not resolve")
        if not allowed:
            for address in addresses:
                if why := _refusal(address):
                    raise RefusedDestination(f"{host}: {why}")
        return str(addresses[0])


def _host_key(host: str) -> str:
    return host.strip().rstrip(".").lower()


def url_refusal(url: str) -> str:
    """Why ``url`` cannot be called whatever it resolves to, or "" (checked before resolving)."""
    try:
        parts = urlsplit(url)
        _ = parts.port  # raises ValueError for a port out of range
    except ValueError as error:
        return f"not a URL: {error}"
    if parts.scheme not in SCHEMES:
        return "only http and https URLs are called"
    if not parts.hostname:
        return "the URL has no host"
    if parts.username is not None or parts.password is not None:
        return "the URL may not carry a user name or password"
    return ""


class PinnedAddressAdapter(IPFilterAdapter):
    """requests-hardened's adapter with ``AddressPolicy`` as its filter: the pool connects to
    the checked address; the name goes in the ``Host`` header, SNI and the certificate check."""

    def __init__(self, *, is_https: bool, policy: AddressPolicy):
        super().__init__(is_https_proto=is_https)
        self._policy = policy

    def build_connection_pool_key_attributes(self, request, verify, cert=None):
        # The library's method less its module-level filter (see the module's docstring).
        host_params, pool_kwargs = HTTPAdapter.build_connection_pool_key_attributes(
            self, request, verify, cert
        )
        request.headers = CaseInsensitiveDict(request.headers or {})
        hostname, port = host_params["host"], host_params["port"]
        host_header = f"[{hostname}]" if ":" in hostname else hostname
        if port is not None:
            host_header += f":{port}"
        request.headers["Host"] = host_header
        if self._is_https_proto:
            pool_kwargs["assert_hostname"] = hostname
            pool_kwargs["server_hostname"] = hostname
        default_port = 443 if self._is_https_proto else 80
        address = self._policy.address_for(hostname, port or default_port)
        host_params["host"] = f"[{address}]" if ":" in address else address
        return host_params, pool_kwargs


def session(policy: AddressPolicy) -> requests.Session:
    """A session that never follows a redirect, has a timeout, ignores proxy variables (a proxy
    would resolve the name itself) and connects only where ``policy`` allows."""
    http = HTTPSession(
        Config(
            ip_filter_enable=False,  # replaced by the adapters mounted below
            ip_filter_allow_loopback_ips=False,
            never_redirect=True,
            default_timeout=(TIMEOUT_SECONDS, TIMEOUT_SECONDS),
        )
    )
    http.trust_env = False
    for scheme in SCHEMES:
        http.mount(f"{scheme}://", PinnedAddressAdapter(is_https=scheme == "https", policy=policy))
    return http


@dataclass(frozen=True)
class OutboundResponse:
    """What came back: the status (None when there was no answer), at most
    ``RESPONSE_KEPT_BYTES`` of the body, and why the call failed ("" for an answer in time)."""

    status: int | None
    body: bytes = b""
    error: str = ""
    #: A redirect's ``Location``, reported, never followed.
    location: str = ""

    @property
    def succeeded(self) -> bool:
        return not self.error and self.status is not None and 200 <= self.status < 300


def post(url: str, *, body: bytes, headers: dict[str, str], policy: AddressPolicy):
    """POSTs ``body`` to ``url``, never following a redirect (a 3xx is an answer, not a way on),
    within ``TIMEOUT_SECONDS`` in all, reading at most ``RESPONSE_KEPT_BYTES`` of the answer."""
    if why := url_refusal(url):
        return OutboundResponse(status=None, error=why)
    deadline = time.monotonic() + TIMEOUT_SECONDS
    try:
        with session(policy) as http:
            response = http.post(
                url,
                data=body,
                headers=headers,
                allow_redirects=False,
                stream=True,
                timeout=(TIMEOUT_SECONDS, TIMEOUT_SECONDS),
            )
            with response:
                kept = bytearray()
                for chunk in response.iter_content(chunk_size=1024):
                    kept += chunk
                    if len(kept) >= RESPONSE_KEPT_BYTES or time.monotonic() > deadline:
                        break
    except (requests.exceptions.RequestException, OSError, ValueError) as error:
        # Refused, unreachable, timed out, or an answer urllib3 could not read: all a failure
        # of this call, recorded, never a crash of the task that made it.
        return OutboundResponse(status=None, error=str(error)[:500] or type(error).__name__)
    return OutboundResponse(
        status=response.status_code,
        body=bytes(kept[:RESPONSE_KEPT_BYTES]),
        error=f"no complete answer within {TIMEOUT_SECONDS:.0f} s"
        if time.monotonic() > deadline
        else "",
        location=response.headers.get("Location", "") if response.is_redirect else "",
    )
