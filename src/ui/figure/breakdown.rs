//! The token breakdown beside the overlay: every intermediate from the plan, the grids the
//! processor weighed, its notes and the image's span in the sequence; and the overlay's legend.

use leptos::prelude::*;

use crate::engine::plan::{MergeSite, ResizeMode};
use crate::engine::{Plan, StrategyKind, TokenKind, TokenOrder, ViewRole};
use crate::figures::{overlay, theme};

/// The overlay's legend, in words and with the plan's numbers.
pub(crate) fn legend(plan: &Plan) -> String {
    let view = &plan.views[0];
    let merged = if plan.merge.factor > 1 {
        format!(", merged {0}x{0} into {1} tokens (yellow blocks)", plan.merge.factor, view.token_grid)
    } else {
        ", each patch one token".to_owned()
    };
    let mut s = match (plan.resize, &plan.anyres, &plan.tiling) {
        _ if plan.strategy == StrategyKind::Api => format!(
            "A hosted model: its provider documents a formula, not a processor. The image is counted as {} px{}.",
            plan.frame,
            if plan.patch > 1 {
                format!(" in {} cells of {} px", view.patch_grid, plan.patch)
            } else {
                " by its area".to_owned()
            }
        ),
        (ResizeMode::Squish, ..) => {
            format!("Squished to {}: {} patches of {} px{merged}.", plan.frame, view.patch_grid, plan.patch)
        }
        (ResizeMode::CenterCrop, ..) => format!(
            "Short side scaled to {} px and the centre {} kept (the darkened parts are cut away): {} patches of {} px{merged}.",
            plan.frame.width, plan.frame, view.patch_grid, plan.patch
        ),
        (ResizeMode::KeepAspect, ..) => format!(
            "Resized to {} keeping the aspect ratio: {} patches of {} px{merged}.",
            plan.frame, view.patch_grid, plan.patch
        ),
        (_, Some(any), _) => format!(
            "Fitted into {} and cut into {} crops of {} px (pink), each {} patches; grey is padding, the yellow \
             outline the {} features kept after unpadding. A {}x{} global view is encoded too.",
            plan.frame,
            any.crop_grid,
            view.input.width,
            view.patch_grid,
            any.unpadded,
            view.input.width,
            view.input.height
        ),
        (ResizeMode::FitAndPad, None, None) => match plan.token_order {
            TokenOrder::Unpadded { kept, .. } => format!(
                "Padded to a square (grey) and encoded at {}: {} patches of {} px{merged}. Unpadding then cuts the \
                 padding's rows or columns off the feature grid: {} features kept (yellow), a newline closing each row.",
                view.input, view.patch_grid, plan.patch, kept
            ),
            _ => format!(
                "Fitted into {} (grey padding): {} patches of {} px{merged}.",
                plan.frame, view.patch_grid, plan.patch
            ),
        },
        (_, None, Some(tiles)) => {
            let fit = if plan.resize == ResizeMode::SquishToTiles {
                "Squished onto"
            } else {
                "Fitted (top left, grey padding) into"
            };
            let thumb = if plan.views.iter().any(|v| v.role == ViewRole::Global) {
                format!(" A {}x{} thumbnail of the whole image is encoded too.", view.input.width, view.input.height)
            } else {
                String::new()
            };
            format!(
                "{fit} {} tiles of {} px (pink): {} patches each{merged}.{thumb}",
                tiles.tile_grid, view.input.width, view.patch_grid
            )
        }
        _ => String::new(),
    };
    if plan.cross_attention {
        s.push_str(" The language model reads these vision states through cross-attention layers: the sequence holds a single image token.");
    }
    if let Some(global) = plan.views.iter().find(|v| v.role == ViewRole::Global) {
        s.push_str(&format!(
            " The blue grid is the global view's {} tokens spread over the whole image: one token there covers as \
             much as {} of the crops' tokens.",
            global.token_grid,
            (plan.views[0].token_grid.cells() * (plan.views.len() as u64 - 1)) / global.token_grid.cells().max(1)
        ));
    }
    s.push_str(&format!(" Grids finer than {} screen pixels are not drawn.", overlay::MIN_SPACING));
    s
}

