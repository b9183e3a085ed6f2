//! Charts drawn as SVG on the server: readable without JS, mirrored for right-to-left
//! pages (time runs from the right in Arabic), and with a text alternative (the SVG's
//! title and description, and the same figures as a table).

use dokkan_core::Locale;
use leptos::prelude::*;

/// One bar: its short axis label, its value, and its full text (tooltip and table).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bar {
    pub label: String,
    pub value: i64,
    pub text: String,
}

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 220.0;
const AXIS: f64 = 24.0;
const TOP: f64 = 16.0;

/// The x of slot `i` of `n` across `width`, counted from the inline start.
fn slot_x(locale: Locale, i: usize, n: usize, width: f64) -> f64 {
    let step = width / n.max(1) as f64;
    if locale.dir() == dokkan_core::Direction::Rtl {
        width - step * (i as f64 + 1.0)
    } else {
        step * i as f64
    }
}

/// Vertical bars over time (oldest at the inline start). Every `label_every`-th bar gets
/// its label under the axis.
#[component]
pub fn ColumnChart(
    locale: Locale,
    /// Element ids derive from it.
    id: &'static str,
    title: String,
    description: String,
    /// The table's column headings: the label's and the value's.
    headings: (String, String),
    bars: Vec<Bar>,
    #[prop(default = 1)] label_every: usize,
    /// The largest value's text (the scale), e.g. "EGP 12,000".
    scale: String,
) -> impl IntoView {
    let max = bars.iter().map(|b| b.value).max().unwrap_or(0).max(1) as f64;
    let n = bars.len();
    let plot = HEIGHT - AXIS - TOP;
    let step = WIDTH / n.max(1) as f64;
    let gap = (step * 0.2).min(6.0);
    let title_id = format!("{id}-title");
    let desc_id = format!("{id}-desc");
    let labelled_by = format!("{title_id} {desc_id}");
    let columns = bars
        .iter()
        .enumerate()
        .map(|(i, bar)| {
            let h = (bar.value.max(0) as f64 / max * plot).max(if bar.value > 0 { 1.0 } else { 0.0 });
            let x = slot_x(locale, i, n, WIDTH);
            let label = (i % label_every.max(1) == 0 || i + 1 == n).then(|| {
                view! {
                    <text x=format!("{:.1}", x + step / 2.0) y=format!("{:.1}", HEIGHT - 6.0) text-anchor="middle" class="chart-label">
                        {locale.digits(&bar.label)}
                    </text>
                }
            });
            view! {
                <g>
                    <rect
                        class="chart-bar"
                        x=format!("{:.1}", x + gap / 2.0)
                        y=format!("{:.1}", TOP + plot - h)
                        width=format!("{:.1}", step - gap)
                        height=format!("{h:.1}")
                    >
                        <title>{bar.text.clone()}</title>
                    </rect>
                    {label}
                </g>
            }
        })
        .collect_view();
    let scale_x = if locale.dir() == dokkan_core::Direction::Rtl {
        WIDTH - 2.0
    } else {
        2.0
    };
    let anchor = if locale.dir() == dokkan_core::Direction::Rtl {
        "end"
    } else {
        "start"
    };
    view! {
        <figure class="chart" data-testid=id>
            <svg
                viewBox=format!("0 0 {WIDTH} {HEIGHT}")
                role="img"
                aria-labelledby=labelled_by
                preserveAspectRatio="none"
            >
                <title id=title_id>{title.clone()}</title>
                <desc id=desc_id>{description}</desc>
                <line class="chart-grid" x1="0" x2=WIDTH.to_string() y1=TOP.to_string() y2=TOP.to_string()/>
                <text class="chart-scale" x=scale_x.to_string() y=(TOP - 4.0).to_string() text-anchor=anchor>{scale}</text>
                <line class="chart-axis" x1="0" x2=WIDTH.to_string() y1=(TOP + plot).to_string() y2=(TOP + plot).to_string()/>
                {columns}
            </svg>
            <figcaption>{title}</figcaption>
            <DataTable headings bars/>
        </figure>
    }
}

