-- Views for analysts over the checks: flags with names and Russian labels, counts, the pairing of
-- each справка with the previous one (as the year-over-year checks see it), the rows of the
-- effective справки with their subject, and who filed what. See docs/analysts.md for queries.

CREATE OR REPLACE VIEW declaration_pairs AS
WITH one_per_year AS (
    SELECT * FROM (
        SELECT e.*, row_number() OVER (PARTITION BY person_id, subject_key, year
                                       ORDER BY submitted_on DESC NULLS LAST, declaration_id DESC) AS rn
        FROM effective_declarations e)
    WHERE rn = 1
)
SELECT person_id, subject_key, subject, relative_id, year, declaration_id, kind, submitted_on, source,
       lag(year) OVER w AS previous_year,
       lag(declaration_id) OVER w AS previous_declaration_id,
       CASE WHEN lag(year) OVER w IS NULL THEN []::INTEGER[]
            ELSE range(lag(year) OVER w + 1, year)::INTEGER[] END AS years_without_declaration
FROM one_per_year
WINDOW w AS (PARTITION BY person_id, subject_key ORDER BY year);
COMMENT ON VIEW declaration_pairs IS 'Each subject''s справка of a year with the previous one (the latest earlier year that has a справка, corrections applied) — the pairs the year-over-year checks (Д) compare';

CREATE OR REPLACE VIEW effective_incomes AS
SELECT d.person_id, d.year, d.subject, d.subject_key, d.source, i.*
FROM incomes i JOIN effective_declarations d USING (declaration_id);
COMMENT ON VIEW effective_incomes IS 'Income rows of the effective справки (corrections applied) with servant, year and subject';

CREATE OR REPLACE VIEW effective_real_estate AS
SELECT d.person_id, d.year, d.subject, d.subject_key, d.source, r.*
FROM real_estate r JOIN effective_declarations d USING (declaration_id);
COMMENT ON VIEW effective_real_estate IS 'Real-estate rows of the effective справки (corrections applied) with servant, year and subject';

CREATE OR REPLACE VIEW effective_vehicles AS
SELECT d.person_id, d.year, d.subject, d.subject_key, d.source, v.*
FROM vehicles v JOIN effective_declarations d USING (declaration_id);
COMMENT ON VIEW effective_vehicles IS 'Vehicle rows of the effective справки (corrections applied) with servant, year and subject';

CREATE OR REPLACE VIEW effective_accounts AS
SELECT d.person_id, d.year, d.subject, d.subject_key, d.source, a.*
FROM accounts a JOIN effective_declarations d USING (declaration_id);
COMMENT ON VIEW effective_accounts IS 'Bank-account rows of the effective справки (corrections applied) with servant, year and subject';

CREATE OR REPLACE VIEW submission_status AS
WITH roster AS (
    SELECT person_id, year, arg_max(full_name, must_declare) AS full_name,
           string_agg(DISTINCT organisation, '; ' ORDER BY organisation) AS organisation,
           arg_max(department, must_declare) AS department, arg_max(position, must_declare) AS position,
           bool_or(must_declare) AS must_declare
    FROM servants WHERE source = 'workbook' GROUP BY person_id, year
), filed AS (
    SELECT person_id, year,
           arg_max(declaration_id, submitted_on) FILTER (WHERE subject = 'self') AS self_declaration_id,
           max(submitted_on) FILTER (WHERE subject = 'self') AS self_submitted_on,
           bool_or(kind = 'corrected') FILTER (WHERE subject = 'self') AS self_corrected,
           count(*) FILTER (WHERE subject <> 'self') AS family_declarations
    FROM effective_declarations GROUP BY person_id, year
)
SELECT r.*, f.self_declaration_id, f.self_submitted_on, coalesce(f.self_corrected, false) AS self_corrected,
       coalesce(f.family_declarations, 0) AS family_declarations,
       (SELECT count(*) FROM relatives rel WHERE rel.person_id = r.person_id AND rel.year = r.year
                                            AND rel.relation = 'spouse') AS spouses_in_roster
FROM roster r LEFT JOIN filed f USING (person_id, year);
COMMENT ON VIEW submission_status IS 'Every servant of a roster (HR workbooks) and year: must declare?, the справка about self (effective) and when it was submitted, how many family справки';

