-- Every storefront search, for search analytics: what people look for, in which language,
-- and which queries find nothing. Only the normalized query is kept (no user, no address).
CREATE TABLE search_log (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    query        TEXT NOT NULL CHECK (query <> '' AND length(query) <= 200),
    locale       TEXT NOT NULL CHECK (locale IN ('en', 'ar')),
    result_count INTEGER NOT NULL CHECK (result_count >= 0),
    searched_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX search_log_zero_idx ON search_log (searched_at DESC) WHERE result_count = 0;
CREATE INDEX search_log_time_idx ON search_log (searched_at DESC);
