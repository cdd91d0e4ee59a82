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
