"""Idempotency keys of the API's creates: claim a key before the work, store the answer with the
work, forget keys after a day.

A key is claimed in its own transaction, committed before the work starts, so a second request
with the key sees it "in flight" (and is answered 409) instead of waiting for it or doing the
work twice. The work and the stored answer then commit together (``idempotencykey_finish``
inside the create's transaction): a key with an answer always has its draft, and a key without
one never has.
"""

import hashlib
import json

from django.db import IntegrityError, transaction
from django.utils import timezone

from roles.models import IDEMPOTENCY_IN_FLIGHT_LOST_AFTER, ApiIdempotencyKey, ApiToken


def request_fingerprint(*, method: str, path: str, data) -> str:
    """The SHA-256 of what a request asks: its method, path and JSON body (keys sorted, so the
    same body sent again in another key order or spacing is the same request)."""
    body = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(f"{method} {path}\n{body}".encode()).hexdigest()


def idempotencykey_find(*, token: ApiToken, key: str) -> ApiIdempotencyKey | None:
    """The token's kept row for ``key``, in flight or answered; None if it has none, or only
    one lost in flight (``idempotencykey_claim`` takes that over)."""
    lost_since = timezone.now() - IDEMPOTENCY_IN_FLIGHT_LOST_AFTER
    return (
        ApiIdempotencyKey.objects.kept()
        .filter(token=token, key=key)
        .exclude(status__isnull=True, created_at__lt=lost_since)
        .first()
    )


def idempotencykey_claim(
    *, token: ApiToken, key: str, request_hash: str
) -> ApiIdempotencyKey | None:
    """Claim ``key`` for a request about to do its work: the new in-flight row, committed, or
    None when another request holds the key (look it up again with ``idempotencykey_find``).

    Keys past their day are purged first (every key of every token: one indexed DELETE), so an
    old key is free again and the table holds a day of keys. A key whose request died in flight
    long ago (``IDEMPOTENCY_IN_FLIGHT_LOST_AFTER``) is taken over for the same request."""
    now = timezone.now()
    with transaction.atomic():
        idempotencykey_purge(now=now)
        try:
            # Its own savepoint: a lost race rolls back the INSERT, not the purge.
            with transaction.atomic():
                return ApiIdempotencyKey.objects.create(
                    token=token, key=key, request_hash=request_hash, created_at=now
                )
        except IntegrityError:
            pass
        lost = ApiIdempotencyKey.objects.filter(
            token=token,
            key=key,
            request_hash=request_hash,
            status__isnull=True,
            created_at__lt=now - IDEMPOTENCY_IN_FLIGHT_LOST_AFTER,
        )
        # One UPDATE: of two requests taking over the same lost key, one wins.
        if lost.update(created_at=now):
            return ApiIdempotencyKey.objects.get(token=token, key=key)
    return None


def idempotencykey_finish(
    *, claim: ApiIdempotencyKey, status: int, body: str, headers: dict[str, str]
) -> None:
    """Store the answer of the request that claimed the key. Call it inside the transaction of
    the request's work, so the work and its answer commit (or roll back) together."""
    ApiIdempotencyKey.objects.filter(pk=claim.pk).update(
        status=status, response_body=body, response_headers=headers
    )


def idempotencykey_release(*, claim: ApiIdempotencyKey) -> None:
    """Free a claimed key whose request failed before it had an answer to keep (nothing was
    written): the client may send the request again with the same key."""
    ApiIdempotencyKey.objects.filter(pk=claim.pk, status__isnull=True).delete()


def idempotencykey_purge(*, now=None) -> int:
    """Delete the keys past their day; returns how many."""
    deleted, _ = ApiIdempotencyKey.objects.expired(now).delete()
    return deleted
