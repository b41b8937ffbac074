-- Public declarations (Declarator): what person resolution needs of each declarant, what the
-- text of a row holds, empty справки and duplicate documents. See declarations/readers/declarator.py.

ALTER TABLE servants ADD COLUMN organisation_id TEXT;
ALTER TABLE servants ADD COLUMN section_id TEXT;
COMMENT ON COLUMN servants.organisation_id IS 'Public data: the organisation as an identity — office:<Declarator office_id>, option:<--organisation>, or title:<the organisation the document title names>; never the department';
COMMENT ON COLUMN servants.section_id IS 'Public data: one declarant-year of one file (a Declarator section); ties the declarant row to its справки in declarations';

ALTER TABLE declarations ADD COLUMN section_id TEXT;
ALTER TABLE declarations ADD COLUMN fingerprint TEXT;
ALTER TABLE declarations ADD COLUMN income_unknown BOOLEAN DEFAULT false;
ALTER TABLE declarations ADD COLUMN nothing_declared BOOLEAN DEFAULT false;
ALTER TABLE declarations ADD COLUMN duplicate_of TEXT;
COMMENT ON COLUMN declarations.section_id IS 'Public data: the declarant-year (servants.section_id) this справка belongs to';
COMMENT ON COLUMN declarations.fingerprint IS 'Public data, справка about self: hash of the name key, year and every row, equal for the same declaration published in two files';
COMMENT ON COLUMN declarations.income_unknown IS 'The income is not known (an empty справка or an unreadable figure): not zero; checks and publication treat it as unknown';
COMMENT ON COLUMN declarations.nothing_declared IS 'Public data: an empty справка (no income, no property, no vehicle, or «сведения удалены»): unknown, not nothing; year-over-year checks skip it';
COMMENT ON COLUMN declarations.duplicate_of IS 'Public data: the same declaration was already stored from another file (this one): kept only as a pointer with no rows, and left out of effective_declarations';

ALTER TABLE incomes ADD COLUMN remark TEXT;
COMMENT ON COLUMN incomes.remark IS 'Public data: what the published income cell says beyond the figure (e.g. «в т.ч. от продажи автомобиля 250 000 р.»); kept for analysts and the checks; not republished (it names banks and income sources)';

ALTER TABLE vehicles ADD COLUMN ownership TEXT;
ALTER TABLE vehicles ADD COLUMN text TEXT;
COMMENT ON COLUMN vehicles.ownership IS 'Public data: individual | joint | shared when the text says it («(совместная)»)';
COMMENT ON COLUMN vehicles.text IS 'Public data: the vehicle as written in the published cell';

CREATE OR REPLACE VIEW effective_declarations AS
SELECT d.*,
       CASE WHEN d.subject = 'self' THEN 'self'
            ELSE coalesce(d.relative_id, 'name:' || lower(trim(coalesce(d.subject_name, d.subject)))) END
           AS subject_key
FROM declarations d
WHERE d.duplicate_of IS NULL
  AND NOT EXISTS (SELECT 1 FROM declarations c WHERE c.corrects = d.declaration_id);
COMMENT ON VIEW effective_declarations IS 'Declarations with every corrected справка replaced by its correction and duplicates of public documents left out; subject_key follows one subject across years';

