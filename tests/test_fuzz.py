"""No request, however malformed, is answered with a server error.

Every URL pattern of the project is requested as each persona: with real arguments and with
impossible ones, and with malformed values in every query parameter its pages link to (and in
those the views read without linking to them). Every form a page renders is sent back with
malformed values in its fields, so that each field meets every value of a table of known
troublemakers (tests/fuzzing.py), and with malformed files. Hypothesis then sends requests
with a few parameters or fields replaced by values nobody thought of. Every request is rolled
back, so each meets the same data.
"""

import datetime
import logging
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.conf import settings as django_settings
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from council import agenda
from council.models import Role
from motions import services
from motions.models import Attachment, Paper, ReferencePattern
from portal import services as portal_steps
from reports import services as reports_services
from reports.models import ReportAttachment
from subscriptions import services as subscription_services
from subscriptions.models import Subscription
from tests import factories as f
from tests.fuzzing import (
    ADMIN_VALUES,
    BAD_FILES,
    BAD_PATH_VALUES,
    BAD_VALUES,
    PDF_BYTES,
    SHARP_VALUES,
    bad_file,
    concrete_path,
    latin_square,
    parse_page,
    rolled_back_request,
    url_patterns,
)

pytestmark = pytest.mark.django_db

PERSONAS = ["citizen", "spd_staff", "b2_chair", "integration_unit_staff", "office"]
PROJECT_APPS = ["council", "motions"]

# Parameters the views read although the pages of a small data set do not link to them.
UNLINKED_PARAMS = {
    "/antraege/": ["seite", "fraktion", "gremium"],
    "/antraege/unsere/": ["seite", "state", "committee"],
    "/antraege/neu/": ["art"],
    "/sitzungen/": ["monat"],
    "/anmelden/": ["next"],
    "/verwaltung/login/": ["next"],
    "/verwaltung/autocomplete/": ["term", "app_label", "model_name", "field_name", "page"],
}
CHANGELIST_PARAMS = ["q", "o", "p", "e", "all", "_popup", "_to_field", "_facets"]

VALUES = st.one_of(
    st.sampled_from(BAD_VALUES),
    st.text(max_size=40),
    st.integers().map(str),
    st.lists(st.text(max_size=8), max_size=3),
)


@pytest.fixture(autouse=True)
def _only_server_errors_logged(caplog):
    """Thousands of refused requests: only a server error is worth a log record."""
    caplog.set_level(logging.ERROR, logger="django.request")
    caplog.set_level(logging.CRITICAL, logger="django.security")
    caplog.set_level(logging.WARNING, logger="axes")


