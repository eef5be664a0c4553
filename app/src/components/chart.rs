//! An SVG line chart of cumulative cost per year, drawn by the app (no chart library).
#![allow(clippy::float_arithmetic)] // screen coordinates only; money is never computed here

use crate::i18n::Lang;
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

const W: f64 = 640.0;
const H: f64 = 280.0;
const LEFT: f64 = 78.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 36.0;

fn as_f64(m: Money) -> f64 {
    m.to_string().parse().unwrap_or(0.0)
}

/// A round axis maximum above `max` (1, 2 or 5 × 10^n).
fn nice_max(max: f64) -> f64 {
    if max <= 0.0 {
        return 1.0;
    }
    let mag = 10f64.powf(max.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|f| f * mag)
        .find(|v| *v >= max)
        .unwrap_or(10.0 * mag)
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
            .map(as_f64)
            .fold(0.0, f64::max),
    );
    let x = move |i: usize| {
        if years == 1 {
            LEFT + (W - LEFT - RIGHT) / 2.0
        } else {
            LEFT + (W - LEFT - RIGHT) * i as f64 / (years - 1) as f64
        }
    };
    let y = move |v: f64| TOP + (H - TOP - BOTTOM) * (1.0 - v / max);
    let ticks: Vec<f64> = (0..=4).map(|i| max * f64::from(i) / 4.0).collect();
    let lines = series.clone();
    view! {
        <figure class="chart">
            <svg viewBox=format!("0 0 {W} {H}") role="img" aria-labelledby="chart-title" class="chart-svg">
                <title id="chart-title">{title.clone()}</title>
                {ticks.into_iter().map(|v| {
                    let label = lang.number(&format!("{v:.0}"));
                    view! {
                        <g class="tick">
                            <line x1=LEFT x2=W - RIGHT y1=y(v) y2=y(v) class="grid"/>
                            <text x=LEFT - 8.0 y=y(v) + 4.0 text-anchor="end" class="axis">{label}</text>
                        </g>
                    }
                }).collect_view()}
                {(0..years).map(|i| view! {
                    <text x=x(i) y=H - 12.0 text-anchor="middle" class="axis">{format!("{} {}", lang.t("Y", "J"), i + 1)}</text>
                }).collect_view()}
                {lines.into_iter().map(|s| {
                    let points: Vec<String> = s.values.iter().enumerate()
                        .map(|(i, v)| format!("{:.1},{:.1}", x(i), y(as_f64(*v)))).collect();
                    let dots = s.values.iter().enumerate()
                        .map(|(i, v)| view! { <circle cx=x(i) cy=y(as_f64(*v)) r="3.5" class=format!("dot {}", s.class)/> })
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
        assert_eq!(nice_max(4605.65), 5000.0);
        assert_eq!(nice_max(12000.0), 20000.0);
        assert_eq!(nice_max(0.0), 1.0);
    }
}