CREATE OR REPLACE VIEW subject_year_totals AS
WITH base AS (
    SELECT d.declaration_id, d.person_id, d.year, d.subject, d.subject_key, d.source,
        CASE WHEN coalesce(d.income_unknown, false) THEN NULL
             ELSE coalesce((SELECT sum(amount) FROM incomes i WHERE i.declaration_id = d.declaration_id), 0) END AS income_total,
        coalesce((SELECT sum(area) FROM real_estate r WHERE r.declaration_id = d.declaration_id AND r.holding = 'owned'), 0) AS owned_area_m2,
        coalesce((SELECT sum(area) FROM real_estate r WHERE r.declaration_id = d.declaration_id AND r.holding = 'owned' AND r.object_type IN ('flat', 'house')), 0) AS owned_housing_m2,
        coalesce((SELECT sum(area) FROM real_estate r WHERE r.declaration_id = d.declaration_id AND r.holding = 'owned' AND r.object_type = 'land'), 0) AS owned_land_m2,
        (SELECT count(*) FROM real_estate r WHERE r.declaration_id = d.declaration_id AND r.holding = 'owned') AS owned_objects,
        (SELECT count(*) FROM vehicles v WHERE v.declaration_id = d.declaration_id) AS vehicles,
        (SELECT count(*) FROM accounts a WHERE a.declaration_id = d.declaration_id) AS accounts,
        coalesce((SELECT sum(balance) FROM accounts a WHERE a.declaration_id = d.declaration_id), 0) AS balance_total
    FROM effective_declarations d
)
SELECT *,
    lag(year) OVER w AS previous_year,
    income_total - lag(income_total) OVER w AS income_change,
    owned_area_m2 - lag(owned_area_m2) OVER w AS owned_area_change_m2,
    vehicles - lag(vehicles) OVER w AS vehicles_change,
    balance_total - lag(balance_total) OVER w AS balance_change
FROM base
WINDOW w AS (PARTITION BY person_id, subject_key ORDER BY year);
COMMENT ON VIEW subject_year_totals IS 'Per subject and year: income (NULL where the справка leaves it unknown), owned m², vehicles, accounts and balances, with the change since the previous declaration (any earlier year)';

CREATE OR REPLACE VIEW public_declarants AS
SELECT s.section_id, s.person_id, s.year, s.full_name, nullif(s.position, 'не указана') AS role, s.department,
       s.organisation, s.organisation_id, l.source AS document, s.source_row AS position_in_document,
       TRY_CAST(json_extract_string(s.extra, '$.surname_rank') AS INTEGER) AS surname_rank,
       d.declaration_id, d.nothing_declared, d.income_unknown,
       (SELECT list(l2.source ORDER BY l2.source) FROM declarations r JOIN loads l2 USING (load_id)
        WHERE r.duplicate_of = d.declaration_id) AS repeated_in
FROM servants s JOIN loads l USING (load_id)
JOIN declarations d ON d.section_id = s.section_id AND d.subject = 'self'
WHERE s.source = 'declarator';
COMMENT ON VIEW public_declarants IS 'Public data: one row per declarant-year of a published document (a Declarator section), with what person resolution compares; the справки of a section share its section_id';
COMMENT ON COLUMN public_declarants.section_id IS 'The declarant-year of one document; declarations.section_id ties its справки (self and family)';
COMMENT ON COLUMN public_declarants.person_id IS 'The person: provisional at load (name key, organisation, role), set by person resolution';
COMMENT ON COLUMN public_declarants.full_name IS 'The name as published («Белецкий С.О.», «Горнин Леонид Владимирович»)';
COMMENT ON COLUMN public_declarants.role IS 'The position as published; NULL where none is';
COMMENT ON COLUMN public_declarants.department IS 'The department as published (never the organisation)';
COMMENT ON COLUMN public_declarants.organisation IS 'Declarator office, the --organisation of the load, or the organisation the document title names';
COMMENT ON COLUMN public_declarants.organisation_id IS 'office:<id>, option:<name>, title:<name> or unnamed:<document>';
COMMENT ON COLUMN public_declarants.document IS 'The file (loads.source)';
COMMENT ON COLUMN public_declarants.position_in_document IS 'Number of the person (section) in the file, from 1';
COMMENT ON COLUMN public_declarants.surname_rank IS 'Declarator: how common the surname is (1 = most common); NULL where not given';
COMMENT ON COLUMN public_declarants.declaration_id IS 'The справка about self';
COMMENT ON COLUMN public_declarants.nothing_declared IS 'An empty справка (nothing at all declared)';
COMMENT ON COLUMN public_declarants.income_unknown IS 'The declarant''s income is not known (not zero)';
COMMENT ON COLUMN public_declarants.repeated_in IS 'Other files that publish the same declaration (stored once; their справка points here by duplicate_of)';
