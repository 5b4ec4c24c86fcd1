"""The groups of HR users and the permissions each holds: the one table of who may do what.

``sync_groups`` gives the groups what this table declares after every ``migrate`` (a post_migrate
receiver connected in ``RolesConfig.ready``). Django creates permissions only then, at the end of
a migrate, which is why migrations 0007, 0010, 0020, 0025, 0029 and 0031 each created them early
and granted a few; they do nothing now, and this table holds what they granted.
"""

from django.apps import apps as global_apps
from django.db import DEFAULT_DB_ALIAS
from django.db.models import Q


def _keep(*models: str) -> list[str]:
    """What keeping a table of roles in the Django admin takes: add, change, delete and view."""
    actions = ("add", "change", "delete", "view")
    return [f"roles.{action}_{model}" for model in models for action in actions]


#: Group name → its permissions, as ``app_label.codename``.
GROUPS: dict[str, list[str]] = {
    # HR staff sign in and work on their own drafts: that takes no model permission.
    "HR staff": [],
    # HR managers also read every draft of the organisation (preview and PDF), never edit them,
    # and may be asked to review.
    "HR managers": ["roles.read_all_jobdescriptions", "roles.review_jobdescription"],
    # HR admins keep the role library, the organisation profile and the guidance data in the
    # Django admin (members also need "staff status"), and read there what nobody may change:
    # the background task results, the audit trail and the approvals.
    "HR admins": [
        *_keep("roletemplate", "templateresponsibility", "templatekpi", "templatequalification"),
        *_keep("templateworklocation"),
        "roles.view_organisationprofile",
        "roles.change_organisationprofile",
        # The profile's employees counted per pay rule, an inline of its admin page.
        *_keep("placeheadcount", "currencyrate"),
        *_keep("level", "levelsignal", "gendercodedword", "gendercodedexception"),
        *_keep("languageterm", "paytransparencyrule", "payband"),
        *_keep("levelguidequestion", "levelguideanswer"),
        "roles.view_auditentry",
        "roles.view_approval",
        "django_tasks_database.view_dbtaskresult",
        # Who is in which HR group (the review page tells staff an HR admin adds reviewers):
        # people's groups and names only, never staff or superuser status, nobody's password
        # (jdbuilder/admin_site.py, HRUserAdmin).
        "auth.view_user",
        "auth.change_user",
        # Which of the company directory's group values put people in which HR group: the same
        # decision as the groups above, kept as the directory changes. (The sign-ins themselves,
        # and the identities accounts are linked to, are superusers'.)
        *_keep("directorygroupmapping"),
        # The systems that hear of a JD's steps (webhooks), and what was sent to them.
        *_keep("webhooksubscription"),
        "roles.view_webhookdelivery",
        # The web origins whose pages may call the API's text check from a browser (CORS).
        *_keep("apicorsorigin"),
    ],
    # Reviewers may be asked to review and approve job descriptions (the CEO, the CFO, a VP of
    # Operations for a Director's). They read the JDs they are asked to review, nothing else.
    "Reviewers": ["roles.review_jobdescription"],
}


def sync_groups(apps, using: str = DEFAULT_DB_ALIAS) -> None:
    """Create the groups that are missing and add the declared permissions they lack.

    It only ever adds, so running it again changes nothing, and a permission an admin granted
    beyond the table stays. Taking a declared permission away is a migration of its own: remove
    it from the table, and remove it from the group in a RunPython.

    A declared permission that does not exist yet (its model comes with a later migration) is
    added by the sync after the migrate that creates it.
    """
    try:
        Group = apps.get_model("auth", "Group")
        Permission = apps.get_model("auth", "Permission")
    except LookupError:  # auth is not migrated yet (``migrate contenttypes`` on a new database)
        return
    for name, declared in GROUPS.items():
        group, _ = Group.objects.using(using).get_or_create(name=name)
        held = set(group.permissions.values_list("content_type__app_label", "codename"))
        missing = {tuple(permission.split(".")) for permission in declared} - held
        if missing:
            wanted = Q()
            for app_label, codename in missing:
                wanted |= Q(content_type__app_label=app_label, codename=codename)
            group.permissions.add(*Permission.objects.using(using).filter(wanted))


def sync_groups_after_migrate(apps=global_apps, using: str = DEFAULT_DB_ALIAS, **kwargs) -> None:
    """The post_migrate receiver (``flush`` sends the signal without ``apps``). Connected for
    roles, which comes after auth and django_tasks_db in INSTALLED_APPS: Django has created
    their permissions, and roles' own, before it runs."""
    sync_groups(apps, using)
