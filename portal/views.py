"""The portal's own pages: accessibility statement and feedback, Leichte Sprache, robots.txt."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from council.models import current_body
from council.pagination import keyset_page
from council.roles import roles_of
from portal import services
from portal.forms import AnswerForm, FeedbackForm
from portal.models import AccessibilityStatement, Feedback

ANSWERED_PER_PAGE = 50


@require_safe
def accessibility(request):
    body = current_body(request)
    # Until the office writes its own, the statement reads as the defaults say (nothing saved).
    statement = AccessibilityStatement.objects.filter(body=body).first() or AccessibilityStatement(
        body=body
    )
    return render(request, "portal/accessibility.html", {"statement": statement})


@require_http_methods(["GET", "HEAD", "POST"])
def feedback(request):
    body = current_body(request)
    if body is None:
        raise Http404
    if request.method == "POST":
        form = FeedbackForm(request.POST)
        if form.is_valid():
            services.submit_feedback(body=body, **form.cleaned_data)
            return redirect("portal:feedback_thanks")
        return render(request, "portal/feedback_form.html", {"form": form}, status=400)
    # The page the reader came from is named for them, to change or delete.
    form = FeedbackForm(initial={"page": request.GET.get("seite", "")[:500]})
    return render(request, "portal/feedback_form.html", {"form": form})


@require_safe
def feedback_thanks(request):
    return render(request, "portal/feedback_thanks.html")


def _require_office(user):
    if not roles_of(user).office:
        raise PermissionDenied


@require_safe
@login_required
def feedback_list(request):
    """The office's list: open messages by their deadline (overdue first), then the answered."""
    _require_office(request.user)
    feedback = Feedback.objects.filter(body=current_body(request))
    answered = keyset_page(
        feedback.filter(answered_at__isnull=False),
        ["-answered_at"],
        request.GET.get("nach"),
        ANSWERED_PER_PAGE,
    )
    return render(
        request,
        "portal/feedback_list.html",
        {
            "open": feedback.filter(answered_at__isnull=True).order_by("due_date", "pk"),
            "page": answered,
            "problems": [answered.problem] if answered.problem else [],
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def feedback_detail(request, pk):
    _require_office(request.user)
    item = get_object_or_404(Feedback.objects.select_related("answered_by"), pk=pk)
    form = AnswerForm(request.POST or None, instance=item if request.method == "POST" else None)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.answer_feedback(
                    feedback=item, answer=form.cleaned_data["answer"], by=request.user
                )
            except services.AlreadyAnswered as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, _("Die Antwort wurde an den Absender geschickt."))
            return redirect("portal:feedback_list")
        item.refresh_from_db()
        return render(
            request, "portal/feedback_detail.html", {"item": item, "form": form}, status=400
        )
    return render(request, "portal/feedback_detail.html", {"item": item, "form": form})


@require_safe
def easy_language(request):
    return render(request, "portal/easy_language.html")


@require_safe
def robots_txt(request):
    lines = [
        "User-agent: *",
        # Staff pages and forms: nothing to index, and each crawl would only meet a login.
        "Disallow: /anmelden/",
        "Disallow: /verwaltung/",
        "Disallow: /barrierefreiheit/rueckmeldungen/",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('portal:sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
