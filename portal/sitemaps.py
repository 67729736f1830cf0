"""sitemap.xml: every public page, in sections of at most LIMIT addresses each.

Each section starts from the same rule as the pages (`visible_to` an anonymous user, or the
`public()` it stands for), so what a search engine is told of is what a citizen may read.
"""

from django.contrib.auth.models import AnonymousUser
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from council.models import Meeting, Organization, Person
from motions.models import Paper
from reports.models import Report

LIMIT = 5000


class StaticSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return [
            "council:home",
            "council:meetings",
            "council:organizations",
            "council:persons",
            "motions:list",
            "reports:list",
            "reports:accountability",
            "portal:accessibility",
            "portal:feedback",
            "portal:easy_language",
            "council:imprint",
            "council:privacy",
        ]

    def location(self, item):
        return reverse(item)


class RecordSitemap(Sitemap):
    """Objects with `modified` and `get_absolute_url`, in id order (stable pages)."""

    limit = LIMIT

    def lastmod(self, obj):
        return obj.modified


class PaperSitemap(RecordSitemap):
    def items(self):
        return Paper.objects.visible_to(AnonymousUser()).only("pk", "modified").order_by("pk")


class ReportSitemap(RecordSitemap):
    def items(self):
        return (
            Report.objects.visible_to(AnonymousUser())
            .published()
            .only("pk", "modified")
            .order_by("pk")
        )


class MeetingSitemap(RecordSitemap):
    def items(self):
        return Meeting.objects.only("pk", "modified").order_by("pk")


class OrganizationSitemap(RecordSitemap):
    def items(self):
        return Organization.objects.only("pk", "modified").order_by("pk")


class PersonSitemap(RecordSitemap):
    def items(self):
        return Person.objects.visible_to(AnonymousUser()).only("pk", "modified").order_by("pk")


SITEMAPS = {
    "seiten": StaticSitemap,
    "antraege": PaperSitemap,
    "berichte": ReportSitemap,
    "sitzungen": MeetingSitemap,
    "gremien": OrganizationSitemap,
    "personen": PersonSitemap,
}
