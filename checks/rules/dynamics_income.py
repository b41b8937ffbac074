"""Д — income year over year: a subject's total income changed many times over."""

from __future__ import annotations

from typing import Any

from checks.flags import Flag
from checks.history import PAIR_SELECT, gap_note, income_totals, pair_evidence, pair_identity, pairs
from checks.rules import Context, Rule, describe_income, number_ru, rub, rule, subject_ru, years_ru


def _incomes_of(ctx: Context, declaration_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    """Evidence: the income rows of the flagged справки (flagged rows only)."""
    out: dict[str, list[dict[str, Any]]] = {}
    with ctx.keys("chk_keys", declaration_id=declaration_ids):
        found = ctx.rows("""SELECT i.declaration_id, i.income_type, i.description, i.amount, i.source_row
                            FROM incomes i JOIN chk_keys k USING (declaration_id)
                            ORDER BY i.declaration_id, i.amount DESC, i.income_type, i.source_row""")
    for row in found:
        out.setdefault(row.pop("declaration_id"), []).append({k: v for k, v in row.items() if v is not None})
    return out


def _describe_jump(evidence: dict[str, Any]) -> str:
    prev, cur = evidence["previous"], evidence["current"]
    ratio = evidence.get("ratio")
    text = (f"{subject_ru(evidence['subject'], evidence.get('subject_name'))}. Доход: "
            f"{prev['year']} (справка {prev['declaration_id']}) {rub(prev['income_total'])} → "
            f"{cur['year']} (справка {cur['declaration_id']}) {rub(cur['income_total'])}; изменение "
            f"{rub(evidence['change'])}" + (f", в {number_ru(ratio, 1)} раза" if ratio else ""))
    if evidence.get("years_without_declaration"):
        text += f"; справки за {years_ru(evidence['years_without_declaration'])} нет"
    for side in (prev, cur):
        if side.get("incomes"):
            text += f"; {side['year']}: " + "; ".join(describe_income(i) for i in side["incomes"])
    return text


@rule("INCOME_JUMP")
def income_jump(ctx: Context, self: Rule) -> list[Flag]:
    pairs(ctx)
    income_totals(ctx)
    ratio = ctx.settings.checks.income_jump_ratio
    limit = ctx.settings.checks.income_jump_rub
    found = ctx.rows(f"""
        SELECT {PAIR_SELECT}, ip.income_total AS before, ic.income_total AS after,
               ic.income_total - ip.income_total AS change
        FROM chk_pairs pr
        JOIN chk_income ip ON ip.did = pr.prev_did
        JOIN chk_income ic ON ic.did = pr.pair_id
        WHERE abs(ic.income_total - ip.income_total) > $limit
          AND (ic.income_total > $ratio * ip.income_total OR ip.income_total > $ratio * ic.income_total)
        ORDER BY pr.person_id, pr.cur_year, pr.subject_key""", {"limit": limit, "ratio": ratio})
    incomes = _incomes_of(ctx, [r["prev_id"] for r in found] + [r["cur_id"] for r in found])
    flags = []
    for row in found:
        before, after = row["before"], row["after"]
        up = after > before
        times = (after / before if before else None) if up else (before / after if after else None)
        evidence = pair_evidence(row)
        evidence["previous"].update(income_total=before, incomes=incomes.get(row["prev_id"], []))
        evidence["current"].update(income_total=after, incomes=incomes.get(row["cur_id"], []))
        evidence.update(change=row["change"], ratio=times, thresholds={"ratio": ratio, "rub": limit})
        if times is not None:
            how = f"в {number_ru(times, 1)} раза"
        else:
            how = "с нуля" if up else "до нуля"
        flags.append(self.flag(
            person_id=row["person_id"], year=row["cur_year"], identity=pair_identity(row, "income_total"),
            evidence=evidence, subject=subject_ru(row["subject"], row.get("subject_name")),
            direction="вырос" if up else "снизился", ratio=how, before=rub(before), after=rub(after),
            prev_year=row["prev_year"], gap=gap_note(row)))
    return flags
