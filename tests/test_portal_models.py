import datetime

import pytest

from portal.models import one_month_after


@pytest.mark.parametrize(
    "day, due",
    [
        ((2026, 3, 15), (2026, 4, 15)),
        ((2026, 1, 31), (2026, 2, 28)),
        ((2028, 1, 30), (2028, 2, 29)),
        ((2026, 12, 20), (2027, 1, 20)),
    ],
)
def test_the_answer_is_due_the_same_day_next_month_or_at_its_end(day, due):
    assert one_month_after(datetime.date(*day)) == datetime.date(*due)
