//! The "What it costs" section: time to first token and memory for the selected model and a second
//! one at the same image, the context budget, and TTFT against resolution with the measured points.
//! Every number comes from the engine's cost model (`engine::cost`).

use leptos::html;
use leptos::prelude::*;

use crate::engine::cost::{self, Cost, GPUS, Gpu};
use crate::engine::decimal::trimmed;
use crate::engine::{self, CATALOGUE, Model, Options, Plan, Size, StrategyKind};
use crate::figures::{chart, theme};

use crate::ui::canvas;
use crate::ui::picker::ModelPicker;
use crate::ui::use_css_size::use_css_size;

/// The second model until the reader picks one: Gemma 3 (one flat price), or LLaVA-OneVision when
/// Gemma 3 is the selected model.
fn default_other(selected: &Model) -> &'static Model {
    let id = if selected.id == "google/gemma-3-4b-it" {
        "llava-hf/llava-onevision-qwen2-7b-ov-hf"
    } else {
        "google/gemma-3-4b-it"
    };
    engine::find(id).unwrap_or(&CATALOGUE[0])
}

fn ms(v: f64) -> String {
    format!("{} ms", format!("{:.*}", if v >= 100.0 { 0 } else { 1 }, v))
}

fn mb(bytes: u64) -> String {
    let m = bytes as f64 / 1e6;
    if m >= 1000.0 { format!("{} GB", format!("{:.2}", m / 1000.0)) } else { format!("{} MB", format!("{:.0}", m)) }
}

/// One row of the comparison: a label and how to read it off a cost.
type Row = (&'static str, &'static str, fn(&Cost) -> String);

const ROWS: [Row; 7] = [
    ("tokens", "Tokens the LLM reads (image + prompt)", |c| c.prompt_tokens.to_string()),
    ("vision", "Vision encoder + connector", |c| ms(c.vision_ms)),
    ("prefill", "LLM prefill", |c| ms(c.prefill_ms)),
    ("ttft", "Time to first token", |c| ms(c.ttft_ms)),
    ("kv", "KV cache", |c| mb(c.kv_cache_bytes)),
    ("peak", "Peak activations (above weights)", |c| mb(c.peak_activation_bytes)),
    ("weights", "Weights (bf16)", |c| mb(c.weights_bytes)),
];

