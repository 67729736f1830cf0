"""Something owed by a due date and answered at a moment (a report request, feedback on
accessibility): the same reading of open, overdue and on time everywhere, by the German
calendar day. The model provides `due_date` (a date) and `answered_at` (a datetime or None)."""

from django.utils import timezone


class AnsweredByDueDate:
    @property
    def is_open(self):
        return self.answered_at is None

    @property
    def overdue(self):
        return self.is_open and self.due_date < timezone.localdate()

    @property
    def days_left(self):
        return (self.due_date - timezone.localdate()).days

    @property
    def days_overdue(self):
        return -self.days_left

    @property
    def on_time(self):
        if self.answered_at is None:
            return None
        return timezone.localdate(self.answered_at) <= self.due_date
