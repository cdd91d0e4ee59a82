"""Working days: China's official calendar, a loaded schedule for later years, and an
honest Monday–Friday fallback past what is known."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from branchdesk import audit
from branchdesk.errors import Invalid
from branchdesk.models.service_api import CalendarYearIn
from branchdesk.schema import open_store
from branchdesk.service.calendar import WorkCalendar, parse_schedule, save_year


def test_official_holidays_and_make_up_working_days() -> None:
    cal = WorkCalendar()
    assert not cal.is_workday(date(2026, 10, 1))  # National Day
    assert not cal.is_workday(date(2026, 9, 25))  # Mid-Autumn, a Friday
    assert cal.is_workday(date(2026, 10, 10))  # a Saturday made a working day (调休)
    assert cal.is_workday(date(2026, 2, 14))  # the Saturday before Spring Festival
    assert not cal.is_workday(date(2026, 11, 28))  # an ordinary Saturday
    assert cal.add_workdays(date(2026, 9, 30), 2) == date(2026, 10, 9)
    assert cal.warnings == []


def test_past_the_known_years_it_falls_back_to_monday_to_friday_and_says_so() -> None:
    cal = WorkCalendar()
    assert cal.is_workday(date(2027, 10, 1))  # a Friday; the schedule is not known yet
    assert not cal.is_workday(date(2027, 10, 2))
    assert cal.add_workdays(date(2027, 10, 1), 1) == date(2027, 10, 4)
    assert len(cal.warnings) == 1
    assert "2027" in cal.warnings[0] and "Monday–Friday" in cal.warnings[0]
    assert "branchdesk calendar load" in cal.warnings[0]


SCHEDULE_2027 = """date,kind,name
2027-01-01,holiday,元旦
2027-02-06,休,春节
2027-02-07,休,春节
2027-02-08,holiday,春节
2027-02-09,holiday,春节
2027-02-10,holiday,春节
2027-02-11,holiday,春节
2027-02-12,holiday,春节
2027-02-13,holiday,春节
2027-02-20,班,春节调休
2027-10-01,holiday,国庆节
2027-10-09,workday,国庆调休
"""


def test_a_loaded_schedule_is_used_kept_on_disk_and_audited(empty_store, tmp_path: Path) -> None:
    path = tmp_path / "holidays-2027.csv"
    path.write_bytes(SCHEDULE_2027.encode("gbk"))  # as Chinese Excel saves it
    years = parse_schedule(path)
    assert set(years) == {2027} and date(2027, 2, 20) in years[2027].workdays
    info = save_year(empty_store, 2027, years[2027], actor="manager")
    assert info.source == "loaded" and info.holidays == 10 and info.workdays == 2
    folder = empty_store.folder
    empty_store.close(compact=False)
    store = open_store(folder)
    try:
        cal = WorkCalendar(store)
        assert not cal.is_workday(date(2027, 10, 1))
        assert cal.is_workday(date(2027, 2, 20))  # a Saturday, made a working day
        assert cal.add_workdays(date(2027, 2, 5), 1) == date(2027, 2, 15)
        assert cal.warnings == []
        trail, _ = audit.query(store, action="calendar.load")
        assert trail[0].entity_id == "2027" and trail[0].actor == "manager"
    finally:
        store.close(compact=False)


def test_a_schedule_that_cannot_be_right_is_refused_naming_the_day(empty_store) -> None:
    bad = CalendarYearIn(holidays=[date(2027, 10, 1)], workdays=[date(2027, 10, 4)])
    with pytest.raises(Invalid) as refused:
        save_year(empty_store, 2027, bad, actor="manager")
    assert refused.value.errors[0].field == "workdays"
    assert "2027-10-04 is a weekday" in str(refused.value)
    wrong_year = CalendarYearIn(holidays=[date(2028, 1, 1)])
    with pytest.raises(Invalid, match="2028-01-01 is not in 2027"):
        save_year(empty_store, 2027, wrong_year, actor="manager")
    assert len(empty_store.table("calendar")) == 0


def test_a_bad_line_in_the_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("2027-01-01,holiday\n2027-13-01,holiday\n", encoding="utf-8")
    with pytest.raises(Invalid, match="line 2"):
        parse_schedule(path)
    path.write_text("2027-01-01,vacation\n", encoding="utf-8")
    with pytest.raises(Invalid, match="holiday or workday"):
        parse_schedule(path)
