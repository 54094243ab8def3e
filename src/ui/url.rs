//! The query string: `?model=<HF id>&w=<px>&h=<px>` sets the initial state, and the URL follows
//! the controls. Parsing is plain Rust so it is tested natively.

use crate::engine::{CATALOGUE, Model, models};

/// The model shown when a link names none.
pub const DEFAULT_MODEL: &str = "Qwen/Qwen2.5-VL-7B-Instruct";

/// The sample shown when a link names no size.
pub const DEFAULT_SAMPLE: &str = "landscape";

/// Where the page starts.
#[derive(Clone, Debug, PartialEq)]
pub struct Initial {
    pub model: &'static Model,
    /// `None` for a value that is not a whole number (the page shows why).
    pub width: Option<u64>,
    pub height: Option<u64>,
    /// A sample image to load at start (only when the link names no size).
    pub sample: Option<&'static str>,
    /// Something in the link could not be used.
    pub notice: Option<String>,
}

impl Initial {
    /// The state for a query string such as `?model=google/gemma-3-4b-it&w=1920&h=1080`.
    pub fn from_query(query: &str) -> Self {
        let mut initial = Initial {
            model: models::find(DEFAULT_MODEL).unwrap_or(&CATALOGUE[0]),
            width: Some(600),
            height: Some(400),
            sample: Some(DEFAULT_SAMPLE),
            notice: None,
        };
        let mut problems = Vec::new();
        for pair in query.trim_start_matches('?').split('&').filter(|p| !p.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let value = decode(value);
            match key {
                "model" => match models::find(&value) {
                    Some(model) => initial.model = model,
                    None => problems.push(format!("unknown model {value:?}")),
                },
                "w" | "h" => {
                    let number = value.trim().parse::<u64>().ok();
                    if number.is_none() {
                        problems.push(format!("{key}={value:?} is not a whole number of pixels"));
                    }
                    if key == "w" {
                        initial.width = number
                    } else {
                        initial.height = number
                    }
                    initial.sample = None;
                }
                _ => {}
            }
        }
        if !problems.is_empty() {
            initial.notice = Some(format!("The link could not be used as is: {}.", problems.join("; ")));
        }
        initial
    }
}

/// The query string for the current state.
pub fn to_query(model: &Model, width: Option<u64>, height: Option<u64>) -> String {
    let side = |v: Option<u64>| v.map(|v| v.to_string()).unwrap_or_default();
    format!("?model={}&w={}&h={}", encode(model.id), side(width), side(height))
}

/// Percent-decoding of a query value (`+` is a space).
fn decode(value: &str) -> String {
    let bytes = value.as_bytes();
    let hex = |b: u8| (b as char).to_digit(16).map(|d| d as u8);
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = match bytes.get(i..i + 3) {
            Some([b'%', hi, lo]) => hex(*hi).zip(hex(*lo)).map(|(h, l)| h * 16 + l),
            _ => None,
        };
        match (escaped, bytes[i]) {
            (Some(b), _) => {
                out.push(b);
                i += 3;
            }
            (None, b'+') => {
                out.push(b' ');
                i += 1;
            }
            (None, b) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Percent-encoding of a model id: letters, digits and `-._~/` stay as they are.
fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_link_sets_model_and_size_and_skips_the_sample() {
        let i = Initial::from_query("?model=google%2Fgemma-3-4b-it&w=1920&h=1080");
        assert_eq!(i.model.id, "google/gemma-3-4b-it");
        assert_eq!((i.width, i.height), (Some(1920), Some(1080)));
        assert_eq!(i.sample, None);
        assert_eq!(i.notice, None);
    }

    #[test]
    fn no_query_starts_on_the_sample() {
        let i = Initial::from_query("");
        assert_eq!(i.sample, Some(DEFAULT_SAMPLE));
        assert_eq!(i.notice, None);
    }

    #[test]
    fn bad_values_are_named_in_a_notice_and_never_panic() {
        let i = Initial::from_query("?model=nope&w=abc&h=%ZZ&&=&w");
        assert_eq!(i.model.id, DEFAULT_MODEL);
        let notice = i.notice.unwrap();
        assert!(notice.contains("unknown model \"nope\""), "{notice}");
        assert!(notice.contains("w=\"abc\""), "{notice}");
        assert_eq!(i.width, None);
        for q in ["%", "%4", "w=%", "model=%E2%82", "h=99999999999999999999999"] {
            let _ = Initial::from_query(q);
        }
    }

    #[test]
    fn the_query_round_trips() {
        let m = models::find("llava-hf/llava-onevision-qwen2-7b-ov-hf").unwrap();
        let q = to_query(m, Some(800), Some(600));
        let i = Initial::from_query(&q);
        assert_eq!((i.model.id, i.width, i.height), (m.id, Some(800), Some(600)));
    }
}
