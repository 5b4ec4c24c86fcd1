"""SCIM 2.0 at /scim/v2/: the company's directory (Entra ID, Okta) creates, changes and
deactivates people and pushes groups. django-scim2 serves the protocol; this package fits it to
the app:

- ``auth``: the only way in is a SCIM bearer token (``roles.models.ScimToken``, kept hashed),
  never a session cookie; bodies are bounded; refusals are SCIM error documents.
- ``adapters``: people as ``roles.models.DirectoryIdentity`` (one per account; the account stays
  Django's user) and groups as ``roles.models.DirectoryGroup``, read from and written to SCIM
  documents, tolerant of what Entra ID and Okta really send (``"False"``, ``"Replace"``).
- ``filters``: ``filter=userName eq "…"`` and the like, as database queries.
- ``views`` and ``urls``: django-scim2's views, paged in the database and bounded.

Every change goes through ``roles.services.directory``, which keeps the security log and ends a
deactivated person's sessions.
"""
