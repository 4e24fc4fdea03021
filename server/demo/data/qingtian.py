"""青田县 2023, from 002_8cbeb95efd8ed1d2.txt (see generate.py for the figures it reproduces)."""

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
)

QT_SNAPSHOTS = [d("2023-06-30"), d("2023-12-31"), d("2024-02-08")]
QT_JUNE, QT_YEAR_END, QT_FESTIVAL = QT_SNAPSHOTS
SPRING_FESTIVAL_EVE = d("2024-02-09")

# name, code, unit code suffix, villages, (lat, lon)
QT_TOWNSHIPS = [
    ("鹤城街道", "331121001", "HECHENG", ["城东社区", "城西社区", "太鹤社区"], (28.140, 120.290)),
    ("瓯南街道", "331121002", "ONAN", ["南湾村", "外岙村", "上垟村", "湖边村"], (28.125, 120.305)),
    ("油竹街道", "331121003", "YOUZHU", ["油竹村", "塘垟村", "新大村"], (28.118, 120.335)),
    ("三溪口街道", "331121004", "SANXIKOU", ["三溪口村", "岩口村", "雄溪村"], (28.155, 120.240)),
    ("温溪镇", "331121100", "WENXI", ["温溪村", "港头村", "东岸村", "梅岙村"], (28.075, 120.430)),
    ("东源镇", "331121101", "DONGYUAN", ["东源村", "平演村", "徐岙村"], (28.120, 120.395)),
    ("高湖镇", "331121102", "GAOHU", ["高湖村", "洋坑村", "西山村"], (28.195, 120.385)),
    ("船寮镇", "331121103", "CHUANLIAO", ["船寮村", "高岗村", "赤岩村", "大路村"], (28.190, 120.140)),
    ("海口镇", "331121104", "HAIKOU", ["海口村", "何岙村", "尚仁村"], (28.170, 120.185)),
    ("腊口镇", "331121105", "LAKOU", ["腊口村", "石郭村", "东山村"], (28.262, 120.048)),
    ("仁庄镇", "331121106", "RENZHUANG", ["孙山村", "仁庄村", "雅林村", "夏严村"], (28.005, 120.205)),
    ("北山镇", "331121107", "BEISHAN", ["北山村", "张口村", "东垟村"], (28.275, 120.105)),
    ("山口镇", "331121108", "SHANKOU", ["山口村", "石门村", "隔溪村"], (28.150, 120.212)),
    ("祯埠镇", "331121109", "ZHENBU", ["陈篆村", "祯埠村", "王岙村"], (28.095, 120.140)),
    ("阜山乡", "331121200", "FUSHAN", ["阜山村", "陈宅村", "清湖村"], (27.965, 120.070)),
    ("方山乡", "331121201", "FANGSHAN", ["龙现村", "方山村", "奎岩村"], (28.020, 120.370)),
    ("章村乡", "331121202", "ZHANGCUN", ["章村村", "岭头村"], (27.935, 120.050)),
    ("小舟山乡", "331121203", "XIAOZHOUSHAN", ["小舟山村", "朱山村"], (28.245, 120.160)),
    ("吴坑乡", "331121204", "WUKENG", ["吴坑村", "桐坑村"], (28.235, 120.045)),
    ("汤垟乡", "331121205", "TANGYANG", ["汤垟村", "坑口村"], (27.990, 119.975)),
    ("贵岙乡", "331121206", "GUIAO", ["贵岙村", "东坑村"], (28.040, 120.420)),
    ("季宅乡", "331121207", "JIZHAI", ["季宅村", "小溪村"], (28.080, 120.020)),
    ("黄垟乡", "331121208", "HUANGYANG", ["黄垟村", "朱岙村"], (28.050, 120.055)),
    ("万山乡", "331121209", "WANSHAN", ["万山村", "双垟村"], (27.950, 120.130)),
    ("舒桥乡", "331121210", "SHUQIAO", ["舒桥村", "里垟村"], (28.290, 120.320)),
    ("巨浦乡", "331121211", "JUPU", ["巨浦村", "下岸村"], (28.220, 120.300)),
    ("万阜乡", "331121212", "WANFU", ["万阜村", "上坑村"], (28.060, 120.260)),
    ("石溪乡", "331121213", "SHIXI", ["石溪村", "坳后村"], (28.030, 120.240)),
    ("祯旺乡", "331121214", "ZHENWANG", ["祯旺村", "南阳村"], (28.045, 120.120)),
    ("岭根乡", "331121215", "LINGGEN", ["岭根村", "叶垟村"], (28.330, 120.150)),
    ("章旦乡", "331121216", "ZHANGDAN", ["章旦村", "瓦窑村"], (28.120, 120.200)),
    ("高市乡", "331121217", "GAOSHI", ["高市村", "凤阳村"], (28.180, 120.060)),
]  # fmt: skip

