"""Working days by China's official calendar (法定节假日 and 调休 make-up working days).

Three sources, in this order for each year:

1. a schedule the branch loaded (``branchdesk calendar load FILE``), stored in the
   ``calendar`` table — the State Council publishes next year's late in the year;
2. the ``chinese_calendar`` package, which knows 2004–2026 (it raises past that);
3. Monday to Friday, with a warning that says so — never a crash.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import date, timedelta
from pathlib import Path

import chinese_calendar
import msgspec

from .. import audit
from ..errors import FieldError, Invalid
from ..models import now
from ..models.service_api import CalendarYearIn, CalendarYearInfo
from ..store import Store

TABLE = "calendar"
_OFFICIAL_HOLIDAYS: dict[date, str] = dict(chinese_calendar.holidays)
_OFFICIAL_WORKDAYS: dict[date, str] = dict(chinese_calendar.workdays)
OFFICIAL_YEARS = range(min(_OFFICIAL_HOLIDAYS).year, max(_OFFICIAL_HOLIDAYS).year + 1)


def fallback_warning(year: int) -> str:
    return (
        f"no official holiday schedule for {year}: Monday–Friday assumed as working days; "
        f"load the State Council's schedule with `branchdesk calendar load FILE`"
    )


class WorkCalendar:
    """Answers "is this a working day?" for any date; remembers the years it had to guess."""

    def __init__(self, store: Store | None = None) -> None:
        self._loaded: dict[int, tuple[frozenset[date], frozenset[date]]] = {}
        if store is not None:
            for doc in store.table(TABLE)._read_table().values():
                self._loaded[int(doc["year"])] = (
                    frozenset(date.fromisoformat(d) for d in doc["holidays"]),
                    frozenset(date.fromisoformat(d) for d in doc["workdays"]),
                )
        self.guessed: set[int] = set()
        self._cache: dict[date, bool] = {}

    def source(self, year: int) -> str:
        if year in self._loaded:
            return "loaded"
        if year in OFFICIAL_YEARS:
            return "official"
        return "fallback"

    def is_workday(self, day: date) -> bool:
        known = self._cache.get(day)
        if known is not None:
            return known
        year = day.year
        if year in self._loaded:
            holidays, workdays = self._loaded[year]
            answer = day in workdays or (day.weekday() < 5 and day not in holidays)
        elif year in OFFICIAL_YEARS:
            answer = day in _OFFICIAL_WORKDAYS or (
                day.weekday() < 5 and day not in _OFFICIAL_HOLIDAYS
            )
        else:
            self.guessed.add(year)
            answer = day.weekday() < 5
        self._cache[day] = answer
        return answer

    def next_workday(self, day: date, *, include: bool = True) -> date:
        """``day`` itself when it is a working day (and ``include``), else the next one."""
        d = day if include else day + timedelta(days=1)
        while not self.is_workday(d):
            d += timedelta(days=1)
        return d

    def add_workdays(self, day: date, n: int) -> date:
        """The ``n``-th working day after ``day`` ("within 2 working days after")."""
        d = day
        for _ in range(n):
            d = self.next_workday(d, include=False)
        return d if n else self.next_workday(d)

    def workdays(self, start: date, end: date) -> list[date]:
        """Working days from ``start`` to ``end``, both included."""
        out, d = [], start
        while d <= end:
            if self.is_workday(d):
                out.append(d)
            d += timedelta(days=1)
        return out

    @property
    def warnings(self) -> list[str]:
        return [fallback_warning(y) for y in sorted(self.guessed)]

    def year_info(self, year: int) -> CalendarYearInfo:
        if year in self._loaded:
            holidays, workdays = self._loaded[year]
        elif year in OFFICIAL_YEARS:
            holidays = frozenset(d for d in _OFFICIAL_HOLIDAYS if d.year == year)
            workdays = frozenset(d for d in _OFFICIAL_WORKDAYS if d.year == year)
        else:
            holidays = workdays = frozenset()
        source = self.source(year)
        days = len(self.workdays(date(year, 1, 1), date(year, 12, 31)))
        self.guessed.discard(year)  # asking about a year is not using a guess
        return CalendarYearInfo(
            year=year,
            source=source,
            holidays=len(holidays),
            workdays=len(workdays),
            working_days=days,
        )


# -- loading a year's schedule -------------------------------------------------------------
def check_year(year: int, schedule: CalendarYearIn) -> None:
    """Refuse a schedule that cannot be right, naming the field and the day."""
    errors: list[FieldError] = []
    for name, days in (("holidays", schedule.holidays), ("workdays", schedule.workdays)):
        for d in days:
            if d.year != year:
                errors.append(FieldError(name, f"{d} is not in {year}"))
    for d in schedule.workdays:
        if d.weekday() < 5:
            errors.append(
                FieldError("workdays", f"{d} is a weekday; a make-up working day is a weekend")
            )
    both = set(schedule.holidays) & set(schedule.workdays)
    for d in sorted(both):
        errors.append(FieldError("workdays", f"{d} is listed both as a holiday and a workday"))
    if not schedule.holidays:
        errors.append(FieldError("holidays", "a year's schedule lists its holidays"))
    if errors:
        raise Invalid(errors)


def save_year(store: Store, year: int, schedule: CalendarYearIn, *, actor: str) -> CalendarYearInfo:
    """Store (or replace) one year's official schedule; audited."""
    if not 2000 <= year <= 2100:
        raise Invalid("a year between 2000 and 2100", field="year")
    check_year(year, schedule)
    table = store.table(TABLE)
    before = table.doc(str(year))
    doc = {
        "year": year,
        "holidays": sorted(d.isoformat() for d in set(schedule.holidays)),
        "workdays": sorted(d.isoformat() for d in set(schedule.workdays)),
        "names": dict(schedule.names),
        "loaded_by": actor,
        "loaded_at": now().isoformat(),
    }
    with store.transaction():
        table.put(doc)
        audit.record(
            store,
            actor=actor,
            action="calendar.load",
            entity=TABLE,
            entity_id=str(year),
            before={k: v for k, v in (before or {}).items() if k in ("holidays", "workdays")},
            after={"holidays": doc["holidays"], "workdays": doc["workdays"]},
        )
    return WorkCalendar(store).year_info(year)


