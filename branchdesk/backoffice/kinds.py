"""What each kind of back-office file holds: its columns, the words its headers may use
(Chinese and English), how each cell is read, and the record it becomes.

A column is found by any of its words (compared without case, spaces, underscores or
full-width forms). English headers are the field names; Chinese ones are the words the
back office and Chinese Excel users write. Exports use the first word of each list, so
an exported file always imports again."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import msgspec
from msgspec import UNSET, UnsetType

from ..models import (
    AccountType,
    ActivitySnapshot,
    Advisor,
    AdvisorLevel,
    AdvisorStatus,
    Channel,
    Client,
    Direction,
    Outcome,
    Preference,
    ProductRisk,
    Purpose,
    Skill,
    Task,
    TaskStatus,
)
from ..models.client import ContactChecks
from . import values as v


@dataclass(frozen=True)
class Column:
    name: str  # the record's field
    zh: str  # the Chinese header an export writes
    convert: v.Convert
    words: tuple[str, ...] = ()  # more headers that mean this column
    money: bool = False  # read with the column's unit (元, 万元)


@dataclass(frozen=True)
class Kind:
    name: str
    table: str
    key: str
    columns: tuple[Column, ...]
    required: tuple[str, ...]  # columns every file of this kind must have
    #: columns an export writes that are derived by BranchDesk: recognised, not read
    derived: dict[str, str] = field(default_factory=dict)
    #: fields a new record must have (an existing one keeps what it has)
    new_needs: tuple[str, ...] = ()
    row_type: Any = None  # Struct that checks one row's fields, without the store

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    @property
    def field_names(self) -> list[str]:
        return [c.name for c in self.columns]


def moment(cell: Any) -> str:
    """A date and time as ISO text (exports write them so); a bare date is midnight."""
    if isinstance(cell, datetime):
        return cell.isoformat()
    raw = v.text(cell)
    try:
        return datetime.fromisoformat(raw.replace("/", "-")).isoformat()
    except ValueError:
        return f"{v.day(raw)}T00:00:00"


def _row_type(base: type[msgspec.Struct], name: str, columns: tuple[Column, ...], key: str) -> Any:
    """A Struct with the columns' fields typed as on ``base``, each optional but the key:
    the server checks every row of a batch with it before it touches the store."""
    types = {f.name: f.type for f in msgspec.structs.fields(base)}
    specs: list[tuple] = []
    for c in columns:
        if c.name == key:
            specs.insert(0, (c.name, types[c.name]))
        else:
            specs.append((c.name, types[c.name] | UnsetType, UNSET))
    bases = (ContactChecks,) if base is Client else ()
    return msgspec.defstruct(
        name, specs, bases=bases, kw_only=True, forbid_unknown_fields=True, module=__name__
    )


_ACCOUNT = Column(
    "account_id",
    "资金账号",
    v.account,
    (
        "资金帐号",
        "客户号",
        "客户代码",
        "资产账户",
        "账号",
        "帐号",
        "account",
        "account no",
    ),
)
_ASSETS = Column(
    "total_assets", "总资产", v.money, ("资产总额", "总资产金额", "资产", "assets"), money=True
)
_LAST_TRADE = Column(
    "last_trade_date",
    "最近交易日期",
    v.day,
    ("最近交易日", "最后交易日", "最后交易日期", "最近交易", "last trade"),
)
_PHONE = Column(
    "phone",
    "手机号码",
    v.masked_check,
    ("手机", "手机号", "联系电话", "电话", "移动电话", "mobile"),
)

_CLIENT_COLUMNS = (
    _ACCOUNT,
    Column("name", "客户姓名", v.text, ("姓名", "客户名称", "户名", "客户名", "client name")),
    _PHONE,
    Column("id_number", "身份证号", v.masked_check, ("身份证号码", "证件号码", "证件号", "id no")),
    Column("birthday", "出生日期", v.day, ("生日", "date of birth")),
    Column(
        "account_type",
        "账户类型",
        v.one_of(AccountType, {"个人户": "individual", "机构户": "institution"}),
        ("客户类型", "账户类别", "客户类别"),
    ),
    Column("open_date", "开户日期", v.day, ("开户时间", "opened")),
    Column("closed_date", "销户日期", v.day, ("销户时间", "closed")),
    Column(
        "risk_level",
        "风险等级",
        v.risk_level,
        ("风险承受能力", "适当性等级", "投资者类型", "风险测评等级", "risk level"),
    ),
    Column("risk_assessed_on", "风险测评日期", v.day, ("测评日期", "评估日期")),
    Column("preferences", "投资偏好", v.many_of(Preference), ("偏好", "prefers")),
    Column("preferred_channel", "联系方式", v.one_of(Channel), ("首选联系方式", "偏好渠道")),
    Column("contact_consent", "同意联系", v.yes_no, ("是否同意联系", "允许联系", "may contact")),
    Column("email", "电子邮箱", v.text, ("邮箱", "电子邮件", "mail")),
    Column(
        "advisor_id",
        "理财经理",
        v.text,
        ("理财经理编号", "客户经理", "客户经理编号", "经纪人", "服务经理", "advisor"),
    ),
    Column("advisor_since", "分配日期", v.day, ("服务开始日期",)),
    _ASSETS,
    Column(
        "peak_assets_12m", "近12月最高资产", v.money, ("12个月最高资产", "最高资产"), money=True
    ),
    _LAST_TRADE,
    Column("last_contact_date", "最近联系日期", v.day, ("最近联系", "last contact")),
)

CLIENTS = Kind(
    "clients",
    table="clients",
    key="account_id",
    columns=_CLIENT_COLUMNS,
    required=("account_id",),
    derived={"tier": "客户分层", "status": "状态"},
    new_needs=("name",),
    row_type=_row_type(Client, "ClientRow", _CLIENT_COLUMNS, "account_id"),
)

_ACTIVITY_COLUMNS = (
    _ACCOUNT,
    Column(
        "period",
        "统计日期",
        v.day,
        ("日期", "统计期间", "期间", "月份", "截止日期", "业务日期", "date", "as of"),
    ),
    _ASSETS,
    Column(
        "transfer_in",
        "转入金额",
        v.money,
        ("转入", "资金转入", "银证转入", "transfer in", "deposits"),
        money=True,
    ),
    Column(
        "transfer_out",
        "转出金额",
        v.money,
        ("转出", "资金转出", "银证转出", "transfer out", "withdrawals"),
        money=True,
    ),
    Column("trade_count", "成交笔数", v.whole, ("交易笔数", "成交次数", "trades")),
    Column("turnover", "成交金额", v.money, ("交易金额", "成交额"), money=True),
    Column("commission", "佣金", v.money, ("手续费", "净佣金", "佣金收入", "fees"), money=True),
    _LAST_TRADE,
)

ACTIVITY = Kind(
    "activity",
    table="activity",
    key="account_id",
    columns=_ACTIVITY_COLUMNS,
    required=("account_id", "period", "total_assets"),
    row_type=_row_type(ActivitySnapshot, "ActivityRow", _ACTIVITY_COLUMNS, "account_id"),
)

_ADVISOR_COLUMNS = (
    Column("id", "工号", v.text, ("理财经理编号", "员工编号", "经理编号", "编号", "advisor id")),
    Column("name", "姓名", v.text, ("理财经理", "理财经理姓名", "员工姓名")),
    Column("level", "级别", v.one_of(AdvisorLevel), ("职级", "等级")),
    Column("skills", "专长", v.levels_of(Skill), ("擅长", "技能")),
    Column("capacity", "工作量", v.decimal_number, ("产能", "人力系数")),
    Column("status", "状态", v.one_of(AdvisorStatus), ("在岗状态",)),
    Column("leave_from", "休假开始", v.day, ("假期开始",)),
    Column("leave_to", "休假结束", v.day, ("假期结束",)),
    Column("backup_id", "备岗", v.text, ("备岗人", "备岗工号", "backup")),
    Column("certificates", "证书", v.text_list, ("资格证书", "资质")),
    Column("hired_on", "入职日期", v.day, ("入职时间",)),
    _PHONE,
)

ADVISORS = Kind(
    "advisors",
    table="advisors",
    key="id",
    columns=_ADVISOR_COLUMNS,
    required=("id",),
    new_needs=("name",),
    row_type=_row_type(Advisor, "AdvisorRow", _ADVISOR_COLUMNS, "id"),
)

_TASK_COLUMNS = (
    Column("id", "任务编号", v.text, ("服务编号", "task id")),
    _ACCOUNT,
    Column("channel", "渠道", v.one_of(Channel), ("服务方式", "联系方式", "方式")),
    Column("purpose", "目的", v.one_of(Purpose), ("服务目的", "服务类型", "事由")),
    Column("direction", "方向", v.one_of(Direction), ("服务方向",)),
    Column("due_date", "日期", v.day, ("服务日期", "计划日期", "到期日", "date")),
    Column("status", "任务状态", v.one_of(TaskStatus), ("状态",)),
    Column("outcome", "结果", v.one_of(Outcome), ("服务结果", "联系结果")),
    Column("notes", "备注", v.text, ("服务内容", "内容", "说明", "记录")),
    Column("cost", "成本", v.money, ("费用",), money=True),
    Column("satisfaction", "满意度", v.whole, ("客户满意度",)),
    Column("assignee", "负责人", v.text, ("执行人", "服务人员", "理财经理")),
    Column("product_risk", "产品风险等级", v.one_of(ProductRisk), ("产品风险",)),
    Column("product_name", "产品名称", v.text, ("产品",)),
    Column("alert_id", "预警编号", v.text),
    Column("campaign_id", "活动编号", v.text),
    Column("occasion", "场合", v.text),
    Column("attempts", "尝试次数", v.whole),
    Column("created_by", "创建人", v.text),
    Column("created_at", "创建时间", moment),
    Column("done_by", "完成人", v.text),
    Column("done_at", "完成时间", moment),
)

TASKS = Kind(
    "tasks",
    table="tasks",
    key="id",
    columns=_TASK_COLUMNS,
    required=("account_id",),
    new_needs=("channel", "purpose", "due_date"),
    row_type=_row_type(Task, "TaskRow", _TASK_COLUMNS, "account_id"),
)

KINDS: dict[str, Kind] = {k.name: k for k in (CLIENTS, ACTIVITY, ADVISORS, TASKS)}
