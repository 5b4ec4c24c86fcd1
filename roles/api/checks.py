"""Guidance through the API (#29): a draft's findings as the editor's panel computes them, and a
check of any text against a level, for an applicant tracking system's plug-in.

The text check is the one operation a browser may call from another origin, and only from the
origins an admin lists (``ApiCorsOrigin``). That is written here, not taken from
django-cors-headers: the allow-list lives in the database (an admin edits it without a deploy),
it covers one path, and the rule is a few lines (exact origin match, the preflight answered only
for a listed origin, ``Vary: Origin`` always), which a general middleware configured for one
path would hide rather than simplify.
"""

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.throttling import BaseThrottle

from roles.access import get_job_description_for_user
from roles.documents.data import DocumentData, document_from_draft
from roles.http import RateLimit
from roles.models import PARAGRAPH_MAX_LENGTH, TITLE_MAX_LENGTH, ApiCorsOrigin, Level
from roles.selectors.guidance import draft_guidance, text_guidance
from roles.selectors.review import by_severity

from .documents import DRAFT_ID, draft_id_or_404
from .findings import FindingSerializer, finding_data
from .permissions import TokenRateThrottle
from .views import ApiView

#: How long a browser may keep a preflight's answer, in seconds.
PREFLIGHT_MAX_AGE = 600


class DraftFindingsSerializer(serializers.Serializer):
    open = serializers.IntegerField(help_text="Findings open (what the drafts list counts).")
    required = serializers.IntegerField(help_text="Of which required.")
    findings = FindingSerializer(
        many=True, help_text="Open ones first (required first), then kept, then info."
    )


class DraftFindings(ApiView):
    problem_responses = {"404": "No such draft, or not one you may read."}

    @extend_schema(
        operation_id="drafts_findings_list",
        summary="A draft's guidance findings",
        description="The draft as saved, checked as the editor's guidance panel checks it: "
        "level fit, inclusive language, readability, pay transparency and completeness. A "
        "finding someone kept as written stays listed, as kept, while its text is unchanged.",
        parameters=[DRAFT_ID],
        responses=DraftFindingsSerializer,
    )
    def get(self, request, pk: str):
        # Whoever may read the draft: the review page shows its reviewers the open findings.
        job_description = get_job_description_for_user(
            request, draft_id_or_404(pk), with_items=True, read_only=True
        )
        document = document_from_draft(job_description)
        guidance = draft_guidance(job_description, document)
        findings = [
            *((finding, "open") for finding in by_severity(guidance.open)),
            *((finding, "kept") for finding, _ in guidance.kept),
            *((finding, "info") for finding in guidance.info),
        ]
        data = {
            "open": guidance.open_count,
            "required": sum(1 for f in guidance.open if f.severity == "required"),
            "findings": [finding_data(f, state, document) for f, state in findings],
        }
        return Response(DraftFindingsSerializer(data).data)


class TextCheckSerializer(serializers.Serializer):
    text = serializers.CharField(
        max_length=PARAGRAPH_MAX_LENGTH,
        trim_whitespace=False,
        help_text=f"The text to check: at most {PARAGRAPH_MAX_LENGTH:,} characters (the "
        "editor's limit for a paragraph).",
    )
    level = serializers.SlugRelatedField(
        slug_field="slug", queryset=Level.objects.all(), help_text="A level's slug."
    )
    title = serializers.CharField(
        max_length=TITLE_MAX_LENGTH,
        required=False,
        default="",
        allow_blank=True,
        help_text="The job's title, if known: the level check reads the level it names.",
    )

    def validate_text(self, value: str) -> str:
        # The checks read what a document holds, which has no control characters (tab and line
        # breaks aside); refused rather than dropped, so every span points into the text sent.
        if DocumentData(title="", level="", summary=value).summary != value:
            raise serializers.ValidationError(
                "The text holds control characters: send tabs and line breaks only."
            )
        return value


class TextCheckResultSerializer(serializers.Serializer):
    level = serializers.CharField(help_text="The level's slug the text was checked against.")
    counted = serializers.IntegerField(help_text="Findings that count (not info).")
    required = serializers.IntegerField(help_text="Of which required.")
    findings = FindingSerializer(
        many=True,
        help_text="Required first, then by group. `field` is “text” or “title”; span offsets "
        "are into that field as sent.",
    )


class CheckRateThrottle(BaseThrottle):
    """At most ``API_CHECK_RATE_LIMIT_PER_MINUTE`` checks per token and minute, counted apart
    from the token's general limit (a check costs more than a read)."""

    def __init__(self):
        self.retry_after = None

    def allow_request(self, request, view) -> bool:
        if request.auth is None:
            return True  # refused anyway, by authentication
        limit = RateLimit("api-check", settings.API_CHECK_RATE_LIMIT_PER_MINUTE, 60)
        self.retry_after = limit.hit(request.auth.pk)
        return self.retry_after is None

    def wait(self):
        return self.retry_after


class TextCheck(ApiView):
    required_scope = "check"
    throttle_classes = [TokenRateThrottle, CheckRateThrottle]
    problem_responses = {"400": "The body is not valid (the text too long, an unknown level)."}

    def dispatch(self, request, *args, **kwargs):
        """The view, answered to a browser only from a listed origin (CORS): a listed origin's
        preflight is answered before authentication (a preflight carries no token); anything
        else goes on as from a server, without CORS headers, so a browser elsewhere cannot read
        the answer. Every answer varies by ``Origin``, so no cache hands one origin's answer to
        another."""
        origin = request.headers.get("Origin", "")
        listed = ApiCorsOrigin.allows(origin)
        if listed and request.method == "OPTIONS":
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Methods"] = "POST"
            response["Access-Control-Allow-Headers"] = "Authorization, Content-Type"
            response["Access-Control-Max-Age"] = str(PREFLIGHT_MAX_AGE)
        else:
            response = super().dispatch(request, *args, **kwargs)
        if listed:
            response["Access-Control-Allow-Origin"] = origin
            # A browser's script reads these only when told: when to try again after a 429.
            response["Access-Control-Expose-Headers"] = "Retry-After"
        patch_vary_headers(response, ["Origin"])
        return response

    @extend_schema(
        operation_id="check_create",
        summary="Check a text against a level",
        description="The level-fit, inclusive-language and readability checks of the editor's "
        "guidance panel, over one text taken as a draft's summary at the level (pay and "
        "completeness need a whole posting, and are not run). Nothing is stored.",
        request=TextCheckSerializer,
        responses={200: TextCheckResultSerializer},
        examples=[
            OpenApiExample(
                "A summary for a director",
                value={
                    "level": "director",
                    "title": "Director of Operations",
                    "text": "Lead the region's operations with a strong, dominant style.",
                },
                request_only=True,
            )
        ],
    )
    def post(self, request):
        body = TextCheckSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        level = body.validated_data["level"]
        document, findings = text_guidance(
            text=body.validated_data["text"], level=level, title=body.validated_data["title"]
        )
        ordered = by_severity(findings)
        data = {
            "level": level.slug,
            "counted": sum(1 for f in ordered if f.counts),
            "required": sum(1 for f in ordered if f.severity == "required"),
            "findings": [
                finding_data(
                    f, "open" if f.counts else "info", document, field_names={"summary": "text"}
                )
                for f in ordered
            ],
        }
        return Response(TextCheckResultSerializer(data).data)
