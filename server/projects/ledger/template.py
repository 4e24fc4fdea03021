"""build_template: the blank ledger offices fill in, with an example row and a help sheet."""

from __future__ import annotations

from datetime import date

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from server.projects.ledger import model as m
from server.projects.ledger.dates import MAX_YEAR, MIN_YEAR
from server.projects.ledger.headers import HEADER_SYNONYMS
from server.projects.ledger.sheets import (
    BORDER,
    FIRST_DATA_ROW,
    HEADER_FILL,
    HEADER_FONT,
    TITLE_FONT,
    WRAPPED,
    style_data_cell,
    to_bytes,
    write_title_and_headers,
)
from server.projects.ledger.values import LAT_RANGE, LON_RANGE
from server.spreadsheets import write_cell

TEMPLATE_TITLE = "民生实事项目台账"
HELP_SHEET = "填写说明"
VALIDATED_ROWS = 2000

EXAMPLE_ROW: dict[str, object] = {
    m.CODE: "2024-001",
    m.NAME: "城关镇东门社区长者食堂建设",
    m.LEVEL: "县（区）级",
    m.SERIES: "养老服务",
    m.TOWNSHIP: "城关镇",
    m.VILLAGE: "东门社区",
    m.UNIT: "县民政局",
    m.LEAD_OFFICIAL: "张三",
    m.CONTACT_NAME: "李四",
    m.CONTACT_PHONE: "13800000000",
    m.PLANNED_INVESTMENT: 120,
    m.ALLOCATED_INVESTMENT: 80,
    m.SPENT_INVESTMENT: 60.5,
    m.START_DATE: date(2024, 3, 1),
    m.PLANNED_COMPLETION: date(2024, 10, 31),
    m.ACTUAL_COMPLETION: None,
    m.PROGRESS: 50,
    m.POSTPONED_REASON: None,
    m.LAG_REASON: None,
    m.LON: 119.296472,
    m.LAT: 26.074268,
    m.YEAR: 2024,
}

_DATE_HELP = (
    "填日期，如 2024-07-31、2024/7/31、2024.7.31、2024年7月31日；也可只填到月（2024年7月、"
    "2024.7）、季度（2024年第三季度）或半年（2024年上半年）"
)
_MONEY_HELP = (
    "单位为万元，填数字。也可在格内写明单位（如 120万元、1.2亿元、3000元），格内单位优先；"
    "表头写“（亿元）”或“（元）”时，纯数字按表头单位换算"
)
COLUMN_HELP: dict[str, tuple[bool, str]] = {
    m.CODE: (True, "本县（区）内唯一；再次导入时按编号更新已有项目"),
    m.NAME: (True, "项目全称"),
    m.LEVEL: (
        False,
        "填 省级、市级、县（区）级 或 乡镇级（也可写 省、市、县、区级、乡镇、街道级 等）",
    ),
    m.SERIES: (False, "项目所属系列或类别，如 养老服务、农村公厕"),
    m.TOWNSHIP: (False, "项目所在乡镇或街道"),
    m.VILLAGE: (False, "项目所在村或社区；填写时须同时填写乡镇（街道）"),
    m.UNIT: (False, "牵头或承办单位全称"),
    m.LEAD_OFFICIAL: (False, "分管或责任领导姓名"),
    m.CONTACT_NAME: (False, "联系人姓名"),
    m.CONTACT_PHONE: (False, "手机或座机，按文本保存"),
    m.PLANNED_INVESTMENT: (False, _MONEY_HELP),
    m.ALLOCATED_INVESTMENT: (False, _MONEY_HELP),
    m.SPENT_INVESTMENT: (False, _MONEY_HELP),
    m.START_DATE: (False, _DATE_HELP + "；只填到月、季度、半年或年时按其第一天计"),
    m.PLANNED_COMPLETION: (
        False,
        _DATE_HELP + "；只填到月等时按其最后一天计（7月 = 7月31日）；不能早于开工时间",
    ),
    m.ACTUAL_COMPLETION: (False, _DATE_HELP + "；只填到月等时按其最后一天计；未完成的留空"),
    m.PROGRESS: (False, "0–100 的数字，如 85 或 85%；“已完工”按 100 计；保留一位小数"),
    m.POSTPONED_REASON: (False, "仅暂缓实施的项目填写；填写后项目按“暂缓”统计"),
    m.LAG_REASON: (False, "进度滞后的原因及措施"),
    m.LON: (
        False,
        f"十进制度数，如 119.296472（也可写 119°17′47″E）；须在 {LON_RANGE[0]:g}–{LON_RANGE[1]:g} 之间，"
        "与纬度同时填写",
    ),
    m.LAT: (
        False,
        f"十进制度数，如 26.074268；须在 {LAT_RANGE[0]:g}–{LAT_RANGE[1]:g} 之间，与经度同时填写",
    ),
    m.YEAR: (
        False,
        "项目所属的民生实事年度（人大票决的年份），如 2024；不填则用导入时选择的年度。"
        "同一编号可在不同年度各有一行",
    ),
}

