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

Generated papers cannot take that way: a hundred thousand of them would take hours. Their lives
are taken step by step in memory by the services' own rules (lives.py), over ten years of
meetings and as many district councils as they need (sizing.py), and written in bulk
(generator.py). Each one's words and life depend only on its number, so another run adds only
the missing ones.
"""

from motions.demo.desk import enter_letters
from motions.demo.generator import generate
from motions.demo.letters import SAMPLE
from motions.models import Paper


def add_demo_papers(sender, *, body, papers=0, stdout=None, **kwargs):
    """On `demo_council_built`: the sample and the fictional papers unless the body has them,
    and generated papers until there are `papers` of them."""
    entered = 0
    if not Paper.objects.filter(body=body, title=SAMPLE.title).exists():
        entered = enter_letters(body)
    generated = generate(body, papers, stdout)
    if stdout is not None:
        total = Paper.objects.filter(body=body).count()
        stdout.write(
            f"Drucksachen: {entered} Beispiele und {generated} erzeugte hinzugefügt, {total} insgesamt."
        )