/// Horizontal bars, one per category (labels at the inline start).
#[component]
pub fn BarList(
    locale: Locale,
    id: &'static str,
    title: String,
    description: String,
    headings: (String, String),
    bars: Vec<Bar>,
) -> impl IntoView {
    let max = bars.iter().map(|b| b.value).max().unwrap_or(0).max(1) as f64;
    let row = 26.0;
    let height = row * bars.len().max(1) as f64;
    let label_width = 180.0;
    let plot = WIDTH - label_width - 48.0;
    let rtl = locale.dir() == dokkan_core::Direction::Rtl;
    let title_id = format!("{id}-title");
    let desc_id = format!("{id}-desc");
    let labelled_by = format!("{title_id} {desc_id}");
    let rows = bars
        .iter()
        .enumerate()
        .map(|(i, bar)| {
            let y = row * i as f64;
            let w = (bar.value.max(0) as f64 / max * plot).max(if bar.value > 0 { 1.0 } else { 0.0 });
            // Left to right: label | bar → value. Right to left: the mirror image.
            let (label_x, label_anchor) = if rtl {
                (WIDTH, "end")
            } else {
                (0.0, "start")
            };
            let bar_x = if rtl { WIDTH - label_width - w } else { label_width };
            let (value_x, value_anchor) = if rtl {
                (WIDTH - label_width - w - 6.0, "end")
            } else {
                (label_width + w + 6.0, "start")
            };
            view! {
                <g>
                    <text class="chart-label" x=label_x.to_string() y=format!("{:.1}", y + 17.0) text-anchor=label_anchor>
                        {fit_label(&bar.label)}
                    </text>
                    <rect class="chart-bar" x=format!("{bar_x:.1}") y=format!("{:.1}", y + 5.0) width=format!("{w:.1}") height="16">
                        <title>{bar.text.clone()}</title>
                    </rect>
                    <text class="chart-value" x=format!("{value_x:.1}") y=format!("{:.1}", y + 17.0) text-anchor=value_anchor>
                        {locale.digits(&bar.value.to_string())}
                    </text>
                </g>
            }
        })
        .collect_view();
    view! {
        <figure class="chart" data-testid=id>
            <svg viewBox=format!("0 0 {WIDTH} {height}") role="img" aria-labelledby=labelled_by>
                <title id=title_id>{title.clone()}</title>
                <desc id=desc_id>{description}</desc>
                {rows}
            </svg>
            <figcaption>{title}</figcaption>
            <DataTable headings bars/>
        </figure>
    }
}

/// Characters a bar's label keeps in its column; a longer one (a product's full name)
/// ends in "…" there and is whole in the bar's title and the table.
const LABEL_CHARS: usize = 24;

fn fit_label(label: &str) -> String {
    if label.chars().count() <= LABEL_CHARS {
        return label.to_string();
    }
    let kept: String = label.chars().take(LABEL_CHARS - 1).collect();
    format!("{}…", kept.trim_end())
}

/// The chart's figures as a table, folded away for those who see the chart.
#[component]
fn DataTable(headings: (String, String), bars: Vec<Bar>) -> impl IntoView {
    view! {
        <details class="chart-table">
            <summary>{headings.0.clone()} " / " {headings.1.clone()}</summary>
            <table>
                <thead>
                    <tr><th scope="col">{headings.0}</th><th scope="col">{headings.1}</th></tr>
                </thead>
                <tbody>
                    {bars.into_iter().map(|b| view! { <tr><th scope="row">{b.label}</th><td>{b.text}</td></tr> }).collect_view()}
                </tbody>
            </table>
        </details>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_mirror_in_right_to_left() {
        assert_eq!(slot_x(Locale::En, 0, 4, 400.0), 0.0);
        assert_eq!(slot_x(Locale::Ar, 0, 4, 400.0), 300.0);
        assert_eq!(slot_x(Locale::Ar, 3, 4, 400.0), 0.0);
        assert_eq!(slot_x(Locale::En, 3, 4, 400.0), 300.0);
    }

    #[test]
    fn long_labels_are_cut_by_characters_not_bytes() {
        assert_eq!(fit_label("Shipped"), "Shipped");
        let arabic = "تي شيرت أوفر سايز مطبوع – رسمة الأهرامات";
        let cut = fit_label(arabic);
        assert!(
            cut.ends_with('…') && cut.chars().count() <= LABEL_CHARS,
            "{cut}"
        );
        assert!(arabic.starts_with(cut.trim_end_matches('…')));
    }
}
