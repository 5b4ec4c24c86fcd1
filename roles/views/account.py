"""The person's own API tokens: make one (shown once), see them, revoke one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from roles.forms.pages import ApiTokenForm
from roles.selectors.api_tokens import api_token_of, api_tokens_of
from roles.services.api_tokens import apitoken_create, apitoken_revoke

#: Where a token just made waits for the page that shows it once (the session, not a message:
#: messages may travel in a cookie); the database keeps only its hash.
NEW_TOKEN_SESSION_KEY = "new_api_token"


@login_required
@require_http_methods(["GET", "POST"])
@never_cache
def api_tokens(request: HttpRequest) -> HttpResponse:
    form = ApiTokenForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            api_token, token = apitoken_create(
                user=request.user, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            request.session[NEW_TOKEN_SESSION_KEY] = [api_token.pk, token]
            messages.success(request, "Token made. Copy it below: it is shown only this once.")
            return redirect(f"{reverse('roles:api_tokens')}#new-token")
    new_token = None
    if request.method == "GET" and NEW_TOKEN_SESSION_KEY in request.session:
        token_pk, token = request.session.pop(NEW_TOKEN_SESSION_KEY)
        new_token = {"pk": token_pk, "token": token}
    context = {"form": form, "tokens": api_tokens_of(request.user), "new_token": new_token}
    return render(request, "roles/api_tokens.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def revoke_api_token(request: HttpRequest, pk: int) -> HttpResponse:
    api_token = api_token_of(request.user, pk)
    if api_token is None:
        raise Http404("No such token.")
    apitoken_revoke(api_token=api_token, by=request.user, request=request)
    messages.success(request, f"“{api_token.name}” is revoked: it is refused from now on.")
    return redirect("roles:api_tokens")