/// The token breakdown as text: every number comes from the plan. It follows the slider live, so
/// its elements stay and only their text changes; rows that do not apply to the plan (the crop
/// rows of a model without crops, the patch rows of a hosted model) are hidden, not removed.
#[component]
pub fn Breakdown(plan: Memo<Result<Plan, String>>) -> impl IntoView {
    // A text of the current plan (empty while the size is refused).
    let model = crate::ui::store::use_store().model;
    let text = move |f: fn(&Plan) -> String| move || plan.with(|p| p.as_ref().map(f).unwrap_or_default());
    // Whether a row is hidden: it is unless the plan has what it shows.
    let unless = move |f: fn(&Plan) -> bool| move || plan.with(|p| !p.as_ref().is_ok_and(f));
    let hosted: fn(&Plan) -> bool = |p| p.strategy == StrategyKind::Api;
    let open: fn(&Plan) -> bool = |p| p.strategy != StrategyKind::Api;
    let crops: fn(&Plan) -> bool = |p| p.views.iter().any(|v| matches!(v.role, ViewRole::Crop { .. }));
    let anyres: fn(&Plan) -> bool = |p| p.anyres.is_some();
    let swatch = move || {
        plan.with(|p| theme::css(theme::strategy_color(p.as_ref().map_or(StrategyKind::Fixed, |p| p.strategy))))
    };
    view! {
        // In lecture mode, where the picker is below the fold: which model the keys switched to.
        <p class="lecture-model" data-testid="lecture-model">{move || model.get().name}</p>
        <h2><span class="swatch" style:background=swatch></span>{text(|p| p.strategy.label().to_owned())}</h2>
        <dl>
            <dt>"Image"</dt><dd>{text(|p| format!("{} px", p.original))}</dd>
            <dt>"Model input"</dt><dd>{text(|p| format!("{} px", p.frame))}</dd>
            <dt hidden=unless(hosted)>"Counted in"</dt>
            <dd hidden=unless(hosted)>{text(|p| match p.views.first() {
                Some(v) if p.patch > 1 => format!("{} cells of {} px (the provider's formula; no open vision encoder)", v.patch_grid, p.patch),
                _ => "pixels: the provider's formula counts area, not patches".to_owned(),
            })}</dd>
            <dt hidden=unless(open)>"ViT patches"</dt>
            <dd hidden=unless(open)>{text(|p| p.views.first().map(|v| format!("{} of {} px{} = {}", v.patch_grid, p.patch,
                if p.views.len() > 1 { format!(" in each of {} views", p.views.len()) } else { String::new() },
                p.vit_patches())).unwrap_or_default())}</dd>
            <dt hidden=unless(open)>"Merge"</dt>
            <dd hidden=unless(open)>{text(|p| match p.merge.site {
                MergeSite::None => "none: every patch is a token".to_owned(),
                MergeSite::EncoderMerger => format!("{0}x{0} patches per token, in the encoder's merger", p.merge.factor),
                MergeSite::ProjectorMerger => format!("{0}x{0} patches per token, in the projector's patch merger", p.merge.factor),
                MergeSite::AveragePooling => format!("{0}x{0} average pooling in the connector", p.merge.factor),
                MergeSite::PixelShuffle => format!("{0}x{0} pixel shuffle in the connector", p.merge.factor),
                MergeSite::ConvCompressor => format!("{0}x{0} compressed by convolutions in the encoder", p.merge.factor),
            })}</dd>
            <dt hidden=unless(open)>"LLM token grid"</dt>
            <dd hidden=unless(open)>{text(|p| p.views.first().map(|v| format!("{} = {}", v.token_grid, v.token_grid.cells())).unwrap_or_default())}</dd>
            <dt hidden=unless(crops)>"Crops"</dt>
            <dd hidden=unless(crops)>{text(|p| {
                let crops = p.views.iter().filter(|v| matches!(v.role, ViewRole::Crop { .. })).count();
                format!("{crops} + 1 global view")
            })}</dd>
            <dt hidden=unless(anyres)>"Crop grid"</dt>
            <dd hidden=unless(anyres)>{text(|p| p.anyres.as_ref().zip(p.views.first()).and_then(|(a, v)| {
                let chosen = a.candidates.get(a.chosen)?;
                Some(format!("{} crops of {} px (best of {} candidates: {} of your pixels kept, {} wasted)",
                    a.crop_grid, v.input.width, a.candidates.len(), chosen.effective, chosen.wasted))
            }).unwrap_or_default())}</dd>
            <dt hidden=unless(anyres)>"Crop features"</dt>
            <dd hidden=unless(anyres)>{text(|p| p.anyres.as_ref().map(|a| format!("{} → {} after unpadding{}", a.feature_grid, a.unpadded,
                a.shrunk.map(|s| format!(" → {s} after the anyres_max budget")).unwrap_or_default())).unwrap_or_default())}</dd>
        </dl>
        <p class="total">
            "Feature tokens " <span data-testid="feature-total">{text(|p| p.feature_tokens.to_string())}</span>
            " · tokens in sequence "
            // "≈" (CSS) before a count resting on a value no public source pins; why, in the tooltip.
            <strong data-testid="token-total" class:approx=move || model.get().approximate()
                title=move || model.get().approximation()>
                {text(|p| p.tokens_in_sequence.to_string())}
            </strong>
        </p>
    }
}

