//! The page's theme: light, dark or auto (the reader's `prefers-color-scheme`), from `?theme=`,
//! the control in the header, or a host page's message `{type: "vistok-theme", theme}`; and
//! `?accent=`, the host's brand colour. The choice is written to `<html data-theme>`, which
//! style/main.css reads; canvases take the matching [`Palette`].

use leptos::ev;
use leptos::prelude::*;
use plotters::style::RGBColor;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;

use crate::figures::theme::{self, Palette};

/// What the reader (or the host page) chose.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ThemeChoice {
    /// The reader's system preference, followed live.
    #[default]
    Auto,
    Light,
    Dark,
}

impl ThemeChoice {
    pub const ALL: [ThemeChoice; 3] = [ThemeChoice::Auto, ThemeChoice::Light, ThemeChoice::Dark];

    /// Its name in links, in messages and in the control.
    pub fn name(self) -> &'static str {
        match self {
            ThemeChoice::Auto => "auto",
            ThemeChoice::Light => "light",
            ThemeChoice::Dark => "dark",
        }
    }

    /// The choice named `name` (`light`, `dark`, `auto`; `system`, al-folio's word, is auto).
    pub fn parse(name: &str) -> Option<Self> {
        match name.trim().to_ascii_lowercase().as_str() {
            "auto" | "system" => Some(ThemeChoice::Auto),
            "light" => Some(ThemeChoice::Light),
            "dark" => Some(ThemeChoice::Dark),
            _ => None,
        }
    }

    /// Whether the page is dark under this choice when the system prefers dark or not.
    pub fn is_dark(self, system_prefers_dark: bool) -> bool {
        match self {
            ThemeChoice::Auto => system_prefers_dark,
            ThemeChoice::Light => false,
            ThemeChoice::Dark => true,
        }
    }
}

/// A host's brand colour, from `?accent=` as hex: `0a7`, `00aa77`, with or without `#`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Accent(pub RGBColor);

impl Accent {
    pub fn parse(text: &str) -> Option<Self> {
        let hex = text.trim().trim_start_matches('#');
        if !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        let digit = |i: usize, n: usize| u8::from_str_radix(hex.get(i..i + n)?, 16).ok();
        let rgb = match hex.len() {
            3 => [digit(0, 1)? * 17, digit(1, 1)? * 17, digit(2, 1)? * 17],
            6 => [digit(0, 2)?, digit(2, 2)?, digit(4, 2)?],
            _ => return None,
        };
        Some(Accent(RGBColor(rgb[0], rgb[1], rgb[2])))
    }

    /// As links write it: six hex digits, no `#` (a `#` would end the query).
    pub fn to_text(self) -> String {
        let RGBColor(r, g, b) = self.0;
        format!("{r:02x}{g:02x}{b:02x}")
    }
}

/// The theme chosen in a host's message, if `data` is `{type: "vistok-theme", theme: <name>}`;
/// anything else (another script's message, a malformed one) is `None` and ignored.
pub fn from_message(data: &wasm_bindgen::JsValue) -> Option<ThemeChoice> {
    if !data.is_object() {
        return None;
    }
    let field = |name: &str| js_sys::Reflect::get(data, &name.into()).ok()?.as_string();
    if field("type")?.as_str() != "vistok-theme" {
        return None;
    }
    ThemeChoice::parse(&field("theme")?)
}

/// The theme's signals: the choice, whether the system prefers dark (followed live), and the
/// palette the canvases paint with.
#[derive(Clone, Copy)]
pub struct Theme {
    pub choice: RwSignal<ThemeChoice>,
    pub dark: Memo<bool>,
    pub palette: Memo<&'static Palette>,
}

/// Sets up the theme for a page opened with `choice` and `accent`: follows the system preference,
/// listens for a host's messages, and keeps `<html data-theme>` and `--accent` in step.
pub fn use_theme(choice: ThemeChoice, accent: Option<Accent>) -> Theme {
    let choice = RwSignal::new(choice);
    let prefers_dark = RwSignal::new(false);
    if let Some(query) = window().match_media("(prefers-color-scheme: dark)").ok().flatten() {
        prefers_dark.set(query.matches());
        let follow = Closure::<dyn Fn(web_sys::MediaQueryListEvent)>::new(move |e: web_sys::MediaQueryListEvent| {
            prefers_dark.set(e.matches());
        });
        let _ = query.add_event_listener_with_callback("change", follow.as_ref().unchecked_ref());
        // The page's lifetime: the listener is never removed.
        follow.forget();
    }
    let _message = window_event_listener(ev::message, move |e: web_sys::MessageEvent| {
        if let Some(c) = from_message(&e.data()) {
            choice.set(c);
        }
    });
    let dark = Memo::new(move |_| choice.get().is_dark(prefers_dark.get()));
    let palette = Memo::new(move |_| Palette::of(dark.get()));
    Effect::new(move || {
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-theme", if dark.get() { "dark" } else { "light" });
        }
    });
    if let Some(Accent(color)) = accent
        && let Some(root) = document().document_element().and_then(|r| r.dyn_into::<web_sys::HtmlElement>().ok())
    {
        // The CSSOM, not a style attribute: the Content-Security-Policy allows no inline style.
        let _ = root.style().set_property("--accent", &theme::css(color));
    }
    Theme { choice, dark, palette }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choices_parse_by_name_and_resolve_against_the_system() {
        for c in ThemeChoice::ALL {
            assert_eq!(ThemeChoice::parse(c.name()), Some(c));
        }
        assert_eq!(ThemeChoice::parse(" Dark "), Some(ThemeChoice::Dark));
        assert_eq!(ThemeChoice::parse("system"), Some(ThemeChoice::Auto));
        assert_eq!(ThemeChoice::parse("sepia"), None);
        assert!(ThemeChoice::Auto.is_dark(true) && !ThemeChoice::Auto.is_dark(false));
        assert!(!ThemeChoice::Light.is_dark(true), "light under a dark preference stays light");
        assert!(ThemeChoice::Dark.is_dark(false));
    }

    #[test]
    fn accents_are_hex_with_or_without_a_hash() {
        assert_eq!(Accent::parse("#0a7"), Some(Accent(RGBColor(0x00, 0xAA, 0x77))));
        assert_eq!(Accent::parse("B509AC"), Some(Accent(RGBColor(0xB5, 0x09, 0xAC))));
        for bad in ["", "#", "red", "12345", "#1234567", "ggg", "#12 34 5", "١٢٣"] {
            assert_eq!(Accent::parse(bad), None, "{bad:?}");
        }
        assert_eq!(Accent(RGBColor(0xB5, 0x09, 0xAC)).to_text(), "b509ac");
    }
}
