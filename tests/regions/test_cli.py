"""``flask --app server regions create`` and ``units create``: a county set up from nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from server.db import db
from server.regions.models import Region, Unit


@pytest.fixture
def create(runner):  # type: ignore[no-untyped-def]
    """Run ``regions create NAME --level LEVEL [options]``; returns the click result."""

    def run(name: str, level: str, *options: str):  # type: ignore[no-untyped-def]
        return runner.invoke(args=["regions", "create", name, "--level", level, *options])

    return run


def _new_id(result) -> int:  # type: ignore[no-untyped-def]
    assert result.exit_code == 0, result.output
    return int(result.stdout.strip())


def test_prints_the_new_region_s_id(create) -> None:
    region_id = _new_id(create("浙江省", "province", "--code", "330000"))
    region = db.session.get(Region, region_id)
    assert (region.name, region.level, region.code, region.path) == (
        "浙江省",
        "province",
        "330000",
        f"/{region_id}/",
    )


def test_a_child_gets_its_parent_s_path(create) -> None:
    province = _new_id(create("浙江省", "province"))
    city = _new_id(create("丽水市", "city", "--parent", "浙江省"))
    assert db.session.get(Region, city).path == f"/{province}/{city}/"


def test_a_parent_named_by_path_when_names_repeat(create) -> None:
    for county in ("甲县", "乙县"):
        create(county, "county")
        create("城关镇", "township", "--parent", county)
    village = _new_id(create("东村", "village", "--parent", "乙县/城关镇"))
    parent = db.session.get(Region, village).parent
    assert (parent.name, parent.parent.name) == ("城关镇", "乙县")


def test_an_ambiguous_parent_lists_the_paths(create) -> None:
    for county in ("甲县", "乙县"):
        create(county, "county")
        create("城关镇", "township", "--parent", county)
    result = create("东村", "village", "--parent", "城关镇")
    assert result.exit_code == 1
    assert "有多个地区名为「城关镇」：甲县/城关镇、乙县/城关镇" in result.output


def test_an_unknown_parent_is_named(create) -> None:
    result = create("东镇", "township", "--parent", "不存在县")
    assert result.exit_code == 1
    assert "地区「不存在县」不存在" in result.output


def test_the_same_name_twice_under_one_parent_is_refused(create) -> None:
    create("青田县", "county")
    create("东镇", "township", "--parent", "青田县")
    result = create("东镇", "township", "--parent", "青田县")
    assert result.exit_code == 1
    assert "「青田县」下已有地区「东镇」" in result.output


def test_the_same_name_twice_at_the_top_is_refused(create) -> None:
    create("青田县", "county")
    assert "「/」下已有地区「青田县」" in create("青田县", "county").output


def test_a_level_above_its_parent_s_is_refused(create) -> None:
    create("青田县", "county")
    result = create("丽水市", "city", "--parent", "青田县")
    assert result.exit_code == 1
    assert "市不能设在县（区）「青田县」之下" in result.output


def test_a_township_needs_a_parent(create) -> None:
    result = create("东镇", "township")
    assert result.exit_code == 1
    assert "乡镇（街道）必须指定上级地区" in result.output


def test_a_region_code_is_unique(create) -> None:
    create("青田县", "county", "--code", "331121")
    result = create("缙云县", "county", "--code", "331121")
    assert "地区代码「331121」已被「青田县」使用" in result.output


def test_a_refused_region_leaves_nothing(create) -> None:
    create("青田县", "county")
    create("丽水市", "city", "--parent", "青田县")
    assert db.session.scalar(select(Region).where(Region.name == "丽水市")) is None


@pytest.fixture
def unit(runner, create):  # type: ignore[no-untyped-def]
    """Run ``units create CODE NAME --county 青田县 [options]`` (the county exists)."""
    create("青田县", "county")

    def run(code: str, name: str, *options: str):  # type: ignore[no-untyped-def]
        return runner.invoke(args=["units", "create", code, name, "--county", "青田县", *options])

    return run


def test_a_unit_with_its_contact(unit) -> None:
    result = unit("QT-SL", "县水利局", "--contact", "王工", "--phone", "0578-6812345")
    row = db.session.get(Unit, _new_id(result))
    assert (row.code, row.name, row.region.name, row.contact_person, row.contact_phone) == (
        "QT-SL",
        "县水利局",
        "青田县",
        "王工",
        "0578-6812345",
    )


def test_a_unit_code_is_unique(unit) -> None:
    unit("QT-SL", "县水利局")
    result = unit("QT-SL", "县交通局")
    assert result.exit_code == 1
    assert "单位编码「QT-SL」已被「县水利局」使用" in result.output


def test_a_unit_name_is_unique_in_its_county(unit) -> None:
    unit("QT-SL", "县水利局")
    assert "「青田县」已有单位「县水利局」" in unit("QT-SL2", "县水利局").output


def test_a_unit_belongs_to_a_county(runner, create) -> None:
    create("青田县", "county")
    create("东镇", "township", "--parent", "青田县")
    result = runner.invoke(args=["units", "create", "DZ", "东镇办", "--county", "东镇"])
    assert result.exit_code == 1
    assert "「青田县/东镇」是乡镇（街道），不是县（区）" in result.output


def test_a_code_too_long_is_refused(create) -> None:
    result = create("青田县", "county", "--code", "3" * 13)
    assert result.exit_code == 1
    assert "最多 12 个字" in result.output


def test_the_tree_is_printed_indented(runner, create) -> None:
    county = _new_id(create("青田县", "county", "--code", "331121"))
    town = _new_id(create("温溪镇", "township", "--parent", "青田县"))
    result = runner.invoke(args=["regions", "tree"])
    assert result.output.splitlines() == [
        f"青田县 [county 331121] id {county}",
        f"  温溪镇 [township] id {town}",
    ]


def test_the_tree_from_a_root(runner, create) -> None:
    create("青田县", "county")
    create("缙云县", "county")
    result = runner.invoke(args=["regions", "tree", "--root", "缙云县"])
    assert [line.split(" [")[0] for line in result.output.splitlines()] == ["缙云县"]
