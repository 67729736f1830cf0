"""Subscribing by e-mail without an account: the form, the confirmation and unsubscribing.

No page tells whether an address is known: subscribing answers the same either way, and an
address is never shown, not even on the confirmation and unsubscribe pages.
"""

from django.conf import settings
from django.core.cache import cache
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from subscriptions import kinds, services
from subscriptions.forms import SubscribeForm

# Subscription requests per client address and hour: enough for a person, not for a script
# that fills strangers' mailboxes.
REQUESTS_PER_HOUR = 20


def _target(request):
    """(kind, target, description) of ?art=…&id=…; a 404 for anything not public."""
    kind = kinds.get(request.GET.get("art", ""))
    if kind is None:
        raise Http404
    target = kinds.target_of(kind, request.GET)
    description = kind.describe(kinds.params_of(target)) if target is not None else None
    if description is None:
        raise Http404
    return kind.name, target, description


def _client(request):
    # The header the deployment names for the client's address behind a proxy (as for logins).
    for header in getattr(settings, "AXES_IPWARE_META_PRECEDENCE_ORDER", ["REMOTE_ADDR"]):
        if request.META.get(header):
            return request.META[header].split(",")[0].strip()
    return "unknown"


def _throttled(request):
    key = f"subscriptions:requests:{_client(request)}"
    cache.add(key, 0, timeout=3600)
    try:
        return cache.incr(key) > REQUESTS_PER_HOUR
    except ValueError:  # expired between add and incr
        return False


# No CSRF token on the citizens' forms: it would need a cookie, and the site sets none for
# citizens (see the privacy page). A forged request gains nothing: subscribing needs the
# mailbox's confirmation, and confirming needs the signed link from that mailbox.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def subscribe(request):
    kind, target, description = _target(request)
    form = SubscribeForm(request.POST if request.method == "POST" else None)
    context = {"form": form, "description": description}
    if request.method == "POST":
        if _throttled(request):
            return render(request, "subscriptions/throttled.html", context, status=429)
        if form.is_valid():
            services.subscribe(
                email=form.cleaned_data["email"],
                kind=kind,
                target=target,
                frequency=form.cleaned_data["frequency"],
            )
            return redirect("subscriptions:requested")
    status = 400 if form.is_bound else 200
    return render(request, "subscriptions/subscribe.html", context, status=status)


@require_safe
def requested(request):
    return render(request, "subscriptions/requested.html")


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    """GET asks, POST confirms: a mail program that fetches links in advance must not confirm."""
    if request.method != "POST":
        valid = services.to_confirm(token)
        return render(
            request,
            "subscriptions/confirm.html",
            {"valid": valid is not None},
            status=200 if valid else 400,
        )
    subscription = services.confirm(token=token)
    if subscription is None:
        return render(request, "subscriptions/confirm.html", {"valid": False}, status=400)
    kind = kinds.get(subscription.kind)
    description = kind.describe(kinds.params_of(subscription.target)) if kind else ""
    return render(
        request,
        "subscriptions/confirmed.html",
        {"description": description, "subscription": subscription},
    )


# RFC 8058: mail programs unsubscribe with a POST of "List-Unsubscribe=One-Click" that carries
# no CSRF token; the signed token in the URL is the proof.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    if request.method != "POST":
        valid = services.to_unsubscribe(token) is not None
        return render(request, "subscriptions/unsubscribe.html", {"valid": valid, "token": token})
    if not services.unsubscribe(token=token):
        return render(
            request, "subscriptions/unsubscribe.html", {"valid": False, "token": token}, status=400
        )
    return render(request, "subscriptions/unsubscribed.html")
