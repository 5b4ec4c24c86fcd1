"""SCIM filters (``filter=userName eq "…"``) as database queries, through scim2-filter-parser's
Django Q transpiler: ``eq`` compares case-insensitively, as RFC 7643 wants for userName and
displayName; ids (``id``, ``externalId``, member ids) are compared exactly (they are case-exact).
django-scim2's own filters write raw SQL over one table; these return real querysets, which the
views count and page in the database."""

from django.db.models import Q, QuerySet
from scim2_filter_parser.parser import SCIMParserError
from scim2_filter_parser.transpilers.django_q_object import get_query

from roles.models import DirectoryGroup, DirectoryIdentity

#: The longest filter read (a userName filter is under 300 characters).
FILTER_MAX_LENGTH = 1000
CASE_EXACT = ("scim_id", "external_id", "members__scim_id")


class InvalidFilter(ValueError):
    pass


def _case_exact(q: Q) -> Q:
    children = []
    for child in q.children:
        if isinstance(child, Q):
            children.append(_case_exact(child))
        else:
            lookup, value = child
            field, _, op = lookup.rpartition("__")
            if field in CASE_EXACT and op == "iexact":
                lookup = f"{field}__exact"
            children.append((lookup, value))
    clone = Q(*children, _connector=q.connector, _negated=q.negated)
    return clone


def filtered(queryset: QuerySet, query: str, attr_map: dict) -> QuerySet:
    if len(query) > FILTER_MAX_LENGTH:
        raise InvalidFilter(f"The filter is longer than {FILTER_MAX_LENGTH} characters.")
    try:
        q = get_query(query, attr_map)
    except (ValueError, SCIMParserError, KeyError, TypeError) as error:
        raise InvalidFilter(f"Invalid filter: {error}") from None
    if q is None:  # only attributes the app does not keep: nothing has them
        return queryset.none()
    return queryset.filter(_case_exact(q)).distinct()


class DirectoryUserFilter:
    attr_map = {
        ("id", None, None): "scim_id",
        ("userName", None, None): "user_name",
        ("externalId", None, None): "external_id",
        ("active", None, None): "user__is_active",
        ("name", "givenName", None): "user__first_name",
        ("name", "familyName", None): "user__last_name",
        ("emails", None, None): "user__email",
        ("emails", "value", None): "user__email",
    }

    @classmethod
    def queryset(cls) -> QuerySet:
        return DirectoryIdentity.objects.filter(deprovisioned_at__isnull=True).select_related(
            "user"
        )

    @classmethod
    def search(cls, query: str, request=None) -> QuerySet:
        return filtered(cls.queryset(), query, cls.attr_map)


class DirectoryGroupFilter:
    attr_map = {
        ("id", None, None): "scim_id",
        ("displayName", None, None): "display_name",
        ("externalId", None, None): "external_id",
        ("members", None, None): "members__scim_id",
        ("members", "value", None): "members__scim_id",
    }

    @classmethod
    def queryset(cls) -> QuerySet:
        return DirectoryGroup.objects.all()

    @classmethod
    def search(cls, query: str, request=None) -> QuerySet:
        return filtered(cls.queryset(), query, cls.attr_map)
