//! `/{lang}/assistant`: the shopping assistant as a plain page. Every message and every
//! answer button is an ordinary form post, so it works without JavaScript; the chat panel
//! on the other pages draws the same parts ([`ChatParts`]). `?c=` opens one of a
//! signed-in customer's earlier conversations.

use crate::{
    components::{ChatParts, ErrorNotice, Layout, PartsMode, Seo},
    i18n::t,
    pages::NotFoundPage,
    request, route_locale,
    server::assistant::{assistant_view, AssistantSay, ChatMessage, ChatView},
};
use dokkan_core::Locale;
use leptos::{prelude::*, server_fn::ServerFn};
use leptos_meta::Meta;

#[component]
pub fn AssistantPage() -> impl IntoView {
    let Some(locale) = route_locale() else {
        return view! { <NotFoundPage/> }.into_any();
    };
    let chosen = request::query_param("c").filter(|c| !c.is_empty());
    // Started once, outside the Suspense (see `HomePage`).
    let data = OnceResource::new(assistant_view(locale.to_string(), chosen));
    view! {
        <Seo locale title=t(locale, "assistant-title") description=t(locale, "assistant-intro")/>
        <Meta name="robots" content="noindex"/>
        <Layout locale>
            <section class="shop-page chat-page">
                <h1>{t(locale, "assistant-title")}</h1>
                <p class="chat-intro">{t(locale, "assistant-intro")}</p>
                <Suspense fallback=|| ()>
                    {move || Suspend::new(async move {
                        match data.await {
                            Err(error) => view! { <ErrorNotice locale error/> }.into_any(),
                            Ok(chat) => view! { <Chat locale chat/> }.into_any(),
                        }
                    })}
                </Suspense>
            </section>
        </Layout>
    }
    .into_any()
}

#[component]
fn Chat(locale: Locale, chat: ChatView) -> impl IntoView {
    let ChatView {
        conversation,
        state,
        messages,
        history,
    } = chat;
    let refused = request::form_error_for(AssistantSay::PATH, locale);
    let problem = refused.as_ref().and_then(|e| e.message.clone());
    let kept = refused
        .as_ref()
        .and_then(|e| {
            e.values
                .iter()
                .find(|(k, _)| k == "text")
                .map(|(_, v)| v.clone())
        })
        .unwrap_or_default();
    let last = messages.len().saturating_sub(1);
    let is_empty = messages.is_empty();
    let handed_over = state == "handed_over";
    let conversation = conversation.unwrap_or_default();
    let log = messages
        .into_iter()
        .enumerate()
        .map(|(i, message)| {
            view! { <Message locale message conversation=conversation.clone() answerable=i == last/> }
        })
        .collect_view();
    let empty = is_empty.then(|| {
        view! { <p class="chat-empty">{t(locale, "assistant-empty")}</p> }
    });
    let problem_id = problem.as_ref().map(|_| "chat-problem".to_string());
    view! {
        <div class="chat" data-testid="chat">
            {empty}
            <ol class="chat-log" aria-live="polite" aria-label=t(locale, "assistant-title") data-testid="chat-log">
                {log}
            </ol>
            <span id="chat-end"></span>
            {handed_over.then(|| view! {
                <p class="chat-note" data-testid="chat-handed-over">{t(locale, "assistant-handed-over-note")}</p>
            })}
            <form method="post" action=AssistantSay::PATH class="chat-form" data-testid="chat-form">
                <input type="hidden" name="lang" value=locale.to_string()/>
                <input type="hidden" name="conversation" value=conversation.clone()/>
                {problem.map(|p| view! { <p id="chat-problem" class="form-error" role="alert">{p}</p> })}
                <label for="chat-text">{t(locale, "assistant-message-label")}</label>
                <div class="chat-compose">
                    <input id="chat-text" name="text" type="text" required maxlength="1000"
                        autocomplete="off" value=kept aria-describedby=problem_id
                        data-testid="chat-text"/>
                    <button type="submit" data-testid="chat-send">{t(locale, "assistant-send")}</button>
                </div>
            </form>
            {(!history.is_empty()).then(|| view! {
                <section class="chat-history" aria-labelledby="chat-history-heading">
                    <h2 id="chat-history-heading">{t(locale, "assistant-history")}</h2>
                    <ul>
                        {history.into_iter().map(|(token, when, last)| view! {
                            <li>
                                <a href=format!("/{locale}/assistant?c={token}")>
                                    <time dir="ltr">{when}</time>" — "{last}
                                </a>
                            </li>
                        }).collect_view()}
                    </ul>
                </section>
            })}
        </div>
    }
}

#[component]
fn Message(
    locale: Locale,
    message: ChatMessage,
    conversation: String,
    /// The last message: its questions can still be answered.
    answerable: bool,
) -> impl IntoView {
    let class = format!("chat-message chat-{}", message.author);
    view! {
        <li class=class data-author=message.author.clone() data-testid="chat-message">
            <span class="chat-from">{message.from.clone()}</span>
            <p class="chat-text">{message.text.clone()}</p>
            <ChatParts locale parts=message.parts conversation answerable mode=PartsMode::Forms/>
        </li>
    }
}
