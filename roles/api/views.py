"""The API's read operations (#29): role templates, levels, one's drafts. Every draft comes
through the pages' access helper (``roles.access``) and every list through the pages' selectors,
so the API answers exactly what the pages would show the same person."""

from django.db.models import F
from django.http import Http404
from django.utils.cache import patch_cache_control
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from roles.access import get_job_description_for_user
from roles.http import parse_id
from roles.models import ReviewState
from roles.selectors.drafts import DRAFT_SORTS, drafts_owned_by
from roles.selectors.level_guide import levels_by_rank
from roles.selectors.library import active_template_with_items, role_library
from roles.selectors.review import current_approval

from .pagination import KeysetPagination
from .problems import InvalidParameters
from .serializers import (
    DraftSerializer,
    DraftSummarySerializer,
    LevelSerializer,
    TemplateSerializer,
    TemplateSummarySerializer,
)

#: The "My drafts" sorts the API offers: all but "owner" (every draft of the list is one's own).
API_DRAFT_SORTS = {name: sort for name, sort in DRAFT_SORTS.items() if name != "owner"}


class ApiView(APIView):
    """What every operation shares: the scope it needs, and no caching by anyone in between (a
    draft is its owner's, and a template may change)."""

    required_scope = "read"

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        patch_cache_control(response, private=True, no_store=True)
        return response


class TemplateList(ApiView):
    @extend_schema(
        operation_id="templates_list",
        summary="The active role templates",
        description="By job family, most senior first: the start page's library.",
        responses=TemplateSummarySerializer(many=True),
    )
    def get(self, request):
        templates = [template for family in role_library() for template in family.templates]
        return Response(TemplateSummarySerializer(templates, many=True).data)


class TemplateDetail(ApiView):
    problem_responses = {"404": "No active role template has this slug."}

    @extend_schema(
        operation_id="templates_retrieve",
        summary="A role template with its items",
        responses=TemplateSerializer,
    )
    def get(self, request, slug: str):
        template = active_template_with_items(slug)
        if template is None:
            raise Http404("No active role template has this slug.")
        return Response(TemplateSerializer(template).data)


class LevelList(ApiView):
    @extend_schema(
        operation_id="levels_list",
        summary="The levels, most junior first",
        responses=LevelSerializer(many=True),
    )
    def get(self, request):
        return Response(LevelSerializer(levels_by_rank(), many=True).data)


class DraftFilters(serializers.Serializer):
    """The "My drafts" page's search and filters (``roles.forms.pages.DraftSearchForm``), as
    query parameters. Unlike the page, which ignores a bad filter, the API says which."""

    q = serializers.CharField(required=False, allow_blank=True, max_length=200)
    status = serializers.ChoiceField(required=False, choices=ReviewState.choices)
    # A slug, not a lookup: a level no draft has lists nothing (as a search for a word no title
    # has), while a malformed one is refused.
    level = serializers.SlugField(required=False, max_length=50)
    sort = serializers.ChoiceField(required=False, choices=list(API_DRAFT_SORTS))


DRAFT_LIST_PARAMETERS = [
    OpenApiParameter("q", str, description="Words in the title."),
    OpenApiParameter("status", str, enum=ReviewState.values, description="The review state."),
    OpenApiParameter(
        "level",
        str,
        description="A level's slug (see /api/v1/levels/); one no draft has lists nothing.",
        pattern=r"^[-a-zA-Z0-9_]{1,50}$",
    ),
    OpenApiParameter(
        "sort",
        str,
        enum=list(API_DRAFT_SORTS),
        description="; ".join(
            f"{name or '(none)'}: {label}" for name, (label, _) in API_DRAFT_SORTS.items()
        ),
    ),
]


class DraftList(ApiView):
    pagination_class = KeysetPagination
    problem_responses = {"400": "A query parameter is not valid: errors name it."}

    def _filters(self, request) -> tuple[str, dict]:
        filters = DraftFilters(data=request.query_params)
        if not filters.is_valid():
            raise InvalidParameters(filters.errors)
        data = filters.validated_data
        return data.get("q", "").strip(), {
            "status": data.get("status", ""),
            "level": data.get("level", ""),
            "owner": "",  # all one's own, as on the page
            "sort": data.get("sort", ""),
        }

    def ordering_for(self, request) -> tuple:
        ordering = API_DRAFT_SORTS[self.sort][1]
        # The cursor reads its position from the first field: a level's rank is annotated.
        return tuple(field.replace("level__rank", "level_rank") for field in ordering)

    @extend_schema(
        operation_id="drafts_list",
        summary="Your drafts",
        description="Your live drafts, as the “My drafts” page lists them, a page at a time.",
        parameters=DRAFT_LIST_PARAMETERS,
        responses=DraftSummarySerializer(many=True),
    )
    def get(self, request):
        query, filters = self._filters(request)
        self.sort = filters["sort"]
        drafts = drafts_owned_by(request.user, query, filters).annotate(level_rank=F("level__rank"))
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(drafts, request, view=self)
        return paginator.get_paginated_response(DraftSummarySerializer(page, many=True).data)


class DraftDetail(ApiView):
    problem_responses = {"404": "No such draft, or not one you may read."}

    @extend_schema(
        operation_id="drafts_retrieve",
        summary="A draft with its items and review state",
        description="The response's ETag is the draft's version; with If-None-Match naming it, "
        "the answer is 304 without a body.",
        parameters=[
            OpenApiParameter("id", int, OpenApiParameter.PATH, description="The draft's id.")
        ],
        responses={
            200: DraftSerializer,
            304: OpenApiResponse(description="Not modified: If-None-Match named this version."),
        },
    )
    def get(self, request, pk: str):
        draft_id = parse_id(pk)
        if draft_id is None:
            raise Http404("No such draft.")
        # The same rule as the preview page: the owner, HR managers, the JD's reviewers.
        job_description = get_job_description_for_user(
            request, draft_id, with_items=True, read_only=True
        )
        etag = f'"{job_description.version}"'
        if etag in request.headers.get("If-None-Match", "").replace("W/", "").split(", "):
            # The client holds this version already: no body, no items read.
            response = Response(status=304)
        else:
            context = {"current_approval": current_approval(job_description)}
            response = Response(DraftSerializer(job_description, context=context).data)
        response["ETag"] = etag
        return response
