-- What shoppers do, for recommendations, analytics and A/B tests. Partitioned by month so
-- that retention drops whole partitions instead of deleting rows; no foreign keys, so that
-- a deleted product or account never blocks (or is blocked by) the history.
CREATE TABLE events (
    occurred_at TIMESTAMPTZ NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN (
                    'product_view', 'add_to_cart', 'checkout_started', 'purchase',
                    'recommendation_impression', 'recommendation_click', 'quiz_completed',
                    'experiment_exposure')),
    -- The first-party visitor id (NULL without consent: the event still counts in totals).
    visitor_id  TEXT CHECK (length(visitor_id) BETWEEN 1 AND 100),
    user_id     BIGINT,
    product_id  BIGINT,
    quantity    INTEGER,
    -- A purchase line's total, in minor units.
    value_minor BIGINT,
    order_id    BIGINT,
    placement   TEXT,
    model       TEXT,
    detail      JSONB
) PARTITION BY RANGE (occurred_at);

CREATE INDEX events_visitor_idx ON events (visitor_id, occurred_at) WHERE visitor_id IS NOT NULL;
CREATE INDEX events_user_idx ON events (user_id, occurred_at) WHERE user_id IS NOT NULL;
CREATE INDEX events_time_idx ON events USING brin (occurred_at);

-- The partition for the month holding `day`, created once; instances starting together
-- take turns on an advisory lock.
CREATE FUNCTION events_partition_for(day DATE) RETURNS TEXT LANGUAGE plpgsql AS $$
DECLARE
    first DATE := date_trunc('month', day)::date;
    name  TEXT := format('events_y%sm%s', to_char(first, 'YYYY'), to_char(first, 'MM'));
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('events_partitions'));
    IF to_regclass(name) IS NULL THEN
        EXECUTE format('CREATE TABLE %I PARTITION OF events FOR VALUES FROM (%L) TO (%L)',
                       name, first, (first + interval '1 month')::date);
    END IF;
    RETURN name;
END
$$;

SELECT events_partition_for(current_date);
SELECT events_partition_for((current_date + interval '1 month')::date);

-- Visitors who signed in: their history joins the account's.
CREATE TABLE visitor_accounts (
    visitor_id TEXT PRIMARY KEY CHECK (length(visitor_id) BETWEEN 1 AND 100),
    user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    linked_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX visitor_accounts_user_idx ON visitor_accounts (user_id);
