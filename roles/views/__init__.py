"""Thin views by page family: parse a form, call a service, redirect; read through a selector or
the access helper. Only ``roles.urls`` imports these modules."""
