//! The article around the figure: each section pairs short text with a live view of the same
//! state. Every number shown comes from the engine (a plan, or an engine call on the same state).

use leptos::prelude::*;

use crate::engine::{self, CATALOGUE, Model, Options, Plan, Size, StrategyKind, TokenKind, ViewRole};
use crate::figures::theme;

/// Section 2: the textbook count for a plain ViT, with a patch-size choice.
#[component]
pub fn Recipe(size: Memo<Result<Size, String>>) -> impl IntoView {
    let patch = RwSignal::new(14_u32);
    let text = move || {
        size.get().ok().filter(|s| s.width > 0 && s.height > 0).map(|s| {
            let g = engine::plain_vit_grid(s, patch.get());
            format!(
                "Your {s} image with {p} px patches: ({w} / {p}) x ({h} / {p}) = {} x {} = {} patches, plus a class token in many ViTs.",
                g.cols,
                g.rows,
                g.cells(),
                p = patch.get(),
                w = s.width,
                h = s.height
            )
        })
    };
    view! {
        <p>
            "A vision transformer cuts the image into P x P pixel patches and turns each into one vector. "
            "For an image of H x W pixels that is N = (H / P) x (W / P) vectors, before any merging and before the "
            "special tokens the language model adds around them."
        </p>
        <label class="inline">"Patch size "
            <select data-testid="recipe-patch" on:change=move |ev| patch.set(event_target_value(&ev).parse().unwrap_or(14))>
                {[14_u32, 16, 28, 32].into_iter().map(|p| view! { <option value=p.to_string() selected=move || patch.get() == p>{format!("{p} px")}</option> }).collect_view()}
            </select>
        </label>
        <p class="live" data-testid="recipe-count">{text}</p>
    }
}

/// Section 3: what doubling the side does, for the textbook ViT and for the selected model.
#[component]
pub fn Trap(
    size: Memo<Result<Size, String>>,
    model: RwSignal<&'static Model>,
    options: RwSignal<Options>,
) -> impl IntoView {
    let plain = |side: u32| engine::plain_vit_grid(Size::new(side, side), 14).cells();
    let (small, large) = (plain(336), plain(1024));
    let doubled = move || {
        let s = size.get().ok()?;
        let m = model.get();
        let o = options.with(|o| o.applicable_to(m));
        let now = engine::plan(s, m, &o).ok()?;
        let twice = engine::plan(Size::new(s.width.saturating_mul(2), s.height.saturating_mul(2)), m, &o).ok()?;
        Some(format!(
            "{}: your {} image is {} tokens; at {}x{} it would be {} ({:.1}x).",
            m.name,
            s,
            now.tokens_in_sequence,
            s.width.saturating_mul(2),
            s.height.saturating_mul(2),
            twice.tokens_in_sequence,
            twice.tokens_in_sequence as f64 / now.tokens_in_sequence.max(1) as f64
        ))
    };
    view! {
        <p>
            "Tokens grow with the area, not the side. A plain 14-px ViT turns a 336 x 336 image into "
            <strong>{small}</strong>" patches and a 1024 x 1024 image into "<strong>{large}</strong>
            {format!(": three times the side, {:.1} times the tokens. ", large as f64 / small as f64)}
            "Fixed models hide this by resizing every image to one size; dynamic models pay it until their cap; "
            "AnyRes models pay it in steps, one crop grid at a time. Switch the chart to a logarithmic axis to compare "
            "small and large counts."
        </p>
        <p class="live" data-testid="trap-doubling">{doubled}</p>
    }
}

/// The families section 5 compares, one model each, at the reader's image.
const FAMILIES: [&str; 6] = [
    "google/gemma-3-4b-it",
    "Qwen/Qwen2.5-VL-7B-Instruct",
    "OpenGVLab/InternVL3-8B-hf",
    "HuggingFaceTB/SmolVLM-Instruct",
    "llava-hf/llava-onevision-qwen2-7b-ov-hf",
    "meta-llama/Llama-3.2-11B-Vision-Instruct",
];

