"""Chinese and English: labels for every enum, UI words, and money, date and time formats.

Money in Chinese is written in 万 and 亿 (humanize would say "12.3 百万"); relative times
come from humanize, whose locale is per thread, so it is activated on each call."""

from __future__ import annotations

import locale
import os
from datetime import date, datetime
from enum import StrEnum

import humanize

from .models import enums

LANGS = ("zh", "en")

# Enum labels: value → (English, Chinese).
ENUM_LABELS: dict[type[StrEnum], dict[str, tuple[str, str]]] = {
    enums.Role: {
        "frontdesk": ("Front desk", "前台"),
        "advisor": ("Advisor", "理财经理"),
        "researcher": ("Researcher", "研究员"),
        "manager": ("Manager", "营业部负责人"),
        "admin": ("Admin", "系统管理员"),
    },
    enums.Tier: {
        "core": ("Core", "核心客户"),
        "important": ("Important", "重要客户"),
        "general": ("General", "一般客户"),
        "institution": ("Institution", "机构客户"),
    },
    enums.ClientStatus: {
        "active": ("Active", "活跃"),
        "dormant": ("Dormant", "休眠"),
        "lost": ("Lost", "流失"),
        "reactivation": ("Re-activating", "激活中"),
    },
    enums.AccountType: {
        "individual": ("Individual", "个人"),
        "institution": ("Institution", "机构"),
    },
    enums.Preference: {
        "stocks": ("Stocks", "股票"),
        "funds": ("Funds", "基金"),
        "bonds": ("Bonds", "债券"),
        "margin": ("Margin", "融资融券"),
        "options": ("Options", "期权"),
        "wealth": ("Wealth planning", "理财规划"),
    },
    enums.Channel: {
        "visit": ("Visit", "上门拜访"),
        "branch": ("Branch invitation", "请来网点"),
        "event": ("Client event", "客户活动"),
        "seminar": ("Seminar", "讲座培训"),
        "phone": ("Phone", "电话"),
        "sms": ("SMS", "短信"),
        "wechat": ("WeChat", "微信"),
        "email": ("Email", "电邮"),
        "video": ("Video", "视频"),
        "letter": ("Letter", "信函"),
    },
    enums.ChannelKind: {"onsite": ("On-site", "现场服务"), "remote": ("Remote", "非现场服务")},
    enums.Touchpoint: {
        "direct": ("Direct", "直接接触"),
        "phone": ("Phone", "电话接触"),
        "network": ("Network", "网络接触"),
        "other": ("Other", "其他"),
    },
    enums.Purpose: {
        "relationship": ("Relationship care", "客户关系维护"),
        "market_insight": ("Market insight", "行情研判"),
        "long_term_entry": ("Long-term entry point", "长期买点"),
        "loss_recovery": ("Loss recovery", "减少前期亏损"),
        "retention": ("Retention", "挽留"),
        "reactivation": ("Re-activation", "盘活激活"),
        "thank_you": ("Thank-you", "致谢"),
        "greeting": ("Greeting", "节日祝福"),
        "callback": ("Regulatory callback", "客户回访"),
        "complaint": ("Complaint handling", "投诉处理"),
        "product_info": ("Product information", "产品信息"),
        "referral": ("Referral request", "转介绍"),
        "tech_support": ("Tech support", "技术支持"),
        "training": ("Training", "投资者教育"),
        "handover": ("Handover", "客户交接"),
    },
    enums.Outcome: {
        "reached": ("Reached", "已联系"),
        "not_reached": ("Not reached", "未联系上"),
        "follow_up": ("Follow-up needed", "需跟进"),
        "retained": ("Retained", "已挽留"),
        "lost": ("Lost", "已流失"),
        "complaint": ("Complaint", "投诉"),
        "referral": ("Referral given", "已转介绍"),
    },
    enums.Direction: {
        "outbound": ("Outbound", "主动服务"),
        "inbound_consulting": ("Consulting hotline", "投资咨询专线"),
        "inbound_tech": ("Tech hotline", "技术支持专线"),
    },
    enums.TaskStatus: {
        "planned": ("Planned", "待办"),
        "done": ("Done", "已完成"),
        "missed": ("Missed", "已逾期"),
        "cancelled": ("Cancelled", "已取消"),
    },
    enums.AlertRule: {
        "dormant": ("Dormant", "休眠"),
        "outflow": ("Outflow", "资金流出"),
        "drawdown": ("Drawdown", "大幅亏损"),
        "activity_drop": ("Activity drop", "交易骤减"),
        "contact_gap": ("Contact gap", "久未联系"),
        "complaint": ("Complaint", "投诉"),
        "orphaned": ("Orphaned", "无人服务"),
    },
    enums.AlertStatus: {
        "open": ("Open", "待处理"),
        "acknowledged": ("Acknowledged", "已确认"),
        "in_progress": ("In progress", "处理中"),
        "resolved": ("Resolved", "已结案"),
    },
    enums.Resolution: {
        "retained": ("Retained", "已挽留"),
        "lost": ("Lost", "已流失"),
        "false_alarm": ("False alarm", "误报"),
    },
    enums.ChurnReason: {
        "commission": ("Commission too high", "佣金太高"),
        "competitor": ("Moved to a competitor", "客户转走"),
        "few_products": ("Too few products", "产品太单一"),
        "market": ("Market downturn", "行情难做"),
        "poor_service": ("Poor service", "服务太差"),
        "outdated_branch": ("Outdated branch or systems", "大堂与设备硬件太差"),
        "other": ("Other", "其他"),
    },
    enums.RetentionLever: {
        "commission_discount": ("Commission discount", "让利手续费"),
        "points_gifts": ("Points and gifts", "积分换礼"),
        "research": ("Differentiated research", "讯息内容差异化"),
        "trading_system": ("Better trading system", "下单系统差异化"),
        "closer_advisory": ("Closer advisory", "顾问服务精细化"),
        "wealth_products": ("Wealth products", "理财产品"),
    },
    enums.AdvisorLevel: {
        "junior": ("Junior", "初级"),
        "senior": ("Senior", "资深"),
        "certified": ("Certified", "持证投顾"),
    },
    enums.AdvisorStatus: {
        "active": ("Active", "在岗"),
        "on_leave": ("On leave", "休假"),
        "departed": ("Departed", "已离职"),
    },
    enums.CampaignStatus: {
        "draft": ("Draft", "草稿"),
        "running": ("Running", "进行中"),
        "closed": ("Closed", "已结束"),
    },
}

