"""Accountability: how the administration answers the council's requests for reports, per unit
and per committee, for a period of due dates. Every figure, the median included, is computed by
the database, in a fixed number of queries however many requests there are."""

import datetime
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Avg, Count, F, Func, IntegerField, Q, Window
from django.db.models.functions import RowNumber, TruncDate
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# The states of a request, as the request list's ?stand= names them.
OPEN, OVERDUE, ON_TIME, LATE = "offen", "ueberfaellig", "fristgerecht", "verspaetet"
UNANSWERED, ANSWERED = "unbeantwortet", "beantwortet"
STATES = {
    UNANSWERED: gettext_lazy("noch nicht beantwortet"),
    OPEN: gettext_lazy("offen, Frist läuft"),
    OVERDUE: gettext_lazy("überfällig"),
    ON_TIME: gettext_lazy("fristgerecht beantwortet"),
    LATE: gettext_lazy("verspätet beantwortet"),
    ANSWERED: gettext_lazy("beantwortet"),
}
# What a table row is about: its id, and the names it is shown by.
GROUPS = {
    "unit": ("unit", "unit__name", "unit__short_name"),
    "committee": ("paper__committee", "paper__committee__name", "paper__committee__short_name"),
}
EARLIEST, LATEST = datetime.date(1900, 1, 1), datetime.date(2199, 12, 31)


# The period -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """Requests due from `start` to `end`, both days included."""

    start: datetime.date
    end: datetime.date

    @classmethod
    def year(cls, year):
        return cls(datetime.date(year, 1, 1), datetime.date(year, 12, 31))

    @property
    def query(self):
        return urlencode({"von": self.start.isoformat(), "bis": self.end.isoformat()})


def period_from(params, today):
    """The period in ?von=…&bis=… (ISO dates). ?von alone runs to the end of its year, ?bis
    alone from the start of its year; neither is the current year. Returns (period, messages
    about what could not be used)."""
    messages = []
    start, end = _date(params, "von", messages), _date(params, "bis", messages)
    if start and end and start > end:
        messages.append(_("„von“ lag nach „bis“; die beiden Daten sind getauscht."))
        start, end = end, start
    start = start or datetime.date((end or today).year, 1, 1)
    end = end or datetime.date(start.year, 12, 31)
    return Period(start, end), messages


def _date(params, name, messages):
    value = params.get(name, "").strip()
    if not value:
        return None
    try:
        day = datetime.date.fromisoformat(value)
    except ValueError:
        messages.append(
            _("„%(value)s“ ist kein Datum der Form JJJJ-MM-TT und wurde nicht berücksichtigt.")
            % {"value": value[:20]}
        )
        return None
    if not EARLIEST <= day <= LATEST:
        messages.append(
            _(
                "Das Datum %(value)s liegt außerhalb der Jahre 1900 bis 2199 und wurde nicht "
                "berücksichtigt."
            )
            % {"value": value}
        )
        return None
    return day


# States and figures -----------------------------------------------------------------------------


def classified(requests):
    """Annotate `answered_on`: the day (in local time) the request was answered."""
    return requests.annotate(answered_on=TruncDate("answered_at"))


def in_state(state, today):
    """The condition for a state, on requests annotated by `classified`. A request is overdue
    from midnight after its due date, and answered on time if published by the end of it."""
    return {
        OPEN: Q(answered_at__isnull=True, due_date__gte=today),
        OVERDUE: Q(answered_at__isnull=True, due_date__lt=today),
        ON_TIME: Q(answered_on__lte=F("due_date")),
        LATE: Q(answered_on__gt=F("due_date")),
        UNANSWERED: Q(answered_at__isnull=True),
        ANSWERED: Q(answered_at__isnull=False),
    }[state]


def state_of(request, today):
    """The state of one request (as `in_state` has it), for a row of a list."""
    if request.answered_at is None:
        return OVERDUE if request.due_date < today else OPEN
    return ON_TIME if request.on_time else LATE


def due_in(requests, period):
    return requests.filter(due_date__gte=period.start, due_date__lte=period.end)


class DaysBetween(Func):
    """Whole calendar days from the first date to the second."""

    output_field = IntegerField()
    arity = 2
    template = "(%(expressions)s)"
    arg_joiner = " - "

    def __init__(self, start, end, **extra):
        # PostgreSQL subtracts dates into days; the arguments are stored end first for it.
        super().__init__(end, start, **extra)

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(
            compiler,
            connection,
            template="CAST(ROUND(julianday(%(expressions)s)) AS INTEGER)",
            arg_joiner=") - julianday(",
            **extra,
        )


def days_to_answer():
    """Calendar days (local time) from the request to the report's publication."""
    return DaysBetween(TruncDate("requested_at"), TruncDate("answered_at"))


def figures(requests, group, today):
    """Per group ("unit", "committee", or None for all together): the number of requests and
    of each state, and the median days to answer. One query for the counts, one for the
    medians. Rows as dicts with `id`, `name`, `short_name`, the counts and `median`."""
    key, name, short_name = GROUPS[group] if group else (None, None, None)
    requests = classified(requests)
    counts = {
        "total": Count("pk"),
        **{
            state: Count("pk", filter=in_state(state, today))
            for state in (OPEN, OVERDUE, ON_TIME, LATE)
        },
    }
    if key is None:
        row = requests.aggregate(**counts)
        return [{"group_id": None, **row, "median": _medians(requests, None)[None]}]
    rows = (
        requests.values(group_id=F(key), group_name=F(name), group_short_name=F(short_name))
        .annotate(**counts)
        .order_by("group_name", "group_id")
    )
    medians = _medians(requests, key)
    return [{**row, "median": medians.get(row["group_id"])} for row in rows]


def _medians(requests, key):
    """The median days to answer per value of `key`: the answered requests of each group
    ranked by their days, and the middle one (or the mean of the middle two) taken. The
    ranking runs in the database (window functions), the mean of the middle rows as well."""
    partition = {"partition_by": [F(key)]} if key else {}
    ranked = (
        requests.filter(answered_at__isnull=False)
        .annotate(
            days=days_to_answer(),
            double_rank=Window(RowNumber(), order_by=[F("days").asc(), F("pk").asc()], **partition)
            * 2,
            size=Window(Count("pk"), **partition),
        )
        # The middle rows: 2 rank = size or size + 1 (the middle), or size + 2 (its twin).
        .filter(double_rank__gte=F("size"), double_rank__lte=F("size") + 2)
    )
    middle = requests.model.objects.filter(pk__in=ranked.values("pk")).annotate(
        days=days_to_answer()
    )
    if key is None:
        return {None: middle.aggregate(median=Avg("days"))["median"]}
    return {
        row["group"]: row["median"]
        for row in middle.values(group=F(key)).annotate(median=Avg("days")).order_by()
    }
