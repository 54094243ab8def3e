//! The model picker: a box a reader types into (a piece of the id, the name or the family), over
//! a list grouped by strategy with each family's models together, each showing its release month
//! and parameter count. The ARIA 1.2 combobox pattern: the input owns the listbox, the arrow keys
//! move the active option (`aria-activedescendant`, focus stays in the box), Enter picks it,
//! Escape closes the list and restores the selected model's name.

use leptos::ev::KeyboardEvent;
use leptos::prelude::*;

use crate::engine::{CATALOGUE, Model, StrategyKind};
use crate::ui::store::use_store;

const LIST_ID: &str = "model-list";

fn option_id(i: usize) -> String {
    format!("model-option-{i}")
}

/// "2025-01 · 8.29B": what a reader scans the list for besides the name (the family is the
/// heading above it).
fn meta(m: &Model) -> String {
    let size = m.params.map_or_else(|| "size undisclosed".to_owned(), |p| p.to_string());
    format!("{} · {}", m.released, size)
}

/// The catalogue indices in the list's order: by strategy, then as the catalogue lists them
/// (each family's entries together).
fn listed() -> Vec<usize> {
    StrategyKind::ALL
        .iter()
        .flat_map(|&kind| (0..CATALOGUE.len()).filter(move |&i| CATALOGUE[i].strategy.kind() == kind))
        .collect()
}

