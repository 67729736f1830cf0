"""What an import tells as it runs (count and rate) and at its end (per type: created, updated,
unchanged, failed with reasons)."""

import time
from collections import Counter, defaultdict

OUTCOMES = ["neu", "geändert", "unverändert", "fehlgeschlagen"]


class Progress:
    def __init__(self, write=None, every=2000):
        self.write = write
        self.every = every
        self.counts = Counter()
        self.started = time.monotonic()

    def tick(self, what):
        self.counts[what] += 1
        count = self.counts[what]
        if self.write and count % self.every == 0:
            rate = count / max(time.monotonic() - self.started, 1e-6)
            self.write(f"  {what}: {count} ({rate:.0f}/s)")


class Summary:
    def __init__(self):
        self.counts = defaultdict(Counter)  # type -> outcome -> n
        self.reasons = defaultdict(list)  # (type, reason) -> [source ids]
        self.notes = Counter()  # things repaired on the way, e.g. "Ende vor Beginn verworfen"

    def count(self, kind, outcome, n=1):
        if n:
            self.counts[kind][outcome] += n

    def fail(self, kind, source_id, reason):
        self.counts[kind]["fehlgeschlagen"] += 1
        self.reasons[(kind, reason)].append(source_id)

    def note(self, what, n=1):
        self.notes[what] += n

    def total(self, outcome):
        return sum(counts[outcome] for counts in self.counts.values())

    def lines(self):
        yield "Typ                 neu  geändert  unverändert  fehlgeschlagen"
        for kind, counts in self.counts.items():
            yield (
                f"{kind:<16}{counts['neu']:>7}{counts['geändert']:>10}"
                f"{counts['unverändert']:>13}{counts['fehlgeschlagen']:>16}"
            )
        if self.reasons:
            yield "Fehlgeschlagen:"
            for (kind, reason), ids in sorted(self.reasons.items()):
                yield f"  {kind}: {reason} – {len(ids)}× (z. B. {ids[0]})"
        if any(self.notes.values()):
            yield "Unterwegs geglättet:"
            for what, n in sorted(self.notes.items()):
                yield f"  {what}: {n}"