GENERAL_NOTES = (
    "1. 第一行标题、空行、序号列、合计/小计行和表中其他列不影响导入，可以保留。",
    "2. 表头须在前 15 行内，至少包含“项目名称”和另外两列；“项目编号”“项目名称”两列必须有。",
    "3. 列名可用常见写法，如 编号、牵头单位、计划总投资（万元）、完成时限、进度（%）。",
    "4. 文件中没有的列，再次导入时不会清空系统中已有的内容；有该列但单元格留空，则会清空。",
    "5. 暂不填写的单元格留空即可，也可填 / 或 无。",
    f"6. 日期年份须在 {MIN_YEAR}–{MAX_YEAR} 之间；只写“7月底”而无年份的无法识别。",
    "7. 任一行有错误时整份文件都不会导入，系统会列出所有错误的行号、列名和原因，改正后重新导入。",
    "8. 支持 .xlsx 和 .csv（UTF-8 或 GBK 编码）；旧版 .xls 请先另存为 .xlsx。",
)


def _ledger_sheet(workbook: Workbook) -> None:
    ws = workbook.active
    ws.title = "项目台账"
    headers = list(m.LEDGER_COLUMNS)
    write_title_and_headers(ws, TEMPLATE_TITLE, headers)
    for column, header in enumerate(headers, start=1):
        write_cell(ws, FIRST_DATA_ROW, column, EXAMPLE_ROW[header])
        style_data_cell(ws, FIRST_DATA_ROW, column, header)
    last = FIRST_DATA_ROW + VALIDATED_ROWS
    level_letter = get_column_letter(headers.index(m.LEVEL) + 1)
    levels = DataValidation(
        type="list", formula1='"' + ",".join(m.LEVEL_LABELS.values()) + '"', allow_blank=True
    )
    levels.add(f"{level_letter}{FIRST_DATA_ROW}:{level_letter}{last}")
    progress_letter = get_column_letter(headers.index(m.PROGRESS) + 1)
    progress = DataValidation(type="decimal", operator="between", formula1="0", formula2="100")
    progress.error = "形象进度须为 0–100 之间的数字"
    progress.add(f"{progress_letter}{FIRST_DATA_ROW}:{progress_letter}{last}")
    ws.add_data_validation(levels)
    ws.add_data_validation(progress)


def _help_sheet(workbook: Workbook) -> None:
    ws = workbook.create_sheet(HELP_SHEET)
    write_cell(ws, 1, 1, "民生实事项目台账填写说明").font = TITLE_FONT
    row = 2
    for note in GENERAL_NOTES:
        write_cell(ws, row, 1, note)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=4)
        row += 1
    row += 1
    for column, heading in enumerate(("列名", "是否必填", "填写要求", "也可写作"), start=1):
        cell = write_cell(ws, row, column, heading)
        cell.font, cell.fill, cell.border = HEADER_FONT, HEADER_FILL, BORDER
    for header in m.LEDGER_COLUMNS:
        row += 1
        required, help_text = COLUMN_HELP[header]
        synonyms = "、".join(HEADER_SYNONYMS[header][1:6])
        values = (header, "必填" if required else "选填", help_text, synonyms)
        for column, value in enumerate(values, start=1):
            cell = write_cell(ws, row, column, value)
            cell.border, cell.alignment = BORDER, WRAPPED
        if required:
            ws.cell(row, 2).font = Font(bold=True, color="C00000")
    for letter, width in zip("ABCD", (16, 10, 70, 36), strict=True):
        ws.column_dimensions[letter].width = width


def build_template() -> bytes:
    """The ledger template (.xlsx): title, headers, one example row and a 填写说明 sheet."""
    workbook = Workbook()
    _ledger_sheet(workbook)
    _help_sheet(workbook)
    return to_bytes(workbook)
