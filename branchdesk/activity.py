"""Activity history: what the back office reports per client and period.

Stored compactly: one document per client whose columns are packed arrays (base64 of
int64 yuan-cents, int32 day ordinals), because 50,000 clients × 24 months as JSON lists of
Python floats would need half a gigabyte of memory. The newest figures are also copied
onto the client record so that lists and filters never unpack a history."""

from __future__ import annotations

import base64
import weakref
from array import array
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from .book import ClientBook, classify
from .errors import Invalid
from .models import AccountType, ActivitySnapshot, ClientStatus, TierRules, now, today
from .rules import get_rules
from .store import Store

MONEY_COLUMNS = ("total_assets", "transfer_in", "transfer_out", "turnover", "commission")

#: the columns a churn scan reads, and their decoded arrays per account, each with the
#: stored document's version token (``table.version_token``: a new one on every write),
#: so ``cached[0] is table.version_token(account)`` proves them current.
#: ``record`` fills it as it writes (raw bytes, as base64 decodes to), so a scan after a
#: day's import decodes nothing.
SCAN_COLUMNS = ("periods", "total_assets", "transfer_in", "transfer_out", "trade_count")
DECODED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


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
        fresh_rows = {s.period.toordinal(): s for s in snaps}  # the last one of a period wins
        if not self.periods or min(fresh_rows, default=0) > self.periods[-1]:
            # The usual case, the next day or month: append, no need to unpack the rest.
            for ordinal in sorted(fresh_rows):
                self._append(fresh_rows[ordinal])
            return
        rows = {s.period.toordinal(): s for s in self.snapshots()}
        rows.update(fresh_rows)
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
            _check_range(s)
            by_client[s.account_id].append(s)
        book = ClientBook(self.store)
        unknown = sorted(a for a in by_client if a not in book.table)
        if unknown:
            shown = ", ".join(unknown[:5]) + (" …" if len(unknown) > 5 else "")
            raise Invalid(f"{len(unknown)} unknown account(s): {shown}", field="account_id")
        rules = rules or get_rules(self.store, TierRules)
        on = on or today()
        stamp = now().isoformat()
        changed = 0
        with self.store.transaction():
            for account_id, snaps in by_client.items():
                history = self.history(account_id)
                before = history.to_doc() if len(history) else None
                history.merge(snaps)
                doc = history.to_doc()
                if doc != before:
                    self.table.put(doc)
                    stored = self.table.version_token(account_id)
                    columns = tuple(getattr(history, name).tobytes() for name in SCAN_COLUMNS)
                    DECODED.setdefault(self.table, {})[account_id] = (stored, columns)
                saved = _refresh_client(book, account_id, history, rules, on, stamp)
                changed += saved or doc != before
        return changed


#: beyond any real account (¥10 trillion, 2^31 trades): the packed columns' limits
_MAX_YUAN = 1e13
_MAX_TRADES = 2**31 - 1


def _check_range(s: ActivitySnapshot) -> None:
    for name in MONEY_COLUMNS:
        if getattr(s, name) > _MAX_YUAN:
            raise Invalid(f"{getattr(s, name)} is beyond any real account", field=name)
    if s.trade_count > _MAX_TRADES:
        raise Invalid("beyond any real account", field="trade_count")


@dataclass(frozen=True)
class _Standing:
    """What :func:`~branchdesk.book.classify` reads of a client, without the phone and ID
    checks that building a whole ``Client`` runs (they dominated a day's import)."""

    account_type: AccountType
    total_assets: float
    peak_assets_12m: float
    closed_date: date | None
    last_trade_date: date | None
    open_date: date | None
    status: ClientStatus


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _refresh_client(
    book: ClientBook, account_id: str, history: History, rules: TierRules, on: date, stamp: str
) -> bool:
    """Copy the newest figures onto the client and re-derive tier and status, as
    ``ClientBook.save`` would (new version, no audit entry); False when nothing moved."""
    current = book.table.doc(account_id)
    assert current is not None
    traded = history.last_trade_date()
    figures = {
        "total_assets": history.total_assets[-1] / 100,
        "peak_assets_12m": history.peak_assets(),
        "last_trade_date": traded.isoformat() if traded else None,
    }
    standing = _Standing(
        account_type=AccountType(current.get("account_type", "individual")),
        total_assets=figures["total_assets"],
        peak_assets_12m=figures["peak_assets_12m"],
        closed_date=_day(current.get("closed_date")),
        last_trade_date=traded,
        open_date=_day(current.get("open_date")),
        status=ClientStatus(current.get("status", "active")),
    )
    tier, status = classify(standing, rules, on)  # type: ignore[arg-type]
    doc = {**current, **figures, "tier": str(tier), "status": str(status)}
    if doc == current:
        return False
    doc["version"] = current["version"] + 1
    doc["updated_at"] = stamp
    book.table.put(doc)
    return True


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
