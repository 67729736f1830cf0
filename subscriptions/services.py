"""Subscribing, confirming and unsubscribing: the only doors to a Subscription.

Double opt-in: a subscription is stored unconfirmed and a confirmation link is mailed; only the
owner of the mailbox can confirm it. The web page says the same whether or not the address was
known, and the mailbox does not fill up: a confirmation is sent again at most every
RESEND_AFTER, and an address gets at most PENDING_PER_DAY new unconfirmed subscriptions a day.
"""

import datetime

from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone

from subscriptions.models import Subscription

CONFIRM_SALT = "subscriptions.confirm"
UNSUBSCRIBE_SALT = "subscriptions.unsubscribe"
CONFIRM_MAX_AGE = datetime.timedelta(days=7)
RESEND_AFTER = datetime.timedelta(minutes=15)
PENDING_PER_DAY = 5


def normalized(email):
    """One address, one spelling: mail providers treat the local part case-insensitively."""
    return email.strip().lower()


def _stamp(subscription):
    # The creation time binds a token to this row, never to a later one with the same id.
    return [subscription.pk, int(subscription.created.timestamp())]


def confirm_token(subscription):
    return signing.dumps(_stamp(subscription), salt=CONFIRM_SALT)


def unsubscribe_token(subscription):
    return signing.dumps(_stamp(subscription), salt=UNSUBSCRIBE_SALT)


def _from_token(token, *, salt, max_age=None):
    try:
        pk, created = signing.loads(token, salt=salt, max_age=max_age)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    subscription = Subscription.objects.filter(pk=pk).first() if isinstance(pk, int) else None
    if subscription is None or int(subscription.created.timestamp()) != created:
        return None
    return subscription


def to_confirm(token):
    """The subscription a confirmation link names, if the link is genuine and not expired."""
    return _from_token(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)


def to_unsubscribe(token):
    """The subscription an unsubscribe link names (such links do not expire)."""
    return _from_token(token, salt=UNSUBSCRIBE_SALT)


def subscribe(*, email, kind, target, frequency, now=None):
    """Store the wish and queue the confirmation mail, unless the address follows this already
    or was sent a confirmation just now. Returns nothing: the caller must not tell either."""
    from subscriptions.tasks import send_confirmation

    now = now or timezone.now()
    email = normalized(email)
    with transaction.atomic():
        subscription = Subscription.objects.filter(email=email, kind=kind, target=target).first()
        if subscription is None:
            pending = Subscription.objects.filter(
                email=email,
                confirmed_at__isnull=True,
                created__gte=now - datetime.timedelta(days=1),
            )
            if pending.count() >= PENDING_PER_DAY:
                return
            try:
                with transaction.atomic():
                    subscription = Subscription.objects.create(
                        email=email, kind=kind, target=target, frequency=frequency
                    )
            except IntegrityError:
                return  # the same wish, sent twice at once: the first one mails
        elif subscription.is_confirmed or (
            subscription.confirmation_sent_at
            and subscription.confirmation_sent_at > now - RESEND_AFTER
        ):
            return
        subscription.frequency = frequency
        subscription.confirmation_sent_at = now
        subscription.save(update_fields=["frequency", "confirmation_sent_at"])
        transaction.on_commit(lambda: send_confirmation.enqueue(subscription_id=subscription.pk))


def confirm(*, token, now=None):
    """Confirm the subscription the link names; None if the link is forged, expired or its
    subscription gone. News are mailed from the moment of confirmation on."""
    subscription = to_confirm(token)
    if subscription is None:
        return None
    now = now or timezone.now()
    Subscription.objects.filter(pk=subscription.pk, confirmed_at__isnull=True).update(
        confirmed_at=now, checked_until=now
    )
    subscription.refresh_from_db()
    return subscription


def unsubscribe(*, token):
    """Forget the subscription and its address. True if the link was valid (also when it was
    used before: unsubscribing twice is no error)."""
    try:
        signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return False
    subscription = to_unsubscribe(token)
    if subscription is not None:
        subscription.delete()
    return True


def forget_unconfirmed(now=None):
    """Delete subscriptions never confirmed within the link's lifetime: their addresses were
    never agreed to be kept."""
    now = now or timezone.now()
    deleted, _ = Subscription.objects.filter(
        confirmed_at__isnull=True, created__lt=now - CONFIRM_MAX_AGE
    ).delete()
    return deleted