def parse_schedule(path: str | Path) -> dict[int, CalendarYearIn]:
    """Read a schedule file: CSV lines ``date,kind[,name]`` (kind ``holiday`` or
    ``workday``, or 休/班), or JSON ``{"2027": {"holidays": [...], "workdays": [...]}}``."""
    path = Path(path)
    raw = path.read_bytes()
    text = _decode(raw)
    if text.lstrip().startswith("{"):
        try:
            data = msgspec.json.decode(text.encode(), type=dict[str, CalendarYearIn])
        except msgspec.ValidationError as exc:
            raise Invalid(f"{path.name}: {exc}", field="file") from exc
        except msgspec.DecodeError as exc:
            raise Invalid(f"{path.name}: not valid JSON ({exc})", field="file") from exc
        try:
            return {int(y): v for y, v in data.items()}
        except ValueError:
            raise Invalid(f"{path.name}: keys must be years", field="file") from None
    years: dict[int, CalendarYearIn] = {}
    for n, row in enumerate(csv.reader(io.StringIO(text)), start=1):
        cells = [c.strip() for c in row]
        if not cells or not cells[0] or cells[0].startswith("#") or cells[0] in ("date", "日期"):
            continue
        try:
            day = date.fromisoformat(cells[0])
        except ValueError:
            raise Invalid(f"line {n}: {cells[0]!r} is not a date (YYYY-MM-DD)", "file") from None
        kind = cells[1].lower() if len(cells) > 1 else ""
        if kind not in _KINDS:
            raise Invalid(f"line {n}: kind must be holiday or workday, not {kind!r}", "file")
        entry = years.setdefault(day.year, CalendarYearIn(holidays=[], workdays=[], names={}))
        (entry.holidays if _KINDS[kind] == "holiday" else entry.workdays).append(day)
        if len(cells) > 2 and cells[2]:
            entry.names[day.isoformat()] = cells[2]
    if not years:
        raise Invalid(f"{path.name}: no dates in the file", field="file")
    return years


_KINDS = {"holiday": "holiday", "休": "holiday", "workday": "workday", "班": "workday"}


def _decode(raw: bytes) -> str:
    """Files written by Chinese Excel are GBK without a BOM."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("gb18030")


def years_info(store: Store, years: Iterable[int]) -> list[CalendarYearInfo]:
    cal = WorkCalendar(store)
    return [cal.year_info(y) for y in years]
