"""The catalogue in the store: `flag_codes` and `flag_labels` are written by every saved run, and the
analyst views that join them give the same sections and Russian labels as the CASE expressions they
replaced (migration 003, kept below as the oracle)."""

from __future__ import annotations

from checks import catalogue
from checks.flag_codes import write_flag_codes
from checks.flags import Flag, review, save_run
from tests.conftest import load
from tests.check_books import workbook

# The expressions of 003_analyst_views.sql that flags_view used before the catalogue
OLD_FAMILY = """CASE WHEN code IN ('MISSING_DECLARATION', 'MISSING_FAMILY_DECLARATION', 'LATE_SUBMISSION',
                            'LATE_CORRECTION', 'CHILD_NOT_MINOR') THEN 'С'
            WHEN code IN ('EXPENSE_EXCEEDS_3Y_INCOME', 'PAYROLL_MISMATCH') THEN 'В'
            WHEN code IN ('PROCUREMENT_AFFILIATION', 'SERVANT_IS_OFFICER', 'STAKE_IN_SUPPLIER',
                            'POSSIBLE_UNDECLARED_RELATIVE') THEN 'З'
            ELSE 'Д' END"""
OLD_SEVERITY_RU = "CASE severity WHEN 'high' THEN 'высокая' WHEN 'medium' THEN 'средняя' WHEN 'low' THEN 'низкая' END"
OLD_STATUS_RU = """CASE status WHEN 'new' THEN 'новый' WHEN 'explained' THEN 'даны пояснения' WHEN 'dismissed' THEN 'отклонен'
                     WHEN 'escalated' THEN 'назначена проверка' ELSE status END"""


def every_code_flags() -> list[Flag]:
    """One flag per code and severity (so every severity label shows up with every section)."""
    return [Flag(c.code, "1", 2023, severity, f"{c.title} ({severity})", {}, severity)
            for c in catalogue.CATALOGUE for severity in catalogue.SEVERITIES]


def test_a_store_that_only_had_load_has_working_empty_views(store, tmp_path):
    load(store, workbook(tmp_path, 2023))
    assert store.con.execute("SELECT count(*) FROM declarations").fetchone()[0] == 1
    assert store.con.execute("SELECT count(*) FROM flags_view").fetchone()[0] == 0
    assert store.con.execute("SELECT count(*) FROM flag_counts").fetchone()[0] == 0
    assert store.con.execute("SELECT count(*) FROM flag_codes").fetchone()[0] == 0


def test_a_saved_run_writes_the_catalogue_and_a_second_one_adds_nothing(store):
    for _ in range(2):
        save_run(store, [], kind="check", codes=set(), settings={})
    rows = store.con.execute("SELECT code, family, family_ru, severity, severity_ru, title, reason FROM flag_codes "
                             "ORDER BY position").fetchall()
    assert rows == [(c.code, c.family, c.family_ru, c.severity, c.severity_ru, c.title, c.reason)
                    for c in catalogue.CATALOGUE]
    labels = store.con.execute("SELECT kind, value, label_ru FROM flag_labels ORDER BY kind, position").fetchall()
    assert labels == sorted([("family", k, v) for k, v in catalogue.FAMILIES.items()]
                            + [("severity", k, v) for k, v in catalogue.SEVERITIES.items()]
                            + [("status", k, v) for k, v in catalogue.STATUSES.items()], key=lambda r: r[0])


def test_the_views_give_the_same_sections_and_labels_as_before(store):
    # the codes the old CASE knew (it named С, В and З and gave Д to the rest); a code added later has no "before"
    flags = [f for f in every_code_flags() if f"'{f.code}'" in OLD_FAMILY or catalogue.entry(f.code).family == "Д"]
    save_run(store, flags, kind="check", codes={f.code for f in flags}, settings={})
    statuses = list(catalogue.STATUSES)
    for n, flag in enumerate(flags):  # every status too
        review(store, flag.flag_id, statuses[n % len(statuses)], None)
    got = store.con.execute(
        f"""SELECT v.flag_id, v.family, v.severity_ru, v.status_ru,
                   {OLD_FAMILY.replace('code', 'f.code')}, {OLD_SEVERITY_RU.replace('severity', 'f.severity')},
                   {OLD_STATUS_RU.replace('status', 'f.status')}
            FROM flags_view v JOIN flags f USING (flag_id)""").fetchall()
    assert len(got) == len(flags) >= 21 * 3
    assert all(row[1:4] == row[4:7] for row in got), [row for row in got if row[1:4] != row[4:7]][:3]
    assert {row[1] for row in got} == {"С", "В", "Д", "З"} and {row[3] for row in got} == set(catalogue.STATUSES.values())
    counts = store.con.execute("SELECT family, sum(flags) FROM flag_counts GROUP BY family ORDER BY family").fetchall()
    per_family: dict[str, int] = {}
    for flag in flags:
        per_family[catalogue.entry(flag.code).family] = per_family.get(catalogue.entry(flag.code).family, 0) + 1
    assert dict(counts) == per_family


def test_a_code_a_later_version_dropped_keeps_its_labels(store):
    store.con.execute("INSERT INTO flag_codes (code, position, family) VALUES ('OLD_CODE', 99, 'Д')")
    write_flag_codes(store.con)
    assert store.con.execute("SELECT family FROM flag_codes WHERE code = 'OLD_CODE'").fetchone() == ("Д",)
    assert store.con.execute("SELECT count(*) FROM flag_codes").fetchone()[0] == len(catalogue.CATALOGUE) + 1
