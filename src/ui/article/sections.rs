//! The article around the figure: each section pairs short text with a live view of the same
//! state. Every number shown comes from the engine (a plan, or an engine call on the same state).

use leptos::prelude::*;

use crate::engine::decimal::trimmed;
use crate::engine::report::Row;
use crate::engine::{self, Model, Options, Plan, Size, StrategyKind, TokenKind};
use crate::figures::{strip, theme};

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
        {move || size.get().ok().filter(|s| s.width > 0 && s.height > 0).map(|s| view! {
            <crate::ui::math::PatchCount h=s.height w=s.width p=patch.get() />
        })}
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
            "{}: your {} image is {} tokens; at {}x{} it would be {} ({}x).",
            m.name,
            s,
            now.tokens_in_sequence,
            s.width.saturating_mul(2),
            s.height.saturating_mul(2),
            twice.tokens_in_sequence,
            format!("{:.1}", twice.tokens_in_sequence as f64 / now.tokens_in_sequence.max(1) as f64)
        ))
    };
    view! {
        <p>
            "Tokens grow with the area, not the side. A plain 14-px ViT turns a 336 x 336 image into "
            <strong>{small}</strong>" patches and a 1024 x 1024 image into "<strong>{large}</strong>
            {format!(": three times the side, {} times the tokens. ", format!("{:.1}", large as f64 / small as f64))}
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
/// selected model and for one model of each family, at the reader's image. The flows are built
/// once per model and their numbers update in place.
#[component]
pub fn Downsampling(
    plan: Memo<Result<Plan, String>>,
    size: Memo<Result<Size, String>>,
    model: RwSignal<&'static Model>,
) -> impl IntoView {
    let families = Memo::new(move |_| {
        let Ok(s) = size.get() else { return Vec::new() };
        let current = model.get();
        FAMILIES
            .iter()
            .filter_map(|id| engine::find(id))
            .filter(|m| *m != current)
            .filter_map(|m| engine::plan(s, m, &Options::default()).ok().map(|p| (m, Flow::of(&p))))
            .collect::<Vec<_>>()
    });
    let selected = Memo::new(move |_| plan.with(|p| p.as_ref().ok().map(Flow::of)));
    // One flow per family model, in a fixed place; hidden while it is the selected model (shown
    // above) or refuses the size. (Fixed elements, not a keyed list: Leptos's keyed lists cost
    // about 6 KB of wasm after gzip for the page's three.)
    let family = move |m: &'static Model| {
        let data = move || families.with(|f| f.iter().find(|(fm, _)| *fm == m).map(|(_, d)| d.clone()));
        let absent = move || families.with(|f| !f.iter().any(|(fm, _)| *fm == m));
        view! { <div class="family" hidden=absent><h3>{m.name}</h3>{flow(data, false)}</div> }
    };
    view! {
        <div class="family current" hidden=move || selected.with(Option::is_none)>
            <h3>{move || format!("{} (selected)", model.get().name)}</h3>
            {flow(move || selected.get(), true)}
        </div>
        <div class="families">{FAMILIES.iter().filter_map(|id| engine::find(id)).map(family).collect_view()}</div>
    }
}

/// The numbers and words of one downsampling flow.
#[derive(Clone, Debug, PartialEq)]
struct Flow {
    original: Size,
    patches: u64,
    views: u64,
    site: String,
    features: u64,
    cross_attention: bool,
    tokens: u64,
}

impl Flow {
    fn of(p: &Plan) -> Self {
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
            engine::plan::MergeSite::ProjectorMerger => {
                format!("{0}x{0} patch merger in the projector (the encoder sees every patch)", p.merge.factor)
            }
            engine::plan::MergeSite::AveragePooling => {
                format!("{0}x{0} average pooling in the connector", p.merge.factor)
            }
            engine::plan::MergeSite::PixelShuffle => format!("{0}x{0} pixel shuffle in the connector", p.merge.factor),
            engine::plan::MergeSite::ConvCompressor => {
                format!("{0}x{0} compressed by strided convolutions inside the encoder", p.merge.factor)
            }
        };
        Flow {
            original: p.original,
            patches: p.vit_patches(),
            views: p.views.len() as u64,
            site,
            features: p.feature_tokens,
            cross_attention: p.cross_attention,
            tokens: p.tokens_in_sequence,
        }
    }
}

