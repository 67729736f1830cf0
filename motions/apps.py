from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MotionsConfig(AppConfig):
    name = "motions"
    verbose_name = _("Anträge und Anfragen")

    def ready(self):
        from council.signals import demo_council_built, meeting_moved

        demo_council_built.connect(add_demo_papers, dispatch_uid="motions.demo")
        meeting_moved.connect(follow_moved_meeting, dispatch_uid="motions.deadlines")


def add_demo_papers(sender, **kwargs):
    """`manage.py demo`'s papers; the demo code is loaded only when the command runs."""
    from motions.demo import add_demo_papers

    add_demo_papers(sender, **kwargs)


def follow_moved_meeting(sender, *, meeting, **kwargs):
    """Drafts aimed at a meeting that moved get the filing deadline of its new date."""
    from motions.deadlines import filing_deadline
    from motions.models import Paper

    drafts = Paper.objects.filter(target_meeting=meeting, state="draft").select_related("body")
    for paper in drafts:
        paper.filing_deadline = filing_deadline(meeting, paper.body)
        paper.save(update_fields=["filing_deadline", "modified"])