#[component]
pub fn CostSection(
    plan: Memo<Result<Plan, String>>,
    size: Memo<Result<Size, String>>,
    model: RwSignal<&'static Model>,
    options: RwSignal<Options>,
    gpu: RwSignal<&'static Gpu>,
    prompt: RwSignal<u32>,
    /// The second model, `None` until the reader picks one.
    other: RwSignal<Option<&'static Model>>,
) -> impl IntoView {
    let other_model = Memo::new(move |_| other.get().unwrap_or_else(|| default_other(model.get())));
    let plan_b = Memo::new(move |_| {
        let s = size.get()?;
        let m = other_model.get();
        engine::plan(s, m, &options.with(|o| o.applicable_to(m))).map_err(|e| e.to_string())
    });
    let cost_of =
        move |p: &Result<Plan, String>| p.as_ref().ok().and_then(|p| cost::of_plan(p, prompt.get(), gpu.get()));
    let cost_a = Memo::new(move |_| plan.with(cost_of));
    let cost_b = Memo::new(move |_| plan_b.with(cost_of));
    let worst_a = Memo::new(move |_| engine::worst_case_tokens(model.get(), &options.get()));
    let worst_b = Memo::new(move |_| engine::worst_case_tokens(other_model.get(), &options.get()));

    let cell = move |which: Memo<Option<Cost>>, read: fn(&Cost) -> String| {
        move || which.with(|c| c.as_ref().map_or_else(|| "—".to_owned(), read))
    };
    let budget = move |m: &'static Model, c: Option<Cost>, worst: Option<u64>| {
        let (c, context) = (c?, m.context?);
        let per_image = c.prompt_tokens.saturating_sub(u64::from(prompt.get())).max(1);
        let room = u64::from(context).saturating_sub(u64::from(prompt.get()));
        let fits = room / per_image;
        let reserved = worst.map(|w| {
            format!(
                " A server that reserves the worst case, {w} tokens per image (the largest count this model gives any \
                 size up to 8192 px), fits {}.",
                room / w.max(1)
            )
        });
        Some(format!(
            "{}: {} such images fit in its {}-token context ({} tokens each).{}",
            m.name,
            fits,
            context,
            per_image,
            reserved.unwrap_or_default()
        ))
    };

    let gpu_note = move || {
        let g: &Gpu = gpu.get();
        let m = model.get();
        if g.measured && !cost::is_measured(m.id, g) && m.shape.is_some() {
            format!(
                "{}: the GPU the model was fitted on (measured with Hugging Face transformers, bf16, batch 1); \
                 {} itself was not measured: its figures scale that fit to its architecture, an estimate.",
                g.name, m.name
            )
        } else if g.measured {
            format!(
                "{}: the GPU the model was fitted on (measured with Hugging Face transformers, bf16, batch 1).",
                g.name
            )
        } else {
            format!(
                "{}: scaled estimate, not measured (the H200 fit scaled by datasheet: {} TFLOP/s bf16, {} GB/s).",
                g.name,
                trimmed(g.tflops, 3),
                trimmed(g.bandwidth, 3)
            )
        }
    };
    // Why the selected model's column stays empty, when it does.
    let hosted = move || {
        let m = model.get();
        match (m.strategy.kind(), &m.shape) {
            (StrategyKind::Api, _) => Some(
                "A hosted model has no published architecture: its column stays empty. Pick an open model to see its cost.",
            ),
            (_, None) => Some(
                "The cost model does not describe this model's architecture yet: its column stays empty rather \
                 than wrong.",
            ),
            _ => None,
        }
    };

    view! {
        <p>
            "Every visual token is a position the language model must process before it writes anything, and a K and V "
            "vector per layer that stays in memory for the whole conversation. Time to first token (TTFT) is the vision "
            "encoder plus the LLM prefill over the image's span and the prompt; the quadratic attention term shows on long "
            "prompts. Decoding hardly notices: one generated token of Qwen2-7B takes 19 to 21 ms whether 256 or 32,768 "
            "tokens precede it (measured on an H200), because at batch 1 a step is bound by launches and weight reads. "
            "The visual tokens cost time before the first token, and memory for as long as the cache lives."
        </p>
        <div class="options cost-controls">
            <label>"GPU"
                <select data-testid="cost-gpu" on:change=move |ev| {
                    if let Some(g) = cost::gpu(&event_target_value(&ev)) { gpu.set(g) }
                }>
                    {GPUS.iter().map(|g| view! {
                        <option value=g.name selected=move || gpu.get().name == g.name>
                            {if g.measured { format!("{} (measured)", g.name) } else { format!("{} (scaled estimate)", g.name) }}
                        </option>
                    }).collect_view()}
                </select>
            </label>
            <label>"Prompt text tokens"
                <input type="number" min="0" max="100000" data-testid="cost-prompt" prop:value=move || prompt.get().to_string()
                    on:change=move |ev| {
                        if let Ok(v) = event_target_value(&ev).trim().parse::<u32>() { prompt.set(v.min(1_000_000)) }
                    } />
            </label>
            // The same picker as the figure's: the catalogue's open models (a hosted one has no cost).
            <ModelPicker model=other_model on_pick=move |m| other.set(Some(m)) id="cost-other" label="Compare with"
                testid="cost-other" offers=cost::of_plan_possible />
        </div>
        <p class="gpu-note" data-testid="cost-gpu-note">{gpu_note}</p>
        <p class="notice-inline">{hosted}</p>
        <table class="compare cost" data-testid="cost-table">
            <thead><tr>
                <th><span class="visually-hidden">"Quantity"</span></th>
                <th data-testid="cost-name-a">{move || model.get().name}</th>
                <th data-testid="cost-name-b">{move || other_model.get().name}</th>
            </tr></thead>
            <tbody>
                {ROWS.iter().map(|&(key, label, read)| view! {
                    <tr>
                        <td>{label}</td>
                        // A count resting on an unpinned value is marked "≈" (CSS), the reason in the tooltip.
                        <td class="num" data-testid=format!("cost-{key}-a")
                            class:approx=move || key == "tokens" && model.get().approximate()
                            title=move || (key == "tokens").then(|| model.get().approximation()).flatten()>{cell(cost_a, read)}</td>
                        <td class="num" data-testid=format!("cost-{key}-b")
                            class:approx=move || key == "tokens" && other_model.get().approximate()
                            title=move || (key == "tokens").then(|| other_model.get().approximation()).flatten()>{cell(cost_b, read)}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        <ul class="budget" data-testid="cost-budget">
            // A model without a cost has no line (an empty bullet otherwise).
            <li hidden=move || cost_a.with(Option::is_none)>{move || budget(model.get(), cost_a.get(), worst_a.get())}</li>
            <li hidden=move || cost_b.with(Option::is_none)>{move || budget(other_model.get(), cost_b.get(), worst_b.get())}</li>
        </ul>
        <TtftChart plan model other_model gpu prompt cost=cost_a />
    }
}

/// Time to first token against the side of square images for both models (the measured images
/// are square), the measured points as rings, and the reader's image as a dot at the side of the
/// square of the same area.
#[component]
fn TtftChart(
    plan: Memo<Result<Plan, String>>,
    model: RwSignal<&'static Model>,
    other_model: Memo<&'static Model>,
    gpu: RwSignal<&'static Gpu>,
    prompt: RwSignal<u32>,
    /// The selected model's cost of the reader's image.
    cost: Memo<Option<Cost>>,
) -> impl IntoView {
    let cost_a = cost;
    let palette = crate::ui::store::use_store().theme.palette;
    let series = Memo::new(move |_| {
        let models = [model.get(), other_model.get()];
        chart::ttft_series(&models, 1.0, gpu.get(), prompt.get())
    });
    let dots = Memo::new(move |_| {
        let g = gpu.get();
        [model.get(), other_model.get()].iter().flat_map(|m| chart::measured_dots(m, g)).collect::<Vec<_>>()
    });
    let chart_ref = NodeRef::<html::Canvas>::new();
    let chart_size = use_css_size(chart_ref);
    let cache = StoredValue::new_local(None::<canvas::ChartCache>);
    Effect::new(move || {
        let (Some(canvas), Some(css)) = (chart_ref.get(), chart_size.get()) else { return };
        let marker = plan.with(|p| {
            let p = p.as_ref().ok()?;
            let c = cost_a.get()?;
            Some(chart::Marker {
                long_side: (p.original.area() as f64).sqrt(),
                tokens: c.ttft_ms,
                color: theme::strategy_color(p.strategy),
            })
        });
        series.with(|s| {
            dots.with(|d| {
                let input = canvas::ChartPaint {
                    series: s,
                    marker,
                    log: false,
                    clamp: None,
                    dots: d,
                    quantity: chart::Quantity::TtftMs,
                    paint_marker: true,
                    palette: palette.get(),
                };
                cache.update_value(|cache| canvas::paint_chart(&canvas, css, input, cache));
            })
        });
    });

    view! {
        <div class="chart">
            <p>"Time to first token of square images for both models; your image is the dot, at the side of the square "
               "with its area. Rings: measured end to end on an H200 (Qwen2.5-VL-7B), shown when the H200 is selected."</p>
            <canvas node_ref=chart_ref data-testid="cost-chart" role="img"
                aria-label="Time to first token against resolution for the two models; the numbers are in the table above."></canvas>
        </div>
    }
}
