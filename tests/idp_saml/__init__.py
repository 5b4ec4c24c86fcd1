"""A real SAML 2.0 identity provider for the tests: pysaml2's ``Server`` in a small WSGI app
(``server.py``), in a process of its own on 127.0.0.1, signing with RSA-SHA256 and keys made at
test time. ``tests/helpers/saml_idp.py`` starts it and changes things at it."""
