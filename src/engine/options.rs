//! Per-request options, checked against the model they are meant for.

use serde_json::{Map, Value};

use super::error::{EngineError, MAX_PIXELS};
use super::models::{Model, Strategy};

/// Options a caller may set; `None` keeps the checkpoint's default.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Options {
    /// Dynamic models: the smallest area `smart_resize` scales up to.
    pub min_pixels: Option<u64>,
    /// Dynamic models: the largest area `smart_resize` scales down to.
    pub max_pixels: Option<u64>,
}

impl Options {
    /// Reads options from a JSON object such as `{"max_pixels": 1003520}`; unknown names and
    /// values of the wrong type are errors naming the problem.
    pub fn from_json(map: &Map<String, Value>) -> Result<Self, EngineError> {
        let mut options = Self::default();
        for (name, value) in map {
            let slot = match name.as_str() {
                "min_pixels" => &mut options.min_pixels,
                "max_pixels" => &mut options.max_pixels,
                _ => {
                    return Err(EngineError::InvalidOption {
                        name: name.clone(),
                        reason: "unknown option (known: min_pixels, max_pixels)".into(),
                    });
                }
            };
            *slot = Some(value.as_u64().ok_or_else(|| EngineError::InvalidOption {
                name: name.clone(),
                reason: format!("expected a whole number of pixels, got {value}"),
            })?);
        }
        Ok(options)
    }

    /// Checks that every option set applies to `model` and has a usable value.
    pub fn check_for(&self, model: &Model) -> Result<(), EngineError> {
        let invalid = |name: &str, reason: String| EngineError::InvalidOption { name: name.into(), reason };
        for (name, value) in [("min_pixels", self.min_pixels), ("max_pixels", self.max_pixels)] {
            let Some(value) = value else { continue };
            if !matches!(model.strategy, Strategy::Dynamic(_)) {
                return Err(invalid(name, format!("{} does not resize dynamically, so it has no {name}", model.id)));
            }
            if value == 0 || value > MAX_PIXELS {
                return Err(invalid(name, format!("must be between 1 and {MAX_PIXELS}, got {value}")));
            }
        }
        if let Strategy::Dynamic(spec) = &model.strategy {
            let min = self.min_pixels.unwrap_or(spec.min_pixels);
            let max = self.max_pixels.unwrap_or(spec.max_pixels);
            if min > max {
                return Err(invalid("min_pixels", format!("min_pixels {min} is above max_pixels {max}")));
            }
        }
        Ok(())
    }
}
