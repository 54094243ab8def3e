//! The figure at the top: controls, the overlay (the image as the model receives it, with its
//! patch grid, merge blocks and crops) and the token breakdown. A file dropped anywhere on it is
//! analysed.

pub mod breakdown;
pub mod controls;

use leptos::html;
use leptos::prelude::*;
use web_sys::DragEvent;

use crate::engine::ViewRole;
use crate::figures::overlay::{self, Layer};
use crate::ui::store::use_store;
use crate::ui::use_css_size::use_css_size;
use crate::ui::use_loader::Loader;
use crate::ui::{canvas, export, use_drop};
use breakdown::{Breakdown, BreakdownDetails, legend};
use controls::Controls;

/// The figure section: a drop zone around controls, overlay and breakdown.
#[component]
pub fn Figure(loader: Loader) -> impl IntoView {
    let store = use_store();
    let (plan, article_plan) = (store.plan, store.article_plan);
    let dragging = RwSignal::new(false);
    view! {
        <section id="figure"
            class="figure"
            class:dragging=move || dragging.get()
            on:dragover=move |ev: DragEvent| { ev.prevent_default(); dragging.set(true); }
            on:dragleave=move |_| dragging.set(false)
            on:drop=move |ev: DragEvent| {
                ev.prevent_default();
                dragging.set(false);
                if let Some(data) = ev.data_transfer() {
                    loader.files(use_drop::Dropped::of_drop(&data));
                }
            }
        >
            <Controls loader />
            <Overlay />
            <aside class="breakdown">
                <div hidden=move || plan.with(Result::is_err)>
                    <Breakdown plan />
                </div>
                {move || article_plan.get().ok().map(|p| view! { <BreakdownDetails plan=p /> })}
            </aside>
        </section>
    }
}

