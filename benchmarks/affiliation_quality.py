"""PROCUREMENT_AFFILIATION quality, end to end: `declarations load` and `declarations match` as users run them.

The name benchmark's people and register rows (`sample_data.match_benchmark`) become what HR departments
load: the servants, in organisations of `servants_per_org`, each with their relatives (a
workbook CSV folder); every servant a member of their organisation's procurement commission,
so every relative counts (the hardest case inside an organisation); every register row's
company a participant in a procedure of the organisation of the person the row was made from
(for a hard negative, the person it is a namesake of; a stranger's company bids with any
organisation), three participants a procedure (`procurement.csv`, `officers.csv`).

Truth: a register row made from a servant or a relative whom 44-ФЗ counts (not in-laws),
in a role that counts (director, board member, founder over 10 %), must give one
PROCUREMENT_AFFILIATION for that servant, procedure, company and relative; every other
PROCUREMENT_AFFILIATION is wrong. Scored per noise kind of the register row.

    python -m benchmarks.affiliation_quality [persons] [servants_per_org ...]
"""

from __future__ import annotations

import sys
from pathlib import Path

from benchmarks.match_quality import ROOT, benchmark_data
from sample_data.match_benchmark import measure

OUT = ROOT / "benchmarks" / "extra" / "match_quality_affiliation.md"


def write_affiliation_quality(persons: int = 2000, sizes: tuple[int, ...] = (100, 2000)) -> Path:
    lines = [f"## PROCUREMENT_AFFILIATION quality, end to end ({persons} servants with relatives)", "",
             "`benchmarks/affiliation_quality.py`: the name benchmark loaded with `declarations load` and checked with",
             "`declarations match`; every servant sits on their organisation's procurement commission. Expected: one",
             "finding per register row made from a servant or a relative 44-ФЗ counts, in a role that counts.",
             "Wrong: any other finding, by severity (medium = a lead: initials or a partial name, no birth date).",
             "Organisations of 100 are an HR department's usual store; one organisation of all the servants, each",
             "handling every procedure, is the hardest case for leads (a register row in initials fits more people).",
             ""]
    for size in sizes:
        organisations = -(-persons // size)
        lines += [f"### {organisations} organisation{'s' if organisations > 1 else ''} of {size} servants", "",
                  "| noise kind | expected | found, high | found, medium | wrong, high | wrong, medium |",
                  "|---|---:|---:|---:|---:|---:|"]
        total = [0] * 5
        folder = ROOT / "bench-data" / f"affiliation-{persons}-by-{size}"
        for noise, counts in sorted(measure(benchmark_data(persons), folder, size).items()):
            lines.append(f"| {noise} | {' | '.join(map(str, counts))} |")
            total = [a + b for a, b in zip(total, counts)]
        expected, right_high, right_medium, wrong_high, wrong_medium = total
        right, wrong = right_high + right_medium, wrong_high + wrong_medium
        lines += ["", f"**recall {right / expected:.3f}, precision {right / (right + wrong):.3f}** ({right} of "
                      f"{expected} expected findings, {wrong} wrong); high severity alone: recall "
                      f"{right_high / expected:.3f}, precision {right_high / (right_high + wrong_high):.3f}", ""]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return OUT


if __name__ == "__main__":
    arguments = [int(a) for a in sys.argv[1:]]
    print(write_affiliation_quality(arguments[0] if arguments else 2000, tuple(arguments[1:]) or (100, 2000)).read_text(
        encoding="utf-8"))
