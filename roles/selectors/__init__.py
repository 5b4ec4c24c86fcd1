"""Reads, by page family, mirroring ``roles/services/`` (the writes): ``drafts`` (the drafts
lists), ``history`` (saved versions), ``guidance`` (the rules and the panel), ``level_guide``,
``library`` (the start page and comparisons), ``review`` and ``comments``, ``template_updates``
and ``exports`` (bulk exports). The task queue as the web sees it is operations: ``roles.ops``.

A page's reads live here, in its family's module, rather than in its view (views stay thin,
and view modules do not import each other) or in a service (services write). Import from the
family's module: ``from roles.selectors.drafts import drafts_owned_by``; this package re-exports
nothing. Selectors import no services, tasks, views, forms or the access helper (a contract in
``pyproject.toml``)."""
