//! The plan: everything the engine worked out for one image, so figures draw it and never
//! re-derive a number.

use serde::Serialize;

use super::decimal::fixed;
use super::geometry::within;
use super::geometry::{Grid, Rect, Size};
use super::models::Model;

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
    /// The connector average-pools the patch grid (Gemma 3's 4x4 pooling).
    AveragePooling,
    /// The connector folds each 2x2 block of patches into the channels (InternVL's pixel shuffle).
    PixelShuffle,
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
    /// View k's token grid fills the k-th run of image tokens in the sequence, row by row (views
    /// separated by tags or text: Idefics3's tiles, Gemma 3's pan-and-scan crops).
    PerView,
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

/// The cells `i` of `n` cells of size `cell` from `origin` that overlap `lo..hi` (open
/// intervals): `origin + i·cell < hi && origin + i·cell + cell > lo`, a contiguous range (both
/// tests are monotone in `i`) whose ends are found with those same tests, so it equals testing
/// every cell.
fn overlapping(origin: f64, cell: f64, n: u32, lo: f64, hi: f64) -> std::ops::Range<u32> {
    let at = |i: u32| origin + f64::from(i) * cell;
    // The first i for which `holds` is false (`holds` is true up to some i, false after), walking
    // from an estimate: exact whatever the rounding of the estimate.
    let boundary = |estimate: f64, holds: &dyn Fn(u32) -> bool| {
        let mut i = if estimate.is_finite() { within(estimate, 0.0, f64::from(n)) as u32 } else { 0 };
        while i > 0 && !holds(i - 1) {
            i -= 1;
        }
        while i < n && holds(i) {
            i += 1;
        }
        i
    };
    let start = boundary((lo - origin) / cell - 1.0, &|i| at(i) + cell <= lo);
    let end = boundary((hi - origin) / cell, &|i| at(i) < hi);
    start..end.max(start)
}

/// How many of `a` are in `b`.
fn intersection(a: &std::ops::Range<u32>, b: &std::ops::Range<u32>) -> u32 {
    a.end.min(b.end).saturating_sub(a.start.max(b.start))
}

fn len(r: &std::ops::Range<u32>) -> u32 {
    r.end.saturating_sub(r.start)
}

