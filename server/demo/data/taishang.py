"""泉州台商投资区 2023, from 000_1ec7e0d3ce649b25.txt (see generate.py for the figures it reproduces)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from server.demo.data.build import (
    County,
    Spec,
    d,
    done_before_due,
    h,
    money,
    round_half_up,
)
from server.projects.schedule import (
    planned_progress,
)

TS_SNAPSHOTS = [d("2023-03-31"), d("2023-05-31"), d("2023-07-31"), d("2023-12-31")]
TS_JULY = d("2023-07-31")
TS_MAY = d("2023-05-31")

TS_TOWNSHIPS = [
    ("洛阳镇", "350598100",
     ["下曾村", "洛阳村", "杏宅村", "屿头村", "西安村", "梅岭村", "锦水村", "端明村", "溪庄村", "锦厝村"],
     (24.985, 118.728)),
    ("东园镇", "350598101",
     ["灵溪社区", "东园村", "长新村", "阳光村", "琅山村", "上港村", "前康村", "山前村"],
     (24.988, 118.782)),
    ("张坂镇", "350598102",
     ["张坂村", "玉霞村", "后蔡村", "浮山村", "下宫村", "玉埕村", "崇山村", "美峰村", "群贤村", "玉塘村", "群力村"],
     (25.038, 118.842)),
    ("百崎回族乡", "350598200",
     ["里春村", "白奇村", "下埭村", "莲埭村", "克圃村"],
     (24.972, 118.822)),
]  # fmt: skip

TS_UNITS = [
    ("TS-YJ", "综合执法与应急管理局"),
    ("TS-NLS", "农林水与生态环境局"),
    ("TS-MS", "民生保障局"),
    ("TS-JW", "教育文体旅游局"),
    ("TS-GJ", "规划建设与交通局"),
    ("TS-WJ", "卫生健康局"),
    ("TS-T-LUOYANG", "洛阳镇人民政府"),
    ("TS-T-DONGYUAN", "东园镇人民政府"),
    ("TS-T-ZHANGBAN", "张坂镇人民政府"),
    ("TS-T-BAIQI", "百崎回族乡人民政府"),
]

TS_PEOPLE = {
    "TS-YJ": ("郭志明", "庄伟杰", "0595-68260101"),
    "TS-NLS": ("蔡建国", "黄志鹏", "0595-68260202"),
    "TS-MS": ("刘文斌", "曾丽萍", "0595-68260303"),
    "TS-JW": ("陈秀英", "骆晓东", "0595-68260404"),
    "TS-GJ": ("王振华", "林俊辉", "0595-68260505"),
    "TS-WJ": ("许少东", "吴丽华", "0595-68260606"),
    "TS-T-LUOYANG": ("李国栋", "郑雅婷", "0595-68261010"),
    "TS-T-DONGYUAN": ("庄永福", "江小燕", "0595-68262020"),
    "TS-T-ZHANGBAN": ("骆建新", "骆美玲", "0595-68263030"),
    "TS-T-BAIQI": ("郭文忠", "郭秀兰", "0595-68264040"),
}

S_EDU, S_HEALTH, S_CARE, S_ENV, S_SAFE = (
    "教育文体惠民",
    "医疗健康保障",
    "养老托育服务",
    "城乡环境提升",
    "安全应急保障",
)
TS_SERIES = [S_EDU, S_HEALTH, S_CARE, S_ENV, S_SAFE]

# The 48 district projects. kind: E = completed early by 2023-07-31 (done date given),
# A = ahead of schedule on 2023-07-31, O = on schedule, L = behind on 2023-05-31 then on
# schedule again by 2023-07-31. "late" = finished a few days after the planned date.
TS_DISTRICT = [
    # name, series, township, village, unit, plan, start, due, kind, done
    ("东园镇中心小学综合楼新建工程", S_EDU, "东园镇", "东园村", "TS-JW", 6200, "2023-01-10", "2023-12-31", "O", None),
    ("张坂镇第二中心幼儿园新建工程", S_EDU, "张坂镇", "浮山村", "TS-JW", 3600, "2023-01-15", "2023-12-31", "O", None),
    ("洛阳镇中学教学楼改扩建工程", S_EDU, "洛阳镇", "洛阳村", "TS-JW", 2800, "2023-02-01", "2023-12-31", "O", None),
    ("百崎回族乡中心小学运动场提升改造", S_EDU, "百崎回族乡", "白奇村", "TS-JW", 680, "2023-03-01", "2023-10-31", "A", None),
    ("张坂镇中心小学学生食堂改造", S_EDU, "张坂镇", "张坂村", "TS-JW", 450, "2023-03-01", "2023-08-31", "O", None),
    ("御湖湾百姓书房新型公共文化空间", S_EDU, "东园镇", "灵溪社区", "TS-JW", 120, "2023-01-05", "2023-06-30", "E", "2023-04-28"),
    ("梅岭村百姓书房新型公共文化空间", S_EDU, "洛阳镇", "梅岭村", "TS-JW", 95, "2023-01-05", "2023-06-30", "E", "2023-05-20"),
    ("张坂镇后蔡村新型公共文化空间", S_EDU, "张坂镇", "后蔡村", "TS-JW", 88, "2023-01-05", "2023-06-30", "E", "2023-06-15"),
    ("百崎乡丝路文化艺术新型公共文化空间", S_EDU, "百崎回族乡", "里春村", "TS-JW", 260, "2023-03-01", "2023-09-30", "O", None),
    ("洛阳镇杏宅村全民健身广场建设", S_EDU, "洛阳镇", "杏宅村", "TS-JW", 150, "2023-02-15", "2023-09-30", "E", "2023-07-10"),
    ("东园镇卫生院门急诊综合楼提升改造", S_HEALTH, "东园镇", "东园村", "TS-WJ", 1800, "2023-02-01", "2023-12-31", "O", None),
    ("张坂镇卫生院发热门诊规范化建设", S_HEALTH, "张坂镇", "张坂村", "TS-WJ", 420, "2023-02-15", "2023-10-31", "O", None),
    ("百崎回族乡卫生院中医馆建设", S_HEALTH, "百崎回族乡", "白奇村", "TS-WJ", 160, "2023-02-01", "2023-09-30", "E", "2023-07-05"),
    ("洛阳镇卫生院DR及彩超设备更新", S_HEALTH, "洛阳镇", "洛阳村", "TS-WJ", 380, "2023-03-01", "2023-11-30", "A", None),
    ("张坂镇玉霞村卫生所规范化建设", S_HEALTH, "张坂镇", "玉霞村", "TS-WJ", 45, "2023-02-20", "2023-08-31", "E", "2023-06-20"),
    ("东园镇长新村卫生所规范化建设", S_HEALTH, "东园镇", "长新村", "TS-WJ", 42, "2023-02-20", "2023-08-31", "E", "2023-06-28"),
    ("洛阳镇屿头村卫生所规范化建设", S_HEALTH, "洛阳镇", "屿头村", "TS-WJ", 40, "2023-02-20", "2023-08-31", "E", "2023-07-12"),
    ("洛阳镇洛阳村长者食堂建设", S_CARE, "洛阳镇", "洛阳村", "TS-MS", 30, "2023-04-01", "2023-10-31", "O", None),
    ("东园镇东园村长者食堂建设", S_CARE, "东园镇", "东园村", "TS-MS", 30, "2023-04-01", "2023-10-31", "O", None),
    ("张坂镇张坂村长者食堂建设", S_CARE, "张坂镇", "张坂村", "TS-MS", 30, "2023-04-10", "2023-10-31", "O", None),
    ("百崎回族乡白奇村长者食堂建设", S_CARE, "百崎回族乡", "白奇村", "TS-MS", 30, "2023-04-10", "2023-10-31", "O", None),
    ("张坂镇玉塘村普惠托育园建设", S_CARE, "张坂镇", "玉塘村", "TS-WJ", 600, "2023-02-15", "2023-12-31", "O", None),
    ("东园镇阳光村农村幸福院提升改造", S_CARE, "东园镇", "阳光村", "TS-MS", 60, "2023-02-01", "2023-09-30", "E", "2023-05-25"),
    ("洛阳镇区域性养老服务中心建设", S_CARE, "洛阳镇", "西安村", "TS-MS", 1500, "2023-01-15", "2023-12-31", "L", None),
    ("百崎回族乡下埭村居家养老服务站建设", S_CARE, "百崎回族乡", "下埭村", "TS-MS", 55, "2023-02-01", "2023-09-30", "E", "2023-06-10"),
    ("洛阳镇下曾村等5村农村生活污水提升治理", S_ENV, "洛阳镇", "下曾村", "TS-NLS", 3200, "2023-01-15", "2023-12-31", "L", None),
    ("东园镇琅山村等6村农村生活污水提升治理", S_ENV, "东园镇", "琅山村", "TS-NLS", 5000, "2023-01-15", "2023-12-31", "O", None),
    ("张坂镇崇山村等7村农村生活污水提升治理", S_ENV, "张坂镇", "崇山村", "TS-NLS", 5200, "2023-01-15", "2023-11-30", "O", "late:2023-12-08"),
    ("百崎回族乡克圃村等3村农村生活污水提升治理", S_ENV, "百崎回族乡", "克圃村", "TS-NLS", 1600, "2023-02-01", "2023-11-30", "L", None),
    ("洛阳镇杏宅村农村公厕新建", S_ENV, "洛阳镇", "杏宅村", "TS-T-LUOYANG", 45, "2023-02-01", "2023-08-31", "E", "2023-05-15"),
    ("东园镇前康村农村公厕提升改造", S_ENV, "东园镇", "前康村", "TS-T-DONGYUAN", 30, "2023-02-01", "2023-08-31", "E", "2023-04-20"),
    ("张坂镇美峰村农村公厕新建", S_ENV, "张坂镇", "美峰村", "TS-T-ZHANGBAN", 40, "2023-02-01", "2023-08-31", "E", "2023-05-30"),
    ("百崎回族乡莲埭村农村公厕新建", S_ENV, "百崎回族乡", "莲埭村", "TS-T-BAIQI", 38, "2023-02-01", "2023-08-31", "E", "2023-06-05"),
    ("张坂镇群力村农村自来水管网延伸工程", S_ENV, "张坂镇", "群力村", "TS-NLS", 900, "2023-02-01", "2023-10-31", "L", None),
    ("洛阳镇溪庄村农村自来水管网改造", S_ENV, "洛阳镇", "溪庄村", "TS-NLS", 750, "2023-02-15", "2023-10-31", "O", None),
    ("东园镇上港村农村道路提升改造", S_ENV, "东园镇", "上港村", "TS-GJ", 1200, "2023-03-01", "2023-11-30", "O", None),
    ("张坂镇浮山村至下宫村道路拓宽改造", S_ENV, "张坂镇", "浮山村", "TS-GJ", 2600, "2023-02-15", "2023-12-15", "L", "late:2023-12-22"),
    ("百崎回族乡里春村滨海景观带提升", S_ENV, "百崎回族乡", "里春村", "TS-GJ", 1300, "2023-03-01", "2023-12-31", "O", None),
    ("洛阳镇锦水村溪流综合治理", S_ENV, "洛阳镇", "锦水村", "TS-NLS", 1100, "2023-02-15", "2023-11-30", "O", None),
    ("东园镇山前村城乡公交首末站建设", S_ENV, "东园镇", "山前村", "TS-GJ", 480, "2023-03-01", "2023-10-31", "A", None),
    ("张坂镇玉塘村农贸市场改造提升", S_ENV, "张坂镇", "玉塘村", "TS-T-ZHANGBAN", 520, "2023-03-01", "2023-11-30", "L", None),
    ("乡镇船舶安全评估及北斗定位终端安装", S_SAFE, "张坂镇", "玉霞村", "TS-NLS", 26, "2023-02-01", "2023-11-30", "E", "2023-06-30"),
    ("张坂镇群贤村小型消防救援站建设", S_SAFE, "张坂镇", "群贤村", "TS-YJ", 850, "2023-02-01", "2023-12-31", "O", None),
    ("东园镇灵溪社区微型消防站规范化建设", S_SAFE, "东园镇", "灵溪社区", "TS-YJ", 120, "2023-02-01", "2023-09-30", "E", "2023-07-18"),
    ("洛阳镇端明村洛阳江防洪堤加固工程", S_SAFE, "洛阳镇", "端明村", "TS-NLS", 0, "2023-01-10", "2023-12-31", "O", None),
    ("百崎回族乡应急广播“村村响”升级改造", S_SAFE, "百崎回族乡", "里春村", "TS-YJ", 95, "2023-02-15", "2023-09-30", "E", "2023-06-25"),
    ("东园镇灵溪社区电动自行车集中充电设施建设", S_SAFE, "东园镇", "灵溪社区", "TS-YJ", 300, "2023-03-01", "2023-10-31", "A", None),
    ("张坂镇后蔡村地质灾害隐患点治理", S_SAFE, "张坂镇", "后蔡村", "TS-GJ", 360, "2023-03-01", "2023-11-30", "L", None),
]  # fmt: skip

TS_PLAN_TOTAL = Decimal(48047)
TS_ALLOC_JULY = Decimal(40600)

TS_LAG_REASONS = {
    "洛阳镇区域性养老服务中心建设": "选址优化调整，施工图审查延后，进度滞后",
    "洛阳镇下曾村等5村农村生活污水提升治理": "管网路由涉及群众房前屋后，政策处理进度慢",
    "百崎回族乡克圃村等3村农村生活污水提升治理": "终端设施选址未落定，进度滞后",
    "张坂镇群力村农村自来水管网延伸工程": "主管道穿越道路审批未完成，进度滞后",
    "张坂镇浮山村至下宫村道路拓宽改造": "沿线征迁未完成，进度滞后",
    "张坂镇玉塘村农贸市场改造提升": "临时安置摊位协调未到位，进度滞后",
    "张坂镇后蔡村地质灾害隐患点治理": "配套资金拨付滞后，进度滞后",
}

# 15 disaster shelters (市级: 市、区配套补助资金 5 万元 each, 75 万元 in all).
TS_SHELTERS = [
    ("洛阳镇", "下曾村"), ("东园镇", "灵溪社区"), ("张坂镇", "玉霞村"), ("百崎回族乡", "里春村"),
    ("洛阳镇", "洛阳村"), ("洛阳镇", "屿头村"), ("洛阳镇", "端明村"),
    ("东园镇", "琅山村"), ("东园镇", "上港村"), ("东园镇", "前康村"),
    ("张坂镇", "浮山村"), ("张坂镇", "下宫村"), ("张坂镇", "崇山村"),
    ("百崎回族乡", "莲埭村"), ("百崎回族乡", "克圃村"),
]  # fmt: skip

# The other 18 provincial / city projects. kind: E = completed early before 2023-07-31,
# B = behind on 2023-07-31 (typhoon Doksuri), O = on schedule.
TS_PROVCITY = [
    ("洛阳镇卫生院标准化急救站点建设", "省级", S_HEALTH, "洛阳镇", "洛阳村", "TS-WJ", 180, "2023-03-01", "2023-09-30", "E", "2023-07-20"),
    ("东园镇中心小学近视防控教室照明改造", "省级", S_EDU, "东园镇", "东园村", "TS-JW", 90, "2023-04-01", "2023-08-31", "O", None),
    ("东园镇阳光村普惠性托育机构新增托位", "省级", S_CARE, "东园镇", "阳光村", "TS-WJ", 120, "2023-03-01", "2023-11-30", "O", None),
    ("百崎回族乡莲埭村老年助餐服务点建设", "省级", S_CARE, "百崎回族乡", "莲埭村", "TS-MS", 40, "2023-03-01", "2023-09-30", "O", None),
    ("洛阳镇锦厝村困难残疾人家庭无障碍改造", "省级", S_CARE, "洛阳镇", "锦厝村", "TS-MS", 36, "2023-03-01", "2023-10-31", "E", "2023-07-25"),
    ("东园镇前康村城乡供水一体化管网改造", "省级", S_ENV, "东园镇", "前康村", "TS-NLS", 1800, "2023-02-01", "2023-12-31", "O", None),
    ("张坂镇下宫村农村公路安全生命防护工程", "省级", S_SAFE, "张坂镇", "下宫村", "TS-GJ", 420, "2023-03-01", "2023-10-31", "B", None),
    ("张坂镇中心幼儿园“阳光厨房”改造", "省级", S_EDU, "张坂镇", "玉埕村", "TS-JW", 60, "2023-04-01", "2023-08-31", "O", None),
    ("百崎回族乡白奇村农村饮水安全巩固提升", "省级", S_ENV, "百崎回族乡", "白奇村", "TS-NLS", 300, "2023-02-15", "2023-11-30", "O", None),
    ("洛阳镇洛阳桥历史街区消防设施提升", "市级", S_SAFE, "洛阳镇", "洛阳村", "TS-YJ", 260, "2023-03-01", "2023-11-30", "O", None),
    ("东园镇长新村“一老一小”服务站建设", "市级", S_CARE, "东园镇", "长新村", "TS-MS", 80, "2023-03-15", "2023-10-31", "O", None),
    ("张坂镇张坂村学校食堂“明厨亮灶”建设", "省级", S_EDU, "张坂镇", "张坂村", "TS-JW", 75, "2023-04-01", "2023-08-31", "E", "2023-07-28"),
    ("洛阳镇西安村口袋公园建设", "市级", S_ENV, "洛阳镇", "西安村", "TS-GJ", 150, "2023-03-01", "2023-10-31", "O", None),
    ("百崎回族乡下埭村百崎湖环湖健身步道提升", "省级", S_EDU, "百崎回族乡", "下埭村", "TS-JW", 600, "2023-02-15", "2023-12-31", "O", None),
    ("洛阳镇杏宅村小微水体整治", "省级", S_ENV, "洛阳镇", "杏宅村", "TS-NLS", 120, "2023-03-01", "2023-10-31", "O", None),
    ("东园镇东园村农贸市场提升改造", "省级", S_ENV, "东园镇", "东园村", "TS-T-DONGYUAN", 450, "2023-03-01", "2023-12-31", "O", None),
    ("张坂镇玉埕村社区嵌入式养老服务设施建设", "省级", S_CARE, "张坂镇", "玉埕村", "TS-MS", 220, "2023-03-01", "2023-12-31", "O", None),
    ("张坂镇群贤村“15分钟健身圈”建设", "省级", S_EDU, "张坂镇", "群贤村", "TS-JW", 130, "2023-03-15", "2023-11-30", "O", None),
]  # fmt: skip


def taishang() -> County:
    specs: list[Spec] = []
    for number, row in enumerate(TS_DISTRICT, start=1):
        name, series, township, village, unit, plan, start, due, kind, done = row
        code = f"TS2023-{number:03d}"
        spec = Spec(
            code, name, "县级", series, township, village, unit, Decimal(plan), d(start), d(due)
        )
        if kind == "E":
            spec.done = d(done)
            assert spec.done < spec.due and spec.done <= TS_JULY
        elif done and done.startswith("late:"):
            spec.done = d(done.removeprefix("late:"))
            assert spec.done > spec.due
        else:
            spec.done = done_before_due(code, spec.due, TS_JULY + timedelta(days=7))
        if kind == "A":
            spec.pace[TS_JULY] = "ahead"
        if kind == "L":
            # slow from the start: 5 points under the planned share in March, behind in May
            march = TS_SNAPSHOTS[0]
            planned = planned_progress(spec.start, spec.due, march) or Decimal(0)
            spec.progress[march] = max(0, round_half_up(planned) - 5)
            spec.pace[TS_MAY] = "behind"
            spec.lag_reason = TS_LAG_REASONS[name]
        if name.startswith("乡镇船舶安全评估"):
            spec.cost = Decimal("25.418")
        if "长者食堂" in name:
            spec.cost = Decimal(30)
        specs.append(spec)

    # 计划投资: the flood bank takes whatever makes the total 48047 万元.
    balance = next(s for s in specs if s.plan == 0)
    balance.plan = TS_PLAN_TOTAL - sum(s.plan for s in specs)
    assert 2000 <= balance.plan <= 4000, balance.plan

    # 下达资金 on 2023-07-31: completed projects have their whole cost, the others 78–88 % of the
    # plan; the rest of 40600 goes to the biggest projects still under way.
    july: dict[str, Decimal] = {}
    for s in specs:
        if s.done is not None and s.done <= TS_JULY:
            july[s.code] = (
                s.cost if s.cost is not None else money(s.plan * h(s.code + "/cost", 93, 100) / 100)
            )
            s.cost = july[s.code]
        elif "长者食堂" in s.name:
            july[s.code] = Decimal(30)
        else:
            july[s.code] = money(s.plan * h(s.code + "/a7", 78, 88) / 100, "1")
    rest = TS_ALLOC_JULY - sum(july.values())
    big = sorted((s for s in specs if s.done > TS_JULY and s.plan >= 2000), key=lambda s: -s.plan)
    share = money(rest / len(big), "1")
    for s in big[1:]:
        july[s.code] += share
        rest -= share
    july[big[0].code] += rest
    for s in specs:
        assert july[s.code] <= s.plan, (s.code, july[s.code], s.plan)
    assert sum(july.values()) == TS_ALLOC_JULY
    for s in specs:
        a7 = july[s.code]
        s.alloc[TS_SNAPSHOTS[0]] = a7 if s.done <= TS_SNAPSHOTS[0] else money(a7 * Decimal("0.45"))
        s.alloc[TS_SNAPSHOTS[1]] = a7 if s.done <= TS_SNAPSHOTS[1] else money(a7 * Decimal("0.75"))
        s.alloc[TS_JULY] = a7
        final = s.cost if s.cost is not None else money(s.plan * h(s.code + "/cost", 93, 100) / 100)
        s.alloc[TS_SNAPSHOTS[3]] = max(a7, final)

    for number, (township, village) in enumerate(TS_SHELTERS, start=1):
        code = f"TS2023-S{number:03d}"
        spec = Spec(
            code,
            f"{township}{village}自然灾害避灾点规范化建设",
            "市级",
            S_SAFE,
            township,
            village,
            "TS-YJ",
            Decimal(5),
            d("2023-03-01") + timedelta(days=h(code + "/st", 0, 30)),
            d("2023-07-15"),
        )
        spec.done = d("2023-06-05") + timedelta(days=h(code + "/dn", 0, 40))
        spec.cost = Decimal(5)
        for when in TS_SNAPSHOTS:
            spec.alloc[when] = Decimal(5)
        specs.append(spec)
    for number, row in enumerate(TS_PROVCITY, start=len(TS_SHELTERS) + 1):
        name, level, series, township, village, unit, plan, start, due, kind, done = row
        code = f"TS2023-S{number:03d}"
        spec = Spec(
            code, name, level, series, township, village, unit, Decimal(plan), d(start), d(due)
        )
        if kind == "E":
            spec.done = d(done)
        elif kind == "B":
            spec.pace[TS_JULY] = "behind"
            spec.lag_reason = "受第5号台风“杜苏芮”影响停工，进度滞后"
            spec.done = done_before_due(code, spec.due, TS_JULY + timedelta(days=30))
        else:
            spec.done = done_before_due(code, spec.due, TS_JULY + timedelta(days=7))
        specs.append(spec)

    users = [
        {"username": "ts_duchashi", "display_name": "黄丽娟（区督查室）", "role": "supervisor",
         "unit": None, "townships": [], "county": True},
        {"username": "ts_duchayuan1", "display_name": "陈志强（督查员）", "role": "inspector",
         "unit": None, "townships": ["洛阳镇", "东园镇"], "county": False},
        {"username": "ts_duchayuan2", "display_name": "郭雅芳（督查员）", "role": "inspector",
         "unit": None, "townships": ["张坂镇", "百崎回族乡"], "county": False},
        {"username": "ts_duchayuan3", "display_name": "庄明辉（督查员）", "role": "inspector",
         "unit": None, "townships": ["东园镇", "张坂镇"], "county": False},
        {"username": "ts_yingji", "display_name": "庄伟杰（综合执法与应急管理局）", "role": "unit",
         "unit": "TS-YJ", "townships": [], "county": False},
        {"username": "ts_nonglinshui", "display_name": "黄志鹏（农林水与生态环境局）", "role": "unit",
         "unit": "TS-NLS", "townships": [], "county": False},
        {"username": "ts_minsheng", "display_name": "曾丽萍（民生保障局）", "role": "unit",
         "unit": "TS-MS", "townships": [], "county": False},
        {"username": "ts_daibiao1", "display_name": "骆清泉（区人大代表）", "role": "deputy",
         "unit": None, "townships": [], "county": False},
        {"username": "ts_daibiao2", "display_name": "郭丽云（区人大代表）", "role": "deputy",
         "unit": None, "townships": [], "county": False},
    ]  # fmt: skip
    return County(
        slug="taishang",
        name="泉州台商投资区",
        code="350598",
        level_label="区",
        supervisor_office="台商投资区督查室",
        area_code="0595",
        townships=TS_TOWNSHIPS,
        box=(24.95, 25.10, 118.70, 118.95),
        units=TS_UNITS,
        series=TS_SERIES,
        snapshots=TS_SNAPSHOTS,
        specs=specs,
        users=users,
        people=TS_PEOPLE,
    )
