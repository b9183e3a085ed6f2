//! `/{lang}/admin/quizzes`: the taste quizzes (title, address, questions, how many
//! shoppers finished each, published or not) and a form for a new one; and
//! `/{lang}/admin/quizzes/{slug}`, the editor. Plain forms: it all works without JS.

use super::{guard, AdminFrame, Section};
use crate::{
    components::{number, ErrorNotice},
    error::FormError,
    i18n::{t, t_with},
    pages::NotFoundPage,
    request, route_locale,
    server::admin::quizzes::{
        admin_quiz, admin_quizzes, CreateQuiz, DeleteAnswer, DeleteQuestion, DeleteQuiz,
        PublishQuiz, QuizEditor, SaveAnswer, SaveQuestion, UpdateQuiz,
    },
};
use dokkan_accounts::Permission;
use dokkan_core::{Locale, Money};
use dokkan_quiz::{weights_text, Answer, Question, Quiz, Summary};
use leptos::{prelude::*, server_fn::ServerFn};
use leptos_router::hooks::use_params_map;

#[component]
pub fn AdminQuizzesPage() -> impl IntoView {
    let Some(locale) = route_locale() else {
        return view! { <NotFoundPage/> }.into_any();
    };
    let user = match guard(locale, Permission::BackOffice) {
        Ok(user) => user,
        Err(page) => return page,
    };
    let data = OnceResource::new(admin_quizzes());
    let refused = request::form_error_for(CreateQuiz::PATH, locale);
    let notice = request::query_param("deleted").map(|_| t(locale, "admin-quiz-deleted"));
    view! {
        <AdminFrame locale title=t(locale, "admin-quizzes") section=Section::Quizzes admin=user.role.allows(Permission::People)>
            {notice.map(|text| view! { <p class="notice" role="status" data-testid="admin-notice">{text}</p> })}
            <p>{t(locale, "admin-quizzes-intro")}</p>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match data.await {
                        Err(error) => view! { <ErrorNotice locale error/> }.into_any(),
                        Ok(quizzes) => view! { <QuizList locale quizzes/> }.into_any(),
                    }
                })}
            </Suspense>
            <section aria-labelledby="new-quiz-heading" class="admin-actions">
                <h2 id="new-quiz-heading">{t(locale, "admin-quiz-new")}</h2>
                <QuizForm locale action=CreateQuiz::PATH quiz=None refused submit=t(locale, "admin-quiz-create")/>
            </section>
        </AdminFrame>
    }
    .into_any()
}

