-- Person resolution of public declarations (declarations/people/): every candidate pair of
-- declarant sections worth showing, with its score, decision and reasons.

CREATE TABLE person_links (
    section_left       TEXT NOT NULL,
    section_right      TEXT NOT NULL,
    person_left        TEXT NOT NULL,
    person_right       TEXT NOT NULL,
    name_left          TEXT,
    name_right         TEXT,
    year_left          INTEGER,
    year_right         INTEGER,
    organisation_left  TEXT,
    organisation_right TEXT,
    probability        DOUBLE NOT NULL,
    decision           TEXT NOT NULL,
    reasons            TEXT,
    features           JSON,
    threshold          DOUBLE NOT NULL,
    linked_at          TIMESTAMP NOT NULL
);
COMMENT ON TABLE person_links IS 'Public data: pairs of declarant sections (same folded surname and initials) scored as one person; rebuilt by every declarations load; see README «How public declarations are linked into people»';
COMMENT ON COLUMN person_links.section_left IS 'servants.section_id of one side (declarations.section_id of its справки)';
COMMENT ON COLUMN person_links.section_right IS 'servants.section_id of the other side';
COMMENT ON COLUMN person_links.person_left IS 'person_id the left section was given (declarations.person_id)';
COMMENT ON COLUMN person_links.person_right IS 'person_id the right section was given; equal to person_left when the two are one person';
COMMENT ON COLUMN person_links.name_left IS 'The name as published, left side';
COMMENT ON COLUMN person_links.name_right IS 'The name as published, right side';
COMMENT ON COLUMN person_links.year_left IS 'Reporting year, left side';
COMMENT ON COLUMN person_links.year_right IS 'Reporting year, right side';
COMMENT ON COLUMN person_links.organisation_left IS 'servants.organisation_id, left side';
COMMENT ON COLUMN person_links.organisation_right IS 'servants.organisation_id, right side';
COMMENT ON COLUMN person_links.probability IS 'Model probability (0..1) that the two sections are one person';
COMMENT ON COLUMN person_links.decision IS 'linked (this link joined two people), already_linked (above the threshold, joined by stronger links), cannot_link (above the threshold but refused: one person would have two different declarations for one year in one organisation), below_threshold';
COMMENT ON COLUMN person_links.reasons IS 'The features that moved the score most, in words, with their contribution to the log-odds';
COMMENT ON COLUMN person_links.features IS 'Every feature value of the pair (JSON), as the model saw it';
COMMENT ON COLUMN person_links.threshold IS 'The [people] link_threshold setting of the run';
COMMENT ON COLUMN person_links.linked_at IS 'When the links were computed';