/// The overlay canvas, the token under the pointer, the layer switches, its export and legend.
#[component]
fn Overlay() -> impl IntoView {
    let store = use_store();
    let (plan, hover, hover_spot, hidden_layers) = (store.plan, store.hover, store.hover_spot, store.hidden_layers);
    let palette = store.theme.palette;
    let overlay_ref = NodeRef::<html::Canvas>::new();
    let picture_ref = NodeRef::<html::Canvas>::new();
    let layers = StoredValue::new_local(canvas::OverlayLayers::default());
    // The grids left out because their lines would be under overlay::MIN_SPACING screen pixels apart.
    let too_fine = RwSignal::new(Vec::<Layer>::new());
    let css_size = use_css_size(overlay_ref);
    // What the overlay draws, in the frame's coordinates. A memo notifies only when the shapes
    // change, so a new size that draws the same (a fixed-resize model, AnyRes past its largest
    // grid, the aspect kept) repaints nothing.
    let shapes = Memo::new(move |_| plan.with(|p| p.as_ref().ok().map(overlay::overlay)));
    Effect::new(move || {
        let (Some(marks), Some(below), Some(css)) = (overlay_ref.get(), picture_ref.get(), css_size.get()) else {
            return;
        };
        let highlight = hover_spot.get().map(|s| s.rect);
        let skipped = shapes.with(|shapes| {
            let shapes = shapes.as_ref()?;
            hidden_layers.with(|hidden| {
                store.picture.with(|p| {
                    layers.try_update_value(|layers| {
                        let scene = canvas::OverlayScene {
                            css,
                            shapes,
                            picture: p.as_ref(),
                            hidden,
                            highlight,
                            palette: palette.get(),
                        };
                        canvas::paint_overlay(&marks, &below, scene, layers)
                    })
                })
            })
        });
        // No shapes (the size is refused): the canvas keeps its last drawing, and the note with it.
        let Some(skipped) = skipped else { return };
        if too_fine.with_untracked(|was| *was != skipped) {
            too_fine.set(skipped);
        }
    });
    let too_fine_note = move || {
        too_fine.with(|layers| {
            let names: Vec<&str> =
                Layer::TOGGLES.iter().filter(|(l, _)| layers.contains(l)).map(|(_, name)| *name).collect();
            let spacing = overlay::MIN_SPACING;
            format!(
                "Not drawn at this size, their lines would be under {spacing} screen pixels apart: {}.",
                names.join(", ")
            )
        })
    };
    let point_at = move |ev: &web_sys::MouseEvent| {
        let (Some(css), Ok(p)) = (css_size.get_untracked(), plan.get_untracked()) else { return };
        let (x, y) = canvas::overlay_fit(&p, css).inverse(f64::from(ev.offset_x()), f64::from(ev.offset_y()));
        hover.set(p.token_at(x, y).map(|s| s.position));
    };
    let step = move |ev: web_sys::KeyboardEvent| {
        let (dx, dy) = match ev.key().as_str() {
            "ArrowLeft" => (-1.0, 0.0),
            "ArrowRight" => (1.0, 0.0),
            "ArrowUp" => (0.0, -1.0),
            "ArrowDown" => (0.0, 1.0),
            "Escape" => {
                hover.set(None);
                return;
            }
            _ => return,
        };
        ev.prevent_default();
        let Ok(p) = plan.get_untracked() else { return };
        let next = match hover_spot.get_untracked() {
            Some(s) => {
                let (cx, cy) = (s.rect.x + s.rect.width * (0.5 + dx), s.rect.y + s.rect.height * (0.5 + dy));
                p.token_at(cx, cy).or(Some(s))
            }
            None => (0..p.tokens_in_sequence.min(4096)).find_map(|i| p.token_at_position(i)),
        };
        hover.set(next.map(|s| s.position));
    };
    let readout = move || {
        let spot = hover_spot.get()?;
        let p = plan.get().ok()?;
        let view = match p.views[spot.view].role {
            ViewRole::Whole => "the image".to_owned(),
            ViewRole::Global => "the global view".to_owned(),
            ViewRole::Crop { row, col } => format!("crop row {}, column {}", row + 1, col + 1),
        };
        Some(format!(
            "Token {} of the image's {} positions: column {}, row {} of {view}, covering {:.0}x{:.0} px of the model input.",
            spot.position + 1,
            p.tokens_in_sequence,
            spot.col + 1,
            spot.row + 1,
            spot.rect.width,
            spot.rect.height
        ))
    };
    let export_png = move |_| {
        let (Some(marks), Some(below)) = (overlay_ref.get_untracked(), picture_ref.get_untracked()) else { return };
        if let Some(whole) = layers.with_value(|layers| canvas::overlay_snapshot(&marks, &below, &layers.picture)) {
            export::download_png(&whole, &store.file_name("", "png"));
        }
    };
    view! {
        <figure class="overlay" data-embed="overlay">
            // The photo below (placed by a transform), the grids and crops above: see paint_overlay.
            <div class="stage">
                <canvas node_ref=picture_ref class="picture" data-testid="overlay-picture" aria-hidden="true" hidden></canvas>
                <canvas node_ref=overlay_ref class="marks" data-testid="overlay-canvas" tabindex="0"
                    aria-label="The image as the model receives it, with its patch grid and token blocks. Arrow keys move through its tokens."
                    on:mousemove=move |ev| point_at(&ev)
                    on:mouseleave=move |_| hover.set(None)
                    on:keydown=step></canvas>
            </div>
            // On a phone the breakdown comes after the controls: the total, right under the figure.
            <p class="headline" data-testid="headline-total">
                <strong class:approx=move || store.model.get().approximate()>
                    {move || plan.with(|p| p.as_ref().map(|p| p.tokens_in_sequence.to_string()).unwrap_or_default())}
                </strong>
                " tokens in sequence · " {move || store.model.get().name}
            </p>
            <p class="readout" data-testid="token-readout" aria-live="polite">{readout}</p>
            <fieldset class="layers">
                <legend class="visually-hidden">"Overlay layers"</legend>
                {Layer::TOGGLES.into_iter().map(|(layer, name)| view! {
                    <label class="check">
                        <input type="checkbox" data-testid="layer-toggle" value=name
                            prop:checked=move || hidden_layers.with(|h| !h.contains(&layer))
                            on:change=move |ev| {
                                let show = event_target_checked(&ev);
                                hidden_layers.update(|h| { h.retain(|l| *l != layer); if !show { h.push(layer) } });
                            }/>
                        {name}
                    </label>
                }).collect_view()}
            </fieldset>
            <div class="exports">
                <button data-testid="export-overlay-png" on:click=export_png>"Download PNG"</button>
            </div>
            // Under the switches, so its line coming and going during a drag moves only the caption.
            <p class="hint" data-testid="overlay-too-fine" hidden=move || too_fine.with(Vec::is_empty)>{too_fine_note}</p>
            <figcaption>{move || store.article_plan.with(|p| p.as_ref().ok().map(legend))}</figcaption>
        </figure>
    }
}
