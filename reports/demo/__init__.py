"""Demo reports for `manage.py demo`: what the administration reported on the demo's letters,
entered through the reports' services as the demo logins, each step at its moment (as the
motions' desk does, see motions/demo/desk.py); and for the generated papers (`--papers N`) their
report requests and reports, written in bulk from what their history says."""

import datetime
import tomllib
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db.models import Max

from council.models import AgendaItem, Organization
from council.roles import roles_of
from motions.demo.desk import clock
from motions.demo.letters import BERLIN, LOGINS
from motions.models import Paper, TimelineEntry
from reports import services
from reports.models import ReportRequest

DATA = tomllib.loads((Path(__file__).parent / "data" / "reports.toml").read_text("utf-8"))


def add_demo_reports(sender, *, body, stdout=None, **kwargs):
    """On `demo_council_built`, after the motions' papers: the letters' reports, then requests
    and reports for the generated papers that have none yet."""
    entered = sum(_enter(body, report) for report in DATA["report"])
    from reports.demo.generated import add_generated

    generated = add_generated(body)
    if stdout is not None and (entered or generated):
        stdout.write(f"Berichte: {entered} zu Beispielbriefen, {generated} zu erzeugten Anträgen.")


def _moment(text):
    return datetime.datetime.fromisoformat(text).replace(tzinfo=BERLIN) if text else None


class _Step:
    """Runs one service call on a stopped clock; its timeline entries get that moment too."""

    def __init__(self, at):
        self.at = at

    def __enter__(self):
        self.mark = TimelineEntry.objects.aggregate(last=Max("pk"))["last"] or 0
        self.clock = clock(self.at)
        self.clock.__enter__()
        return self

    def __exit__(self, *exc):
        self.clock.__exit__(*exc)
        TimelineEntry.objects.filter(pk__gt=self.mark).update(at=self.at)


def _enter(body, data):
    paper = Paper.objects.filter(body=body, title=data["paper"]).first()
    if paper is None or ReportRequest.objects.filter(paper=paper).exists():
        return 0
    users = {u.username: u for u in get_user_model().objects.filter(username__in=LOGINS)}
    for user in users.values():
        roles_of(user)  # today's roles, cached before the clock turns back (as the desk does)
    unit = Organization.objects.get(body=body, short_name=data["unit"])
    chair = (
        users.get("b2-vorsitz") if paper.committee.short_name == "B2" else users["sitzungsdienst"]
    )
    requested = _moment(data["requested"])
    with _Step(requested):
        request = services.request_report(
            paper=paper,
            by=chair,
            unit=unit,
            form=data["form"],
            due_date=datetime.date.fromisoformat(data["due"]),
        )
    ReportRequest.objects.filter(pk=request.pk).update(requested_at=requested)
    if "written" not in data:
        return 1
    writer = users[data["writer"]]
    questions = list(request.questions.all())
    with _Step(_moment(data["written"])):
        if request.unit_id in roles_of(writer).units:
            services.assign(request=request, by=writer, assignee=writer)
        report = services.save_report(
            request=request,
            by=writer,
            title=data["title"],
            introduction=data["introduction"],
            conclusion=data["conclusion"],
            answers={q.pk: text for q, text in zip(questions, data["answers"], strict=False)},
        )
    for step, service in (("released", services.release), ("published", services.publish)):
        if step not in data:
            return 1
        with _Step(_moment(data[step])):
            report = service(report=report, by=users[data["releaser"]])
    if "presented" in data:
        item = (
            AgendaItem.objects.filter(consultation__paper=paper).order_by("-meeting__start").first()
        )
        with _Step(_moment(data["presented"])):
            services.present(report=report, by=users[data["presenter"]], item=item)
    return 1
