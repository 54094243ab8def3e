//! "Your collection": a folder or many files, counted from their headers for the chart's models.
//! A progress bar while the files are read; then per model the images, broken files, totals,
//! percentiles and cost, a histogram of tokens per image, and the heaviest images (a click opens
//! one in the figure). The counts are `vistok scan`'s: the same reader and tally, in the page.

use leptos::html;
use leptos::prelude::*;
use web_sys::{DragEvent, HtmlInputElement};

use crate::engine::Model;
use crate::engine::collection::{self, SummaryRow, Tally};
use crate::figures::{histogram, theme};
use crate::ui::store::use_store;
use crate::ui::use_collection;
use crate::ui::use_css_size::use_css_size;
use crate::ui::use_loader::Loader;
use crate::ui::{canvas, export};

/// The collection's tallies, one per model, and its broken files.
#[derive(Clone, PartialEq)]
struct Summary {
    models: Vec<(&'static Model, Tally)>,
    broken: u64,
}

#[component]
pub fn CollectionSection() -> impl IntoView {
    let store = use_store();
    let loader = use_context::<Loader>();
    let collection = store.collection;
    let dragging = RwSignal::new(false);
    // Counted as the files are read, for the chart's models (tick others on the chart); counted
    // again, a slice at a time, when those models or the options change.
    Effect::new(move || {
        let models = store.charted.get();
        let options = store.options.get();
        let stale = collection.with(|c| {
            !c.running && !c.verdicts.is_empty() && (c.tallies.models != models || c.tallies.options != options)
        });
        if stale {
            use_collection::recount(collection, models, options);
        }
    });
    let summary = Memo::new(move |_| {
        let models = store.charted.get();
        let options = store.options.get();
        collection.with(|c| {
            let t = &c.tallies;
            (!c.verdicts.is_empty() && t.complete_for(c, &models, &options)).then(|| Summary {
                models: t.models.iter().copied().zip(t.per_model.iter().cloned()).collect(),
                broken: t.broken,
            })
        })
    });
    let rows = Memo::new(move |_| {
        summary.with(|s| {
            s.as_ref()
                .map(|s| s.models.iter().map(|(m, t)| SummaryRow::of(m, t, s.broken)).collect::<Vec<_>>())
                .unwrap_or_default()
        })
    });
    // Counts `entries` for the chart's models with the current options.
    let start = move |name: String, entries| {
        use_collection::start(collection, name, entries, store.charted.get_untracked(), store.options.get_untracked());
    };
    let pick = move |ev: leptos::ev::Event| {
        let input: HtmlInputElement = event_target(&ev);
        if let Some(files) = input.files() {
            let (name, entries) = use_collection::of_list(&files);
            start(name, entries);
        }
    };
    let drop = move |ev: DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        if let Some(data) = ev.data_transfer() {
            // The drop's items are gone after the event: take them now, walk them after.
            let roots = use_collection::dropped(&data);
            if roots.is_empty() {
                // Files a script put in the drop have no file-system entries: take them as a list.
                if let Some(files) = data.files() {
                    let (_, entries) = use_collection::of_list(&files);
                    let name = "the dropped files".to_owned();
                    start(name, entries);
                }
                return;
            }
            leptos::task::spawn_local(async move {
                let (name, entries) = use_collection::of_drop(roots).await;
                start(name, entries);
            });
        }
    };
    let progress = move || {
        collection.with(|c| {
            (!c.entries.is_empty()).then(|| {
                let (read, total) = (c.verdicts.len(), c.entries.len());
                let text = if c.running {
                    format!("Reading {}: {read} of {total} files…", c.name)
                } else {
                    let broken = c.verdicts.iter().filter(|v| v.is_err()).count();
                    let images = total - broken;
                    format!(
                        "{}: {total} files read in {:.1} s, {images} image{}, {broken} that cannot be counted.",
                        capitalised(&c.name),
                        c.elapsed_ms / 1000.0,
                        if images == 1 { "" } else { "s" }
                    )
                };
                view! {
                    <progress data-testid="collection-progress" max=total.max(1) value=read></progress>
                    <p class="collection-status" data-testid="collection-status" aria-live="polite">{text}</p>
                }
            })
        })
    };
    let exports = move || {
        (!rows.with(Vec::is_empty)).then(|| {
            let name = move || collection.with_untracked(|c| (c.name.clone(), c.entries.len() as u64));
            view! {
                <div class="exports">
                    <button data-testid="collection-csv" on:click=move |_| {
                        export::download_text(&store.file_name("-collection", "csv"), "text/csv", &collection::to_csv(&rows.get_untracked()));
                    }>"Summary as CSV"</button>
                    <button data-testid="collection-md" on:click=move |_| {
                        let (n, files) = name();
                        export::download_text(&store.file_name("-collection", "md"), "text/markdown",
                            &collection::to_markdown(&n, files, &rows.get_untracked()));
                    }>"Summary as Markdown"</button>
                </div>
            }
        })
    };
    view! {
        <section id="collection" class="collection" class:dragging=move || dragging.get()
            on:dragover=move |ev: DragEvent| { ev.prevent_default(); dragging.set(true); }
            on:dragleave=move |_| dragging.set(false)
            on:drop=drop>
            <h2>"Your collection"</h2>
            <p>
                "What would a whole folder cost? Choose or drop one (or many files): the page reads no more of each "
                "file than its header needs (its first 16 KiB and last 4 KiB, all of a small one), decodes nothing and "
                "uploads nothing, and counts every image at its upright "
                "size for the models on the resolution chart (tick others there). Hidden files are skipped, "
                "as " <code>"vistok scan"</code> " skips them; the command line gives the same counts for millions of files."
            </p>
            <div class="collection-controls">
                <label>"A folder " <input type="file" prop:webkitdirectory=true data-testid="collection-folder" on:change=pick /></label>
                <label>"or files " <input type="file" multiple data-testid="collection-files" on:change=pick /></label>
            </div>
            {progress}
            <SummaryTable rows />
            {exports}
            <Histogram summary />
            <Heaviest summary loader />
        </section>
    }
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

#[component]
fn SummaryTable(rows: Memo<Vec<SummaryRow>>) -> impl IntoView {
    let number = |v: Option<u64>| v.map_or("—".to_owned(), |v| v.to_string());
    view! {
        <Show when=move || !rows.with(Vec::is_empty)>
            <table class="compare" data-testid="collection-table">
                <thead><tr>
                    <th>"Model"</th><th class="num">"Images"</th><th class="num">"Broken"</th><th class="num">"Refused"</th>
                    <th class="num">"Total tokens"</th><th class="num">"p50"</th><th class="num">"p90"</th>
                    <th class="num">"p99"</th><th class="num">"Max"</th><th class="num">"Cost at list price"</th>
                </tr></thead>
                <tbody>
                    {move || rows.get().into_iter().map(|r| view! {
                        <tr data-model=r.model>
                            <td>{r.name}</td><td class="num">{r.images}</td><td class="num">{r.broken}</td>
                            <td class="num">{r.refused}</td><td class="num" data-col="total">{r.total}</td>
                            <td class="num">{number(r.p50)}</td><td class="num">{number(r.p90)}</td>
                            <td class="num">{number(r.p99)}</td><td class="num">{number(r.max)}</td>
                            <td class="num" title=r.cost.map_or("self-hosted: see What it costs".to_owned(), |(_, d)| format!("input list price, {d}"))>
                                {r.cost.map_or("—".to_owned(), |(usd, _)| format!("${usd:.2}"))}
                            </td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </Show>
    }
}

#[component]
fn Histogram(summary: Memo<Option<Summary>>) -> impl IntoView {
    let store = use_store();
    let canvas_ref = NodeRef::<html::Canvas>::new();
    let css = use_css_size(canvas_ref);
    let data = Memo::new(move |_| {
        summary.with(|s| {
            s.as_ref().filter(|s| s.models.iter().any(|(_, t)| t.images > 0)).map(|s| {
                let rows: Vec<(String, plotters::style::RGBColor, &Tally)> = s
                    .models
                    .iter()
                    .map(|(m, t)| (m.name.to_owned(), theme::strategy_color(m.strategy.kind()), t))
                    .collect();
                histogram::bins(&rows, 24)
            })
        })
    });
    Effect::new(move || {
        let (Some(c), Some(css)) = (canvas_ref.get(), css.get()) else { return };
        let palette = store.theme.palette.get();
        data.with(|h| {
            if let Some(h) = h {
                canvas::paint_histogram(&c, css, h, palette);
            }
        });
    });
    let height = move || data.with(|h| h.as_ref().map_or(0.0, |h| histogram::height(h.rows.len())));
    view! {
        <div hidden=move || data.with(Option::is_none)>
            <h3>"Tokens per image"</h3>
            <canvas class="histogram" data-testid="collection-histogram" node_ref=canvas_ref
                role="img" aria-label="Histogram of tokens per image for each model"
                style:height=move || format!("{}px", height())></canvas>
        </div>
    }
}

#[component]
fn Heaviest(summary: Memo<Option<Summary>>, loader: Option<Loader>) -> impl IntoView {
    let store = use_store();
    let collection = store.collection;
    // The figure's model if it is among the chart's, else the first.
    let list = Memo::new(move |_| {
        let selected = store.model.get();
        summary.with(|s| {
            s.as_ref().and_then(|s| {
                let (m, t) = s.models.iter().find(|(m, _)| *m == selected).or(s.models.first())?;
                Some((m.name, t.heaviest()))
            })
        })
    });
    let open = move |path: String| {
        let file = collection.with_untracked(|c| c.entries.iter().find(|e| e.path == path).map(|e| e.file.clone()));
        if let (Some(file), Some(loader)) = (file, loader) {
            loader.load(file.into(), path, None);
            if let Some(figure) = document().query_selector("section.figure").ok().flatten() {
                figure.scroll_into_view();
            }
        }
    };
    view! {
        {move || list.get().filter(|(_, h)| !h.is_empty()).map(|(name, heaviest)| view! {
            <h3>{format!("The heaviest images for {name}")}</h3>
            <ol class="heaviest" data-testid="collection-heaviest">
                {heaviest.into_iter().map(|(tokens, path)| {
                    let (p, label) = (path.clone(), path.clone());
                    view! {
                        <li><button data-path=path on:click=move |_| open(p.clone())>{label}</button>
                            {format!(" {tokens} tokens")}</li>
                    }
                }).collect_view()}
            </ol>
        })}
    }
}
