//! One step of a quiz: its question as a group of radio buttons, the progress, Back and
//! Next. `a` holds the answers so far; `at` shows an earlier step again (Back) with its
//! answer chosen; `pick` is the answer just given.

use crate::{
    components::{ErrorNotice, Layout, Seo},
    i18n::{t, t_with},
    pages::NotFoundPage,
    request, route_locale,
    server::quiz::{take_quiz, FinishQuiz},
};
use dokkan_core::Locale;
use dokkan_quiz::{path, Quiz};
use leptos::{prelude::*, server_fn::ServerFn};
use leptos_router::hooks::use_params_map;

#[component]
pub fn QuizPage() -> impl IntoView {
    let Some(locale) = route_locale() else {
        return view! { <NotFoundPage/> }.into_any();
    };
    let slug = use_params_map()
        .read_untracked()
        .get("slug")
        .unwrap_or_default();
    // Started once, outside the Suspense (see `HomePage`).
    let data = OnceResource::new(take_quiz(slug));
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => view! {
                        <Seo locale title=t(locale, "error-title") description=t(locale, "quiz-description")/>
                        <Layout locale><ErrorNotice locale error/></Layout>
                    }
                    .into_any(),
                    Ok(quiz) => view! { <Step locale quiz/> }.into_any(),
                }
            })}
        </Suspense>
    }
    .into_any()
}

#[component]
fn Step(locale: Locale, quiz: Quiz) -> impl IntoView {
    let mut ids = path::parse(&request::query_param("a").unwrap_or_default());
    let refused = request::form_error_for(FinishQuiz::PATH, locale);
    let mut problem = refused.and_then(|e| e.message);
    if let Some(pick) = request::query_param("pick") {
        match pick.trim().parse::<i64>() {
            Ok(id) => ids.push(id),
            Err(_) => problem = Some(t(locale, "quiz-choose-answer")),
        }
    }
    let walk = quiz.walk(&ids);
    // An answer that is not the question's (an old link, a quiz edited since).
    if walk.cut && problem.is_none() {
        problem = Some(t(locale, "quiz-choose-answer"));
    }
    let answered = walk.ids();
    let total = quiz.questions.len();
    let last = total.saturating_sub(1);
    // Back (or "change my answers") shows an earlier step with its answer chosen.
    let step = request::query_param("at")
        .and_then(|at| at.parse::<usize>().ok())
        .filter(|&at| at < answered.len())
        .unwrap_or(walk.step())
        .min(last);
    let chosen = answered.get(step).copied();
    let so_far = path::text(&answered[..step.min(answered.len())]);
    let title = quiz.title.get(locale).to_string();
    if total == 0 {
        return view! {
            <Seo locale title=title.clone() description=t(locale, "quiz-description")/>
            <Layout locale><section class="notice"><h1>{title}</h1><p>{t(locale, "quiz-empty")}</p></section></Layout>
        }
        .into_any();
    }
    let question = quiz.questions[step].clone();
    let is_last = step == last;
    let action = if is_last {
        FinishQuiz::PATH.to_string()
    } else {
        format!("/{locale}/quiz/{}", quiz.slug)
    };
    let back = (step > 0).then(|| {
        format!(
            "/{locale}/quiz/{}?a={}&at={}",
            quiz.slug,
            path::text(&answered),
            step - 1
        )
    });
    let counter = t_with(
        locale,
        "quiz-progress",
        &[
            ("step", &locale.digits(&(step + 1).to_string())),
            ("total", &locale.digits(&total.to_string())),
        ],
    );
    let cleared = request::query_param("cleared").map(|_| t(locale, "quiz-cleared"));
    let intro = quiz.intro.get(locale).to_string();
    let percent = (step * 100 / total).to_string();
    view! {
        <Seo locale title=title.clone() description=if intro.is_empty() { t(locale, "quiz-description") } else { intro.clone() }/>
        <Layout locale>
            <section class="quiz" data-testid="quiz">
                <h1>{title}</h1>
                {cleared.map(|text| view! { <p class="notice" role="status" data-testid="quiz-cleared">{text}</p> })}
                {(step == 0 && !intro.is_empty()).then(|| view! { <p class="quiz-intro">{intro}</p> })}
                <div class="quiz-progress">
                    <p id="quiz-progress-label" data-testid="quiz-progress">{counter}</p>
                    <progress max=total.to_string() value=(step + 1).to_string() aria-labelledby="quiz-progress-label">{format!("{percent}%")}</progress>
                </div>
                <form method=if is_last { "post" } else { "get" } action=action class="quiz-step" data-testid="quiz-step">
                    {is_last.then(|| view! {
                        <input type="hidden" name="lang" value=locale.as_str()/>
                        <input type="hidden" name="slug" value=quiz.slug.clone()/>
                    })}
                    <input type="hidden" name="a" value=so_far/>
                    <fieldset aria-describedby=problem.as_ref().map(|_| "quiz-problem")>
                        <legend class="quiz-question" data-testid="quiz-question">{question.text.get(locale).to_string()}</legend>
                        <ul class="quiz-choices" role="list">
                            {question
                                .answers
                                .iter()
                                .map(|answer| {
                                    let id = format!("answer-{}", answer.id);
                                    view! {
                                        <li>
                                            <input type="radio" name="pick" id=id.clone() value=answer.id.to_string()
                                                required checked=chosen == Some(answer.id)/>
                                            <label for=id>{answer.text.get(locale).to_string()}</label>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    </fieldset>
                    {problem.map(|text| view! { <p class="form-error" role="alert" id="quiz-problem" data-testid="quiz-problem">{text}</p> })}
                    <div class="quiz-actions">
                        <button type="submit" class="button-primary" data-testid="quiz-next">
                            {t(locale, if is_last { "quiz-see-picks" } else { "quiz-next" })}
                        </button>
                        {back.map(|href| view! { <a href=href class="button" data-testid="quiz-back">{t(locale, "quiz-back")}</a> })}
                    </div>
                </form>
            </section>
        </Layout>
    }
    .into_any()
}
