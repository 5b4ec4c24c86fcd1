"""Keyset ("cursor") pagination over the whole sort order: a page of a list stays the same page
while rows are added or edited elsewhere in it, and reads no COUNT(*).

Not DRF's ``CursorPagination``: that one keeps its place by the first sort field only and counts
an offset among rows that tie on it, so a draft made while someone pages through "by status"
(hundreds of drafts tie on "draft") shifts the offset and a row is read twice. Here the cursor
holds the last row's value of every sort field (the last is always the primary key, so the order
is total), signed so that a client can neither forge nor garble one into a query.
"""

from django.core import signing
from django.core.exceptions import ValidationError
from django.db.models import Q
from rest_framework.pagination import BasePagination
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from .problems import InvalidParameters

CURSOR_SALT = "roles.api.pagination.cursor"


def _after(ordering: tuple[str, ...], values: list) -> Q:
    """Rows strictly after ``values`` in ``ordering``: (a > x) or (a = x and b > y) or …, each
    "after" being "less than" for a descending field."""
    condition = Q()
    for index, field in enumerate(ordering):
        name = field.lstrip("-")
        lookup = "lt" if field.startswith("-") else "gt"
        earlier = zip(ordering[:index], values[:index], strict=True)
        ties = {prior.lstrip("-"): value for prior, value in earlier}
        condition |= Q(**ties, **{f"{name}__{lookup}": values[index]})
    return condition


def _plain(value):
    """A sort value as JSON can carry it (a datetime as ISO 8601, which Django reads back)."""
    return value.isoformat() if hasattr(value, "isoformat") else value


class KeysetPagination(BasePagination):
    page_size = 20
    max_page_size = 100
    cursor_query_param = "cursor"
    page_size_query_param = "page_size"

    def _page_size(self, request) -> int:
        """The page size asked for, or the default; anything but 1 to ``max_page_size`` is
        refused (400), not quietly changed: the client learns its page is not what it asked."""
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        size = int(raw) if raw.isascii() and raw.isdecimal() and len(raw) <= 4 else 0
        if 1 <= size <= self.max_page_size:
            return size
        raise InvalidParameters(
            {self.page_size_query_param: [f"A whole number from 1 to {self.max_page_size}."]}
        )

    def _bad_cursor(self, detail: str) -> InvalidParameters:
        return InvalidParameters({self.cursor_query_param: [detail]})

    def paginate_queryset(self, queryset, request, view=None):
        """A page of ``queryset`` in the view's order (``view.ordering_for``), after the cursor."""
        ordering = tuple(view.ordering_for(request))
        self.ordering = ordering
        self.base_url = request.build_absolute_uri()
        size = self._page_size(request)
        queryset = queryset.order_by(*ordering)
        encoded = request.query_params.get(self.cursor_query_param)
        if encoded:
            try:
                cursor = signing.loads(encoded[:1000], salt=CURSOR_SALT)
            except signing.BadSignature:
                raise self._bad_cursor("Not valid: follow the list's next link.") from None
            if cursor.get("o") != list(ordering):
                raise self._bad_cursor("It belongs to another sort: start the list again.")
            queryset = queryset.filter(_after(ordering, cursor["p"]))
        try:
            rows = list(queryset[: size + 1])
        except (ValidationError, ValueError, TypeError):
            raise self._bad_cursor("Not valid: follow the list's next link.") from None
        self.next_cursor = None
        if len(rows) > size:
            rows = rows[:size]
            last = rows[-1]
            values = [_plain(getattr(last, field.lstrip("-"))) for field in ordering]
            self.next_cursor = signing.dumps(
                {"o": list(ordering), "p": values}, salt=CURSOR_SALT, compress=True
            )
        return rows

    def get_next_link(self) -> str | None:
        if self.next_cursor is None:
            return None
        return replace_query_param(self.base_url, self.cursor_query_param, self.next_cursor)

    def get_first_link(self) -> str:
        return remove_query_param(self.base_url, self.cursor_query_param)

    def get_paginated_response(self, data) -> Response:
        return Response({"next": self.get_next_link(), "results": data})

    def get_paginated_response_schema(self, schema: dict) -> dict:
        return {
            "type": "object",
            "required": ["next", "results"],
            "properties": {
                "next": {
                    "type": ["string", "null"],
                    "format": "uri",
                    "description": "The next page, or null on the last.",
                },
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view) -> list[dict]:
        return [
            {
                "name": self.cursor_query_param,
                "required": False,
                "in": "query",
                "description": "Where the page starts: take it from the previous page's next.",
                "schema": {"type": "string"},
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": f"Rows a page: 1 to {self.max_page_size}, else {self.page_size}.",
                "schema": {"type": "integer", "minimum": 1, "maximum": self.max_page_size},
            },
        ]
