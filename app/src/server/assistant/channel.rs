//! Replies to a social channel's conversation leave through the channel outbox, in the
//! transaction that stores them (so a reply is sent once, and only if it was stored).
//! Site conversations need nothing: the open chat follows the stored messages.

use crate::error::AppError;
use dokkan_assistant::db::Conversation;

/// Queues `text` for the conversation's channel (nothing for the site).
pub async fn queue_reply(
    conn: &mut sqlx::PgConnection,
    conversation: &Conversation,
    text: &str,
) -> Result<(), AppError> {
    let Some(channel) = dokkan_channels::Channel::parse(&conversation.channel) else {
        return Ok(());
    };
    let Some(recipient) = conversation.channel_user.as_deref() else {
        return Ok(());
    };
    dokkan_channels::db::enqueue(
        conn,
        &dokkan_channels::db::OutgoingReply {
            channel,
            recipient: recipient.to_string(),
            reply_via: conversation.reply_via.clone(),
            body: text.to_string(),
            conversation_id: Some(conversation.id),
        },
    )
    .await?;
    Ok(())
}
