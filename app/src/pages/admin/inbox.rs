//! `/{lang}/admin/inbox` (staff): conversations the assistant handed over, newest first;
//! `/{lang}/admin/inbox/{id}`: the transcript, the reply form, close and reopen;
//! `/{lang}/admin/answers`: the assistant's answers about shipping, returns and payment,
//! in both languages.

use super::{guard, param, AdminFrame, Section, When};
use crate::{
    components::{ChatParts, ErrorNotice, PartsMode},
    i18n::t,
    pages::NotFoundPage,
    request, route_locale,
    server::admin::inbox::{
        admin_faq, admin_inbox, admin_inbox_thread, AdminInboxReply, AdminInboxState, AdminSaveFaq,
        FaqRow, InboxLine, InboxThread,
    },
};
use dokkan_accounts::Permission;
use dokkan_core::Locale;
use leptos::{prelude::*, server_fn::ServerFn};
use leptos_router::hooks::use_params_map;

fn channel_name(locale: Locale, channel: &str) -> String {
    t(locale, &format!("admin-inbox-channel-{channel}"))
}

#[component]
pub fn AdminInboxPage() -> impl IntoView {
    let Some(locale) = route_locale() else {
        return view! { <NotFoundPage/> }.into_any();
    };
    let user = match guard(locale, Permission::BackOffice) {
        Ok(user) => user,
        Err(page) => return page,
    };
    let filter = param("show").unwrap_or_else(|| "open".into());
    let data = OnceResource::new(admin_inbox(locale.to_string(), filter.clone()));
    let tab = move |value: &'static str, key: &'static str| {
        let current = (filter == value).then_some("page");
        view! { <li><a href=format!("/{locale}/admin/inbox?show={value}") aria-current=current>{t(locale, key)}</a></li> }
    };
    view! {
        <AdminFrame locale title=t(locale, "admin-inbox") section=Section::Inbox admin=user.role.allows(Permission::People)>
            <nav aria-label=t(locale, "admin-inbox-show")>
                <ul class="tabs">
                    {tab("open", "admin-inbox-open")}
                    {tab("closed", "admin-inbox-closed")}
                    {tab("all", "admin-inbox-all")}
                </ul>
            </nav>
            <p><a href=format!("/{locale}/admin/answers")>{t(locale, "admin-faq")}</a></p>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match data.await {
                        Err(error) => view! { <ErrorNotice locale error/> }.into_any(),
                        Ok(lines) => view! { <InboxTable locale lines/> }.into_any(),
                    }
                })}
            </Suspense>
        </AdminFrame>
    }
    .into_any()
}

#[component]
fn InboxTable(locale: Locale, lines: Vec<InboxLine>) -> impl IntoView {
    if lines.is_empty() {
        return view! { <p class="results-empty" data-testid="inbox-empty">{t(locale, "admin-inbox-none")}</p> }.into_any();
    }
    view! {
        <table class="admin-table" data-testid="inbox">
            <thead>
                <tr>
                    <th scope="col">{t(locale, "admin-inbox-customer")}</th>
                    <th scope="col">{t(locale, "admin-inbox-channel")}</th>
                    <th scope="col">{t(locale, "admin-inbox-last")}</th>
                    <th scope="col">{t(locale, "admin-inbox-orders")}</th>
                    <th scope="col">{t(locale, "admin-inbox-updated")}</th>
                    <th scope="col">{t(locale, "admin-inbox-state")}</th>
                </tr>
            </thead>
            <tbody>
                {lines.into_iter().map(|line| view! {
                    <tr data-testid="inbox-row">
                        <td><a href=format!("/{locale}/admin/inbox/{}", line.id) dir="auto">{line.customer}</a></td>
                        <td>{channel_name(locale, &line.channel)}</td>
                        <td dir="auto">{line.last_message}</td>
                        <td>{line.order_numbers.into_iter().map(|n| view! {
                            <a href=format!("/{locale}/admin/orders/{n}") dir="ltr">{n.clone()}</a>" "
                        }).collect_view()}</td>
                        <td><When locale at=line.updated_at/></td>
                        <td>{t(locale, &format!("admin-inbox-state-{}", line.state.replace('_', "-")))}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

#[component]
pub fn AdminInboxThreadPage() -> impl IntoView {
    let Some(locale) = route_locale() else {
        return view! { <NotFoundPage/> }.into_any();
    };
    let user = match guard(locale, Permission::BackOffice) {
        Ok(user) => user,
        Err(page) => return page,
    };
    let id = use_params_map()
        .read_untracked()
        .get("id")
        .and_then(|id| id.parse::<i64>().ok());
    let Some(id) = id else {
        return view! { <NotFoundPage/> }.into_any();
    };
    let admin = user.role.allows(Permission::People);
    let data = OnceResource::new(admin_inbox_thread(locale.to_string(), id));
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => view! {
                        <AdminFrame locale title=t(locale, "admin-inbox") section=Section::Inbox admin>
                            <ErrorNotice locale error/>
                        </AdminFrame>
                    }.into_any(),
                    Ok(None) => view! { <NotFoundPage/> }.into_any(),
                    Ok(Some(thread)) => view! { <Thread locale thread admin/> }.into_any(),
                }
            })}
        </Suspense>
    }
    .into_any()
}

