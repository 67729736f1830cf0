from django.contrib import admin

from portal.models import AccessibilityStatement


@admin.register(AccessibilityStatement)
class AccessibilityStatementAdmin(admin.ModelAdmin):
    """The office edits the statement's text here; feedback is answered on its own pages, where
    the deadline is shown and the answer is mailed."""

    list_display = ["__str__", "body", "prepared_on", "modified"]