impl Plan {
    /// A plan whose totals are summed from the sequence, so they can never disagree with it.
    pub(crate) fn new(model: &'static Model, original: Size, layout: Layout) -> Self {
        let feature_tokens = layout.sequence.iter().filter(|s| s.kind.is_feature()).map(|s| s.count).sum();
        let tokens_in_sequence = layout.sequence.iter().map(|s| s.count).sum();
        let (factor, site) = model.strategy.merge();
        // Tokens before the first image run: delimiters and inserted text.
        let lead = layout.sequence.iter().take_while(|s| s.kind != TokenKind::Image).map(|s| s.count).sum();
        Plan {
            model: model.id,
            strategy: model.strategy.kind(),
            original,
            frame: layout.frame,
            image_in_frame: layout.image_in_frame,
            resize: layout.resize,
            patch: model.strategy.patch(),
            merge: Merge { factor, site },
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

    fn count_padding_tokens(&self) -> u64 {
        let image = self.image_in_frame;
        let mut n = 0;
        for (i, v) in self.views.iter().enumerate().filter(|(_, v)| v.role != ViewRole::Global) {
            let inside = image.x <= v.rect.x
                && image.y <= v.rect.y
                && image.x + image.width >= v.rect.x + v.rect.width
                && image.y + image.height >= v.rect.y + v.rect.height;
            if inside {
                continue;
            }
            // Tokens whose cell overlaps the image's extent in both directions see some of it; the
            // others, if they have a place in the sequence, are paid for padding alone.
            let (cw, ch) = self.token_cell(i);
            let rows_seeing = overlapping(v.rect.y, ch, v.token_grid.rows, image.y, image.y + image.height);
            let cols_seeing = overlapping(v.rect.x, cw, v.token_grid.cols, image.x, image.x + image.width);
            let (rows, cols) = self.cells_in_sequence(i);
            let kept = u64::from(len(&rows)) * u64::from(len(&cols));
            let seeing = u64::from(intersection(&rows, &rows_seeing)) * u64::from(intersection(&cols, &cols_seeing));
            n += kept - seeing;
        }
        n
    }

    /// The token rows and columns of `view` that have a place in the sequence (the cells
    /// [`Self::spot`] finds): a rectangle, empty for a view whose tokens are not in the sequence,
    /// and for AnyRes the part of the crop inside the unpadded band of the feature grid.
    fn cells_in_sequence(&self, view: usize) -> (std::ops::Range<u32>, std::ops::Range<u32>) {
        let v = &self.views[view];
        let all = (0..v.token_grid.rows, 0..v.token_grid.cols);
        let none = (0..0, 0..0);
        if self.cross_attention {
            return all;
        }
        match self.token_order {
            TokenOrder::NotInSequence => none,
            TokenOrder::RowMajor { views, .. } => {
                if view < views {
                    all
                } else {
                    none
                }
            }
            TokenOrder::PerView => {
                if self.sequence.iter().filter(|s| s.kind == TokenKind::Image).nth(view).is_some() {
                    all
                } else {
                    none
                }
            }
            TokenOrder::AnyRes => {
                let (Some(any), ViewRole::Crop { row, col }) = (self.anyres.as_ref(), v.role) else { return none };
                let n = v.token_grid;
                let pad_cols = (any.feature_grid.cols - any.unpadded.cols) / 2;
                let pad_rows = (any.feature_grid.rows - any.unpadded.rows) / 2;
                // The band pad .. pad + unpadded of the feature grid, in this crop's cells.
                let band = |pad: u32, kept: u32, first: u32, n: u32| {
                    let lo = pad.saturating_sub(first).min(n);
                    let hi = (pad + kept).saturating_sub(first).min(n);
                    lo..hi.max(lo)
                };
                (
                    band(pad_rows, any.unpadded.rows, row * n.rows, n.rows),
                    band(pad_cols, any.unpadded.cols, col * n.cols, n.cols),
                )
            }
        }
    }

    /// Adds the notes that follow from the geometry alone.
    fn with_notes(mut self) -> Self {
        let image = self.image_in_frame;
        let scale = (image.width / f64::from(self.original.width)).max(image.height / f64::from(self.original.height));
        if scale >= 1.5 {
            self.notes.push(format!(
                "The image is upscaled {}x to {}x{} px: the processor spends tokens on pixels the image does not have.",
                fixed(scale, 1),
                fixed(image.width.round(), 0),
                fixed(image.height.round(), 0)
            ));
        }
        let frame_area = self.frame.area() as f64;
        let kept =
            (image.width.min(f64::from(self.frame.width)) * image.height.min(f64::from(self.frame.height))).max(0.0);
        if self.resize == ResizeMode::CenterCrop {
            let lost = 1.0 - kept / (image.width * image.height);
            if lost > 0.005 {
                self.notes.push(format!("The centre crop discards {}% of the image.", fixed(lost * 100.0, 0)));
            }
        } else if kept < frame_area * 0.995 {
            let (blind, all) = self.patches_on_padding();
            self.notes.push(format!(
                "{}% of the model's input is padding, encoded by the vision tower like real pixels: \
                 {blind} of its {all} patches see nothing but padding.",
                fixed((1.0 - kept / frame_area) * 100.0, 0)
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
                let r = overlapping(origin, cell, n, lo, hi);
                u64::from(r.end - r.start)
            };
            let cols = span(v.rect.x, cw, v.patch_grid.cols, image.x, image.x + image.width);
            let rows = span(v.rect.y, ch, v.patch_grid.rows, image.y, image.y + image.height);
            blind += v.patch_grid.cells() - cols * rows;
            all += v.patch_grid.cells();
        }
        (blind, all)
    }

    /// The token covering the frame point (`x`, `y`), if any: the last view containing the point
    /// wins (crops over the whole image).
    pub fn token_at(&self, x: f64, y: f64) -> Option<TokenSpot> {
        (0..self.views.len()).rev().find_map(|view| {
            let (cw, ch) = self.token_cell(view);
            let v = &self.views[view];
            let (col, row) = ((x - v.rect.x) / cw, (y - v.rect.y) / ch);
            let inside =
                col >= 0.0 && row >= 0.0 && col < f64::from(v.token_grid.cols) && row < f64::from(v.token_grid.rows);
            inside.then(|| self.spot(view, col as u32, row as u32)).flatten()
        })
    }

    /// The token at `position` in the image's span, if it is an image token with a place in a view.
    pub fn token_at_position(&self, position: u64) -> Option<TokenSpot> {
        (0..self.views.len()).find_map(|view| {
            let g = self.views[view].token_grid;
            (0..g.rows)
                .flat_map(|row| (0..g.cols).map(move |col| (col, row)))
                .find_map(|(col, row)| self.spot(view, col, row).filter(|s| s.position == position))
        })
    }

    /// Size in frame pixels of one language-model token of `view`.
    fn token_cell(&self, view: usize) -> (f64, f64) {
        let v = &self.views[view];
        let side = f64::from(self.patch * self.merge.factor);
        (side * v.rect.width / f64::from(v.input.width), side * v.rect.height / f64::from(v.input.height))
    }

    /// The spot of token (`col`, `row`) of `view`, or `None` where it has no place in the sequence
    /// (a global view drawn elsewhere, a padding cell dropped by unpadding, a cross-attention model).
    fn spot(&self, view: usize, col: u32, row: u32) -> Option<TokenSpot> {
        let v = self.views.get(view)?;
        let (cw, ch) = self.token_cell(view);
        let rect = Rect::new(v.rect.x + f64::from(col) * cw, v.rect.y + f64::from(row) * ch, cw, ch);
        let position = match self.token_order {
            TokenOrder::NotInSequence => return None,
            TokenOrder::RowMajor { lead, row_break, views } => {
                if view >= views {
                    return None;
                }
                let stride = u64::from(v.token_grid.cols) + u64::from(row_break);
                let before: u64 = self.views[..view]
                    .iter()
                    .map(|w| (u64::from(w.token_grid.cols) + u64::from(row_break)) * u64::from(w.token_grid.rows))
                    .sum();
                lead + before + u64::from(row) * stride + u64::from(col)
            }
            TokenOrder::PerView => {
                let run = self.sequence.iter().enumerate().filter(|(_, s)| s.kind == TokenKind::Image).nth(view)?.0;
                let before: u64 = self.sequence[..run].iter().map(|s| s.count).sum();
                before + u64::from(row) * u64::from(v.token_grid.cols) + u64::from(col)
            }
            TokenOrder::AnyRes => {
                let any = self.anyres.as_ref()?;
                let ViewRole::Crop { row: crop_row, col: crop_col } = v.role else { return None };
                let n = v.token_grid;
                let (fx, fy) = (crop_col * n.cols + col, crop_row * n.rows + row);
                // Unpadding keeps a centred band of rows or columns of the whole feature grid.
                let pad_cols = (any.feature_grid.cols - any.unpadded.cols) / 2;
                let pad_rows = (any.feature_grid.rows - any.unpadded.rows) / 2;
                let (ux, uy) = (fx.checked_sub(pad_cols)?, fy.checked_sub(pad_rows)?);
                if ux >= any.unpadded.cols || uy >= any.unpadded.rows {
                    return None;
                }
                // A shrunk grid is an interpolation: each kept cell stands for the cells it covers.
                let kept = any.shrunk.unwrap_or(any.unpadded);
                let sx = (u64::from(ux) * u64::from(kept.cols) / u64::from(any.unpadded.cols)) as u32;
                let sy = (u64::from(uy) * u64::from(kept.rows) / u64::from(any.unpadded.rows)) as u32;
                let global = self.views.iter().find(|w| w.role == ViewRole::Global).map_or(0, |w| w.token_grid.cells());
                global + u64::from(sy) * (u64::from(kept.cols) + 1) + u64::from(sx)
            }
        };
        Some(TokenSpot { view, col, row, rect, position })
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{self, CATALOGUE, Options};

    /// The padding count as first written: every token cell tested, and looked up in the sequence.
    fn padding_tokens_cell_by_cell(p: &Plan) -> u64 {
        let image = p.image_in_frame;
        let covered = |lo: f64, len: f64, a: f64, b: f64| a < lo + len && b > lo;
        let mut n = 0;
        for (i, v) in p.views.iter().enumerate().filter(|(_, v)| v.role != ViewRole::Global) {
            let (cw, ch) = p.token_cell(i);
            for row in 0..v.token_grid.rows {
                let y = v.rect.y + f64::from(row) * ch;
                let row_sees_image = covered(image.y, image.height, y, y + ch);
                for col in 0..v.token_grid.cols {
                    let x = v.rect.x + f64::from(col) * cw;
                    if row_sees_image && covered(image.x, image.width, x, x + cw) {
                        continue;
                    }
                    if p.cross_attention || p.spot(i, col, row).is_some() {
                        n += 1;
                    }
                }
            }
        }
        n
    }

    #[test]
    fn padding_tokens_by_ranges_equal_the_cell_by_cell_count() {
        let mut checked = 0;
        for model in CATALOGUE.iter() {
            for aspect in [0.05, 0.3, 0.6, 0.75, 1.0, 1.33, 1.8, 3.0, 12.0] {
                for size in engine::sweep_sizes(aspect, 1, 5000, 97) {
                    let Ok(plan) = engine::plan(size, model, &Options::default()) else { continue };
                    assert_eq!(plan.padding_tokens, padding_tokens_cell_by_cell(&plan), "{} at {size}", model.id);
                    checked += 1;
                }
            }
        }
        assert!(checked > 10_000, "{checked}");
    }
}
