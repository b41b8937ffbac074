-- Initial schema. Column comments for input fields come from declarations/model.py
-- (applied by declarations.store.document_store); store-only columns are commented here.

CREATE TABLE loads (
    load_id       INTEGER PRIMARY KEY,
    kind          TEXT NOT NULL,      -- workbook | declarator | procurement | commissions | officers
    source        TEXT NOT NULL,
    source_sha256 TEXT NOT NULL,
    scope         TEXT[] NOT NULL,    -- what a newer load replaces: 'organisation|year', procedure ids, company INNs
    year          INTEGER,
    loaded_at     TIMESTAMP NOT NULL,
    row_count     BIGINT NOT NULL
);
COMMENT ON TABLE loads IS 'Every file loaded into the store; rows of a replaced load are removed with it';
COMMENT ON COLUMN loads.load_id IS 'Number of the load; every data row carries it';
COMMENT ON COLUMN loads.kind IS 'What was loaded: workbook, declarator, procurement, commissions or officers';
COMMENT ON COLUMN loads.source IS 'Path of the file or folder as given to declarations load';
COMMENT ON COLUMN loads.source_sha256 IS 'SHA-256 of the content; loading identical content again changes nothing';
COMMENT ON COLUMN loads.year IS 'Reporting year of a workbook or Declarator document';
COMMENT ON COLUMN loads.loaded_at IS 'When it was loaded';
COMMENT ON COLUMN loads.row_count IS 'Rows inserted, all tables together';
COMMENT ON COLUMN loads.scope IS 'The organisation-years (workbook), procedures or companies this load covers; a newer load with an overlapping scope replaces it';

CREATE SEQUENCE load_ids START 1;

CREATE TABLE servants (
    load_id INTEGER NOT NULL, year INTEGER NOT NULL,
    person_id TEXT NOT NULL, full_name TEXT NOT NULL, birth_date DATE,
    organisation TEXT NOT NULL, department TEXT, position TEXT NOT NULL,
    must_declare BOOLEAN NOT NULL, procurement_role TEXT NOT NULL, inn TEXT,
    source TEXT NOT NULL, source_row INTEGER, extra JSON
);
CREATE TABLE relatives (
    load_id INTEGER NOT NULL, year INTEGER NOT NULL,
    person_id TEXT NOT NULL, relative_id TEXT NOT NULL, relation TEXT NOT NULL, full_name TEXT NOT NULL,
    former_names TEXT, birth_date DATE, inn TEXT, address TEXT,
    source_row INTEGER, extra JSON
);
CREATE TABLE declarations (
    load_id INTEGER NOT NULL,
    declaration_id TEXT NOT NULL, person_id TEXT NOT NULL, year INTEGER NOT NULL, subject TEXT NOT NULL,
    relative_id TEXT, subject_name TEXT, subject_birth_date DATE, submitted_on DATE,
    kind TEXT NOT NULL, corrects TEXT,
    source TEXT NOT NULL, source_row INTEGER, extra JSON
);
CREATE TABLE incomes (
    load_id INTEGER NOT NULL, declaration_id TEXT NOT NULL,
    income_type TEXT NOT NULL, description TEXT, amount DOUBLE NOT NULL,
    source_row INTEGER, extra JSON
);
CREATE TABLE expenses (
    load_id INTEGER NOT NULL, declaration_id TEXT NOT NULL,
    asset_kind TEXT NOT NULL, description TEXT, amount DOUBLE NOT NULL, deal_date DATE, funds_source TEXT,
    source_row INTEGER, extra JSON
);
CREATE TABLE real_estate (
    load_id INTEGER NOT NULL, declaration_id TEXT NOT NULL,
    holding TEXT NOT NULL, object_type TEXT NOT NULL, ownership TEXT, share TEXT, area DOUBLE,
    country TEXT, address TEXT, cadastral_number TEXT, acquired_on DATE, basis TEXT,
    object_type_raw TEXT,
    source_row INTEGER, extra JSON
);
CREATE TABLE vehicles (
    load_id INTEGER NOT NULL, declaration_id TEXT NOT NULL,
    vehicle_type TEXT NOT NULL, make TEXT NOT NULL, model TEXT, year_made INTEGER,
    registration TEXT, acquired_on DATE,
    source_row INTEGER, extra JSON
);
CREATE TABLE accounts (
    load_id INTEGER NOT NULL, declaration_id TEXT NOT NULL,
    bank TEXT NOT NULL, account_number TEXT, account_type TEXT, currency TEXT, opened_on DATE NOT NULL, balance DOUBLE,
    source_row INTEGER, extra JSON
);
CREATE TABLE securities (
    load_id INTEGER NOT NULL, declaration_id TEXT NOT NULL,
    issuer_name TEXT NOT NULL, issuer_inn TEXT, kind TEXT NOT NULL, share_pct DOUBLE, amount DOUBLE,
    source_row INTEGER, extra JSON
);
CREATE TABLE liabilities (
    load_id INTEGER NOT NULL, declaration_id TEXT NOT NULL,
    kind TEXT, creditor TEXT, amount DOUBLE, incurred_on DATE,
    source_row INTEGER, extra JSON
);
CREATE TABLE payroll (
    load_id INTEGER NOT NULL, person_id TEXT NOT NULL, year INTEGER NOT NULL, amount DOUBLE NOT NULL,
    source_row INTEGER, extra JSON
);
CREATE TABLE procurement (
    load_id INTEGER NOT NULL,
    procedure_id TEXT NOT NULL, customer TEXT NOT NULL, customer_inn TEXT NOT NULL, date DATE NOT NULL,
    amount DOUBLE, participant_inn TEXT NOT NULL, participant_name TEXT NOT NULL, is_winner BOOLEAN NOT NULL,
    source_row INTEGER, extra JSON
);
CREATE TABLE commissions (
    load_id INTEGER NOT NULL, procedure_id TEXT NOT NULL, person_id TEXT NOT NULL, role TEXT NOT NULL,
    source_row INTEGER, extra JSON
);
CREATE TABLE officers (
    load_id INTEGER NOT NULL,
    company_inn TEXT NOT NULL, company_name TEXT NOT NULL, person_name TEXT NOT NULL, person_inn TEXT,
    birth_date DATE, role TEXT NOT NULL, share_pct DOUBLE, since DATE, until DATE,
    source_row INTEGER, extra JSON
);