/// Section 5: what leaves the vision encoder and what enters the language model, for the
/// selected model and for one model of each family, at the reader's image.
#[component]
pub fn Downsampling(
    plan: Memo<Result<Plan, String>>,
    size: Memo<Result<Size, String>>,
    model: RwSignal<&'static Model>,
) -> impl IntoView {
    let families = move || {
        let s = size.get().ok()?;
        let current = model.get();
        Some(
            FAMILIES
                .iter()
                .filter_map(|id| engine::models::find(id))
                .filter(|m| *m != current)
                .filter_map(|m| engine::plan(s, m, &Options::default()).ok().map(|p| (m.name, p)))
                .map(|(name, p)| view! { <div class="family"><h3>{name}</h3>{flow(&p, false)}</div> })
                .collect_view(),
        )
    };
    view! {
        {move || plan.get().ok().map(|p| view! {
            <div class="family current"><h3>{format!("{} (selected)", model.get().name)}</h3>{flow(&p, true)}</div>
        })}
        <div class="families">{families}</div>
    }
}

/// Image -> ViT patches -> merge -> features -> sequence, with the plan's counts at each step.
fn flow(p: &Plan, main: bool) -> impl IntoView + use<> {
    let views = p.views.len() as u64;
    let patches = p.vit_patches();
    let site = match p.merge.site {
        engine::plan::MergeSite::None if p.cross_attention => {
            "no merge: every tile's patches (plus a class vector) are read by cross-attention".to_owned()
        }
        engine::plan::MergeSite::None if p.anyres.is_some() => {
            "no merge; padding rows and columns dropped, a newline vector per row".to_owned()
        }
        engine::plan::MergeSite::None => "no merge: one token per patch".to_owned(),
        engine::plan::MergeSite::EncoderMerger => {
            format!("{0}x{0} patch merger (an MLP inside the encoder)", p.merge.factor)
        }
        engine::plan::MergeSite::AveragePooling => format!("{0}x{0} average pooling in the connector", p.merge.factor),
        engine::plan::MergeSite::PixelShuffle => format!("{0}x{0} pixel shuffle in the connector", p.merge.factor),
    };
    let others = p.tokens_in_sequence.saturating_sub(if p.cross_attention { 0 } else { p.feature_tokens });
    view! {
        <ol class="flow" data-testid=if main { "downsampling" } else { "downsampling-family" }>
            <li><span class="n">{p.original.to_string()}</span>" px image"</li>
            <li><span class="n">{patches}</span>{format!(" ViT patches ({} view{})", views, if views == 1 { "" } else { "s" })}</li>
            <li class="how">{site}</li>
            <li><span class="n">{p.feature_tokens}</span>{if p.cross_attention { " vision states for cross-attention" } else { " feature tokens" }}</li>
            <li><span class="n">{p.tokens_in_sequence}</span>{format!(" positions in the sequence ({others} delimiters and inserted text)")}</li>
        </ol>
    }
}

/// Section 7: the image's span of the sequence in order, coloured by kind. Pointing at an image
/// segment marks that token on the overlay; the token pointed at on the overlay is marked here.
#[component]
pub fn TokenStrip(plan: Memo<Result<Plan, String>>, hover: RwSignal<Option<u64>>) -> impl IntoView {
    move || {
        plan.get().ok().map(|p| {
            let total = p.tokens_in_sequence.max(1) as f64;
            let mut start = 0_u64;
            let segments = p
                .sequence
                .iter()
                .map(|s| {
                    let (first, count, kind) = (start, s.count, s.kind);
                    start += s.count;
                    let style = format!("flex-grow: {:.6}; background: {}", count as f64 / total * 1000.0, kind_color(kind));
                    let marker = move || {
                        let h = hover.get()?;
                        (h >= first && h < first + count).then(|| {
                            let left = (h - first) as f64 / count as f64 * 100.0;
                            view! { <div class="strip-marker" data-testid="strip-marker" style=format!("left: {left:.4}%")></div> }
                        })
                    };
                    view! {
                        <div class="seg" style=style title=format!("{} x {:?}: {}", count, s.text, s.label)
                            on:mousemove=move |ev: web_sys::MouseEvent| {
                                if kind == TokenKind::Image {
                                    let width = f64::from(event_target::<web_sys::HtmlElement>(&ev).client_width().max(1));
                                    let at = (f64::from(ev.offset_x()) / width * count as f64).floor() as u64;
                                    hover.set(Some(first + at.min(count - 1)));
                                }
                            }
                            on:mouseleave=move |_| hover.set(None)>
                            {marker}
                        </div>
                    }
                })
                .collect_view();
            view! {
                <div class="strip" data-testid="token-strip" role="img"
                    aria-label=format!("{} positions: {}", p.tokens_in_sequence,
                        p.sequence_summary().iter().map(|s| format!("{} {}", s.count, s.label)).collect::<Vec<_>>().join(", "))>
                    {segments}
                </div>
                <ul class="strip-legend">
                    {[TokenKind::Image, TokenKind::Newline, TokenKind::Delimiter, TokenKind::Text].into_iter().filter_map(|k| {
                        let n: u64 = p.sequence.iter().filter(|s| s.kind == k).map(|s| s.count).sum();
                        (n > 0).then(|| view! {
                            <li><span class="swatch" style=format!("background: {}", kind_color(k))></span>{format!("{} {n}", kind_name(k))}</li>
                        })
                    }).collect_view()}
                </ul>
            }
        })
    }
}

