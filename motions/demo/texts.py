"""The words of generated papers: titles, resolutions, justifications and questions, put
together from data/vocabulary.toml. Every list is drawn by Zipf's law (the k-th entry about 1/k
as often as the first), so that, as in real papers, a few words are everywhere and many are rare.
The same random generator gives the same texts."""

import bisect
import itertools
import tomllib
from pathlib import Path

VOCABULARY = Path(__file__).parent / "data" / "vocabulary.toml"
# Placeholder: list of places.
PLACES = {
    "district": "districts",
    "street": "streets",
    "school": "schools",
    "kita": "kitas",
    "sports": "sports",
    "park": "parks",
    "facility": "facilities",
}
# The verbs that agree with a paper's object: singular, and plural for objects marked "pl".
VERBS = {
    "ist": "sind",
    "wird": "werden",
    "wurde": "wurden",
    "leistet": "leisten",
    "steht": "stehen",
}
MONTHS = "Januar Februar März April Mai Juni Juli August September Oktober November Dezember"
AMOUNTS = [50, 80, 100, 120, 150, 200, 250, 300, 400, 500, 750, 1200, 1800, 2500]  # thousands
TITLE_ENDINGS = [
    *[""] * 6,
    " prüfen",
    " umsetzen",
    " voranbringen",
    " beschleunigen",
    " ab {next}",
    " bis Ende {next}",
    " im Haushalt {next}",
    " bis {plus9}",
]


class Pool:
    """A list drawn from by Zipf's law with exponent `s`."""

    def __init__(self, items, s=1.0):
        self.items = list(items)
        self.cumulative = list(itertools.accumulate(k**-s for k in range(1, len(self.items) + 1)))

    def draw(self, rng):
        index = bisect.bisect(self.cumulative, rng.random() * self.cumulative[-1])
        return self.items[min(index, len(self.items) - 1)]

    def some(self, rng, number):
        """Up to `number` different entries, the more frequent ones more often."""
        chosen, number = [], min(number, len(self.items))
        for _attempt in range(4 * number):
            item = self.draw(rng)
            if item not in chosen:
                chosen.append(item)
            if len(chosen) == number:
                return chosen
        # A run of the same few draws: the most frequent of the others complete it.
        return chosen + [item for item in self.items if item not in chosen][: number - len(chosen)]


def _cells(line):
    return [cell.strip() for cell in line.split("|")]


class Field:
    """What the papers of one field of policy are about, and how they speak of it."""

    def __init__(self, table, actions):
        # An object is (nominative, genitive, actions, plural); a standalone title also names
        # its subject: (title, subject, nominative, genitive, plural).
        self.objects = Pool(
            (
                (nom, gen, Pool((a for k in kinds.split() for a in actions[k]), s=0.7), bool(rest))
                for nom, gen, kinds, *rest in map(_cells, table["objects"])
            ),
            s=0.8,
        )
        self.standalone = Pool(
            (
                (title, subject, nom, gen, bool(rest))
                for title, subject, nom, gen, *rest in map(_cells, table["standalone"])
            ),
            s=0.5,
        )
        self.situation = Pool(table["situation"], s=0.7)
        self.questions = Pool(table["questions"], s=0.7)