#[component]
fn Thread(locale: Locale, thread: InboxThread, admin: bool) -> impl IntoView {
    let InboxThread { line, messages, .. } = thread;
    let id = line.id;
    let refused = request::form_error_for(AdminInboxReply::PATH, locale);
    let problem = refused.as_ref().and_then(|e| e.message.clone());
    let field_problem = refused
        .as_ref()
        .and_then(|e| e.fields.first().map(|(_, m)| m.clone()));
    let kept = refused
        .as_ref()
        .and_then(|e| {
            e.values
                .iter()
                .find(|(k, _)| k == "text")
                .map(|(_, v)| v.clone())
        })
        .unwrap_or_default();
    let closed = line.state == "closed";
    let (to, button) = if closed {
        ("reopen", t(locale, "admin-inbox-reopen"))
    } else {
        ("close", t(locale, "admin-inbox-close"))
    };
    let title = format!("{} — {}", t(locale, "admin-inbox"), line.customer);
    let described = field_problem.as_ref().map(|_| "reply-problem".to_string());
    view! {
        <AdminFrame locale title section=Section::Inbox admin>
            <p>
                {channel_name(locale, &line.channel)}" · "
                {t(locale, &format!("admin-inbox-state-{}", line.state.replace('_', "-")))}
                {line.order_numbers.into_iter().map(|n| view! {
                    " · "<a href=format!("/{locale}/admin/orders/{n}") dir="ltr">{n.clone()}</a>
                }).collect_view()}
            </p>
            <ol class="chat-log chat-transcript" data-testid="inbox-transcript">
                {messages.into_iter().map(|m| {
                    let class = format!("chat-message chat-{}", m.author);
                    view! {
                        <li class=class data-author=m.author.clone()>
                            <span class="chat-from">{m.from.clone()}" · "<When locale at=m.at.clone()/></span>
                            <p class="chat-text" dir="auto">{m.text.clone()}</p>
                            <ChatParts locale parts=m.parts conversation=String::new() answerable=false mode=PartsMode::Forms/>
                        </li>
                    }
                }).collect_view()}
            </ol>
            <form id="reply" method="post" action=AdminInboxReply::PATH class="admin-form" data-testid="inbox-reply">
                <input type="hidden" name="lang" value=locale.to_string()/>
                <input type="hidden" name="id" value=id.to_string()/>
                {problem.map(|p| view! { <p class="form-error" role="alert">{p}</p> })}
                <div class="field">
                    <label for="reply-text">{t(locale, "admin-inbox-reply")}</label>
                    <textarea id="reply-text" name="text" rows="3" required maxlength="2000" dir="auto"
                        aria-describedby=described data-testid="inbox-reply-text">{kept}</textarea>
                    {field_problem.map(|m| view! { <p id="reply-problem" class="field-error">{m}</p> })}
                </div>
                <button type="submit" class="button-primary" data-testid="inbox-send">{t(locale, "admin-inbox-send")}</button>
            </form>
            <form method="post" action=AdminInboxState::PATH>
                <input type="hidden" name="lang" value=locale.to_string()/>
                <input type="hidden" name="id" value=id.to_string()/>
                <input type="hidden" name="to" value=to/>
                <button type="submit" class="button-secondary" data-testid="inbox-state">{button}</button>
            </form>
            <p><a href=format!("/{locale}/admin/inbox")>{t(locale, "admin-inbox-back")}</a></p>
        </AdminFrame>
    }
}

