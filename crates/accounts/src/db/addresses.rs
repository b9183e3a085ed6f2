//! The address book: at most a few addresses per person, one of them the default.

use super::*;

/// The most addresses one person may keep.
pub const MAX_ADDRESSES: i64 = 20;

type AddressRow = (
    i64,
    String,
    String,
    String,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    bool,
);

const ADDRESS_COLUMNS: &str = "id, recipient, phone, governorate, city, street, building, floor, \
                               apartment, landmark, is_default";

fn saved_address(row: AddressRow) -> Result<SavedAddress> {
    let (
        id,
        recipient,
        phone,
        governorate,
        city,
        street,
        building,
        floor,
        apartment,
        landmark,
        is_default,
    ) = row;
    Ok(SavedAddress {
        id,
        address: Address {
            recipient: PersonName::parse(&recipient).map_err(|_| corrupt("addresses.recipient"))?,
            phone: PhoneNumber::parse(&phone).map_err(|_| corrupt("addresses.phone"))?,
            governorate: Governorate::from_code(&governorate)
                .map_err(|_| corrupt("addresses.governorate"))?,
            city,
            street,
            building,
            floor,
            apartment,
            landmark,
        },
        is_default,
    })
}

pub async fn list_addresses(pool: &PgPool, user_id: i64) -> Result<Vec<SavedAddress>> {
    let rows: Vec<AddressRow> = sqlx::query_as(&format!(
        "SELECT {ADDRESS_COLUMNS} FROM addresses WHERE user_id = $1
         ORDER BY is_default DESC, id"
    ))
    .bind(user_id)
    .fetch_all(pool)
    .await?;
    rows.into_iter().map(saved_address).collect()
}

pub async fn get_address(pool: &PgPool, user_id: i64, id: i64) -> Result<Option<SavedAddress>> {
    let row: Option<AddressRow> = sqlx::query_as(&format!(
        "SELECT {ADDRESS_COLUMNS} FROM addresses WHERE user_id = $1 AND id = $2"
    ))
    .bind(user_id)
    .bind(id)
    .fetch_optional(pool)
    .await?;
    row.map(saved_address).transpose()
}

/// `Ok(None)` when the address book is full. The first address becomes the default.
pub async fn add_address(
    pool: &PgPool,
    user_id: i64,
    address: &Address,
    make_default: bool,
) -> Result<Option<i64>> {
    let mut tx = pool.begin().await?;
    lock_address_book(&mut tx, user_id).await?;
    let count: i64 = sqlx::query_scalar("SELECT count(*) FROM addresses WHERE user_id = $1")
        .bind(user_id)
        .fetch_one(&mut *tx)
        .await?;
    if count >= MAX_ADDRESSES {
        return Ok(None);
    }
    let make_default = make_default || count == 0;
    if make_default {
        clear_default(&mut tx, user_id).await?;
    }
    let insert = sqlx::query(
        "INSERT INTO addresses (user_id, recipient, phone, governorate, city, street, building,
                                floor, apartment, landmark, is_default)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
    )
    .bind(user_id);
    let id: i64 = bind_address(insert, address)
        .bind(make_default)
        .fetch_one(&mut *tx)
        .await?
        .try_get(0)?;
    tx.commit().await?;
    Ok(Some(id))
}

pub async fn update_address(
    pool: &PgPool,
    user_id: i64,
    id: i64,
    address: &Address,
) -> Result<bool> {
    let update = sqlx::query(
        "UPDATE addresses SET recipient = $3, phone = $4, governorate = $5, city = $6, street = $7,
                building = $8, floor = $9, apartment = $10, landmark = $11, updated_at = now()
         WHERE user_id = $1 AND id = $2",
    )
    .bind(user_id)
    .bind(id);
    let done = bind_address(update, address).execute(pool).await?;
    Ok(done.rows_affected() == 1)
}

/// Binds an address's nine columns in `ADDRESS_COLUMNS` order (without id and default).
fn bind_address<'q>(
    query: sqlx::query::Query<'q, Postgres, sqlx::postgres::PgArguments>,
    address: &'q Address,
) -> sqlx::query::Query<'q, Postgres, sqlx::postgres::PgArguments> {
    query
        .bind(address.recipient.as_str())
        .bind(address.phone.as_str())
        .bind(address.governorate.code())
        .bind(&address.city)
        .bind(&address.street)
        .bind(&address.building)
        .bind(&address.floor)
        .bind(&address.apartment)
        .bind(&address.landmark)
}

/// Deleting the default makes the oldest remaining address the default.
pub async fn delete_address(pool: &PgPool, user_id: i64, id: i64) -> Result<bool> {
    let mut tx = pool.begin().await?;
    lock_address_book(&mut tx, user_id).await?;
    let was_default: Option<bool> = sqlx::query_scalar(
        "DELETE FROM addresses WHERE user_id = $1 AND id = $2 RETURNING is_default",
    )
    .bind(user_id)
    .bind(id)
    .fetch_optional(&mut *tx)
    .await?;
    if was_default == Some(true) {
        sqlx::query(
            "UPDATE addresses SET is_default = true
             WHERE id = (SELECT id FROM addresses WHERE user_id = $1 ORDER BY id LIMIT 1)",
        )
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(was_default.is_some())
}

pub async fn set_default_address(pool: &PgPool, user_id: i64, id: i64) -> Result<bool> {
    let mut tx = pool.begin().await?;
    lock_address_book(&mut tx, user_id).await?;
    let exists: bool = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM addresses WHERE user_id = $1 AND id = $2)",
    )
    .bind(user_id)
    .bind(id)
    .fetch_one(&mut *tx)
    .await?;
    if !exists {
        return Ok(false);
    }
    clear_default(&mut tx, user_id).await?;
    sqlx::query("UPDATE addresses SET is_default = true WHERE user_id = $1 AND id = $2")
        .bind(user_id)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(true)
}

/// Serializes one person's address-book writes, so the cap and the single default hold
/// under concurrent requests.
async fn lock_address_book(tx: &mut Transaction<'_, Postgres>, user_id: i64) -> Result<()> {
    sqlx::query("SELECT id FROM users WHERE id = $1 FOR UPDATE")
        .bind(user_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

async fn clear_default(tx: &mut Transaction<'_, Postgres>, user_id: i64) -> Result<()> {
    sqlx::query("UPDATE addresses SET is_default = false WHERE user_id = $1 AND is_default")
        .bind(user_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}
