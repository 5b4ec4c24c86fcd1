"""The webhooks' pages (#29): one's subscriptions, and each one's delivery log with "Send
again" and "Send a test event". Subscriptions are made through the API or the admin; these
pages read them and act on them through the same services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from roles.access import get_webhook_subscription_for_user, webhook_subscriptions_for_user
from roles.models import WebhookSubscriptionStatus
from roles.selectors.webhooks import delivery_of, recent_deliveries, subscriptions_listed
from roles.services.webhooks import (
    WebhookRefused,
    webhook_delivery_resend,
    webhook_subscription_resume,
    webhook_test_send,
)


@login_required
@require_GET
@never_cache
def subscriptions(request: HttpRequest) -> HttpResponse:
    context = {"subscriptions": subscriptions_listed(webhook_subscriptions_for_user(request.user))}
    return render(request, "webhooks/subscriptions.html", context)


@login_required
@require_GET
@never_cache
def deliveries(request: HttpRequest, pk: int) -> HttpResponse:
    subscription = get_webhook_subscription_for_user(request.user, pk)
    context = {
        "subscription": subscription,
        "deliveries": recent_deliveries(subscription),
        "is_paused": subscription.status == WebhookSubscriptionStatus.PAUSED,
    }
    return render(request, "webhooks/deliveries.html", context)


@login_required
@require_POST
def send_test(request: HttpRequest, pk: int) -> HttpResponse:
    subscription = get_webhook_subscription_for_user(request.user, pk)
    try:
        delivery = webhook_test_send(subscription=subscription)
    except WebhookRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, f"Test event {delivery.message_id} is on its way.")
    return redirect("roles:webhook_deliveries", pk=subscription.pk)


@login_required
@require_POST
def send_again(request: HttpRequest, pk: int, delivery_pk: int) -> HttpResponse:
    subscription = get_webhook_subscription_for_user(request.user, pk)
    delivery = delivery_of(subscription, delivery_pk)
    if delivery is None:
        raise Http404("No such delivery.")
    delivery.subscription = subscription
    try:
        webhook_delivery_resend(delivery=delivery)
    except WebhookRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, f"{delivery.message_id} is sent again, with the same id.")
    return redirect("roles:webhook_deliveries", pk=subscription.pk)


@login_required
@require_POST
def resume(request: HttpRequest, pk: int) -> HttpResponse:
    subscription = get_webhook_subscription_for_user(request.user, pk)
    if webhook_subscription_resume(subscription_id=subscription.pk):
        messages.success(request, "Resumed: events are sent to it again from now on.")
    return redirect("roles:webhook_deliveries", pk=subscription.pk)
