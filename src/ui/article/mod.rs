//! The article below the figure: how a VLM sees an image, the standard recipe, the resolution
//! trap, three strategies, where the downsampling happens, aspect ratio, special tokens, what it
//! costs, and the comparison. It is mounted after the figure's first paint (see [`mount_later`]).

mod collection;
mod cost;
mod formulas;
mod sections;
mod strategies;
mod strategy_math;
pub mod trap;
mod video;
mod video_chart;

use leptos::html;
use leptos::prelude::*;

use crate::engine::{self, plan::ResizeMode};
use crate::ui::export;
use crate::ui::store::use_store;

/// The article's sections, every number live from the store.
#[component]
pub fn Article() -> impl IntoView {
    let store = use_store();
    let (model, options, size, picture) = (store.model, store.options, store.size, store.picture);
    let (article_plan, article_size, hover) = (store.article_plan, store.article_size, store.hover);
    let (gpu, prompt, vs) = (store.gpu, store.prompt, store.vs);
    view! {
        <article class="story">
            <section id="see">
                <h2>"1. How a VLM sees an image"</h2>
                <p>
                    "A vision-language model does not read pixels. Its vision encoder turns the image into a sequence of "
                    "vectors, one per image patch or per group of patches, and these visual tokens enter the language model "
                    "beside the text. Every one of them takes a place in the context window, adds work to the prefill, and "
                    "holds memory in the KV cache, so the count decides what an image costs."
                </p>
                <p class="live" data-testid="see-summary">{move || article_plan.get().ok().map(|p| format!(
                    "Right now {} turns your {} image into {} positions of its input sequence.",
                    model.get().name, p.original, p.tokens_in_sequence))}</p>
            </section>
            <section id="recipe">
                <h2>"2. The standard recipe"</h2>
                <sections::Recipe size=article_size />
                <formulas::FormulaCheck size=article_size model=model options=options />
            </section>
            <trap::TrapSection />
            <section id="strategies">
                <h2>"4. Three strategies"</h2>
                <strategies::Strategies />
            </section>
            <section id="downsampling">
                <h2>"5. Where the downsampling happens"</h2>
                <p>
                    "What leaves the vision encoder is not always what enters the language model. Qwen merges 2x2 patches "
                    "inside the encoder, Gemma 3 average-pools 4x4 in the connector, InternVL folds 2x2 patches into channels "
                    "(pixel shuffle; SmolVLM folds 3x3), and Llama 3.2 Vision does not put the patches in the sequence at all: its language "
                    "model reads them through cross-attention."
                </p>
                <sections::Downsampling plan=article_plan size=article_size model=model />
            </section>
            <section id="aspect">
                <h2>"6. Aspect ratio"</h2>
                <p>
                    "A model can squish the image to its square (Gemma 3, PaliGemma, InternVL's and Idefics3's tiles), cut the centre out "
                    "(LLaVA-1.5), keep the aspect ratio and round the sides (Qwen, Pixtral), or fit the image inside a "
                    "larger canvas and pad it (LLaVA AnyRes, Llama 3.2). Padding is encoded like pixels: its tokens cost "
                    "as much as the image's."
                </p>
                <p class="live" data-testid="aspect-summary">{move || article_plan.get().ok().map(|p| {
                    let how = match p.resize {
                        ResizeMode::Squish => "squishes it",
                        ResizeMode::KeepAspect => "keeps its aspect ratio",
                        ResizeMode::FitAndPad => "fits it inside the chosen canvas and pads the rest",
                        ResizeMode::CenterCrop => "cuts the centre out",
                        ResizeMode::SquishToTiles => "squishes it onto the tile grid",
                    };
                    let notes = if p.notes.is_empty() { "Nothing is padded or cut away.".to_owned() } else { p.notes.join(" ") };
                    format!("{} {how} ({} becomes {}). {notes}", model.get().name, p.original, p.frame)
                })}</p>
                <sections::AspectFigure plan=article_plan size=article_size model=model picture=picture />
            </section>
            <section id="special" data-embed="strip">
                <h2>"7. Special tokens"</h2>
                <p>
                    "Around the image features sit tokens that are not pixels: start and end markers, row breaks, newline "
                    "vectors, tile tags and the text some processors insert. They tell the language model where the image "
                    "begins, where each row ends and which crop it is reading. The strip shows the image's whole span in "
                    "sequence order."
                </p>
                <sections::TokenStrip plan=article_plan hover=hover />
            </section>
            <section id="cost" data-embed="cost">
                <h2>"What it costs"</h2>
                <cost::CostSection plan=article_plan size=article_size model=model options=options gpu=gpu prompt=prompt other=vs />
            </section>
            <collection::CollectionSection />
            <video::VideoSection />
            <section id="compare" data-embed="compare">
                <h2>"10. Conclusions"</h2>
                <p>
                    "The same image costs from a few dozen to many thousands of tokens depending on the model. For a tight "
                    "compute budget or many images per prompt, fixed or capped models keep the count predictable; for OCR, "
                    "charts and grounding, which need small text and exact positions, pay for resolution with a dynamic or "
                    "AnyRes model and set the pixel limits deliberately. Click a column to sort."
                </p>
                <div class="exports">
                    <button data-testid="export-table-csv" on:click=move |_| {
                        let Ok(s) = size.get_untracked() else { return };
                        let rows = engine::report::comparison(s, &options.get_untracked());
                        export::download_text(&store.file_name("-compare", "csv"), "text/csv", &engine::report::to_csv(&rows));
                    }>"Table as CSV"</button>
                    <button data-testid="export-table-md" on:click=move |_| {
                        let Ok(s) = size.get_untracked() else { return };
                        let rows = engine::report::comparison(s, &options.get_untracked());
                        export::download_text(&store.file_name("-compare", "md"), "text/markdown", &engine::report::to_markdown(s, &rows));
                    }>"Table as Markdown"</button>
                </div>
                <sections::CompareTable size=article_size options=options />
            </section>
        </article>
    }
}

