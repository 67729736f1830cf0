"""The council office's view of papers in the admin. Papers change only through the services,
so the admin shows them read-only; numbering patterns are set here."""

from django.contrib import admin

from council.admin import StrictInputAdmin, StrictTabularInline
from motions.models import Paper, ReferencePattern, Sponsorship, TimelineEntry


@admin.register(ReferencePattern)
class ReferencePatternAdmin(StrictInputAdmin):
    list_display = ["body", "paper_type", "pattern"]
    list_filter = ["body", "paper_type"]


class ReadOnlyInline(StrictTabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class SponsorshipInline(ReadOnlyInline):
    model = Sponsorship
    fields = ["faction", "is_lead", "agreed_at", "agreed_by"]


class TimelineInline(ReadOnlyInline):
    model = TimelineEntry
    fields = ["at", "actor", "action", "from_state", "to_state", "comment"]


@admin.register(Paper)
class PaperAdmin(StrictInputAdmin):
    list_display = [
        "reference",
        "title",
        "paper_type",
        "state",
        "committee",
        "submitted_at",
        "late",
    ]
    list_filter = ["state", "paper_type", "late", "urgent", "is_public", "committee"]
    search_fields = ["reference", "title", "sponsorships__faction__name"]
    date_hierarchy = "submitted_at"
    list_select_related = ["committee"]
    inlines = [SponsorshipInline, TimelineInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