/// Image -> ViT patches -> merge -> features -> sequence, with the plan's counts at each step;
/// `data` is read by each number, so a new image changes text, not elements.
fn flow(data: impl Fn() -> Option<Flow> + Copy + Send + Sync + 'static, main: bool) -> impl IntoView {
    let get = move |f: fn(&Flow) -> String| move || data().map(|d| f(&d)).unwrap_or_default();
    view! {
        <ol class="flow" data-testid=if main { "downsampling" } else { "downsampling-family" }>
            <li><span class="n">{get(|d| d.original.to_string())}</span>" px image"</li>
            <li><span class="n">{get(|d| d.patches.to_string())}</span>
                {get(|d| format!(" ViT patches ({} view{})", d.views, if d.views == 1 { "" } else { "s" }))}</li>
            <li class="how">{get(|d| d.site.clone())}</li>
            <li><span class="n">{get(|d| d.features.to_string())}</span>
                {get(|d| if d.cross_attention { " vision states for cross-attention".into() } else { " feature tokens".into() })}</li>
            <li><span class="n">{get(|d| d.tokens.to_string())}</span>
                {get(|d| {
                    let others = d.tokens.saturating_sub(if d.cross_attention { 0 } else { d.features });
                    format!(" positions in the sequence ({others} delimiters and inserted text)")
                })}</li>
        </ol>
    }
}

/// Section 7: the image's span of the sequence in order, coloured by kind ([`strip`], drawn on a
/// canvas). Pointing at an image segment marks that token on the overlay; the token pointed at on
/// the overlay is marked here by one element moved over the strip.
#[component]
pub fn TokenStrip(plan: Memo<Result<Plan, String>>, hover: RwSignal<Option<u64>>) -> impl IntoView {
    let palette = crate::ui::store::use_store().theme.palette;
    let canvas_ref = NodeRef::<leptos::html::Canvas>::new();
    let css = crate::ui::use_css_size::use_css_size(canvas_ref);
    let segments = Memo::new(move |_| {
        let width = css.get().map_or(0.0, |c| c.width);
        plan.with(|p| p.as_ref().map(|p| strip::layout(p, width, strip::MIN_WIDTH)).unwrap_or_default())
    });
    Effect::new(move || {
        let (Some(canvas), Some(css)) = (canvas_ref.get(), css.get()) else { return };
        segments.with(|s| crate::ui::canvas::paint_strip(&canvas, css, s, palette.get()));
    });
    // The segment under the pointer (its title is the canvas's tooltip).
    let pointed = RwSignal::new(None::<usize>);
    let point = move |ev: web_sys::MouseEvent| {
        let x = f64::from(ev.offset_x());
        segments.with(|s| {
            pointed.set(strip::segment_at(s, x));
            if let Some(position) = strip::position_at(s, x) {
                hover.set(Some(position));
            }
        });
    };
    let title = move || segments.with(|s| pointed.get().and_then(|i| s.get(i)).map(|s| s.title.clone()));
    // Where the hovered position lies along the strip, in CSS pixels from its left edge.
    let marker = Memo::new(move |_| segments.with(|s| strip::x_of(s, hover.get()?)));
    let label = move || {
        plan.with(|p| {
            p.as_ref().ok().map(|p| {
                let parts: Vec<String> =
                    p.sequence_summary().iter().map(|s| format!("{} {}", s.count, s.label)).collect();
                format!("{} positions: {}", p.tokens_in_sequence, parts.join(", "))
            })
        })
    };
    let total = move |k: TokenKind| {
        plan.with(|p| p.as_ref().map_or(0, |p| p.sequence.iter().filter(|s| s.kind == k).map(|s| s.count).sum::<u64>()))
    };
    let item = move |k: TokenKind| {
        view! {
            <li hidden=move || total(k) == 0>
                <span class="swatch" style:background=theme::css(strip::kind_color(k))></span>
                {move || format!("{} {}", kind_name(k), total(k))}
            </li>
        }
    };
    view! {
        <div class="strip-wrap">
            <canvas class="strip" data-testid="token-strip" role="img" aria-label=label title=title node_ref=canvas_ref
                on:mousemove=point on:mouseleave=move |_| { pointed.set(None); hover.set(None) }></canvas>
            <div class="strip-marker" data-testid="strip-marker" hidden=move || marker.get().is_none()
                style:left=move || marker.get().map(|x| format!("{}px", trimmed(x, 2)))></div>
        </div>
        <ul class="strip-legend">
            {item(TokenKind::Image)}{item(TokenKind::Newline)}{item(TokenKind::Delimiter)}{item(TokenKind::Text)}
        </ul>
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
    Released,
    Context,
    Tokens,
    Features,
    Views,
    PixelsPerToken,
    Patches,
}

/// The sort key of a comparison row (`engine::report`, the same rows the CSV and Markdown
/// exports write): refused sizes sort last on the count columns, unknown context windows last on
/// theirs, ties by name.
fn sort_key(row: &Row, column: Column) -> (u64, &'static str) {
    let m = row.model;
    match column {
        Column::Model => return (0, m.name),
        Column::Released => return (u64::from(m.released.year) * 12 + u64::from(m.released.month), m.name),
        Column::Context => return (m.context.map_or(u64::MAX, u64::from), m.name),
        _ => {}
    }
    let Ok(c) = &row.counts else { return (u64::MAX, row.model.name) };
    let n = match column {
        Column::Model | Column::Released | Column::Context => 0,
        Column::Tokens => c.tokens_in_sequence,
        Column::Features => c.feature_tokens,
        Column::Views => c.views,
        Column::PixelsPerToken => c.pixels_per_token,
        Column::Patches => c.vit_patches.unwrap_or(0),
    };
    (n, row.model.name)
}

/// The text of cell `i` (0 = tokens in sequence) of a comparison row: the refusal goes in the
/// first cell.
fn cell_text(row: &Row, i: usize) -> String {
    match &row.counts {
        Err(e) if i == 0 => e.clone(),
        Err(_) => "—".to_owned(),
        Ok(c) => match i {
            0 => c.tokens_in_sequence.to_string(),
            1 => c.feature_tokens.to_string(),
            2 if c.global_view => format!("{} (incl. global)", c.views),
            2 => c.views.to_string(),
            3 => c.pixels_per_token.to_string(),
            _ => c.vit_patches.map_or_else(|| "—".to_owned(), |v| v.to_string()),
        },
    }
}

/// A context window with thousands grouped ("131,072"); "—" where none is published.
fn context_text(row: &Row) -> String {
    let Some(n) = row.model.context else { return "—".to_owned() };
    let digits = n.to_string();
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(d);
    }
    out
}

