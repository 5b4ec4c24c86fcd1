"""API tokens and service accounts in the admin, for superusers: every token listed (whose, what
kind, what it may do, when it was last used) and revoked from here; service accounts made, and
their tokens, each shown once on the page that answers the form (never stored, never in a
message, which may travel in a cookie). Making and revoking go through the services, which write
the security log. Superusers only: a service account's token reads what its groups allow, and
revoking someone's token stops their integration."""

from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html

from roles.groups import GROUPS
from roles.models import (
    API_TOKEN_DAYS_CHOICES,
    API_TOKENS_PER_PERSON,
    ApiScope,
    ApiToken,
    ServiceAccount,
)
from roles.services.api_tokens import (
    apitoken_revoke,
    service_account_create,
    service_token_create,
)


class SuperusersOnly:
    """Only superusers see, add or revoke; nobody changes or deletes a row here (a token is
    revoked, a service account deactivated on its user's page)."""

    def has_module_permission(self, request) -> bool:
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser

    def has_add_permission(self, request) -> bool:
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


def _copy(row, into) -> None:
    """The admin saved nothing itself: its object takes the row a service made (for its log
    entry and the answer page)."""
    for field in type(row)._meta.concrete_fields:
        setattr(into, field.attname, getattr(row, field.attname))
    into._state.adding = False


class ServiceTokenForm(forms.ModelForm):
    account = forms.ModelChoiceField(
        label="Service account",
        queryset=get_user_model().objects.filter(service_account__isnull=False, is_active=True),
        help_text="Make the account first, under Service accounts, in the groups whose drafts "
        "it may read.",
    )
    scopes = forms.MultipleChoiceField(
        label="It may",
        choices=ApiScope.choices,
        widget=forms.CheckboxSelectMultiple,
        initial=[ApiScope.READ],
    )
    days = forms.TypedChoiceField(
        label="Works for",
        coerce=int,
        choices=[(days, f"{days} days") for days in API_TOKEN_DAYS_CHOICES],
        initial=365,
    )

    class Meta:
        model = ApiToken
        fields = ["account", "name", "scopes", "days"]

    def clean_account(self):
        account = self.cleaned_data["account"]
        if ApiToken.objects.live().filter(user=account).count() >= API_TOKENS_PER_PERSON:
            raise ValidationError(
                f"{account.get_username()} has {API_TOKENS_PER_PERSON} live tokens, the most "
                "allowed: revoke one first."
            )
        return account


class ApiTokenAdmin(SuperusersOnly, admin.ModelAdmin):
    """Every API token, personal and service. Adding one makes a service token; the "revoke"
    action revokes anyone's. The token's hash is never shown, and nothing here changes it."""

    list_display = [
        "name",
        "user",
        "kind",
        "scopes_shown",
        "token_start",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
    ]
    list_filter = ["kind", ("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "token_start", "user__username"]
    list_select_related = ["user"]
    date_hierarchy = "created_at"
    fields = [
        "user",
        "kind",
        "name",
        "token_start",
        "scopes",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
    ]
    readonly_fields = fields
    actions = ["revoke"]

    @admin.display(description="scopes")
    def scopes_shown(self, obj: ApiToken) -> str:
        return ", ".join(obj.scopes)

    def has_revoke_permission(self, request) -> bool:
        return request.user.is_superuser

    @admin.action(description="Revoke the selected tokens", permissions=["revoke"])
    def revoke(self, request, queryset) -> None:
        revoked = sum(
            apitoken_revoke(api_token=api_token, by=request.user, request=request)
            for api_token in queryset.select_related("user")
        )
        self.message_user(request, f"Revoked {revoked} token(s): they are refused from now on.")

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            return ServiceTokenForm
        return super().get_form(request, obj, change, **kwargs)

    def get_fields(self, request, obj=None):
        return ServiceTokenForm.Meta.fields if obj is None else self.fields

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.readonly_fields

    def save_model(self, request, obj, form, change) -> None:
        # Only adding reaches here (nothing is changed in this admin): through the service.
        row, request.issued_api_token = service_token_create(
            account=form.cleaned_data["account"],
            name=form.cleaned_data["name"],
            scopes=form.cleaned_data["scopes"],
            days=form.cleaned_data["days"],
            by=request.user,
            request=request,
        )
        _copy(row, obj)

    def response_add(self, request, obj, post_url_continue=None):
        return TemplateResponse(
            request,
            "admin/roles/apitoken/issued.html",
            {
                **self.admin_site.each_context(request),
                "token": getattr(request, "issued_api_token", None),
                "row": obj,
                "title": "Service token made",
                "opts": self.model._meta,
            },
        )


class ServiceAccountForm(forms.ModelForm):
    username = forms.CharField(
        max_length=150,
        help_text="The account's name, e.g. greenhouse-sync. Nobody signs in with it.",
    )
    groups = forms.ModelMultipleChoiceField(
        label="HR groups",
        queryset=Group.objects.filter(name__in=GROUPS).order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="What its tokens may read: in no group, its own drafts only (none); in HR "
        "managers, every draft.",
    )

    class Meta:
        model = ServiceAccount
        fields = ["username", "description", "groups"]

    def clean_username(self) -> str:
        username = self.cleaned_data["username"]
        User = get_user_model()
        User.username_validator(username)
        if User.objects.filter(username=username).exists():
            raise ValidationError("An account with this username exists already.")
        return username


class ServiceAccountAdmin(SuperusersOnly, admin.ModelAdmin):
    """Service accounts: users that never sign in, for integrations. Made here (without a
    password); their groups and whether they are active are kept on their user's page; their
    tokens under API tokens."""

    list_display = ["user", "description", "active", "groups_shown", "created_at", "created_by"]
    list_select_related = ["user"]
    search_fields = ["user__username", "description"]
    fields = ["user_link", "description", "groups_shown", "created_at", "created_by"]
    readonly_fields = fields

    @admin.display(boolean=True, description="active", ordering="user__is_active")
    def active(self, obj: ServiceAccount) -> bool:
        return obj.user.is_active

    @admin.display(description="HR groups")
    def groups_shown(self, obj: ServiceAccount) -> str:
        return ", ".join(group.name for group in obj.user.groups.all()) or "none"

    @admin.display(description="account")
    def user_link(self, obj: ServiceAccount) -> str:
        url = reverse("admin:auth_user_change", args=[obj.user_id])
        return format_html(
            '<a href="{}">{}</a> (its groups, and “Active” to switch it and its tokens off)',
            url,
            obj.user.get_username(),
        )

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("user__groups")

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            return ServiceAccountForm
        return super().get_form(request, obj, change, **kwargs)

    def get_fields(self, request, obj=None):
        return ServiceAccountForm.Meta.fields if obj is None else self.fields

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.readonly_fields

    def save_model(self, request, obj, form, change) -> None:
        row = service_account_create(
            username=form.cleaned_data["username"],
            description=form.cleaned_data["description"],
            groups=form.cleaned_data["groups"],
            by=request.user,
            request=request,
        )
        _copy(row, obj)

    def save_related(self, request, form, formsets, change) -> None:
        pass  # the service set the groups

    def response_add(self, request, obj, post_url_continue=None):
        self.message_user(
            request, f"Service account {obj} made. Make its tokens under API tokens (Add)."
        )
        return HttpResponseRedirect(reverse("admin:roles_apitoken_add"))
