"""В — внутренняя согласованность: an expense against three years of family income; main-job
income against the employer's own payroll."""

from __future__ import annotations

from typing import Any

from checks.flags import Flag
from checks.history import declarations, income_totals, relatives
from checks.rules import (Context, Rule, date_ru, describe_expense, label, number_ru, rub, rule, subject_ru,
                          years_ru)
from declarations.model import ASSET_KINDS


def _describe_expense(evidence: dict[str, Any]) -> str:
    lines = [f"расход ({subject_ru(evidence['subject'])}, справка {evidence['declaration_id']}): "
             f"{describe_expense(evidence['expense'])}"]
    for y in evidence["income_years"]:
        if not y["declared"]:
            lines.append(f"{y['year']}: нет сведений")
        else:
            lines.append(f"{y['year']}: служащий {rub(y['self_income'])}, супруг(а) {rub(y['spouse_income'])}")
    lines.append(f"итого доход {rub(evidence['income_total'])}")
    return "; ".join(lines)


@rule("EXPENSE_EXCEEDS_3Y_INCOME")
def expense_exceeds_income(ctx: Context, self: Rule) -> list[Flag]:
    declarations(ctx)
    income_totals(ctx)
    found = ctx.rows(f"""
        WITH ex AS (
            SELECT e.rowid AS rid, d.person_id, d.year, d.declaration_id, d.subject, d.subject_key, d.subject_name,
                   e.asset_kind, e.description, e.amount, e.deal_date, e.funds_source, e.source_row,
                   coalesce(year(e.deal_date), d.year) AS deal_year
            FROM expenses e JOIN chk_decl d USING (declaration_id)
            WHERE {ctx.year_is('d.year')}),
        family AS (
            SELECT person_id, year,
                   sum(income_total) FILTER (WHERE subject = 'self') AS self_income,
                   sum(income_total) FILTER (WHERE subject = 'spouse') AS spouse_income,
                   bool_or(subject = 'self') AS declared,
                   list(declaration_id ORDER BY declaration_id) AS declaration_ids
            FROM chk_income WHERE subject IN ('self', 'spouse') GROUP BY person_id, year),
        years AS (SELECT rid, person_id, unnest(range(deal_year - $years, deal_year)) AS income_year FROM ex),
        per_year AS (
            SELECT y.rid, list({{'year': y.income_year, 'declared': coalesce(f.declared, false),
                                 'self_income': coalesce(f.self_income, 0), 'spouse_income': coalesce(f.spouse_income, 0),
                                 'declaration_ids': coalesce(f.declaration_ids, [])}} ORDER BY y.income_year) AS income_years,
                   sum(coalesce(f.self_income, 0) + coalesce(f.spouse_income, 0)) AS income_total,
                   list(y.income_year ORDER BY y.income_year) FILTER (WHERE NOT coalesce(f.declared, false)) AS missing_years
            FROM years y LEFT JOIN family f ON f.person_id = y.person_id AND f.year = y.income_year
            GROUP BY y.rid)
        SELECT ex.*, p.income_years, p.income_total, coalesce(p.missing_years, []) AS missing_years,
               r.full_name AS relative_name
        FROM ex JOIN per_year p USING (rid)
        LEFT JOIN {relatives(ctx)} r ON r.person_id = ex.person_id AND r.relative_id = ex.subject_key
        WHERE ex.amount > p.income_total
        ORDER BY ex.person_id, ex.year, ex.subject_key, ex.deal_date, ex.amount""",
        {"years": ctx.settings.checks.expense_income_years})
    flags = []
    for row in found:
        missing = row["missing_years"]
        years = [y["year"] for y in row["income_years"]]
        expense = {k: row[k] for k in ("asset_kind", "description", "amount", "deal_date", "funds_source",
                                       "source_row") if row.get(k) is not None}
        evidence = {"subject": row["subject"], "subject_key": row["subject_key"], "declaration_id": row["declaration_id"],
                    "year": row["year"], "expense": expense, "deal_year": row["deal_year"],
                    "income_years": row["income_years"], "income_total": row["income_total"],
                    "missing_years": missing}
        deal = f"«{row['description'] or label(ASSET_KINDS, row['asset_kind'])}»"
        if row["deal_date"]:
            deal += f" от {date_ru(row['deal_date'])}"
        description = " ".join((row["description"] or "").lower().split())
        identity = f"{row['subject_key']}|{row['asset_kind']}|{row['deal_date'] or row['deal_year']}|{description}"
        flags.append(self.flag(
            person_id=row["person_id"], year=row["year"], identity=identity, evidence=evidence,
            subject=subject_ru(row["subject"], row["subject_name"] or row["relative_name"]), deal=deal,
            amount=rub(row["amount"]), years=years_ru(years), income=rub(row["income_total"]),
            missing=f"; нет сведений о доходах за {years_ru(missing)}" if missing else ""))
    return flags


