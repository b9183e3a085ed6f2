//! The account page's "Your taste" section: the quizzes the person finished, with their
//! answers; see the picks again, retake, or forget the answers (which then stop shaping
//! "for you").

use crate::{
    components::ErrorNotice,
    i18n::t,
    pages::When,
    request,
    server::quiz::{my_quizzes, ClearQuiz, MyQuiz},
};
use dokkan_core::Locale;
use leptos::{prelude::*, server_fn::ServerFn};

#[component]
pub(crate) fn TasteSection(locale: Locale) -> impl IntoView {
    // Started once, outside the Suspense (see `HomePage`).
    let data = OnceResource::new(my_quizzes());
    let cleared = request::query_param("cleared").map(|_| t(locale, "quiz-cleared"));
    view! {
        <section aria-labelledby="taste-heading" data-testid="account-taste">
            <h2 id="taste-heading">{t(locale, "account-taste-heading")}</h2>
            {cleared.map(|text| view! { <p class="notice" role="status" data-testid="quiz-cleared">{text}</p> })}
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match data.await {
                        Err(error) => view! { <ErrorNotice locale error/> }.into_any(),
                        Ok(quizzes) if quizzes.is_empty() => view! {
                            <p class="muted" data-testid="taste-none">{t(locale, "account-taste-none")}</p>
                        }
                        .into_any(),
                        Ok(quizzes) => quizzes
                            .into_iter()
                            .map(|quiz| view! { <Taste locale quiz/> })
                            .collect_view()
                            .into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn Taste(locale: Locale, quiz: MyQuiz) -> impl IntoView {
    let start = format!("/{locale}/quiz/{}", quiz.slug);
    let result = format!("{start}/result?a={}", quiz.path);
    let answers = quiz
        .answers
        .iter()
        .map(|(question, answer)| {
            view! {
                <dt>{question.get(locale).to_string()}</dt>
                <dd>{answer.get(locale).to_string()}</dd>
            }
        })
        .collect_view();
    view! {
        <article class="account-taste" data-testid="taste">
            <h3>{quiz.title.get(locale).to_string()}</h3>
            <p class="muted">{t(locale, "account-taste-when")}" "<When locale at=quiz.completed_at.clone()/></p>
            <dl class="account-facts">{answers}</dl>
            {quiz.outdated.then(|| view! { <p class="notice">{t(locale, "account-taste-outdated")}</p> })}
            <p class="quiz-actions">
                {(!quiz.outdated).then(|| view! { <a class="button" href=result>{t(locale, "account-taste-picks")}</a> })}
                <a class="button" href=start data-testid="taste-retake">{t(locale, "quiz-retake")}</a>
            </p>
            <form method="post" action=ClearQuiz::PATH>
                <input type="hidden" name="lang" value=locale.as_str()/>
                <input type="hidden" name="quiz_id" value=quiz.quiz_id.to_string()/>
                <input type="hidden" name="back" value=format!("/{locale}/account")/>
                <button type="submit" class="button-link" data-testid="taste-clear">{t(locale, "quiz-forget")}</button>
            </form>
        </article>
    }
}
