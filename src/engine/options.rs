//! Knobs and options. A family declares its knobs ([`Knob`]: name, range, default, meaning, the
//! processor argument it mirrors); a caller's [`Options`] are values by knob name. The options
//! form, the link and the command line are all built from the declarations, so a new knob is
//! one declaration in its family's module.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

/// The values a knob takes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum KnobKind {
    /// A whole number in `min..=max`.
    Whole { min: u64, max: u64 },
    /// On or off.
    Flag,
    /// One of these words.
    Choice(&'static [&'static str]),
}

/// A knob's value as the catalogue states it (its default).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum KnobValue {
    Whole(u64),
    Flag(bool),
    Choice(&'static str),
}

impl std::fmt::Display for KnobValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Whole(n) => write!(f, "{n}"),
            Self::Flag(b) => write!(f, "{b}"),
            Self::Choice(c) => f.write_str(c),
        }
    }
}

/// One option a family offers for a catalogue entry.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Knob {
    /// The option's name in JSON, links and on the page (`max_pixels`).
    pub name: &'static str,
    pub kind: KnobKind,
    /// The checkpoint's own value, which applies while the option is not set.
    pub default: KnobValue,
    /// What it does, in a sentence.
    pub meaning: &'static str,
    /// The processor argument (or API parameter) it mirrors, by its name there.
    pub mirrors: &'static str,
}

impl Knob {
    /// Why `value` is not a value of this knob, or `None` when it is.
    pub fn refuse(&self, value: &OptionValue) -> Option<String> {
        match (self.kind, value) {
            (KnobKind::Whole { min, max }, OptionValue::Number(n)) => {
                (*n < min || *n > max).then(|| format!("must be between {min} and {max}, got {n}"))
            }
            (KnobKind::Whole { .. }, _) => Some(format!("expected a whole number, got {value}")),
            (KnobKind::Flag, OptionValue::Bool(_)) => None,
            (KnobKind::Flag, _) => Some(format!("expected true or false, got {value}")),
            (KnobKind::Choice(words), OptionValue::Text(t)) if words.contains(&t.as_str()) => None,
            (KnobKind::Choice(words), _) => Some(format!("expected {}, got {value}", one_of(words))),
        }
    }
}

impl Knob {
    /// The knob's name, and the processor's own name for it where that differs
    /// (`max_crops (anyres_max_N)`).
    pub fn label(&self) -> String {
        if self.mirrors == self.name { self.name.to_owned() } else { format!("{} ({})", self.name, self.mirrors) }
    }

    /// A value written as text (a link's `max_pixels=1003520`) read as this knob's kind of value;
    /// `None` when it is not one (a flag is on for `1`, `true` or nothing, else off).
    pub fn parse(&self, text: &str) -> Option<OptionValue> {
        match self.kind {
            KnobKind::Whole { .. } => text.trim().parse().ok().map(OptionValue::Number),
            KnobKind::Flag => Some(OptionValue::Bool(matches!(text, "1" | "true" | ""))),
            KnobKind::Choice(_) => Some(OptionValue::Text(text.to_owned())),
        }
    }
}

impl OptionValue {
    /// The value as a link writes it (a flag as `1` or `0`).
    pub fn to_text(&self) -> String {
        match self {
            Self::Bool(b) => u8::from(*b).to_string(),
            Self::Text(t) | Self::Other(t) => t.clone(),
            Self::Number(n) => n.to_string(),
        }
    }
}

/// `"a", "b" or "c"`.
fn one_of(words: &[&str]) -> String {
    let quoted: Vec<String> = words.iter().map(|w| format!("{w:?}")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => quoted.concat(),
    }
}

/// One option's value as a caller gives it.
#[derive(Clone, Debug, PartialEq)]
pub enum OptionValue {
    /// A whole number that fits a `u64`.
    Number(u64),
    Bool(bool),
    Text(String),
    /// Anything else (a negative or fractional number, null, a list), as it was written.
    Other(String),
}

impl std::fmt::Display for OptionValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Number(n) => write!(f, "{n}"),
            Self::Bool(b) => write!(f, "{b}"),
            Self::Text(t) => write!(f, "{t:?}"),
            Self::Other(o) => f.write_str(o),
        }
    }
}

impl From<u64> for OptionValue {
    fn from(n: u64) -> Self {
        Self::Number(n)
    }
}

impl From<bool> for OptionValue {
    fn from(b: bool) -> Self {
        Self::Bool(b)
    }
}

impl From<&str> for OptionValue {
    fn from(t: &str) -> Self {
        Self::Text(t.to_owned())
    }
}