@pytest.fixture
def world(
    settings,
    tmp_path,
    body,
    council,
    b2,
    spd,
    gruene,
    spd_staff,
    gruene_staff,
    b2_chair,
    integration_unit_staff,
    integration_unit,
    office,
    b2_meeting,
):
    """A small council with a joint draft, a submitted paper with an attachment, an agenda and
    its invitation, and a report request with a draft report and its attachment."""
    settings.MEDIA_ROOT = tmp_path
    # The council office works in the admin; as superuser it reaches every admin page.
    office.is_staff = office.is_superuser = True
    office.save()
    f.AgendaItemFactory(meeting=b2_meeting, public=True)
    f.AgendaItemFactory(meeting=b2_meeting, public=False)
    member = f.MembershipFactory(organization=council, role=Role.MEMBER, on_behalf_of=spd).person
    draft = f.draft(
        committee=b2,
        by=spd_staff,
        factions=[spd, gruene],
        questions=["Warum?", "Wie?"],
        title="Gemeinsamer Entwurf",
        target_meeting=b2_meeting,
    )
    submitted = f.draft(committee=b2, by=spd_staff, factions=[spd], questions=["Wann?"])
    services.submit(paper=submitted, by=spd_staff)
    attachment = Attachment.objects.create(
        paper=submitted,
        file=SimpleUploadedFile("konzept.pdf", PDF_BYTES),
        title="Konzept",
        content_type="application/pdf",
        size=len(PDF_BYTES),
        uploaded_by=spd_staff,
    )
    ReferencePattern.objects.create(body=body, paper_type="inquiry", pattern="AF-{year}-{number}")
    item = b2_meeting.agenda_items.first()
    agenda.publish(b2_meeting, by=office, late_reason="Eilig.")
    asked = f.draft(committee=b2, by=spd_staff, factions=[spd], questions=["Wie viele?"])
    asked.report_kind = "written"
    asked.save()
    services.submit(paper=asked, by=spd_staff)
    report_request = reports_services.request_report(
        paper=asked, by=office, unit=integration_unit, due_date=datetime.date(2099, 1, 1)
    )
    report = reports_services.save_report(
        request=report_request, by=integration_unit_staff, title="Bericht"
    )
    report_attachment = ReportAttachment.objects.create(
        report=report,
        file=SimpleUploadedFile("anlage.pdf", PDF_BYTES),
        title="Anlage",
        content_type="application/pdf",
        size=len(PDF_BYTES),
        uploaded_by=integration_unit_staff,
    )
    subscription = Subscription.objects.create(
        email="leser@example.org", kind="paper", target=f"id={submitted.pk}"
    )
    return SimpleNamespace(
        subscription_tokens={
            "subscriptions:confirm": subscription_services.confirm_token(subscription),
            "subscriptions:unsubscribe": subscription_services.unsubscribe_token(subscription),
        },
        item=item,
        report_request=report_request,
        report=report,
        report_attachment=report_attachment,
        draft=draft,
        submitted=submitted,
        attachment=attachment,
        meeting=b2_meeting,
        b2=b2,
        spd=spd,
        member=member,
        office=office,
        feedback=portal_steps.submit_feedback(
            body=b2.body, email="leserin@example.org", message="Kontrast"
        ),
    )


SUBMITTED_PAPER_PAGES = {"motions:letter_pdf", "committees:schedule", "committees:plan"}


def path_arguments(name, route, kwargs, world):
    """Real arguments for a URL pattern, so that the page behind it is reached."""
    if not kwargs:
        return {}
    if route.startswith("verwaltung/"):
        return _admin_arguments(route, list(kwargs), world)
    if name == "motions:attachment":
        return {"pk": world.submitted.pk, "attachment_pk": world.attachment.pk}
    if name == "reports:attachment":
        return {"pk": world.report.pk, "attachment_pk": world.report_attachment.pk}
    if name == "reports:request_report":
        return {"paper_pk": world.submitted.pk}
    if name == "portal:sitemap_section":
        return {"section": "antraege"}
    if name in world.subscription_tokens:
        return {"token": world.subscription_tokens[name]}
    if name == "council:invitation_pdf":
        return {"pk": world.meeting.pk, "number": 1}
    if sorted(kwargs) == ["item_pk", "pk"]:
        return {"pk": world.meeting.pk, "item_pk": world.item.pk}
    if name or route.startswith(("oparl/", "daten/")):
        oparl = _oparl_arguments(name, list(kwargs), world)
        if oparl is not None:
            return oparl
    paper = world.submitted if name in SUBMITTED_PAPER_PAGES else world.draft
    obj = {
        "council:organization": world.b2,
        "council:organization_ical": world.b2,
        "council:person": world.member,
        "committees:workspace": world.b2,
        "reports:request": world.report_request,
        "reports:assign": world.report_request,
        "reports:write": world.report_request,
        "portal:feedback_detail": world.feedback,
        "subscriptions:paper_feed": world.submitted,
    }.get(name)
    if obj is None and name and name.split(":")[0] == "reports":
        obj = world.report
    elif obj is None and name and (name.startswith("council:") or "sitzungen/" in route):
        obj = world.meeting
    elif obj is None and name and name.split(":")[0] in ("motions", "committees"):
        obj = paper
    if list(kwargs) != ["pk"] or obj is None:
        raise LookupError(f"The fuzz tests have no arguments for {name or route}: {kwargs}")
    return {"pk": obj.pk}


def _oparl_arguments(name, kwargs, world):
    """The OParl interface and the open data downloads; None for any other page."""
    if kwargs == ["rest"]:
        return {"rest": "gibt-es-nicht"}
    return {
        "oparl:body_list": {"pk": world.b2.body_id, "name": "paper"},
        "oparl:meetings": {"pk": world.b2.pk},
        "oparl:detail": {"key": "attachment", "pk": world.attachment.pk},
        "oparl:file": {"key": "attachment", "pk": world.attachment.pk},
        "oparl:file_download": {"key": "attachment", "pk": world.attachment.pk},
        "open_data:archive": {"name": "ratsfaden-csv-2026-01-01.zip"},
    }.get(name)


