//! Per-request options, checked against the model they are meant for.

use serde_json::{Map, Value};

use super::error::{EngineError, MAX_PIXELS};
use super::models::{ApiFormula, DynamicResize, Model, Strategy, TileSelection};

/// Options a caller may set; `None` keeps the checkpoint's default.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Options {
    /// Qwen models: the smallest area `smart_resize` scales up to.
    pub min_pixels: Option<u64>,
    /// Qwen models: the largest area `smart_resize` scales down to.
    pub max_pixels: Option<u64>,
    /// InternVL: the most tiles an image is cut into (the thumbnail not counted).
    pub max_tiles: Option<u32>,
    /// OpenAI GPT-4o: `low` or `high` (`auto` is `high` for the count).
    pub detail: Option<Detail>,
}

/// OpenAI's `detail` setting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Detail {
    Low,
    High,
}

/// The most tiles `max_tiles` may ask for.
pub const MAX_TILES: u32 = 64;

const KNOWN: &str = "known: min_pixels, max_pixels, max_tiles, detail";

impl Options {
    /// Reads options from a JSON object such as `{"max_pixels": 1003520}`; unknown names and
    /// values of the wrong type are errors naming the problem.
    pub fn from_json(map: &Map<String, Value>) -> Result<Self, EngineError> {
        let mut options = Self::default();
        for (name, value) in map {
            let number = || {
                value.as_u64().ok_or_else(|| EngineError::InvalidOption {
                    name: name.clone(),
                    reason: format!("expected a whole number, got {value}"),
                })
            };
            match name.as_str() {
                "min_pixels" => options.min_pixels = Some(number()?),
                "max_pixels" => options.max_pixels = Some(number()?),
                "max_tiles" => options.max_tiles = Some(u32::try_from(number()?).unwrap_or(u32::MAX)),
                "detail" => {
                    options.detail = Some(match value.as_str() {
                        Some("low") => Detail::Low,
                        Some("high" | "auto") => Detail::High,
                        _ => {
                            return Err(EngineError::InvalidOption {
                                name: name.clone(),
                                reason: format!("expected \"low\", \"high\" or \"auto\", got {value}"),
                            });
                        }
                    })
                }
                _ => {
                    return Err(EngineError::InvalidOption {
                        name: name.clone(),
                        reason: format!("unknown option ({KNOWN})"),
                    });
                }
            }
        }
        Ok(options)
    }

    /// Checks that every option set applies to `model` and has a usable value.
    pub fn check_for(&self, model: &Model) -> Result<(), EngineError> {
        let invalid = |name: &str, reason: String| EngineError::InvalidOption { name: name.into(), reason };
        let smart = match &model.strategy {
            Strategy::Dynamic(spec) => match spec.resize {
                DynamicResize::Smart { min_pixels, max_pixels, .. } => Some((min_pixels, max_pixels)),
                DynamicResize::LongestEdge { .. } => None,
            },
            _ => None,
        };
        for (name, value) in [("min_pixels", self.min_pixels), ("max_pixels", self.max_pixels)] {
            let Some(value) = value else { continue };
            if smart.is_none() {
                return Err(invalid(name, format!("{} does not use smart_resize, so it has no {name}", model.id)));
            }
            if value == 0 || value > MAX_PIXELS {
                return Err(invalid(name, format!("must be between 1 and {MAX_PIXELS}, got {value}")));
            }
        }
        if let Some((min_default, max_default)) = smart {
            let min = self.min_pixels.unwrap_or(min_default);
            let max = self.max_pixels.unwrap_or(max_default);
            if min > max {
                return Err(invalid("min_pixels", format!("min_pixels {min} is above max_pixels {max}")));
            }
        }
        if let Some(tiles) = self.max_tiles {
            let Strategy::Tiled(spec) = &model.strategy else {
                return Err(invalid("max_tiles", format!("{} does not cut images into tiles by max_tiles", model.id)));
            };
            let TileSelection::ClosestAspect { min_tiles, .. } = spec.selection else {
                return Err(invalid("max_tiles", format!("{} has a fixed tile budget", model.id)));
            };
            if tiles < min_tiles || tiles > MAX_TILES {
                return Err(invalid("max_tiles", format!("must be between {min_tiles} and {MAX_TILES}, got {tiles}")));
            }
        }
        if self.detail.is_some() && !matches!(model.strategy, Strategy::Api(ApiFormula::OpenAiTiles { .. })) {
            return Err(invalid(
                "detail",
                format!("{} has no detail setting (only OpenAI's tile-based models do)", model.id),
            ));
        }
        Ok(())
    }
}