QT_BUREAUS = [
    ("QT-JT", "县交通运输局"),
    ("QT-WJ", "县卫健局"),
    ("QT-JY", "县教育局"),
    ("QT-MZ", "县民政局"),
    ("QT-SL", "县水利局"),
    ("QT-ZJ", "县住建局"),
    ("QT-YB", "县医保局"),
    ("QT-RS", "县人力社保局"),
    ("QT-WG", "县文广旅体局"),
    ("QT-SJ", "县市场监管局"),
    ("QT-GA", "县公安局"),
    ("QT-ZF", "县综合行政执法局"),
    ("QT-ZY", "县自然资源和规划局"),
    ("QT-CL", "县残联"),
]

QT_SURNAMES = "周陈叶徐林王吴刘季詹邱潘夏留胡郑项杨"
QT_GIVEN = ["建平", "晓峰", "海燕", "志勇", "丽君", "伟东", "春华", "国强", "美玲", "旭东",
            "雅琴", "文斌", "宏伟", "素芳", "俊峰", "立新", "慧敏", "永胜", "一鸣", "秀丽"]  # fmt: skip


def qt_person(key: str) -> str:
    return (
        QT_SURNAMES[h(key + "/s", 0, len(QT_SURNAMES) - 1)]
        + QT_GIVEN[h(key + "/g", 0, len(QT_GIVEN) - 1)]
    )


def township_unit_name(township: str) -> str:
    return f"{township}办事处" if township.endswith("街道") else f"{township}人民政府"


X_TRAFFIC, X_HEALTH, X_EDU, X_CARE, X_SOCIAL = (
    "交通出行",
    "医疗健康",
    "教育提质",
    "养老托育",
    "社会保障",
)
X_JOBS, X_CULTURE, X_LIVING, X_WATER, X_SAFETY = (
    "就业增收",
    "文化体育",
    "人居环境",
    "饮用水安全",
    "平安建设",
)
QT_TEN = [
    X_TRAFFIC,
    X_HEALTH,
    X_EDU,
    X_CARE,
    X_SOCIAL,
    X_JOBS,
    X_CULTURE,
    X_LIVING,
    X_WATER,
    X_SAFETY,
]
QT_TOWNSHIP_SERIES = "乡镇民生实事票决项目"
QT_PROVCITY_SERIES = "省市级民生实事"

HOSPITAL_REASON = (
    "专项债资金未发放到位，资金难以保障，经研究暂缓实施，待明年专项债资金到位后再开工建设"
)

