//! The model picker: a box a reader types into (a piece of the id, the name or the family), over
//! a list grouped by strategy with each family's models together, each showing its release month
//! and parameter count. The ARIA 1.2 combobox pattern: the input owns the listbox, the arrow keys
//! move the active option (`aria-activedescendant`, focus stays in the box), Enter picks it,
//! Escape closes the list and restores the selected model's name. The figure's model box and the
//! cost section's "Compare with" box are two of these, told apart by their id.

use leptos::ev::KeyboardEvent;
use leptos::prelude::*;

use crate::engine::{CATALOGUE, Model, StrategyKind};

/// The ids of one picker's parts: the box's own, its list, options, group headings and hint.
#[derive(Clone, Copy)]
struct Ids(&'static str);

impl Ids {
    fn list(self) -> String {
        format!("{}-list", self.0)
    }
    fn option(self, i: usize) -> String {
        format!("{}-option-{i}", self.0)
    }
    fn group(self, n: usize) -> String {
        format!("{}-group-{n}", self.0)
    }
    fn hint(self) -> String {
        format!("{}-hint", self.0)
    }
}

/// "2025-01 · 8.29B": what a reader scans the list for besides the name (the family is the
/// heading above it).
fn meta(m: &Model) -> String {
    let size = m.params.map_or_else(|| "size undisclosed".to_owned(), |p| p.to_string());
    format!("{} · {}", m.released, size)
}

/// The catalogue indices in the list's order: by strategy, then as the catalogue lists them
/// (each family's entries together); only the entries `offers` lets in.
fn listed(offers: fn(&Model) -> bool) -> Vec<usize> {
    StrategyKind::ALL
        .iter()
        .flat_map(|&kind| {
            (0..CATALOGUE.len()).filter(move |&i| CATALOGUE[i].strategy.kind() == kind && offers(&CATALOGUE[i]))
        })
        .collect()
}

fn every(_: &Model) -> bool {
    true
}

/// A model picker: shows `model`, hands the reader's pick to `on_pick`.
#[component]
pub fn ModelPicker(
    /// The model shown as picked.
    #[prop(into)]
    model: Signal<&'static Model>,
    /// Called with the model the reader picks.
    #[prop(into)]
    on_pick: Callback<&'static Model>,
    /// The box's id; its list, options, headings and hint are named after it.
    id: &'static str,
    /// The box's label.
    label: &'static str,
    testid: &'static str,
    /// The catalogue entries the list offers (all by default).
    #[prop(default = every)]
    offers: fn(&Model) -> bool,
) -> impl IntoView {
    let ids = Ids(id);
    let count = listed(offers).len();
    // What the reader has typed since the box took focus; `None` shows the selected model's name.
    let query = RwSignal::new(None::<String>);
    let open = RwSignal::new(false);
    // The list is built the first time the box is used, not with the first figure.
    let built = RwSignal::new(false);
    // The highlighted option (a catalogue index), moved by the arrow keys.
    let active = RwSignal::new(None::<usize>);
    let shown = Memo::new(move |_| {
        query.with(|q| {
            CATALOGUE.iter().map(|m| offers(m) && q.as_deref().is_none_or(|q| m.matches(q))).collect::<Vec<bool>>()
        })
    });
    let visible = move || shown.with(|s| listed(offers).into_iter().filter(|&i| s[i]).collect::<Vec<_>>());
    let close = move || {
        query.set(None);
        open.set(false);
        active.set(None);
    };
    let pick = move |i: usize| {
        if let Some(m) = CATALOGUE.get(i) {
            on_pick.run(m);
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
        reveal(&ids.option(list[next]));
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
        let members: Vec<usize> =
            (0..CATALOGUE.len()).filter(|&i| CATALOGUE[i].strategy.kind() == kind && offers(&CATALOGUE[i])).collect();
        let label_id = ids.group(n);
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
                    <div role="option" id=ids.option(i) data-model=m.id class="picker-option"
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
            <label for=id>{label}</label>
            <div class="picker-box">
                <input id=id type="text" role="combobox" data-testid=testid autocomplete="off"
                    spellcheck="false" aria-autocomplete="list" aria-controls=ids.list()
                    aria-expanded=move || open.get().to_string()
                    aria-activedescendant=move || active.get().map(|i| ids.option(i))
                    aria-describedby=ids.hint()
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
                <div id=ids.list() role="listbox" aria-label="Models" class="picker-list"
                    hidden=move || !open.get() || shown.with(|s| !s.iter().any(|&b| b))>
                    {move || {
                        built.get().then(|| StrategyKind::ALL.iter().enumerate().map(|(n, &kind)| group(n, kind)).collect_view())
                    }}
                </div>
            </div>
            <p class="hint" id=ids.hint()>
                {format!("{count} models; type to filter, arrows and Enter to pick.")}
            </p>
            <p class="picker-none" role="status" hidden=move || !open.get() || shown.with(|s| s.iter().any(|&b| b))>
                {move || format!("No model matches “{}”.", query.get().unwrap_or_default())}
            </p>
        </div>
    }
}

/// Scrolls the option with this id into the list's view, moving the list only.
fn reveal(option: &str) {
    let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(option)) else {
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