fn kind_color(kind: TokenKind) -> &'static str {
    match kind {
        TokenKind::Image => "#d55e00",
        TokenKind::Newline => "#cc79a7",
        TokenKind::Delimiter => "#0072b2",
        TokenKind::Text => "#8a8f98",
    }
}

fn kind_name(kind: TokenKind) -> &'static str {
    match kind {
        TokenKind::Image => "image features",
        TokenKind::Newline => "row newlines",
        TokenKind::Delimiter => "special tokens",
        TokenKind::Text => "inserted text",
    }
}

/// Columns of the comparison table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Column {
    Model,
    Tokens,
    Features,
    Views,
    PixelsPerToken,
    Patches,
}

/// One catalogue model at the current image.
#[derive(Clone, Debug, PartialEq)]
struct Row {
    model: &'static Model,
    plan: Result<Plan, String>,
}

impl Row {
    fn key(&self, column: Column) -> (u64, &'static str) {
        let Ok(p) = &self.plan else { return (u64::MAX, self.model.name) };
        let n = match column {
            Column::Model => 0,
            Column::Tokens => p.tokens_in_sequence,
            Column::Features => p.feature_tokens,
            Column::Views => p.views.len() as u64,
            Column::PixelsPerToken => p.pixels_per_token(),
            Column::Patches => p.vit_patches(),
        };
        (n, self.model.name)
    }
}

