import datetime

from django.contrib import admin, messages
from django.contrib.admin import widgets
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList
from django.contrib.auth import admin as auth_admin
from django.contrib.auth.models import Group, User
from django.utils.translation import gettext_lazy as _

from council.forms import AdminLoginForm, IdChoiceField, IdMultipleChoiceField, is_id
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
admin.site.login_form = AdminLoginForm


class StrictChangeList(ChangeList):
    """Django's change list, refusing filters it would crash on: a date hierarchy outside the
    years a datetime can hold with its time zone (Django catches only some), and NUL characters,
    which PostgreSQL refuses in any text."""

    def get_filters(self, request):
        problem = self._filter_problem()
        if problem:
            messages.error(request, problem)
            raise IncorrectLookupParameters(problem)
        return super().get_filters(request)

    def _filter_problem(self):
        params = self.get_filters_params()
        if any("\x00" in value for values in params.values() for value in values):
            return _("Dieser Filter enthält ungültige Zeichen; die Liste wird ungefiltert gezeigt.")
        if self.date_hierarchy and not self._date_sound(params):
            return _("Dieses Datum kann die Liste nicht filtern; sie wird ungefiltert gezeigt.")
        return None

    def _date_sound(self, params):
        parts = [params.get(f"{self.date_hierarchy}__{part}") for part in ("year", "month", "day")]
        sent = [values[-1] for values in parts if values]
        if not all(value.isascii() and value.isdigit() and len(value) <= 4 for value in sent):
            return False
        # A year of slack on either side: the range asked for ends a year later, and local
        # midnight on 1 January of year 1 is still in year 0 in UTC.
        return not parts[0] or datetime.MINYEAR < int(parts[0][-1]) < datetime.MAXYEAR


class IdsOnlyAutocomplete:
    """An autocomplete widget that looks up only ids to show what was chosen: a form sent back
    with "abc" or 2**64 in the field is shown with its error, not a crash while rendering."""

    def optgroups(self, name, value, attr=None):
        return super().optgroups(name, [choice for choice in value if is_id(choice)], attr)


class AutocompleteSelect(IdsOnlyAutocomplete, widgets.AutocompleteSelect):
    pass


class AutocompleteSelectMultiple(IdsOnlyAutocomplete, widgets.AutocompleteSelectMultiple):
    pass


class StrictFields:
    """Choices of related objects in the admin take only ids (see council.forms)."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = AutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        kwargs.setdefault("form_class", IdChoiceField)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = AutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        kwargs.setdefault("form_class", IdMultipleChoiceField)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class StrictTabularInline(StrictFields, admin.TabularInline):
    """An inline that builds at most the existing rows and NEW_ROWS new ones: Django builds
    as many as a request's TOTAL_FORMS says, up to 2,000, which kept a worker busy for over a
    minute (past any proxy's timeout) for one malformed request."""

    NEW_ROWS = 50

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        existing = 0
        if obj is not None and obj.pk is not None:
            existing = formset.model._default_manager.filter(**{formset.fk.name: obj}).count()
        formset.max_num = formset.absolute_max = existing + self.NEW_ROWS
        return formset


class StrictInputAdmin(StrictFields, admin.ModelAdmin):
    """The project's admin pages: malformed filters, search terms and ids are refused with a
    message, never answered with a 500."""

    def get_changelist(self, request, **kwargs):
        return StrictChangeList

    def get_search_results(self, request, queryset, search_term):
        if "\x00" in search_term:  # PostgreSQL refuses it; nothing can contain it anyway
            return queryset.none(), False
        return super().get_search_results(request, queryset, search_term)

    def response_action(self, request, queryset, *args, **kwargs):
        if not all(is_id(pk) for pk in request.POST.getlist(ACTION_CHECKBOX_NAME)):
            messages.error(request, _("Ungültige Auswahl."))
            return None
        return super().response_action(request, queryset, *args, **kwargs)


# Django's own admins of users and groups, with the same guards.
admin.site.unregister(User)
admin.site.unregister(Group)


@admin.register(User)
class UserAdmin(StrictInputAdmin, auth_admin.UserAdmin):
    pass


@admin.register(Group)
class GroupAdmin(StrictInputAdmin, auth_admin.GroupAdmin):
    pass


class LegislativeTermInline(StrictTabularInline):
    model = LegislativeTerm
    extra = 0


@admin.register(Body)
class BodyAdmin(StrictInputAdmin):
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


class MembershipInline(StrictTabularInline):
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
class OrganizationAdmin(StrictInputAdmin):
    list_display = ["name", "short_name", "kind", "start_date", "end_date"]
    list_filter = ["kind", "body", "legislative_term"]
    search_fields = ["name", "short_name"]
    autocomplete_fields = ["parent"]
    filter_horizontal = ["serves"]
    inlines = [StandingItemInline, MembershipInline]


@admin.register(Person)
class PersonAdmin(StrictInputAdmin):
    list_display = ["family_name", "given_name", "title", "user"]
    ordering = ["sort_name"]
    list_filter = ["body", "memberships__organization__kind"]
    search_fields = ["family_name", "given_name", "email", "user__username"]
    autocomplete_fields = ["user"]
    inlines = [PersonMembershipInline]


@admin.register(Membership)
class MembershipAdmin(StrictInputAdmin):
    list_display = ["person", "organization", "role", "voting_right", "start_date", "end_date"]
    list_filter = ["role", "organization__kind", "organization"]
    search_fields = ["person__family_name", "person__given_name", "organization__name"]
    autocomplete_fields = ["person", "organization", "on_behalf_of"]
    list_select_related = ["person", "organization"]


@admin.register(Location)
class LocationAdmin(StrictInputAdmin):
    list_display = ["description", "room", "street_address", "locality"]
    search_fields = ["description", "room", "street_address"]


class AgendaItemInline(StrictTabularInline):
    model = AgendaItem
    extra = 1
    fields = ["order", "number", "title", "public", "result", "resolution_text"]


@admin.register(Meeting)
class MeetingAdmin(StrictInputAdmin):
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
