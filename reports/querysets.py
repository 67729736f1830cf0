"""Who sees which report request and report, written once for pages, lists, feeds and the API."""

from django.db import models
from django.db.models import Q
from django.utils import timezone

from council.roles import roles_of

PUBLISHED = ["published", "presented"]


class ReportRequestQuerySet(models.QuerySet):
    def open(self):
        return self.filter(answered_at__isnull=True)

    def overdue(self, today=None):
        return self.open().filter(due_date__lt=today or timezone.localdate())

    def of_units(self, units):
        return self.filter(unit__in=units)

    def visible_to(self, user):
        """A request is as open as its paper: the public may follow what was asked, and when."""
        from motions.models import Paper

        if roles_of(user).office:
            return self
        return self.filter(paper__in=Paper.objects.visible_to(user))


class ReportQuerySet(models.QuerySet):
    def published(self):
        return self.filter(state__in=PUBLISHED)

    def visible_to(self, user):
        """Published public reports for everyone. A draft or released report only for its unit
        and the council office; a published non-public one for whoever may read its paper and
        the agenda item it was presented at."""
        from council.models import AgendaItem
        from motions.models import Paper

        roles = roles_of(user)
        if roles.office:
            return self
        visible = Q(is_public=True)
        if user.is_authenticated:
            entitled = Q(request__paper__in=Paper.objects.visible_to(user)) & (
                Q(presented_item__isnull=True)
                | Q(presented_item__in=AgendaItem.objects.visible_to(user))
            )
            visible |= Q(state__in=PUBLISHED) & entitled
        if roles.units:
            visible |= Q(request__unit__in=roles.units)
        return self.filter(visible)