#[component]
pub fn AdminAnswersPage() -> impl IntoView {
    let Some(locale) = route_locale() else {
        return view! { <NotFoundPage/> }.into_any();
    };
    let user = match guard(locale, Permission::BackOffice) {
        Ok(user) => user,
        Err(page) => return page,
    };
    let data = OnceResource::new(admin_faq());
    let saved = param("saved");
    let refused = request::form_error_for(AdminSaveFaq::PATH, locale);
    view! {
        <AdminFrame locale title=t(locale, "admin-faq") section=Section::Inbox admin=user.role.allows(Permission::People)>
            <p>{t(locale, "admin-faq-intro")}</p>
            {saved.map(|_| view! { <p class="notice" role="status" data-testid="admin-notice">{t(locale, "form-saved")}</p> })}
            <Suspense fallback=|| ()>
                {move || {
                    let refused = refused.clone();
                    Suspend::new(async move {
                        match data.await {
                            Err(error) => view! { <ErrorNotice locale error/> }.into_any(),
                            Ok(rows) => rows
                                .into_iter()
                                .map(|row| view! { <FaqForm locale row refused=refused.clone()/> })
                                .collect_view()
                                .into_any(),
                        }
                    })
                }}
            </Suspense>
        </AdminFrame>
    }
    .into_any()
}

#[component]
fn FaqForm(locale: Locale, row: FaqRow, refused: Option<crate::error::FormError>) -> impl IntoView {
    // A refused save shows its own values and messages on its own topic's form.
    let refused = refused.filter(|e| {
        e.values
            .iter()
            .any(|(k, v)| k == "topic" && *v == row.topic)
    });
    let value = |field: &str, stored: &str| {
        refused
            .as_ref()
            .and_then(|e| {
                e.values
                    .iter()
                    .find(|(k, _)| k == field)
                    .map(|(_, v)| v.clone())
            })
            .unwrap_or_else(|| stored.to_string())
    };
    let problem = |field: &str| {
        refused.as_ref().and_then(|e| {
            e.fields
                .iter()
                .find(|(k, _)| k == field)
                .map(|(_, m)| m.clone())
        })
    };
    let (en, ar) = (value("en", &row.en), value("ar", &row.ar));
    let (en_problem, ar_problem) = (problem("en"), problem("ar"));
    let topic = row.topic.clone();
    let heading = t(locale, &format!("admin-faq-{topic}"));
    let label = heading.clone();
    let id = |lang: &str| format!("faq-{topic}-{lang}");
    let (en_id, ar_id) = (id("en"), id("ar"));
    view! {
        <section class="admin-card" aria-label=label>
            <h2>{heading}</h2>
            <form method="post" action=AdminSaveFaq::PATH class="admin-form" data-testid=format!("faq-{topic}")>
                <input type="hidden" name="lang" value=locale.to_string()/>
                <input type="hidden" name="topic" value=topic.clone()/>
                <div class="field">
                    <label for=en_id.clone()>{t(locale, "admin-faq-en")}</label>
                    <textarea id=en_id name="en" rows="4" dir="ltr" lang="en" required maxlength="2000">{en}</textarea>
                    {en_problem.map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
                </div>
                <div class="field">
                    <label for=ar_id.clone()>{t(locale, "admin-faq-ar")}</label>
                    <textarea id=ar_id name="ar" rows="4" dir="rtl" lang="ar" required maxlength="2000">{ar}</textarea>
                    {ar_problem.map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
                </div>
                <button type="submit" class="button-primary">{t(locale, "admin-faq-save")}</button>
            </form>
        </section>
    }
}