# The 34 county tasks (县政府十方面民生实事). kind: done (with date), early (done before
# 2023-06-30), lag (behind on 2023-06-30, done later), pending (due 2024-02-09, done before the
# Spring Festival), postponed (华侨医院).
QT_COUNTY = [
    # name, series, township, village, unit, plan, start, due, kind, done
    ("提升改造农村公路120公里", X_TRAFFIC, "船寮镇", "", "QT-JT", 9600, "2023-02-15", "2023-11-30", "lag", "2023-12-20"),
    ("新建改建城乡公交候车亭60个", X_TRAFFIC, "鹤城街道", "", "QT-JT", 360, "2023-03-01", "2023-10-31", "done", "2023-10-20"),
    ("新增城区公共停车泊位1000个", X_TRAFFIC, "瓯南街道", "", "QT-ZJ", 2800, "2023-06-15", "2024-02-09", "pending", "2024-02-02"),
    ("改造农村公路危桥10座", X_TRAFFIC, "温溪镇", "", "QT-JT", 1500, "2023-03-10", "2023-12-31", "done", "2023-12-26"),
    ("开工建设华侨医院", X_HEALTH, "油竹街道", "新大村", "QT-WJ", 20000, "2023-03-01", "2023-12-31", "postponed", None),
    ("推进村卫生室医保互联互通", X_HEALTH, "鹤城街道", "", "QT-YB", 180, "2023-03-01", "2023-11-30", "lag", "2023-11-25"),
    ("建成县人民医院胸痛中心和卒中中心", X_HEALTH, "鹤城街道", "太鹤社区", "QT-WJ", 650, "2023-02-20", "2023-10-31", "early", "2023-06-20"),
    ("开展城乡老年人免费健康体检3万人次", X_HEALTH, "鹤城街道", "", "QT-WJ", 450, "2023-03-01", "2023-11-30", "done", "2023-11-15"),
    ("完成乡镇卫生院提升改造3家", X_HEALTH, "船寮镇", "船寮村", "QT-WJ", 1200, "2023-03-15", "2023-12-31", "done", "2023-12-28"),
    ("建成瓯南幼儿园新园区", X_EDU, "瓯南街道", "外岙村", "QT-JY", 3200, "2023-01-10", "2023-08-31", "done", "2023-08-25"),
    ("改造提升农村中小学食堂15所", X_EDU, "腊口镇", "", "QT-JY", 900, "2023-03-01", "2023-08-31", "done", "2023-08-20"),
    ("改造中小学教室照明200间", X_EDU, "鹤城街道", "", "QT-JY", 320, "2023-04-01", "2023-08-31", "done", "2023-08-15"),
    ("温溪镇第二小学扩建工程", X_EDU, "温溪镇", "东岸村", "QT-JY", 4500, "2023-02-01", "2023-12-31", "done", "2023-12-30"),
    ("新建老年食堂（助餐点）20个", X_CARE, "鹤城街道", "", "QT-MZ", 400, "2023-03-01", "2023-10-31", "done", "2023-10-25"),
    ("完成困难老年人家庭适老化改造300户", X_CARE, "鹤城街道", "", "QT-MZ", 150, "2023-03-01", "2023-10-31", "early", "2023-06-28"),
    ("新增普惠性托位300个", X_CARE, "瓯南街道", "", "QT-WJ", 600, "2023-03-01", "2023-12-31", "done", "2023-12-15"),
    ("建设乡镇居家养老服务中心3家", X_CARE, "东源镇", "东源村", "QT-MZ", 450, "2023-03-15", "2023-11-30", "done", "2023-11-20"),
    ("实现困难群众医疗救助“一站式”结算全覆盖", X_SOCIAL, "鹤城街道", "", "QT-YB", 80, "2023-03-01", "2023-09-30", "early", "2023-06-15"),
    ("建成县残疾人康复服务中心", X_SOCIAL, "油竹街道", "塘垟村", "QT-CL", 800, "2023-02-15", "2023-12-31", "done", "2023-12-20"),
    ("建设“共富工坊”20家", X_JOBS, "船寮镇", "", "QT-RS", 200, "2023-03-01", "2023-11-30", "done", "2023-11-10"),
    ("开展华侨回乡创业及技能培训2000人次", X_JOBS, "鹤城街道", "", "QT-RS", 120, "2023-03-01", "2023-11-30", "done", "2023-10-31"),
    ("建设城市书房3家", X_CULTURE, "鹤城街道", "城西社区", "QT-WG", 300, "2023-03-01", "2023-10-31", "done", "2023-10-28"),
    ("新建乡村百姓健身房10个", X_CULTURE, "山口镇", "", "QT-WG", 200, "2023-03-15", "2023-10-31", "done", "2023-09-30"),
    ("提升瓯江沿岸健身步道8公里", X_CULTURE, "鹤城街道", "", "QT-WG", 700, "2023-03-01", "2023-12-31", "done", "2023-12-18"),
    ("改造城镇老旧小区5个", X_LIVING, "鹤城街道", "城东社区", "QT-ZJ", 3500, "2023-03-01", "2023-12-31", "done", "2023-12-25"),
    ("新建改造城乡公厕15座", X_LIVING, "三溪口街道", "", "QT-ZF", 450, "2023-03-01", "2023-10-31", "done", "2023-10-15"),
    ("瓯南街道农贸市场提升改造", X_LIVING, "瓯南街道", "上垟村", "QT-SJ", 1200, "2023-06-15", "2024-02-09", "pending", "2024-02-06"),
    ("创建生活垃圾分类示范小区20个", X_LIVING, "鹤城街道", "", "QT-ZF", 160, "2023-03-01", "2023-11-30", "done", "2023-11-20"),
    ("实施农村饮用水达标提标工程（受益2万人）", X_WATER, "阜山乡", "", "QT-SL", 2600, "2023-02-20", "2023-12-31", "done", "2023-12-22"),
    ("完成小型水库除险加固8座", X_WATER, "高湖镇", "", "QT-SL", 1600, "2023-02-20", "2023-11-30", "done", "2023-11-28"),
    ("完成山塘综合整治20座", X_WATER, "仁庄镇", "", "QT-SL", 800, "2023-03-01", "2023-10-31", "done", "2023-10-30"),
    ("建设农贸市场食品安全快检室10个", X_SAFETY, "温溪镇", "", "QT-SJ", 150, "2023-03-01", "2023-09-30", "early", "2023-06-10"),
    ("实施城区路口交通信号灯智能化改造30处", X_SAFETY, "鹤城街道", "", "QT-GA", 500, "2023-03-01", "2023-10-31", "done", "2023-10-20"),
    ("完成地质灾害隐患点综合治理15处", X_SAFETY, "祯埠镇", "", "QT-ZY", 1100, "2023-03-01", "2023-11-30", "done", "2023-11-26"),
]  # fmt: skip

