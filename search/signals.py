"""Which change reindexes what: each receiver names the object whose entry may have changed."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from council.models import AgendaItem, Meeting, Membership, Person
from council.signals import agenda_published, demo_council_built
from motions.models import Attachment, Paper, Question, Sponsorship
from reports.models import Answer, Report, ReportAttachment, ReportVersion
from search.index import rebuild, schedule, schedule_meeting
from search.models import Source

# model: (source, how to get the id of the object to reindex from an instance)
FOLLOWED = {
    Paper: (Source.PAPER, lambda o: o.pk),
    Question: (Source.PAPER, lambda o: o.paper_id),
    Attachment: (Source.PAPER, lambda o: o.paper_id),
    Sponsorship: (Source.PAPER, lambda o: o.paper_id),
    Report: (Source.REPORT, lambda o: o.pk),
    ReportVersion: (Source.REPORT, lambda o: o.report_id),
    Answer: (Source.REPORT, lambda o: o.report_id),
    ReportAttachment: (Source.REPORT, lambda o: o.report_id),
    AgendaItem: (Source.AGENDA_ITEM, lambda o: o.pk),
    Meeting: (Source.MEETING, lambda o: o.pk),
    Person: (Source.PERSON, lambda o: o.pk),
    Membership: (Source.PERSON, lambda o: o.person_id),
}


def changed(sender, instance, **kwargs):
    source, object_id = FOLLOWED[sender]
    schedule(source, object_id(instance))


def meeting_changed(sender, instance, **kwargs):
    """A meeting's date, name and release of minutes show in its items' entries too."""
    if isinstance(instance, Meeting) and kwargs.get("action", "post_").startswith("post_"):
        schedule_meeting(instance.pk)


def agenda_was_published(sender, version, **kwargs):
    """Publishing marks the items with one UPDATE, which sends no save signal."""
    schedule_meeting(version.meeting_id)


def demo_built(sender, stdout=None, **kwargs):
    """`manage.py demo` writes most of its papers in bulk: the index is rebuilt once at its end
    (this receiver is connected after those of motions and reports)."""
    rebuild(stdout=stdout)


def connect():
    for model in FOLLOWED:
        uid = f"search.{model._meta.label_lower}"
        if model is not Meeting:  # see meeting_changed
            post_save.connect(changed, sender=model, dispatch_uid=f"{uid}.save")
        post_delete.connect(changed, sender=model, dispatch_uid=f"{uid}.delete")
    post_save.connect(meeting_changed, sender=Meeting, dispatch_uid="search.meeting.items")
    m2m_changed.connect(
        meeting_changed, sender=Meeting.organizations.through, dispatch_uid="search.meeting.m2m"
    )
    agenda_published.connect(agenda_was_published, dispatch_uid="search.agenda_published")
    demo_council_built.connect(demo_built, dispatch_uid="search.demo")