#[component]
fn QuizList(locale: Locale, quizzes: Vec<Summary>) -> impl IntoView {
    if quizzes.is_empty() {
        return view! { <p class="muted" data-testid="quizzes-none">{t(locale, "admin-quizzes-none")}</p> }.into_any();
    }
    let rows = quizzes
        .into_iter()
        .map(|q| {
            let status = t(locale, if q.published { "admin-quiz-published" } else { "admin-quiz-draft" });
            view! {
                <tr data-testid="quiz-row">
                    <th scope="row"><a href=format!("/{locale}/admin/quizzes/{}", q.slug)>{q.title.get(locale).to_string()}</a></th>
                    <td><bdi dir="ltr">{format!("/{locale}/quiz/{}", q.slug)}</bdi></td>
                    <td class="numeric">{number(locale, q.questions as u64)}</td>
                    <td class="numeric">{number(locale, q.responses as u64)}</td>
                    <td data-testid="quiz-status">{status}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll">
            <table class="admin-table" data-testid="quizzes">
                <caption class="visually-hidden">{t(locale, "admin-quizzes")}</caption>
                <thead><tr>
                    <th scope="col">{t(locale, "admin-quiz-title")}</th>
                    <th scope="col">{t(locale, "admin-quiz-address")}</th>
                    <th scope="col" class="numeric">{t(locale, "admin-quiz-questions")}</th>
                    <th scope="col" class="numeric">{t(locale, "admin-quiz-responses")}</th>
                    <th scope="col">{t(locale, "admin-quiz-status")}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}

/// The refused post's error when it came from this form (many forms share a server
/// function on the editor; each carries its `form` name back).
fn for_form(refused: &Option<FormError>, form: &str) -> Option<FormError> {
    refused
        .as_ref()
        .filter(|e| e.value("form").unwrap_or_default() == form)
        .cloned()
}

/// A labelled input (or text area) that shows a refused post's value and problem.
fn field(
    prefix: &str,
    name: &'static str,
    label: String,
    value: String,
    refused: &Option<FormError>,
    kind: FieldKind,
) -> impl IntoView {
    let id = format!("{prefix}-{name}");
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let value = refused
        .as_ref()
        .and_then(|e| e.value(name).map(str::to_string))
        .unwrap_or(value);
    let error = refused
        .as_ref()
        .and_then(|e| e.field(name))
        .map(str::to_string);
    let hint = match &kind {
        FieldKind::Hinted(h) => Some(h.clone()),
        _ => None,
    };
    let described = [
        hint.as_ref().map(|_| hint_id.clone()),
        error.as_ref().map(|_| error_id.clone()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    let described = (!described.is_empty()).then_some(described);
    let invalid = error.is_some().then_some("true");
    let input = match kind {
        FieldKind::Area => view! {
            <textarea id=id.clone() name=name rows="2" dir="auto" aria-invalid=invalid aria-describedby=described>{value}</textarea>
        }
        .into_any(),
        FieldKind::Required => view! {
            <input id=id.clone() name=name type="text" dir="auto" value=value required aria-invalid=invalid aria-describedby=described/>
        }
        .into_any(),
        FieldKind::Number => view! {
            <input id=id.clone() name=name type="text" inputmode="numeric" dir="ltr" value=value aria-invalid=invalid aria-describedby=described/>
        }
        .into_any(),
        FieldKind::Plain | FieldKind::Hinted(_) => view! {
            <input id=id.clone() name=name type="text" dir="auto" value=value aria-invalid=invalid aria-describedby=described/>
        }
        .into_any(),
    };
    view! {
        <div class="field">
            <label for=id>{label}</label>
            {input}
            {hint.map(|h| view! { <p class="field-hint" id=hint_id>{h}</p> })}
            {error.map(|p| view! { <p class="field-error" id=error_id data-testid=format!("{name}-error")>{p}</p> })}
        </div>
    }
}

enum FieldKind {
    Required,
    Plain,
    Area,
    Number,
    Hinted(String),
}

#[component]
fn QuizForm(
    locale: Locale,
    action: &'static str,
    quiz: Option<Quiz>,
    refused: Option<FormError>,
    submit: String,
) -> impl IntoView {
    let message = refused.as_ref().and_then(|e| e.message.clone());
    let get = |f: fn(&Quiz) -> String| quiz.as_ref().map(f).unwrap_or_default();
    let prefix = if quiz.is_some() { "quiz" } else { "new-quiz" };
    view! {
        <form method="post" action=action class="admin-action quiz-form" data-testid=format!("{prefix}-form")>
            {message.map(|text| view! { <p class="form-error" role="alert" data-testid="admin-error">{text}</p> })}
            <input type="hidden" name="lang" value=locale.as_str()/>
            {quiz.as_ref().map(|q| view! { <input type="hidden" name="quiz_id" value=q.id.to_string()/> })}
            {field(prefix, "slug", t(locale, "admin-quiz-slug"), get(|q| q.slug.clone()), &refused, FieldKind::Hinted(t(locale, "admin-quiz-slug-hint")))}
            {field(prefix, "title_en", t(locale, "admin-quiz-title-en"), get(|q| q.title.en.clone()), &refused, FieldKind::Required)}
            {field(prefix, "title_ar", t(locale, "admin-quiz-title-ar"), get(|q| q.title.ar.clone()), &refused, FieldKind::Required)}
            {field(prefix, "intro_en", t(locale, "admin-quiz-intro-en"), get(|q| q.intro.en.clone()), &refused, FieldKind::Area)}
            {field(prefix, "intro_ar", t(locale, "admin-quiz-intro-ar"), get(|q| q.intro.ar.clone()), &refused, FieldKind::Area)}
            <div class="filter-actions">
                <button type="submit" class="button-primary">{submit}</button>
            </div>
        </form>
    }
}

#[component]
pub fn AdminQuizPage() -> impl IntoView {
    let Some(locale) = route_locale() else {
        return view! { <NotFoundPage/> }.into_any();
    };
    let user = match guard(locale, Permission::BackOffice) {
        Ok(user) => user,
        Err(page) => return page,
    };
    let slug = use_params_map()
        .read_untracked()
        .get("slug")
        .unwrap_or_default();
    let data = OnceResource::new(admin_quiz(slug));
    let admin = user.role.allows(Permission::People);
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => view! {
                        <AdminFrame locale title=t(locale, "admin-quizzes") section=Section::Quizzes admin>
                            <ErrorNotice locale error/>
                        </AdminFrame>
                    }
                    .into_any(),
                    Ok(editor) => view! { <Editor locale editor admin/> }.into_any(),
                }
            })}
        </Suspense>
    }
    .into_any()
}

