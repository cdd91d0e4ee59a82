"""The screens of the terminal UI, and ``SCREENS``: the one registry the shell reads.

The nav on the left, the App's keys (F2, F3 …), the F1 help and the command palette are
all built from ``SCREENS``, and each lists only the screens the signed-in role may use.

How to add a screen (e.g. churn alerts):

1. Write ``tui/screens/alerts.py`` with ``class AlertsScreen(DeskScreen)``: set
   ``registry_name = "alerts"`` and ``title_key``; yield your widgets from
   ``compose_body()``; fetch in ``reload()`` through ``self.app.send(Endpoints.…())``
   inside an ``@work(exclusive=True, group=...)`` async worker (``send`` returns None
   when the call failed: the banner, sign-in or a notification already told the user).
   Wrap user data in ``rich.text.Text``. Offer palette entries by overriding
   ``commands()``. To open a client, ``self.post_message(OpenClient(account_id))``.
2. Add your words to ``branchdesk/i18n.py`` (``"tui.screen.alerts"``, its ``.help`` …).
3. Add one ``ScreenEntry`` below, in the order the nav should show it. Keys taken or
   set aside: F1 help, F2 dashboard, F3 clients, F4 alerts, F5 refresh (every screen),
   F6 tasks, F7 rebalance, F8 campaigns, F9 imports, F10 reports, F11 advisors.
4. Add a Pilot test and a snapshot in both languages under ``tests/tui/``.

A screen opened *from* another one (like the client detail) is not registered: it is
pushed on top of the current screen and Escape closes it."""

from __future__ import annotations

from ..registry import ScreenEntry
from .advisors import AdvisorsScreen
from .alerts import AlertsScreen
from .campaigns import CampaignsScreen
from .clients import ClientsScreen
from .dashboard import DashboardScreen
from .rebalance import RebalanceScreen
from .reports import ReportsScreen
from .tasks import TasksScreen

# In the order of their keys, which is the order of the nav.
SCREENS: list[ScreenEntry] = [
    ScreenEntry(
        name="dashboard",
        key="f2",
        title="tui.screen.dashboard",
        help="tui.screen.dashboard.help",
        permission=None,
        screen=DashboardScreen,
    ),
    ScreenEntry(
        name="clients",
        key="f3",
        title="tui.screen.clients",
        help="tui.screen.clients.help",
        permission="clients.read",
        screen=ClientsScreen,
    ),
    # churn alerts: the triage queue (issue 5)
    ScreenEntry(
        name="alerts",
        key="f4",
        title="tui.screen.alerts",
        help="tui.screen.alerts.help",
        permission="alerts.read",
        screen=AlertsScreen,
    ),
    # service desk (issue 7): my tasks, quick log
    ScreenEntry(
        name="tasks",
        key="f6",
        title="tui.screen.tasks",
        help="tui.screen.tasks.help",
        permission="tasks.read",
        screen=TasksScreen,
    ),
    # fair assignment (issue 6): rebalancing, for managers
    ScreenEntry(
        name="rebalance",
        key="f7",
        title="tui.screen.rebalance",
        help="tui.screen.rebalance.help",
        permission="assignments.read",
        screen=RebalanceScreen,
    ),
    # creating and running campaigns is the managers' job
    ScreenEntry(
        name="campaigns",
        key="f8",
        title="tui.screen.campaigns",
        help="tui.screen.campaigns.help",
        permission="campaigns.write",
        screen=CampaignsScreen,
    ),
    # the service desk's reports
    ScreenEntry(
        name="reports",
        key="f10",
        title="tui.screen.reports",
        help="tui.screen.reports.help",
        permission="reports.read",
        screen=ReportsScreen,
    ),
    # advisors for everyone (who is in, who backs up whom), edited by managers (F1–F10 taken)
    ScreenEntry(
        name="advisors",
        key="f11",
        title="tui.screen.advisors",
        help="tui.screen.advisors.help",
        permission="advisors.read",
        screen=AdvisorsScreen,
    ),
]