def _describe_payroll(evidence: dict[str, Any]) -> str:
    return (f"{evidence['year']}: в справке {evidence['declaration_id']} по основному месту работы "
            f"{rub(evidence['declared_main_job'])}, по начислениям {rub(evidence['payroll'])}; "
            f"разница {rub(evidence['difference'])}"
            + (f" ({number_ru(evidence['difference_pct'], 1)} %)" if evidence.get("difference_pct") is not None else ""))


@rule("PAYROLL_MISMATCH")
def payroll_mismatch(ctx: Context, self: Rule) -> list[Flag]:
    income_totals(ctx)
    pct = ctx.settings.checks.payroll_tolerance_pct
    rub_limit = ctx.settings.checks.payroll_tolerance_rub
    found = ctx.rows(f"""
        WITH pay AS (SELECT person_id, year, sum(amount) AS payroll, list(source_row ORDER BY source_row) AS rows
                     FROM payroll GROUP BY person_id, year)
        SELECT i.person_id, i.year, i.declaration_id, i.main_job, p.payroll, p.rows AS payroll_rows,
               i.main_job - p.payroll AS difference
        FROM chk_income i JOIN pay p ON p.person_id = i.person_id AND p.year = i.year
        WHERE i.subject = 'self' AND i.source = 'workbook' AND {ctx.year_is('i.year')}
          AND abs(i.main_job - p.payroll) > $rub_limit
          AND abs(i.main_job - p.payroll) > $pct / 100.0 * p.payroll
        ORDER BY i.person_id, i.year""", {"rub_limit": rub_limit, "pct": pct})
    incomes: dict[str, list[dict[str, Any]]] = {}
    with ctx.keys("chk_keys", declaration_id=[r["declaration_id"] for r in found]):
        for item in ctx.rows("""SELECT x.declaration_id, x.income_type, x.description, x.amount, x.source_row
                                FROM incomes x JOIN chk_keys k USING (declaration_id)
                                WHERE x.income_type = 'main_job'
                                ORDER BY x.declaration_id, x.amount DESC, x.source_row"""):
            incomes.setdefault(item.pop("declaration_id"), []).append(item)
    for row in found:
        row["incomes"] = incomes.get(row["declaration_id"], [])
    flags = []
    for row in found:
        difference_pct = None if not row["payroll"] else abs(row["difference"]) / row["payroll"] * 100.0
        evidence = {"year": row["year"], "declaration_id": row["declaration_id"],
                    "declared_main_job": row["main_job"], "main_job_incomes": row["incomes"] or [],
                    "payroll": row["payroll"], "payroll_source_rows": row["payroll_rows"],
                    "difference": row["difference"], "difference_pct": difference_pct,
                    "tolerance": {"pct": pct, "rub": rub_limit}}
        flags.append(self.flag(
            person_id=row["person_id"], year=row["year"], identity="self|main_job", evidence=evidence,
            declared=rub(row["main_job"]), payroll=rub(row["payroll"]),
            direction="больше" if row["difference"] > 0 else "меньше",
            difference=rub(abs(row["difference"]))
            + (f" ({number_ru(difference_pct, 1)} %)" if difference_pct is not None else "")))
    return flags