#[component]
fn Editor(locale: Locale, editor: QuizEditor, admin: bool) -> impl IntoView {
    let QuizEditor { quiz, categories } = editor;
    let details_error = for_form(
        &request::form_error_for(UpdateQuiz::PATH, locale),
        "details",
    );
    let publish_error = request::form_error_for(PublishQuiz::PATH, locale).and_then(|e| e.message);
    let question_error = request::form_error_for(SaveQuestion::PATH, locale)
        .or_else(|| request::form_error_for(DeleteQuestion::PATH, locale));
    let answer_error = request::form_error_for(SaveAnswer::PATH, locale)
        .or_else(|| request::form_error_for(DeleteAnswer::PATH, locale));
    let failed = details_error.is_some()
        || publish_error.is_some()
        || question_error.is_some()
        || answer_error.is_some();
    let notice = ["created", "saved", "published", "unpublished", "deleted"]
        .into_iter()
        .find(|p| request::query_param(p).is_some())
        .filter(|_| !failed)
        .map(|p| t(locale, &format!("admin-quiz-{p}")));
    let status = t(
        locale,
        if quiz.published {
            "admin-quiz-published"
        } else {
            "admin-quiz-draft"
        },
    );
    let (publish_value, publish_label) = if quiz.published {
        ("0", t(locale, "admin-quiz-unpublish"))
    } else {
        ("1", t(locale, "admin-quiz-publish"))
    };
    let preview = format!("/{locale}/quiz/{}", quiz.slug);
    let questions = quiz.questions.clone();
    let total = questions.len();
    let quiz_id = quiz.id;
    let details_open = details_error.is_some();
    view! {
        <AdminFrame locale title=quiz.title.get(locale).to_string() section=Section::Quizzes admin>
            {notice.map(|text| view! { <p class="notice" role="status" data-testid="admin-notice">{text}</p> })}
            <section class="admin-actions quiz-publishing" aria-labelledby="quiz-status-heading">
                <h2 id="quiz-status-heading">{t(locale, "admin-quiz-status")}</h2>
                <p data-testid="quiz-status">{status}" · "<a href=preview>{t(locale, "admin-quiz-preview")}</a></p>
                {publish_error.map(|text| view! { <p class="form-error" role="alert" data-testid="admin-error">{text}</p> })}
                <form method="post" action=PublishQuiz::PATH>
                    <input type="hidden" name="lang" value=locale.as_str()/>
                    <input type="hidden" name="quiz_id" value=quiz_id.to_string()/>
                    <input type="hidden" name="publish" value=publish_value/>
                    <button type="submit" class="button-primary" data-testid="quiz-publish">{publish_label}</button>
                </form>
            </section>
            <details class="admin-actions" open=details_open>
                <summary>{t(locale, "admin-quiz-details")}</summary>
                <QuizForm locale action=UpdateQuiz::PATH quiz=Some(quiz.clone()) refused=details_error submit=t(locale, "admin-quiz-save")/>
            </details>
            <p class="field-hint">{t(locale, "admin-quiz-weights-intro")}</p>
            {questions
                .into_iter()
                .enumerate()
                .map(|(i, question)| view! {
                    <QuestionEditor locale quiz_id number=i + 1 total question
                        question_error=question_error.clone() answer_error=answer_error.clone()/>
                })
                .collect_view()}
            <section class="admin-actions" aria-labelledby="new-question-heading">
                <h2 id="new-question-heading">{t(locale, "admin-quiz-add-question")}</h2>
                <QuestionForm locale quiz_id question=None refused=for_form(&question_error, "question-0")/>
            </section>
            <details class="admin-actions">
                <summary>{t(locale, "admin-quiz-category-slugs")}</summary>
                <ul class="quiz-slugs" data-testid="category-slugs">
                    {categories
                        .into_iter()
                        .map(|(slug, name)| view! { <li><code dir="ltr">{slug}</code>" — "{name.get(locale).to_string()}</li> })
                        .collect_view()}
                </ul>
            </details>
            <form method="post" action=DeleteQuiz::PATH class="admin-actions">
                <input type="hidden" name="lang" value=locale.as_str()/>
                <input type="hidden" name="quiz_id" value=quiz_id.to_string()/>
                <button type="submit" class="button" data-testid="quiz-delete">{t(locale, "admin-quiz-delete")}</button>
            </form>
        </AdminFrame>
    }
}

