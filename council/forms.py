"""Forms and fields that refuse malformed input before it reaches the database.

An id is what a form's own choices send: ASCII digits within the 64-bit range of a primary
key. Anything else ("٣", "1.5", twenty digits) is an invalid choice, as an unknown id is,
before it reaches the database: SQLite refuses integers beyond 64 bits with an OverflowError
that Django does not catch for `pk__in` lookups, and non-ASCII digits would otherwise be read
as the ASCII number they look like.
"""

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.text import Truncator

MAX_ID = 2**63 - 1


def is_id(value):
    """Could this be a primary key as a form sends it (or an object or int in its place)?"""
    if isinstance(value, models.Model):
        return True
    if isinstance(value, int) and not isinstance(value, bool):
        return 0 <= value <= MAX_ID
    return (
        isinstance(value, str)
        and 0 < len(value) <= len(str(MAX_ID))
        and value.isascii()
        and value.isdigit()
        and int(value) <= MAX_ID
    )


class IdChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField that refuses anything but an id as an invalid choice."""

    def to_python(self, value):
        if self.to_field_name is None and value not in self.empty_values and not is_id(value):
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": _shown(value)},
            )
        return super().to_python(value)


class IdMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A ModelMultipleChoiceField that refuses anything but ids as an invalid choice."""

    def clean(self, value):
        if self.to_field_name is None and isinstance(value, (list, tuple)):
            for pk in value:
                if not is_id(pk):
                    raise ValidationError(
                        self.error_messages["invalid_choice"],
                        code="invalid_choice",
                        params={"value": _shown(pk)},
                    )
        return super().clean(value)


def _shown(value):
    """The refused value as the error message repeats it: a pasted novel is cut short."""
    return Truncator(str(value)).chars(24)


class UserNameLength:
    """A login form that refuses a user name longer than any user's before it is looked up:
    Django's login form sets the length only on the widget, and the failed attempt would be
    logged with a name too long for the log's column (a DataError on PostgreSQL)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        username = self.fields["username"]
        username.validators.append(MaxLengthValidator(username.max_length))


class LoginForm(UserNameLength, AuthenticationForm):
    pass


class AdminLoginForm(UserNameLength, AdminAuthenticationForm):
    pass
