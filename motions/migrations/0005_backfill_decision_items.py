"""Link existing decisions and timeline steps to the agenda item they were taken at, so that
their disclosure follows the item (a non-public item's result stays closed)."""

from django.db import migrations

STEPS_AT_AN_ITEM = ["scheduled", "postponed", "decided", "recommended"]


def backfill(apps, schema_editor):
    Paper = apps.get_model("motions", "Paper")
    Consultation = apps.get_model("motions", "Consultation")
    TimelineEntry = apps.get_model("motions", "TimelineEntry")
    consultations = {}
    for consultation in Consultation.objects.exclude(agenda_item=None).order_by("pk"):
        consultations.setdefault(consultation.paper_id, []).append(consultation)
    for paper in Paper.objects.exclude(outcome="").filter(decision_item=None):
        held = consultations.get(paper.pk, [])
        if held:
            paper.decision_item_id = held[-1].agenda_item_id
            paper.save(update_fields=["decision_item"])
    for entry in TimelineEntry.objects.filter(action__in=STEPS_AT_AN_ITEM, agenda_item=None):
        held = [c for c in consultations.get(entry.paper_id, []) if c.created <= entry.at]
        held = held or consultations.get(entry.paper_id, [])
        if held:
            entry.agenda_item_id = held[-1].agenda_item_id
            entry.save(update_fields=["agenda_item"])


class Migration(migrations.Migration):
    dependencies = [("motions", "0004_planned_consultations_and_disclosure")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