# Words of the interfaces: key → (English, Chinese). Capabilities add theirs with ``add``.
WORDS: dict[str, tuple[str, str]] = {
    "account_id": ("Account", "资金账号"),
    "name": ("Name", "客户姓名"),
    "phone": ("Phone", "手机号码"),
    "id_number": ("ID number", "身份证号"),
    "tier": ("Tier", "客户分层"),
    "status": ("Status", "状态"),
    "total_assets": ("Assets", "总资产"),
    "last_trade_date": ("Last trade", "最近交易"),
    "last_contact_date": ("Last contact", "最近联系"),
    "advisor": ("Advisor", "理财经理"),
    "risk_level": ("Risk level", "风险等级"),
    "open_date": ("Opened", "开户日期"),
    "preferences": ("Prefers", "投资偏好"),
    "birthday": ("Birthday", "生日"),
    "contact_consent": ("May contact", "同意联系"),
    "preferred_channel": ("Channel", "联系方式"),
    "none": ("—", "—"),
    "yes": ("yes", "是"),
    "no": ("no", "否"),
    "showing": ("Showing {shown} of {total}", "显示 {shown} / 共 {total}"),
    "no_matches": ("No client matches {query!r}.", "没有找到与“{query}”匹配的客户。"),
    # -- terminal UI --
    "tui.title": ("BranchDesk", "营业部客户服务台"),
    "tui.screen.dashboard": ("Dashboard", "总览"),
    "tui.screen.dashboard.help": (
        "Alerts, my tasks, this month's clients, advisors' books",
        "预警、我的待办、本月客户增减、理财经理客户数",
    ),
    "tui.screen.clients": ("Clients", "客户档案"),
    "tui.screen.clients.help": ("Search and browse the client book", "查找和浏览客户档案"),
    "tui.key.help": ("Help", "帮助"),
    "tui.key.quit": ("Quit", "退出"),
    "tui.key.palette": ("Commands", "命令"),
    "tui.key.back": ("Back", "返回"),
    "tui.key.refresh": ("Refresh", "刷新"),
    "tui.key.sort": ("Sort", "排序"),
    "tui.key.open": ("Open", "打开"),
    "tui.key.clear": ("Clear", "清空"),
    "tui.key.results": ("Results", "结果"),
    "tui.key.search": ("Search", "搜索"),
    "tui.key.sign_out": ("Sign out", "退出登录"),
    "tui.key.lang": ("中文", "English"),
    "tui.key.submit": ("Sign in", "登录"),
    "tui.signed_in_as": ("{name} · {role}", "{name} · {role}"),
    "tui.signin.title": ("Sign in", "登录"),
    "tui.signin.server": ("Server: {url}", "服务器：{url}"),
    "tui.signin.username": ("Username", "用户名"),
    "tui.signin.password": ("Password", "密码"),
    "tui.signin.working": ("Signing in…", "正在登录…"),
    "tui.signin.failed": ("Sign-in failed: {detail}", "登录失败：{detail}"),
    "tui.signin.wrong": ("wrong username or password", "用户名或密码错误"),
    "tui.signin.locked": (
        "account locked after {count} wrong passwords; try again in {minutes} min or ask an admin",
        "密码连续错误{count}次，账户已锁定；请{minutes}分钟后再试，或联系管理员",
    ),
    "tui.signin.disabled": ("this account is disabled; ask an admin", "该账户已停用，请联系管理员"),
    "tui.signin.flood": (
        "too many sign-in attempts; wait {seconds} s",
        "登录尝试过于频繁，请{seconds}秒后再试",
    ),
    "tui.signin.empty": ("Enter your username and password.", "请输入用户名和密码。"),
    "tui.signin.expired": (
        "Your session has ended. Sign in again; what you typed is kept.",
        "登录已失效，请重新登录；已输入的内容不会丢失。",
    ),
    "tui.offline": (
        "Cannot reach the server at {url}. Retrying every {seconds} s; your screen is kept.",
        "无法连接服务器 {url}，每 {seconds} 秒自动重试；当前内容不会丢失。",
    ),
    "tui.online": ("Connected to the server again.", "已重新连接服务器。"),
    "tui.refused": ("The server refused: {detail}", "服务器拒绝了请求：{detail}"),
    "tui.forbidden": ("Your role may not do this: {detail}", "您的角色无权执行此操作：{detail}"),
    "tui.not_found": ("Not found: {detail}", "未找到：{detail}"),
    "tui.loading": ("Loading…", "加载中…"),
    "tui.dash.as_of": ("{day} · {clients} clients on the book", "{day} · 共 {clients} 位客户"),
    "tui.dash.alerts": ("Open churn alerts", "待处理流失预警"),
    "tui.dash.severity.high": ("High", "高"),
    "tui.dash.severity.medium": ("Medium", "中"),
    "tui.dash.severity.low": ("Low", "低"),
    "tui.dash.tasks": ("My tasks", "我的待办"),
    "tui.dash.tasks_pending": ("Arrives with the service desk.", "服务任务功能上线后显示。"),
    "tui.dash.due_today": ("Due today", "今日到期"),
    "tui.dash.overdue": ("Overdue", "已逾期"),
    "tui.dash.month": ("This month ({month})", "本月客户增减（{month}）"),
    "tui.dash.flow": (
        "gained {gained} − lost {lost} = {net}",
        "新增 {gained} − 流失 {lost} = {net}",
    ),
    "tui.dash.flow_note": (
        "Gained: accounts opened. Lost: accounts closed or alerts resolved as lost.",
        "新增：本月开户；流失：本月销户或预警结案为流失。",
    ),
    "tui.dash.books": ("Advisors' books", "理财经理客户数"),
    "tui.dash.part_time": ("part-time ×{capacity}", "兼职 ×{capacity}"),
    "tui.clients.search": (
        "Search: account, phone tail, name or pinyin initials (wns)",
        "搜索：资金账号、手机尾号、姓名或拼音首字母（如 wns）",
    ),
    "tui.clients.sorted": ("sorted by {sort}", "按{sort}"),
    "tui.clients.matches": (
        "“{query}”: {count} found, best first",
        "“{query}”匹配 {count} 位客户，最相关的在前",
    ),
    "tui.sort.assets": ("assets, largest first", "总资产从高到低"),
    "tui.sort.last_trade": ("last trade, most recent first", "最近交易从近到远"),
    "tui.sort.idle": ("last trade, longest idle first", "最近交易从远到近"),
    "tui.sort.tier": ("tier, core first", "客户分层（核心在前）"),
    "tui.screen.client": ("Client", "客户详情"),
    "tui.detail.profile": ("Profile", "客户资料"),
    "tui.detail.masked": (
        "Phone and ID number are masked for your role.",
        "您的角色只能看到脱敏后的手机号和身份证号。",
    ),
    "tui.detail.full": (
        "Shown in full; this view is recorded in the audit trail.",
        "完整显示；本次查看已记入审计日志。",
    ),
    "tui.detail.account_type": ("Account type", "账户类型"),
    "tui.detail.email": ("Email", "电子邮箱"),
    "tui.detail.closed": ("Closed", "销户日期"),
    "tui.detail.peak": ("12-month peak", "12个月峰值"),
    "tui.detail.chart": ("Assets, last 12 months", "近12个月总资产"),
    "tui.detail.no_activity": ("No activity reported yet.", "暂无资产记录。"),
    "tui.detail.advisor": ("Advisor and assignment history", "理财经理与分配记录"),
    "tui.detail.since": ("since {day}", "自{day}起"),
    "tui.detail.unassigned": ("No advisor assigned.", "尚未分配理财经理。"),
    "tui.detail.moved": ("{day}: {old} → {new} (by {actor})", "{day}：{old} → {new}（{actor}）"),
    "tui.detail.no_moves": ("No reassignments on record.", "暂无调整记录。"),
    "tui.detail.tasks": ("Tasks", "服务记录"),
    "tui.detail.no_tasks": ("No tasks yet.", "暂无服务记录。"),
    "tui.detail.alerts": ("Churn alerts", "流失预警"),
    "tui.col.due": ("Due", "日期"),
    "tui.col.channel": ("Channel", "渠道"),
    "tui.col.purpose": ("Purpose", "目的"),
    "tui.col.task_status": ("Status", "状态"),
    "tui.col.outcome": ("Outcome", "结果"),
    "tui.col.notes": ("Notes", "备注"),
    "tui.help.title": ("Keys", "快捷键"),
    "tui.help.screens": ("Screens", "页面"),
    "tui.help.this_screen": ("This screen", "本页"),
    "tui.help.everywhere": ("Everywhere", "全局"),
    "tui.help.close": ("Escape closes this help.", "按 Esc 关闭帮助。"),
    "tui.cmd.goto": ("Go to: {title}", "前往：{title}"),
    "tui.cmd.lang": ("Language: 中文", "语言：English"),
    "tui.cmd.lang.help": ("Show every label in Chinese", "所有文字改用英文"),
    "tui.cmd.sign_out.help": ("End this session and return to sign-in", "结束本次登录，回到登录页"),
    "tui.cmd.help.help": ("Every key of this screen and the app", "本页及全局的所有快捷键"),
    "tui.cmd.quit.help": ("Leave BranchDesk", "退出营业部客户服务台"),
    "tui.palette.placeholder": ("Search for commands…", "搜索命令…"),
    "tui.cmd.refresh.help": ("Fetch this screen's data again", "重新获取本页数据"),
    "tui.cmd.sort": ("Sort by {sort}", "排序：{sort}"),
    "tui.cmd.back.help": ("Close this screen", "关闭本页"),
    # -- churn alerts --------------------------------------------------------------------
    "churn.alert": ("Alert", "预警"),
    "churn.rule": ("Rule", "规则"),
    "churn.severity": ("Severity", "严重度"),
    "churn.assets_at_risk": ("At risk", "涉及资产"),
    "churn.evidence": ("Evidence", "依据"),
    "churn.raised_at": ("Raised", "预警时间"),
    "churn.resolution": ("Resolution", "结果"),
    "churn.reason": ("Reason", "流失原因"),
    "churn.task": ("Task", "任务"),
    "churn.history": ("History", "处理记录"),
    "churn.no_alerts": ("No alerts match.", "没有符合条件的预警。"),
    "churn.scan_done": (
        "Scanned {clients} clients on {on}: {findings} findings, {raised} new alerts, "
        "{reraised} raised again, {updated} updated, {unchanged} unchanged ({seconds:.2f} s).",
        "{on}扫描{clients}位客户：命中{findings}条，新预警{raised}条，再次预警{reraised}条，"
        "更新{updated}条，未变{unchanged}条（{seconds:.2f}秒）。",
    ),
    "churn.ev.dormant": (
        "no trade for {days} days (since {since}); assets {assets}",
        "{days}天无交易（自{since}起）；资产{assets}",
    ),
    "churn.ev.outflow": (
        "net out {net_out} = {ratio} of assets in {window_days} days ({from} – {to})",
        "{window_days}天内净转出{net_out}，占资产{ratio}（{from}至{to}）",
    ),
    "churn.ev.drawdown": (
        "assets {peak_assets} ({peak_date}) → {assets_now} = −{drawdown} net of transfers "
        "(loss about {loss}; moved in/out since the peak {net_transfers})",
        "资产由{peak_assets}（{peak_date}）降至{assets_now}，扣除转入转出后下跌{drawdown}"
        "（亏损约{loss}；高点后净转入{net_transfers}）",
    ),
    "churn.ev.activity_drop": (
        "{recent_trades} trades in the last {window_days} days vs {prior_trades} in the "
        "{window_days} days before ({ratio})",
        "近{window_days}天交易{recent_trades}笔，此前{window_days}天{prior_trades}笔（{ratio}）",
    ),
    "churn.ev.contact_gap": (
        "no contact for {days} days (since {since}); {tier} clients every {cadence_days} days",
        "{days}天未联系（自{since}起）；{tier}应每{cadence_days}天联系一次",
    ),
    "churn.ev.complaint": (
        "complaint on {date} ({days_ago} days ago), task {task_id}",
        "{date}投诉（{days_ago}天前），任务{task_id}",
    ),
    "churn.ev.orphaned.departed": (
        "advisor {advisor_id} has departed",
        "理财经理{advisor_id}已离职",
    ),
    "churn.ev.orphaned.on_leave": (
        "advisor {advisor_id} on leave {leave_from} – {leave_to} ({leave_days} days)",
        "理财经理{advisor_id}休假{leave_from}至{leave_to}（{leave_days}天）",
    ),
    "churn.ev.orphaned.none": ("no advisor assigned", "未分配理财经理"),
    "churn.ev.orphaned.unknown": (
        "advisor {advisor_id} is not on file",
        "理财经理{advisor_id}不在名册中",
    ),
    "churn.funnel": ("Alert funnel", "预警漏斗"),
    "churn.raised": ("Raised", "预警"),
    "churn.acknowledged": ("Acknowledged", "已确认"),
    "churn.retained": ("Retained", "已挽留"),
    "churn.lost": ("Lost", "已流失"),
    "churn.false_alarm": ("False alarm", "误报"),
    "churn.open": ("Open", "未结案"),
    "churn.median_hours": ("Median hours to first action", "首次处理中位时长（小时）"),
    "churn.all_rules": ("All rules", "全部规则"),
    "churn.clients": ("Clients", "客户数"),
    "churn.assets": ("Assets", "资产"),
    "churn.share": ("Share", "占比"),
    "churn.by_count": ("Churn reasons by clients", "流失原因（按客户数）"),
    "churn.by_assets": ("Churn reasons by assets", "流失原因（按资产）"),
    "churn.month": ("Month", "月份"),
    "churn.gained": ("Gained", "新增"),
    "churn.net": ("Net", "净增"),
    "churn.flow": ("Net client flow", "客户净流量"),
    # -- churn alerts: terminal UI (alerts screen, its dialogs, dashboard and client panels)
    "tui.screen.alerts": ("Alerts", "流失预警"),
    "tui.screen.alerts.help": (
        "Triage churn alerts, most severe first",
        "按严重度处理流失预警",
    ),
    "tui.key.ack": ("Acknowledge", "确认"),
    "tui.key.task": ("Follow-up", "跟进任务"),
    "tui.key.resolve": ("Resolve", "结案"),
    "tui.key.client": ("Client", "客户"),
    "tui.key.filter": ("Filter", "筛选"),
    "tui.key.scan": ("Scan", "扫描"),
    "tui.key.reports": ("Reports", "报表"),
    "tui.key.rules": ("Rules", "规则"),
    "tui.key.all_clients": ("All clients", "全部客户"),
    "tui.key.to_alert": ("Alert", "查看预警"),
    "tui.key.cancel": ("Cancel", "取消"),
    "tui.key.save": ("Save", "保存"),
    "tui.cmd.ack.help": (
        "You have seen the alert and own the next step",
        "已看到预警，由我负责下一步",
    ),
    "tui.cmd.task.help": (
        "Create the follow-up task (the client's advisor, next working day)",
        "创建跟进任务（客户的理财经理，下一个工作日）",
    ),
    "tui.cmd.resolve.help": (
        "Retained, lost (with a reason) or a false alarm",
        "已挽留、已流失（注明原因）或误报",
    ),
    "tui.cmd.client.help": ("Open the alert's client", "打开预警对应的客户"),
    "tui.cmd.filter.help": (
        "Filter by status, rule, tier or advisor",
        "按状态、规则、分层或理财经理筛选",
    ),
    "tui.cmd.scan.help": (
        "Run the churn rules over the whole book now",
        "立即对全部客户运行预警规则",
    ),
    "tui.cmd.reports.help": (
        "Alert funnel, why clients leave, net client flow",
        "预警漏斗、流失原因、客户净流量",
    ),
    "tui.cmd.rules.help": ("See and change the churn rule thresholds", "查看和修改流失预警规则"),
    "tui.cmd.all_clients.help": ("Show every client's alerts again", "重新显示全部客户的预警"),
    "tui.cmd.rule": ("Filter: {rule} alerts", "筛选：{rule}预警"),
    "tui.sort.severity": ("severity, most severe first", "严重度从高到低"),
    "tui.sort.at_risk": ("assets at risk, largest first", "涉及资产从高到低"),
    "tui.sort.raised": ("raised, newest first", "预警时间从新到旧"),
    "tui.alerts.unresolved": ("Unresolved", "未结案"),
    "tui.alerts.all_statuses": ("All statuses", "全部状态"),
    "tui.alerts.all_tiers": ("All tiers", "全部分层"),
    "tui.alerts.all_advisors": ("All advisors", "全部理财经理"),
    "tui.alerts.client": (
        "{name}'s alerts ({account}) · Esc shows all",
        "{name}（{account}）的预警 · 按 Esc 显示全部",
    ),
    "tui.alerts.pick": ("Pick an alert in the list first.", "请先在列表中选择一条预警。"),
    "tui.alerts.raised": ("raised {day}", "{day}预警"),
    "tui.alerts.score": ("severity {score} ({band})", "严重度 {score}（{band}）"),
    "tui.alerts.step": ("{when}  {status} by {by}", "{when}  {by}：{status}"),
    "tui.alerts.no_steps": ("Nobody has acted on it yet.", "尚无人处理。"),
    "tui.alerts.task": ("Follow-up task {id}", "跟进任务 {id}"),
    "tui.alerts.empty": (
        "The daily churn scan raises alerts each morning; none are open now.",
        "每天早上的流失扫描会生成预警；目前没有待处理的预警。",
    ),
    "tui.alerts.empty_scan": (
        "The daily churn scan raises alerts each morning; press s to scan now.",
        "每天早上的流失扫描会生成预警；按 s 立即扫描。",
    ),
    "tui.dash.reports_hint": ("g: why clients left", "按 g 查看流失原因排行"),
    "tui.alerts.ended": ("Ended: {resolution}", "结案：{resolution}"),
    "tui.alerts.acknowledged": (
        "Acknowledged: {name}'s {rule} alert.",
        "已确认：{name}的{rule}预警。",
    ),
    "tui.alerts.task_created": (
        "Follow-up task for {name}: {channel}, {purpose}, due {due}, {assignee}.",
        "已为{name}创建跟进任务：{channel}，{purpose}，{due}到期，负责人{assignee}。",
    ),
    "tui.alerts.resolved": (
        "Resolved as {resolution}: {name}'s {rule} alert.",
        "已结案（{resolution}）：{name}的{rule}预警。",
    ),
    "tui.alerts.changed": (
        "{name}'s {rule} alert changed since you loaded it: it is now {status} (last step by "
        "{by}). It has been reloaded; check it and try again.",
        "{name}的{rule}预警在您加载后已被更改：现为“{status}”（最近由{by}处理）。"
        "已重新加载，请核对后再操作。",
    ),
    "tui.alerts.cannot": (
        "This alert is {status}: {action} is not possible.",
        "该预警当前为“{status}”，不能{action}。",
    ),
    "tui.ack.title": ("Acknowledge {name}'s {rule} alert", "确认{name}的{rule}预警"),
    "tui.ack.hint": (
        "You have seen it and own the next step.",
        "表示您已看到此预警，并负责下一步处理。",
    ),
    "tui.form.note": ("Note (optional)", "备注（可选）"),
    "tui.form.refused": ("Not saved:", "未保存："),
    "tui.colon": ("{label}: ", "{label}："),
    "tui.form.working": ("Saving…", "正在保存…"),
    "tui.task.title": ("Follow-up task for {name}", "为{name}创建跟进任务"),
    "tui.task.due": (
        "Due date, YYYY-MM-DD (empty: the next working day)",
        "到期日 YYYY-MM-DD（留空：下一个工作日）",
    ),
    "tui.task.hint": (
        "Assigned to the client's advisor (their backup while they are away). Relationship "
        "first: care, not a sales call.",
        "由客户的理财经理负责（其不在岗时由备岗负责）。以维护关系为先：是关怀，不是推销。",
    ),
    "tui.resolve.title": ("Resolve {name}'s {rule} alert", "结案：{name}的{rule}预警"),
    "tui.resolve.how": ("How did it end?", "结果"),
    "tui.resolve.reason": ("Why did they leave? (required when lost)", "流失原因（已流失时必填）"),
    "tui.resolve.reason_text": (
        "The reason in words (required for Other)",
        "具体原因（选“其他”时必填）",
    ),
    "tui.resolve.choose": ("choose how it ended", "请选择结果"),
    "tui.rules.title": ("Churn rules · version {version}", "流失预警规则 · 第{version}版"),
    "tui.rules.hint": (
        "Pick a setting, type its new value, Enter saves (checked by the server, audited).",
        "选择一项设置，输入新值，按回车保存（由服务器校验，记入审计日志）。",
    ),
    "tui.rules.setting": ("Setting", "设置"),
    "tui.rules.value": ("Value", "当前值"),
    "tui.rules.new_value": ("New value for {setting}", "{setting}的新值"),
    "tui.rules.saved": (
        "Saved: {setting} = {value} (version {version}).",
        "已保存：{setting} = {value}（第{version}版）。",
    ),
    "tui.rules.unchanged": ("Nothing changed.", "没有变化。"),
    "tui.rules.stale": (
        "Someone changed the rules since you opened them (now version {version}). They "
        "have been reloaded: check and save again.",
        "规则在您打开后已被他人修改（现为第{version}版），已重新加载，请核对后再保存。",
    ),
    "tui.rules.read_only": ("Only a manager may change them.", "仅营业部负责人可修改。"),
    "rules.churn.enabled": ("Rules switched on", "启用的规则"),
    "rules.churn.dormant_days": ("Dormant: days without a trade", "休眠：无交易天数"),
    "rules.churn.dormant_min_assets": ("Dormant: assets at least ¥", "休眠：最低资产（元）"),
    "rules.churn.outflow_window_days": ("Outflow: window in days", "资金流出：统计天数"),
    "rules.churn.outflow_ratio": (
        "Outflow: share of assets out (0–1)",
        "资金流出：转出占资产比例（0–1）",
    ),
    "rules.churn.outflow_amount": ("Outflow: or an amount out of ¥", "资金流出：或转出金额（元）"),
    "rules.churn.drawdown_ratio": (
        "Drawdown: fall from the peak (0–1)",
        "大幅亏损：较高点跌幅（0–1）",
    ),
    "rules.churn.drawdown_window_months": (
        "Drawdown: peak of the last months",
        "大幅亏损：高点回看月数",
    ),
    "rules.churn.activity_window_days": ("Activity drop: window in days", "交易骤减：统计天数"),
    "rules.churn.activity_drop_ratio": (
        "Activity drop: below this share (0–1)",
        "交易骤减：低于此前比例（0–1）",
    ),
    "rules.churn.activity_min_prior_trades": (
        "Activity drop: trades before, at least",
        "交易骤减：此前最少交易笔数",
    ),
    "rules.churn.complaint_window_days": ("Complaint: within days", "投诉：统计天数"),
    "rules.churn.orphan_leave_days": ("Orphaned: leave longer than days", "无人服务：休假超过天数"),
    "rules.churn.scan_time": ("Daily scan at (HH:MM)", "每日扫描时间（HH:MM）"),
    "tui.reports.title": ("Churn reports", "流失报表"),
    "tui.reports.lost": (
        "{clients} clients lost · {assets} at risk",
        "流失{clients}位客户 · 涉及资产{assets}",
    ),
    "tui.reports.none_lost": ("No client has been resolved as lost yet.", "尚无结案为流失的客户。"),
    "tui.dash.alerts_hint": ("{hotkey} opens the queue", "按 {hotkey} 处理预警"),
    "tui.dash.alerts_not_for_role": (
        "Triaged by the front desk, advisors and managers.",
        "由前台、理财经理和负责人处理。",
    ),
    "tui.detail.no_alerts": ("No churn alerts.", "暂无流失预警。"),
    # -- fair assignment --------------------------------------------------------------------
    "reason_departed": ("{frm} is departing", "{frm}离职"),
    "reason_on_leave": ("{frm} is on leave until {until}", "{frm}休假至{until}"),
    "reason_no_capacity": ("{frm} takes no clients (capacity 0)", "{frm}暂不承接客户（产能为0）"),
    "reason_ineligible": ("{frm} lacks {needs}", "{frm}不满足{needs}"),
    "reason_balance": (
        "{frm}'s book of {load} is above the band (at most {high})",
        "{frm}名下负荷{load}，超出均衡区间（上限{high}）",
    ),
    "reason_unassigned": ("new client", "新客户"),
    "reason_return": ("{to} is back from leave", "{to}休假结束"),
    "reason_changed": (
        "reassigned after the plan was applied (now with {to})",
        "计划执行后已被再次调整（现由{to}服务）",
    ),
    "reason_gone": ("no longer on the book", "已不在客户名册中"),
    "reason_no_eligible": ("no active advisor has {needs}", "没有在岗理财经理满足{needs}"),
    "reason_no_one": ("no advisor is taking clients", "目前没有在岗理财经理可承接客户"),
    "reason_to_backup": ("backup {to}", "由备岗{to}接手"),
    "reason_to": ("{to}", "由{to}接手"),
    "reason_skill": ("has {skill} level {level}", "{skill}{level}级"),
    "reason_load": ("load {before} → {after}", "负荷 {before} → {after}"),
    "reason_sep": ("; ", "；"),
    "reason_skill_sep": (" ", "，"),
    "reason_and": (" and ", "和"),
    "need_senior": ("a senior or certified level", "资深或持证投顾资格"),
    "need_skill": ("{skill} level {level}+", "{skill}{level}级以上"),
    "plan": ("Plan", "调整方案"),
    "plan_kind": ("Kind", "类型"),
    "plan_status": ("Status", "状态"),
    "plan_kind_rebalance": ("rebalance", "整体均衡"),
    "plan_kind_departure": ("departure", "离职交接"),
    "plan_kind_leave": ("leave", "休假代管"),
    "plan_kind_return": ("return from leave", "休假归来"),
    "plan_kind_new_clients": ("new clients", "新客户分配"),
    "plan_status_preview": ("preview", "预览"),
    "plan_status_applied": ("applied", "已执行"),
    "plan_status_undone": ("undone", "已撤销"),
    "moves": ("Moves", "调整客户数"),
    "move_cost": ("Move cost", "调整代价"),
    "spread": ("Largest deviation", "最大偏离"),
    "eligible_share": ("On an eligible advisor", "匹配合规占比"),
    "unplaceable": ("No eligible advisor", "无可分配理财经理"),
    "load_before": ("Before", "调整前"),
    "load_after": ("After", "调整后"),
    "target": ("Target", "目标"),
    "band": ("Band", "均衡区间"),
    "from_advisor": ("From", "原理财经理"),
    "to_advisor": ("To", "新理财经理"),
    "reason": ("Reason", "原因"),
    "capacity": ("Capacity", "产能"),
    "advisor_level": ("Level", "级别"),
    "skills": ("Skills", "技能"),
    "backup": ("Backup", "备岗"),
    "leave": ("Leave", "休假"),
    "clients_count": ("Clients", "客户数"),
    "until": ("until {day}", "至{day}"),
    "more_moves": (
        "… and {count} more moves (--json lists them all)",
        "……另有{count}笔调整（--json 可列出全部）",
    ),
    "apply_hint": (
        "Apply it with: branchdesk rebalance --apply {id}",
        "执行方案：branchdesk rebalance --apply {id}",
    ),
    "plan_applied": (
        "Plan {id} applied: {moves} clients moved.",
        "方案{id}已执行：调整{moves}位客户。",
    ),
    "plan_undone": (
        "Plan {id} undone: {restored} clients restored.",
        "方案{id}已撤销：恢复{restored}位客户。",
    ),
    "not_restored": ("Not restored ({count}):", "未恢复（{count}位）："),
    "returns_none": ("No leave has ended; nobody moves.", "暂无休假结束，无需调整。"),
    # -- fair assignment: terminal UI ------------------------------------------------------
    "tui.screen.advisors": ("Advisors", "理财经理"),
    "tui.screen.advisors.help": (
        "Skills, capacity, leave and backups of every advisor",
        "理财经理的技能、产能、休假与备岗",
    ),
    "tui.screen.rebalance": ("Rebalance", "客户分配"),
    "tui.screen.rebalance.help": (
        "Preview, apply and undo a fair sharing of the book",
        "预览、执行和撤销客户的公平分配方案",
    ),
    "tui.key.edit": ("Edit", "编辑"),
    "tui.key.leave": ("Leave", "休假"),
    "tui.key.end_leave": ("End leave", "销假"),
    "tui.key.depart": ("Depart", "离职"),
    "tui.key.preview": ("Preview", "预览"),
    "tui.key.apply": ("Apply", "执行"),
    "tui.key.undo": ("Undo", "撤销"),
    "tui.key.plans": ("Plans", "历史方案"),
    "tui.skill.stocks": ("stocks", "股票"),
    "tui.skill.funds": ("funds", "基金"),
    "tui.skill.bonds": ("bonds", "债券"),
    "tui.skill.margin": ("margin", "两融"),
    "tui.skill.options": ("options", "期权"),
    "tui.skill.wealth": ("wealth", "理财"),
    "tui.err.at_most": ("must be at most {n}", "不能大于{n}"),
    "tui.err.at_least": ("must be at least {n}", "不能小于{n}"),
    "tui.err.type": ("not a valid value", "格式不正确"),
    "tui.err.field": ("{field}: {message}", "{field}：{message}"),
    "tui.label_sep": (": ", "："),
    "tui.adv.col.level": ("Level", "级别"),
    "tui.adv.col.capacity": ("Cap.", "产能"),
    "tui.adv.col.backup": ("Backup", "备岗"),
    "tui.adv.col.load": ("Load/target", "负荷/目标"),
    "tui.adv.col.skills": ("Skills", "技能"),
    "tui.adv.summary": (
        "{count} advisors · {away} away · {clients} clients on their books",
        "共 {count} 位理财经理 · {away} 位不在岗 · 名下客户 {clients} 位",
    ),
    "tui.adv.read_only": (
        " · only managers edit advisors",
        " · 仅营业部负责人可编辑",
    ),
    "tui.adv.detail": ("Selected advisor", "当前理财经理"),
    "tui.adv.capacity_is": ("capacity {capacity}", "产能 {capacity}"),
    "tui.adv.backup_is": ("backup {backup}", "备岗 {backup}"),
    "tui.adv.skills_are": ("Skills: {skills}", "技能：{skills}"),
    "tui.adv.book": (
        "{clients} clients · load {load} / target {target} (band {low}–{high})",
        "客户 {clients} 位 · 负荷 {load} / 目标 {target}（区间 {low}–{high}）",
    ),
    "tui.adv.book_away": (
        "{clients} clients · away, so no target",
        "客户 {clients} 位 · 不在岗，无目标",
    ),
    "tui.adv.certificates": ("Certificates: {list}", "证书：{list}"),
    "tui.adv.hired": ("hired {day}", "{day}入职"),
    "tui.adv.phone": ("phone {phone}", "手机 {phone}"),
    "tui.adv.backup_for": ("Backup for {who}", "担任 {who} 的备岗"),
    "tui.adv.edit.title": ("Edit {id} {name}", "编辑 {id} {name}"),
    "tui.adv.field.level": ("Level", "级别"),
    "tui.adv.field.capacity": ("Capacity", "产能"),
    "tui.adv.field.skills": ("Skills, 1–5 (empty = none)", "技能等级 1–5（留空 = 无）"),
    "tui.adv.capacity_hint": ("1.0 = full time, 0.5 = half", "1.0 = 全职，0.5 = 半职"),
    "tui.adv.field.backup_id": ("Backup", "备岗"),
    "tui.adv.field.phone": ("Phone", "手机号码"),
    "tui.adv.no_backup": ("no backup", "无备岗"),
    "tui.adv.not_number": ("enter a number, e.g. 0.8", "请输入数字，例如 0.8"),
    "tui.adv.saving": ("Saving…", "正在保存…"),
    "tui.adv.saved": ("{id} {name} saved.", "已保存 {id} {name}。"),
    "tui.adv.unchanged": ("Nothing changed.", "没有修改。"),
    "tui.adv.fix_fields": (
        "Nothing was saved: see the messages under the fields.",
        "未保存：请查看各栏下方的提示。",
    ),
    "tui.adv.stale": (
        "Someone else changed {name} after you opened this. Nothing was saved: "
        "press Esc and open it again to see their change.",
        "您打开之后，{name}的资料已被他人修改，本次未保存。请按 Esc 关闭后重新打开，查看最新资料。",
    ),
    "tui.leave.title": ("Put {name} on leave", "{name}休假"),
    "tui.leave.note": (
        "Their clients go to backup {backup} (or by the rules where the backup may not "
        "serve them) and come back the day after the leave. You see the plan first.",
        "休假期间其客户交由备岗{backup}代管（备岗不符合条件的按规则分配），休假结束次日转回。"
        "执行前会先显示方案。",
    ),
    "tui.leave.leave_from": ("First day away", "休假开始"),
    "tui.leave.leave_to": ("Last day away", "休假结束"),
    "tui.leave.bad_date": ("enter a date like 2026-12-01", "请按 2026-12-01 的格式输入日期"),
    "tui.leave.before_start": ("before the first day away", "早于休假开始日期"),
    "tui.leave.over": ("that day has passed", "该日期已过"),
    "tui.leave.submit": ("Record and plan", "记录并生成方案"),
    "tui.leave.working": ("Recording the leave and planning…", "正在记录休假并生成方案…"),
    "tui.depart.title": ("Has {name} departed?", "{name}离职？"),
    "tui.depart.body": (
        "{name} is marked as departed now; that cannot be undone here. The plan for "
        "their {clients} clients comes next, and nobody moves until you apply it.",
        "现在将{name}标记为离职（此处无法撤回）。随后显示其名下{clients}位客户的调整方案，"
        "执行前不会调整任何客户。",
    ),
    "tui.depart.confirm": ("Mark as departed", "确认离职"),
    "tui.back.title": ("Is {name} back at work?", "{name}销假？"),
    "tui.back.body": (
        "{name} is active again from today, and the clients moved away for the leave "
        "come back (any reassigned since stay where they are).",
        "{name}今天起恢复在岗，休假期间转出的客户将转回（期间被再次调整的客户保持不变）。",
    ),
    "tui.back.confirm": ("End the leave", "确认销假"),
    "tui.back.none": (
        "{name} is back; none of their clients had been moved.",
        "{name}已销假；其客户未曾转出，无需转回。",
    ),
    "tui.back.done": (
        "{name} is back: {moves} clients returned.",
        "{name}已销假：{moves}位客户已转回。",
    ),
    "tui.plan.for": ("The plan for {name}'s clients", "{name}名下客户的调整方案"),
    "tui.plan.apply_n": (
        "Apply: move {moves} clients (cost {cost})",
        "执行：调整{moves}位客户（代价 {cost}）",
    ),
    "tui.plan.not_now": ("Not now", "暂不执行"),
    "tui.plan.later": (
        "Plan {id} is kept as a preview: apply it later on the Rebalance screen (F7).",
        "方案{id}已保存为预览，可稍后在客户分配页（F7）执行。",
    ),
    "tui.plan.nothing": ("Nobody moves in this plan.", "此方案无需调整任何客户。"),
    "tui.rb.balance": ("Balance by", "均衡方式"),
    "tui.rb.balance.count": ("client count", "客户数"),
    "tui.rb.balance.weighted": ("weighted load", "加权负荷"),
    "tui.rb.tolerance": ("Band ±%", "容差 ±%"),
    "tui.rb.scope": ("Move", "调整范围"),
    "tui.rb.scope.all": ("the whole book", "全部客户"),
    "tui.rb.scope.one": ("{id} {name} only", "仅 {id} {name}"),  # short: one line of options
    "tui.rb.scope.away": (" ({status})", "（{status}）"),
    "tui.rb.bad_tolerance": (
        "The band is a percentage from 0 to 100.",
        "容差须为 0 到 100 之间的百分数。",
    ),
    "tui.rb.previewing": ("Computing a plan…", "正在计算方案…"),
    "tui.rb.none_yet": (
        "No plan yet: choose the options above and press P to preview one. Today's loads:",
        "尚无方案：设置上方选项后按 P 预览。当前负荷如下：",
    ),
    "tui.rb.plan": ("Plan {id}", "方案 {id}"),
    "tui.rb.totals": (
        "{moves} moves · cost {cost} · largest deviation {before} → {after} · "
        "on an eligible advisor {eb} → {ea} · no eligible advisor {unplaceable}",
        "调整 {moves} 位 · 代价 {cost} · 最大偏离 {before} → {after} · "
        "匹配合规 {eb} → {ea} · 无可分配 {unplaceable} 位",
    ),
    "tui.rb.loads": ("Loads before → after", "负荷：调整前 → 调整后"),
    "tui.rb.loads_now": ("Loads today", "当前负荷"),
    "tui.rb.legend.before": ("before", "调整前"),
    "tui.rb.legend.inside": ("after, inside the band", "调整后，在区间内"),
    "tui.rb.legend.inside_now": ("inside the band", "在区间内"),
    "tui.rb.legend.outside": ("outside it", "超出区间"),
    "tui.rb.legend.target": ("target", "目标"),
    "tui.rb.moves": ("Moves", "调整明细"),
    "tui.rb.moves_count": ("Clients in the plan ({count})", "方案涉及客户（{count}）"),
    "tui.rb.matching": ("{shown} of {total} matching", "匹配 {total} 位，显示 {shown} 位"),
    "tui.rb.filter": (
        "/ filter: account, name or advisor (A06, 李娜)",
        "/ 筛选：资金账号、姓名或理财经理（A06、李娜）",
    ),
    "tui.rb.no_moves": ("Nobody moves.", "无客户需要调整。"),
    "tui.rb.col.route": ("From → to", "原 → 新"),
    "tui.rb.col.reason": ("Why", "原因"),
    "tui.rb.stays": ("stays", "保持不变"),
    "tui.rb.not_restored": ("not undone", "未恢复"),
    "tui.rb.no_preview": (
        "Only a preview can be applied: press P to make one.",
        "只有预览方案可以执行：请按 P 预览。",
    ),
    "tui.rb.not_preview": (
        "Plan {id} was {status} meanwhile; it cannot be applied now.",
        "方案 {id} 已被{status}，现在不能执行。",
    ),
    "tui.rb.stale": (
        "The book changed since this preview — preview again (P).",
        "预览之后客户或理财经理已有变动，请重新预览（P）。",
    ),
    "tui.rb.apply.title": ("Apply plan {id}?", "执行方案 {id}？"),
    "tui.rb.apply.body": (
        "{moves} clients get a new advisor (move cost {cost}); the largest deviation "
        "goes {before} → {after}. Each new advisor gets a handover call to make. "
        "You can undo it afterwards.",
        "{moves}位客户将更换理财经理（调整代价{cost}）；最大偏离{before}→{after}。"
        "新理财经理各获一项交接电话任务。执行后可撤销。",
    ),
    "tui.rb.apply.yes": ("Apply {moves} moves", "执行{moves}项调整"),
    "tui.rb.no_applied": (
        "Only an applied plan can be undone: open one with H.",
        "只有已执行的方案可以撤销：按 H 打开历史方案。",
    ),
    "tui.rb.undo.title": ("Undo plan {id}?", "撤销方案 {id}？"),
    "tui.rb.undo.body": (
        "The {moves} clients go back to their previous advisor; any reassigned since "
        "stay where they are and are listed.",
        "{moves}位客户将回到原理财经理；此后被再次调整的客户保持不变，并会列出。",
    ),
    "tui.rb.not_restored_note": (
        " {count} could not be: they were reassigned since (listed first).",
        "另有{count}位未恢复：此后已被再次调整（列在最前）。",
    ),
    "tui.rb.plans": ("Plans, newest first", "历史方案（最新在前）"),
    "tui.rb.no_plans": ("No plans yet.", "暂无方案。"),
    "tui.rb.col.plan": ("Plan", "方案"),
    "tui.rb.col.when": ("When", "时间"),
    "tui.rb.col.moves": ("Moves", "调整数"),
    "tui.rb.col.by": ("By", "操作人"),
    "tui.cmd.adv.edit": ("Edit the selected advisor", "编辑当前理财经理"),
    "tui.cmd.adv.edit.help": (
        "Level, capacity, skills, backup, phone",
        "级别、产能、技能、备岗、手机",
    ),
    "tui.cmd.adv.leave": ("Put the selected advisor on leave", "当前理财经理休假"),
    "tui.cmd.adv.leave.help": (
        "Dates, then the plan for their clients",
        "填写日期，随后显示客户代管方案",
    ),
    "tui.cmd.adv.back": ("End the selected advisor's leave", "当前理财经理销假"),
    "tui.cmd.adv.back.help": ("Active from today; their clients come back", "今天起在岗，客户转回"),
    "tui.cmd.adv.depart": ("Record the selected advisor's departure", "当前理财经理离职"),
    "tui.cmd.adv.depart.help": ("Then the plan for their clients", "随后显示其客户的调整方案"),
    "tui.cmd.rb.preview": ("Preview a plan", "预览方案"),
    "tui.cmd.rb.preview.help": ("With the options on the screen", "按页面上的选项计算"),
    "tui.cmd.rb.apply": ("Apply the plan shown", "执行当前方案"),
    "tui.cmd.rb.apply.help": ("After a confirmation", "确认后执行"),
    "tui.cmd.rb.undo": ("Undo the plan shown", "撤销当前方案"),
    "tui.cmd.rb.undo.help": (
        "Clients go back, unless reassigned since",
        "客户转回（此后被再次调整的除外）",
    ),
    "tui.cmd.rb.plans": ("Past plans", "历史方案"),
    "tui.cmd.rb.plans.help": ("Open or undo an earlier plan", "打开或撤销以前的方案"),
    "tui.cmd.rb.filter": ("Filter the clients of the plan", "筛选方案中的客户"),
    "tui.cmd.rb.filter.help": ("By account, name or advisor", "按资金账号、姓名或理财经理"),
    # -- service desk --
    "task": ("Task", "任务"),
    "due_date": ("Due", "计划日期"),
    "channel": ("Channel", "渠道"),
    "kind": ("Kind", "服务类型"),
    "purpose": ("Purpose", "目的"),
    "direction": ("Direction", "来源"),
    "outcome": ("Outcome", "结果"),
    "assignee": ("Assignee", "负责人"),
    "cost": ("Cost", "成本"),
    "notes": ("Notes", "备注"),
    "attempts": ("Attempts", "尝试次数"),
    "flagged": ("Flagged", "需关注"),
    "satisfaction": ("Satisfaction", "满意度"),
    "no_tasks": ("No tasks.", "没有任务。"),
    "tasks_today": ("Due today", "今日待办"),
    "tasks_overdue": ("Overdue", "已逾期"),
    "clients_n": ("Clients", "客户数"),
    "contacted": ("Contacted in cadence", "按期联系"),
    "coverage": ("Coverage", "覆盖率"),
    "tasks_n": ("Tasks", "任务数"),
    "share": ("Share", "占比"),
    "oldest": ("Oldest", "最早"),
    "targeted": ("Targeted", "目标客户"),
    "reached": ("Reached", "已联系"),
    "reactivated": ("Re-activated", "已激活"),
    "cost_per_reactivation": ("Cost per re-activation", "单客激活成本"),
    "campaign": ("Campaign", "活动"),
    "period": ("Period", "期间"),
    "occasion.spring_festival": ("Spring Festival", "春节"),
    "occasion.mid_autumn": ("Mid-Autumn Festival", "中秋节"),
    "occasion.national_day": ("National Day", "国庆节"),
    "occasion.birthday": ("Birthday", "生日"),
    "thank_you.deposit": ("Large deposit", "大额转入"),
    "thank_you.referral": ("Referral given", "转介绍"),
    "thank_you.new_product": ("New product bought", "购买新产品"),
    "greeting.branch": ("the branch", "本营业部"),
    "greeting.signoff": (" — {advisor}, your advisor", "——您的理财经理{advisor}"),
    "greeting.spring_festival": (
        "Dear {name}, Happy Spring Festival! Everyone at {branch} wishes you and your family "
        "good health and happiness in the new year.",
        "尊敬的{name}：新春佳节来临之际，{branch}全体同仁恭祝您和家人新春快乐、阖家幸福、万事如意！",
    ),
    "greeting.mid_autumn": (
        "Dear {name}, everyone at {branch} wishes you and your family a happy Mid-Autumn "
        "Festival and a joyful reunion under the full moon.",
        "尊敬的{name}：月圆人团圆，{branch}祝您和家人中秋快乐、幸福安康！",
    ),
    "greeting.national_day": (
        "Dear {name}, everyone at {branch} wishes you a happy National Day and a pleasant holiday.",
        "尊敬的{name}：国庆佳节，{branch}祝您节日快乐、假期愉快！",
    ),
    "greeting.birthday": (
        "Dear {name}, happy birthday! Everyone at {branch} wishes you good health and every "
        "success in the year ahead.",
        "尊敬的{name}：今天是您的生日，{branch}祝您生日快乐、身体健康、万事顺意！",
    ),
    # -- service desk TUI --
    "tui.screen.tasks": ("Tasks", "服务任务"),
    "tui.screen.tasks.help": (
        "My tasks today, overdue and this week; log, plan, complete",
        "我的今日、逾期和本周任务；登记、计划、完成",
    ),
    "tui.screen.campaigns": ("Campaigns", "激活活动"),
    "tui.screen.campaigns.help": (
        "Dormant-activation campaigns: create, preview, run, results",
        "休眠客户激活活动：创建、预演、执行、效果",
    ),
    "tui.screen.reports": ("Reports", "服务报表"),
    "tui.screen.reports.help": (
        "Coverage, overdue tasks, channel mix and cost, campaign results",
        "覆盖率、逾期任务、渠道结构与成本、活动效果",
    ),
    "tui.col.client": ("Client", "客户"),
    "tui.key.log": ("Log contact", "登记服务"),
    "tui.key.plan": ("Plan task", "计划任务"),
    "tui.key.complete": ("Complete", "完成"),
    "tui.key.reschedule": ("Reschedule", "改期"),
    "tui.key.cancel_task": ("Cancel task", "取消任务"),
    "tui.key.next_list": ("Next list", "切换列表"),
    "tui.key.new_campaign": ("New campaign", "新建活动"),
    "tui.key.run": ("Run", "执行"),
    "tui.key.next_report": ("Next report", "下一张报表"),
    "tui.cmd.log.help": (
        "Log a walk-in or a call that already happened",
        "登记已发生的来访或来电",
    ),
    "tui.cmd.plan.help": ("Plan a contact with a client for a later day", "为客户计划一次服务"),
    "tui.cmd.show_list": ("Show: {list}", "查看：{list}"),
    "tui.tasks.today": ("Due today", "今日到期"),
    "tui.tasks.overdue": ("Overdue", "已逾期"),
    "tui.tasks.week": ("Next 7 days", "未来7天"),
    "tui.tasks.none": ("No tasks in this list.", "此列表中没有任务。"),
    "tui.tasks.hint": (
        "l log a walk-in or call · n plan · c complete · r reschedule · x cancel",
        "l 登记来访/来电 · n 计划 · c 完成 · r 改期 · x 取消",
    ),
    "tui.tasks.none_chosen": ("Pick a task in the list first.", "请先在列表中选择一项任务。"),
    "tui.tasks.not_open": (
        "Only a planned task can be completed, rescheduled or cancelled.",
        "只有待办任务可以完成、改期或取消。",
    ),
    "tui.tasks.done_note": ("Saved: {name} — {outcome}.", "已保存：{name}——{outcome}。"),
    "tui.tasks.cancelled_note": ("Cancelled: the task for {name}.", "已取消{name}的任务。"),
    "tui.tasks.planned_note": ("Planned: {name} on {day}.", "已计划：{day}服务{name}。"),
    "tui.form.log_title": ("Log a contact (walk-in or call)", "登记服务（来访或来电）"),
    "tui.form.plan_title": ("Plan a task", "计划任务"),
    "tui.form.complete_title": ("Complete the task", "完成任务"),
    "tui.form.reschedule_title": ("Reschedule the task", "任务改期"),
    "tui.form.cancel_title": ("Cancel the task", "取消任务"),
    "tui.form.client": ("Client", "客户"),
    "tui.form.client_search": (
        "Name, pinyin initials, account or phone digits",
        "姓名、拼音首字母、资金账号或手机尾号",
    ),
    "tui.form.no_client": ("No client picked yet.", "尚未选择客户。"),
    "tui.form.pick_client": (
        "Pick a client first: type a name, then Enter.",
        "请先选择客户：输入姓名后按回车。",
    ),
    "tui.form.due": ("Due date (YYYY-MM-DD)", "计划日期（年-月-日）"),
    "tui.form.product_risk": ("Product risk (R1–R5)", "产品风险等级（R1–R5）"),
    "tui.form.reason": ("Reason", "原因"),
    "tui.form.bad_date": (
        "Write the date as YYYY-MM-DD, e.g. 2026-12-01.",
        "日期格式为 年-月-日，例如 2026-12-01。",
    ),
    "tui.form.past_date": (
        "That day has passed; pick today or later.",
        "该日期已过，请选择今天或之后。",
    ),
    "tui.refusal.outcome": (
        "An outcome is required: say how it went (reached, not reached …).",
        "必须填写结果：说明服务情况（已联系、未联系上……）。",
    ),
    "tui.refusal.stale": (
        "Someone else changed this task meanwhile. It now shows as they left it; "
        "check it and save again if you still mean to.",
        "该任务已被他人修改，现已显示最新内容；请核对，如仍需修改请再次保存。",
    ),
    "tui.refusal.stale_campaign": (
        "This campaign changed meanwhile (run or closed elsewhere); it is shown as it is "
        "now — preview it again before running it.",
        "该活动已在别处被执行或关闭，现已显示最新状态；请重新预演后再执行。",
    ),
    "tui.refusal.unsuitable": (
        "Not suitable (适当性): {name} is rated {level}; an {risk} product may be offered "
        "only to {needed} or above.",
        "不符合适当性要求：{name}的风险等级为{level}，{risk}产品只能向{needed}及以上的客户介绍。",
    ),
    "tui.refusal.no_rating": (
        "Not suitable: the client has no risk rating yet; assess them first.",
        "不符合适当性要求：该客户尚无风险评级，请先完成评估。",
    ),
    "tui.refusal.rating_expired": (
        "Not suitable: the client's risk rating is over 2 years old; reassess them first.",
        "不符合适当性要求：该客户的风险评级已超过2年，请先重新评估。",
    ),
    "tui.refusal.product_risk": (
        "A product-information task names the product's risk (R1–R5).",
        "产品信息类任务须填写产品风险等级（R1–R5）。",
    ),
    "tui.campaign.new_title": ("New activation campaign", "新建休眠客户激活活动"),
    "tui.campaign.default_name": ("Re-activation {month}", "{month}休眠客户激活"),
    "tui.campaign.name": ("Name", "活动名称"),
    "tui.campaign.start": ("Starts (YYYY-MM-DD)", "开始日期"),
    "tui.campaign.end": ("Ends (YYYY-MM-DD)", "结束日期"),
    "tui.campaign.dormant_days": ("Dormant for days ≥", "休眠天数 ≥"),
    "tui.campaign.mix": ("Channel mix", "渠道组合"),
    "tui.campaign.daily_limit": ("Per advisor a day ≤", "每位理财经理每日 ≤"),
    "tui.campaign.end_before_start": ("The end is before the start.", "结束日期早于开始日期。"),
    "tui.campaign.bad_mix": (
        "Write the mix as channel=share, e.g. phone=60 wechat=30 branch=10.",
        "渠道组合格式为 渠道=比例，例如 phone=60 wechat=30 branch=10（或 电话=60 微信=40）。",
    ),
    "tui.campaign.bad_number": (
        "Dormant days and the daily limit are whole numbers.",
        "休眠天数和每日上限须为整数。",
    ),
    "tui.campaign.detail": ("Preview, run and results", "预演、执行与效果"),
    "tui.campaign.count": ("Campaigns: {count}", "共{count}个活动"),
    "tui.list_sep": (", ", "、"),
    "tui.clause_sep": ("; ", "；"),
    "tui.campaign.none": ("No campaigns yet.", "暂无激活活动。"),
    "tui.campaign.hint": (
        "n new · p preview (changes nothing) · g run",
        "n 新建 · p 预演（不做任何改动） · g 执行",
    ),
    "tui.campaign.preview": (
        "Preview: {matched} clients match; a run would plan {created} tasks ({channels}). "
        "Already targeted {already}, no consent {no_consent}, no room {over}, "
        "no advisor {no_advisor}.",
        "预演：符合条件{matched}位客户，执行将生成{created}项任务（{channels}）。"
        "已在活动中{already}位，未同意联系{no_consent}位，排期已满{over}位，无理财经理{no_advisor}位。",
    ),
    "tui.campaign.ran": (
        "Run: {created} tasks planned ({channels}) for {matched} matching clients. "
        "Already targeted {already}, no consent {no_consent}, no room {over}, "
        "no advisor {no_advisor}.",
        "已执行：为{matched}位符合条件的客户生成{created}项任务（{channels}）。"
        "已在活动中{already}位，未同意联系{no_consent}位，排期已满{over}位，无理财经理{no_advisor}位。",
    ),
    "tui.campaign.run_hint": (
        "Nothing has changed yet: press g to run it.",
        "尚未做任何改动：按 g 执行。",
    ),
    "tui.campaign.describe": (
        "dormant ≥ {days} days · {mix} · ≤ {limit} a day per advisor",
        "休眠 ≥ {days} 天 · {mix} · 每位理财经理每日 ≤ {limit} 项",
    ),
    "tui.campaign.results": ("Results by channel", "分渠道效果"),
    "tui.campaign.summary": (
        "Targeted {targeted} · contacted {contacted} · re-activated {reactivated} · "
        "still planned {planned}",
        "目标客户{targeted} · 已服务{contacted} · 已激活{reactivated} · 待执行成本{planned}",
    ),
    "tui.report.coverage": ("Coverage", "覆盖率"),
    "tui.report.overdue": ("Overdue", "逾期任务"),
    "tui.report.channels": ("Channels and cost", "渠道与成本"),
    "tui.report.campaigns": ("Campaigns", "激活活动"),
    "tui.report.purposes": ("Mostly", "主要目的"),
    "tui.report.unassigned": ("(unassigned)", "（未分配）"),
    "tui.report.coverage_note": (
        "As of {day}: {contacted} of {clients} clients contacted within their tier's "
        "cadence ({share}).",
        "截至{day}：{clients}位客户中{contacted}位按分层周期得到联系（{share}）。",
    ),
    "tui.report.overdue_note": (
        "As of {day}: {total} tasks overdue.",
        "截至{day}：逾期任务{total}项。",
    ),
    "tui.report.channels_note": (
        "{since} – {until}: {tasks} tasks done, cost {cost}.",
        "{since}至{until}：完成任务{tasks}项，成本{cost}。",
    ),
    "tui.report.kind_total": ("{kind} {tasks} tasks, {cost}", "{kind}{tasks}项，{cost}"),
    "tui.report.campaigns_note": ("{count} campaigns.", "共{count}个活动。"),
}


