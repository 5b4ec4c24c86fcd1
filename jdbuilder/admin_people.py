"""People in the admin: what an HR admin may change about a person (their HR groups), and what
only a superuser may (staff and superuser status, permissions, passwords, accounts, the company
identity an account is linked to); the security log, which no one changes; the company sign-ins
(allauth's social applications) and the mapping of their group values to HR groups."""

from urllib.parse import urlsplit

from allauth.socialaccount.admin import SocialAppAdmin, SocialAppForm
from allauth.socialaccount.models import SocialAccount
from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.template.response import TemplateResponse

from roles.admin import ReadOnlyAdmin
from roles.groups import GROUPS
from roles.http import parse_id
from roles.models import BreakGlassAccount, DirectoryGroupMapping, ScimToken, ServiceAccount
from roles.selectors.identities import company_apps
from roles.services.directory import directory_mapping_changed
from roles.services.identities import (
    LINKED_BY_ADMIN,
    company_identity_link,
    company_identity_link_problem,
    company_identity_unlink,
)

#: The user page's read-only note of break-glass status: set only on the server.
BREAK_GLASS_FIELDSET = (
    "Emergency access",
    {
        "fields": ("break_glass",),
        "description": "Break-glass accounts are made and ended only on the server "
        "(manage.py break_glass --grant / --revoke), never here.",
    },
)


def provider_choices(current: str = "") -> list[tuple[str, str]]:
    """The configured company sign-ins, by provider id (and a value saved before, kept)."""
    choices = [(app.provider_id, f"{app.name} ({app.provider_id})") for app in company_apps()]
    if settings.SCIM_ENABLED and settings.SCIM_PROVIDER_ID not in {value for value, _ in choices}:
        # With SCIM on, mappings name the directory's groups under its provider id, whether or
        # not that provider's sign-in is configured here yet.
        choices.append((settings.SCIM_PROVIDER_ID, f"the directory ({settings.SCIM_PROVIDER_ID})"))
    if current and current not in {value for value, _ in choices}:
        choices.append((current, f"{current} (not configured)"))
    return [("", "---------"), *choices]