class Vocabulary:
    """Makes the texts of a paper from the vocabulary file."""

    def __init__(self, path=VOCABULARY):
        with path.open("rb") as file:
            words = tomllib.load(file)
        self.places = {name: Pool(words[name]) for name in PLACES.values()}
        self.fields = {
            name: Field(table, words["actions"]) for name, table in words["fields"].items()
        }
        self.inquiries = {key: Pool(value, s=0.6) for key, value in words["inquiries"].items()}
        self.resolutions = {key: Pool(value, s=0.6) for key, value in words["resolutions"].items()}
        self.justification = {
            key: Pool(value, s=0.6) for key, value in words["justification"].items()
        }
        self.non_public = {key: Pool(value, s=0.6) for key, value in words["non_public"].items()}

    def _context(self, rng, field, year, committee):
        """The places, figures and the subject of one paper, to fill its sentences with."""
        context = {key: self.places[name].draw(rng) for key, name in PLACES.items()}
        context["street"], context["street2"] = self.places["streets"].some(rng, 2)
        context.update(
            year=year,
            plus9=year + 9,
            last=year - 1,
            next=year + 1,
            year2=f"{year % 100:02d}",
            month=rng.choice(MONTHS.split()),
            number=rng.randrange(12, 400),
            percent=rng.randrange(20, 95, 5),
            amount=_amount(rng.choice(AMOUNTS)),
            committee=committee,
            committee_cap=committee[:1].upper() + committee[1:],
        )
        if rng.random() < 0.95:
            nom, gen, actions, plural = field.objects.draw(rng)
            gen = gen.format_map(context)
            subject = f"{actions.draw(rng)} {gen}"
            title = subject + rng.choice(TITLE_ENDINGS).format_map(context)
        else:
            title, subject, nom, gen, plural = field.standalone.draw(rng)
            title, subject = title.format_map(context), subject.format_map(context)
        nom, gen = nom.format_map(context), gen.format_map(context)
        context.update(
            subject=subject,
            object=nom,
            object_gen=gen,
            object_cap=nom[:1].upper() + nom[1:],
            **{verb: plural_form if plural else verb for verb, plural_form in VERBS.items()},
        )
        return title, context

    def motion(self, rng, field, year, committee):
        """{title, proposed_resolution, justification} of a motion to `committee` (dative)."""
        field = self.fields[field]
        title, context = self._context(rng, field, year, committee)
        points = [self.resolutions["first"].draw(rng)]
        points += self.resolutions["more"].some(rng, rng.choice([0, 1, 1, 2, 2, 3]))
        if len(points) > 1:
            points = [f"{n}. {point}" for n, point in enumerate(points, 1)]
        parts = self.justification
        paragraphs = [
            field.situation.some(rng, rng.randint(2, 4)),
            parts["need"].some(rng, rng.randint(2, 4)),
        ]
        if rng.random() < 0.75:
            paragraphs.append(parts["money"].some(rng, rng.randint(1, 3)))
        if rng.random() < 0.4:
            paragraphs.append(parts["process"].some(rng, rng.randint(1, 2)))
        if rng.random() < 0.5:
            paragraphs.append([parts["closing"].draw(rng)])
        return {
            "title": title,
            "proposed_resolution": "\n".join(points).format_map(context),
            "justification": _paragraphs(paragraphs, context),
        }

    def inquiry(self, rng, field, year, committee):
        """{title, questions_intro, questions, justification} of an inquiry."""
        field = self.fields[field]
        _title, context = self._context(rng, field, year, committee)
        if rng.random() < 0.5:
            prefix = self.inquiries["subject_titles"].draw(rng)
            title = f"{prefix} {'' if prefix.endswith('zur') else 'der '}{context['subject']}"
        else:
            title = f"{self.inquiries['object_titles'].draw(rng)} {context['object_gen']}"
        number = rng.randint(2, 5)
        own = field.questions.some(rng, rng.randint(1, number))
        questions = own + self.inquiries["questions"].some(rng, number - len(own))
        paragraphs = [
            field.situation.some(rng, rng.randint(1, 3)),
            self.justification["asking"].some(rng, rng.randint(1, 2)),
        ]
        return {
            "title": title,
            "questions_intro": self.inquiries["intro"].draw(rng),
            "questions": [question.format_map(context) for question in questions],
            "justification": _paragraphs(paragraphs, context),
        }

    def closed_matter(self, rng, year, committee):
        """{title, proposed_resolution, justification} of a non-public motion (land, leases)."""
        _title, context = self._context(rng, self.fields["stadt"], year, committee)
        context["gemarkung"] = self.non_public["gemarkungen"].draw(rng)
        parts = self.non_public
        return {
            "title": parts["titles"].draw(rng).format_map(context),
            "proposed_resolution": parts["resolutions"].draw(rng).format_map(context),
            "justification": _paragraphs([parts["justification"].some(rng, 3)], context),
        }


def _paragraphs(paragraphs, context):
    return "\n\n".join(" ".join(sentences).format_map(context) for sentences in paragraphs)


def _amount(thousands):
    if thousands >= 1000:
        return f"{thousands / 1000:.1f} Millionen Euro".replace(".", ",")
    return f"{thousands}.000 Euro"