def add(words: dict[str, tuple[str, str]]) -> None:
    """Register more interface words (each capability keeps its own next to its code)."""
    clash = {k for k in words if k in WORDS and WORDS[k] != words[k]}
    if clash:
        raise ValueError(f"i18n keys defined twice with different text: {sorted(clash)}")
    WORDS.update(words)


def default_lang() -> str:
    """``BRANCHDESK_LANG``, else Chinese when the locale is Chinese, else English."""
    env = os.environ.get("BRANCHDESK_LANG")
    if env in LANGS:
        return env
    loc = os.environ.get("LC_ALL") or os.environ.get("LANG") or (locale.getlocale()[0] or "")
    return "zh" if loc.lower().startswith("zh") else "en"


def t(key: str, lang: str, **values: object) -> str:
    en, zh = WORDS.get(key, (key, key))
    text = zh if lang == "zh" else en
    return text.format(**values) if values else text


def label(value: StrEnum | None, lang: str) -> str:
    """The word for an enum value, e.g. ``label(Tier.CORE, "zh") == "核心客户"``."""
    if value is None:
        return t("none", lang)
    pair = ENUM_LABELS.get(type(value), {}).get(value.value)
    if pair is None:
        return str(value.value)
    return pair[1] if lang == "zh" else pair[0]


