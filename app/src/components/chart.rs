//! An SVG line chart of cumulative cost per year, drawn by the app (no chart library).
//!
//! Integer arithmetic only: coordinates are tenths of a pixel, amounts are cents. Formatting or
//! parsing an `f64` would bring the float printing and parsing code of `core` (≈ 12 KB) into the
//! calculator's Wasm.

use crate::{i18n::Lang, text::calculator::year_tick};
use leptos::prelude::*;
use sma_shared::Money;

/// One line of the chart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Series {
    /// Legend text.
    pub label: String,
    /// CSS class (colour and dash) of the line.
    pub class: &'static str,
    /// Cumulative cost at the end of each year.
    pub values: Vec<Money>,
}

// The view box and the plot's margins, in tenths of a pixel.
const W: i64 = 6400;
const H: i64 = 2800;
const LEFT: i64 = 780;
const RIGHT: i64 = 160;
const TOP: i64 = 160;
const BOTTOM: i64 = 360;

/// An amount in cents (0 if it does not fit).
fn cents(m: Money) -> i64 {
    m.to_string().replace('.', "").parse().unwrap_or(0)
}

/// A coordinate in tenths of a pixel as SVG text (`1234` → `123.4`).
fn px(tenths: i64) -> String {
    let sign = if tenths < 0 { "-" } else { "" };
    let t = tenths.unsigned_abs();
    format!("{sign}{}.{}", t / 10, t % 10)
}

/// `a / b` rounded half away from zero, for `b > 0`.
fn div_round(a: i64, b: i64) -> i64 {
    if a >= 0 {
        (a + b / 2) / b
    } else {
        -((-a + b / 2) / b)
    }
}

/// A round axis maximum in cents at or above `max` cents (1, 2, 2.5 or 5 × 10^n); one euro
/// for nothing to show.
fn nice_max(max: i64) -> i64 {
    if max <= 0 {
        return 100;
    }
    let mut mag = 1i64;
    while mag <= max / 10 {
        mag *= 10;
    }
    [mag, 2 * mag, 5 * mag / 2, 5 * mag, 10 * mag]
        .into_iter()
        .find(|v| *v >= max)
        .unwrap_or(10 * mag)
}

/// Cumulative cost over the years, one line per scenario, with a data table for screen readers.
#[component]
pub fn CostChart(series: Vec<Series>, lang: Lang, title: String) -> impl IntoView {
    let years = series
        .iter()
        .map(|s| s.values.len())
        .max()
        .unwrap_or(1)
        .max(1);
    let max = nice_max(
        series
            .iter()
            .flat_map(|s| s.values.iter().copied())
            .map(cents)
            .fold(0, i64::max),
    );
    let span = i64::try_from(years).unwrap_or(1) - 1;
    let x = move |i: usize| {
        if span == 0 {
            LEFT + (W - LEFT - RIGHT) / 2
        } else {
            LEFT + div_round((W - LEFT - RIGHT) * i64::try_from(i).unwrap_or(0), span)
        }
    };
    let y = move |v: i64| TOP + div_round((H - TOP - BOTTOM) * (max - v), max);
    let ticks: Vec<i64> = (0..=4).map(|i| max * i / 4).collect();
    let lines = series.clone();
    view! {
        <figure class="chart">
            <svg viewBox=format!("0 0 {} {}", W / 10, H / 10) role="img" aria-labelledby="chart-title" class="chart-svg">
                <title id="chart-title">{title.clone()}</title>
                {ticks.into_iter().map(|v| {
                    let label = lang.number(&div_round(v, 100).to_string());
                    view! {
                        <g class="tick">
                            <line x1=px(LEFT) x2=px(W - RIGHT) y1=px(y(v)) y2=px(y(v)) class="grid"/>
                            <text x=px(LEFT - 80) y=px(y(v) + 40) text-anchor="end" class="axis">{label}</text>
                        </g>
                    }
                }).collect_view()}
                {(0..years).map(|i| view! {
                    <text x=px(x(i)) y=px(H - 120) text-anchor="middle" class="axis">{year_tick(lang, i + 1)}</text>
                }).collect_view()}
                {lines.into_iter().map(|s| {
                    let points: Vec<String> = s.values.iter().enumerate()
                        .map(|(i, v)| format!("{},{}", px(x(i)), px(y(cents(*v))))).collect();
                    let dots = s.values.iter().enumerate()
                        .map(|(i, v)| view! { <circle cx=px(x(i)) cy=px(y(cents(*v))) r="3.5" class=format!("dot {}", s.class)/> })
                        .collect_view();
                    view! {
                        <g>
                            <polyline points=points.join(" ") class=format!("line {}", s.class) fill="none"/>
                            {dots}
                        </g>
                    }
                }).collect_view()}
            </svg>
            <figcaption>
                <ul class="legend">
                    {series.iter().map(|s| view! {
                        <li><span class=format!("swatch {}", s.class) aria-hidden="true"></span>{s.label.clone()}</li>
                    }).collect_view()}
                </ul>
            </figcaption>
            <details class="chart-data">
                <summary>{lang.t("Show the figures as a table", "Zahlen als Tabelle zeigen")}</summary>
                <div class="table-wrap">
                    <table>
                        <caption>{title}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{lang.t("End of year", "Ende von Jahr")}</th>
                                {series.iter().map(|s| view! { <th scope="col" class="num">{s.label.clone()}</th> }).collect_view()}
                            </tr>
                        </thead>
                        <tbody>
                            {(0..years).map(|i| view! {
                                <tr>
                                    <th scope="row">{i + 1}</th>
                                    {series.iter().map(|s| view! {
                                        <td class="num">{s.values.get(i).map(|v| lang.money(v)).unwrap_or_default()}</td>
                                    }).collect_view()}
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            </details>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_axis_maximum_is_a_round_number_above_the_data() {
        assert_eq!(nice_max(460_565), 500_000);
        assert_eq!(nice_max(1_200_000), 2_000_000);
        assert_eq!(nice_max(2_400_000), 2_500_000);
        assert_eq!(nice_max(1_000_000), 1_000_000);
        assert_eq!(nice_max(0), 100);
    }

    #[test]
    fn coordinates_are_tenths_of_a_pixel() {
        assert_eq!(px(6240), "624.0");
        assert_eq!(px(1234), "123.4");
        assert_eq!(px(-5), "-0.5");
        assert_eq!(cents(Money::parse("4605.65").unwrap()), 460_565);
        assert_eq!(div_round(5, 2), 3);
        assert_eq!(div_round(-5, 2), -3);
    }
}
