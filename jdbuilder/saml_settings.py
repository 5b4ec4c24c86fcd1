"""The settings of a SAML sign-in (one entry of allauth's ``SOCIALACCOUNT_PROVIDERS["saml"]``),
with the checks the house requires whatever the environment says. Read by ``jdbuilder.settings``
and by the tests; it imports nothing of Django's, so the settings module can use it."""

#: allauth's names for the algorithms (python3-saml's constants).
RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256"

#: Where the common providers put a person's e-mail address and names (allauth's own list, with
#: the names ADFS and Entra ID use; Google Workspace and Okta send what the admin names there).
EMAIL_ATTRIBUTES = [
    "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
    "urn:oid:0.9.2342.19200300.100.1.3",
    "email",
]
FIRST_NAME_ATTRIBUTES = [
    "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname",
    "urn:oid:2.5.4.42",
    "firstName",
]
LAST_NAME_ATTRIBUTES = [
    "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname",
    "urn:oid:2.5.4.4",
    "lastName",
]


def saml_app_settings(
    *, idp: dict, uid_attribute: str, sp_entity_id: str = "", allow_idp_initiated: bool = False
) -> dict:
    """allauth's ``settings`` of a SAML app: the identity provider (``idp``: ``entity_id`` with
    ``metadata_url``, or with ``sso_url`` and ``x509cert``), and the immutable-id attribute that
    alone says who someone is (``roles.signin_saml`` refuses a response without it)."""
    settings = {
        "idp": idp,
        # "uid" is the only key that finds an account; the NameID (often an e-mail address,
        # which is reassigned when someone leaves) is never one (roles.signin_saml).
        "attribute_mapping": {
            "uid": uid_attribute,
            "email": EMAIL_ATTRIBUTES,
            "first_name": FIRST_NAME_ATTRIBUTES,
            "last_name": LAST_NAME_ATTRIBUTES,
        },
        "advanced": {
            "strict": True,
            # Every assertion signed by the provider's key; SHA-1 in a signature or a digest
            # refused (python3-saml's list of deprecated algorithms).
            "want_assertion_signed": True,
            "reject_deprecated_algorithm": True,
            "signature_algorithm": RSA_SHA256,
            "digest_algorithm": SHA256,
            "want_attribute_statement": True,
            "reject_idp_initiated_sso": not allow_idp_initiated,
        },
    }
    if sp_entity_id:
        settings["sp"] = {"entity_id": sp_entity_id}
    return settings