QT_COUNTY_LAG = {
    "提升改造农村公路120公里": "部分路段受梅雨季节影响施工缓慢，沥青铺设进度滞后",
    "推进村卫生室医保互联互通": "部分村卫生室网络专线及医保结算设备未到位，进度滞后",
}

# The 107 provincial / city projects: (level, unit, count, name pattern, where, plan range 万元).
# "{t}" is the township, "{v}" a village of it.
QT_PROVCITY_KINDS = [
    ("省级", "QT-JT", 12, "{t}{v}通村公路提升改造", "rural", (180, 900)),
    ("省级", "QT-MZ", 12, "{t}{v}老年食堂（助餐点）建设", "all", (15, 60)),
    ("省级", "QT-WJ", 4, "{t}普惠性托育机构建设", ["鹤城街道", "瓯南街道", "温溪镇", "船寮镇"], (80, 300)),
    ("省级", "QT-WJ", 10, "{t}{v}卫生室规范化建设", "rural", (15, 60)),
    ("省级", "QT-SL", 10, "{t}{v}农村饮用水达标提标工程", "rural", (60, 400)),
    ("省级", "QT-JY", 6, "{t}中心学校“阳光厨房”改造", ["温溪镇", "船寮镇", "海口镇", "腊口镇", "仁庄镇", "北山镇"], (30, 120)),
    ("省级", "QT-WJ", 3, "{t}急救站点建设", ["温溪镇", "船寮镇", "仁庄镇"], (50, 200)),
    ("省级", "QT-ZJ", 4, "{t}{v}老旧小区改造提升", [("鹤城街道", "城东社区"), ("鹤城街道", "城西社区"), ("鹤城街道", "太鹤社区"), ("油竹街道", "油竹村")], (300, 1500)),
    ("市级", "QT-CL", 5, "{t}{v}困难残疾人家庭无障碍改造", "all", (10, 40)),
    ("市级", "QT-WG", 10, "{t}{v}乡村百姓健身房建设", "rural", (15, 50)),
    ("市级", "QT-JT", 5, "{t}{v}公交候车亭及招呼站建设", "all", (10, 60)),
    ("市级", "QT-SL", 8, "{t}{v}山塘综合整治", "rural", (30, 200)),
    ("市级", "QT-SJ", 4, "{t}农贸市场改造提升", ["温溪镇", "船寮镇", "海口镇", "北山镇"], (150, 600)),
    ("市级", "QT-ZF", 8, "{t}{v}旅游公厕改造", "rural", (20, 60)),
    ("市级", "QT-ZY", 6, "{t}{v}地质灾害隐患点综合治理", "rural", (50, 400)),
]  # fmt: skip

