"""Who follows what by e-mail. An address is kept only for sending: never shown, never exported
(there is no admin page for it), and deleted on unsubscribing."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Frequency(models.TextChoices):
    INSTANT = "instant", _("sofort bei jeder Neuigkeit")
    DAILY = "daily", _("einmal täglich als Zusammenfassung")


class Subscription(models.Model):
    """One address following one thing: a kind from the registry (subscriptions.kinds) and its
    parameters, kept as a canonical query string (e.g. "id=12"), so that it is unique."""

    email = models.EmailField(_("E-Mail-Adresse"))
    kind = models.CharField(max_length=30)
    target = models.CharField(max_length=500, blank=True)
    frequency = models.CharField(
        _("Häufigkeit"), max_length=10, choices=Frequency, default=Frequency.DAILY
    )
    created = models.DateTimeField(auto_now_add=True)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)
    # Double opt-in: nothing but the confirmation request is sent before this is set.
    confirmed_at = models.DateTimeField(null=True, blank=True)
    # Everything up to this moment has been mailed (or there was nothing): the next mail starts
    # here. Advanced when a run claims the subscription, so that no two runs mail the same news.
    checked_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Abonnement")
        verbose_name_plural = _("Abonnements")
        constraints = [
            models.UniqueConstraint(
                fields=["email", "kind", "target"], name="subscription_unique_target"
            ),
            models.CheckConstraint(
                condition=Q(confirmed_at__isnull=True) | Q(checked_until__isnull=False),
                name="subscription_confirmed_has_start",
            ),
        ]
        indexes = [models.Index(fields=["frequency", "checked_until"])]

    def __str__(self):
        # Never the address: this string may end up in logs.
        return f"{self.kind}?{self.target} ({self.pk})"

    @property
    def is_confirmed(self):
        return self.confirmed_at is not None