CREATE OR REPLACE VIEW flags_view AS
WITH latest AS (
    SELECT person_id, arg_max(full_name, year) AS full_name, arg_max(organisation, year) AS organisation,
           arg_max(department, year) AS department, arg_max(position, year) AS position
    FROM servants GROUP BY person_id
)
SELECT f.flag_id, f.person_id, s.full_name, s.organisation, s.department, s.position, f.year, f.code,
       CASE WHEN f.code IN ('MISSING_DECLARATION', 'MISSING_FAMILY_DECLARATION', 'LATE_SUBMISSION',
                            'LATE_CORRECTION', 'CHILD_NOT_MINOR') THEN 'С'
            WHEN f.code IN ('EXPENSE_EXCEEDS_3Y_INCOME', 'PAYROLL_MISMATCH') THEN 'В'
            WHEN f.code IN ('PROCUREMENT_AFFILIATION', 'SERVANT_IS_OFFICER', 'STAKE_IN_SUPPLIER',
                            'POSSIBLE_UNDECLARED_RELATIVE') THEN 'З'
            ELSE 'Д' END AS family,
       f.severity,
       CASE f.severity WHEN 'high' THEN 'высокая' WHEN 'medium' THEN 'средняя' WHEN 'low' THEN 'низкая' END AS severity_ru,
       f.status,
       CASE f.status WHEN 'new' THEN 'новый' WHEN 'explained' THEN 'даны пояснения' WHEN 'dismissed' THEN 'отклонен'
                     WHEN 'escalated' THEN 'назначена проверка' ELSE f.status END AS status_ru,
       f.resolved_at IS NULL AS active,
       f.message, f.evidence, f.status_note, f.first_seen, f.last_seen, f.resolved_at
FROM flags f LEFT JOIN latest s USING (person_id);
COMMENT ON VIEW flags_view IS 'Flags with the servant''s name, organisation and position, the checks.md section (С, В, Д, З), Russian severity and status, and active = not resolved';

CREATE OR REPLACE VIEW flag_counts AS
SELECT year, family, code, severity, status, count(*) AS flags, count(*) FILTER (WHERE active) AS active_flags
FROM flags_view GROUP BY ALL;
COMMENT ON VIEW flag_counts IS 'Number of flags (all and still active) by reporting year, section, code, severity and status';

