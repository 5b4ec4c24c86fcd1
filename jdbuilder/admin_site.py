"""The admin as an HR admin runs it: its index grouped by task, not by Django app, with the
task queue's and the sign-in lockout's tables (plumbing) last, under "Behind the scenes". Django's
``AdminSite.get_app_list`` is the documented place to change the index's order and grouping."""

from django.contrib.admin import AdminSite
from django.contrib.admin.apps import AdminConfig
from django.urls import reverse

#: (heading, anchor, the models under it as "app_label.ModelName"), in the order HR works.
#: A model in no group (a new one, or plumbing) goes to "Behind the scenes".
TASK_GROUPS = (
    (
        "Templates",
        "templates",
        ("roles.RoleTemplate", "roles.OrganisationProfile", "roles.LevelGuideQuestion"),
    ),
    ("Levels and pay bands", "levels", ("roles.Level", "roles.PayBand")),
    (
        "Guidance word lists",
        "word-lists",
        ("roles.LanguageTerm", "roles.GenderCodedWord", "roles.GenderCodedException"),
    ),
    ("Pay rules", "pay-rules", ("roles.PayTransparencyRule", "roles.CurrencyRate")),
    (
        "People and reviewers",
        "people",
        (
            "auth.User",
            "auth.Group",
            "socialaccount.SocialApp",
            "roles.DirectoryGroupMapping",
            "roles.DirectoryIdentity",
            "roles.DirectoryGroup",
            "roles.ScimToken",
            "roles.ServiceAccount",
            "roles.ApiToken",
            "socialaccount.SocialAccount",
            "roles.SecurityEvent",
            "roles.BreakGlassAccount",
        ),
    ),
    ("Approvals and audit trail", "approvals", ("roles.Approval", "roles.AuditEntry")),
    ("Webhooks", "webhooks", ("roles.WebhookSubscription", "roles.WebhookDelivery")),
)
BEHIND_THE_SCENES = ("Behind the scenes", "plumbing")


class JDBuilderAdminSite(AdminSite):
    site_header = "JD Builder administration"
    site_title = "JD Builder admin"
    index_title = "What would you like to do?"

    def login(self, request, extra_context=None):
        # Everyone signs in on the app's page, with its lockouts and second factor; the admin's
        # own form would skip both. Signed-in staff pass through (to where they were going).
        # Imported here: this module names the admin's app config, loaded before any model.
        from allauth.account.decorators import secure_admin_login

        return secure_admin_login(super().login)(request, extra_context)

    def get_app_list(self, request, app_label=None):
        apps = super().get_app_list(request, app_label)
        if app_label is not None:
            return apps  # an app's own page stays as Django makes it
        models = {
            f"{app['app_label']}.{model['object_name']}": model
            for app in apps
            for model in app["models"]
        }
        index = reverse(f"{self.name}:index")
        grouped = []
        for heading, anchor, names in TASK_GROUPS:
            in_group = [models.pop(name) for name in names if name in models]
            if in_group:
                grouped.append(_group(heading, anchor, index, in_group))
        if models:
            heading, anchor = BEHIND_THE_SCENES
            rest = sorted(models.values(), key=lambda model: model["name"])
            grouped.append(_group(heading, anchor, index, rest))
        return grouped


def _group(heading: str, anchor: str, index: str, models: list) -> dict:
    # The keys Django's admin templates read of an app; the heading links to itself.
    return {
        "name": heading,
        "app_label": anchor,
        "app_url": f"{index}#{anchor}",
        "has_module_perms": True,
        "models": models,
    }


class JDBuilderAdminConfig(AdminConfig):
    default_site = "jdbuilder.admin_site.JDBuilderAdminSite"

    def ready(self) -> None:
        super().ready()  # autodiscover: django.contrib.auth registers its User admin first
        # Imported now: the User admin needs the models, which are not loaded when this
        # module is (it names the admin's config in INSTALLED_APPS).
        from allauth.socialaccount.models import SocialAccount, SocialApp
        from django.contrib import admin
        from django.contrib.auth import get_user_model

        from jdbuilder.admin_people import (
            BreakGlassAccountAdmin,
            CompanyIdentityAdmin,
            CompanySignInAdmin,
            DirectoryGroupAdmin,
            DirectoryGroupMappingAdmin,
            DirectoryIdentityAdmin,
            HRUserAdmin,
            ScimTokenAdmin,
            SecurityEventAdmin,
        )
        from jdbuilder.admin_tokens import ApiTokenAdmin, ServiceAccountAdmin
        from roles.models import (
            ApiToken,
            BreakGlassAccount,
            DirectoryGroup,
            DirectoryGroupMapping,
            DirectoryIdentity,
            ScimToken,
            SecurityEvent,
            ServiceAccount,
        )

        admin.site.unregister(get_user_model())
        admin.site.register(get_user_model(), HRUserAdmin)
        admin.site.register(SecurityEvent, SecurityEventAdmin)
        admin.site.register(DirectoryGroupMapping, DirectoryGroupMappingAdmin)
        admin.site.register(BreakGlassAccount, BreakGlassAccountAdmin)
        admin.site.register(DirectoryIdentity, DirectoryIdentityAdmin)
        admin.site.register(DirectoryGroup, DirectoryGroupAdmin)
        admin.site.register(ScimToken, ScimTokenAdmin)
        admin.site.register(ServiceAccount, ServiceAccountAdmin)
        admin.site.register(ApiToken, ApiTokenAdmin)
        # allauth's own admins for these would let an identity be changed unchecked and unlogged.
        for model, model_admin in [
            (SocialApp, CompanySignInAdmin),
            (SocialAccount, CompanyIdentityAdmin),
        ]:
            admin.site.unregister(model)
            admin.site.register(model, model_admin)
