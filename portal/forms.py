from django import forms
from django.utils.translation import gettext_lazy as _

from portal.models import Feedback


class FeedbackForm(forms.ModelForm):
    class Meta:
        model = Feedback
        fields = ["name", "email", "page", "message"]
        labels = {"name": _("Ihr Name (freiwillig)")}
        help_texts = {
            "email": _("Nur für unsere Antwort; sie wird nie veröffentlicht."),
            "page": _(
                "Die Adresse oder der Name der Seite, auf der die Barriere ist (freiwillig)."
            ),
            "message": _("Was hat nicht funktioniert? Womit haben Sie die Seite benutzt?"),
        }
        widgets = {"message": forms.Textarea(attrs={"rows": 8})}


class AnswerForm(forms.ModelForm):
    class Meta:
        model = Feedback
        fields = ["answer"]
        widgets = {"answer": forms.Textarea(attrs={"rows": 10})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["answer"].required = True
