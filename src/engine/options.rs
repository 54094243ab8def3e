//! Per-request options, checked against the model they are meant for.

use serde_json::{Map, Value};

use super::error::{EngineError, MAX_PIXELS};
use super::models::{ApiFormula, DynamicResize, DynamicSpec, Model, Strategy, TileSelection};

/// Options a caller may set; `None` keeps the checkpoint's default.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Options {
    /// Qwen models: the smallest area `smart_resize` scales up to.
    pub min_pixels: Option<u64>,
    /// Qwen models: the largest area `smart_resize` scales down to.
    pub max_pixels: Option<u64>,
    /// InternVL: the most tiles an image is cut into (the thumbnail not counted).
    pub max_tiles: Option<u32>,
    /// LLaVA-OneVision: N of `anyres_max_N`, the crops' worth of features kept before the grid is
    /// shrunk.
    pub max_crops: Option<u32>,
    /// OpenAI GPT-4o: `low` or `high` (`auto` is `high` for the count).
    pub detail: Option<Detail>,
    /// Gemma 3: also encode pan-and-scan crops of an elongated image.
    pub pan_and_scan: Option<bool>,
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
            Self::Text(t) => write!(f, "\"{t}\""),
            Self::Other(o) => f.write_str(o),
        }
    }
}

/// OpenAI's `detail` setting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Detail {
    Low,
    High,
}

/// Whether `model` has the option `name`.
pub fn applies(model: &Model, name: &str) -> bool {
    match (name, &model.strategy) {
        ("min_pixels" | "max_pixels", Strategy::Dynamic(spec)) => matches!(spec.resize, DynamicResize::Smart { .. }),
        ("max_tiles", Strategy::Tiled(spec)) => matches!(spec.selection, TileSelection::ClosestAspect { .. }),
        ("max_crops", Strategy::AnyRes(spec)) => spec.max_crops.is_some(),
        ("pan_and_scan", Strategy::Fixed(spec)) => spec.pan_and_scan.is_some(),
        ("detail", Strategy::Api(formula)) => matches!(formula, ApiFormula::OpenAiTiles { .. }),
        _ => false,
    }
}

/// The most tiles `max_tiles` (or crops `max_crops`) may ask for.
pub const MAX_TILES: u32 = 64;

const KNOWN: &str = "known: min_pixels, max_pixels, max_tiles, max_crops, detail, pan_and_scan";

impl Options {
    /// Reads options from a JSON object such as `{"max_pixels": 1003520}`; unknown names and
    /// values of the wrong type are errors naming the problem.
    pub fn from_json(map: &Map<String, Value>) -> Result<Self, EngineError> {
        let mut options = Self::default();
        for (name, value) in map {
            let value = match (value.as_u64(), value) {
                (Some(n), _) => OptionValue::Number(n),
                (None, Value::Bool(b)) => OptionValue::Bool(*b),
                (None, Value::String(s)) => OptionValue::Text(s.clone()),
                (None, other) => OptionValue::Other(other.to_string()),
            };
            options.set(name, value)?;
        }
        Ok(options)
    }

    /// Sets the option `name` to `value`; an unknown name or a value of the wrong type is an error
    /// naming the problem (the JSON reader above and the page's link both come here).
    pub fn set(&mut self, name: &str, value: OptionValue) -> Result<(), EngineError> {
        let wrong = |expected: &str| EngineError::InvalidOption {
            name: name.to_owned(),
            reason: format!("expected {expected}, got {value}"),
        };
        match (name, &value) {
            ("min_pixels", OptionValue::Number(n)) => self.min_pixels = Some(*n),
            ("max_pixels", OptionValue::Number(n)) => self.max_pixels = Some(*n),
            ("max_tiles", OptionValue::Number(n)) => self.max_tiles = Some(u32::try_from(*n).unwrap_or(u32::MAX)),
            ("max_crops", OptionValue::Number(n)) => self.max_crops = Some(u32::try_from(*n).unwrap_or(u32::MAX)),
            ("min_pixels" | "max_pixels" | "max_tiles" | "max_crops", _) => return Err(wrong("a whole number")),
            ("pan_and_scan", OptionValue::Bool(b)) => self.pan_and_scan = Some(*b),
            ("pan_and_scan", _) => return Err(wrong("true or false")),
            ("detail", OptionValue::Text(t)) if t == "low" => self.detail = Some(Detail::Low),
            ("detail", OptionValue::Text(t)) if t == "high" || t == "auto" => self.detail = Some(Detail::High),
            ("detail", _) => return Err(wrong("\"low\", \"high\" or \"auto\"")),
            _ => {
                return Err(EngineError::InvalidOption {
                    name: name.to_owned(),
                    reason: format!("unknown option ({KNOWN})"),
                });
            }
        }
        Ok(())
    }