/// Mounts the article at the end of `main` a frame after the figure is first painted with its
/// image (the second animation frame comes after the first paint; on the landing page, once the
/// sample photo is decoded and drawn): building it takes about as long as the whole figure, and
/// the reader sees the figure that much sooner. A link to a section scrolls there once it is in.
pub fn mount_later(main: NodeRef<html::Main>) {
    let store = use_store();
    // The article lives under the page's owner, not the effect's (which a re-run would clean up).
    let owner = Owner::current();
    let article = StoredValue::new_local(None::<Box<dyn std::any::Any>>);
    let waiting = StoredValue::new(true);
    Effect::new(move || {
        if waiting.get_value() && store.loading.get() == 0 {
            waiting.set_value(false);
            mount_after_paint(main, owner.clone(), article, store.section);
        }
    });
}

/// Builds the article under a child of `owner` and mounts it, two animation frames from now; the
/// view's state and its owner are kept in `article` for the page's life.
fn mount_after_paint(
    main: NodeRef<html::Main>,
    owner: Option<Owner>,
    article: StoredValue<Option<Box<dyn std::any::Any>>, LocalStorage>,
    section: Option<&'static str>,
) {
    request_animation_frame(move || {
        request_animation_frame(move || {
            let (Some(Some(main)), Some(owner)) = (main.try_get_untracked(), owner) else { return };
            leptos::task::spawn_local(async move {
                let child = owner.child();
                #[cfg(feature = "split")]
                let view = article_under(child.clone()).await;
                #[cfg(not(feature = "split"))]
                let view = article_under(child.clone());
                let state = child.with(|| {
                    let mut state = view.build();
                    state.mount(&main, None);
                    state
                });
                article.try_set_value(Some(Box::new((child, state))));
                scroll_to(section);
            });
        })
    });
}

/// The article's view, made under `owner`. With the `split` feature (the release page), this and
/// all the code only the article reaches (its sections, the chart, the cost model) are a second
/// wasm module, fetched when the figure is on screen (scripts/post-build.mjs splits the build).
#[cfg_attr(feature = "split", leptos::lazy)]
fn article_under(owner: Owner) -> AnyView {
    owner.with(|| view! { <Article /> }.into_any())
}

/// Scrolls to the section a link named, once the article is in.
fn scroll_to(section: Option<&'static str>) {
    // Now and again a moment later, when the sections above (rendered lazily, see
    // content-visibility) have taken their real height.
    if let Some(section) = section {
        let scroll = move || {
            if let Some(el) = document().get_element_by_id(section) {
                el.scroll_into_view();
            }
        };
        request_animation_frame(scroll);
        set_timeout(scroll, std::time::Duration::from_millis(300));
    }
}