/// The options a caller set, by knob name; a name not set keeps the checkpoint's default. Values
/// are judged against the model they are used with (`Options::check_for` in `models`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Options {
    values: BTreeMap<String, OptionValue>,
}

impl Options {
    /// Reads options from a JSON object such as `{"max_pixels": 1003520}`.
    pub fn from_json(map: &Map<String, Value>) -> Self {
        let mut options = Self::default();
        for (name, value) in map {
            let value = match (value.as_u64(), value) {
                (Some(n), _) => OptionValue::Number(n),
                (None, Value::Bool(b)) => OptionValue::Bool(*b),
                (None, Value::String(s)) => OptionValue::Text(s.clone()),
                (None, other) => OptionValue::Other(other.to_string()),
            };
            options.set(name, value);
        }
        options
    }

    /// These options with `name` set to `value`.
    pub fn with(mut self, name: &str, value: impl Into<OptionValue>) -> Self {
        self.set(name, value.into());
        self
    }

    pub fn set(&mut self, name: &str, value: OptionValue) {
        self.values.insert(name.to_owned(), value);
    }

    /// Unsets `name`: the checkpoint's default applies again.
    pub fn unset(&mut self, name: &str) {
        self.values.remove(name);
    }

    pub fn get(&self, name: &str) -> Option<&OptionValue> {
        self.values.get(name)
    }

    /// Every option set, by name.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &OptionValue)> {
        self.values.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// These options and every one `other` sets (`other` wins).
    pub fn merged(mut self, other: &Options) -> Self {
        for (name, value) in other.iter() {
            self.set(name, value.clone());
        }
        self
    }

    /// These options with only the names `keep` accepts.
    pub fn filtered(&self, mut keep: impl FnMut(&str) -> bool) -> Self {
        Self { values: self.values.iter().filter(|(k, _)| keep(k)).map(|(k, v)| (k.clone(), v.clone())).collect() }
    }

    /// The whole-number option `name`, if set to one.
    pub fn whole(&self, name: &str) -> Option<u64> {
        match self.get(name) {
            Some(OptionValue::Number(n)) => Some(*n),
            _ => None,
        }
    }

    /// The on/off option `name`, if set to one.
    pub fn flag(&self, name: &str) -> Option<bool> {
        match self.get(name) {
            Some(OptionValue::Bool(b)) => Some(*b),
            _ => None,
        }
    }

    /// The word option `name`, if set to one.
    pub fn word(&self, name: &str) -> Option<&str> {
        match self.get(name) {
            Some(OptionValue::Text(t)) => Some(t),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_knob_names_what_it_expects() {
        let whole = Knob {
            name: "max_tiles",
            kind: KnobKind::Whole { min: 1, max: 64 },
            default: KnobValue::Whole(12),
            meaning: "",
            mirrors: "max_tiles",
        };
        assert_eq!(whole.refuse(&OptionValue::Number(12)), None);
        assert_eq!(whole.label(), "max_tiles");
        assert_eq!(Knob { mirrors: "max_patches", ..whole }.label(), "max_tiles (max_patches)");
        assert_eq!(whole.refuse(&OptionValue::Number(0)).unwrap(), "must be between 1 and 64, got 0");
        assert_eq!(whole.refuse(&"9".into()).unwrap(), r#"expected a whole number, got "9""#);
        let choice = Knob { kind: KnobKind::Choice(&["auto", "low", "high"]), ..whole };
        assert_eq!(choice.refuse(&"low".into()), None);
        assert_eq!(
            choice.refuse(&OptionValue::Other("null".into())).unwrap(),
            r#"expected "auto", "low" or "high", got null"#
        );
        let flag = Knob { kind: KnobKind::Flag, ..whole };
        assert_eq!(flag.refuse(&OptionValue::Number(1)).unwrap(), "expected true or false, got 1");
    }

    #[test]
    fn json_values_keep_their_type() {
        let map: Map<String, Value> =
            serde_json::from_str(r#"{"max_pixels": 1003520, "pan_and_scan": true, "detail": "auto", "x": -5}"#)
                .unwrap();
        let o = Options::from_json(&map);
        assert_eq!(o.whole("max_pixels"), Some(1_003_520));
        assert_eq!(o.flag("pan_and_scan"), Some(true));
        assert_eq!(o.word("detail"), Some("auto"));
        assert_eq!(o.get("x"), Some(&OptionValue::Other("-5".into())));
        assert_eq!(o.whole("detail"), None);
    }
}
