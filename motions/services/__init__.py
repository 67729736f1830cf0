"""Every step of a paper's life. Each one locks the paper, checks who acts and the state, changes
it and writes the timeline entry, in one transaction. Nothing else changes a paper's state.

The steps live in modules by who takes them (drafting, filing, committee, reports); callers use
them from here: `services.submit(paper=…, by=…)`.
"""

from motions.services.committee import (
    append_agenda_item,
    awaited_committee,
    current_consultation,
    decide,
    next_planned,
    plan,
    postpone,
    refer,
    schedule,
    unschedule,
)
from motions.services.drafting import agree, default_function, save_draft, version_of
from motions.services.filing import (
    answer_due,
    current_chair,
    filed_at,
    next_reference,
    pending_agreements,
    submission_problems,
    submit,
    withdraw,
)
from motions.services.reports import (
    close,
    may_ask_for_report,
    move_report_due,
    receive_report,
    request_report,
)

__all__ = [
    "agree",
    "answer_due",
    "append_agenda_item",
    "awaited_committee",
    "close",
    "current_chair",
    "current_consultation",
    "decide",
    "default_function",
    "filed_at",
    "may_ask_for_report",
    "move_report_due",
    "next_planned",
    "next_reference",
    "pending_agreements",
    "plan",
    "postpone",
    "receive_report",
    "refer",
    "request_report",
    "save_draft",
    "schedule",
    "submission_problems",
    "submit",
    "unschedule",
    "version_of",
    "withdraw",
]
