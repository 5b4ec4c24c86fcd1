"""A draft's review through the API (#29): its state, and the steps of ``TRANSITIONS`` (submit,
decide, withdraw, reopen, archive, unarchive), each through the review page's access rule, its
form and the same service function, so who may take which step from which state is the pages'
rule, decided in one place (``roles.services.review``).

A refused step is a problem with the service's own reason: 409 when the draft's state does not
allow the step now, 403 when the person may not take it, 422 when what they sent is refused (no
reviewer, a request for changes without a word), and 412 when the draft changed since the
version in If-Match."""

from django.contrib.auth import get_user_model
from django.db import transaction
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions
from rest_framework.response import Response

from roles.access import get_job_description_for_user
from roles.forms.pages import ReviewDecisionForm, SubmitForReviewForm
from roles.models import TRANSITIONS, JobDescription, ReviewAction
from roles.selectors.review import (
    current_approval,
    review_open_findings,
    reviewer_candidates,
    round_requests,
)
from roles.services.review import (
    ReviewRefused,
    StaleVersion,
    open_round,
    review_allowed_actions,
    review_archive,
    review_decide,
    review_reopen,
    review_submit,
    review_unarchive,
    review_withdraw,
)

from .problems import Problem
from .views import ApiView
from .write_serializers import (
    API_REVIEW_ACTIONS,
    ReviewDecideSerializer,
    ReviewStatusSerializer,
    ReviewStepSerializer,
    ReviewSubmitSerializer,
    StaleDraftProblemSerializer,
)
from .writes import (
    DRAFT_ID,
    IF_MATCH,
    ScopeByMethod,
    draft_id_or_404,
    etag,
    matched_version,
    stale,
)

DECIDING = frozenset({ReviewAction.APPROVE, ReviewAction.REQUEST_CHANGES})


def may_decide_reviews(token) -> bool:
    """Whether ``token`` may approve or request changes. A service token (``jdb_svc_…``) acts
    for a system, not a person, and a review is a person's decision (#29): it may not."""
    return not token.is_service


def review_status(job_description: JobDescription, user, token) -> dict:
    """A draft's review as the API answers it: its state, the steps ``user`` may take now (the
    review page's buttons, by the same ``review_allowed_actions``), its open round."""
    allowed = review_allowed_actions(job_description, user)
    if not may_decide_reviews(token):
        allowed -= DECIDING
    review_round = open_round(job_description)
    return {
        "state": job_description.review_state,
        "version": job_description.version,
        "allowed_actions": [action.value for action in API_REVIEW_ACTIONS if action in allowed],
        "round": review_round
        and {
            "submitted_at": review_round.submitted_at,
            "version": review_round.version,
            "require_all": review_round.require_all,
            "requests": round_requests(review_round),
        },
        "current_approval": current_approval(job_description),
    }


def _status_response(job_description: JobDescription, request) -> Response:
    data = ReviewStatusSerializer(review_status(job_description, request.user, request.auth))
    return Response(data.data, headers={"ETag": etag(job_description.version)})


REVIEW_PROBLEMS = {
    "404": "No such draft, or not one you may review or change.",
}
STEP_PROBLEMS = {
    **REVIEW_PROBLEMS,
    "400": "The body is not valid: errors name what.",
    "403": "The token lacks the review scope, or you may not take this step on this draft.",
    "409": "The draft's review state does not allow this step now (detail says why).",
    "412": (
        "The draft has changed since the version If-Match names: `current` is the draft now.",
        StaleDraftProblemSerializer,
    ),
    "422": "The step was refused for what was sent (detail says why).",
    "428": "If-Match is missing: send the ETag of the version you read.",
}


class DraftReview(ApiView):
    problem_responses = REVIEW_PROBLEMS

    @extend_schema(
        operation_id="drafts_review_retrieve",
        summary="A draft's review: its state, the steps you may take, its open round",
        parameters=[DRAFT_ID],
        responses=ReviewStatusSerializer,
    )
    def get(self, request, pk: str):
        # The review page's rule: the owner, HR managers, the JD's reviewers.
        job_description = get_job_description_for_user(request, draft_id_or_404(pk), read_only=True)
        return _status_response(job_description, request)


