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
    /// For tiling models: how the tile grid was chosen.
    pub tiling: Option<TiledChoice>,
    /// The vision features reach the language model through cross-attention, not as tokens in the
    /// sequence (Llama 3.2 Vision): `feature_tokens` then counts those vision states.
    pub cross_attention: bool,
    /// What the processor does that a reader would not expect (upscaling a tiny image, cutting
    /// part of it away, spending tokens on padding), in words with the numbers.
    pub notes: Vec<String>,
    /// How the views' tokens are ordered in the sequence, for pointing from a pixel to its token
    /// and back.
    pub token_order: TokenOrder,
    /// The image's span of the language model's input, in order.
    pub sequence: Vec<Span>,
    /// Positions filled with image features (placeholder tokens, newline vectors included).
    pub feature_tokens: u64,
    /// Every position the image occupies in the sequence, delimiters and inserted text included.
    pub tokens_in_sequence: u64,
    /// Feature tokens (for a cross-attention model: vision states) whose pixels are all padding:
    /// what the padding costs. Cells that AnyRes unpadding dropped are not counted.
    pub padding_tokens: u64,
}

/// What a plan records of the model it is made for.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Head {
    /// Hugging Face id.
    pub model: &'static str,
    pub strategy: StrategyKind,
    /// ViT patch side in pixels.
    pub patch: u32,
    pub merge: Merge,
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
    /// Hosted models whose providers document a formula, not a processor.
    Api,
}

impl StrategyKind {
    pub const ALL: [StrategyKind; 4] = [Self::Fixed, Self::Dynamic, Self::AnyRes, Self::Api];

    pub fn label(self) -> &'static str {
        match self {
            Self::Fixed => "Fixed resize + pooling",
            Self::Dynamic => "Dynamic resolution + merge",
            Self::AnyRes => "AnyRes / tiling",
            Self::Api => "API (documented formulas)",
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
    /// Fitted inside the chosen resolution and padded, aspect ratio kept.
    FitAndPad,
    /// Short side scaled to the input size, then the centre cut out: the rest is discarded.
    CenterCrop,
    /// Stretched onto a grid of tiles chosen for its aspect ratio.
    SquishToTiles,
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
    /// The multimodal projector concatenates neighbouring patches (Mistral 3's patch merger): the
    /// encoder itself sees every patch.
    ProjectorMerger,
    /// The connector average-pools the patch grid (Gemma 3's 4x4 pooling).
    AveragePooling,
    /// The connector folds each 2x2 block of patches into the channels (InternVL's pixel shuffle).
    PixelShuffle,
    /// Strided convolutions inside the encoder shrink the patch grid (DeepSeek-OCR's 16x
    /// compressor between SAM and CLIP).
    ConvCompressor,
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
    /// One crop of the AnyRes grid, or one tile.
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

/// How a tiling model chose its tile grid.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TiledChoice {
    /// Every grid the processor considered, in its order.
    pub candidates: Vec<TileCandidate>,
    /// Index of the chosen one in `candidates`.
    pub chosen: usize,
    /// Tiles across and down.
    pub tile_grid: Grid,
    /// How the processor picked, in words, and what each candidate's score is.
    pub rule: ChoiceRule,
}

/// A tiling processor's rule for picking its grid, and the meaning of the candidates' scores.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct ChoiceRule {
    pub rule: &'static str,
    pub score: &'static str,
}

impl ChoiceRule {
    /// GOT-OCR2's `find_closest_aspect_ratio` and its copies (InternVL, Aya, Phi-4, LFM2).
    pub const CLOSEST_ASPECT: Self = Self {
        rule: "the aspect ratio closest to your image's; ties go to more tiles while the image fills them",
        score: "aspect gap",
    };
    /// mllama's and Llama 4's canvas choice.
    pub const LEAST_SCALING: Self =
        Self { rule: "the least upscaling (else the least downscaling), then the smallest canvas", score: "scale" };
}

