//! `/{lang}/quiz/{slug}/result?a=…`: the picks for a finished quiz, each with the answers
//! that brought it in and a plain add-to-cart form; retake, change the answers, or forget
//! them.

use super::quoted_list;
use crate::{
    components::{ErrorNotice, Layout, ProductCard, Seo},
    i18n::{t, t_with},
    pages::NotFoundPage,
    request, route_locale,
    server::{
        cart::AddToCart,
        quiz::{quiz_result, ClearQuiz, Kept, QuizOutcome, QuizPick},
    },
};
use dokkan_core::Locale;
use leptos::{prelude::*, server_fn::ServerFn};
use leptos_meta::Meta;
use leptos_router::hooks::use_params_map;

#[component]
pub fn QuizResultPage() -> impl IntoView {
    let Some(locale) = route_locale() else {
        return view! { <NotFoundPage/> }.into_any();
    };
    let slug = use_params_map()
        .read_untracked()
        .get("slug")
        .unwrap_or_default();
    let path = request::query_param("a").unwrap_or_default();
    let data = OnceResource::new(quiz_result(slug, path));
    view! {
        // A shopper's own answers: nothing for search engines.
        <Meta name="robots" content="noindex"/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => view! {
                        <Seo locale title=t(locale, "error-title") description=t(locale, "quiz-description")/>
                        <Layout locale><ErrorNotice locale error/></Layout>
                    }
                    .into_any(),
                    Ok(result) => view! { <Result locale result/> }.into_any(),
                }
            })}
        </Suspense>
    }
    .into_any()
}

#[component]
fn Result(locale: Locale, result: QuizOutcome) -> impl IntoView {
    let QuizOutcome {
        quiz,
        chosen,
        path,
        picks,
        kept,
    } = result;
    let title = t_with(
        locale,
        "quiz-result-title",
        &[("quiz", quiz.title.get(locale))],
    );
    let chosen: Vec<String> = chosen.iter().map(|c| c.get(locale).to_string()).collect();
    let you_chose = t_with(
        locale,
        "quiz-you-chose",
        &[("answers", &quoted_list(locale, &chosen))],
    );
    let kept = t(
        locale,
        match kept {
            Kept::Account => "quiz-kept-account",
            Kept::Browser => "quiz-kept-browser",
            Kept::Visit => "quiz-kept-visit",
        },
    );
    let start = format!("/{locale}/quiz/{}", quiz.slug);
    let last = quiz.questions.len().saturating_sub(1);
    let change = format!("{start}?a={path}&at={last}");
    let picks_view = if picks.is_empty() {
        view! { <p class="notice" data-testid="quiz-no-picks">{t(locale, "quiz-no-picks")}</p> }
            .into_any()
    } else {
        view! {
            <ul class="product-grid quiz-picks" role="list" data-testid="quiz-picks">
                {picks
                    .into_iter()
                    .enumerate()
                    .map(|(i, pick)| view! { <Pick locale pick eager=i < 2/> })
                    .collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <Seo locale title=title.clone() description=t(locale, "quiz-description")/>
        <Layout locale>
            <section class="quiz-result" data-testid="quiz-result">
                <h1>{title}</h1>
                <p data-testid="quiz-chosen">{you_chose}</p>
                <p class="muted" data-testid="quiz-kept">{kept}</p>
                {picks_view}
                <div class="quiz-actions">
                    <a class="button" href=change data-testid="quiz-change">{t(locale, "quiz-change")}</a>
                    <a class="button" href=start.clone() data-testid="quiz-retake">{t(locale, "quiz-retake")}</a>
                    <form method="post" action=ClearQuiz::PATH>
                        <input type="hidden" name="lang" value=locale.as_str()/>
                        <input type="hidden" name="quiz_id" value=quiz.id.to_string()/>
                        <input type="hidden" name="back" value=start/>
                        <button type="submit" class="button-link" data-testid="quiz-forget">{t(locale, "quiz-forget")}</button>
                    </form>
                </div>
            </section>
        </Layout>
    }
}

#[component]
fn Pick(locale: Locale, pick: QuizPick, eager: bool) -> impl IntoView {
    let QuizPick {
        card,
        reasons,
        variants,
    } = pick;
    let reasons: Vec<String> = reasons.iter().map(|r| r.get(locale).to_string()).collect();
    let because = t_with(
        locale,
        "quiz-because",
        &[("answers", &quoted_list(locale, &reasons))],
    );
    let name = card.name.get(locale).to_string();
    let select_id = format!("pick-{}", card.handle);
    let buyable = variants.iter().any(|v| v.in_stock);
    let choice = match variants.as_slice() {
        [only] => view! { <input type="hidden" name="sku" value=only.sku.clone()/> }.into_any(),
        _ => view! {
            <label for=select_id.clone() class="visually-hidden">
                {t_with(locale, "quiz-choose-variant", &[("product", &name)])}
            </label>
            <select id=select_id name="sku" required>
                {variants
                    .iter()
                    .map(|v| {
                        let label = if v.in_stock {
                            v.label.get(locale).to_string()
                        } else {
                            t_with(locale, "quiz-variant-sold-out", &[("variant", v.label.get(locale))])
                        };
                        view! { <option value=v.sku.clone() disabled=!v.in_stock>{label}</option> }
                    })
                    .collect_view()}
            </select>
        }
        .into_any(),
    };
    // The visible words first, so that the accessible name contains them.
    let add_label = format!("{}: {name}", t(locale, "cart-add"));
    view! {
        <ProductCard locale product=card eager>
            <p class="quiz-because" data-testid="quiz-because">{because}</p>
            {buyable.then(|| view! {
                <form method="post" action=AddToCart::PATH class="quiz-add" data-testid="quiz-add">
                    <input type="hidden" name="lang" value=locale.as_str()/>
                    <input type="hidden" name="quantity" value="1"/>
                    {choice}
                    <button type="submit" class="button-primary" aria-label=add_label>{t(locale, "cart-add")}</button>
                </form>
            })}
        </ProductCard>
    }
}
