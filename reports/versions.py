"""What changed between two published versions of a report, word by word.

The differences come from diff-match-patch (Google's diff algorithm, Myers' with speed-ups and a
semantic clean-up). It compares characters; to compare whole words, each word, each run of
spaces and each punctuation mark is first turned into one character of its own (the library's
lines-to-characters technique, applied to words), and the result is turned back.
"""

import re
from dataclasses import dataclass, field

from diff_match_patch import diff_match_patch
from django.utils.translation import gettext as _

EQUAL, INSERT, DELETE = "equal", "insert", "delete"
_OPS = {diff_match_patch.DIFF_EQUAL: EQUAL, diff_match_patch.DIFF_INSERT: INSERT}
_OPS[diff_match_patch.DIFF_DELETE] = DELETE
# A word is a run of letters and digits, umlauts and ß included (Unicode \w).
_TOKENS = re.compile(r"\w+|\s+|[^\w\s]")
# The characters that stand for tokens start in Unicode's private use area, away from the
# control characters and spaces that the library's semantic clean-up treats specially.
_FIRST_CODE = 0xE000
_TIMEOUT_SECONDS = 2.0


def word_diff(old, new):
    """The changes from `old` to `new` as [(op, text)], op being EQUAL, INSERT or DELETE; each
    changed stretch consists of whole words (and the spaces and marks between them)."""
    tokens, codes = [], {}

    def encode(text):
        chars = []
        for token in _TOKENS.findall(text or ""):
            if token not in codes:
                codes[token] = chr(_FIRST_CODE + len(tokens))
                tokens.append(token)
            chars.append(codes[token])
        return "".join(chars)

    engine = diff_match_patch()
    engine.Diff_Timeout = _TIMEOUT_SECONDS
    diffs = engine.diff_main(encode(old), encode(new), False)
    # Small unchanged islands between changes (a single space) are folded into the change,
    # so that a rewritten phrase reads as one deletion and one insertion.
    engine.diff_cleanupSemantic(diffs)
    return [
        (_OPS[op], "".join(tokens[ord(char) - _FIRST_CODE] for char in chars))
        for op, chars in diffs
        if chars
    ]


@dataclass
class Part:
    """One part of the report (the title, an answer …) in two versions."""

    label: str
    segments: list
    question: list = field(default_factory=list)

    @property
    def changed(self):
        return any(op != EQUAL for op, _text in [*self.segments, *self.question])


def compare(old, new):
    """The parts of two versions' content, in the report's order, each with its differences.
    Answers are matched by the number of their question."""
    old_answers = {a.get("order", n): a for n, a in enumerate(old.get("answers", []), start=1)}
    new_answers = {a.get("order", n): a for n, a in enumerate(new.get("answers", []), start=1)}
    parts = [
        _part(_("Titel"), old, new, "title"),
        _part(_("Einleitung"), old, new, "introduction"),
    ]
    for order in sorted(old_answers.keys() | new_answers.keys()):
        before, after = old_answers.get(order, {}), new_answers.get(order, {})
        part = _part(_("Antwort auf Frage %(order)s") % {"order": order}, before, after, "text")
        part.question = word_diff(before.get("question", ""), after.get("question", ""))
        parts.append(part)
    parts += [
        _part(_("Schluss"), old, new, "conclusion"),
        _part(_("Zusammenfassung des mündlichen Berichts"), old, new, "oral_summary"),
    ]
    return [part for part in parts if part.segments or part.question]


def _part(label, old, new, key):
    return Part(label, word_diff(old.get(key, ""), new.get(key, "")))