# Township projects (乡镇民生实事票决项目): kinds of works, by village.
QT_TOWNSHIP_WORKS = [
    "村道硬化提升工程", "休闲公园建设", "太阳能路灯安装", "文化礼堂提升改造", "生态停车场建设",
    "居家养老服务照料中心提升", "饮用水管网改造", "溪道整治及护岸建设", "便民桥修复加固",
    "健身广场建设", "垃圾分类收集点建设", "村内道路安全护栏安装", "农村公厕提升改造",
    "村级便民服务中心改造", "防洪堤加固",
]  # fmt: skip

QT_DELAYED = {
    # township: (name, village, due, lag reason, progress at 2023-06-30 / 2023-12-31 / 2024-02-08)
    "瓯南街道": ("瓯南街道南湾村休闲场所", "南湾村", "2023-10-31",
                 "受政策处理因素影响，进度滞后", (20, 55, 65)),
    "仁庄镇": ("仁庄镇孙山村村委办公楼至后山公路硬化", "孙山村", "2023-11-30",
               "林地审批未完成，进度滞后", (None, 60, 70)),
    "祯埠镇": ("祯埠镇陈篆至海口南岸（祯埠段）道路安全防护设施建设", "陈篆村", "2023-12-15",
               "受政策处理、林地审批等因素影响，进度滞后", (None, 70, 80)),
}  # fmt: skip

QT_TOWNSHIP_FUNDS = Decimal(2300)


