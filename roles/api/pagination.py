"""Cursor pagination: a page of a list stays the same page while rows are added or edited
elsewhere in it (an offset would skip or repeat rows), and reads no COUNT(*)."""

from rest_framework.pagination import CursorPagination


class DraftCursorPagination(CursorPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100
    cursor_query_param = "cursor"

    def get_ordering(self, request, queryset, view):
        """The order the view chose from the lists' sorts (the same as the pages')."""
        return view.ordering_for(request)
