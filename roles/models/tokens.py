"""What the database keeps of a secret token (share links, API tokens, SCIM tokens)."""

import hashlib


def hash_token(token: str) -> str:
    """The token's SHA-256, in hex, so a copy of the database (a backup, a dump for support)
    opens nothing. A plain fast hash is right here, unlike for a password: every token is 256
    random bits, so there is no dictionary to try and no search a salt or a slow hash would slow
    down; and the same token always gives the same hash, which is looked up by a unique index."""
    return hashlib.sha256(token.encode()).hexdigest()
