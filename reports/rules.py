"""May this user work on this report request, or release this report? (django-rules)"""

import rules

from council.roles import roles_of
from council.rules import is_council_office


@rules.predicate
def works_in_the_unit(user, request):
    return request.unit_id in roles_of(user).units


@rules.predicate
def heads_the_unit(user, report):
    return report.request.unit_id in roles_of(user).headed


# Only the responsible unit and the council office see and write a report before publication;
# its head (or the office) releases and publishes it.
rules.add_perm("reports.work_on_request", works_in_the_unit | is_council_office)
rules.add_perm("reports.release_report", heads_the_unit | is_council_office)
