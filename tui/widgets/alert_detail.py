"""The highlighted alert in full, under the queue: who, which rule and how severe, the
evidence as a whole sentence, and every step taken on it (who, when, the note)."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from branchdesk import i18n
from branchdesk.churn.severity import band
from branchdesk.churn.words import alert_words
from branchdesk.models import CST, Advisor
from branchdesk.models.churn import AlertView

from .alert_table import band_style


class AlertDetail(Static):
    def show(
        self, alert: AlertView | None, advisors: dict[str, Advisor], *, hint: str = ""
    ) -> None:
        """``hint``: what to do about an empty queue (shown only when there is no alert)."""
        lang = self.app.lang

        def t(key: str, **values: object) -> str:
            return i18n.t(key, lang, **values)

        if alert is None:
            self.update(Text(t("churn.no_alerts") + (f"\n{hint}" if hint else ""), style="dim"))
            return
        a = alert
        advisor = advisors.get(a.advisor_id or "")
        who = f"{a.advisor_id} {advisor.name}" if advisor else (a.advisor_id or t("none"))
        out = Text.assemble(
            (a.client_name or a.account_id, "bold"),
            f"  {a.account_id}  ",
            i18n.label(a.tier, lang),
            " · ",
            f"{t('advisor')} {who}",
            "\n",
            (i18n.label(a.rule, lang), "bold"),
            " · ",
            (
                t(
                    "tui.alerts.score",
                    score=a.severity,
                    band=t(f"tui.dash.severity.{band(a.severity)}"),
                ),
                band_style(self.app, a.severity),
            ),
            " · ",
            f"{t('churn.assets_at_risk')} {i18n.money(a.assets_at_risk, lang)}",
            " · ",
            (i18n.label(a.status, lang), "bold"),
            " · ",
            t("tui.alerts.raised", day=i18n.day(a.raised_at.astimezone(CST).date(), lang)),
            "\n",
            (t("tui.colon", label=t("churn.evidence")), "dim"),
            alert_words(a, lang),
        )
        if a.task_id:
            out.append("\n" + t("tui.alerts.task", id=a.task_id))
        if a.resolution:
            ended = i18n.label(a.resolution, lang)
            if a.reason:
                ended += f" · {i18n.label(a.reason, lang)}"
            if a.reason_text:
                ended += f" · {a.reason_text}"
            out.append("\n" + t("tui.alerts.ended", resolution=ended), style="bold")
        if not a.history:
            out.append("\n" + t("tui.alerts.no_steps"), style="dim")
        for step in a.history:
            when = step.at.astimezone(CST).strftime("%Y-%m-%d %H:%M")
            line = t("tui.alerts.step", when=when, status=i18n.label(step.status, lang), by=step.by)
            out.append("\n" + line)
            if step.note:
                out.append(f" — {step.note}", style="italic")
        self.update(out)
