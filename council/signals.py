from django.dispatch import Signal

# Sent by `manage.py demo` once the demo council stands, inside its transaction, with
# `body`, `papers` (how many generated papers were asked for) and `stdout`. Apps that build on
# the council (motions, reports) add their demo data here, so the council needs no import of them.
demo_council_built = Signal()
