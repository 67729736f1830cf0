"""Demo papers for `manage.py demo`: the sample letter, a paper at every stage, and on request
(`--papers N`) any number of generated ones for load tests.

The sample and the fictional papers go through the services, acting as the demo logins, so
their timelines, agenda items and notices are exactly what the application itself writes. Each
step runs on a clock stopped at its historic moment. Only a clock that stands in 2021 gives the
sample its 2021 reference number, its on-time filing and the matching notices; a later
`.update()` of the time fields could not put those right without repeating the services' rules.
The one time the clock cannot reach is a timeline entry's `at` (the model's default is bound at
import), so each step's entries get it with `.update()` afterwards. Nothing else is written past
the services, least of all a state. The demo logins hold today's posts only (the SPD's staff
member was not employed in 2021), so their roles are resolved before the clock is turned back.
The notices of these steps stay in the app, but no e-mail about them goes out today.

Generated papers are bulk-inserted instead: a few seconds for 500, against minutes and a notice
per step through the services. They keep the same invariants: a reference from the services'
counters, a timeline, sponsorships and signatories, and for a paper on an agenda an agenda item
placed by the services' rule and a consultation. Their titles carry a running number
("… (Nr. 17)") and each one's content depends only on that number, so another run adds only the
missing ones.
"""

from motions.demo.desk import enter_letters
from motions.demo.generator import generate
from motions.demo.letters import SAMPLE
from motions.models import Paper

# The receiver -----------------------------------------------------------------------------------


def add_demo_papers(sender, *, body, papers=0, stdout=None, **kwargs):
    """On `demo_council_built`: the sample and the fictional papers unless the body has them,
    and the generated papers numbered up to `papers`."""
    entered = 0
    if not Paper.objects.filter(body=body, title=SAMPLE.title).exists():
        entered = enter_letters(body)
    generated = generate(body, papers)
    if stdout is not None:
        total = Paper.objects.filter(body=body).count()
        stdout.write(
            f"Drucksachen: {entered} Beispiele und {generated} erzeugte hinzugefügt, {total} insgesamt."
        )
