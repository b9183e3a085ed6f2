-- Failed sign-ins, counted per account and per client address over a sliding window.
-- Kept in PostgreSQL so the limit holds across restarts and across server instances.
CREATE TABLE sign_in_failures (
    id        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email     TEXT NOT NULL,
    client_ip INET,
    failed_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX sign_in_failures_email ON sign_in_failures (email, failed_at);
CREATE INDEX sign_in_failures_ip ON sign_in_failures (client_ip, failed_at);
