-- Taste quizzes: questions with answers, each answer weighting categories (and everything
-- under them), tags and a price band. A shopper's answers are kept per quiz on the account,
-- or on the consenting visitor until they sign in; they feed "for you".
CREATE TABLE quizzes (
    id         BIGSERIAL PRIMARY KEY,
    slug       TEXT NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 80),
    title_en   TEXT NOT NULL CHECK (length(title_en) BETWEEN 1 AND 200),
    title_ar   TEXT NOT NULL CHECK (length(title_ar) BETWEEN 1 AND 200),
    intro_en   TEXT NOT NULL DEFAULT '' CHECK (length(intro_en) <= 1000),
    intro_ar   TEXT NOT NULL DEFAULT '' CHECK (length(intro_ar) <= 1000),
    published  BOOLEAN NOT NULL DEFAULT false,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE quiz_questions (
    id       BIGSERIAL PRIMARY KEY,
    quiz_id  BIGINT NOT NULL REFERENCES quizzes (id) ON DELETE CASCADE,
    position INTEGER NOT NULL DEFAULT 0,
    text_en  TEXT NOT NULL CHECK (length(text_en) BETWEEN 1 AND 300),
    text_ar  TEXT NOT NULL CHECK (length(text_ar) BETWEEN 1 AND 300)
);
CREATE INDEX quiz_questions_quiz_idx ON quiz_questions (quiz_id, position, id);

CREATE TABLE quiz_answers (
    id              BIGSERIAL PRIMARY KEY,
    question_id     BIGINT NOT NULL REFERENCES quiz_questions (id) ON DELETE CASCADE,
    position        INTEGER NOT NULL DEFAULT 0,
    text_en         TEXT NOT NULL CHECK (length(text_en) BETWEEN 1 AND 200),
    text_ar         TEXT NOT NULL CHECK (length(text_ar) BETWEEN 1 AND 200),
    -- category id (as text) → weight; a category counts for everything under it.
    categories      JSONB NOT NULL DEFAULT '{}',
    -- tag (lower case) → weight.
    tags            JSONB NOT NULL DEFAULT '{}',
    -- A price band in minor units (either end open); it adds `price_weight` to products
    -- a category or tag already brought in.
    price_min_minor BIGINT CHECK (price_min_minor >= 0),
    price_max_minor BIGINT CHECK (price_max_minor >= 0),
    price_weight    REAL NOT NULL DEFAULT 1,
    CHECK (price_min_minor IS NULL OR price_max_minor IS NULL OR price_min_minor <= price_max_minor)
);
CREATE INDEX quiz_answers_question_idx ON quiz_answers (question_id, position, id);

CREATE TABLE quiz_responses (
    id           BIGSERIAL PRIMARY KEY,
    quiz_id      BIGINT NOT NULL REFERENCES quizzes (id) ON DELETE CASCADE,
    user_id      BIGINT REFERENCES users (id) ON DELETE CASCADE,
    visitor_id   TEXT CHECK (length(visitor_id) BETWEEN 1 AND 100),
    answer_ids   BIGINT[] NOT NULL,
    completed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK (user_id IS NOT NULL OR visitor_id IS NOT NULL)
);
CREATE UNIQUE INDEX quiz_responses_user_idx ON quiz_responses (quiz_id, user_id) WHERE user_id IS NOT NULL;
CREATE UNIQUE INDEX quiz_responses_visitor_idx ON quiz_responses (quiz_id, visitor_id) WHERE user_id IS NULL;

-- Editing a quiz is an admin write: audited like the others. Shoppers' responses are not.
CREATE TRIGGER quizzes_audit AFTER INSERT OR UPDATE OR DELETE ON quizzes
    FOR EACH ROW EXECUTE FUNCTION audit_row('id');
CREATE TRIGGER quiz_questions_audit AFTER INSERT OR UPDATE OR DELETE ON quiz_questions
    FOR EACH ROW EXECUTE FUNCTION audit_row('id');
CREATE TRIGGER quiz_answers_audit AFTER INSERT OR UPDATE OR DELETE ON quiz_answers
    FOR EACH ROW EXECUTE FUNCTION audit_row('id');