/// One tile grid and its score: the aspect-ratio difference (InternVL, lower wins) or the scale
/// the image needs to fill it (Llama 3.2, the least upscaling wins).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct TileCandidate {
    pub grid: Grid,
    pub score: f64,
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

/// How a plan's tokens are ordered in its sequence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum TokenOrder {
    /// The first `views` views' token grids follow one another row by row after `lead` tokens;
    /// with `row_break`, one more token closes each row (Pixtral's `[IMG_BREAK]`).
    RowMajor { lead: u64, row_break: bool, views: usize },
    /// LLaVA AnyRes: the global view, then the crops as one unpadded (maybe shrunk) grid with a
    /// newline closing each row.
    AnyRes,
    /// Cambrian-1: the first view's token grid less the rows or columns unpadding dropped
    /// (`skipped` cells before the kept band on each axis), the `kept` cells row by row, each row
    /// closed by one position that is no image token (a learned newline embedding).
    Unpadded { skipped: Grid, kept: Grid },
    /// View k's token grid fills the k-th run of image tokens in the sequence, row by row (views
    /// separated by tags or text: Idefics3's tiles, Gemma 3's pan-and-scan crops).
    PerView,
    /// Phi-4-multimodal: the crops' token grids joined into one grid over the canvas, of which
    /// the top-left `kept` cells follow row by row (the rest cover only padding), each row closed
    /// by a newline; then `gap` tokens; then the global view (the last view) row by row, each row
    /// closed by a newline.
    Stitched { kept: Grid, gap: u64 },
    /// The features are not placeholders in the sequence (cross-attention, provider formulas).
    NotInSequence,
}

/// One language-model token: where it lies in the frame and where it sits in the image's span.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct TokenSpot {
    /// Index into `Plan::views`.
    pub view: usize,
    pub col: u32,
    pub row: u32,
    /// The pixels it covers, in frame coordinates.
    pub rect: Rect,
    /// Its index in the image's span of the sequence (0 = the span's first token).
    pub position: u64,
}

/// The views of a `grid` of square crops (or tiles) of `side` px, row by row, each encoded at
/// `side` x `side` with the given patch and token grids.
pub(crate) fn crop_views(grid: Grid, side: u32, patch_grid: Grid, token_grid: Grid) -> impl Iterator<Item = View> {
    (0..grid.rows).flat_map(move |row| {
        (0..grid.cols).map(move |col| View {
            role: ViewRole::Crop { row, col },
            rect: Rect::new(f64::from(col * side), f64::from(row * side), f64::from(side), f64::from(side)),
            input: Size::new(side, side),
            patch_grid,
            token_grid,
        })
    })
}

/// What a strategy decides; [`Plan::new`] adds what follows from the model and the sequence.
pub(crate) struct Layout {
    pub frame: Size,
    pub image_in_frame: Rect,
    pub resize: ResizeMode,
    pub views: Vec<View>,
    pub sequence: Vec<Span>,
}

impl Plan {
    /// A plan whose totals are summed from the sequence, so they can never disagree with it.
    pub(crate) fn new(head: Head, original: Size, layout: Layout) -> Self {
        let feature_tokens = layout.sequence.iter().filter(|s| s.kind.is_feature()).map(|s| s.count).sum();
        let tokens_in_sequence = layout.sequence.iter().map(|s| s.count).sum();
        // Tokens before the first image run: delimiters and inserted text.
        let lead = layout.sequence.iter().take_while(|s| s.kind != TokenKind::Image).map(|s| s.count).sum();
        Plan {
            model: head.model,
            strategy: head.strategy,
            original,
            frame: layout.frame,
            image_in_frame: layout.image_in_frame,
            resize: layout.resize,
            patch: head.patch,
            merge: head.merge,
            views: layout.views,
            anyres: None,
            tiling: None,
            cross_attention: false,
            notes: Vec::new(),
            token_order: TokenOrder::RowMajor { lead, row_break: false, views: 1 },
            sequence: layout.sequence,
            feature_tokens,
            tokens_in_sequence,
            padding_tokens: 0,
        }
        .with_notes()
    }