class CompanyIdentityForm(forms.ModelForm):
    """A company identity for the person: the provider and its immutable id for them. A linked
    row is read-only (linking is once); deleting it unlinks."""

    provider = forms.ChoiceField(label="Sign-in provider")
    uid = forms.CharField(
        label="Immutable id",
        max_length=SocialAccount._meta.get_field("uid").max_length,
        help_text="The provider's id for the person that never changes: OpenID Connect sub; "
        "Entra ID object id (oid) when the provider's uid_claim is oid; Okta user id.",
    )

    class Meta:
        model = SocialAccount
        fields = ["provider", "uid"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["provider"].choices = provider_choices(self.instance.provider)
        if self.instance.pk:
            for name in ("provider", "uid"):
                self.fields[name].disabled = True

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk or self.errors:
            return cleaned
        problem = company_identity_link_problem(
            user=self.instance.user,
            provider_id=cleaned.get("provider", ""),
            uid=cleaned.get("uid", ""),
        )
        if problem:
            raise ValidationError(problem)
        return cleaned


class CompanyIdentityInline(admin.TabularInline):
    model = SocialAccount
    form = CompanyIdentityForm
    fields = ["provider", "uid", "last_login"]
    readonly_fields = ["last_login"]
    verbose_name = "company identity"
    verbose_name_plural = "Company identities (sign-in with the company's identity provider)"
    # One empty row: linking works without JavaScript ("Add another" needs it).
    extra = 1


class HRUserAdmin(UserAdmin):
    """People, for HR admins as for superusers: an HR admin (not a superuser) sees people who
    are not superusers, and changes only their names, e-mail, whether they may sign in, and
    which HR groups they are in; never staff or superuser status, permissions or passwords,
    and adds or deletes no account."""

    def _is_hr_admin(self, request) -> bool:
        return not request.user.is_superuser

    def get_queryset(self, request):
        people = super().get_queryset(request)
        if not self._is_hr_admin(request):
            return people
        # Nor service accounts: their groups say what an integration's tokens read, which a
        # superuser decides (jdbuilder/admin_tokens.py).
        return people.filter(is_superuser=False, service_account__isnull=True)

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

    def get_inlines(self, request, obj):
        # Linking an identity lets someone sign in as the person: superusers only, like passwords.
        return [CompanyIdentityInline] if obj is not None and request.user.is_superuser else []

    def save_formset(self, request, form, formset, change):
        if formset.model is not SocialAccount:
            return super().save_formset(request, form, formset, change)
        # Through the services, so that each link and unlink is checked again and logged.
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for row in formset.forms:
            account = row.instance
            if account.pk and row in formset.deleted_forms:
                company_identity_unlink(account=account, by=request.user, request=request)
                formset.deleted_objects.append(account)
            elif not account.pk and row.has_changed() and row not in formset.deleted_forms:
                linked = company_identity_link(
                    user=form.instance,
                    provider_id=row.cleaned_data["provider"],
                    uid=row.cleaned_data["uid"],
                    how=LINKED_BY_ADMIN,
                    by=request.user,
                    request=request,
                )
                formset.new_objects.append(linked)

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
        if ServiceAccount.objects.filter(user_id=parse_id(id)).exists():
            raise PermissionDenied("A service account has no password: it never signs in.")
        return super().user_change_password(request, id, form_url)


class SecurityEventAdmin(ReadOnlyAdmin):
    """The security log, read-only: nobody adds, changes or deletes an entry here (old entries
    go by the retention period alone)."""

    list_display = ["at", "kind", "username", "ip_address", "detail"]
    list_filter = ["kind"]
    search_fields = ["username", "ip_address"]
    date_hierarchy = "at"
    list_select_related = ["user"]


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

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user":
            # A service account is nobody of the directory's: SCIM would set its groups.
            kwargs["queryset"] = get_user_model().objects.filter(service_account__isnull=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

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


class DirectoryGroupMappingForm(forms.ModelForm):
    class Meta:
        model = DirectoryGroupMapping
        fields = ["provider_id", "value", "group", "grants_staff"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["provider_id"]
        self.fields["provider_id"] = forms.ChoiceField(
            choices=provider_choices(self.instance.provider_id),
            label=field.label,
            help_text=field.help_text,
        )
        self.fields["group"].queryset = Group.objects.filter(name__in=GROUPS).order_by("name")


class DirectoryGroupMappingAdmin(admin.ModelAdmin):
    """Which values of the identity provider's group claim put people in which HR group: the
    page an HR admin keeps when the company's directory changes. With SCIM on, a change applies
    at once to the people in the directory groups it names."""

    form = DirectoryGroupMappingForm
    list_display = ["value", "group", "grants_staff", "provider_id"]
    list_filter = ["provider_id", "group", "grants_staff"]
    search_fields = ["value", "group__name"]
    list_select_related = ["group"]
    fieldsets = [
        (
            None,
            {
                "description": "At every company sign-in the person's HR groups are set from "
                "the values the provider sends: a value listed here puts them in its HR group, "
                "and takes them out when the provider stops sending it. Someone with no listed "
                "value cannot sign in. Values match exactly, as the provider sends them: "
                "“JD-Managers” is not “jd-managers” nor “JD Managers”. Copy them from the "
                "provider (Entra ID: the app role's Value; Okta: the group's name).",
                "fields": ["provider_id", "value", "group", "grants_staff"],
            },
        )
    ]

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


class CompanyIdentityAdmin(admin.ModelAdmin):
    """The company identities accounts are linked to. Linked on the person's page (checked and
    logged there), never changed here: deleting one unlinks it, logged."""

    list_display = ["user", "provider", "uid", "date_joined", "last_login"]
    list_filter = ["provider"]
    search_fields = ["uid", "user__username", "user__email"]
    list_select_related = ["user"]
    fields = ["user", "provider", "uid", "date_joined", "last_login"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def delete_model(self, request, obj):
        company_identity_unlink(account=obj, by=request.user, request=request)

    def delete_queryset(self, request, queryset):
        for account in queryset.select_related("user"):
            company_identity_unlink(account=account, by=request.user, request=request)


#: Keys of a company sign-in's settings that the app reads, beyond allauth's own.
SIGN_IN_SETTINGS_HELP = (
    "For an OpenID Connect sign-in, JSON such as "
    '{"server_url": "https://login.microsoftonline.com/TENANT-ID/v2.0", '
    '"groups_claim": "roles", "uid_claim": "oid"}. server_url: the issuer (https). '
    "groups_claim: the claim with the person's groups or app roles (default: OIDC_GROUPS_CLAIM, "
    "groups). uid_claim: the ID token claim the account is matched by (default sub; Entra ID: "
    "oid). PKCE is always on."
)


class CompanySignInForm(SocialAppForm):
    """allauth's form for a social application, refusing OpenID Connect settings the app would
    not honour the same way as a provider from the environment."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["settings"].help_text = SIGN_IN_SETTINGS_HELP
        self.fields["provider_id"].help_text = (
            "Short, no spaces (e.g. company): in the callback address "
            "/accounts/oidc/PROVIDER-ID/login/callback/ and in the group mappings."
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("provider") != "openid_connect":
            # A SAML app's settings here would carry its own signature rules (signed assertions,
            # SHA-256 only, IdP-initiated off), which an entry in the admin could weaken.
            self.add_error(
                "provider",
                "Only OpenID Connect sign-ins are added here. SAML 2.0 is set on the server "
                "(the SAML_* settings in docs/deploying.md), where its signature rules are fixed.",
            )
            return cleaned
        provider_id = cleaned.get("provider_id") or ""
        options = cleaned.get("settings") or {}
        if not provider_id or not provider_id.replace("-", "").replace("_", "").isalnum():
            self.add_error("provider_id", "Letters, digits, - and _ only (e.g. company).")
        configured_elsewhere = {
            app.provider_id
            for app in company_apps()
            if app.pk is None or app.pk != self.instance.pk
        }
        if provider_id in configured_elsewhere:
            self.add_error("provider_id", "Another company sign-in has this provider id.")
        if not isinstance(options, dict):
            self.add_error("settings", 'A JSON object, e.g. {"server_url": "https://…"}.')
            return cleaned
        url = urlsplit(str(options.get("server_url", "")))
        loopback = url.hostname in {"localhost", "127.0.0.1", "::1"}
        if not url.netloc or not (url.scheme == "https" or (url.scheme == "http" and loopback)):
            self.add_error("settings", "server_url: the provider's issuer, an https address.")
        if options.get("oauth_pkce_enabled") is False:
            self.add_error("settings", "PKCE stays on: remove oauth_pkce_enabled.")
        if "uid_field" in options:
            self.add_error("settings", "Name the immutable id's claim in uid_claim, not uid_field.")
        for key in ("groups_claim", "uid_claim"):
            if key in options and not (isinstance(options[key], str) and options[key].strip()):
                self.add_error("settings", f"{key}: the claim's name, e.g. roles.")
        return cleaned


class CompanySignInAdmin(SocialAppAdmin):
    """Company sign-ins configured here work as those from the environment (``OIDC_*``): the same
    callback, signature checks, PKCE and immutable id (``roles.signin``)."""

    form = CompanySignInForm
    list_display = ["name", "provider", "provider_id", "client_id"]