class ReviewStep(ScopeByMethod, ApiView):
    """One step: POST with If-Match and the step's body; the review as it is after it."""

    # By method, so that another method is 405 for every token, as on every other path.
    scopes = {"POST": "review"}
    problem_responses = STEP_PROBLEMS
    body_serializer = ReviewStepSerializer
    #: Whether the step's page reads the draft with the reviewers' and managers' rule
    #: (``read_only``) or the owner's only (submit, as its page).
    read_only_access = True
    #: The ``TRANSITIONS`` entry of the step (decide's depends on the decision).
    action: str = ""
    #: The service function of a step that takes only a message.
    service = None

    def post(self, request, pk: str):
        draft_id = draft_id_or_404(pk)
        job_description = get_job_description_for_user(
            request, draft_id, with_items=True, read_only=self.read_only_access
        )
        self.check_token(request)
        version = matched_version(request, job_description)
        body = self.body_serializer(data=request.data)
        if not body.is_valid():
            raise exceptions.ValidationError(body.errors)
        action = self.action_for(body.validated_data)
        try:
            self.take(request, job_description, version, body.validated_data)
        except StaleVersion:
            raise stale(request, draft_id) from None
        except ReviewRefused as error:
            raise self.refusal(request, draft_id, action, error) from None
        # Read afresh, without the access check: a reviewer whose decision closed the round no
        # longer reads the draft, yet is owed the answer to the step they took.
        after = JobDescription.objects.select_related("level").get(pk=draft_id)
        return _status_response(after, request)

    def check_token(self, request) -> None:
        """Refuse a token that may not take this step at all (decide: a service token)."""

    def action_for(self, data: dict) -> str:
        return self.action

    def take(self, request, job_description: JobDescription, version: int, data: dict) -> None:
        """A step that takes only a message: the version is checked under the row's lock, then
        the service moves the draft (its own lock is the same row, in the same transaction)."""
        with transaction.atomic():
            locked_version = (
                JobDescription.objects.select_for_update()
                .filter(pk=job_description.pk)
                .values_list("version", flat=True)
                .first()
            )
            if locked_version != version:
                raise StaleVersion(job_description)
            self.service(
                job_description=job_description,
                user=request.user,
                message=data.get("message", ""),
            )

    @staticmethod
    def refusal(request, draft_id: int, action: str, error: ReviewRefused) -> Problem:
        """The service's refusal as a problem with its reason; the status says whose the
        obstacle is: the draft's state (409), the person (403), or what they sent (422)."""
        current = JobDescription.objects.live().filter(pk=draft_id).first()
        if current is None or current.review_state not in TRANSITIONS[action].sources:
            status = 409
        elif action not in review_allowed_actions(current, request.user):
            status = 403
        else:
            status = 422
        return Problem(status, str(error), kind="review-refused")


def _step_schema(action: str, summary: str, description: str, request=ReviewStepSerializer):
    return extend_schema(
        operation_id=f"drafts_review_{action}",
        summary=summary,
        description=description,
        parameters=[DRAFT_ID, IF_MATCH],
        request=request,
        responses={
            200: OpenApiResponse(
                ReviewStatusSerializer,
                description="Done: the review as it is now (the ETag is the draft's version).",
            )
        },
    )