-- Column comments of the views above (docs/schema.md is generated from them).
COMMENT ON COLUMN declaration_pairs.person_id IS 'The servant (табельный номер); family справки are filed under the servant';
COMMENT ON COLUMN declaration_pairs.subject_key IS 'Follows one subject across years: self, the relative_id, or name:<name> without one';
COMMENT ON COLUMN declaration_pairs.subject IS 'Whose справка: self, spouse, child (other in Declarator data)';
COMMENT ON COLUMN declaration_pairs.relative_id IS 'The relative (for spouse and child справки)';
COMMENT ON COLUMN declaration_pairs.year IS 'Reporting year of this справка';
COMMENT ON COLUMN declaration_pairs.declaration_id IS 'The effective справка of the subject for the year (a correction where there is one)';
COMMENT ON COLUMN declaration_pairs.kind IS 'original or corrected';
COMMENT ON COLUMN declaration_pairs.submitted_on IS 'Date of submission';
COMMENT ON COLUMN declaration_pairs.source IS 'workbook (an HR workbook) or declarator (public Declarator data)';
COMMENT ON COLUMN declaration_pairs.previous_year IS 'Year of the previous справка of the same subject (the latest earlier one); NULL for the first';
COMMENT ON COLUMN declaration_pairs.previous_declaration_id IS 'The previous справка the year-over-year checks compare with';
COMMENT ON COLUMN declaration_pairs.years_without_declaration IS 'Years between the two with no справка of the subject (skipped, not treated as empty)';
COMMENT ON COLUMN effective_incomes.person_id IS 'The servant (табельный номер); family справки are filed under the servant';
COMMENT ON COLUMN effective_incomes.year IS 'Reporting year of the справка';
COMMENT ON COLUMN effective_incomes.subject IS 'Whose справка: self, spouse, child (other in Declarator data)';
COMMENT ON COLUMN effective_incomes.subject_key IS 'Follows one subject across years: self, the relative_id, or name:<name> without one';
COMMENT ON COLUMN effective_incomes.source IS 'workbook (an HR workbook) or declarator (public Declarator data)';
COMMENT ON COLUMN effective_incomes.load_id IS 'The load (file) this row came from; see loads';
COMMENT ON COLUMN effective_incomes.declaration_id IS '«Номер справки»: The справка this row belongs to';
COMMENT ON COLUMN effective_incomes.income_type IS '«Вид дохода»; values: main_job «по основному месту работы», teaching «от педагогической и научной деятельности», creative «от иной творческой деятельности», deposits «от вкладов в банках», securities «от ценных бумаг и долей участия», other «иные доходы»';
COMMENT ON COLUMN effective_incomes.description IS '«Описание»: e.g. «продажа квартиры» [PRIVATE: never published]';
COMMENT ON COLUMN effective_incomes.amount IS '«Сумма, руб.»';
COMMENT ON COLUMN effective_incomes.source_row IS 'Row number in the source file as the user sees it (Excel row or CSV line)';
COMMENT ON COLUMN effective_incomes.extra IS 'Columns of the source file that the contract does not define, kept as they were (JSON)';
COMMENT ON COLUMN effective_real_estate.person_id IS 'The servant (табельный номер); family справки are filed under the servant';
COMMENT ON COLUMN effective_real_estate.year IS 'Reporting year of the справка';
COMMENT ON COLUMN effective_real_estate.subject IS 'Whose справка: self, spouse, child (other in Declarator data)';
COMMENT ON COLUMN effective_real_estate.subject_key IS 'Follows one subject across years: self, the relative_id, or name:<name> without one';
COMMENT ON COLUMN effective_real_estate.source IS 'workbook (an HR workbook) or declarator (public Declarator data)';
COMMENT ON COLUMN effective_real_estate.load_id IS 'The load (file) this row came from; see loads';
COMMENT ON COLUMN effective_real_estate.declaration_id IS '«Номер справки»: The справка this row belongs to';
COMMENT ON COLUMN effective_real_estate.holding IS '«Право»; values: owned «в собственности», used «в пользовании»';
COMMENT ON COLUMN effective_real_estate.object_type IS '«Вид объекта»; values: land «земельный участок», house «жилой дом», flat «квартира», garage «гараж», dacha «дача», parking «машино-место», non_residential «нежилое помещение», other «иное»';
COMMENT ON COLUMN effective_real_estate.ownership IS '«Вид собственности»: Empty for used; values: individual «индивидуальная», shared «общая долевая», joint «общая совместная»';
COMMENT ON COLUMN effective_real_estate.share IS '«Доля»: Required for shared';
COMMENT ON COLUMN effective_real_estate.area IS '«Площадь, кв. м»';
COMMENT ON COLUMN effective_real_estate.country IS '«Страна»';
COMMENT ON COLUMN effective_real_estate.address IS '«Адрес» [PRIVATE: never published]';
COMMENT ON COLUMN effective_real_estate.cadastral_number IS '«Кадастровый номер» [PRIVATE: never published]';
COMMENT ON COLUMN effective_real_estate.acquired_on IS '«Дата приобретения»';
COMMENT ON COLUMN effective_real_estate.basis IS '«Основание приобретения»';
COMMENT ON COLUMN effective_real_estate.object_type_raw IS 'The object type as written in public data, where it maps to «иное»';
COMMENT ON COLUMN effective_real_estate.source_row IS 'Row number in the source file as the user sees it (Excel row or CSV line)';
COMMENT ON COLUMN effective_real_estate.extra IS 'Columns of the source file that the contract does not define, kept as they were (JSON)';
COMMENT ON COLUMN effective_vehicles.person_id IS 'The servant (табельный номер); family справки are filed under the servant';
COMMENT ON COLUMN effective_vehicles.year IS 'Reporting year of the справка';
COMMENT ON COLUMN effective_vehicles.subject IS 'Whose справка: self, spouse, child (other in Declarator data)';
COMMENT ON COLUMN effective_vehicles.subject_key IS 'Follows one subject across years: self, the relative_id, or name:<name> without one';
COMMENT ON COLUMN effective_vehicles.source IS 'workbook (an HR workbook) or declarator (public Declarator data)';
COMMENT ON COLUMN effective_vehicles.load_id IS 'The load (file) this row came from; see loads';
COMMENT ON COLUMN effective_vehicles.declaration_id IS '«Номер справки»: The справка this row belongs to';
COMMENT ON COLUMN effective_vehicles.vehicle_type IS '«Вид»; values: car «автомобиль легковой», truck «автомобиль грузовой», moto «мототранспорт», agri «сельскохозяйственная техника», water «водный транспорт», air «воздушный транспорт», other «иное»';
COMMENT ON COLUMN effective_vehicles.make IS '«Марка»';
COMMENT ON COLUMN effective_vehicles.model IS '«Модель»';
COMMENT ON COLUMN effective_vehicles.year_made IS '«Год выпуска»';
COMMENT ON COLUMN effective_vehicles.registration IS '«Регистрационный знак» [PRIVATE: never published]';
COMMENT ON COLUMN effective_vehicles.acquired_on IS '«Дата приобретения»';
COMMENT ON COLUMN effective_vehicles.source_row IS 'Row number in the source file as the user sees it (Excel row or CSV line)';
COMMENT ON COLUMN effective_vehicles.extra IS 'Columns of the source file that the contract does not define, kept as they were (JSON)';
COMMENT ON COLUMN effective_accounts.person_id IS 'The servant (табельный номер); family справки are filed under the servant';
COMMENT ON COLUMN effective_accounts.year IS 'Reporting year of the справка';
COMMENT ON COLUMN effective_accounts.subject IS 'Whose справка: self, spouse, child (other in Declarator data)';
COMMENT ON COLUMN effective_accounts.subject_key IS 'Follows one subject across years: self, the relative_id, or name:<name> without one';
COMMENT ON COLUMN effective_accounts.source IS 'workbook (an HR workbook) or declarator (public Declarator data)';
COMMENT ON COLUMN effective_accounts.load_id IS 'The load (file) this row came from; see loads';
COMMENT ON COLUMN effective_accounts.declaration_id IS '«Номер справки»: The справка this row belongs to';
COMMENT ON COLUMN effective_accounts.bank IS '«Банк» [PRIVATE: never published]';
COMMENT ON COLUMN effective_accounts.account_number IS '«Номер счета» [PRIVATE: never published]';
COMMENT ON COLUMN effective_accounts.account_type IS '«Вид счета»: e.g. «текущий», «депозитный»';
COMMENT ON COLUMN effective_accounts.currency IS '«Валюта»';
COMMENT ON COLUMN effective_accounts.opened_on IS '«Дата открытия»';
COMMENT ON COLUMN effective_accounts.balance IS '«Остаток, руб.» [PRIVATE: never published]';
COMMENT ON COLUMN effective_accounts.source_row IS 'Row number in the source file as the user sees it (Excel row or CSV line)';
COMMENT ON COLUMN effective_accounts.extra IS 'Columns of the source file that the contract does not define, kept as they were (JSON)';
COMMENT ON COLUMN submission_status.person_id IS 'The servant';
COMMENT ON COLUMN submission_status.year IS 'Reporting year of the roster';
COMMENT ON COLUMN submission_status.full_name IS '«ФИО» of the roster';
COMMENT ON COLUMN submission_status.organisation IS 'Organisation (of the roster that says the servant must declare, if several)';
COMMENT ON COLUMN submission_status.department IS 'Department';
COMMENT ON COLUMN submission_status.position IS 'Position';
COMMENT ON COLUMN submission_status.must_declare IS 'The position is in the list of positions that must declare (in any roster of the year)';
COMMENT ON COLUMN submission_status.self_declaration_id IS 'The effective справка about self for the year; NULL when there is none';
COMMENT ON COLUMN submission_status.self_submitted_on IS 'When the справка about self was submitted';
COMMENT ON COLUMN submission_status.self_corrected IS 'The справка about self in force is a corrected one';
COMMENT ON COLUMN submission_status.family_declarations IS 'Number of effective справки about the spouse and children for the year';
COMMENT ON COLUMN submission_status.spouses_in_roster IS 'Number of spouses in the year''s relatives';
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
COMMENT ON COLUMN flag_counts.year IS 'Reporting year';
COMMENT ON COLUMN flag_counts.family IS 'Section of checks.md (С, В, Д, З)';
COMMENT ON COLUMN flag_counts.code IS 'Code of checks.md';
COMMENT ON COLUMN flag_counts.severity IS 'high | medium | low';
COMMENT ON COLUMN flag_counts.status IS 'Review status';
COMMENT ON COLUMN flag_counts.flags IS 'Number of flags';
COMMENT ON COLUMN flag_counts.active_flags IS 'Of them, not resolved';
