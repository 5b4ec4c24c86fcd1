"""Reads for the webhooks' pages: a subscription's recent deliveries."""

from django.db.models import QuerySet

from roles.models import WebhookDelivery, WebhookSubscription

#: The deliveries the log page lists, newest first (the admin lists them all).
RECENT_DELIVERIES = 50


def recent_deliveries(subscription: WebhookSubscription) -> list[WebhookDelivery]:
    return list(subscription.deliveries.order_by("-created_at", "-pk")[:RECENT_DELIVERIES])


def delivery_of(subscription: WebhookSubscription, delivery_id: int) -> WebhookDelivery | None:
    return subscription.deliveries.filter(pk=delivery_id).first()


def subscriptions_listed(subscriptions: QuerySet) -> QuerySet:
    return subscriptions.select_related("owner").order_by("name", "pk")