class ReviewSubmit(ReviewStep):
    action = ReviewAction.SUBMIT
    body_serializer = ReviewSubmitSerializer
    read_only_access = False  # the page's rule: only the owner sends their draft

    @_step_schema(
        "submit",
        "Send a draft for approval",
        "As the review page: to one or more reviewers (people who may review, not you), the "
        "first approval approving it unless require_all. A draft with open guidance findings "
        "needs confirm_open_findings. From draft or changes requested; the owner only.",
        ReviewSubmitSerializer,
    )
    def post(self, request, pk: str):
        return super().post(request, pk)

    def take(self, request, job_description, version, data) -> None:
        candidates = reviewer_candidates(job_description)
        username = get_user_model().USERNAME_FIELD
        found = {
            person.get_username(): person
            for person in candidates.filter(**{f"{username}__in": data["reviewers"]})
        }
        unknown = {
            str(index): [f"“{name}” is not someone who may review this draft."]
            for index, name in enumerate(data["reviewers"])
            if name not in found
        }
        if unknown:
            raise exceptions.ValidationError({"reviewers": unknown})
        form = SubmitForReviewForm(
            {
                "reviewers": [found[name].pk for name in data["reviewers"]],
                "require_all": data["require_all"],
                "message": data.get("message", ""),
                "expected_version": version,
                "confirm_open_findings": data["confirm_open_findings"],
            },
            reviewers=candidates,
            open_findings=review_open_findings(job_description).total,
        )
        if not form.is_valid():
            raise exceptions.ValidationError(dict(form.errors))
        review_submit(
            job_description=job_description,
            user=request.user,
            reviewers=list(form.cleaned_data["reviewers"]),
            require_all=form.cleaned_data["require_all"],
            message=form.cleaned_data["message"],
            expected_version=version,
        )


class ReviewDecide(ReviewStep):
    body_serializer = ReviewDecideSerializer

    @_step_schema(
        "decide",
        "Approve a draft, or ask for changes",
        "As the review page, for a reviewer asked in the open round, on the version they read "
        "(If-Match). Asking for changes needs a message; approving while a required finding is "
        "open needs open_required_reason. Service tokens may not decide.",
        ReviewDecideSerializer,
    )
    def post(self, request, pk: str):
        return super().post(request, pk)

    def check_token(self, request) -> None:
        if not may_decide_reviews(request.auth):
            raise Problem(
                403,
                "A service token may not decide a review: a person decides, with their own "
                "token or on the review page.",
                kind="review-refused",
            )

    def action_for(self, data: dict) -> str:
        approve = data["decision"] == "approve"
        return ReviewAction.APPROVE if approve else ReviewAction.REQUEST_CHANGES

    def take(self, request, job_description, version, data) -> None:
        form = ReviewDecisionForm({**data, "seen_version": version})
        if not form.is_valid():
            raise exceptions.ValidationError(dict(form.errors))
        review_decide(
            job_description=job_description,
            user=request.user,
            approve=form.cleaned_data["decision"] == "approve",
            message=form.cleaned_data["message"],
            seen_version=version,
            open_required_reason=form.cleaned_data["open_required_reason"],
        )


class ReviewWithdraw(ReviewStep):
    action = ReviewAction.WITHDRAW
    service = staticmethod(review_withdraw)

    @_step_schema(
        "withdraw",
        "Withdraw a draft from approval",
        "Take it out of review to edit it; pending decisions are cancelled. The owner only.",
    )
    def post(self, request, pk: str):
        return super().post(request, pk)


class ReviewReopen(ReviewStep):
    action = ReviewAction.REOPEN
    service = staticmethod(review_reopen)

    @_step_schema(
        "reopen",
        "Reopen an approved draft",
        "A draft again, to change and send for approval; its approved version stays. The owner "
        "or an HR manager.",
    )
    def post(self, request, pk: str):
        return super().post(request, pk)


class ReviewArchive(ReviewStep):
    action = ReviewAction.ARCHIVE
    service = staticmethod(review_archive)

    @_step_schema(
        "archive",
        "Archive a draft",
        "From any state but archived: an open round ends, open share links are revoked. The "
        "owner or an HR manager.",
    )
    def post(self, request, pk: str):
        return super().post(request, pk)


class ReviewUnarchive(ReviewStep):
    action = ReviewAction.UNARCHIVE
    service = staticmethod(review_unarchive)

    @_step_schema(
        "unarchive",
        "Unarchive a draft",
        "A draft again, to edit and send for approval. The owner or an HR manager.",
    )
    def post(self, request, pk: str):
        return super().post(request, pk)
