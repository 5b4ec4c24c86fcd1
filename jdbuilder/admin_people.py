"""People in the admin: what an HR admin may change about a person (their HR groups), and what
only a superuser may (staff and superuser status, permissions, passwords, accounts); and the
security log, which no one changes."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.template.response import TemplateResponse

from roles.admin import ReadOnlyAdmin
from roles.groups import GROUPS
from roles.models import BreakGlassAccount, DirectoryGroupMapping, ScimToken
from roles.services.directory import directory_mapping_changed

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
    """Which values of the identity provider's group claim put people in which HR group. With
    SCIM on, a change applies at once to the people in the directory groups it names."""

    list_display = ["provider_id", "value", "group", "grants_staff"]
    list_filter = ["provider_id", "group"]
    search_fields = ["value"]
    list_select_related = ["group"]

    def save_model(self, request, obj, form, change):
        before = DirectoryGroupMapping.objects.filter(pk=obj.pk).select_related("group").first()
        super().save_model(request, obj, form, change)
        if before is not None and (before.provider_id, before.value) != (
            obj.provider_id,
            obj.value,
        ):
            _mapping_changed(request, before)
        _mapping_changed(request, obj, released=[before.group] if before else [])

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        _mapping_changed(request, obj)

    def delete_queryset(self, request, queryset):
        gone = list(queryset.select_related("group"))
        super().delete_queryset(request, queryset)
        for mapping in gone:
            _mapping_changed(request, mapping)


def _mapping_changed(request, mapping, released=()) -> None:
    """The people in the directory group ``mapping`` names get their HR groups anew (SCIM on),
    losing its group unless another mapping gives it."""
    directory_mapping_changed(
        provider_id=mapping.provider_id,
        values=[mapping.value],
        released=[mapping.group, *released],
        request=request,
    )


class DirectoryIdentityAdmin(admin.ModelAdmin):
    """People as the directory provisions them (SCIM). An administrator adds one by hand to link
    an existing local account to its directory identity before the directory first sends it
    (the directory would otherwise be refused: the username is taken)."""

    list_display = ["user_name", "external_id", "user", "deprovisioned_at", "updated_at"]
    search_fields = ["user_name", "external_id", "user__username"]
    list_select_related = ["user"]
    raw_id_fields = ["user"]
    readonly_fields = ["scim_id", "created_at", "updated_at", "deprovisioned_at"]

    def has_delete_permission(self, request, obj=None):
        return False  # the directory deactivates; nothing deletes who someone was


class DirectoryGroupAdmin(admin.ModelAdmin):
    """The groups the directory pushes (SCIM): read here, changed there. A mapping names one by
    its display name."""

    list_display = ["display_name", "external_id", "member_count", "updated_at"]
    search_fields = ["display_name", "external_id"]
    fields = ["display_name", "external_id", "scim_id", "created_at", "updated_at"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(members_total=Count("members"))

    @admin.display(description="members", ordering="members_total")
    def member_count(self, obj) -> int:
        return obj.members_total

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ScimTokenAdmin(admin.ModelAdmin):
    """Tokens the directory sends to /scim/v2/. Adding one shows it once, on the page that
    answers the form (never stored, never in a message that would sit in a cookie); revoking is
    a date. Superusers only: a token can deactivate everyone."""

    list_display = ["name", "created_at", "last_used_at", "revoked_at"]
    fields = ["name", "revoked_at"]

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return False

    def get_fields(self, request, obj=None):
        return ["name"] if obj is None else self.fields

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        # Kept on the request (the admin is one object for all requests) until the answer.
        row, request.issued_scim_token = ScimToken.issue(name=obj.name)
        obj.pk, obj.token_hash = row.pk, row.token_hash
        obj._state.adding = False

    def response_add(self, request, obj, post_url_continue=None):
        token = getattr(request, "issued_scim_token", None)
        return TemplateResponse(
            request,
            "admin/roles/scimtoken/issued.html",
            {
                **self.admin_site.each_context(request),
                "token": token,
                "row": obj,
                "title": "SCIM token made",
                "opts": self.model._meta,
            },
        )


class BreakGlassAccountAdmin(ReadOnlyAdmin):
    """The break-glass accounts, read-only: made and ended only by ``manage.py break_glass``."""

    list_display = ["user", "granted_at", "granted_by"]
    list_select_related = ["user"]
