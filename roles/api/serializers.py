"""What the API's resources look like: read-only representations of the rows the pages read.
Field names are the models' own, so docs/api.md and the editor speak of the same things."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from roles.models import (
    EDITABLE_FIELDS,
    KPI,
    DocumentContent,
    JobDescription,
    KPIContent,
    Level,
    LocationContent,
    Qualification,
    QualificationContent,
    Responsibility,
    ResponsibilityContent,
    ReviewState,
    RoleTemplate,
    TemplateKPI,
    TemplateQualification,
    TemplateResponsibility,
    TemplateWorkLocation,
    WorkLocation,
)


def _content_fields(content_model) -> list[str]:
    """The fields an item list's content model declares (the same for a template and a draft)."""
    return [
        field.name
        for field in content_model._meta.get_fields()
        if field.concrete and not field.primary_key
    ]


def _item_serializer(model, content_model, name: str):
    meta = type("Meta", (), {"model": model, "fields": ["id", *_content_fields(content_model)]})
    return type(name, (serializers.ModelSerializer,), {"Meta": meta})


DraftResponsibilitySerializer = _item_serializer(
    Responsibility, ResponsibilityContent, "DraftResponsibilitySerializer"
)
DraftKPISerializer = _item_serializer(KPI, KPIContent, "DraftKPISerializer")
DraftQualificationSerializer = _item_serializer(
    Qualification, QualificationContent, "DraftQualificationSerializer"
)
DraftLocationSerializer = _item_serializer(WorkLocation, LocationContent, "DraftLocationSerializer")
TemplateResponsibilitySerializer = _item_serializer(
    TemplateResponsibility, ResponsibilityContent, "TemplateResponsibilitySerializer"
)
TemplateKPISerializer = _item_serializer(TemplateKPI, KPIContent, "TemplateKPISerializer")
TemplateQualificationSerializer = _item_serializer(
    TemplateQualification, QualificationContent, "TemplateQualificationSerializer"
)
TemplateLocationSerializer = _item_serializer(
    TemplateWorkLocation, LocationContent, "TemplateLocationSerializer"
)


#: What a template says beyond its title and level (the fields it shares with a draft).
TEMPLATE_CONTENT_FIELDS = [
    field.name
    for field in DocumentContent._meta.local_fields
    if field.name not in ("title", "level")
]


class LevelSerializer(serializers.ModelSerializer):
    class Meta:
        model = Level
        fields = ["slug", "name", "rank", "job_family"]


class TemplateSummarySerializer(serializers.ModelSerializer):
    level = serializers.CharField(source="level_id", help_text="The level's slug.")
    locations = TemplateLocationSerializer(many=True)

    class Meta:
        model = RoleTemplate
        fields = ["slug", "title", "level", "locations", "updated_at"]


class TemplateSerializer(serializers.ModelSerializer):
    """A role template whole: what a draft started from it copies."""

    level = serializers.CharField(source="level_id", help_text="The level's slug.")
    responsibilities = TemplateResponsibilitySerializer(many=True)
    kpis = TemplateKPISerializer(many=True)
    qualifications = TemplateQualificationSerializer(many=True)
    locations = TemplateLocationSerializer(many=True)

    class Meta:
        model = RoleTemplate
        fields = [
            "slug",
            "title",
            "level",
            *TEMPLATE_CONTENT_FIELDS,
            "responsibilities",
            "kpis",
            "qualifications",
            "locations",
            "updated_at",
        ]


class DraftSummarySerializer(serializers.ModelSerializer):
    """A row of the drafts list: the columns "My drafts" shows (``selectors.drafts`` loads only
    these, so a field added here must be added to its ``only`` too)."""

    id = serializers.IntegerField(source="pk")
    level = serializers.CharField(source="level_id", help_text="The level's slug.")
    level_name = serializers.CharField(source="level.name")
    review_state = serializers.ChoiceField(choices=ReviewState.choices)
    locations = DraftLocationSerializer(many=True)

    class Meta:
        model = JobDescription
        fields = [
            "id",
            "title",
            "level",
            "level_name",
            "company",
            "department",
            "requisition_id",
            "review_state",
            "open_findings",
            "updated_at",
            "locations",
        ]


class ApprovalSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    version = serializers.IntegerField(help_text="The draft's version that was approved.")
    approved_at = serializers.DateTimeField()
    sha256 = serializers.CharField(help_text="The SHA-256 of the approved PDF, in hex.")


class ReviewSerializer(serializers.Serializer):
    state = serializers.ChoiceField(choices=ReviewState.choices)
    current_approval = ApprovalSerializer(
        allow_null=True, help_text="The approval the JD stands on, while it is approved."
    )


class DraftSerializer(serializers.ModelSerializer):
    """A draft whole, with its item lists and its review state. ``version`` is also the
    response's ``ETag``."""

    id = serializers.IntegerField(source="pk")
    level = serializers.CharField(source="level_id", help_text="The level's slug.")
    owner = serializers.CharField(source="owner.get_username")
    source_template = serializers.CharField(
        source="source_template_title",
        allow_null=True,
        help_text="The title of the role template the draft was started from.",
    )
    review = serializers.SerializerMethodField()
    responsibilities = DraftResponsibilitySerializer(many=True)
    kpis = DraftKPISerializer(many=True)
    qualifications = DraftQualificationSerializer(many=True)
    locations = DraftLocationSerializer(many=True)

    class Meta:
        model = JobDescription
        fields = [
            "id",
            "version",
            "level",
            "owner",
            "source_template",
            *EDITABLE_FIELDS,
            "open_findings",
            "created_at",
            "updated_at",
            "review",
            "responsibilities",
            "kpis",
            "qualifications",
            "locations",
        ]

    @extend_schema_field(ReviewSerializer)
    def get_review(self, job_description) -> dict:
        approval = self.context["current_approval"]
        return ReviewSerializer(
            {"state": job_description.review_state, "current_approval": approval}
        ).data
