"""Regenerate the committed sample in ``sample_data/sample/`` (deterministic, byte for byte).

``python -m sample_data.make_sample [--out DIR]``

One organisation, 45 servants (33 of them carry the planted cases), reporting years
2021–2024 in four different styles, as the readers must accept them all:

* 2021: ``declarations_2021.xlsx``, English keys, real Excel dates and numbers;
* 2022: ``declarations_2022.xlsx``, Russian headers and sheet names, amounts and dates as text
  («1 474 895,00», ДД.ММ.ГГГГ), Russian enum labels;
* 2023: ``declarations_2023/*.csv``, English keys, ISO dates, ``1474895.00``;
* 2024: ``declarations_2024/*.csv`` with Russian file names and headers, Russian number and date
  formats, non-breaking spaces;

plus ``procurement.csv``, ``procurement_ocds.json``, ``commissions.csv``, ``officers.csv`` and
``manifest.json``.
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

from .generator import DEFAULT_ORGANISATION, Manifest, generate

SAMPLE_DIR = Path(__file__).resolve().parent / "sample"

SAMPLE_ARGS = {
    "servants": 45,
    "years": [2021, 2022, 2023, 2024],
    "seed": 2024,
    "organisation": DEFAULT_ORGANISATION,
    "formats": {
        2021: ("xlsx", "en", False),
        2022: ("xlsx", "ru", True),
        2023: ("csv", "en", False),
        2024: ("csv", "ru", True),
    },
}


def make_sample(out: Path | str = SAMPLE_DIR, **overrides) -> Manifest:
    out = Path(out)
    if out.exists():
        if any(out.iterdir()) and not (out / "manifest.json").exists():
            raise SystemExit(f"{out} is not empty and holds no manifest.json; refusing to overwrite it")
        shutil.rmtree(out)
    args = dict(SAMPLE_ARGS, **overrides)
    return generate(out, **args)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m sample_data.make_sample", description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=SAMPLE_DIR)
    a = ap.parse_args(argv)
    m = make_sample(a.out)
    flags = m.codes("flag")
    print(f"sample in {a.out}: {len(m.files)} files, {len(m.cases)} planted cases, "
          f"{len(flags)} codes to raise")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
