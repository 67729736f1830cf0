"""Filing deadlines: N days before the meeting, calendar or working days, NRW holidays known."""

import datetime

import pytest
from freezegun import freeze_time

from motions import services
from motions.deadlines import deadline_day, is_working_day
from tests import factories as f

D = datetime.date


def test_calendar_deadline_is_n_days_before_the_meeting():
    # Meeting on Thursday 22 April 2021; ten days before is Monday 12 April, a working day.
    assert deadline_day(D(2021, 4, 22), days=10) == D(2021, 4, 12)


def test_calendar_deadline_on_a_weekend_moves_back_to_friday():
    # Ten days before Tuesday 20 April 2021 is Saturday 10 April.
    assert deadline_day(D(2021, 4, 20), days=10) == D(2021, 4, 9)


def test_calendar_deadline_on_a_holiday_moves_back_past_easter():
    # Ten days before Thursday 15 April 2021 is Easter Monday (5 April); Good Friday is 2 April.
    assert deadline_day(D(2021, 4, 15), days=10) == D(2021, 4, 1)


def test_corpus_christi_is_a_holiday_in_nrw():
    assert not is_working_day(D(2026, 6, 4), state="NW")


def test_corpus_christi_is_no_holiday_in_berlin():
    assert is_working_day(D(2026, 6, 4), state="BE")


def test_working_day_deadline_skips_weekends():
    # Five working days before Monday 16 November 2026: Monday 9 November.
    assert deadline_day(D(2026, 11, 16), days=5, working_days=True) == D(2026, 11, 9)


def test_working_day_deadline_skips_nrw_holidays():
    # Before Monday 28 December 2026 the working days are 24, 23, 22, 21 and 18 December when
    # the offices open on Christmas Eve: 25 and 26 are holidays, 19, 20 and 27 weekend days.
    assert deadline_day(
        D(2026, 12, 28), days=5, working_days=True, december_24_31_closed=False
    ) == D(2026, 12, 18)


def test_christmas_eve_is_no_working_day_where_the_offices_are_closed():
    assert deadline_day(D(2026, 12, 28), days=5, working_days=True) == D(2026, 12, 17)


def test_new_years_eve_counts_as_a_working_day_where_the_offices_open():
    assert is_working_day(D(2026, 12, 31), december_24_31_closed=False)
    assert not is_working_day(D(2026, 12, 31))


def test_a_calendar_day_deadline_on_new_years_eve_moves_to_the_day_before():
    # Ten days before Sunday 10 January 2027 is Thursday 31 December 2026.
    assert deadline_day(D(2027, 1, 10), days=10) == D(2026, 12, 30)


@pytest.mark.django_db
class TestLateFiling:
    @pytest.fixture
    def meeting(self, b2):
        return f.MeetingFactory(
            body=b2.body,
            organizations=[b2],
            start=datetime.datetime(2026, 12, 10, 17, tzinfo=f.BERLIN),
        )

    @pytest.fixture
    def draft(self, b2, spd, meeting):
        return f.PaperFactory(body=b2.body, committee=b2, factions=[spd], target_meeting=meeting)

    @freeze_time("2026-11-30 12:00")
    def test_a_paper_filed_in_time_is_not_late(self, draft, spd_staff):
        paper = services.submit(paper=draft, by=spd_staff)

        assert not paper.late

    @freeze_time("2026-12-01 10:00")
    def test_a_paper_filed_after_the_deadline_is_accepted_but_marked_late(self, draft, spd_staff):
        paper = services.submit(paper=draft, by=spd_staff)

        assert paper.state == "submitted"
        assert paper.late

    @freeze_time("2026-11-30 23:59:00+01:00")
    def test_the_deadline_day_counts_until_midnight(self, draft, spd_staff):
        paper = services.submit(paper=draft, by=spd_staff)

        assert not paper.late

    @freeze_time("2026-12-05 10:00")
    def test_a_late_paper_filed_as_urgent_is_not_marked_late(self, draft, spd_staff):
        paper = services.submit(
            paper=draft, by=spd_staff, urgent=True, urgency_reason="Frist der Förderung endet."
        )

        assert paper.urgent
        assert not paper.late

    def test_an_urgent_paper_needs_a_reason(self, draft, spd_staff):
        from django.core.exceptions import ValidationError

        with pytest.raises(ValidationError):
            services.submit(paper=draft, by=spd_staff, urgent=True, urgency_reason=" ")

    @freeze_time("2026-12-03 09:00")
    def test_a_letter_received_in_time_counts_from_its_arrival(self, draft, office):
        draft.entered_on_behalf = True
        draft.received_on = datetime.date(2026, 11, 27)
        draft.save()

        paper = services.submit(paper=draft, by=office)

        assert not paper.late
