-- A servant's former (maiden) names, matched against the company register like a relative's.
ALTER TABLE servants ADD COLUMN former_names TEXT;