#[component]
fn QuestionForm(
    locale: Locale,
    quiz_id: i64,
    question: Option<Question>,
    refused: Option<FormError>,
) -> impl IntoView {
    let prefix = match &question {
        Some(q) => format!("question-{}", q.id),
        None => "new-question".to_string(),
    };
    let message = refused.as_ref().and_then(|e| e.message.clone());
    let get = |f: fn(&Question) -> String| question.as_ref().map(f).unwrap_or_default();
    view! {
        <form method="post" action=SaveQuestion::PATH class="admin-action quiz-question-form" data-testid=format!("{prefix}-form")>
            {message.map(|text| view! { <p class="form-error" role="alert" data-testid="admin-error">{text}</p> })}
            <input type="hidden" name="lang" value=locale.as_str()/>
            <input type="hidden" name="quiz_id" value=quiz_id.to_string()/>
            {question.as_ref().map(|q| view! { <input type="hidden" name="question_id" value=q.id.to_string()/> })}
            {field(&prefix, "text_en", t(locale, "admin-quiz-question-en"), get(|q| q.text.en.clone()), &refused, FieldKind::Required)}
            {field(&prefix, "text_ar", t(locale, "admin-quiz-question-ar"), get(|q| q.text.ar.clone()), &refused, FieldKind::Required)}
            {field(&prefix, "position", t(locale, "admin-quiz-position"), get(|q| q.position.to_string()), &refused, FieldKind::Number)}
            <div class="filter-actions">
                <button type="submit" class="button-primary">{t(locale, if question.is_some() { "admin-quiz-save" } else { "admin-quiz-add-question" })}</button>
            </div>
        </form>
    }
}

#[component]
fn QuestionEditor(
    locale: Locale,
    quiz_id: i64,
    number: usize,
    total: usize,
    question: Question,
    question_error: Option<FormError>,
    answer_error: Option<FormError>,
) -> impl IntoView {
    let heading_id = format!("question-{}-heading", question.id);
    let heading = t_with(
        locale,
        "admin-quiz-question-number",
        &[
            ("number", &locale.digits(&number.to_string())),
            ("total", &locale.digits(&total.to_string())),
            ("text", question.text.get(locale)),
        ],
    );
    let own_error = for_form(&question_error, &format!("question-{}", question.id));
    let new_answer_error = for_form(&answer_error, &format!("new-answer-{}", question.id));
    let question_id = question.id;
    let own_open = own_error.is_some();
    let new_open = new_answer_error.is_some();
    let section_id = format!("question-{}", question.id);
    let labelled_by = heading_id.clone();
    view! {
        <section id=section_id class="quiz-question-editor" aria-labelledby=labelled_by data-testid="question-editor">
            <h2 id=heading_id>{heading}</h2>
            <details open=own_open>
                <summary>{t(locale, "admin-quiz-edit-question")}</summary>
                <QuestionForm locale quiz_id question=Some(question.clone()) refused=own_error/>
                <form method="post" action=DeleteQuestion::PATH>
                    <input type="hidden" name="lang" value=locale.as_str()/>
                    <input type="hidden" name="quiz_id" value=quiz_id.to_string()/>
                    <input type="hidden" name="question_id" value=question_id.to_string()/>
                    <button type="submit" class="button-link">{t(locale, "admin-quiz-delete-question")}</button>
                </form>
            </details>
            <ul class="quiz-answers" role="list">
                {question
                    .answers
                    .iter()
                    .map(|answer| {
                        let refused = for_form(&answer_error, &format!("answer-{}", answer.id));
                        view! { <li><AnswerEditor locale quiz_id question_id answer=answer.clone() refused/></li> }
                    })
                    .collect_view()}
            </ul>
            <details class="quiz-new-answer" open=new_open>
                <summary>{t(locale, "admin-quiz-add-answer")}</summary>
                <AnswerForm locale quiz_id question_id answer=None refused=new_answer_error/>
            </details>
        </section>
    }
}

