from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MotionsConfig(AppConfig):
    name = "motions"
    verbose_name = _("Anträge und Anfragen")

    def ready(self):
        from council.signals import demo_council_built

        demo_council_built.connect(add_demo_papers, dispatch_uid="motions.demo")


def add_demo_papers(sender, **kwargs):
    """`manage.py demo`'s papers; the demo code is loaded only when the command runs."""
    from motions.demo import add_demo_papers

    add_demo_papers(sender, **kwargs)
