"""Build the demo data files of the two counties from the two reports in ``shared/domain/``.

Deterministic (no clock, no randomness: every "random" choice is a hash of the project code),
so running it again rewrites the very same files::

    .venv/bin/python -m server.demo.data.generate

It writes, for ``taishang`` (泉州台商投资区 2023) and ``qingtian`` (青田县 2023):
``county.json``, ``units.csv``, ``series.csv``, ``users.json`` and one ``ledger_YYYY-MM-DD.csv``
per snapshot (UTF-8 with BOM, the ledger-import headers), plus the global ``users.json``.

How the reported figures are reproduced (checked again by ``tests/demo/test_demo_data_files.py``):

- Taishang, 2023-07-31, the 48 district (县级) projects: 17 completed early, 4 ahead of schedule,
  27 on schedule; 下达资金 sums to 40600 万元 and 计划投资 to 48047 万元, and
  40600 / 48047 = 84.4995…% → 84.50% (rounded half-up to two decimals). Seven of the 27 were
  behind on 2023-05-31 ("督促7个滞后项目建设提速"). By 2023-12-31 all 81 are completed, two of
  them a few days after the planned date.
- Qingtian, 2023-12-31: 222 projects; 107 provincial/city all completed; 34 county tasks: 31
  completed, 华侨医院 postponed, 2 due 2024-02-09 and on schedule; 81 township projects in all 32
  townships (下达资金 2300 万元): 56 completed, 22 due 2024-02-09 and on schedule, 3 behind. On
  2024-02-08 the 22 and the 2 are completed; the 3 are still behind.

Each project's progress at a snapshot follows the schedule rule of ``server.projects.schedule``:
"on schedule" rows stay within ±6 points of the planned progress, "ahead" rows are 15–22 points
above it, rows behind before their due date 15–22 points below it, and the result is asserted
against ``schedule_status`` while generating.
"""

from __future__ import annotations

from pathlib import Path

from server.demo.data.build import write_county, write_json
from server.demo.data.qingtian import qingtian
from server.demo.data.taishang import taishang

HERE = Path(__file__).resolve().parent

__all__ = ["main", "qingtian", "taishang", "write_county"]

# ---------------------------------------------------------------------------------------------
# writing


GLOBAL_USERS = [
    {"username": "admin", "display_name": "系统管理员", "role": "admin",
     "unit": None, "townships": [], "county": False},
    {"username": "supervisor", "display_name": "督查室（演示）", "role": "supervisor",
     "unit": None, "townships": [], "county": False},
]  # fmt: skip


def main() -> None:
    for county in (taishang(), qingtian()):
        write_county(county, HERE)
    write_json(HERE / "users.json", GLOBAL_USERS)


if __name__ == "__main__":
    main()