/// What an answer weights, in a line: `men:2, sport · EGP 0–500`.
fn weights_summary(locale: Locale, answer: &Answer) -> String {
    let mut parts = Vec::new();
    if !answer.categories.is_empty() {
        parts.push(weights_text(&answer.categories));
    }
    if !answer.tags.is_empty() {
        parts.push(weights_text(&answer.tags));
    }
    if answer.price.is_set() {
        let money = |m: Option<i64>| {
            m.map(|m| Money::egp(m).format(locale))
                .unwrap_or_else(|| "…".into())
        };
        parts.push(format!(
            "{} – {}",
            money(answer.price.min_minor),
            money(answer.price.max_minor)
        ));
    }
    parts.join(" · ")
}

#[component]
fn AnswerEditor(
    locale: Locale,
    quiz_id: i64,
    question_id: i64,
    answer: Answer,
    refused: Option<FormError>,
) -> impl IntoView {
    let summary = weights_summary(locale, &answer);
    let answer_id = answer.id;
    let open = refused.is_some();
    view! {
        <details class="quiz-answer" open=open data-testid="answer-editor">
            <summary><strong>{answer.text.get(locale).to_string()}</strong>" "<span class="muted"><bdi>{summary}</bdi></span></summary>
            <AnswerForm locale quiz_id question_id answer=Some(answer) refused/>
            <form method="post" action=DeleteAnswer::PATH>
                <input type="hidden" name="lang" value=locale.as_str()/>
                <input type="hidden" name="quiz_id" value=quiz_id.to_string()/>
                <input type="hidden" name="answer_id" value=answer_id.to_string()/>
                <button type="submit" class="button-link">{t(locale, "admin-quiz-delete-answer")}</button>
            </form>
        </details>
    }
}

#[component]
fn AnswerForm(
    locale: Locale,
    quiz_id: i64,
    question_id: i64,
    answer: Option<Answer>,
    refused: Option<FormError>,
) -> impl IntoView {
    let prefix = match &answer {
        Some(a) => format!("answer-{}", a.id),
        None => format!("new-answer-{question_id}"),
    };
    let message = refused.as_ref().and_then(|e| e.message.clone());
    let get = |f: &dyn Fn(&Answer) -> String| answer.as_ref().map(f).unwrap_or_default();
    let price = |m: Option<i64>| m.map(|m| Money::egp(m).short_decimal()).unwrap_or_default();
    view! {
        <form method="post" action=SaveAnswer::PATH class="admin-action quiz-answer-form" data-testid=format!("{prefix}-form")>
            {message.map(|text| view! { <p class="form-error" role="alert" data-testid="admin-error">{text}</p> })}
            <input type="hidden" name="lang" value=locale.as_str()/>
            <input type="hidden" name="quiz_id" value=quiz_id.to_string()/>
            <input type="hidden" name="question_id" value=question_id.to_string()/>
            {answer.as_ref().map(|a| view! { <input type="hidden" name="answer_id" value=a.id.to_string()/> })}
            {field(&prefix, "text_en", t(locale, "admin-quiz-answer-en"), get(&|a| a.text.en.clone()), &refused, FieldKind::Required)}
            {field(&prefix, "text_ar", t(locale, "admin-quiz-answer-ar"), get(&|a| a.text.ar.clone()), &refused, FieldKind::Required)}
            {field(&prefix, "categories", t(locale, "admin-quiz-categories"), get(&|a| weights_text(&a.categories)), &refused, FieldKind::Hinted(t(locale, "admin-quiz-categories-hint")))}
            {field(&prefix, "tags", t(locale, "admin-quiz-tags"), get(&|a| weights_text(&a.tags)), &refused, FieldKind::Hinted(t(locale, "admin-quiz-tags-hint")))}
            {field(&prefix, "price_min", t(locale, "admin-quiz-price-min"), get(&|a| price(a.price.min_minor)), &refused, FieldKind::Number)}
            {field(&prefix, "price_max", t(locale, "admin-quiz-price-max"), get(&|a| price(a.price.max_minor)), &refused, FieldKind::Number)}
            {field(&prefix, "position", t(locale, "admin-quiz-position"), get(&|a| a.position.to_string()), &refused, FieldKind::Plain)}
            <div class="filter-actions">
                <button type="submit" class="button-primary">{t(locale, if answer.is_some() { "admin-quiz-save" } else { "admin-quiz-add-answer" })}</button>
            </div>
        </form>
    }
}
