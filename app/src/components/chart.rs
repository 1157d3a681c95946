//! A bar chart drawn by our own code: one bar per day, as an SVG with no text in it (so it may
//! stretch to any width without distorting letters), read by screen readers as one image with
//! a summary (`role="img"`, `aria-label`), followed by the same numbers as a table in a
//! `<details>` (for anyone who wants the exact values, keyboard and screen-reader users
//! included). No script and no library: it renders on the server like the rest of the page.

use leptos::prelude::*;

/// Height of the drawing in its own units; bars are scaled so the tallest one reaches the top.
const HEIGHT: f64 = 100.0;
/// Width of one day's slot, and of its bar (the rest is the gap between bars).
const SLOT: f64 = 10.0;
const BAR: f64 = 8.0;

/// One bar: its label in the table (a date, say) and its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bar {
    pub label: String,
    pub value: u32,
}

/// `(x, y, width, height)` of each non-empty bar, in the drawing's units
/// (`0 0 {bars × SLOT} {HEIGHT}`).
fn geometry(values: &[u32]) -> Vec<(f64, f64, f64, f64)> {
    let max = values.iter().copied().max().unwrap_or(0);
    if max == 0 {
        return Vec::new();
    }
    values
        .iter()
        .enumerate()
        .filter(|(_, value)| **value > 0)
        .map(|(i, value)| {
            let height = (f64::from(*value) / f64::from(max) * HEIGHT).max(1.0);
            (i as f64 * SLOT + (SLOT - BAR) / 2.0, HEIGHT - height, BAR, height)
        })
        .collect()
}

/// A bar chart with its table. `summary` is what a screen reader says for the drawing;
/// `caption` names the table; `max_label` (the scale, above the drawing) and the `first` and
/// `last` labels (under it) are hidden from screen readers, which get them from the summary and
/// the table.
#[component]
pub fn BarChart(
    bars: Vec<Bar>,
    summary: String,
    caption: String,
    label_header: &'static str,
    value_header: &'static str,
    show_numbers: &'static str,
    first: String,
    last: String,
    max_label: String,
) -> impl IntoView {
    let values: Vec<u32> = bars.iter().map(|bar| bar.value).collect();
    let view_box = format!("0 0 {} {HEIGHT}", values.len() as f64 * SLOT);
    let rects = geometry(&values)
        .into_iter()
        .map(|(x, y, width, height)| {
            view! {
                <rect
                    class="chart__bar"
                    x=format!("{x:.1}")
                    y=format!("{y:.2}")
                    width=format!("{width:.1}")
                    height=format!("{height:.2}")
                ></rect>
            }
        })
        .collect_view();
    let rows = bars
        .into_iter()
        .map(|bar| {
            view! {
                <tr>
                    <th scope="row">{bar.label}</th>
                    <td>{bar.value}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="chart">
            <p class="chart__scale" aria-hidden="true">{max_label}</p>
            <svg class="chart__drawing" role="img" aria-label=summary viewBox=view_box preserveAspectRatio="none">
                {rects}
            </svg>
            <p class="chart__axis" aria-hidden="true">
                <span>{first}</span>
                <span>{last}</span>
            </p>
            <details class="chart__numbers">
                <summary>{show_numbers}</summary>
                <table>
                    <caption>{caption}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{label_header}</th>
                            <th scope="col">{value_header}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </details>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tallest_bar_fills_the_height_and_empty_days_draw_nothing() {
        let bars = geometry(&[0, 5, 10]);
        assert_eq!(bars.len(), 2, "no bar for a zero");
        assert_eq!(bars[0], (11.0, 50.0, 8.0, 50.0));
        assert_eq!(bars[1], (21.0, 0.0, 8.0, 100.0));
        assert!(geometry(&[0, 0]).is_empty());
        assert!(geometry(&[]).is_empty());
        // A small value next to a large one stays visible.
        assert_eq!(geometry(&[1, 10_000])[0].3, 1.0);
    }
}
