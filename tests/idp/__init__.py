"""A real OpenID Connect identity provider for the tests: django-allauth's own ``allauth.idp.oidc``
in a process of its own, on 127.0.0.1 with its own database, keys and cookie names (the app runs on
``localhost``, so the browser keeps the two sites' cookies apart). ``tests/helpers/idp.py`` starts
it."""
