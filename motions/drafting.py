"""Writing a paper: the form that follows the letter, for faction staff and the council office."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import transaction
from django.forms.utils import ErrorDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from council.models import current_body
from council.roles import roles_of
from motions import services
from motions.forms import OnBehalfForm, PaperForm, ordered_questions, question_formset
from motions.models import Attachment, AttachmentKind, Paper, PaperType, TransitionNotAllowed


@login_required
def create(request):
    if not request.user.has_perm("motions.create_paper"):
        raise PermissionDenied
    body = current_body(request)
    paper = Paper(body=body, place=_default_place(body))
    paper_type = request.GET.get("art")
    if paper_type in PaperType.values:
        paper.paper_type = paper_type
    return _edit(request, paper, body)


@login_required
def edit(request, pk):
    paper = get_object_or_404(Paper.objects.visible_to(request.user).select_related("body"), pk=pk)
    if not request.user.has_perm("motions.edit_paper", paper):
        refusal = _(
            "Eingereichte Anträge können nicht mehr bearbeitet werden; stellen Sie einen Änderungsantrag."
        )
        if request.method == "POST":
            # Submitted by a colleague while this user was typing: show the text, save nothing.
            return _refuse_with_input(request, paper, refusal)
        messages.error(request, refusal)
        return redirect(paper)
    return _edit(request, paper, paper.body)


def _refuse_with_input(request, paper, message):
    form = PaperForm(request.POST, instance=paper, user=request.user, body=paper.body)
    questions = question_formset(request.POST)
    form.is_valid()
    form.add_error(None, message)
    return _render(request, paper, form, questions, None, status=409)


def edit_from_letter(request, paper, body, *, reading):
    """The letter form for a new paper, filled in from a letter read (see motions.letterimport):
    `reading` gives the initial values, tells each field's status and keeps the letter on save."""
    return _edit(request, paper, body, reading=reading)


def _edit(request, paper, body, reading=None):
    on_behalf = roles_of(request.user).office and (paper.pk is None or paper.entered_on_behalf)
    initial_questions = [{"text": q.text} for q in paper.questions.all()] if paper.pk else None
    if reading is not None:
        initial_questions = reading.questions
    if request.method != "POST":
        initial = reading.initial(request.user, body) if reading else None
        form = PaperForm(instance=paper, user=request.user, body=body, initial=initial)
        if initial:
            form.initial.update(initial)  # a date the letter does not give stays empty
        questions = question_formset(initial=initial_questions)
        # A letter read is entered on the day it is read, unless the user says otherwise.
        # (As ISO text: the date input shows no other format.)
        received = paper.received_on or (timezone.localdate().isoformat() if reading else None)
        behalf = OnBehalfForm(initial={"received_on": received}) if on_behalf else None
        return _render(request, paper, form, questions, behalf, reading=reading)

    form = PaperForm(request.POST, request.FILES, instance=paper, user=request.user, body=body)
    adding = "add_question" in request.POST
    questions = question_formset(request.POST, initial=initial_questions, add=adding)
    behalf = OnBehalfForm(request.POST, request.FILES) if on_behalf else None
    if adding:
        # A new, empty row for the next question; nothing is saved and nothing is lost, and
        # nothing is judged yet: the user has not asked to save.
        for bound in (form, questions, *questions.forms, behalf):
            _hide_errors(bound)
        questions.forms[-1].fields["text"].widget.attrs["autofocus"] = True
        # A page that came back malformed is said to be so, even here.
        status = 400 if questions.malformed else 200
        return _render(request, paper, form, questions, behalf, status=status, reading=reading)
    forms_valid = form.is_valid() & questions.is_valid() & (behalf is None or behalf.is_valid())
    if not forms_valid:
        return _render(request, paper, form, questions, behalf, status=400, reading=reading)
    try:
        paper = _save(request, form, questions, behalf, reading)
    except ValidationError as exc:
        form.add_error(None, exc)
        return _render(request, paper, form, questions, behalf, status=400, reading=reading)
    except TransitionNotAllowed as exc:
        # Changed by a colleague since this form was opened: keep what was typed, save nothing.
        form.add_error(None, str(exc))
        return _render(request, paper, form, questions, behalf, status=409, reading=reading)
    messages.success(
        request,
        _("Der Entwurf ist gespeichert.")
        if paper.is_draft
        else _("Die Änderungen sind gespeichert."),
    )
    if "preview" in request.POST:
        return redirect(paper)
    return redirect("motions:edit", pk=paper.pk)


@transaction.atomic
def _save(request, form, questions, behalf, reading=None):
    paper = form.save(commit=False)
    if behalf is not None:
        paper.entered_on_behalf = True
        paper.received_on = behalf.cleaned_data["received_on"]
    signers = form.cleaned_data.get("signers") or []
    # The functions printed under the signatures of a letter read; else the service's default.
    functions = reading.functions if reading else {}
    paper = services.save_draft(
        paper=paper,
        by=request.user,
        factions=form.factions(),
        questions=ordered_questions(questions),
        signatories=[(person, functions.get(person.pk, "")) for person in signers],
        seen_version=form.cleaned_data.get("version") or None,
    )
    upload = form.cleaned_data.get("attachment")
    if upload:
        _attach(
            paper,
            upload,
            form.cleaned_data["attachment_title"],
            form.attachment_content_type,
            request.user,
        )
    if behalf is not None and behalf.cleaned_data.get("original_letter"):
        _attach(
            paper,
            behalf.cleaned_data["original_letter"],
            _("Originalschreiben"),
            behalf.letter_content_type,
            request.user,
            kind=AttachmentKind.ORIGINAL_LETTER,
        )
    if reading is not None:
        reading.saved(paper, request.user)
    return paper


def attach_original(paper, upload, user):
    """A letter read (motions.models.LetterUpload) kept as the paper's "Originalschreiben"."""
    with upload.file.open("rb") as file:
        Attachment.objects.create(
            paper=paper,
            file=File(file, name=upload.file.name.rsplit("/", 1)[-1]),
            title=_("Originalschreiben"),
            kind=AttachmentKind.ORIGINAL_LETTER,
            content_type=upload.content_type,
            size=upload.size,
            uploaded_by=user,
        )


def _attach(paper, upload, title, content_type, user, kind=AttachmentKind.ATTACHMENT):
    Attachment.objects.create(
        paper=paper,
        file=upload,
        title=title,
        kind=kind,
        content_type=content_type,
        size=upload.size,
        uploaded_by=user,
    )


def _hide_errors(bound):
    """Show a bound form (or formset) with what was typed but without validation errors."""
    if bound is None:
        return
    if isinstance(bound, forms.BaseFormSet):
        malformed = getattr(bound, "malformed", False)
        bound._errors = []
        bound._non_form_errors = bound.error_class(
            [bound.malformed_message] if malformed else [], error_class="nonform"
        )
    else:
        bound._errors = ErrorDict()


def _render(request, paper, form, questions, behalf, status=200, reading=None):
    if reading is not None:
        reading.annotate(form)
    return render(
        request,
        "motions/paper_form.html",
        {
            "paper": paper,
            "form": form,
            "questions": questions,
            "behalf": behalf,
            "attachments": paper.attachments.all() if paper.pk else [],
            "reading": reading,
            "reading_missing": reading.missing(form) if reading else [],
        },
        status=status,
    )


def _default_place(body):
    if body is None:
        return ""
    for prefix in ("Stadt ", "Gemeinde ", "Kreis "):
        if body.name.startswith(prefix):
            return body.name.removeprefix(prefix)
    return body.name
