//! What a catalogue entry is: a checkpoint's identity (id, name, family, release, size, context
//! window), the family strategy and processor values its count uses, the reference it follows,
//! and its architecture for the cost model. The entries themselves are data, in
//! `catalogue/`; the families are code, one module each.

use super::anyres::{self, AnyResSpec};
use super::api::{self, ApiFormula};
use super::dynamic::{self, DynamicSpec};
use super::dynamic_hd::{self, DynamicHdSpec};
use super::error::EngineError;
use super::fixed::{self, FixedSpec};
use super::options::{Knob, Options};
use super::overlap::{self, OverlapSpec};
use super::plan::{Head, Merge, MergeSite, StrategyKind};
use super::shapes::Shape;
use super::sliced::{self, SlicedSpec};
use super::split_tiles::{self, SplitTilesSpec};
use super::tiled::{self, TiledSpec};
use super::unpadded::{self, UnpaddedSpec};

/// One checkpoint of the catalogue.
#[derive(Debug)]
pub struct Model {
    /// Hugging Face id (for hosted models: provider/model).
    pub id: &'static str,
    /// Short name for labels.
    pub name: &'static str,
    /// The model family, as readers know it ("Qwen2.5-VL").
    pub family: &'static str,
    /// When the checkpoint was published.
    pub released: Month,
    /// Published parameter count, where the publisher states one.
    pub params: Option<Params>,
    /// Tokens the language model is configured for: its `max_position_embeddings`, or the
    /// provider's documented context window.
    pub context: Option<u32>,
    pub strategy: Strategy,
    pub reference: Reference,
    /// The architecture the cost model works from (open models whose shape is pinned).
    pub shape: Option<Shape>,
    /// Values of this entry that could not be pinned to a public source: while any is listed,
    /// the page and the command line call its count approximate.
    pub unpinned: &'static [&'static str],
}

/// Catalogue entries are the same model when their ids are.
impl PartialEq for Model {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

impl Eq for Model {}

/// A calendar month.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Month {
    pub year: u16,
    /// 1 to 12.
    pub month: u8,
}

impl Month {
    pub const fn new(year: u16, month: u8) -> Self {
        Self { year, month }
    }
}

impl std::fmt::Display for Month {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}-{:02}", self.year, self.month)
    }
}

/// A published parameter count, in billions.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Params {
    pub total_b: f64,
    /// For a mixture of experts: the parameters active per token.
    pub active_b: Option<f64>,
}

impl Params {
    pub const fn dense(total_b: f64) -> Self {
        Self { total_b, active_b: None }
    }
}

impl std::fmt::Display for Params {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}B", self.total_b)?;
        match self.active_b {
            Some(active) => write!(f, " ({active}B active)"),
            None => Ok(()),
        }
    }
}

/// Where a model's arithmetic comes from.
#[derive(Debug)]
pub struct Reference {
    /// File in `transformers/src/transformers/` (for API models: the provider's documentation).
    pub file: &'static str,
    /// Function or method in that file.
    pub function: &'static str,
    /// The checkpoint configuration the numbers come from, and where each value was found.
    pub config: &'static str,
}

impl Model {
    /// What a plan records of the model it was made for.
    pub fn head(&self) -> Head {
        let (factor, site) = self.strategy.merge();
        Head {
            model: self.id,
            strategy: self.strategy.kind(),
            patch: self.strategy.patch(),
            merge: Merge { factor, site },
        }
    }

    /// The options this entry takes, with its checkpoint's defaults.
    pub fn knobs(&self) -> Vec<Knob> {
        match &self.strategy {
            Strategy::Fixed(spec) => fixed::knobs(spec),
            Strategy::Dynamic(spec) => dynamic::knobs(spec),
            Strategy::AnyRes(spec) => anyres::knobs(spec),
            Strategy::Tiled(spec) => tiled::knobs(spec),
            Strategy::Sliced(spec) => sliced::knobs(spec),
            Strategy::Overlap(spec) => overlap::knobs(spec),
            Strategy::Unpadded(spec) => unpadded::knobs(spec),
            Strategy::DynamicHd(spec) => dynamic_hd::knobs(spec),
            Strategy::SplitTiles(spec) => split_tiles::knobs(spec),
            Strategy::Api(formula) => api::knobs(*formula),
        }
    }

    /// Whether this entry's count rests on values that could not be pinned.
    pub fn approximate(&self) -> bool {
        !self.unpinned.is_empty()
    }

    /// Why this entry's count is approximate ("approximate: ... not pinned"), when it is.
    pub fn approximation(&self) -> Option<String> {
        self.approximate().then(|| format!("approximate: {} not pinned", self.unpinned.join(", ")))
    }

    /// Whether every word of `query` occurs in the id, name or family, ignoring case (the model
    /// picker's search: "qwen 3.5", "gemma-4", "internvl").
    pub fn matches(&self, query: &str) -> bool {
        let haystack = format!("{} {} {}", self.id, self.name, self.family).to_lowercase();
        query.to_lowercase().split_whitespace().all(|word| haystack.contains(word))
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::CATALOGUE;

    fn found(query: &str) -> Vec<&'static str> {
        CATALOGUE.iter().filter(|m| m.matches(query)).map(|m| m.id).collect()
    }

