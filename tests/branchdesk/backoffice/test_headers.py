"""Which header means which field: Chinese and English words, units, mapping files."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from branchdesk.backoffice.headers import load_map, map_headers
from branchdesk.backoffice.kinds import ACTIVITY, CLIENTS
from branchdesk.errors import Invalid


def fields(cmap) -> dict[str, str]:
    return {cmap.headers[i]: c.name for i, c in cmap.fields.items()}


def test_chinese_and_english_headers_mean_the_same_fields() -> None:
    zh = map_headers(CLIENTS, 1, ["资金账号", "客户姓名", "手机号码", "总资产", "最近交易日期"])
    en = map_headers(CLIENTS, 1, ["account_id", "Name", "PHONE", "total assets", "last_trade_date"])
    assert (
        list(fields(zh).values())
        == list(fields(en).values())
        == [
            "account_id",
            "name",
            "phone",
            "total_assets",
            "last_trade_date",
        ]
    )


def test_a_unit_in_the_header_or_a_unit_column() -> None:
    cmap = map_headers(
        ACTIVITY, 1, ["资金账号", "统计日期", "总资产（万元）", "转入金额(元)", "单位"]
    )
    assert fields(cmap)["总资产（万元）"] == "total_assets"
    assert cmap.units == {2: Decimal(10_000), 3: Decimal(1)}
    assert cmap.unit_column == 4


def test_unknown_and_derived_columns_are_read_past_and_named() -> None:
    cmap = map_headers(CLIENTS, 1, ["资金账号", "营业部", "客户分层", "手机号码(必填)"])
    assert cmap.ignored == ["营业部", "客户分层"]
    assert fields(cmap)["手机号码(必填)"] == "phone"


def test_a_missing_required_column_names_what_was_found() -> None:
    with pytest.raises(Invalid) as caught:
        map_headers(ACTIVITY, 1, ["资金账号", "总资产"])
    assert "no 统计日期 / period column (found: 资金账号, 总资产)" in str(caught.value)


def test_two_columns_for_one_field_are_refused() -> None:
    with pytest.raises(Invalid, match="two columns mean phone: '手机' and '联系电话'"):
        map_headers(CLIENTS, 1, ["资金账号", "手机", "联系电话"])


def test_mapping_files_in_json_and_csv(tmp_path: Path) -> None:
    as_json = tmp_path / "map.json"
    as_json.write_text(
        json.dumps({"客户编号": "account_id", "资产": "total_assets:万元", "备注": ""})
    )
    as_csv = tmp_path / "map.csv"
    as_csv.write_text("from,to\n客户编号,account_id\n资产,total_assets:万元\n备注,\n")
    for path in (as_json, as_csv):
        mapping = load_map(path)
        cmap = map_headers(CLIENTS, 1, ["客户编号", "资产", "备注"], mapping)
        assert fields(cmap) == {"客户编号": "account_id", "资产": "total_assets"}
        assert cmap.units == {1: Decimal(10_000)}
        assert cmap.ignored == ["备注"]


def test_a_mapping_to_an_unknown_field_lists_the_fields(tmp_path: Path) -> None:
    with pytest.raises(Invalid, match="use one of: account_id, name"):
        map_headers(CLIENTS, 1, ["客户编号"], {"客户编号": "acount"})
