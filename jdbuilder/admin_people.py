"""People in the admin: what an HR admin may change about a person (their HR groups), and what
only a superuser may (staff and superuser status, permissions, passwords, accounts); and the
security log, which no one changes."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied

from roles.admin import ReadOnlyAdmin
from roles.groups import GROUPS
from roles.models import BreakGlassAccount

#: The user page's read-only note of break-glass status: set only on the server.
BREAK_GLASS_FIELDSET = (
    "Emergency access",
    {
        "fields": ("break_glass",),
        "description": "Break-glass accounts are made and ended only on the server "
        "(manage.py break_glass --grant / --revoke), never here.",
    },
)


class HRUserAdmin(UserAdmin):
    """People, for HR admins as for superusers: an HR admin (not a superuser) sees people who
    are not superusers, and changes only their names, e-mail, whether they may sign in, and
    which HR groups they are in; never staff or superuser status, permissions or passwords,
    and adds or deletes no account."""

    def _is_hr_admin(self, request) -> bool:
        return not request.user.is_superuser

    def get_queryset(self, request):
        people = super().get_queryset(request)
        return people.filter(is_superuser=False) if self._is_hr_admin(request) else people

    def get_fieldsets(self, request, obj=None):
        if self._is_hr_admin(request) and obj is not None:
            return (
                (None, {"fields": ("username",)}),
                ("Person", {"fields": ("first_name", "last_name", "email", "is_active")}),
                ("HR groups", {"fields": ("groups",)}),
                BREAK_GLASS_FIELDSET,
            )
        fieldsets = super().get_fieldsets(request, obj)
        return (*fieldsets, BREAK_GLASS_FIELDSET) if obj is not None else fieldsets

    def get_readonly_fields(self, request, obj=None):
        if self._is_hr_admin(request):
            return ("username", "break_glass")
        return (*super().get_readonly_fields(request, obj), "break_glass")

    @admin.display(boolean=True, description="Break-glass account")
    def break_glass(self, obj) -> bool:
        return BreakGlassAccount.objects.holds(obj)

    def get_list_filter(self, request):
        return ("groups", "is_active") if self._is_hr_admin(request) else self.list_filter

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "groups" and self._is_hr_admin(request):
            kwargs["queryset"] = Group.objects.filter(name__in=GROUPS).order_by("name")
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_related(self, request, form, formsets, change):
        # The form offers the HR groups only: keep any other group the person is in.
        others = list(form.instance.groups.exclude(name__in=GROUPS)) if change else []
        super().save_related(request, form, formsets, change)
        if others and self._is_hr_admin(request):
            form.instance.groups.add(*others)

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def user_change_password(self, request, id, form_url=""):
        if self._is_hr_admin(request):
            raise PermissionDenied("Only a superuser sets passwords here.")
        return super().user_change_password(request, id, form_url)


class SecurityEventAdmin(ReadOnlyAdmin):
    """The security log, read-only: nobody adds, changes or deletes an entry here (old entries
    go by the retention period alone)."""

    list_display = ["at", "kind", "username", "ip_address", "detail"]
    list_filter = ["kind"]
    search_fields = ["username", "ip_address"]
    date_hierarchy = "at"
    list_select_related = ["user"]


class DirectoryGroupMappingAdmin(admin.ModelAdmin):
    """Which values of the identity provider's group claim put people in which HR group."""

    list_display = ["provider_id", "value", "group", "grants_staff"]
    list_filter = ["provider_id", "group"]
    search_fields = ["value"]
    list_select_related = ["group"]


class BreakGlassAccountAdmin(ReadOnlyAdmin):
    """The break-glass accounts, read-only: made and ended only by ``manage.py break_glass``."""

    list_display = ["user", "granted_at", "granted_by"]
    list_select_related = ["user"]
