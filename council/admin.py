from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from council.models import (
    AgendaItem,
    Body,
    LegislativeTerm,
    Location,
    Meeting,
    Membership,
    Organization,
    Person,
    StandingItem,
)
from council.signals import meeting_moved

admin.site.site_header = _("Ratsfaden – Verwaltung")
admin.site.site_title = _("Ratsfaden")
admin.site.index_title = _("Sitzungsdienst")


class LegislativeTermInline(admin.TabularInline):
    model = LegislativeTerm
    extra = 0


@admin.register(Body)
class BodyAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "state"]
    inlines = [LegislativeTermInline]
    fieldsets = [
        (None, {"fields": ["name", "short_name", "website", "municipality_key", "state"]}),
        (_("Kontakt"), {"fields": ["contact_name", "contact_email"]}),
        (
            _("Geschäftsordnung"),
            {
                "fields": [
                    "filing_deadline_days",
                    "filing_deadline_working_days",
                    "notice_period_days",
                    "inquiry_answer_days",
                    "report_reminder_days",
                    "december_24_31_closed",
                ]
            },
        ),
    ]


class MembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "organization"
    extra = 0
    autocomplete_fields = ["person", "on_behalf_of"]
    fields = ["person", "role", "voting_right", "on_behalf_of", "start_date", "end_date"]


class StandingItemInline(admin.TabularInline):
    """The committee's agenda template: the items every one of its agendas begins or ends with."""

    model = StandingItem
    extra = 0
    fields = ["title", "public", "placement", "order"]


class PersonMembershipInline(MembershipInline):
    fk_name = "person"
    autocomplete_fields = ["organization", "on_behalf_of"]
    fields = ["organization", "role", "voting_right", "on_behalf_of", "start_date", "end_date"]


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "kind", "start_date", "end_date"]
    list_filter = ["kind", "body", "legislative_term"]
    search_fields = ["name", "short_name"]
    autocomplete_fields = ["parent"]
    filter_horizontal = ["serves"]
    inlines = [StandingItemInline, MembershipInline]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["family_name", "given_name", "title", "user"]
    ordering = ["sort_name"]
    list_filter = ["body", "memberships__organization__kind"]
    search_fields = ["family_name", "given_name", "email", "user__username"]
    autocomplete_fields = ["user"]
    inlines = [PersonMembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["person", "organization", "role", "voting_right", "start_date", "end_date"]
    list_filter = ["role", "organization__kind", "organization"]
    search_fields = ["person__family_name", "person__given_name", "organization__name"]
    autocomplete_fields = ["person", "organization", "on_behalf_of"]
    list_select_related = ["person", "organization"]


@admin.register(Location)
class LocationAdmin(admin.ModelAdmin):
    list_display = ["description", "room", "street_address", "locality"]
    search_fields = ["description", "room", "street_address"]


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 1
    fields = ["order", "number", "title", "public", "result", "resolution_text"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["name", "start", "state", "location"]
    list_filter = ["state", "organizations", "body"]
    search_fields = ["name", "agenda_items__title"]
    date_hierarchy = "start"
    filter_horizontal = ["organizations"]
    inlines = [AgendaItemInline]
    list_select_related = ["location"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "start" in form.changed_data:
            meeting_moved.send(sender=Meeting, meeting=obj)
