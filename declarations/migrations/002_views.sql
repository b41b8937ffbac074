-- Views for analysts: the effective (corrected) declarations and per-subject totals by year.

CREATE OR REPLACE VIEW effective_declarations AS
SELECT d.*,
       CASE WHEN d.subject = 'self' THEN 'self'
            ELSE coalesce(d.relative_id, 'name:' || lower(trim(coalesce(d.subject_name, d.subject)))) END
           AS subject_key
FROM declarations d
WHERE NOT EXISTS (SELECT 1 FROM declarations c WHERE c.corrects = d.declaration_id);
COMMENT ON VIEW effective_declarations IS 'Declarations with every corrected справка replaced by its correction; subject_key follows one subject across years';

CREATE OR REPLACE VIEW subject_year_totals AS
WITH base AS (
    SELECT d.declaration_id, d.person_id, d.year, d.subject, d.subject_key, d.source,
        coalesce((SELECT sum(amount) FROM incomes i WHERE i.declaration_id = d.declaration_id), 0) AS income_total,
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
COMMENT ON VIEW subject_year_totals IS 'Per subject and year: income, owned m², vehicles, accounts and balances, with the change since the previous declaration (any earlier year)';