def qingtian() -> County:
    specs: list[Spec] = []
    names = [t[0] for t in QT_TOWNSHIPS]
    rural = [t for t in names if not t.endswith("街道")]

    # provincial / city: 107, all completed by 2023-12-31
    number = 0
    for level, unit, count, pattern, where, (low, high) in QT_PROVCITY_KINDS:
        if where == "all" or where == "rural":
            pool = names if where == "all" else rural
            offset = h(pattern, 0, len(pool) - 1)
            places = []
            for i in range(count):
                township = pool[(offset + i * 3) % len(pool)]
                villages = next(t[3] for t in QT_TOWNSHIPS if t[0] == township)
                places.append((township, villages[h(pattern + township, 0, len(villages) - 1)]))
        elif isinstance(where[0], tuple):
            places = list(where)
        else:
            places = [(t, next(x[3] for x in QT_TOWNSHIPS if x[0] == t)[0]) for t in where]
        assert len(places) == count
        for index, (township, village) in enumerate(places):
            number += 1
            code = f"QT2023-S{number:03d}"
            name = pattern.format(t=township, v=village)
            start = d("2023-02-15") + timedelta(days=h(code + "/st", 0, 60))
            due = d(
                ["2023-09-30", "2023-10-31", "2023-11-30", "2023-12-20"][h(code + "/due", 0, 3)]
            )
            spec = Spec(code, name, level, QT_PROVCITY_SERIES, township, village, unit,
                        money(h(code + "/plan", low, high), "1"), start, due)  # fmt: skip
            if "通村公路" in name and index < 4:
                # the roads the report calls lagging: behind in June, finished late in December
                spec.due = d("2023-11-30")
                spec.pace[QT_JUNE] = "behind"
                spec.lag_reason = "受梅雨季节影响，路基路面施工进度滞后"
                spec.done = d("2023-12-05") + timedelta(days=h(code + "/dn", 0, 15))
            elif (
                ("老年食堂" in name and index < 6)
                or "无障碍" in name
                or ("候车亭" in name and index < 2)
            ):
                spec.done = start + timedelta(days=h(code + "/dn", 45, 75))
                assert spec.done <= QT_JUNE
            else:
                spec.done = done_before_due(code, spec.due, QT_JUNE + timedelta(days=20))
            specs.append(spec)
    assert number == 107

    for number, row in enumerate(QT_COUNTY, start=1):
        name, series, township, village, unit, plan, start, due, kind, done = row
        code = f"QT2023-X{number:03d}"
        spec = Spec(
            code, name, "县级", series, township, village, unit, Decimal(plan), d(start), d(due)
        )
        spec.done = d(done) if done else None
        if kind == "lag":
            spec.pace[QT_JUNE] = "behind"
            spec.lag_reason = QT_COUNTY_LAG[name]
        if kind == "postponed":
            spec.postpone_reason = HOSPITAL_REASON
            spec.pace[QT_YEAR_END] = spec.pace[QT_FESTIVAL] = "postponed"
            spec.progress = {QT_JUNE: 36, QT_YEAR_END: 60, QT_FESTIVAL: 60}
            spec.alloc = {when: Decimal(0) for when in QT_SNAPSHOTS}
            spec.cost = Decimal("486.5")
        specs.append(spec)

    # township projects: 81 over the 32 townships (3 in each 街道 and 镇 and in 3 乡, 2 elsewhere)
    three = {t for t in names if not t.endswith("乡")} | {"阜山乡", "方山乡", "章旦乡"}
    township_specs: list[Spec] = []
    number = 0
    for t_index, (township, _code, unit_suffix, villages, _point) in enumerate(QT_TOWNSHIPS):
        count = 3 if township in three else 2
        for i in range(count):
            number += 1
            code = f"QT2023-Z{number:03d}"
            village = villages[i % len(villages)]
            work = QT_TOWNSHIP_WORKS[(t_index * 2 + i * 5) % len(QT_TOWNSHIP_WORKS)]
            name = f"{township}{village}{work}"
            lag = ""
            if i == 0 and township in QT_DELAYED:
                name, village, _due, lag, _progress = QT_DELAYED[township]
            spec = Spec(code, name, "乡镇级", QT_TOWNSHIP_SERIES, township, village,
                        f"QT-T-{unit_suffix}", Decimal(0), d("2023-03-01"), d("2023-12-31"))  # fmt: skip
            spec.lag_reason = lag
            township_specs.append(spec)
    assert number == 81

    delayed = [s for s in township_specs if s.lag_reason]
    others = sorted(
        (s for s in township_specs if not s.lag_reason), key=lambda s: h(s.code + "/pick", 0, 10**9)
    )
    pending, finished = others[:22], others[22:]
    for s in delayed:
        _name, _village, due, _lag, (p6, p12, p2) = QT_DELAYED[s.township]
        s.start, s.due, s.done = d("2023-04-01"), d(due), None
        s.pace = {QT_YEAR_END: "behind", QT_FESTIVAL: "behind"}
        s.progress = {QT_YEAR_END: p12, QT_FESTIVAL: p2}
        if p6 is not None:
            s.pace[QT_JUNE] = "behind"
            s.progress[QT_JUNE] = p6
    for s in pending:
        s.start = d("2023-07-01") + timedelta(days=h(s.code + "/st", 0, 80))
        s.due = SPRING_FESTIVAL_EVE
        s.done = d("2024-01-10") + timedelta(days=h(s.code + "/dn", 0, 29))
    for index, s in enumerate(finished):
        s.start = d("2023-03-01") + timedelta(days=h(s.code + "/st", 0, 90))
        s.due = d(
            ["2023-08-31", "2023-09-30", "2023-10-31", "2023-11-30", "2023-12-31"][
                h(s.code + "/due", 0, 4)
            ]
        )
        if index < 8:  # done before the June report
            s.start = min(s.start, d("2023-04-15"))
            s.done = s.start + timedelta(days=h(s.code + "/dn", 45, 75))
        elif index < 11:  # finished a few days late (but within 2023)
            s.due = d("2023-11-30")
            s.done = d("2023-12-03") + timedelta(days=h(s.code + "/dn", 0, 20))
        else:
            s.done = done_before_due(s.code, s.due, QT_JUNE + timedelta(days=20))

    # 2300 万元 fixed funding over the 81 projects: 18–42 万元 each, the remainder on the last one.
    base = {s.code: h(s.code + "/fund", 18, 42) for s in township_specs}
    scale = QT_TOWNSHIP_FUNDS / sum(base.values())
    funds = {code: money(value * scale, "1") for code, value in base.items()}
    funds[township_specs[-1].code] += QT_TOWNSHIP_FUNDS - sum(funds.values())
    for s in township_specs:
        full = funds[s.code]
        s.plan = money(full * h(s.code + "/own", 100, 160) / 100, "0.1")
        s.alloc = {QT_JUNE: money(full * Decimal("0.6")), QT_YEAR_END: full, QT_FESTIVAL: full}
    specs.extend(township_specs)

    units = list(QT_BUREAUS) + [(f"QT-T-{t[2]}", township_unit_name(t[0])) for t in QT_TOWNSHIPS]
    people = {}
    for code, _name in units:
        phone = f"0578-68{h(code + '/tel', 10000, 99999)}"
        people[code] = (qt_person(code + "/lead"), qt_person(code + "/contact"), phone)

    users = [
        {"username": "qt_duchashi", "display_name": "叶晓峰（县政府督查室）", "role": "supervisor",
         "unit": None, "townships": [], "county": True},
        {"username": "qt_duchayuan1", "display_name": "周雅琴（督查员）", "role": "inspector",
         "unit": None, "townships": [*names[0:4], "温溪镇", "东源镇", "高湖镇", "方山乡", "贵岙乡"],
         "county": False},
        {"username": "qt_duchayuan2", "display_name": "徐立新（督查员）", "role": "inspector",
         "unit": None, "townships": ["船寮镇", "海口镇", "山口镇", "祯埠镇", "仁庄镇", "章旦乡",
                                     "万阜乡", "石溪乡", "祯旺乡", "季宅乡", "黄垟乡"],
         "county": False},
        {"username": "qt_duchayuan3", "display_name": "季永胜（督查员）", "role": "inspector",
         "unit": None, "townships": ["腊口镇", "北山镇", "阜山乡", "章村乡", "小舟山乡", "吴坑乡",
                                     "汤垟乡", "万山乡", "舒桥乡", "巨浦乡", "岭根乡", "高市乡"],
         "county": False},
        {"username": "qt_jiaotong", "display_name": f"{people['QT-JT'][1]}（县交通运输局）", "role": "unit",
         "unit": "QT-JT", "townships": [], "county": False},
        {"username": "qt_yibao", "display_name": f"{people['QT-YB'][1]}（县医保局）", "role": "unit",
         "unit": "QT-YB", "townships": [], "county": False},
        {"username": "qt_ounan", "display_name": f"{people['QT-T-ONAN'][1]}（瓯南街道办事处）", "role": "unit",
         "unit": "QT-T-ONAN", "townships": [], "county": False},
        {"username": "qt_daibiao1", "display_name": "留海燕（县人大代表）", "role": "deputy",
         "unit": None, "townships": [], "county": False},
        {"username": "qt_daibiao2", "display_name": "詹国强（县人大代表）", "role": "deputy",
         "unit": None, "townships": [], "county": False},
    ]  # fmt: skip
    return County(
        slug="qingtian",
        name="青田县",
        code="331121",
        level_label="县",
        supervisor_office="青田县人民政府督查室",
        area_code="0578",
        townships=[(t[0], t[1], t[3], t[4]) for t in QT_TOWNSHIPS],
        box=(27.90, 28.40, 119.80, 120.50),
        units=units,
        series=[*QT_TEN, QT_TOWNSHIP_SERIES, QT_PROVCITY_SERIES],
        snapshots=QT_SNAPSHOTS,
        specs=specs,
        users=users,
        people=people,
    )
