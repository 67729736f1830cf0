"""Which subscriptions are due a mail, claimed exactly once.

`manage.py send_subscriptions` runs from cron every few minutes, possibly on several machines at
once. A run claims due subscriptions under a row lock that other runs skip
(select_for_update(skip_locked=True)) and advances their `checked_until` to the run's moment in
the same transaction: the window (old checked_until, now] belongs to this run alone, and the
next run starts where it ended. Only a window with news queues a mail (after commit).

Instant subscriptions are due on every run; a daily digest once a day, on the first run from
DIGEST_HOUR (local time) on.
"""

import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from subscriptions import kinds
from subscriptions.models import Frequency, Subscription

DIGEST_HOUR = 7
BATCH = 200


def digest_time(now):
    """The latest daily digest moment at or before `now`: DIGEST_HOUR today or yesterday."""
    local = timezone.localtime(now)
    moment = local.replace(hour=DIGEST_HOUR, minute=0, second=0, microsecond=0)
    return moment if moment <= local else moment - datetime.timedelta(days=1)


def due_condition(now):
    return Q(confirmed_at__isnull=False) & (
        Q(frequency=Frequency.INSTANT, checked_until__lt=now)
        | Q(frequency=Frequency.DAILY, checked_until__lt=digest_time(now))
    )


def news(subscription, since, until, cache=None):
    """The followed thing's public news in (since, until], by the registered kind."""
    kind = kinds.get(subscription.kind)
    if kind is None:
        return []
    key = (subscription.kind, subscription.target, since)
    if cache is None or key not in cache:
        results = kind.new_results(kinds.params_of(subscription.target), since)
        if cache is not None:
            cache[key] = results
    else:
        results = cache[key]
    return [result for result in results if since < result[2] <= until]


def claim_batch(now, cache):
    """Claim up to BATCH due subscriptions; the number claimed."""
    from subscriptions.tasks import send_news

    with transaction.atomic():
        claimed = list(
            Subscription.objects.filter(due_condition(now))
            .select_for_update(skip_locked=True)
            .order_by("pk")
            .only("pk", "kind", "target", "checked_until")[:BATCH]
        )
        if not claimed:
            return 0
        Subscription.objects.filter(pk__in=[s.pk for s in claimed]).update(checked_until=now)
        for subscription in claimed:
            since = subscription.checked_until
            if news(subscription, since, now, cache):
                transaction.on_commit(
                    lambda pk=subscription.pk, since=since: send_news.enqueue(
                        subscription_id=pk, since=since.isoformat(), until=now.isoformat()
                    )
                )
    return len(claimed)


def send_due(now=None):
    """Claim every due subscription and queue a mail for each with news; the number claimed."""
    now = now or timezone.now()
    cache = {}
    total = 0
    while claimed := claim_batch(now, cache):
        total += claimed
    return total