CREATE TABLE flags (
    flag_id     TEXT PRIMARY KEY,
    person_id   TEXT NOT NULL,
    year        INTEGER NOT NULL,
    code        TEXT NOT NULL,
    severity    TEXT NOT NULL,
    message     TEXT NOT NULL,
    evidence    JSON NOT NULL,
    status      TEXT NOT NULL DEFAULT 'new',
    status_note TEXT,
    first_seen  TIMESTAMP NOT NULL,
    last_seen   TIMESTAMP NOT NULL,
    resolved_at TIMESTAMP
);
COMMENT ON TABLE flags IS 'Findings of declarations check and declarations match (codes of checks.md); statuses survive re-runs';
COMMENT ON COLUMN flags.person_id IS 'The servant the finding is filed under (also for findings about the spouse or a child)';
COMMENT ON COLUMN flags.year IS 'Reporting year the finding is about (the later one where years are compared)';
COMMENT ON COLUMN flags.code IS 'Finding code of shared/spec/checks.md';
COMMENT ON COLUMN flags.severity IS 'high | medium | low';
COMMENT ON COLUMN flags.message IS 'One line in Russian for the HR officer';
COMMENT ON COLUMN flags.status_note IS 'The note given with the latest status (declarations review --note)';
COMMENT ON COLUMN flags.flag_id IS 'Stable id: a hash of code, person, year and the identity of the evidence';
COMMENT ON COLUMN flags.status IS 'new | explained (даны пояснения) | dismissed | escalated (назначена проверка)';
COMMENT ON COLUMN flags.evidence IS 'The rows and values that triggered the flag, both declarations side by side';
COMMENT ON COLUMN flags.first_seen IS 'When a check run first raised this flag';
COMMENT ON COLUMN flags.last_seen IS 'The latest check run that still raised it';
COMMENT ON COLUMN flags.resolved_at IS 'Set when a later run no longer finds the cause (after new data); NULL while active';

CREATE TABLE flag_reviews (
    flag_id     TEXT NOT NULL,
    status      TEXT NOT NULL,
    note        TEXT,
    reviewed_at TIMESTAMP NOT NULL
);
COMMENT ON TABLE flag_reviews IS 'Audit trail of declarations review: every status change with its note';
COMMENT ON COLUMN flag_reviews.flag_id IS 'The flag reviewed';
COMMENT ON COLUMN flag_reviews.status IS 'Status set';
COMMENT ON COLUMN flag_reviews.note IS 'Note given';
COMMENT ON COLUMN flag_reviews.reviewed_at IS 'When';

CREATE TABLE check_runs (
    run_id     INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL,   -- check | match
    started_at TIMESTAMP NOT NULL,
    year       INTEGER,
    settings   JSON NOT NULL,
    raised     BIGINT NOT NULL,
    resolved   BIGINT NOT NULL
);
COMMENT ON TABLE check_runs IS 'Each run of check or match with the settings it used';
COMMENT ON COLUMN check_runs.run_id IS 'Number of the run';
COMMENT ON COLUMN check_runs.kind IS 'check (sections С, В, Д) or match (section З)';
COMMENT ON COLUMN check_runs.started_at IS 'When it ran';
COMMENT ON COLUMN check_runs.year IS 'The --year it was limited to, if any';
COMMENT ON COLUMN check_runs.settings IS 'The settings it used (thresholds, deadlines)';
COMMENT ON COLUMN check_runs.raised IS 'Flags it found';
COMMENT ON COLUMN check_runs.resolved IS 'Earlier flags it no longer found (marked resolved)';
