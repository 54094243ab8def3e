//! The resolution trap: tokens against the image's long side for the chosen models, the current
//! image as a dot, the selected model's pixel floor and cap shaded, a pointer readout, exports.

use leptos::html;
use leptos::prelude::*;

use super::sections;
use crate::engine::{self, CATALOGUE, Options, StrategyKind};
use crate::figures::{chart, theme};
use crate::ui::store::use_store;
use crate::ui::use_css_size::use_css_size;
use crate::ui::{canvas, export};

/// Section 3 of the article, the chart and its controls.
#[component]
pub fn TrapSection() -> impl IntoView {
    let store = use_store();
    let (model, options, log_scale, chart_models) = (store.model, store.options, store.log_scale, store.chart_models);
    let (article_size, series, charted, chart_aspect) =
        (store.article_size, store.series, store.charted, store.chart_aspect);
    // The long side under the pointer on the chart, for the readout.
    let chart_hover = RwSignal::new(None::<u32>);
    // The current image on the chart, and the chart's axes (stretched to include it): read by the
    // canvas, the dot, the pointer readout and the exports.
    let chart_marker = Memo::new(move |_| store.plan.with(|p| p.as_ref().ok().map(chart::Marker::of)));
    let chart_range = Memo::new(move |_| series.with(|s| chart::Range::of(s, chart_marker.get(), log_scale.get())));
    let chart_ref = NodeRef::<html::Canvas>::new();
    let chart_size = use_css_size(chart_ref);
    let chart_cache = StoredValue::new_local(None::<canvas::ChartCache>);
    Effect::new(move || {
        let (Some(canvas), Some(css)) = (chart_ref.get(), chart_size.get()) else { return };
        let marker = chart_marker.get();
        let log = log_scale.get();
        // The selected model's pixel limits, shaded (Qwen: "already under the cap: raising max_pixels
        // changes nothing").
        let clamp = options
            .with(|o| engine::clamp_long_sides(model.get(), chart_aspect.get(), o))
            .map(|(floor, cap)| chart::Clamp { floor, cap });
        series.with(|s| {
            chart_cache.update_value(|cache| {
                let input = canvas::ChartPaint {
                    series: s,
                    marker,
                    log,
                    clamp,
                    dots: &[],
                    quantity: chart::Quantity::Tokens,
                    paint_marker: false,
                    palette: store.theme.palette.get(),
                };
                canvas::paint_chart(&canvas, css, input, cache)
            })
        });
    });
    // The current image's dot on the chart: an element moved over the canvas (CSS px from its top
    // left), so a slider drag repaints no chart.
    let chart_dot = Memo::new(move |_| {
        let css = chart_size.get()?;
        let marker = chart_marker.get()?;
        let (backing, ratio) = canvas::backing_of(css);
        let (x, y) = chart::marker_at((backing.width, backing.height), chart_range.get(), marker, ratio)?;
        Some((f64::from(x) / ratio, f64::from(y) / ratio, marker.color))
    });
    view! {
        <section class="chart" id="trap" data-embed="chart">
        <h2>"3. The resolution trap"</h2>
        <sections::Trap size=article_size model=model options=options />
        <p>
            "Each curve counts one image of the current aspect ratio at every long side from 64 to 4096 px. "
            "Fixed models stay flat, dynamic ones grow with the area (double the side, four times the tokens) until their cap, "
            "AnyRes ones jump as the crop grid grows. The dot is your image."
        </p>
        <label class="check scale">
            <input type="checkbox" data-testid="log-scale" prop:checked=move || log_scale.get()
                on:change=move |ev| log_scale.set(event_target_checked(&ev)) />
            "Logarithmic token axis"
        </label>
        <span class="exports">
            <button data-testid="export-chart-png" on:click=move |_| {
                let Some(c) = chart_ref.get_untracked() else { return };
                let marker = chart_marker.get_untracked();
                let picture = marker.and_then(|m| canvas::with_marker(&c, chart_range.get_untracked(), m, store.theme.palette.get_untracked())).unwrap_or(c);
                export::download_png(&picture, &store.file_name("-chart", "png"));
            }>"Chart PNG"</button>
            <button data-testid="export-chart-svg" on:click=move |_| {
                let marker = chart_marker.get_untracked();
                let Some(svg) = series.with_untracked(|s| canvas::chart_svg(s, marker, log_scale.get_untracked(), store.theme.palette.get_untracked())) else { return };
                export::download_text(&store.file_name("-chart", "svg"), "image/svg+xml", &svg);
            }>"Chart SVG"</button>
        </span>
        <div class="plot">
        <canvas node_ref=chart_ref data-testid="plot-canvas"
            on:mousemove=move |ev| {
                let Some(css) = chart_size.get_untracked() else { return };
                let at = chart::long_side_at(f64::from(ev.offset_x()), css.width, chart_range.get_untracked());
                chart_hover.set(at.map(|l| l.round().max(1.0) as u32));
            }
            on:mouseleave=move |_| chart_hover.set(None)
            aria-label="Tokens in sequence against image long side for the chosen models"></canvas>
        <span class="plot-dot" data-testid="plot-dot" aria-hidden="true"
            hidden=move || chart_dot.get().is_none()
            style:transform=move || chart_dot.get().map(|(x, y, _)| format!("translate({x:.2}px, {y:.2}px)"))
            style:background-color=move || chart_dot.get().map(|(_, _, c)| theme::css(store.theme.palette.get().on_paper(c)))></span>
        </div>
        <p class="readout" data-testid="chart-readout" aria-live="polite">{move || {
            let long = chart_hover.get()?;
            let size = engine::sweep_sizes(chart_aspect.get(), long, long, 2)[0];
            let counts = charted.with(|models| {
                models
                    .iter()
                    .map(|m| match engine::count(size, m, &Options::default()) {
                        Ok(c) => format!("{} {}", m.name, c.tokens_in_sequence),
                        Err(_) => format!("{} refuses it", m.name),
                    })
                    .collect::<Vec<_>>()
                    .join(" · ")
            });
            Some(format!("At {size} px: {counts}"))
        }}</p>
        <fieldset class="chart-models">
            <legend>"Models on the chart (the selected model is always drawn)"</legend>
            {StrategyKind::ALL.iter().map(|&kind| view! {
                <div class="group">
                    <span class="group-name">{kind.label()}</span>
                    {CATALOGUE.iter().filter(|m| m.strategy.kind() == kind).map(|m| view! {
                        <label>
                            <input type="checkbox" data-testid="chart-toggle" value=m.id
                                prop:checked=move || chart_models.with(|ids| ids.contains(&m.id)) || model.get() == m
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    chart_models.update(|ids| {
                                        ids.retain(|id| *id != m.id);
                                        if on { ids.push(m.id) }
                                    });
                                }/>
                            {m.name}
                        </label>
                    }).collect_view()}
                </div>
            }).collect_view()}
        </fieldset>

        </section>
    }
}