/// The rest of the breakdown: the grids the processor weighed, the notes, and the image's span in
/// the sequence. Longer lists (36 candidate grids for LLaVA-OneVision), so the page gives it the
/// plan of the resting size: rebuilt when a slider stops, not on every input.
#[component]
pub fn BreakdownDetails(plan: Plan) -> impl IntoView {
    view! {
        {candidates_view(&plan)}
        {(!plan.notes.is_empty()).then(|| view! {
            <ul class="notes" data-testid="plan-notes">
                {plan.notes.iter().map(|n| view! { <li>{n.clone()}</li> }).collect_view()}
            </ul>
        })}
        <h3>"The image in the sequence"</h3>
        <table class="sequence">
            <tbody>
                {plan.sequence_summary().into_iter().map(|s| view! {
                    <tr class=format!("kind-{}", kind_class(s.kind))>
                        <td class="count">{s.count}</td>
                        <td>{s.label}</td>
                        <td><code>{format!("{:?}", s.text)}</code></td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// The grids an AnyRes or tiling processor considered, with the score that chose one.
fn candidates_view(plan: &Plan) -> Option<AnyView> {
    /// A candidate row: whether it was chosen, and its three cells.
    type Row = (bool, [String; 3]);
    let (title, head, rows): (String, [&str; 3], Vec<Row>) = if let Some(a) = &plan.anyres {
        let crop = plan.views.first().map_or(1, |v| v.input.width);
        let rows = a
            .candidates
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let grid = format!("{} ({}x{} crops)", c.size, c.size.width / crop, c.size.height / crop);
                (i == a.chosen, [grid, c.effective.to_string(), c.wasted.to_string()])
            })
            .collect();
        let why = "the most of your pixels kept, then the least canvas wasted".to_owned();
        (why, ["resolution", "your pixels kept", "pixels wasted"], rows)
    } else if let Some(t) = plan.tiling.as_ref().filter(|t| !t.candidates.is_empty()) {
        let rows = t
            .candidates
            .iter()
            .enumerate()
            .map(|(i, c)| (i == t.chosen, [c.grid.to_string(), c.grid.cells().to_string(), format!("{:.3}", c.score)]))
            .collect();
        (t.rule.rule.to_owned(), ["tile grid", "tiles", t.rule.score], rows)
    } else {
        return None;
    };
    Some(
        view! {
            <details class="candidates" data-testid="candidates">
                <summary>{format!("Why this grid? {} candidates, chosen by {title}", rows.len())}</summary>
                <table>
                    <thead><tr><th>{head[0]}</th><th>{head[1]}</th><th>{head[2]}</th></tr></thead>
                    <tbody>
                        {rows.into_iter().map(|(chosen, [a, b, c])| view! {
                            <tr class:chosen=chosen aria-current=chosen.then_some("true")><td>{a}</td><td>{b}</td><td>{c}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </details>
        }
        .into_any(),
    )
}

pub(crate) fn kind_class(kind: TokenKind) -> &'static str {
    match kind {
        TokenKind::Image => "image",
        TokenKind::Newline => "newline",
        TokenKind::Delimiter => "delimiter",
        TokenKind::Text => "text",
    }
}
