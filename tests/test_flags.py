"""Flags over time: stable ids across re-runs, statuses that survive, causes that disappear
(resolved, never deleted), and the --year limit."""

from __future__ import annotations

from checks.flags import read_flags, review, save_run
from checks.runner import run_checks
from declarations.settings import load_settings
from tests.conftest import declaration, load
from tests.test_checks_support import flat, workbook


def run_and_save(store, year=None):
    settings = load_settings()
    flags, codes = run_checks(store, settings, year)
    summary = save_run(store, flags, kind="check", codes=codes, settings=settings.checks.as_dict(), year=year)
    return flags, summary


def books(tmp_path, *, corrected: bool = False, name: str = "wb2023"):
    before = workbook(tmp_path, 2022, real_estate=[flat("2022-1")],
                      declarations=[declaration("2022-1", "1", 2022, submitted_on="2023-05-15")])
    after_declarations = [declaration("2023-1", "1", 2023)]
    after_rows = []
    if corrected:
        after_declarations.append(declaration("2023-1c", "1", 2023, kind="corrected", corrects="2023-1",
                                              submitted_on="2024-05-10"))
        after_rows.append(flat("2023-1c"))
    after = workbook(tmp_path, 2023, declarations=after_declarations, real_estate=after_rows, name=name)
    return before, after


def test_flag_ids_are_stable_and_a_rerun_adds_no_duplicates(store, tmp_path):
    load(store, *books(tmp_path))
    first, summary = run_and_save(store)
    assert summary.new == len(first) == 2
    second, again = run_and_save(store)
    assert sorted(f.flag_id for f in first) == sorted(f.flag_id for f in second)
    assert again.new == 0 and again.resolved == 0
    stored = read_flags(store)
    assert stored.height == 2
    assert stored.get_column("flag_id").n_unique() == 2
    assert set(stored.get_column("code")) == {"LATE_SUBMISSION", "PROPERTY_DISAPPEARED"}


def test_review_status_survives_a_rerun(store, tmp_path):
    load(store, *books(tmp_path))
    flags, _ = run_and_save(store)
    target = next(f for f in flags if f.code == "PROPERTY_DISAPPEARED")
    review(store, target.flag_id, "explained", "квартира подарена сыну, договор приложен")
    run_and_save(store)
    row = read_flags(store).filter(flag_id=target.flag_id).to_dicts()[0]
    assert row["status"] == "explained"
    assert row["status_note"] == "квартира подарена сыну, договор приложен"
    assert row["resolved_at"] is None


def test_a_flag_whose_cause_disappears_after_new_data_is_resolved_not_deleted(store, tmp_path):
    load(store, *books(tmp_path))
    flags, _ = run_and_save(store)
    gone = next(f for f in flags if f.code == "PROPERTY_DISAPPEARED")
    review(store, gone.flag_id, "escalated", "назначена проверка")
    # the 2023 workbook comes again with a corrected справка that lists the flat
    _, corrected = books(tmp_path, corrected=True, name="wb2023-corrected")
    load(store, corrected)
    _, summary = run_and_save(store)
    assert summary.resolved == 1
    stored = read_flags(store)
    row = stored.filter(flag_id=gone.flag_id).to_dicts()[0]
    assert row["resolved_at"] is not None
    assert row["status"] == "escalated"  # the person's status is kept with the history
    late = stored.filter(code="LATE_SUBMISSION").to_dicts()[0]
    assert late["resolved_at"] is None
    active = read_flags(store, include_resolved=False)
    assert gone.flag_id not in set(active.get_column("flag_id"))


def test_a_year_limited_run_resolves_only_that_years_flags(store, tmp_path):
    load(store, *books(tmp_path))
    run_and_save(store)
    flags, summary = run_and_save(store, year=2023)
    assert {f.year for f in flags} == {2023}
    assert summary.resolved == 0  # the 2022 LATE_SUBMISSION is not touched by a 2023 run
    assert read_flags(store, include_resolved=False).height == 2


def test_evidence_and_message_refresh_while_the_id_stays(store, tmp_path):
    load(store, *books(tmp_path))
    flags, _ = run_and_save(store)
    ids = {f.code: f.flag_id for f in flags}
    stored = read_flags(store).filter(flag_id=ids["PROPERTY_DISAPPEARED"]).to_dicts()[0]
    assert '"cadastral_number": "50:12:0000000:123"' in stored["evidence"]
    assert stored["evidence"].count("servant") == 1
