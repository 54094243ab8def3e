//! The video chapter's chart: tokens in sequence against a clip's duration for the curves the
//! reader picks (each video family, and each Qwen generation as each stack serves it), the
//! chapter's clip as a dot.

use leptos::html;
use leptos::prelude::*;

use crate::engine::video::{Clip, VideoOptions};
use crate::figures::{chart, theme};
use crate::ui::canvas;
use crate::ui::store::use_store;
use crate::ui::url_video::{CURVES, VideoView};
use crate::ui::use_css_size::use_css_size;

use super::video::plan_of;

/// The curves the reader picked, all at the reader's sampling rate (2 fps where unset); each keeps
/// its line style among the curves of its strategy's colour.
fn curves(v: &VideoView) -> Vec<chart::VideoCurve> {
    CURVES
        .iter()
        .enumerate()
        .filter(|(i, _)| v.curves.contains(*i))
        .filter_map(|(i, c)| {
            let model = crate::engine::find(c.model)?;
            let kind = model.strategy.kind();
            let style = CURVES[..i]
                .iter()
                .filter(|o| crate::engine::find(o.model).is_some_and(|m| m.strategy.kind() == kind))
                .count();
            // Gemma 4 and Molmo2 sample by themselves and refuse a rate; vLLM's loader is its own.
            let takes_rate = crate::engine::video::spec_of(model).is_some_and(|s| s.takes_rate())
                && c.preset != crate::engine::video::Preset::Vllm;
            let fps = if takes_rate { v.rate.or(Some(2.0)) } else { None };
            let options = VideoOptions { preset: c.preset, fps, ..VideoOptions::default() };
            Some(chart::VideoCurve { model, label: c.label, options, style })
        })
        .collect()
}

/// Tokens against duration for the picked curves, the current clip as a dot.
#[component]
pub fn VideoChart() -> impl IntoView {
    let store = use_store();
    let (state, palette) = (store.video, store.theme.palette);
    let chart_ref = NodeRef::<html::Canvas>::new();
    let css = use_css_size(chart_ref);
    let cache = StoredValue::new_local(None::<canvas::ChartCache>);
    // The curves change with the frame size, rate, sampling and the picked set; the duration only
    // moves the dot.
    let shape =
        Memo::new(move |_| state.with(|v| (v.size, v.fps.to_bits(), v.preset, v.rate.map(f64::to_bits), v.curves)));
    let series = Memo::new(move |_| {
        let _ = shape.get();
        let v = state.get_untracked();
        let Ok(clip) = Clip::new(v.size, v.fps, 1.0) else { return Vec::new() };
        chart::video_series(&curves(&v), &clip)
    });
    let marker = Memo::new(move |_| {
        state.with(|v| {
            let p = plan_of(v, v.model).ok()?;
            Some(chart::Marker {
                long_side: v.duration_s,
                tokens: p.tokens_in_sequence as f64,
                color: theme::strategy_color(v.model.strategy.kind()),
            })
        })
    });
    Effect::new(move || {
        let (Some(c), Some(css)) = (chart_ref.get(), css.get()) else { return };
        let marker = marker.get();
        series.with(|s| {
            cache.update_value(|cache| {
                let input = canvas::ChartPaint {
                    series: s,
                    marker,
                    log: true,
                    clamp: None,
                    dots: &[],
                    quantity: chart::Quantity::VideoTokens,
                    paint_marker: true,
                    palette: palette.get(),
                };
                canvas::paint_chart(&c, css, input, cache);
            })
        });
    });
    view! {
        <div class="plot">
            <canvas node_ref=chart_ref data-testid="video-chart"
                aria-label="Tokens in sequence against clip duration for each video model"></canvas>
        </div>
    }
}

/// A checkbox per curve: which the chart draws (kept in links as `vcurves`).
#[component]
pub fn CurvePicker() -> impl IntoView {
    let state = use_store().video;
    view! {
        <fieldset class="curves" data-testid="video-curves">
            <legend>"Curves"</legend>
            {CURVES.iter().enumerate().map(|(i, c)| view! {
                <label>
                    <input type="checkbox" value=c.key
                        prop:checked=move || state.with(|v| v.curves.contains(i))
                        on:change=move |_| state.update(|v| v.curves = v.curves.toggled(i))/>
                    {c.label}
                </label>
            }).collect_view()}
        </fieldset>
    }
}
