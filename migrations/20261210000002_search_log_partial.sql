-- Whether a search found its results only by dropping some of its words, for the search
-- analytics' "partial results" list (what shoppers look for that the catalog half has).
ALTER TABLE search_log ADD COLUMN partial BOOLEAN NOT NULL DEFAULT false;
