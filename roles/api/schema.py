"""The OpenAPI schema's shared parts: the problem+json body, declared on every operation."""

from drf_spectacular.openapi import AutoSchema
from rest_framework import serializers

from .problems import PROBLEM_CONTENT_TYPE


class ProblemErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()
    pointer = serializers.CharField(
        required=False, help_text="A JSON pointer into the request body (RFC 6901), as #/field."
    )
    parameter = serializers.CharField(required=False, help_text="The query parameter at fault.")


class ProblemSerializer(serializers.Serializer):
    """RFC 9457 problem details."""

    type = serializers.CharField(help_text="about:blank, or a urn:jdbuilder:problem:… type.")
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField()
    instance = serializers.CharField(help_text="The path of the request.")
    errors = ProblemErrorSerializer(many=True, required=False)


#: What any operation may answer besides its success, and why.
COMMON_PROBLEMS = {
    "401": "No token, or a token unknown, revoked or expired, or its person switched off.",
    "403": "The token lacks the scope this operation needs.",
    "405": "The path does not answer this method.",
    "413": "The request body is too large.",
    "429": "This token made too many requests; Retry-After says when to come back.",
    "500": "An error on the server.",
}


class ProblemAutoSchema(AutoSchema):
    """Every operation declares its problem responses (``problem_responses`` on a view adds
    its own, e.g. 404 for an object or 400 for its query parameters, and
    ``problem_responses_by_method`` those of one method, e.g. 412 for a PATCH); public views
    (the schema, the docs) declare none. A description may come with its own serializer (a
    ``ProblemSerializer`` with extension members) as ``(description, serializer)``."""

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if not getattr(self.view, "required_scope", None):
            return responses
        paginated = getattr(self.view, "pagination_class", None) and self.method == "GET"
        problems = {
            **COMMON_PROBLEMS,
            **({"400": "A query parameter is not valid: errors name it."} if paginated else {}),
            **getattr(self.view, "problem_responses", {}),
            **getattr(self.view, "problem_responses_by_method", {}).get(self.method, {}),
        }
        for code, described in sorted(problems.items()):
            description, serializer = (
                described if isinstance(described, tuple) else (described, ProblemSerializer)
            )
            response = self._get_response_for_code(
                serializer, code, media_types=[PROBLEM_CONTENT_TYPE], direction=direction
            )
            response["description"] = description
            responses.setdefault(code, response)
        # The server in front (gunicorn) refuses a request line over its limit before the app
        # sees it, with its own small HTML page.
        responses.setdefault(
            "414",
            {
                "description": "The URL is longer than the server reads: shorten its query.",
                "content": {"text/html": {"schema": {"type": "string"}}},
            },
        )
        return responses