    /// These options without the ones `model` does not have (the page keeps every control's value
    /// while the reader switches models; each model takes what applies to it).
    pub fn applicable_to(&self, model: &Model) -> Self {
        Self {
            min_pixels: self.min_pixels.filter(|_| applies(model, "min_pixels")),
            max_pixels: self.max_pixels.filter(|_| applies(model, "max_pixels")),
            max_tiles: self.max_tiles.filter(|_| applies(model, "max_tiles")),
            max_crops: self.max_crops.filter(|_| applies(model, "max_crops")),
            pan_and_scan: self.pan_and_scan.filter(|_| applies(model, "pan_and_scan")),
            detail: self.detail.filter(|_| applies(model, "detail")),
        }
    }

    /// Checks that every option set applies to `model` and has a usable value.
    pub fn check_for(&self, model: &Model) -> Result<(), EngineError> {
        let invalid = |name: &str, reason: String| EngineError::InvalidOption { name: name.into(), reason };
        let set = [
            ("min_pixels", self.min_pixels.is_some()),
            ("max_pixels", self.max_pixels.is_some()),
            ("max_tiles", self.max_tiles.is_some()),
            ("max_crops", self.max_crops.is_some()),
            ("pan_and_scan", self.pan_and_scan.is_some()),
            ("detail", self.detail.is_some()),
        ];
        if let Some((name, _)) = set.iter().find(|(name, on)| *on && !applies(model, name)) {
            return Err(invalid(name, format!("{} has no {name} option", model.id)));
        }
        for (name, value) in [("min_pixels", self.min_pixels), ("max_pixels", self.max_pixels)] {
            if let Some(value) = value.filter(|v| *v == 0 || *v > MAX_PIXELS) {
                return Err(invalid(name, format!("must be between 1 and {MAX_PIXELS}, got {value}")));
            }
        }
        if let Strategy::Dynamic(DynamicSpec { resize: DynamicResize::Smart { min_pixels, max_pixels, .. }, .. }) =
            &model.strategy
        {
            let min = self.min_pixels.unwrap_or(*min_pixels);
            let max = self.max_pixels.unwrap_or(*max_pixels);
            if min > max {
                return Err(invalid("min_pixels", format!("min_pixels {min} is above max_pixels {max}")));
            }
        }
        if let (Some(tiles), Strategy::Tiled(spec)) = (self.max_tiles, &model.strategy)
            && let TileSelection::ClosestAspect { min_tiles, .. } = spec.selection
            && (tiles < min_tiles || tiles > MAX_TILES)
        {
            return Err(invalid("max_tiles", format!("must be between {min_tiles} and {MAX_TILES}, got {tiles}")));
        }
        if let Some(crops) = self.max_crops.filter(|c| *c < 1 || *c > MAX_TILES) {
            return Err(invalid("max_crops", format!("must be between 1 and {MAX_TILES}, got {crops}")));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn from(json: &str) -> Result<Options, String> {
        let map: Map<String, Value> = serde_json::from_str(json).unwrap();
        Options::from_json(&map).map_err(|e| e.to_string())
    }

    #[test]
    fn values_of_the_wrong_type_are_named_with_what_was_expected() {
        assert_eq!(
            from(r#"{"max_pixels": 1003520, "pan_and_scan": true, "detail": "auto"}"#).unwrap(),
            Options {
                max_pixels: Some(1_003_520),
                pan_and_scan: Some(true),
                detail: Some(Detail::High),
                ..Options::default()
            }
        );
        for (json, message) in [
            (r#"{"max_pixels": "many"}"#, r#"option "max_pixels": expected a whole number, got "many""#),
            (r#"{"max_tiles": -5}"#, r#"option "max_tiles": expected a whole number, got -5"#),
            (r#"{"min_pixels": 1.5}"#, r#"option "min_pixels": expected a whole number, got 1.5"#),
            (r#"{"pan_and_scan": 1}"#, r#"option "pan_and_scan": expected true or false, got 1"#),
            (r#"{"detail": "medium"}"#, r#"option "detail": expected "low", "high" or "auto", got "medium""#),
            (r#"{"detail": null}"#, r#"option "detail": expected "low", "high" or "auto", got null"#),
            (
                r#"{"zoom": 2}"#,
                r#"option "zoom": unknown option (known: min_pixels, max_pixels, max_tiles, max_crops, detail, pan_and_scan)"#,
            ),
        ] {
            assert_eq!(from(json).unwrap_err(), message, "{json}");
        }
        // The page's link sets options one at a time through the same checks.
        let mut o = Options::default();
        assert!(o.set("max_crops", OptionValue::Text("9".into())).is_err());
        o.set("max_crops", OptionValue::Number(9)).unwrap();
        assert_eq!(o.max_crops, Some(9));
    }
}
