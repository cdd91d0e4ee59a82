"""Activity history: what the back office reports per client and period.

Stored compactly: one document per client whose columns are packed arrays (base64 of
int64 yuan-cents, int32 day ordinals), because 50,000 clients × 24 months as JSON lists of
Python floats would need half a gigabyte of memory. The newest figures are also copied
onto the client record so that lists and filters never unpack a history."""

from __future__ import annotations

import base64
from array import array
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

import msgspec

from .book import ClientBook
from .errors import Invalid
from .models import ActivitySnapshot, TierRules
from .rules import get_rules
from .store import Store

MONEY_COLUMNS = ("total_assets", "transfer_in", "transfer_out", "turnover", "commission")


def _pack(values: array) -> str:
    return base64.b64encode(values.tobytes()).decode("ascii")


def _unpack(kind: str, text: str) -> array:
    out = array(kind)
    out.frombytes(base64.b64decode(text))
    return out


@dataclass
class History:
    """One client's snapshots as parallel columns, oldest period first.

    Money is in cents (exact sums), dates are ``date.toordinal()`` (0 = none)."""

    account_id: str
    periods: array = field(default_factory=lambda: array("i"))
    total_assets: array = field(default_factory=lambda: array("q"))
    transfer_in: array = field(default_factory=lambda: array("q"))
    transfer_out: array = field(default_factory=lambda: array("q"))
    turnover: array = field(default_factory=lambda: array("q"))
    commission: array = field(default_factory=lambda: array("q"))
    trade_count: array = field(default_factory=lambda: array("i"))
    last_trade: array = field(default_factory=lambda: array("i"))

    def __len__(self) -> int:
        return len(self.periods)

    @classmethod
    def from_doc(cls, doc: dict) -> History:
        h = cls(doc["account_id"])
        h.periods = _unpack("i", doc["periods"])
        for name in MONEY_COLUMNS:
            setattr(h, name, _unpack("q", doc[name]))
        h.trade_count = _unpack("i", doc["trade_count"])
        h.last_trade = _unpack("i", doc["last_trade"])
        return h

    def to_doc(self) -> dict:
        doc = {"account_id": self.account_id, "periods": _pack(self.periods)}
        for name in MONEY_COLUMNS:
            doc[name] = _pack(getattr(self, name))
        doc["trade_count"] = _pack(self.trade_count)
        doc["last_trade"] = _pack(self.last_trade)
        return doc

    def merge(self, snaps: Iterable[ActivitySnapshot]) -> None:
        """Add snapshots; one for a period already held replaces it."""
        rows = {s.period.toordinal(): s for s in self.snapshots()}
        for s in snaps:
            rows[s.period.toordinal()] = s
        fresh = History(self.account_id)
        for ordinal in sorted(rows):
            fresh._append(rows[ordinal])
        self.__dict__.update(fresh.__dict__)

    def _append(self, s: ActivitySnapshot) -> None:
        self._append_values(
            s.period,
            s.total_assets,
            s.transfer_in,
            s.transfer_out,
            s.turnover,
            s.commission,
            s.trade_count,
            s.last_trade_date,
        )

    def _append_values(
        self,
        period: date,
        total_assets: float,
        transfer_in: float,
        transfer_out: float,
        turnover: float,
        commission: float,
        trade_count: int,
        last_trade_date: date | None,
    ) -> None:
        """Append a period after the last one held (callers keep periods in order)."""
        self.periods.append(period.toordinal())
        self.total_assets.append(round(total_assets * 100))
        self.transfer_in.append(round(transfer_in * 100))
        self.transfer_out.append(round(transfer_out * 100))
        self.turnover.append(round(turnover * 100))
        self.commission.append(round(commission * 100))
        self.trade_count.append(trade_count)
        self.last_trade.append(last_trade_date.toordinal() if last_trade_date else 0)

    def snapshots(self) -> list[ActivitySnapshot]:
        return [self.snapshot(i) for i in range(len(self))]

    def snapshot(self, i: int) -> ActivitySnapshot:
        return ActivitySnapshot(
            account_id=self.account_id,
            period=date.fromordinal(self.periods[i]),
            total_assets=self.total_assets[i] / 100,
            transfer_in=self.transfer_in[i] / 100,
            transfer_out=self.transfer_out[i] / 100,
            turnover=self.turnover[i] / 100,
            commission=self.commission[i] / 100,
            trade_count=self.trade_count[i],
            last_trade_date=date.fromordinal(self.last_trade[i]) if self.last_trade[i] else None,
        )

    # -- derived figures kept on the client ---------------------------------------------
    def last_trade_date(self) -> date | None:
        best = 0
        for i, ordinal in enumerate(self.last_trade):
            if ordinal:
                best = max(best, ordinal)
            elif self.trade_count[i] > 0:
                best = max(best, self.periods[i])  # traded some day in the period
        return date.fromordinal(best) if best else None

    def peak_assets(self, days: int = 365) -> float:
        if not self.periods:
            return 0.0
        since = self.periods[-1] - days
        values = [v for p, v in zip(self.periods, self.total_assets, strict=True) if p >= since]
        return max(values) / 100


class Activity:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.table = store.table("activity")

    def history(self, account_id: str) -> History:
        doc = self.table.doc(account_id)
        return History.from_doc(doc) if doc else History(account_id)

    def record(
        self,
        snapshots: Iterable[ActivitySnapshot],
        *,
        actor: str,
        on: date | None = None,
        rules: TierRules | None = None,
    ) -> int:
        """Store snapshots and refresh each client's latest figures, tier and status, in
        one transaction. Snapshots for unknown clients are refused, nothing stored.
        Returns how many clients changed."""
        by_client: dict[str, list[ActivitySnapshot]] = defaultdict(list)
        for s in snapshots:
            by_client[s.account_id].append(s)
        book = ClientBook(self.store)
        unknown = sorted(a for a in by_client if a not in book.table)
        if unknown:
            shown = ", ".join(unknown[:5]) + (" …" if len(unknown) > 5 else "")
            raise Invalid(f"{len(unknown)} unknown account(s): {shown}", field="account_id")
        rules = rules or get_rules(self.store, TierRules)
        changed = 0
        with self.store.transaction():
            for account_id, snaps in by_client.items():
                history = self.history(account_id)
                before = history.to_doc() if len(history) else None
                history.merge(snaps)
                doc = history.to_doc()
                if doc != before:
                    self.table.put(doc)
                client = book.get(account_id)
                latest = history.snapshot(len(history) - 1)
                updated = msgspec.structs.replace(
                    client,
                    total_assets=latest.total_assets,
                    peak_assets_12m=history.peak_assets(),
                    last_trade_date=history.last_trade_date(),
                )
                saved = book.save(updated, actor=actor, rules=rules, on=on, audited=False)[1]
                changed += saved or doc != before
        return changed


def month_ends(last: date, months: int) -> list[date]:
    """The last day of each of ``months`` months ending with ``last``'s month, oldest first."""
    out = []
    first = last.replace(day=1)
    for _ in range(months):
        out.append(_month_end(first))
        first = (first - timedelta(days=1)).replace(day=1)
    return out[::-1]


def _month_end(first: date) -> date:
    nxt = (first.replace(day=28) + timedelta(days=4)).replace(day=1)
    return nxt - timedelta(days=1)
