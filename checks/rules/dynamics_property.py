"""Д — real estate year over year: objects gone, new objects, area and share changes.

Only owned objects (`holding = 'owned'`) are compared; the previous справка is the same
subject's latest earlier one, and objects are matched as `checks.history` describes.
"""

from __future__ import annotations

from checks.flags import Flag
from checks.history import PAIR_SELECT, gap_note, pair_evidence, pair_identity, sales
from checks.identity.events import gone_without_sale, moved_in_family
from checks.identity.matching import (add_other_side, asset_key, match_evidence, matched, row_struct, source_join,
                                      stage_in, unmatched)
from checks.rules import AREA_TOLERANCE, Context, Rule, date_ru, describe_real_estate, rule, subject_ru

KIND = "real_estate"

_FAMILY_HAS_SALE = """EXISTS (SELECT 1 FROM chk_sales s WHERE s.person_id = pr.person_id AND s.property_sale
                              AND s.year > pr.prev_year AND s.year <= pr.cur_year)"""


def _who(row: dict) -> str:
    return subject_ru(row["subject"], row.get("subject_name"))


@rule("PROPERTY_DISAPPEARED")
def property_disappeared(ctx: Context, self: Rule) -> list[Flag]:
    return gone_without_sale(ctx, self, KIND, sale_flag="property_sale", sale_words=ctx.settings.checks.property_sale_words,
                             describe=describe_real_estate)


_REASONS = {
    "left_out": "приобретено {acquired}, но в справке за {prev_year} год не указано",
    "no_date_or_basis": "без даты и основания приобретения",
    "date_after_year": "дата приобретения {acquired} позже отчетного года, основание не указано",
}


@rule("PROPERTY_APPEARED")
def property_appeared(ctx: Context, self: Rule) -> list[Flag]:
    found = ctx.rows(f"""
        SELECT * FROM (
            SELECT {PAIR_SELECT}, {row_struct(KIND, 'src')} AS cur_row, {asset_key(KIND, 'u')} AS asset_key,
                   u.acquired_on,
                   CASE WHEN u.acquired_on IS NOT NULL AND u.acquired_on <= pr.prev_end THEN 'left_out'
                        WHEN u.acquired_on IS NOT NULL AND u.acquired_on <= pr.cur_end THEN NULL
                        WHEN nullif(trim(coalesce(u.basis, '')), '') IS NOT NULL THEN NULL
                        WHEN u.acquired_on IS NULL THEN 'no_date_or_basis'
                        ELSE 'date_after_year' END AS reason
            FROM {unmatched(ctx, KIND, 'cur')} u JOIN chk_pairs pr ON pr.pair_id = u.pair_id
            {source_join(KIND, 'src', 'u.rid')}
            -- declared before by another member of the family: not new
            WHERE NOT {moved_in_family(ctx, KIND, 'cur')})
        WHERE reason IS NOT NULL
        ORDER BY person_id, cur_year, subject_key, asset_key""")
    flags, sides = [], []
    for row in found:
        evidence = pair_evidence(row, KIND)
        sides.append((row, evidence))
        reason = _REASONS[row["reason"]].format(acquired=date_ru(row["acquired_on"]), prev_year=row["prev_year"])
        evidence.update(match_evidence(KIND, None, None))
        evidence["reason"] = row["reason"]
        evidence["reason_text"] = reason
        flags.append(self.flag(
            person_id=row["person_id"], year=row["cur_year"], identity=pair_identity(row, row["asset_key"]),
            evidence=evidence, subject=_who(row), object=describe_real_estate(row["cur_row"], full=False),
            reason=reason, gap=gap_note(row)))
    add_other_side(ctx, KIND, sides, "previous")
    return flags