def _admin_arguments(route, kwargs, world):
    if kwargs == ["url"]:
        return {"url": "gibt-es-nicht/"}
    if kwargs == ["app_label"]:
        return {"app_label": "council"}
    if kwargs == ["content_type_id", "object_id"]:
        paper_type = ContentType.objects.get_for_model(Paper)
        return {"content_type_id": paper_type.pk, "object_id": world.submitted.pk}
    if kwargs == ["id"]:
        return {"id": world.office.pk}
    if kwargs == ["object_id"]:
        first = apps.get_model(*route.split("/")[1:3]).objects.order_by("pk").first()
        return {"object_id": first.pk if first else 1}
    raise LookupError(f"The fuzz tests have no arguments for {route}: {kwargs}")


def is_model_admin(route):
    """A page of one app or model in the admin (/verwaltung/council/meeting/…)."""
    labels = {model._meta.app_label for model in admin.site._registry}
    parts = route.split("/")
    return parts[0] == "verwaltung" and (parts[1] in labels or parts[1].startswith("^("))


def changelist_params(path):
    """The parameters of a project model's change list: search, order, page, date hierarchy."""
    for model, model_admin in admin.site._registry.items():
        meta = model._meta
        if (
            meta.app_label in PROJECT_APPS
            and path == f"/verwaltung/{meta.app_label}/{meta.model_name}/"
        ):
            hierarchy = model_admin.date_hierarchy
            days = (
                [f"{hierarchy}__{part}" for part in ("year", "month", "day")] if hierarchy else []
            )
            return {*CHANGELIST_PARAMS, *days}
    return set()


class Fuzzer:
    """Sends requests as one user and remembers every answer that was a server error."""

    def __init__(self, client, user):
        self.client, self.user, self.failures = client, user, []
        client.raise_request_exception = False  # a server error is a finding, not a crash
        if user:
            client.force_login(user)

    def send(self, method, path, data=None):
        response = rolled_back_request(self.client, method, path, data)
        if response.status_code >= 500:
            shown = {key: repr(value)[:60] for key, value in (data or {}).items()}
            self.failures.append(f"{method.upper()} {path} {shown} -> {response.status_code}")
        if response.streaming:  # read to the end, which closes the file as a server would
            b"".join(response.streaming_content)
        cookie = self.client.cookies.get(django_settings.SESSION_COOKIE_NAME)
        if self.user and not (cookie and cookie.value):  # logged out by the request
            self.client.force_login(self.user)
        return response

    def crawl(self, world, routes):
        """GET every route with real arguments: the pages reached, their forms and parameters."""
        site = SimpleNamespace(reached=[], forms={}, params={})
        for name, route, kwargs in routes:
            arguments = path_arguments(name, route, kwargs, world)
            path = concrete_path(route, arguments)
            response = self.send("get", path)
            if response.status_code != 200:
                continue
            site.reached.append((route, kwargs, arguments))
            names = {*UNLINKED_PARAMS.get(path, []), *changelist_params(path)}
            site.params.setdefault(path, set()).update(names)
            if "html" in response.get("Content-Type", ""):
                page = parse_page(path, response.content.decode())
                for linked, names in page.params.items():
                    site.params.setdefault(linked, set()).update(names)
                for form in page.forms:
                    if form.method == "post":
                        site.forms.setdefault((form.action, tuple(form.names())), form)
        return site


def baseline(form, button=None):
    """The form as rendered, sent back unchanged (with one of its submit buttons)."""
    data = {name: values for name, values in form.fields.items() if values}
    if button:
        data[button[0]] = button[1]
    return data


def fuzz_paths(fuzzer, site):
    """Path arguments that name nothing or more than a database holds, or a NUL."""
    for route, kwargs, arguments in site.reached:
        for argument, kind in kwargs.items():
            for value in BAD_PATH_VALUES[kind]:
                fuzzer.send("get", concrete_path(route, {**arguments, argument: value}))


