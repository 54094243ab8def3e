//! The plan: everything the engine worked out for one image, so figures draw it and never
//! re-derive a number.

use serde::Serialize;

use super::geometry::{Grid, Rect, Size};

/// What the engine computed for one image and one model.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Plan {
    /// Hugging Face id of the model.
    pub model: &'static str,
    pub strategy: StrategyKind,
    /// The image as it came in.
    pub original: Size,
    /// The canvas the model's input lives on: the resized image, or for AnyRes the chosen
    /// resolution that the crops tile.
    pub frame: Size,
    /// Where the original image lands in `frame` (the whole frame unless it is padded).
    pub image_in_frame: Rect,
    pub resize: ResizeMode,
    /// Side of one ViT patch in pixels of the encoder's input.
    pub patch: u32,
    pub merge: Merge,
    /// Every image the vision encoder sees, in the order its tokens enter the sequence.
    pub views: Vec<View>,
    /// For AnyRes models: how the crop grid was chosen and what unpadding kept.
    pub anyres: Option<AnyResChoice>,
    /// The image's span of the language model's input, in order.
    pub sequence: Vec<Span>,
    /// Positions filled with image features (placeholder tokens, newline vectors included).
    pub feature_tokens: u64,
    /// Every position the image occupies in the sequence, delimiters and inserted text included.
    pub tokens_in_sequence: u64,
}

/// The three strategies the explainer is built around.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum StrategyKind {
    /// Fixed resize + pooling: every image becomes the same count.
    Fixed,
    /// Dynamic resolution + spatial merge: aspect kept, count grows with area.
    Dynamic,
    /// AnyRes / tiling: crops of a base resolution plus a global view.
    AnyRes,
}

impl StrategyKind {
    pub const ALL: [StrategyKind; 3] = [Self::Fixed, Self::Dynamic, Self::AnyRes];

    pub fn label(self) -> &'static str {
        match self {
            Self::Fixed => "Fixed resize + pooling",
            Self::Dynamic => "Dynamic resolution + merge",
            Self::AnyRes => "AnyRes / tiling",
        }
    }
}

/// How the original image is fitted to the encoder's input.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ResizeMode {
    /// Stretched to a fixed size, aspect ratio lost.
    Squish,
    /// Each side rounded to a multiple of the token size, aspect ratio kept (nearly).
    KeepAspect,
    /// Fitted inside the chosen resolution and padded around, aspect ratio kept.
    FitAndPad,
}

/// How many ViT patches become one language-model token, and where that happens.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Merge {
    /// Patches per token along each side (2 means 2x2 patches per token; 1 means none).
    pub factor: u32,
    pub site: MergeSite,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MergeSite {
    /// Every patch reaches the language model.
    None,
    /// An MLP in the vision encoder concatenates neighbouring patches (Qwen's patch merger).
    EncoderMerger,
    /// The connector average-pools the patch grid (Gemma 3's 4x4 pooling).
    AveragePooling,
}

/// One image the vision encoder sees.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct View {
    pub role: ViewRole,
    /// The area of the frame this view covers.
    pub rect: Rect,
    /// Pixel size the encoder receives for this view.
    pub input: Size,
    /// ViT patches of this view.
    pub patch_grid: Grid,
    /// Tokens this view yields before any AnyRes unpadding.
    pub token_grid: Grid,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum ViewRole {
    /// The whole (resized) image: the only view.
    Whole,
    /// A downscaled view of the whole image next to crops.
    Global,
    /// One crop of the AnyRes grid.
    Crop { row: u32, col: u32 },
}

/// How an AnyRes model chose its crops and what unpadding kept.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AnyResChoice {
    /// Every resolution the processor considered, in its order.
    pub candidates: Vec<Candidate>,
    /// Index of the chosen one in `candidates`.
    pub chosen: usize,
    /// Crops across and down.
    pub crop_grid: Grid,
    /// Feature cells of all crops together, before unpadding.
    pub feature_grid: Grid,
    /// Feature cells left after dropping the rows or columns that only hold padding.
    pub unpadded: Grid,
    /// The unpadded region in frame pixels.
    pub unpadded_rect: Rect,
    /// When the unpadded grid exceeds the model's budget it is shrunk by interpolation to this.
    pub shrunk: Option<Grid>,
}

/// One candidate resolution scored by `select_best_resolution`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Candidate {
    pub size: Size,
    /// Original pixels kept after fitting the image inside (capped at the original's pixels).
    pub effective: u64,
    /// Candidate pixels not used by the image.
    pub wasted: u64,
}

/// A run of identical-kind tokens in the sequence.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Span {
    pub kind: TokenKind,
    /// The token text (`<|image_pad|>`, `\n\n`) or, for feature runs, the placeholder.
    pub text: &'static str,
    /// What this run stands for, for a reader.
    pub label: &'static str,
    pub count: u64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TokenKind {
    /// Image feature vectors (placeholder positions).
    Image,
    /// Learned newline vectors at the end of each feature row (also placeholder positions).
    Newline,
    /// Special tokens that open or close the image.
    Delimiter,
    /// Plain text the processor inserts around the image.
    Text,
}

impl TokenKind {
    /// Whether positions of this kind hold image features.
    pub fn is_feature(self) -> bool {
        matches!(self, Self::Image | Self::Newline)
    }
}

impl Plan {
    /// Builds the totals from the sequence, so they can never disagree with it.
    pub(crate) fn totals(sequence: &[Span]) -> (u64, u64) {
        let features = sequence.iter().filter(|s| s.kind.is_feature()).map(|s| s.count).sum();
        let all = sequence.iter().map(|s| s.count).sum();
        (features, all)
    }

    /// ViT patches over all views.
    pub fn vit_patches(&self) -> u64 {
        self.views.iter().map(|v| v.patch_grid.cells()).sum()
    }
}
