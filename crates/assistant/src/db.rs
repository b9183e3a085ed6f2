//! Conversations, their messages and the FAQ answers in PostgreSQL. A new message wakes
//! whoever follows the conversation (`NOTIFY assistant_message`, at commit).

use crate::conversation::{ConversationState, Pending};
use dokkan_core::Locale;
use sqlx::{postgres::PgRow, PgConnection, PgPool, Row};

pub type Result<T> = std::result::Result<T, sqlx::Error>;

/// The channel a new message is announced on (payload: the conversation's id).
pub const MESSAGE_CHANNEL: &str = "assistant_message";

/// A conversation as the assistant works with it.
#[derive(Debug, Clone, PartialEq)]
pub struct Conversation {
    pub id: i64,
    /// What the browser or API client holds (never shown to staff).
    pub token: String,
    /// `web`, `telegram`, `whatsapp` or `messenger`.
    pub channel: String,
    pub channel_user: Option<String>,
    pub reply_via: Option<String>,
    pub customer_name: Option<String>,
    pub user_id: Option<i64>,
    pub locale: Locale,
    pub state: ConversationState,
    pub pending: Option<Pending>,
    pub verified_orders: Vec<String>,
    pub failed_lookups: i32,
    pub last_products: Vec<String>,
}

/// A message to store.
#[derive(Debug, Clone, Default)]
pub struct NewMessage<'a> {
    /// `customer`, `assistant` or `staff`.
    pub author: &'a str,
    pub staff_id: Option<i64>,
    pub body: &'a str,
    pub intent: Option<&'a str>,
    pub order_number: Option<&'a str>,
    /// JSON array of the parts the widget draws.
    pub parts: String,
}

/// A stored message.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredMessage {
    pub id: i64,
    pub author: String,
    pub staff_name: Option<String>,
    pub body: String,
    pub intent: Option<String>,
    pub order_number: Option<String>,
    pub parts: String,
    /// RFC 3339, UTC.
    pub at: String,
}

/// A line of the staff inbox or of a customer's history.
#[derive(Debug, Clone, PartialEq)]
pub struct ConversationRow {
    pub id: i64,
    pub token: String,
    pub channel: String,
    pub state: ConversationState,
    /// The account's name and email, else the channel's name for the person.
    pub customer: Option<String>,
    pub email: Option<String>,
    pub handed_over_at: Option<String>,
    pub updated_at: String,
    pub last_message: Option<String>,
    pub order_numbers: Vec<String>,
}

/// Which conversations the inbox lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InboxFilter {
    /// Handed over and not closed.
    Open,
    Closed,
    /// Every conversation ever handed over.
    All,
}

/// A time as RFC 3339 text in UTC (the crate reads no time type).
const AT: &str = "to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')";
const AT_M: &str = "to_char(m.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')";

const COLUMNS: &str = "id, token, channel, channel_user, reply_via, customer_name, user_id, \
     locale, state, pending::text AS pending, verified_orders, failed_lookups, last_products";

fn conversation(row: &PgRow) -> Result<Conversation> {
    let pending: Option<String> = row.try_get("pending")?;
    let state: String = row.try_get("state")?;
    let locale: String = row.try_get("locale")?;
    Ok(Conversation {
        id: row.try_get("id")?,
        token: row.try_get("token")?,
        channel: row.try_get("channel")?,
        channel_user: row.try_get("channel_user")?,
        reply_via: row.try_get("reply_via")?,
        customer_name: row.try_get("customer_name")?,
        user_id: row.try_get("user_id")?,
        locale: Locale::from_url_segment(&locale).unwrap_or(Locale::DEFAULT),
        state: ConversationState::parse(&state).unwrap_or(ConversationState::Bot),
        // A pending question written by an older build that no longer parses is dropped.
        pending: pending.and_then(|p| serde_json::from_str(&p).ok()),
        verified_orders: row.try_get("verified_orders")?,
        failed_lookups: row.try_get("failed_lookups")?,
        last_products: row.try_get("last_products")?,
    })
}

