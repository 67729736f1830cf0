from django import forms
from django.utils.translation import gettext_lazy as _

from subscriptions.models import Frequency


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label=_("Ihre E-Mail-Adresse"),
        max_length=254,
        error_messages={
            "required": _("Bitte geben Sie Ihre E-Mail-Adresse an."),
            "invalid": _("Das ist keine gültige E-Mail-Adresse (z. B. name@example.org)."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    frequency = forms.ChoiceField(
        label=_("Wie oft?"),
        choices=Frequency.choices,
        initial=Frequency.DAILY,
        widget=forms.RadioSelect,
        error_messages={"required": _("Bitte wählen Sie, wie oft Sie E-Mails erhalten möchten.")},
    )
