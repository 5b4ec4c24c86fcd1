"""Reads for the account page of API tokens."""

from roles.models import ApiToken


def api_tokens_of(user):
    """``user``'s tokens, newest first, revoked and expired ones included (the page says so)."""
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-pk")


def api_token_of(user, pk: int) -> ApiToken | None:
    """``user``'s token ``pk``; None for anyone else's (the view answers 404)."""
    return ApiToken.objects.filter(user=user, pk=pk).first()