/// Why a context window cell is empty: undisclosed by a provider, or not pinned for a checkpoint.
fn context_note(row: &Row) -> String {
    match (row.model.context, row.model.strategy.kind()) {
        (Some(_), _) => {
            "the language model's context window (max_position_embeddings, or the provider's limit)".to_owned()
        }
        (None, StrategyKind::Api) => "undisclosed by the provider".to_owned(),
        (None, _) => "not pinned: no public config states it".to_owned(),
    }
}

/// The tooltip of an approximate count: what could not be pinned.
fn approx_note(row: &Row) -> String {
    row.model.approximation().unwrap_or_default()
}

/// Section 8: the whole catalogue at the current image, sortable by any column. The table has one
/// row per catalogue model, built once: row `i` shows the `i`-th model in the current order, so a
/// new image or order changes text, not elements. (Not a keyed list: Leptos's keyed lists cost
/// about 6 KB of wasm after gzip for the page's three.)
#[component]
pub fn CompareTable(size: Memo<Result<Size, String>>, options: RwSignal<Options>) -> impl IntoView {
    let sort = RwSignal::new((Column::Tokens, true));
    let rows = Memo::new(move |_| {
        let Ok(s) = size.get() else { return Vec::new() };
        let mut rows = options.with(|o| engine::report::comparison(s, o));
        let (column, ascending) = sort.get();
        rows.sort_by(|a, b| {
            let order = sort_key(a, column).cmp(&sort_key(b, column));
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
    let row = move |i: usize| {
        // What row `i` shows of the current order's `i`-th row (empty while the size is refused).
        let get = move |f: fn(&Row) -> String| move || rows.with(|rs| rs.get(i).map(f).unwrap_or_default());
        let cell =
            move |column: usize| move || rows.with(|rs| rs.get(i).map(|r| cell_text(r, column)).unwrap_or_default());
        let refused = move || rows.with(|rs| rs.get(i).is_some_and(|r| r.counts.is_err()));
        let approx = move || rows.with(|rs| rs.get(i).is_some_and(|r| r.counts.is_ok() && r.model.approximate()));
        view! {
            <tr data-model=get(|r| r.model.id.to_owned()) hidden=move || rows.with(|rs| rs.len() <= i)>
                <td>{get(|r| r.model.name.to_owned())}</td>
                <td class="num" data-col="released">{get(|r| r.model.released.to_string())}</td>
                <td class="num" data-col="context" title=get(context_note)>{get(context_text)}</td>
                <td>
                    <span class="swatch" style:background=get(|r| theme::css(theme::strategy_color(r.model.strategy.kind())))></span>
                    {get(|r| r.model.strategy.kind().label().to_owned())}
                </td>
                // An entry resting on an unpinned value: "≈" before its count (CSS, so the cell's
                // text stays the number), the reason in the tooltip.
                <td class="num" class:refused=refused class:approx=approx data-col="tokens" title=get(approx_note)>{cell(0)}</td>
                <td class="num" data-col="features">{cell(1)}</td>
                <td class="num">{cell(2)}</td>
                <td class="num">{cell(3)}</td>
                <td class="num">{cell(4)}</td>
            </tr>
        }
    };
    view! {
        <table class="compare" data-testid="compare-table">
            <thead><tr>
                {header(Column::Model, "Model")}
                {header(Column::Released, "Released")}
                {header(Column::Context, "Context window")}
                <th>"Strategy"</th>
                {header(Column::Tokens, "Tokens in sequence")}
                {header(Column::Features, "Feature tokens")}
                {header(Column::Views, "Views encoded")}
                {header(Column::PixelsPerToken, "Image px per token")}
                {header(Column::Patches, "ViT patches")}
            </tr></thead>
            <tbody>
                {(0..engine::CATALOGUE.len()).map(row).collect_view()}
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
    picture: RwSignal<Option<crate::ui::use_picture::Picture>, LocalStorage>,
) -> impl IntoView {
    let palette = crate::ui::store::use_store().theme.palette;
    // The selected model with the reader's options, then the others (each at its defaults).
    let panels = Memo::new(move |_| {
        let (Ok(s), Ok(selected)) = (size.get(), plan.get()) else { return Vec::new() };
        let current = model.get();
        let others = ASPECT_MODELS
            .iter()
            .filter_map(|id| engine::find(id))
            .filter(|m| *m != current)
            .filter_map(|m| engine::plan(s, m, &Options::default()).ok().map(|p| (m, p)));
        std::iter::once((current, selected)).chain(others).collect::<Vec<_>>()
    });
    let canvas_ref = NodeRef::<leptos::html::Canvas>::new();
    let css = crate::ui::use_css_size::use_css_size(canvas_ref);
    Effect::new(move || {
        let (Some(canvas), Some(css)) = (canvas_ref.get(), css.get()) else { return };
        panels.with(|panels| {
            let plans: Vec<Plan> = panels.iter().map(|(_, p)| p.clone()).collect();
            picture.with(|p| crate::ui::canvas::paint_aspect(&canvas, css, &plans, p.as_ref(), palette.get()));
        });
    });
    // One caption per panel, built once: caption `i` shows the `i`-th panel (the selected model
    // first), so a new image or model changes text, not elements.
    let caption = move |i: usize| {
        let get = move |f: fn(&'static Model, &Plan) -> String| {
            move || panels.with(|ps| ps.get(i).map(|(m, p)| f(m, p)).unwrap_or_default())
        };
        view! {
            <li data-testid="aspect-panel" class:current=i == 0 hidden=move || panels.with(|ps| ps.len() <= i)>
                <strong>{get(|m, _| m.name.to_owned())}</strong>
                {get(|_, p| {
                    let how = match p.resize {
                        engine::plan::ResizeMode::Squish => "squished",
                        engine::plan::ResizeMode::KeepAspect => "aspect kept",
                        engine::plan::ResizeMode::FitAndPad => "fitted and padded",
                        engine::plan::ResizeMode::CenterCrop => "centre cut out",
                        engine::plan::ResizeMode::SquishToTiles => "squished onto tiles",
                    };
                    format!(" {how}: {} → {} px, ", p.original, p.frame)
                })}
                <span class="n">{get(|_, p| p.feature_tokens.to_string())}</span>
                {get(|_, p| if p.cross_attention { " vision states, ".into() } else { " feature tokens, ".into() })}
                <span class="n">{get(|_, p| p.padding_tokens.to_string())}</span>" on padding only"
            </li>
        }
    };
    let captions = (0..=ASPECT_MODELS.len()).map(caption).collect_view();
    view! {
        <canvas node_ref=canvas_ref class="aspect-canvas" data-testid="aspect-canvas" role="img"
            aria-label="The image as each model receives it; hatched areas are padding. The numbers are listed below."></canvas>
        <ol class="aspect-captions">{captions}</ol>
    }
}
