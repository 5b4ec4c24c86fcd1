from django.apps import AppConfig


class RolesConfig(AppConfig):
    name = "roles"
    verbose_name = "Role library"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from roles.groups import sync_groups_after_migrate

        # The groups get what roles/groups.py declares after every migrate (permissions exist
        # only then); the uid keeps it to one connection.
        post_migrate.connect(sync_groups_after_migrate, sender=self, dispatch_uid="roles.groups")
