from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Berichte der Verwaltung")

    def ready(self):
        from council.signals import demo_council_built
        from motions import querysets

        querysets.OWED_BY.append(papers_owed_by)
        demo_council_built.connect(add_demo_reports, dispatch_uid="reports.demo")


def papers_owed_by(units):
    """A unit reads the papers it was asked to report on."""
    from django.db.models import Exists, OuterRef, Q

    from reports.models import ReportRequest

    requests = ReportRequest.objects.filter(paper=OuterRef("pk"), unit__in=units)
    return Q(Exists(requests))


def add_demo_reports(sender, **kwargs):
    """`manage.py demo`'s reports; the demo code is loaded only when the command runs."""
    from reports.demo import add_demo_reports

    add_demo_reports(sender, **kwargs)
