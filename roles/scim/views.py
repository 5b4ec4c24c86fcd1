"""django-scim2's views, fitted: lists counted and paged in the database with a bounded page
size, filters as querysets, deprovisioned people out of sight, and every refusal (an unknown
method or path, a malformed body) a SCIM error document."""

import json
import logging

from django.conf import settings
from django.db.models import prefetch_related_objects
from django.http import HttpResponse
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import View
from django_scim import exceptions, views
from django_scim.constants import SCIM_CONTENT_TYPE, SchemaURI
from django_scim.models import SCIMServiceProviderConfig

from .auth import ScimBearerTokenCheck
from .errors import scim_error
from .filters import DirectoryGroupFilter, DirectoryUserFilter, InvalidFilter

logger = logging.getLogger("jdbuilder.scim")


class ServiceProviderConfig(SCIMServiceProviderConfig):
    """What this server does, as RFC 7643 §5 has a client ask."""

    def to_dict(self) -> dict:
        document = super().to_dict()
        document.update(
            {
                "patch": {"supported": True},
                "bulk": {"supported": False, "maxOperations": 0, "maxPayloadSize": 0},
                "filter": {"supported": True, "maxResults": settings.SCIM_MAX_PAGE_SIZE},
                "changePassword": {"supported": False},
                "sort": {"supported": False},
                "etag": {"supported": False},
            }
        )
        document.pop("documentationUri", None)  # no page of ours to point at from outside
        return document


class ScimErrorsMixin:
    """Every refusal a SCIM error document: django-scim2's own (with ``status`` as a string, as
    RFC 7644 §3.12 has it; django-scim2 writes a number), and those Django would answer in
    HTML. The token check and the CSRF exemption are django-scim2's decorators, as on its
    ``dispatch``."""

    @method_decorator(csrf_exempt)
    @method_decorator(ScimBearerTokenCheck)
    def dispatch(self, request, *args, **kwargs):
        if not self.implemented:
            return self.status_501(request, *args, **kwargs)
        try:
            return View.dispatch(self, request, *args, **kwargs)
        except exceptions.SCIMException as error:
            return scim_error(error.status, str(error.detail), scim_type=error.scim_type)
        except Exception:
            logger.exception("SCIM request failed")
            return scim_error(500, "The request could not be completed.")

    def http_method_not_allowed(self, request, *args, **kwargs):
        return scim_error(405, f"{request.method} is not allowed here.")

    def status_501(self, request, *args, **kwargs):
        return scim_error(501, "This server does not offer that endpoint.")

    def load_body(self, body: bytes):
        document = super().load_body(body)
        if not isinstance(document, dict):
            raise exceptions.BadRequestError(
                "The body must be a JSON object.", scim_type="invalidSyntax"
            )
        return document


class PagedMixin(ScimErrorsMixin):
    """Lists from querysets: counted and sliced by the database, at most SCIM_MAX_PAGE_SIZE a
    page (RFC 7644 §3.4.2.4: a smaller page than asked is the server's right)."""

    filter_class = None
    #: What each resource of a page reads, fetched for the whole page at once.
    prefetch: tuple[str, ...] = ()

    def get_object(self):
        found = self.filter_class.queryset().filter(scim_id=self.kwargs.get("uuid")).first()
        if found is None:
            raise exceptions.NotFoundError(self.kwargs.get("uuid", "")[:100])
        return found

    def _page(self, request):
        try:
            start = int(request.GET.get("startIndex") or 1)
            count = int(request.GET.get("count") or settings.SCIM_MAX_PAGE_SIZE)
        except ValueError:
            raise exceptions.BadRequestError(
                "startIndex and count must be whole numbers.", scim_type="invalidValue"
            ) from None
        # RFC 7644 §3.4.2.4: below 1 means 1; a negative count means 0.
        return max(start, 1), min(max(count, 0), settings.SCIM_MAX_PAGE_SIZE)

    def get_many(self, request):
        query = request.GET.get("filter")
        if query:
            return self._search(request, query, *self._page(request))
        return self._build_response(request, self.filter_class.queryset(), *self._page(request))

    def _search(self, request, query, start, count):
        try:
            queryset = self.filter_class.search(query, request)
        except InvalidFilter as error:
            raise exceptions.BadRequestError(str(error), scim_type="invalidFilter") from None
        return self._build_response(request, queryset, start, count)

    def _build_response(self, request, queryset, start, count):
        queryset = queryset.order_by("pk")
        total = queryset.count()
        page = list(queryset[start - 1 : start - 1 + count]) if count else []
        prefetch_related_objects(page, *self.prefetch)
        document = {
            "schemas": [SchemaURI.LIST_RESPONSE],
            "totalResults": total,
            "itemsPerPage": len(page),
            "startIndex": start,
            "Resources": [self.scim_adapter(item, request=request).to_dict() for item in page],
        }
        return HttpResponse(json.dumps(document), content_type=SCIM_CONTENT_TYPE)


class UsersView(PagedMixin, views.UsersView):
    filter_class = DirectoryUserFilter
    prefetch = ("groups",)


class GroupsView(PagedMixin, views.GroupsView):
    filter_class = DirectoryGroupFilter
    prefetch = ("members",)


class UserSearchView(PagedMixin, views.UserSearchView):
    filter_class = DirectoryUserFilter
    prefetch = ("groups",)


class GroupSearchView(PagedMixin, views.GroupSearchView):
    filter_class = DirectoryGroupFilter
    prefetch = ("members",)


class ServiceProviderConfigView(ScimErrorsMixin, views.ServiceProviderConfigView):
    pass


class DiscoveryListMixin(ScimErrorsMixin):
    """django-scim2's lists of resource types and schemas, with the counts every ListResponse
    carries (RFC 7644 §3.4.2: totalResults is REQUIRED)."""

    missing = "No such resource."

    def get(self, request, uuid=None, *args, **kwargs):
        response = super().get(request, uuid, *args, **kwargs)
        if response.status_code == 404:
            return scim_error(404, self.missing)
        if uuid:
            return response
        document = json.loads(response.content)
        total = len(document["Resources"])
        document.update({"totalResults": total, "itemsPerPage": total, "startIndex": 1})
        return HttpResponse(json.dumps(document), content_type=SCIM_CONTENT_TYPE)


class ResourceTypesView(DiscoveryListMixin, views.ResourceTypesView):
    missing = "No such resource type."


class SchemasView(DiscoveryListMixin, views.SchemasView):
    missing = "No such schema."


class NotImplementedView(ScimErrorsMixin, views.SCIMView):
    implemented = False


class NotFoundView(ScimErrorsMixin, views.SCIMView):
    """Any other path under /scim/v2/ (after the token is checked)."""

    def get(self, request, *args, **kwargs):
        return scim_error(404, "No such endpoint.")

    post = put = patch = delete = get
