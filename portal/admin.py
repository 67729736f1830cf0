from django.contrib import admin

from council.roles import roles_of
from portal.models import AccessibilityStatement


@admin.register(AccessibilityStatement)
class AccessibilityStatementAdmin(admin.ModelAdmin):
    """The office edits the statement's text here; feedback is answered on its own pages, where
    the deadline is shown and the answer is mailed."""

    list_display = ["__str__", "body", "prepared_on", "modified"]

    # The council office's role, not a model permission, decides: the office group need not be
    # granted this app's permissions one by one.
    def has_module_permission(self, request):
        return roles_of(request.user).office

    def has_view_permission(self, request, obj=None):
        return roles_of(request.user).office

    def has_add_permission(self, request):
        return roles_of(request.user).office

    def has_change_permission(self, request, obj=None):
        return roles_of(request.user).office

    def has_delete_permission(self, request, obj=None):
        return False