@rule("PROPERTY_AREA_CHANGED")
def property_area_changed(ctx: Context, self: Rule) -> list[Flag]:
    found = ctx.rows(f"""
        SELECT {PAIR_SELECT}, {row_struct(KIND, 'ps')} AS prev_row, {row_struct(KIND, 'cs')} AS cur_row,
               {asset_key(KIND, 'p')} AS asset_key, hit.p_area AS before, hit.c_area AS after, hit.stage, hit.score
        FROM {matched(ctx, KIND, f"{stage_in(KIND, 'identifier', 'only_of_kind', 'only_of_type')} "
                                 f"AND m.p_area IS NOT NULL AND m.c_area IS NOT NULL "
                                 f"AND abs(m.p_area - m.c_area) > {AREA_TOLERANCE} * greatest(m.p_area, m.c_area)")}
        ORDER BY pr.person_id, pr.cur_year, pr.subject_key, asset_key""")
    flags = []
    for row in found:
        evidence = pair_evidence(row, KIND)
        evidence.update(match_evidence(KIND, row["stage"], row["score"]))
        evidence["area_change_pct"] = round((row["after"] - row["before"]) / row["before"] * 100.0, 2)
        evidence["tolerance_pct"] = ctx.settings.checks.area_tolerance_pct
        flags.append(self.flag(
            person_id=row["person_id"], year=row["cur_year"], identity=pair_identity(row, row["asset_key"]),
            evidence=evidence, subject=_who(row), cadastral=(row["prev_row"].get("cadastral_number") or row["cur_row"].get("cadastral_number")
                                                     or "без кадастрового номера"),
            before=describe_real_estate({"area": row["before"], "object_type": row["prev_row"]["object_type"]}, False),
            after=describe_real_estate({"area": row["after"], "object_type": row["cur_row"]["object_type"]}, False),
            prev_year=row["prev_year"]))
    return flags


@rule("PROPERTY_SHARE_CHANGED")
def property_share_changed(ctx: Context, self: Rule) -> list[Flag]:
    sales(ctx)
    found = ctx.rows(f"""
        SELECT {PAIR_SELECT}, {row_struct(KIND, 'ps')} AS prev_row, {row_struct(KIND, 'cs')} AS cur_row,
               {asset_key(KIND, 'p', noshare=True)} AS asset_key, hit.p_share_key AS before,
               hit.c_share_key AS after, hit.stage, hit.score
        FROM {matched(ctx, KIND, f"{stage_in(KIND, 'identifier', 'attributes_except_share', 'only_of_kind', 'only_of_type')} "
                                 "AND m.p_share_key IS NOT NULL AND m.c_share_key IS NOT NULL "
                                 "AND m.p_share_key <> m.c_share_key")}
        -- a deal explains it: acquired in the period, a real-estate expense or a sale in the family
        WHERE NOT coalesce(hit.c_acquired_on > pr.prev_end AND hit.c_acquired_on <= pr.cur_end, false)
          AND NOT {_FAMILY_HAS_SALE}
          AND NOT EXISTS (SELECT 1 FROM expenses e JOIN chk_decl d USING (declaration_id)
                          WHERE d.person_id = pr.person_id AND d.year > pr.prev_year AND d.year <= pr.cur_year
                            AND e.asset_kind IN ('real_estate', 'land'))
        ORDER BY pr.person_id, pr.cur_year, pr.subject_key, asset_key""")
    flags = []
    for row in found:
        evidence = pair_evidence(row, KIND)
        evidence.update(match_evidence(KIND, row["stage"], row["score"]))
        evidence["share_before"], evidence["share_after"] = row["before"], row["after"]
        evidence["deals"] = []
        evidence["sale_incomes"] = []
        flags.append(self.flag(
            person_id=row["person_id"], year=row["cur_year"], identity=pair_identity(row, row["asset_key"]),
            evidence=evidence, subject=_who(row),
            object=describe_real_estate({k: row["cur_row"].get(k) for k in ("object_type", "object_type_raw", "area")},
                                        full=False),
            before=_share_ru(row["before"]), after=_share_ru(row["after"]), prev_year=row["prev_year"],
            gap=gap_note(row)))
    return flags


def _share_ru(share_key: str) -> str:
    return {"1/1": "целиком", "joint": "совместная"}.get(share_key, share_key)
