"""The installed `declarations` command run as a user runs it, and the workbooks these runs start from."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.check_books import account, car, flat, workbook
from tests.conftest import declaration

BIN = Path(sys.executable).parent / "declarations"


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN), *args], cwd=cwd, capture_output=True, text=True, timeout=300,
                          env={"PATH": "/usr/bin:/bin", "COLUMNS": "200"})


def sample_books(tmp_path: Path) -> list[Path]:
    before = workbook(tmp_path, 2022, real_estate=[flat("2022-1")], vehicles=[car("2022-1")],
                      accounts=[account("2022-1")])
    after = workbook(tmp_path, 2023, accounts=[account("2023-1", opened_on="2016-01-01")],
                     declarations=[declaration("2023-1", "1", 2023, submitted_on="2024-05-03")])
    return [before, after]
