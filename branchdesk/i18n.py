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
    "tui.dash.alerts_pending": ("Arrives with churn alerts.", "流失预警功能上线后显示。"),
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
        "Gained: accounts opened this month. Lost: accounts closed this month.",
        "新增：本月开户；流失：本月销户。",
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
    "tui.key.save": ("Save", "保存"),
    "tui.key.cancel": ("Close", "关闭"),
    "tui.key.new_campaign": ("New campaign", "新建活动"),
    "tui.key.run": ("Run", "执行"),
    "tui.key.preview": ("Preview", "预演"),
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