def money(amount: float | None, lang: str, *, exact: bool = False) -> str:
    """¥ with 万/亿 in Chinese (``¥182.5万``), thousands separators in English."""
    if amount is None:
        return t("none", lang)
    sign = "-" if amount < 0 else ""
    value = abs(amount)
    if lang == "zh" and not exact:
        if value >= 1e8:
            return f"{sign}¥{value / 1e8:.2f}亿"
        if value >= 1e4:
            return f"{sign}¥{value / 1e4:.1f}万"
        return f"{sign}¥{value:,.0f}"
    if value >= 1000 or exact:
        return f"{sign}¥{value:,.0f}" if value >= 1000 else f"{sign}¥{value:,.2f}"
    return f"{sign}¥{value:,.2f}"


def day(value: date | None, lang: str) -> str:
    if value is None:
        return t("none", lang)
    return f"{value.year}年{value.month}月{value.day}日" if lang == "zh" else value.isoformat()


def ago(value: date | datetime | None, lang: str, *, now: datetime | None = None) -> str:
    """ "3 months ago" / "3个月之前", from humanize in the right locale."""
    if value is None:
        return t("none", lang)
    if isinstance(value, datetime):
        ref = now or datetime.now(value.tzinfo)
    else:
        ref = now.date() if now else date.today()
    delta = ref - value
    if lang == "zh":
        humanize.i18n.activate("zh_CN")
    else:
        humanize.i18n.deactivate()
    try:
        return humanize.naturaltime(delta)
    finally:
        humanize.i18n.deactivate()


def percent(ratio: float, lang: str) -> str:
    return f"{ratio:.0%}"