def fuzz_queries(fuzzer, site, paths, alone=lambda path, name: True):
    """Each parameter alone with one value of each kind (a bad parameter read first would hide
    the others), then all of a page's parameters at once with every value of the table."""
    for path in paths:
        names = sorted(site.params.get(path, ()))
        for name in [name for name in names if alone(path, name)]:
            for value in SHARP_VALUES:
                fuzzer.send("get", path, {name: value})
        for query in latin_square(names, BAD_VALUES):
            fuzzer.send("get", path, query)


def fuzz_forms(fuzzer, forms, values=BAD_VALUES, keep=lambda name: False):
    """Every field of a form with every malformed value, and every malformed file."""
    for form in forms:
        buttons = list(dict(form.buttons).items()) or [None]
        names = [name for name in form.fields if not keep(name)]
        for row, bad in enumerate(latin_square(names, values)):
            data = {**baseline(form, buttons[row % len(buttons)]), **bad}
            fuzzer.send("post", form.action, data | {name: bad_file(row) for name in form.files})
        for name, index in [
            (name, index) for name in form.files for index in range(len(BAD_FILES))
        ]:
            fuzzer.send("post", form.action, {**baseline(form, buttons[0]), name: bad_file(index)})


def explore(fuzzer, site, examples):
    """Random requests: a page with random parameters, or a form with a few fields replaced."""
    pages = sorted(site.params)
    forms = sorted(site.forms.values(), key=repr)

    @hypothesis_settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(data=st.data())
    def one_request(data):
        if not forms or data.draw(st.booleans(), label="GET"):
            path = data.draw(st.sampled_from(pages), label="path")
            keys = st.sampled_from(sorted(site.params[path] | {"x"}))
            method, query = "get", data.draw(st.dictionaries(keys, VALUES, max_size=4))
        else:
            form = data.draw(st.sampled_from(forms), label="form")
            button = data.draw(st.sampled_from(form.buttons or [None]), label="button")
            keys = st.sampled_from(form.names() or ["x"])
            values = data.draw(st.dictionaries(keys, VALUES, min_size=1, max_size=4))
            files = {name: bad_file(len(values)) for name in form.files if name in values}
            method, path, query = "post", form.action, {**baseline(form, button), **values, **files}
        response = fuzzer.send(method, path, query)

        assert response.status_code < 500

    one_request()


@pytest.mark.parametrize("persona", PERSONAS)
def test_malformed_requests_of_a_persona_give_no_server_error(client, world, persona, request):
    fuzzer = Fuzzer(client, request.getfixturevalue(persona))
    # The office's pages of models in the admin are the next test's.
    routes = [r for r in url_patterns() if persona != "office" or not is_model_admin(r[1])]

    site = fuzzer.crawl(world, routes)
    fuzz_paths(fuzzer, site)
    fuzz_queries(fuzzer, site, [path for path in site.params if site.params[path]])
    fuzz_forms(fuzzer, site.forms.values())
    explore(fuzzer, site, examples=20)

    assert fuzzer.failures == []


def test_malformed_requests_in_the_admin_give_no_server_error(client, world, office):
    fuzzer = Fuzzer(client, office)

    site = fuzzer.crawl(world, [r for r in url_patterns() if is_model_admin(r[1])])
    fuzz_paths(fuzzer, site)
    changelists = [path for path in site.params if changelist_params(path)]
    # Django's own parameters (search, order, page …) alone on one list; each list's filters.
    fuzz_queries(
        fuzzer,
        site,
        changelists,
        alone=lambda path, name: path == changelists[0] or name not in CHANGELIST_PARAMS,
    )
    # The project's models, each through its change form (the add form has the same fields).
    # The inlines' row counts are bounded (see test_council_admin); here they stay as rendered.
    fuzz_forms(
        fuzzer,
        [
            form
            for (action, _names), form in site.forms.items()
            if action.split("/")[2] in PROJECT_APPS and not action.endswith("/add/")
        ],
        values=ADMIN_VALUES,
        keep=lambda name: name.endswith("_FORMS"),
    )
    explore(fuzzer, site, examples=25)

    assert fuzzer.failures == []
