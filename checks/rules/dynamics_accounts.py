"""Д — bank accounts year over year: opening dates that change, accounts the previous справка
left out, balances that grew by more than the year's income.

Only pairs where both справки come from HR workbooks are compared: public Declarator data
carries no accounts, and comparing it with a workbook would invent new accounts.
"""

from __future__ import annotations

from typing import Any

from checks.flags import Flag
from checks.history import PAIR_SELECT, gap_note, income_totals, pair_evidence, pair_identity, pairs
from checks.identity.matching import (add_other_side, asset_key, assets, match_evidence, matched, pair_scope,
                                      row_struct, source_join, stage_in, unmatched)
from checks.rules import (Context, Rule, date_ru, describe_account, rub, rule, subject_ru,
                          years_ru)

KIND = "account"


@rule("ACCOUNT_OPEN_DATE_CHANGED")
def account_open_date_changed(ctx: Context, self: Rule) -> list[Flag]:
    found = ctx.rows(f"""
        SELECT {PAIR_SELECT}, {row_struct(KIND, 'ps')} AS prev_row, {row_struct(KIND, 'cs')} AS cur_row,
               {asset_key(KIND, 'p')} AS asset_key, hit.p_opened_on AS before, hit.c_opened_on AS after,
               hit.stage, hit.score
        FROM {matched(ctx, KIND, f"{stage_in(KIND, 'identifier', 'only_of_kind', 'only_of_bank')} "
                                 "AND m.p_opened_on IS DISTINCT FROM m.c_opened_on")}
        ORDER BY pr.person_id, pr.cur_year, pr.subject_key, asset_key""")
    flags = []
    for row in found:
        evidence = pair_evidence(row, KIND)
        evidence.update(match_evidence(KIND, row["stage"], row["score"]))
        flags.append(self.flag(
            person_id=row["person_id"], year=row["cur_year"], identity=pair_identity(row, row["asset_key"]),
            evidence=evidence, subject=subject_ru(row["subject"], row.get("subject_name")),
            account=", ".join(str(v) for v in (row["cur_row"].get("bank"), row["cur_row"].get("account_number")) if v),
            before=date_ru(row["before"]), after=date_ru(row["after"]), prev_year=row["prev_year"]))
    return flags


@rule("ACCOUNT_UNDECLARED_BEFORE")
def account_undeclared_before(ctx: Context, self: Rule) -> list[Flag]:
    found = ctx.rows(f"""
        SELECT {PAIR_SELECT}, {row_struct(KIND, 'src')} AS cur_row, {asset_key(KIND, 'u')} AS asset_key, u.opened_on
        FROM {unmatched(ctx, KIND, 'cur')} u JOIN chk_pairs pr ON pr.pair_id = u.pair_id
        {source_join(KIND, 'src', 'u.rid')}
        WHERE u.opened_on IS NOT NULL AND u.opened_on <= pr.prev_end AND {pair_scope(KIND)}
        ORDER BY pr.person_id, pr.cur_year, pr.subject_key, asset_key""")
    flags, sides = [], []
    for row in found:
        evidence = pair_evidence(row, KIND)
        sides.append((row, evidence))
        evidence.update(match_evidence(KIND, None, None))
        evidence["reason_text"] = f"открыт {date_ru(row['opened_on'])}, до конца {row['prev_year']} года"
        cur = row["cur_row"]
        flags.append(self.flag(
            person_id=row["person_id"], year=row["cur_year"], identity=pair_identity(row, row["asset_key"]),
            evidence=evidence, subject=subject_ru(row["subject"], row.get("subject_name")),
            account=", ".join(str(v) for v in (cur.get("bank"), cur.get("account_type"), cur.get("account_number"))
                              if v),
            opened=date_ru(row["opened_on"]), prev_year=row["prev_year"], gap=gap_note(row)))
    add_other_side(ctx, KIND, sides, "previous")
    return flags


def _accounts_of(ctx: Context, declaration_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    """Evidence: the accounts of the flagged справки (flagged rows only)."""
    out: dict[str, list[dict[str, Any]]] = {}
    with ctx.keys("chk_keys", declaration_id=declaration_ids):
        found = ctx.rows(f"""SELECT a.declaration_id, {row_struct(KIND, 'a')} AS row
                             FROM accounts a JOIN chk_keys k USING (declaration_id)
                             ORDER BY a.declaration_id, a.bank, a.opened_on, a.source_row""")
    for item in found:
        out.setdefault(item["declaration_id"], []).append({k: v for k, v in item["row"].items() if v is not None})
    return out


def _describe_savings(evidence: dict[str, Any]) -> str:
    prev, cur = evidence["previous"], evidence["current"]
    text = (f"{subject_ru(evidence['subject'], evidence.get('subject_name'))}. "
            f"Остатки на счетах: {prev['year']} (справка {prev['declaration_id']}) {rub(prev['balance_total'])} → "
            f"{cur['year']} (справка {cur['declaration_id']}) {rub(cur['balance_total'])}, рост {rub(evidence['growth'])}; "
            f"доход за {cur['year']} год {rub(cur['income_total'])}")
    if evidence.get("years_without_declaration"):
        text += f"; справки за {years_ru(evidence['years_without_declaration'])} нет"
    for side in (prev, cur):
        if side.get("accounts"):
            text += f"; {side['year']}: " + "; ".join(describe_account(a) for a in side["accounts"])
    return text


@rule("SAVINGS_EXCEED_INCOME")
def savings_exceed_income(ctx: Context, self: Rule) -> list[Flag]:
    pairs(ctx)
    assets(ctx, KIND)
    income_totals(ctx)
    found = ctx.rows(f"""
        WITH bal AS (SELECT did, sum(balance) AS total, count(balance) AS with_balance
                     FROM chk_account GROUP BY did)
        SELECT * FROM (
            SELECT {PAIR_SELECT}, coalesce(bp.total, 0) AS before, bc.total AS after, ic.income_total AS income,
                   bc.total - coalesce(bp.total, 0) AS growth
            FROM chk_pairs pr
            JOIN bal bc ON bc.did = pr.pair_id
            LEFT JOIN bal bp ON bp.did = pr.prev_did
            JOIN chk_income ic ON ic.did = pr.pair_id
            WHERE {pair_scope(KIND)} AND bc.with_balance > 0)
        WHERE growth > income
        ORDER BY person_id, cur_year, subject_key""")
    accounts = _accounts_of(ctx, [r["prev_id"] for r in found] + [r["cur_id"] for r in found])
    flags = []
    for row in found:
        evidence = pair_evidence(row)
        evidence["previous"].update(balance_total=row["before"], accounts=accounts.get(row["prev_id"], []))
        evidence["current"].update(balance_total=row["after"], income_total=row["income"],
                                   accounts=accounts.get(row["cur_id"], []))
        evidence["growth"] = row["growth"]
        flags.append(self.flag(
            person_id=row["person_id"], year=row["cur_year"], identity=pair_identity(row, "balances"),
            evidence=evidence, subject=subject_ru(row["subject"], row.get("subject_name")),
            growth=rub(row["growth"]), before=rub(row["before"]), after=rub(row["after"]), income=rub(row["income"]),
            gap=gap_note(row)))
    return flags
