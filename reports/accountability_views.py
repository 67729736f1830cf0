"""The accountability page (/berichte/rechenschaft/) and the list of the requests behind each of
its figures (/berichte/auftraege/). Public; whoever may read more papers sees more requests.
The office and the administration may download both as CSV."""

import csv
import itertools
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from council.models import Organization
from council.roles import roles_of
from reports import accountability as acc
from reports.models import ReportRequest

PAGE_SIZE = 50
COUNTS = {
    "total": gettext_lazy("Aufträge"),
    acc.OPEN: gettext_lazy("offen"),
    acc.OVERDUE: gettext_lazy("überfällig"),
    acc.ON_TIME: gettext_lazy("fristgerecht"),
    acc.LATE: gettext_lazy("verspätet"),
}
FILTERS = {"einheit": "unit", "gremium": "paper__committee"}


def _may_export(user):
    roles = roles_of(user)
    return roles.office or bool(roles.units)


def _requests(user, period):
    return acc.due_in(ReportRequest.objects.visible_to(user), period)


# The figures ------------------------------------------------------------------------------------


@require_safe
def accountability(request):
    as_csv = request.GET.get("format") == "csv"
    if as_csv and not _may_export(request.user):
        raise PermissionDenied
    today = timezone.localdate()
    period, problems = acc.period_from(request.GET, today)
    requests = _requests(request.user, period)
    tables = {group: acc.figures(requests, group, today) for group in ("unit", "committee", None)}
    if as_csv:
        return _figures_csv(period, tables)
    parameter = {"unit": "einheit", "committee": "gremium", None: None}
    for group, rows in tables.items():
        for row in rows:
            row["cells"] = [
                {
                    "count": row[count],
                    "label": label,
                    "url": _list_url(period, parameter[group], row["group_id"], count),
                }
                for count, label in COUNTS.items()
            ]
    roles = roles_of(request.user)
    context = {
        "period": period,
        "problems": problems,
        "units": tables["unit"],
        "committees": tables["committee"],
        "total": tables[None][0],
        "this_year": acc.Period.year(today.year),
        "last_year": acc.Period.year(today.year - 1),
        "fuller": roles.is_staff_of_anything,
        "may_export": _may_export(request.user),
    }
    return render(request, "reports/accountability.html", context)


def _list_url(period, parameter, value, state):
    query = {"von": period.start.isoformat(), "bis": period.end.isoformat()}
    if parameter:
        query[parameter] = value
    if state != "total":
        query["stand"] = state
    return f"{reverse('reports:requests')}?{urlencode(query)}"


def _csv_response(filename):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # the BOM makes spreadsheet programs read the umlauts as UTF-8
    return response


def _figures_csv(period, tables):
    response = _csv_response(f"rechenschaft-{period.start}-{period.end}.csv")
    writer = csv.writer(response, delimiter=";")
    writer.writerow(
        [
            _("Gliederung"),
            _("Name"),
            _("Fällig ab"),
            _("Fällig bis"),
            _("Aufträge"),
            _("offen"),
            _("überfällig"),
            _("fristgerecht beantwortet"),
            _("verspätet beantwortet"),
            _("Median Tage bis zur Veröffentlichung"),
        ]
    )
    kinds = {"unit": _("Verwaltungseinheit"), "committee": _("Gremium"), None: _("Zusammen")}
    for group, rows in tables.items():
        for row in rows:
            writer.writerow(
                [
                    kinds[group],
                    _safe(row.get("group_name") or ""),
                    period.start.isoformat(),
                    period.end.isoformat(),
                    *(row[count] for count in COUNTS),
                    _decimal(row["median"]),
                ]
            )
    return response


def _decimal(number):
    return "" if number is None else f"{number:.1f}".replace(".", ",")


def _safe(text):
    """A cell a spreadsheet does not run as a formula (CSV injection)."""
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


# The requests behind a figure -----------------------------------------------------------------


@require_safe
def request_list(request):
    today = timezone.localdate()
    period, problems = acc.period_from(request.GET, today)
    requests = acc.classified(_requests(request.user, period))
    chosen = {}
    for parameter, field in FILTERS.items():
        value = request.GET.get(parameter, "").strip()
        if not value:
            continue
        if not (value.isascii() and value.isdigit()) or len(value) > 18:
            problems.append(
                _("„%(value)s“ ist keine gültige Auswahl und wurde nicht berücksichtigt.")
                % {"value": value[:20]}
            )
            continue
        requests = requests.filter(**{field: int(value)})
        chosen[parameter] = Organization.objects.filter(pk=int(value)).first()
    state = request.GET.get("stand", "")
    if state in acc.STATES:
        requests = requests.filter(acc.in_state(state, today))
    elif state:
        problems.append(_("Diesen Stand gibt es nicht; gezeigt werden alle Aufträge."))
        state = ""
    requests = requests.select_related("paper__committee", "unit").annotate(
        days=acc.days_to_answer()
    )
    if request.GET.get("format") == "csv":
        if not _may_export(request.user):
            raise PermissionDenied
        return _requests_csv(period, requests.order_by("due_date", "pk"), today)
    page = Paginator(requests.order_by("due_date", "pk"), PAGE_SIZE).get_page(
        request.GET.get("seite")
    )
    for item in page.object_list:
        item.state = acc.state_of(item, today)
        item.state_label = acc.STATES[item.state]
    query = request.GET.copy()
    query.pop("seite", None)
    query.pop("format", None)
    context = {
        "page": page,
        "period": period,
        "problems": problems,
        "unit": chosen.get("einheit"),
        "committee": chosen.get("gremium"),
        "state": state,
        "state_label": acc.STATES.get(state, ""),
        "states": acc.STATES,
        "today": today,
        "query": query.urlencode(),
        "may_export": _may_export(request.user),
    }
    return render(request, "reports/request_list.html", context)


def _requests_csv(period, requests, today):
    class Lines:
        """csv.writer writes into this and hands each line on to the response."""

        def write(self, line):
            return line

    writer = csv.writer(Lines(), delimiter=";")
    header = [
        _("Drucksache"),
        _("Betreff"),
        _("Verwaltungseinheit"),
        _("Gremium"),
        _("angefordert am"),
        _("fällig am"),
        _("Stand"),
        _("beantwortet am"),
        _("Tage bis zur Veröffentlichung"),
    ]
    rows = (
        [
            _safe(r.paper.reference or ""),
            _safe(r.paper.title),
            r.unit.name,
            r.paper.committee.name,
            timezone.localdate(r.requested_at).isoformat(),
            r.due_date.isoformat(),
            str(acc.STATES[acc.state_of(r, today)]),
            r.answered_on.isoformat() if r.answered_on else "",
            "" if r.days is None else r.days,
        ]
        for r in requests.iterator(chunk_size=500)
    )
    lines = (writer.writerow(row) for row in itertools.chain([header], rows))
    # The BOM makes spreadsheet programs read the umlauts as UTF-8.
    response = StreamingHttpResponse(
        itertools.chain(["\ufeff"], lines), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="berichtsauftraege-{period.start}-{period.end}.csv"'
    )
    return response
