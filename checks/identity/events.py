"""What explains an object gone from, or new in, a subject's справка (checks.md, "previous declaration").

* A **sale** explains a disappearance only when the subject who owned the object declared it — for
  joint ownership the co-owning spouse too — and it is a sale of that kind of asset (`chk_sales`
  classifies the sale by the words of its description). **One sale explains one object**: the gone
  objects of a pair are ranked (own objects first, then joint ones; then by source row) and the
  first as many as there are sales are explained.
* A **move inside the family** is one event. A gone object that another member of the family declares
  in the current year (the same identifier, or the same attributes where one side has none) is not
  gone: it is still in the family. A new object is not new when another member declared it before
  and no longer holds it, or holds a smaller share of it — so a share passed on (the servant's 1/1
  becomes 1/2 and the spouse's new 1/2) is reported once, as the servant's PROPERTY_SHARE_CHANGED,
  while the joint land both spouses declare every year is no source of a new plot.
"""

from __future__ import annotations

from typing import Any

from checks.history import PAIR_SELECT, gap_note, pair_evidence, pair_identity, sales
from checks.identity.matching import (add_other_side, asset_key, match_evidence, row_struct, source_join,
                                      unmatched)
from checks.identity.spec import SPECS
from checks.evidence_render import subject_ru
from checks.rules import AREA_TOLERANCE, Context


def moved_in_family(ctx: Context, kind: str, side: str, u: str = "u", pr: str = "pr") -> str:
    """SQL: the object of row `u` is declared by another member of the family in the other year of pair `pr`
    (`side` prev: this year, the object left this subject; `side` cur: an earlier year since the previous
    справка, the object came from another member)."""
    spec = SPECS[kind]
    same = spec.same_object.format(tol=AREA_TOLERANCE).replace("u.", f"{u}.")
    years = (f"f.year = {pr}.cur_year" if side == "prev"
             else f"f.year >= {pr}.prev_year AND f.year < {pr}.cur_year")
    # by attributes, a new object comes from another member only when that member's row is gone from them,
    # or only part of it stayed (a share given away): the joint land both spouses declare every year is no
    # source of the servant's new land
    # (a gone object that another member still declares is in the family: not gone, whatever that member had)
    counterpart = ("TRUE" if side == "prev" else
                   f"f.rid NOT IN (SELECT prev_rid FROM chk_{kind}_match m WHERE NOT ({spec.part_moved}))")
    return f"""EXISTS (SELECT 1 FROM chk_{kind} f
                      WHERE f.person_id = {pr}.person_id AND {years}
                        AND (({u}.ident IS NOT NULL AND f.ident = {u}.ident)
                             OR (f.subject_key <> {pr}.subject_key AND ({u}.ident IS NULL OR f.ident IS NULL)
                                 AND {counterpart} AND {same})))"""


def _sale_counts(flag: str) -> str:
    """Per pair: sales of that kind declared by the subject, and by the subject's spouse (or the servant,
    for the spouse's справка), in the years since the previous справка."""
    return f"""
        SELECT pr.pair_id,
               count(*) FILTER (WHERE s.subject_key = pr.subject_key) AS own_sales,
               count(*) FILTER (WHERE s.subject_key <> pr.subject_key
                                  AND ((pr.subject = 'self' AND s.subject = 'spouse')
                                       OR (pr.subject = 'spouse' AND s.subject = 'self'))) AS spouse_sales
        FROM chk_pairs pr JOIN chk_sales s
          ON s.person_id = pr.person_id AND s.{flag} AND s.year > pr.prev_year AND s.year <= pr.cur_year
        GROUP BY pr.pair_id"""


def gone_without_sale(ctx: Context, rule, kind: str, *, sale_flag: str, sale_words: tuple[str, ...], describe) -> list:
    """Flags for objects of the previous справка that are gone: not matched, not moved to another member of
    the family, and not explained by a sale of that kind by their owner (one sale, one object).
    Shared by PROPERTY_DISAPPEARED and VEHICLE_DISAPPEARED."""
    spec = SPECS[kind]
    sales(ctx)
    joint = spec.joint
    found = ctx.rows(f"""
        WITH gone AS (
            SELECT u.*, {joint} AS is_joint,
                   row_number() OVER (PARTITION BY u.pair_id ORDER BY {joint}, u.source_row, u.rid) AS n
            FROM {unmatched(ctx, kind, 'prev')} u JOIN chk_pairs pr ON pr.pair_id = u.pair_id
            WHERE NOT {moved_in_family(ctx, kind, 'prev')}),
        sold AS ({_sale_counts(sale_flag)})
        SELECT {PAIR_SELECT}, {row_struct(kind, 'src')} AS prev_row, {asset_key(kind, 'g')} AS asset_key,
               coalesce(sold.own_sales, 0) + CASE WHEN g.is_joint THEN coalesce(sold.spouse_sales, 0) ELSE 0 END
                   AS sales_available
        FROM gone g JOIN chk_pairs pr ON pr.pair_id = g.pair_id
        LEFT JOIN sold ON sold.pair_id = g.pair_id
        {source_join(kind, 'src', 'g.rid')}
        WHERE g.n > coalesce(sold.own_sales, 0) + CASE WHEN g.is_joint THEN coalesce(sold.spouse_sales, 0) ELSE 0 END
        ORDER BY pr.person_id, pr.cur_year, pr.subject_key, asset_key""")
    sale_rows = _sales_of(ctx, [r["pair_id"] for r in found if r["sales_available"]], sale_flag)
    flags, sides = [], []
    for row in found:
        evidence = pair_evidence(row, kind)
        evidence.update(match_evidence(kind, None, None))
        sides.append((row, evidence))
        used = sale_rows.get(row["pair_id"], [])
        evidence["sale_incomes"] = []
        if used:
            evidence["sales_used"] = used
        evidence["sale_words"] = list(sale_words)
        note = ("доход от продажи не указан" if not used else
                "доходов от продажи меньше, чем выбывших объектов (указанные продажи отнесены к другим объектам)")
        flags.append(rule.flag(
            person_id=row["person_id"], year=row["cur_year"], identity=pair_identity(row, row["asset_key"]),
            evidence=evidence, subject=subject_ru(row["subject"], row.get("subject_name")),
            object=describe(row["prev_row"], full=False), prev_year=row["prev_year"], gap=gap_note(row),
            sale_note=note))
    add_other_side(ctx, kind, sides, "current")
    return flags


def _sales_of(ctx: Context, pair_ids: list[int], sale_flag: str) -> dict[int, list[dict[str, Any]]]:
    """Evidence: the sales of that kind of the flagged pairs' subjects (already used for other objects)."""
    if not pair_ids:
        return {}
    out: dict[int, list[dict[str, Any]]] = {}
    with ctx.keys("chk_pair_keys", pair_id=pair_ids):
        found = ctx.rows(f"""
            SELECT pr.pair_id, s.year, s.declaration_id, s.income_type, s.description, s.amount
            FROM chk_pair_keys k JOIN chk_pairs pr ON pr.pair_id = k.pair_id
            JOIN chk_sales s ON s.person_id = pr.person_id AND s.{sale_flag}
                            AND s.year > pr.prev_year AND s.year <= pr.cur_year AND s.subject_key = pr.subject_key
            ORDER BY pr.pair_id, s.year, s.source_row""")
    for item in found:
        out.setdefault(item.pop("pair_id"), []).append(item)
    return out