    #[test]
    fn the_picker_search_matches_id_name_or_family_word_by_word() {
        // By name, by a piece of the id, by family, ignoring case and word order.
        assert!(found("qwen3.5").contains(&"Qwen/Qwen3.5-27B"));
        assert!(found("ZAI-ORG/glm-4.6").contains(&"zai-org/GLM-4.6V"));
        assert!(found("smolvlm").len() >= 2);
        assert_eq!(found("llava onevision"), found("onevision LLAVA"));
        assert!(found("onevision llava").contains(&"llava-hf/llava-onevision-qwen2-7b-ov-hf"));
        // Every word must match: a word no entry holds empties the list.
        assert!(found("qwen zzzz").is_empty());
        // An empty query keeps every model.
        assert_eq!(found("  ").len(), CATALOGUE.len());
    }
}

/// The resize/tiling strategies, one variant per family.
#[derive(Debug)]
pub enum Strategy {
    /// Resize to a fixed square (squish, or short side then centre crop), cut into patches,
    /// optionally pool: the same count for every image.
    Fixed(FixedSpec),
    /// Keep the aspect ratio, fit each side to the token size within area or edge limits, merge
    /// neighbouring patches (Qwen's `smart_resize`, Pixtral's longest edge).
    Dynamic(DynamicSpec),
    /// LLaVA-NeXT/OneVision AnyRes: choose among candidate resolutions, encode crops and a global
    /// view, drop padding, add a newline vector per row (`select_best_resolution` + unpadding).
    AnyRes(AnyResSpec),
    /// Tiles of a fixed size chosen by aspect ratio (InternVL), by scale (Llama 3.2 Vision) or by
    /// rounding the resized image up to whole tiles (Idefics3, SmolVLM), with or without a
    /// thumbnail.
    Tiled(TiledSpec),
    /// A source view plus slices of about the same area (MiniCPM-V).
    Sliced(SlicedSpec),
    /// A low-resolution view plus overlapping crops pooled as one grid (Molmo2).
    Overlap(OverlapSpec),
    /// A padded square encoded at fixed resolutions into one square feature grid, unpadded back
    /// to the image's aspect ratio, a newline embedding per row (Cambrian-1).
    Unpadded(UnpaddedSpec),
    /// A canvas of crops fitted to the image (aspect kept, padded), their tokens joined into one
    /// grid without its padding, plus the canvas squished as a global view (Phi-4-multimodal).
    DynamicHd(DynamicHdSpec),
    /// The image resized alone to a token budget, or, past a tolerance of that area, split into
    /// tiles on the closest-aspect grid plus that resize as a thumbnail (LFM2-VL).
    SplitTiles(SplitTilesSpec),
    /// A hosted model's documented token formula (no open processor to follow).
    Api(ApiFormula),
}

impl Strategy {
    /// Which of the explainer's three strategies this is (tiling counts as AnyRes).
    pub fn kind(&self) -> StrategyKind {
        match self {
            Self::Fixed(_) | Self::Unpadded(_) => StrategyKind::Fixed,
            Self::Dynamic(_) => StrategyKind::Dynamic,
            Self::AnyRes(_)
            | Self::Tiled(_)
            | Self::Sliced(_)
            | Self::Overlap(_)
            | Self::DynamicHd(_)
            | Self::SplitTiles(_) => StrategyKind::AnyRes,
            Self::Api(_) => StrategyKind::Api,
        }
    }

    /// ViT patch side in pixels.
    pub fn patch(&self) -> u32 {
        match self {
            Self::Fixed(s) => s.patch,
            Self::Dynamic(s) => s.patch,
            Self::AnyRes(s) => s.patch,
            Self::Tiled(s) => s.patch,
            Self::Sliced(s) => s.patch,
            Self::Overlap(s) => s.patch,
            Self::Unpadded(s) => s.patch,
            Self::DynamicHd(s) => s.patch,
            Self::SplitTiles(s) => s.patch,
            Self::Api(f) => f.cell(),
        }
    }

    /// Checks the options' values together, where a family's knobs depend on each other (Qwen's
    /// `min_pixels` may not exceed `max_pixels`).
    pub fn check(&self, options: &Options) -> Result<(), EngineError> {
        match self {
            Self::Dynamic(spec) => dynamic::check(spec, options),
            Self::SplitTiles(spec) => split_tiles::check(spec, options),
            _ => Ok(()),
        }
    }

    /// Patches per token along each side, and where they are merged.
    pub fn merge(&self) -> (u32, MergeSite) {
        match self {
            Self::Fixed(s) if s.pool > 1 => (s.pool, MergeSite::AveragePooling),
            Self::Dynamic(s) if s.merge > 1 => (s.merge, s.merge_site),
            Self::Tiled(s) if s.merge > 1 => (s.merge, s.merge_site),
            // MiniCPM-V's 16x: a merger inside the ViT, then another 2x2 in the projector.
            Self::Sliced(_) => (4, MergeSite::EncoderMerger),
            Self::Overlap(s) => (s.pool, MergeSite::AveragePooling),
            Self::DynamicHd(s) => (s.pool, MergeSite::AveragePooling),
            // LFM2-VL's connector: pixel unshuffle, then a 2-layer MLP.
            Self::SplitTiles(s) if s.downsample > 1 => (s.downsample, MergeSite::PixelShuffle),
            _ => (1, MergeSite::None),
        }
    }
}