/// The model picker (the figure's model control).
#[component]
pub fn ModelPicker() -> impl IntoView {
    let model = use_store().model;
    // What the reader has typed since the box took focus; `None` shows the selected model's name.
    let query = RwSignal::new(None::<String>);
    let open = RwSignal::new(false);
    // The list is built the first time the box is used, not with the first figure.
    let built = RwSignal::new(false);
    // The highlighted option (a catalogue index), moved by the arrow keys.
    let active = RwSignal::new(None::<usize>);
    let shown = Memo::new(move |_| {
        query.with(|q| CATALOGUE.iter().map(|m| q.as_deref().is_none_or(|q| m.matches(q))).collect::<Vec<bool>>())
    });
    let visible = move || shown.with(|s| listed().into_iter().filter(|&i| s[i]).collect::<Vec<_>>());
    let close = move || {
        query.set(None);
        open.set(false);
        active.set(None);
    };
    let pick = move |i: usize| {
        if let Some(m) = CATALOGUE.get(i) {
            model.set(m);
        }
        close();
    };
    let step = move |by: isize| {
        let list = visible();
        let Some(last) = list.len().checked_sub(1) else { return };
        let at = active.get_untracked().and_then(|a| list.iter().position(|&i| i == a));
        let next = match at {
            None if by > 0 => 0,
            None => last,
            Some(p) => p.saturating_add_signed(by).min(last),
        };
        active.set(Some(list[next]));
        open.set(true);
        reveal(list[next]);
    };
    let on_key = move |ev: KeyboardEvent| match ev.key().as_str() {
        "ArrowDown" => {
            ev.prevent_default();
            step(1);
        }
        "ArrowUp" => {
            ev.prevent_default();
            step(-1);
        }
        "Enter" if open.get_untracked() => {
            ev.prevent_default();
            // The highlighted option, else the first match.
            if let Some(i) = active.get_untracked().or_else(|| visible().first().copied()) {
                pick(i);
            }
        }
        "Escape" if open.get_untracked() => {
            ev.prevent_default();
            close();
        }
        _ => {}
    };
    let group = move |n: usize, kind: StrategyKind| {
        let members: Vec<usize> = (0..CATALOGUE.len()).filter(|&i| CATALOGUE[i].strategy.kind() == kind).collect();
        let label_id = format!("model-group-{n}");
        let any = members.clone();
        let options = members
            .iter()
            .enumerate()
            .map(|(k, &i)| {
                let m = &CATALOGUE[i];
                // A family's first entry carries its heading, shown while any of its entries is.
                let family: Vec<usize> = members.iter().copied().filter(|&j| CATALOGUE[j].family == m.family).collect();
                let heading = (k == 0 || CATALOGUE[members[k - 1]].family != m.family).then(|| {
                    view! {
                        <div role="presentation" class="picker-family"
                            hidden=move || shown.with(|s| !family.iter().any(|&j| s[j]))>{m.family}</div>
                    }
                });
                view! {
                    {heading}
                    <div role="option" id=option_id(i) data-model=m.id class="picker-option"
                        aria-selected=move || (model.get().id == m.id).to_string()
                        class:active=move || active.get() == Some(i)
                        hidden=move || shown.with(|s| !s[i])
                        // Keep the focus in the box, so the pick is not undone by a blur first.
                        on:mousedown=|ev| ev.prevent_default()
                        on:click=move |_| pick(i)>
                        <span class="picker-name">{m.name}</span>
                        // The family heading is not read with the option: its name is, here.
                        <span class="visually-hidden">{format!(", {}, ", m.family)}</span>
                        <span class="picker-meta">{meta(m)}</span>
                    </div>
                }
            })
            .collect_view();
        view! {
            <div role="group" aria-labelledby=label_id.clone() hidden=move || shown.with(|s| !any.iter().any(|&j| s[j]))>
                <div role="presentation" class="picker-group" id=label_id.clone()>{kind.label()}</div>
                {options}
            </div>
        }
    };
    view! {
        <div class="picker">
            <label for="model">"Model"</label>
            <div class="picker-box">
                <input id="model" type="text" role="combobox" data-testid="model-picker" autocomplete="off"
                    spellcheck="false" aria-autocomplete="list" aria-controls=LIST_ID
                    aria-expanded=move || open.get().to_string()
                    aria-activedescendant=move || active.get().map(option_id)
                    aria-describedby="model-hint"
                    data-model=move || model.get().id
                    placeholder="Type a name, family or id"
                    prop:value=move || query.get().unwrap_or_else(|| model.get().name.to_owned())
                    on:focus=move |ev| {
                        built.set(true);
                        open.set(true);
                        // Typing replaces the shown name.
                        let input: web_sys::HtmlInputElement = event_target(&ev);
                        input.select();
                    }
                    on:blur=move |_| close()
                    on:click=move |_| {
                        built.set(true);
                        open.set(true);
                    }
                    on:input=move |ev| {
                        query.set(Some(event_target_value(&ev)));
                        open.set(true);
                        active.set(visible().first().copied());
                    }
                    on:keydown=on_key />
                <div id=LIST_ID role="listbox" aria-label="Models" class="picker-list"
                    hidden=move || !open.get() || shown.with(|s| !s.iter().any(|&b| b))>
                    {move || {
                        built.get().then(|| StrategyKind::ALL.iter().enumerate().map(|(n, &kind)| group(n, kind)).collect_view())
                    }}
                </div>
            </div>
            <p class="hint" id="model-hint">
                {format!("{} models; type to filter, arrows and Enter to pick.", CATALOGUE.len())}
            </p>
            <p class="picker-none" role="status" hidden=move || !open.get() || shown.with(|s| s.iter().any(|&b| b))>
                {move || format!("No model matches “{}”.", query.get().unwrap_or_default())}
            </p>
        </div>
    }
}

/// Scrolls option `i` into the list's view, moving the list only.
fn reveal(i: usize) {
    let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(&option_id(i))) else {
        return;
    };
    let Some(list) = el.parent_element().and_then(|g| g.parent_element()) else { return };
    let (top, bottom) = (el.get_bounding_client_rect().top(), el.get_bounding_client_rect().bottom());
    let (list_top, list_bottom) = (list.get_bounding_client_rect().top(), list.get_bounding_client_rect().bottom());
    if top < list_top {
        list.set_scroll_top(list.scroll_top() - (list_top - top).ceil() as i32);
    } else if bottom > list_bottom {
        list.set_scroll_top(list.scroll_top() + (bottom - list_bottom).ceil() as i32);
    }
}
