from django.dispatch import Signal

# Sent by `manage.py demo` once the demo council stands, inside its transaction, with
# `body`, `papers` (how many generated papers were asked for) and `stdout`. Apps that build on
# the council (motions, reports) add their demo data here, so the council needs no import of them.
demo_council_built = Signal()

# Sent with `meeting` when a meeting's start has changed. Deadlines counted from the meeting
# (papers' filing deadlines) follow it; the council needs no import of who keeps them.
meeting_moved = Signal()

# Sent with `version` (an AgendaVersion) after an invitation or a supplement was published, once
# the transaction has committed: who follows the meeting or a paper on it is told.
agenda_published = Signal()