/// A new random token: 16 bytes, URL-safe base64 (22 characters).
fn new_token() -> String {
    use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine as _};
    let bytes: [u8; 16] = rand::random();
    URL_SAFE_NO_PAD.encode(bytes)
}

/// Whether `token` could be a conversation token (checked before any query).
pub fn valid_token(token: &str) -> bool {
    (16..=64).contains(&token.len())
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// A new conversation on the site.
pub async fn start_web(
    pool: &PgPool,
    user_id: Option<i64>,
    locale: Locale,
) -> Result<Conversation> {
    let row = sqlx::query(&format!(
        "INSERT INTO assistant_conversations (token, user_id, locale) VALUES ($1, $2, $3) \
         RETURNING {COLUMNS}"
    ))
    .bind(new_token())
    .bind(user_id)
    .bind(locale.as_str())
    .fetch_one(pool)
    .await?;
    conversation(&row)
}

pub async fn by_token(pool: &PgPool, token: &str) -> Result<Option<Conversation>> {
    if !valid_token(token) {
        return Ok(None);
    }
    sqlx::query(&format!(
        "SELECT {COLUMNS} FROM assistant_conversations WHERE token = $1"
    ))
    .bind(token)
    .fetch_optional(pool)
    .await?
    .as_ref()
    .map(conversation)
    .transpose()
}

pub async fn by_id(pool: &PgPool, id: i64) -> Result<Option<Conversation>> {
    sqlx::query(&format!(
        "SELECT {COLUMNS} FROM assistant_conversations WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(pool)
    .await?
    .as_ref()
    .map(conversation)
    .transpose()
}

/// The conversation of a channel's user (one per person and channel), made on their
/// first message; the name and the number they wrote to are kept up to date.
pub async fn for_channel(
    pool: &PgPool,
    channel: &str,
    channel_user: &str,
    reply_via: Option<&str>,
    name: Option<&str>,
    locale: Locale,
) -> Result<Conversation> {
    let row = sqlx::query(&format!(
        "INSERT INTO assistant_conversations \
                (token, channel, channel_user, reply_via, customer_name, locale) \
         VALUES ($1, $2, $3, $4, $5, $6) \
         ON CONFLICT (channel, channel_user) WHERE channel_user IS NOT NULL DO UPDATE \
            SET reply_via = coalesce(EXCLUDED.reply_via, assistant_conversations.reply_via), \
                customer_name = coalesce(EXCLUDED.customer_name, assistant_conversations.customer_name) \
         RETURNING {COLUMNS}"
    ))
    .bind(new_token())
    .bind(channel)
    .bind(channel_user)
    .bind(reply_via)
    .bind(name.map(|n| n.chars().take(120).collect::<String>()))
    .bind(locale.as_str())
    .fetch_one(pool)
    .await?;
    conversation(&row)
}

/// Stores a message and announces it (at commit when `conn` is in a transaction).
pub async fn add_message(
    conn: &mut PgConnection,
    conversation_id: i64,
    message: &NewMessage<'_>,
) -> Result<StoredMessage> {
    let parts = if message.parts.is_empty() {
        "[]"
    } else {
        &message.parts
    };
    let body: String = message.body.chars().take(4000).collect();
    let row = sqlx::query(&format!(
        "INSERT INTO assistant_messages \
                (conversation_id, author, staff_id, body, intent, order_number, parts) \
         VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb) \
         RETURNING id, author, NULL::text AS staff_name, body, intent, order_number, \
                   parts::text AS parts, {AT} AS created_at"
    ))
    .bind(conversation_id)
    .bind(message.author)
    .bind(message.staff_id)
    .bind(&body)
    .bind(message.intent)
    .bind(message.order_number)
    .bind(parts)
    .fetch_one(&mut *conn)
    .await?;
    sqlx::query("UPDATE assistant_conversations SET updated_at = now() WHERE id = $1")
        .bind(conversation_id)
        .execute(&mut *conn)
        .await?;
    sqlx::query("SELECT pg_notify($1, $2::bigint::text)")
        .bind(MESSAGE_CHANNEL)
        .bind(conversation_id)
        .execute(&mut *conn)
        .await?;
    stored(&row)
}

fn stored(row: &PgRow) -> Result<StoredMessage> {
    Ok(StoredMessage {
        id: row.try_get("id")?,
        author: row.try_get("author")?,
        staff_name: row.try_get("staff_name")?,
        body: row.try_get("body")?,
        intent: row.try_get("intent")?,
        order_number: row.try_get("order_number")?,
        parts: row.try_get("parts")?,
        at: row.try_get("created_at")?,
    })
}

/// Writes what the assistant remembers between messages.
pub async fn save(conn: &mut PgConnection, c: &Conversation) -> Result<()> {
    let pending = c
        .pending
        .as_ref()
        .map(|p| serde_json::to_string(p).unwrap_or_default());
    sqlx::query(
        "UPDATE assistant_conversations \
            SET user_id = coalesce(user_id, $2), locale = $3, pending = $4::jsonb, \
                verified_orders = $5, failed_lookups = $6, last_products = $7, updated_at = now() \
          WHERE id = $1",
    )
    .bind(c.id)
    .bind(c.user_id)
    .bind(c.locale.as_str())
    .bind(pending)
    .bind(&c.verified_orders)
    .bind(c.failed_lookups)
    .bind(&c.last_products)
    .execute(conn)
    .await?;
    Ok(())
}

/// Moves the conversation to `state`: a handover stamps its time (the inbox's order),
/// closing stamps the close, anything else clears what the assistant was waiting for.
/// Returns false when it was already there.
pub async fn set_state(conn: &mut PgConnection, id: i64, state: ConversationState) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE assistant_conversations \
            SET state = $2, pending = NULL, updated_at = now(), \
                handed_over_at = CASE WHEN $2 = 'handed_over' THEN now() ELSE handed_over_at END, \
                closed_at = CASE WHEN $2 = 'closed' THEN now() ELSE NULL END \
          WHERE id = $1 AND state <> $2",
    )
    .bind(id)
    .bind(state.as_str())
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The conversation's messages after `after` (0 for all), oldest first, at most `limit`.
pub async fn messages(
    pool: &PgPool,
    conversation_id: i64,
    after: i64,
    limit: i64,
) -> Result<Vec<StoredMessage>> {
    let rows = sqlx::query(&format!(
        "SELECT * FROM ( \
            SELECT m.id, m.author, u.name AS staff_name, m.body, m.intent, m.order_number, \
                   m.parts::text AS parts, {AT_M} AS created_at \
              FROM assistant_messages m LEFT JOIN users u ON u.id = m.staff_id \
             WHERE m.conversation_id = $1 AND m.id > $2 \
             ORDER BY m.id DESC LIMIT $3) last \
         ORDER BY id"
    ))
    .bind(conversation_id)
    .bind(after)
    .bind(limit)
    .fetch_all(pool)
    .await?;
    rows.iter().map(stored).collect()
}

const ROW: &str = "SELECT c.id, c.token, c.channel, c.state, \
        coalesce(u.name, c.customer_name) AS customer, u.email, \
        to_char(c.handed_over_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') AS handed_over_at, \
        to_char(c.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') AS updated_at, \
        (SELECT left(body, 200) FROM assistant_messages m WHERE m.conversation_id = c.id \
          ORDER BY m.id DESC LIMIT 1) AS last_message, \
        coalesce((SELECT array_agg(DISTINCT m.order_number) FROM assistant_messages m \
          WHERE m.conversation_id = c.id AND m.order_number IS NOT NULL), '{}') AS order_numbers \
   FROM assistant_conversations c LEFT JOIN users u ON u.id = c.user_id";

fn row(r: &PgRow) -> Result<ConversationRow> {
    let state: String = r.try_get("state")?;
    Ok(ConversationRow {
        id: r.try_get("id")?,
        token: r.try_get("token")?,
        channel: r.try_get("channel")?,
        state: ConversationState::parse(&state).unwrap_or(ConversationState::Bot),
        customer: r.try_get("customer")?,
        email: r.try_get("email")?,
        handed_over_at: r.try_get("handed_over_at")?,
        updated_at: r.try_get("updated_at")?,
        last_message: r.try_get("last_message")?,
        order_numbers: r.try_get("order_numbers")?,
    })
}

/// The staff inbox: conversations handed over, newest first.
pub async fn inbox(pool: &PgPool, filter: InboxFilter, limit: i64) -> Result<Vec<ConversationRow>> {
    let condition = match filter {
        InboxFilter::Open => "c.handed_over_at IS NOT NULL AND c.state = 'handed_over'",
        InboxFilter::Closed => "c.handed_over_at IS NOT NULL AND c.state = 'closed'",
        InboxFilter::All => "c.handed_over_at IS NOT NULL",
    };
    let rows = sqlx::query(&format!(
        "{ROW} WHERE {condition} ORDER BY c.updated_at DESC, c.id DESC LIMIT $1"
    ))
    .bind(limit)
    .fetch_all(pool)
    .await?;
    rows.iter().map(row).collect()
}

/// One conversation's line (the inbox's transcript page heading).
pub async fn row_by_id(pool: &PgPool, id: i64) -> Result<Option<ConversationRow>> {
    sqlx::query(&format!("{ROW} WHERE c.id = $1"))
        .bind(id)
        .fetch_optional(pool)
        .await?
        .as_ref()
        .map(row)
        .transpose()
}

/// A signed-in customer's conversations on the site, newest first.
pub async fn of_user(pool: &PgPool, user_id: i64, limit: i64) -> Result<Vec<ConversationRow>> {
    let rows = sqlx::query(&format!(
        "{ROW} WHERE c.user_id = $1 AND EXISTS \
           (SELECT 1 FROM assistant_messages m WHERE m.conversation_id = c.id) \
         ORDER BY c.updated_at DESC LIMIT $2"
    ))
    .bind(user_id)
    .bind(limit)
    .fetch_all(pool)
    .await?;
    rows.iter().map(row).collect()
}

/// A topic's answer in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FaqAnswer {
    pub topic: String,
    pub en: String,
    pub ar: String,
}

pub async fn faq(pool: &PgPool) -> Result<Vec<FaqAnswer>> {
    let rows = sqlx::query(
        "SELECT topic, answer_en, answer_ar FROM assistant_faq \
         ORDER BY array_position(ARRAY['shipping', 'returns', 'payment'], topic)",
    )
    .fetch_all(pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(FaqAnswer {
                topic: r.try_get("topic")?,
                en: r.try_get("answer_en")?,
                ar: r.try_get("answer_ar")?,
            })
        })
        .collect()
}

pub async fn faq_answer(pool: &PgPool, topic: &str, locale: Locale) -> Result<Option<String>> {
    let column = match locale {
        Locale::Ar => "answer_ar",
        Locale::En => "answer_en",
    };
    sqlx::query_scalar(&format!(
        "SELECT {column} FROM assistant_faq WHERE topic = $1"
    ))
    .bind(topic)
    .fetch_optional(pool)
    .await
}

/// Saves a topic's answers (the caller checked their length); false for an unknown topic.
pub async fn save_faq(conn: &mut PgConnection, topic: &str, en: &str, ar: &str) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE assistant_faq SET answer_en = $2, answer_ar = $3, updated_at = now() \
          WHERE topic = $1",
    )
    .bind(topic)
    .bind(en)
    .bind(ar)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}
