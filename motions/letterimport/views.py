"""Reading a letter into a new draft: upload or paste it, then the letter form opens filled in.
Nothing is saved until the user saves the draft; the letter waits in a LetterUpload till then."""

import logging

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from council.models import Organization, current_body
from council.roles import roles_of
from motions import drafting
from motions.letterimport.draft import (
    annotate,
    draft_from_text,
    form_initial,
    signatories_html,
    signatory_functions,
)
from motions.letterimport.extract import MAX_TEXT_CHARS, LetterUnreadable, extract_text
from motions.models import LetterUpload, Paper

logger = logging.getLogger(__name__)
NAME_LENGTH = LetterUpload._meta.get_field("name").max_length


class LetterForm(forms.Form):
    letter = forms.FileField(
        label=gettext_lazy("Brief als Datei"),
        required=False,
        help_text=gettext_lazy(
            "DOCX, ODT, PDF mit Textebene oder Text (.txt). Geprüft wird der Inhalt, nicht der "
            "Dateiname."
        ),
    )
    text = forms.CharField(
        label=gettext_lazy("… oder den Text des Briefs einfügen"),
        required=False,
        max_length=MAX_TEXT_CHARS,
        widget=forms.Textarea(attrs={"rows": 12}),
    )

    def clean(self):
        cleaned = super().clean()
        upload, text = cleaned.get("letter"), (cleaned.get("text") or "").strip()
        if upload:
            try:
                data = upload.read()
                self.read_text, self.content_type = extract_text(data, name=upload.name)
            except LetterUnreadable as exc:
                self.add_error("letter", forms.ValidationError(str(exc), code="unreadable"))
                return cleaned
            self.data_bytes = data
        elif text:
            self.read_text, self.content_type, self.data_bytes = text, "text/plain", None
        elif not self.errors:
            raise forms.ValidationError(
                _("Bitte wählen Sie eine Datei oder fügen Sie den Text des Briefs ein."),
                code="empty",
            )
        return cleaned


def _may_create(user):
    if not user.has_perm("motions.create_paper"):
        raise PermissionDenied


@login_required
def upload(request):
    _may_create(request.user)
    if request.method == "POST":
        form = LetterForm(request.POST, request.FILES)
        if form.is_valid():
            letter = _keep(request.user, form)
            return redirect("motions:letter_draft", pk=letter.pk)
        return render(request, "motions/letter_import.html", {"form": form}, status=400)
    return render(request, "motions/letter_import.html", {"form": LetterForm()})


def _keep(user, form):
    LetterUpload.remove_stale()
    upload = form.cleaned_data.get("letter")
    letter = LetterUpload(
        created_by=user,
        content_type=form.content_type,
        text=form.read_text,
        name=(upload.name if upload else "")[-NAME_LENGTH:],
        size=len(form.data_bytes) if form.data_bytes else 0,
    )
    if form.data_bytes:
        letter.file.save(_safe_name(upload.name), ContentFile(form.data_bytes), save=False)
    letter.save()
    return letter


def _safe_name(name):
    stem = "".join(c for c in name.rsplit("/", 1)[-1] if c.isalnum() or c in "._-")[-80:]
    return stem or "brief"


@login_required
def letter_draft(request, pk):
    """The letter form, filled in from the letter read, with what was found at each field."""
    _may_create(request.user)
    letter = get_object_or_404(LetterUpload, pk=pk, created_by=request.user)
    body = current_body(request)
    paper = Paper(body=body, place=drafting._default_place(body))
    draft = draft_from_text(letter.text, body)
    return drafting.edit_from_letter(
        request,
        paper,
        body,
        reading=ImportedLetter(letter, draft),
    )


class ImportedLetter:
    """What the letter form needs of a letter read: initial values, statuses, and what to keep
    when the draft is saved."""

    def __init__(self, upload, draft):
        self.upload, self.draft = upload, draft

    def initial(self, user, body):
        # The factions the user may file for, as the letter form offers them.
        factions = Organization.objects.current().filter(body=body, kind="faction")
        roles = roles_of(user)
        leads = factions if roles.office else factions.filter(pk__in=roles.factions)
        return form_initial(self.draft, leads=list(leads))

    @property
    def questions(self):
        return [{"text": text} for text in self.draft.questions]

    def annotate(self, form):
        annotate(form, self.draft)

    def missing(self, form):
        return self.draft.missing_labels(form)

    def signatories_html(self):
        return signatories_html(self.draft)

    @property
    def functions(self):
        return signatory_functions(self.draft)

    def saved(self, paper, user):
        """The original file becomes the paper's "Originalschreiben"; the upload goes."""
        if self.upload.file:
            try:
                drafting.attach_original(paper, self.upload, user)
            except OSError:
                # The stored file is gone (cleaned up meanwhile): the draft is worth more.
                logger.warning("letter upload %s: file missing", self.upload.pk)
        self.upload.discard()