/// Section 8: the whole catalogue at the current image, sortable by any column.
#[component]
pub fn CompareTable(size: Memo<Result<Size, String>>, options: RwSignal<Options>) -> impl IntoView {
    let sort = RwSignal::new((Column::Tokens, true));
    let rows = Memo::new(move |_| {
        let Ok(s) = size.get() else { return Vec::new() };
        let o = options.get();
        let mut rows: Vec<Row> = CATALOGUE
            .iter()
            .map(|m| Row { model: m, plan: engine::plan(s, m, &o.applicable_to(m)).map_err(|e| e.to_string()) })
            .collect();
        let (column, ascending) = sort.get();
        rows.sort_by(|a, b| {
            let order = a.key(column).cmp(&b.key(column));
            if ascending { order } else { order.reverse() }
        });
        rows
    });
    let header = move |column: Column, label: &'static str| {
        let aria = move || match sort.get() {
            (c, true) if c == column => "ascending",
            (c, false) if c == column => "descending",
            _ => "none",
        };
        view! {
            <th aria-sort=aria>
                <button data-testid="sort" value=label on:click=move |_| sort.update(|(c, asc)| {
                    if *c == column { *asc = !*asc } else { *c = column; *asc = true }
                })>{label}</button>
            </th>
        }
    };
    view! {
        <table class="compare" data-testid="compare-table">
            <thead><tr>
                {header(Column::Model, "Model")}
                <th>"Strategy"</th>
                {header(Column::Tokens, "Tokens in sequence")}
                {header(Column::Features, "Feature tokens")}
                {header(Column::Views, "Views encoded")}
                {header(Column::PixelsPerToken, "Image px per token")}
                {header(Column::Patches, "ViT patches")}
            </tr></thead>
            <tbody>
                {move || rows.get().into_iter().map(|r| {
                    let color = theme::strategy_color(r.model.strategy.kind());
                    let swatch = format!("background: rgb({}, {}, {})", color.0, color.1, color.2);
                    match r.plan {
                        Ok(p) => view! {
                            <tr data-model=r.model.id>
                                <td>{r.model.name}</td>
                                <td><span class="swatch" style=swatch></span>{r.model.strategy.kind().label()}</td>
                                <td class="num" data-col="tokens">{p.tokens_in_sequence}</td>
                                <td class="num" data-col="features">{p.feature_tokens}</td>
                                <td class="num">{format!("{}{}", p.views.len(),
                                    if p.views.iter().any(|v| v.role == ViewRole::Global) { " (incl. global)" } else { "" })}</td>
                                <td class="num">{p.pixels_per_token()}</td>
                                <td class="num">{if r.model.strategy.kind() == StrategyKind::Api { "—".to_owned() } else { p.vit_patches().to_string() }}</td>
                            </tr>
                        }.into_any(),
                        Err(e) => view! {
                            <tr data-model=r.model.id>
                                <td>{r.model.name}</td>
                                <td><span class="swatch" style=swatch></span>{r.model.strategy.kind().label()}</td>
                                <td colspan="5" class="refused">{e}</td>
                            </tr>
                        }.into_any(),
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// The models section 6 sets side by side: one squishes, one cuts the centre out, one keeps the
/// aspect ratio, two pad (one drops most padding again, one pays for all of it).
const ASPECT_MODELS: [&str; 5] = [
    "google/gemma-3-4b-it",
    "llava-hf/llava-1.5-7b-hf",
    "Qwen/Qwen2.5-VL-7B-Instruct",
    "llava-hf/llava-onevision-qwen2-7b-ov-hf",
    "meta-llama/Llama-3.2-11B-Vision-Instruct",
];

/// Section 6: the reader's image as the selected model and the five above receive it, padding
/// hatched, with each one's count and the tokens its padding costs.
#[component]
pub fn AspectFigure(
    plan: Memo<Result<Plan, String>>,
    size: Memo<Result<Size, String>>,
    model: RwSignal<&'static Model>,
    picture: RwSignal<Option<super::use_picture::Picture>, LocalStorage>,
) -> impl IntoView {
    // The selected model with the reader's options, then the others (each at its defaults).
    let panels = Memo::new(move |_| {
        let (Ok(s), Ok(selected)) = (size.get(), plan.get()) else { return Vec::new() };
        let current = model.get();
        let others = ASPECT_MODELS
            .iter()
            .filter_map(|id| engine::models::find(id))
            .filter(|m| *m != current)
            .filter_map(|m| engine::plan(s, m, &Options::default()).ok().map(|p| (m.name, p)));
        std::iter::once((current.name, selected)).chain(others).collect::<Vec<_>>()
    });
    let canvas_ref = NodeRef::<leptos::html::Canvas>::new();
    let css = super::use_css_size::use_css_size(canvas_ref);
    Effect::new(move |_| {
        let (Some(canvas), Some(css)) = (canvas_ref.get(), css.get()) else { return };
        panels.with(|panels| {
            let plans: Vec<Plan> = panels.iter().map(|(_, p)| p.clone()).collect();
            picture.with(|p| super::canvas::paint_aspect(&canvas, css, &plans, p.as_ref()));
        });
    });
    let captions = move || {
        panels.with(|panels| {
            panels
                .iter()
                .enumerate()
                .map(|(i, (name, p))| {
                    let how = match p.resize {
                        engine::plan::ResizeMode::Squish => "squished",
                        engine::plan::ResizeMode::KeepAspect => "aspect kept",
                        engine::plan::ResizeMode::FitAndPad => "fitted and padded",
                        engine::plan::ResizeMode::CenterCrop => "centre cut out",
                        engine::plan::ResizeMode::SquishToTiles => "squished onto tiles",
                    };
                    let what = if p.cross_attention { "vision states" } else { "feature tokens" };
                    view! {
                        <li data-testid="aspect-panel" class:current=i == 0>
                            <strong>{*name}</strong>
                            {format!(" {how}: {} → {} px, ", p.original, p.frame)}
                            <span class="n">{p.feature_tokens}</span>{format!(" {what}, ")}
                            <span class="n">{p.padding_tokens}</span>" on padding only"
                        </li>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <canvas node_ref=canvas_ref class="aspect-canvas" data-testid="aspect-canvas" role="img"
            aria-label="The image as each model receives it; hatched areas are padding. The numbers are listed below."></canvas>
        <ol class="aspect-captions">{captions}</ol>
    }
}
