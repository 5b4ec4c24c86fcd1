from django.apps import AppConfig


class RolesConfig(AppConfig):
    name = "roles"
    verbose_name = "Role library"

    def ready(self) -> None:
        from allauth.socialaccount.signals import social_account_added
        from django.db.models.signals import post_migrate
        from django_tasks.signals import task_finished

        from roles.groups import sync_groups_after_migrate
        from roles.services.guidance import recount_after_migrate
        from roles.services.identities import identity_connected
        from roles.services.security import connect_security_log
        from roles.services.tasks import log_task_finished

        # Connected here, not by whichever import of a task module happens to run first; the
        # uid keeps it to one connection (one log line a task) should ready() run again.
        task_finished.connect(log_task_finished, dispatch_uid="roles.log_task_finished")
        # The groups get what roles/groups.py declares after every migrate (permissions exist
        # only then); the uid keeps it to one connection.
        post_migrate.connect(sync_groups_after_migrate, sender=self, dispatch_uid="roles.groups")
        # A migration that changes the guidance rules leaves the stored finding counts stale.
        post_migrate.connect(recount_after_migrate, sender=self, dispatch_uid="roles.recount")
        # Sign-ins, failures, lockouts and factor changes go to the security log.
        connect_security_log()
        # Someone connecting their company identity themselves: in the security log.
        social_account_added.connect(identity_connected, dispatch_uid="roles.identity_connected")