    /// The plan with `padding_tokens` counted (once the strategy has set the token order).
    pub(crate) fn with_padding_tokens(mut self) -> Self {
        self.padding_tokens = self.count_padding_tokens();
        self
    }

    fn with_notes(mut self) -> Self {
        let image = self.image_in_frame;
        let scale = (image.width / f64::from(self.original.width)).max(image.height / f64::from(self.original.height));
        if scale >= 1.5 {
            self.notes.push(format!(
                "The image is upscaled {}x to {}x{} px: the processor spends tokens on pixels the image does not have.",
                format!("{:.1}", scale),
                format!("{:.0}", image.width.round()),
                format!("{:.0}", image.height.round())
            ));
        }
        let frame_area = self.frame.area() as f64;
        let kept =
            (image.width.min(f64::from(self.frame.width)) * image.height.min(f64::from(self.frame.height))).max(0.0);
        if self.resize == ResizeMode::CenterCrop {
            let lost = 1.0 - kept / (image.width * image.height);
            if lost > 0.005 {
                self.notes.push(format!("The centre crop discards {}% of the image.", format!("{:.0}", lost * 100.0)));
            }
        } else if kept < frame_area * 0.995 {
            let (blind, all) = self.patches_on_padding();
            self.notes.push(format!(
                "{}% of the model's input is padding, encoded by the vision tower like real pixels: \
                 {blind} of its {all} patches see nothing but padding.",
                format!("{:.0}", (1.0 - kept / frame_area) * 100.0)
            ));
        }
        self
    }

    /// ViT patches of the crops and tiles that lie wholly outside the image, and all of theirs.
    fn patches_on_padding(&self) -> (u64, u64) {
        let image = self.image_in_frame;
        let mut blind = 0;
        let mut all = 0;
        for v in self.views.iter().filter(|v| v.role != ViewRole::Global) {
            let cw = f64::from(self.patch) * v.rect.width / f64::from(v.input.width);
            let ch = f64::from(self.patch) * v.rect.height / f64::from(v.input.height);
            // Patch columns (rows) overlapping the image's x (y) extent; the rest see only padding.
            let span = |origin: f64, cell: f64, n: u32, lo: f64, hi: f64| {
                let r = super::geometry::overlapping(origin, cell, n, lo, hi);
                u64::from(r.end - r.start)
            };
            let cols = span(v.rect.x, cw, v.patch_grid.cols, image.x, image.x + image.width);
            let rows = span(v.rect.y, ch, v.patch_grid.rows, image.y, image.y + image.height);
            blind += v.patch_grid.cells() - cols * rows;
            all += v.patch_grid.cells();
        }
        (blind, all)
    }

    /// The sequence with runs of the same kind and label added up (in order of first appearance,
    /// the first run's text standing for all): "4,096 image tokens, 63 row breaks, 1 end of image"
    /// instead of 128 runs.
    pub fn sequence_summary(&self) -> Vec<Span> {
        let mut summary: Vec<Span> = Vec::new();
        for span in &self.sequence {
            match summary.iter_mut().find(|s| (s.kind, s.label) == (span.kind, span.label)) {
                Some(s) => s.count += span.count,
                None => summary.push(span.clone()),
            }
        }
        summary
    }

    /// Pixels of the original image per feature token: how much of the reader's image each
    /// token stands for.
    pub fn pixels_per_token(&self) -> u64 {
        self.original.area() / self.feature_tokens.max(1)
    }

    /// ViT patches over all views.
    pub fn vit_patches(&self) -> u64 {
        self.views.iter().map(|v| v.patch_grid.cells()).sum()
    }
}
