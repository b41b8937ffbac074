-- The catalogue of finding codes in the store (checks/catalogue.py is the source): `flag_codes`
-- and `flag_labels`, filled by every check and match run, and `flags_view` joining them instead
-- of spelling the sections and the Russian labels out in SQL.

CREATE TABLE flag_codes (
    code VARCHAR PRIMARY KEY,
    position INTEGER,
    family VARCHAR,
    family_ru VARCHAR,
    severity VARCHAR,
    severity_ru VARCHAR,
    title VARCHAR,
    description VARCHAR,
    finding VARCHAR,
    reason VARCHAR
);
COMMENT ON TABLE flag_codes IS 'Every finding code of checks.md with its section, default severity and why, Russian title and meaning; written from checks/catalogue.py by every check and match run (empty until the first run)';
COMMENT ON COLUMN flag_codes.code IS 'Code of shared/spec/checks.md';
COMMENT ON COLUMN flag_codes.position IS 'Order of the code in checks.md';
COMMENT ON COLUMN flag_codes.family IS 'Section of checks.md: С, В, Д or З';
COMMENT ON COLUMN flag_codes.family_ru IS 'The section in Russian';
COMMENT ON COLUMN flag_codes.severity IS 'Default severity of its flags: high | medium | low (PROCUREMENT_AFFILIATION found by name alone is medium)';
COMMENT ON COLUMN flag_codes.severity_ru IS 'The default severity in Russian';
COMMENT ON COLUMN flag_codes.title IS 'Short Russian name of the finding (the HR workbook, the docs)';
COMMENT ON COLUMN flag_codes.description IS 'What the finding means, in Russian (the analysis report)';
COMMENT ON COLUMN flag_codes.finding IS 'What raises it';
COMMENT ON COLUMN flag_codes.reason IS 'Why it has that severity';

CREATE TABLE flag_labels (
    kind VARCHAR,
    value VARCHAR,
    label_ru VARCHAR,
    position INTEGER,
    PRIMARY KEY (kind, value)
);
COMMENT ON TABLE flag_labels IS 'Russian labels of the sections (family), severities and review statuses of flags; written from checks/catalogue.py by every check and match run';
COMMENT ON COLUMN flag_labels.kind IS 'family | severity | status';
COMMENT ON COLUMN flag_labels.value IS 'The value as stored: a section letter, high/medium/low, new/explained/dismissed/escalated';
COMMENT ON COLUMN flag_labels.label_ru IS 'Its Russian label';
COMMENT ON COLUMN flag_labels.position IS 'Order within the kind (sections as in checks.md, severities most grave first)';

CREATE OR REPLACE VIEW flags_view AS
WITH latest AS (
    SELECT person_id, arg_max(full_name, year) AS full_name, arg_max(organisation, year) AS organisation,
           arg_max(department, year) AS department, arg_max(position, year) AS position
    FROM servants GROUP BY person_id
)
SELECT f.flag_id, f.person_id, s.full_name, s.organisation, s.department, s.position, f.year, f.code,
       c.family,
       f.severity,
       sev.label_ru AS severity_ru,
       f.status,
       coalesce(st.label_ru, f.status) AS status_ru,
       f.resolved_at IS NULL AS active,
       f.message, f.evidence, f.status_note, f.first_seen, f.last_seen, f.resolved_at
FROM flags f
LEFT JOIN latest s USING (person_id)
LEFT JOIN flag_codes c ON c.code = f.code
LEFT JOIN flag_labels sev ON sev.kind = 'severity' AND sev.value = f.severity
LEFT JOIN flag_labels st ON st.kind = 'status' AND st.value = f.status;
COMMENT ON VIEW flags_view IS 'Flags with the servant''s name, organisation and position, the checks.md section (С, В, Д, З), Russian severity and status (from flag_codes and flag_labels), and active = not resolved';
COMMENT ON COLUMN flags_view.flag_id IS 'Stable id of the finding (see flags)';
COMMENT ON COLUMN flags_view.person_id IS 'The servant the finding is filed under';
COMMENT ON COLUMN flags_view.full_name IS 'The servant''s name (latest roster)';
COMMENT ON COLUMN flags_view.organisation IS 'The servant''s organisation (latest roster)';
COMMENT ON COLUMN flags_view.department IS 'Department (latest roster)';
COMMENT ON COLUMN flags_view.position IS 'Position (latest roster)';
COMMENT ON COLUMN flags_view.year IS 'Reporting year of the finding (the later справка for year-over-year checks)';
COMMENT ON COLUMN flags_view.code IS 'Code of shared/spec/checks.md';
COMMENT ON COLUMN flags_view.family IS 'Section of checks.md: С сроки и полнота, В согласованность, Д динамика, З закупки';
COMMENT ON COLUMN flags_view.severity IS 'high | medium | low';
COMMENT ON COLUMN flags_view.severity_ru IS 'Severity in Russian';
COMMENT ON COLUMN flags_view.status IS 'new | explained | dismissed | escalated';
COMMENT ON COLUMN flags_view.status_ru IS 'Status in Russian';
COMMENT ON COLUMN flags_view.active IS 'Not resolved: the latest run still found it';
COMMENT ON COLUMN flags_view.message IS 'One-line message for the HR officer';
COMMENT ON COLUMN flags_view.evidence IS 'The rows and values behind it, both справки side by side (JSON)';
COMMENT ON COLUMN flags_view.status_note IS 'The reviewer''s note';
COMMENT ON COLUMN flags_view.first_seen IS 'When a run first raised it';
COMMENT ON COLUMN flags_view.last_seen IS 'The latest run that raised it';
COMMENT ON COLUMN flags_view.resolved_at IS 'When a run no longer found its cause; NULL while active';
