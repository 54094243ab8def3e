//! Split tiles (LFM2-VL): an image is resized alone, aspect kept, to whole tokens of
//! `patch · downsample` px between `min_image_tokens` and `max_image_tokens` (`smart_resize`),
//! unless its area (sides rounded to whole tokens) exceeds `max_image_tokens` times
//! `max_pixels_tolerance`: then it is squished onto the grid of `min_tiles..=max_tiles` square
//! tiles whose aspect ratio is closest, each tile tagged with its row and column, and the
//! smart-resized image follows as a thumbnail. Every token the processor writes is a special token.

use super::error::EngineError;
use super::geometry::{Grid, Rect, Size};
use super::options::{Knob, KnobKind, KnobValue, Options};
use super::plan::{
    ChoiceRule, Head, Layout, Plan, ResizeMode, Span, TileCandidate, TiledChoice, TokenKind, TokenOrder, View,
    ViewRole, crop_views,
};
use super::pymath;
use super::sequence::{Count, Spans};

#[derive(Debug)]
pub struct SplitTilesSpec {
    /// The encoder's patch side (`encoder_patch_size`).
    pub patch: u32,
    /// Patches per token along each side, folded in the connector (`downsample_factor`).
    pub downsample: u32,
    /// Side of one square tile (`tile_size`).
    pub tile: u32,
    pub min_tiles: u32,
    pub max_tiles: u32,
    pub min_image_tokens: u32,
    pub max_image_tokens: u32,
    /// `max_pixels_tolerance`, written as one of [`TOLERANCES`].
    pub max_pixels_tolerance: &'static str,
    /// A thumbnail (the smart-resized image) follows the tiles.
    pub use_thumbnail: bool,
    pub do_image_splitting: bool,
    pub placeholder: &'static str,
    pub start: &'static str,
    pub end: &'static str,
    /// The token before the thumbnail's placeholders.
    pub thumbnail: &'static str,
    /// `tile_tags[r][c]`: the token before the placeholders of the tile in row r + 1, column c + 1.
    pub tile_tags: &'static [[&'static str; 10]],
}

const SPLITTING: &str = "do_image_splitting";
const MIN_TILES: &str = "min_tiles";
const MAX_TILES: &str = "max_tiles";
const MIN_TOKENS: &str = "min_image_tokens";
const MAX_TOKENS: &str = "max_image_tokens";
const TOLERANCE: &str = "max_pixels_tolerance";
const THUMBNAIL: &str = "use_thumbnail";

/// The values `max_pixels_tolerance` may take here (the processor takes any float).
pub const TOLERANCES: &[&str] = &["1.0", "1.5", "2.0", "2.5", "3.0", "4.0"];

/// The most tiles along a side that have a tag token.
fn max_side_tiles(spec: &SplitTilesSpec) -> u32 {
    let rows = u32::try_from(spec.tile_tags.len()).unwrap_or(u32::MAX);
    rows.min(10)
}

pub(super) fn knobs(spec: &SplitTilesSpec) -> Vec<Knob> {
    let most = u64::from(max_side_tiles(spec));
    let whole = |name, min, max, default: u32, meaning| Knob {
        name,
        kind: KnobKind::Whole { min, max },
        default: KnobValue::Whole(u64::from(default)),
        meaning,
        mirrors: name,
    };
    vec![
        Knob {
            name: SPLITTING,
            kind: KnobKind::Flag,
            default: KnobValue::Flag(spec.do_image_splitting),
            meaning: "split a large image into tiles plus a thumbnail; off: the smart-resized image alone",
            mirrors: SPLITTING,
        },
        whole(MIN_TILES, 1, most, spec.min_tiles, "the fewest tiles a large image is cut into"),
        whole(
            MAX_TILES,
            1,
            most,
            spec.max_tiles,
            "the most tiles a large image is cut into (the thumbnail not counted)",
        ),
        whole(MIN_TOKENS, 1, 1 << 20, spec.min_image_tokens, "the fewest tokens the resized image (or thumbnail) has"),
        whole(MAX_TOKENS, 1, 1 << 20, spec.max_image_tokens, "the most tokens the resized image (or thumbnail) has"),
        Knob {
            name: TOLERANCE,
            kind: KnobKind::Choice(TOLERANCES),
            default: KnobValue::Choice(spec.max_pixels_tolerance),
            meaning: "how many times max_image_tokens' area an image may cover before it is split into tiles",
            mirrors: TOLERANCE,
        },
        Knob {
            name: THUMBNAIL,
            kind: KnobKind::Flag,
            default: KnobValue::Flag(spec.use_thumbnail),
            meaning: "add the smart-resized image after the tiles",
            mirrors: THUMBNAIL,
        },
    ]
}

/// The processor's values once the options are applied.
struct Settings {
    splitting: bool,
    min_tiles: u32,
    max_tiles: u32,
    /// `smart_resize`'s pixel bounds: tokens times (patch · downsample)².
    min_pixels: u64,
    max_pixels: u64,
    tolerance: f64,
    thumbnail: bool,
}

fn settings(spec: &SplitTilesSpec, options: &Options) -> Settings {
    let tiles = |name, default: u32| {
        options.whole(name).map_or(default, |n| u32::try_from(n).unwrap_or(u32::MAX)).min(max_side_tiles(spec))
    };
    let splitting = options.flag(SPLITTING).unwrap_or(spec.do_image_splitting);
    // Without splitting the processor sets min_tiles = max_tiles = 1.
    let (min_tiles, max_tiles) =
        if splitting { (tiles(MIN_TILES, spec.min_tiles), tiles(MAX_TILES, spec.max_tiles)) } else { (1, 1) };
    let per_token = u64::from(spec.patch * spec.downsample).pow(2);
    let pixels = |name, default: u32| options.whole(name).unwrap_or(u64::from(default)).min(1 << 20) * per_token;
    let tolerance = options.word(TOLERANCE).unwrap_or(spec.max_pixels_tolerance);
    Settings {
        splitting,
        min_tiles,
        max_tiles,
        min_pixels: pixels(MIN_TOKENS, spec.min_image_tokens),
        max_pixels: pixels(MAX_TOKENS, spec.max_image_tokens),
        tolerance: tolerance.parse().unwrap_or(2.0),
        thumbnail: options.flag(THUMBNAIL).unwrap_or(spec.use_thumbnail),
    }
}

/// The processor refuses `min_tiles > max_tiles` while splitting.
pub(super) fn check(spec: &SplitTilesSpec, options: &Options) -> Result<(), EngineError> {
    let s = settings(spec, options);
    if s.splitting && s.min_tiles > s.max_tiles {
        return Err(EngineError::InvalidOption {
            name: MIN_TILES.to_owned(),
            reason: format!(
                "min_tiles ({}) exceeds max_tiles ({}): the processor raises ValueError while splitting is on",
                s.min_tiles, s.max_tiles
            ),
        });
    }
    Ok(())
}

/// What the processor decided for one image.
struct Geometry {
    /// `smart_resize`'s size: the one view, or the thumbnail after tiles.
    smart: Size,
    split: Option<Split>,
}

/// The tile grid and the grids it was chosen among.
struct Split {
    grid: Grid,
    candidates: Vec<TileCandidate>,
    chosen: usize,
}

fn geometry(spec: &SplitTilesSpec, original: Size, s: &Settings) -> Geometry {
    let smart = smart_resize(spec.patch * spec.downsample, original, s);
    let split = (too_large(spec, original, s) && !(s.min_tiles == 1 && s.max_tiles == 1))
        .then(|| closest_grid(original, spec.tile, s.min_tiles, s.max_tiles));
    Geometry { smart, split }
}

/// Python's `round(side / factor) * factor` (ties to even).
fn round_to(side: u32, factor: u32) -> u64 {
    pymath::round(f64::from(side) / f64::from(factor)) as u64 * u64::from(factor)
}

/// `_is_image_too_large`: the sides rounded to whole tokens (at least one patch) cover more than
/// `max_pixels · max_pixels_tolerance`. The threshold is far below 2^53, so the product's
/// conversion to a double cannot cross it: the comparison is Python's exact int-float one.
fn too_large(spec: &SplitTilesSpec, original: Size, s: &Settings) -> bool {
    let factor = spec.patch * spec.downsample;
    let h = round_to(original.height, factor).max(u64::from(spec.patch));
    let w = round_to(original.width, factor).max(u64::from(spec.patch));
    (h * w) as f64 > s.max_pixels as f64 * s.tolerance
}

/// `smart_resize`: each side rounded to whole tokens of `factor` px (at least one); above
/// `max_pixels` both are scaled down by `sqrt(h·w / max_pixels)` and floored, below `min_pixels`
/// scaled up by `sqrt(min_pixels / (h·w))` and ceiled, in Python's float order.
fn smart_resize(factor: u32, original: Size, s: &Settings) -> Size {
    let f = u64::from(factor);
    let (h, w) = (u64::from(original.height), u64::from(original.width));
    let (mut hb, mut wb) = (round_to(original.height, factor).max(f), round_to(original.width, factor).max(f));
    let ff = f as f64;
    if hb * wb > s.max_pixels {
        let beta = pymath::int_div(h * w, s.max_pixels).sqrt();
        hb = ((h as f64 / beta / ff).floor() as u64 * f).max(f);
        wb = ((w as f64 / beta / ff).floor() as u64 * f).max(f);
    } else if hb * wb < s.min_pixels {
        let beta = pymath::int_div(s.min_pixels, h * w).sqrt();
        hb = (h as f64 * beta / ff).ceil() as u64 * f;
        wb = (w as f64 * beta / ff).ceil() as u64 * f;
    }
    let side = |v: u64| u32::try_from(v).unwrap_or(u32::MAX);
    Size::new(side(wb), side(hb))
}

/// `_target_ratios` and `find_closest_aspect_ratio`: the (cols, rows) grids of `min..=max` tiles,
/// in CPython's iteration order of the set they are collected in, stably sorted by tile count;
/// the closest aspect ratio wins, and on an exact tie the later grid wins when the image has more
/// than half its pixels.
fn closest_grid(original: Size, tile: u32, min: u32, max: u32) -> Split {
    let pairs = (min..=max)
        .flat_map(|n| (1..=n).flat_map(move |w| (1..=n).map(move |h| (w, h))))
        .filter(|&(w, h)| (min..=max).contains(&(w * h)));
    let mut ratios = pymath::set_order(pairs);
    ratios.sort_by_key(|&(w, h)| w * h);
    let aspect = f64::from(original.width) / f64::from(original.height);
    let twice_area = 2 * u128::from(original.area());
    let mut candidates = Vec::with_capacity(ratios.len());
    let (mut chosen, mut best) = (None, f64::INFINITY);
    for (i, &(w, h)) in ratios.iter().enumerate() {
        let diff = (aspect - f64::from(w) / f64::from(h)).abs();
        if diff < best {
            (chosen, best) = (Some(i), diff);
        } else if diff == best && twice_area > u128::from(tile).pow(2) * u128::from(w * h) {
            chosen = Some(i);
        }
        candidates.push(TileCandidate { grid: Grid::new(w, h), score: diff });
    }
    // No candidate (only when min > max, which `check` refuses): the processor's (1, 1).
    let grid = chosen.map_or(Grid::new(1, 1), |i| candidates[i].grid);
    Split { grid, candidates, chosen: chosen.unwrap_or(0) }
}

/// A view's patch grid and token grid (`ceil(patches / downsample)` a side).
fn grids(spec: &SplitTilesSpec, input: Size) -> (Grid, Grid) {
    let patches = Grid::new(input.width / spec.patch, input.height / spec.patch);
    (patches, Grid::new(patches.cols.div_ceil(spec.downsample), patches.rows.div_ceil(spec.downsample)))
}

/// The tile grid when there is more than one tile (the processor writes tiles only then).
fn multi_tile(g: &Geometry) -> Option<Grid> {
    g.split.as_ref().map(|s| s.grid).filter(|grid| grid.cols > 1 || grid.rows > 1)
}

pub(super) fn plan(head: Head, spec: &SplitTilesSpec, original: Size, options: &Options) -> Result<Plan, EngineError> {
    let s = settings(spec, options);
    let g = geometry(spec, original, &s);
    stackable(spec, original, &g, &s)?;
    let (frame, resize, views) = match &g.split {
        None => {
            let (patch_grid, token_grid) = grids(spec, g.smart);
            let whole = View { role: ViewRole::Whole, rect: Rect::of(g.smart), input: g.smart, patch_grid, token_grid };
            (g.smart, ResizeMode::KeepAspect, vec![whole])
        }
        Some(split) => {
            let frame = Size::new(split.grid.cols * spec.tile, split.grid.rows * spec.tile);
            let (patch_grid, token_grid) = grids(spec, Size::new(spec.tile, spec.tile));
            let mut views: Vec<View> = crop_views(split.grid, spec.tile, patch_grid, token_grid).collect();
            if views.len() == 1 {
                views[0].role = ViewRole::Whole;
            } else if s.thumbnail {
                let (patch_grid, token_grid) = grids(spec, g.smart);
                let rect = Rect::of(frame);
                views.push(View { role: ViewRole::Global, rect, input: g.smart, patch_grid, token_grid });
            }
            (frame, ResizeMode::SquishToTiles, views)
        }
    };
    let mut sequence = Vec::new();
    spans(spec, &g, &s, &mut sequence);
    let layout = Layout { frame, image_in_frame: Rect::of(frame), resize, views, sequence };
    let mut plan = Plan::new(head, original, layout);
    let several = multi_tile(&g).is_some();
    let Some(split) = g.split else { return Ok(plan) };
    let tile_tokens = grids(spec, Size::new(spec.tile, spec.tile)).1;
    if several {
        plan.token_order = TokenOrder::PerView;
    } else if grids(spec, g.smart).1 != tile_tokens {
        // min_tiles 1: a "split" into one tile. The processor encodes the tile but writes the
        // placeholders of its smart resize; they agree only when that resize is the tile's size.
        plan.notes.push(format!(
            "The processor splits this image into a single {t}x{t} tile ({} vision tokens) but writes {} \
             placeholders, the count of its {}x{} resize: the two disagree, and the model would fail on it.",
            tile_tokens.cells(),
            plan.feature_tokens,
            g.smart.width,
            g.smart.height,
            t = spec.tile,
        ));
        plan.token_order = TokenOrder::NotInSequence;
    }
    plan.tiling = Some(TiledChoice {
        candidates: split.candidates,
        chosen: split.chosen,
        tile_grid: split.grid,
        rule: ChoiceRule::CLOSEST_ASPECT,
    });
    Ok(plan)
}

/// [`plan`]'s totals alone.
pub(super) fn count(spec: &SplitTilesSpec, original: Size, options: &Options) -> Result<Count, EngineError> {
    let s = settings(spec, options);
    let g = geometry(spec, original, &s);
    stackable(spec, original, &g, &s)?;
    let mut count = Count::default();
    spans(spec, &g, &s, &mut count);
    Ok(count)
}

/// The processor pads every view's patches to `max_num_patches` (the larger of
/// `max_image_tokens · downsample²` and a tile's patches) and stacks an image's views: a thumbnail
/// of more patches than that (an elongated image, its short side held at one token) is not
/// truncated, and `torch.stack` fails on the unequal views.
fn stackable(spec: &SplitTilesSpec, original: Size, g: &Geometry, s: &Settings) -> Result<(), EngineError> {
    if multi_tile(g).is_none() || !s.thumbnail {
        return Ok(());
    }
    let per_tile = grids(spec, Size::new(spec.tile, spec.tile)).0.cells();
    let padded = (s.max_pixels / u64::from(spec.patch).pow(2)).max(per_tile);
    let thumbnail = grids(spec, g.smart).0.cells();
    if thumbnail <= padded {
        return Ok(());
    }
    Err(EngineError::ProcessorFails {
        size: original,
        reason: format!(
            "its {}x{} px thumbnail has {thumbnail} patches, more than the {padded} every view is padded to, so \
             torch.stack refuses the views (RuntimeError: stack expects each tensor to be equal size)",
            g.smart.width, g.smart.height
        ),
    })
}

/// `_build_image_tokens`: `<|image_start|>`, then for several tiles each tile's tag and
/// placeholders row by row, and the thumbnail's tag and placeholders; else the resized image's
/// placeholders; `<|image_end|>`.
fn spans(spec: &SplitTilesSpec, g: &Geometry, s: &Settings, out: &mut impl Spans) {
    let delimiter = |text, label| Span { kind: TokenKind::Delimiter, text, label, count: 1 };
    let image = |label, count| Span { kind: TokenKind::Image, text: spec.placeholder, label, count };
    let resized = grids(spec, g.smart).1.cells();
    out.push(delimiter(spec.start, "image start"));
    match multi_tile(g) {
        Some(grid) => {
            let per_tile = grids(spec, Size::new(spec.tile, spec.tile)).1.cells();
            for row in 0..grid.rows {
                for col in 0..grid.cols {
                    let tag = spec.tile_tags.get(row as usize).and_then(|r| r.get(col as usize)).copied();
                    out.push(delimiter(tag.unwrap_or("<|img_row_R_col_C|>"), "tile tag"));
                    out.push(image("tile", per_tile));
                }
            }
            if s.thumbnail {
                out.push(delimiter(spec.thumbnail, "thumbnail tag"));
                out.push(image("thumbnail", resized));
            }
        }
        None => out.push(image("resized image", resized)),
    }
    out.push(delimiter(spec.end, "image end"));
}

#[cfg(test)]
mod tests {
    use super::super::{EngineError, Options, Rect, Size, TokenOrder, ViewRole, plan_for};
    use crate::engine::geometry::Grid;

    const LFM2: &str = "LiquidAI/LFM2-VL-1.6B";

    #[test]
    fn tiles_cover_the_canvas_and_the_thumbnail_the_whole_frame() {
        // 1920x1080: 1920 x 1088 after rounding is over 256 tokens' area, beta = sqrt(1920·1080 /
        // 262144) = 2.8125, so the thumbnail is 21 x 12 tokens (672x384); aspect 16:9 is closest
        // to 4x2 tiles of 512 px.
        let plan = plan_for(LFM2, Size::new(1920, 1080), &Options::default()).unwrap();
        assert_eq!(plan.frame, Size::new(2048, 1024));
        assert_eq!(plan.views.len(), 9);
        assert_eq!(plan.views[5].role, ViewRole::Crop { row: 1, col: 1 });
        assert_eq!(plan.views[5].rect, Rect::new(512.0, 512.0, 512.0, 512.0));
        let thumbnail = &plan.views[8];
        assert_eq!(thumbnail.role, ViewRole::Global);
        assert_eq!(thumbnail.rect, Rect::new(0.0, 0.0, 2048.0, 1024.0));
        assert_eq!(thumbnail.input, Size::new(672, 384));
        assert_eq!(thumbnail.token_grid, Grid::new(21, 12));
        // <|image_start|>, then per tile its tag and 256 <image>, then the thumbnail's tag and 252.
        assert_eq!(plan.token_order, TokenOrder::PerView);
        let second = plan.token_at_position(1 + 1 + 256 + 1).unwrap();
        assert_eq!((second.view, second.col, second.row), (1, 0, 0));
        assert_eq!(plan.sequence[3].text, "<|img_row_1_col_2|>");
        assert_eq!(plan.sequence[15].text, "<|img_row_2_col_4|>");
        let thumb = plan.token_at_position(1 + 8 * 257 + 1).unwrap();
        assert_eq!((thumb.view, thumb.col, thumb.row), (8, 0, 0));
        assert_eq!((plan.feature_tokens, plan.tokens_in_sequence), (8 * 256 + 252, 8 * 257 + 253 + 2));
    }

    #[test]
    fn tile_grids_are_compared_in_cpythons_set_order() {
        // sorted({(w, h) for n in range(2, 11) for w in range(1, n + 1) for h in range(1, n + 1)
        //   if 2 <= w * h <= 10}, key=lambda x: x[0] * x[1]) in CPython 3.11.
        let plan = plan_for(LFM2, Size::new(3000, 1000), &Options::default()).unwrap();
        let tiling = plan.tiling.as_ref().unwrap();
        let order: Vec<(u32, u32)> = tiling.candidates.iter().map(|c| (c.grid.cols, c.grid.rows)).collect();
        let expected = [
            (1, 2),
            (2, 1),
            (3, 1),
            (1, 3),
            (2, 2),
            (4, 1),
            (1, 4),
            (5, 1),
            (1, 5),
            (1, 6),
            (6, 1),
            (3, 2),
            (2, 3),
            (7, 1),
            (1, 7),
            (4, 2),
            (2, 4),
            (1, 8),
            (8, 1),
            (1, 9),
            (3, 3),
            (9, 1),
            (2, 5),
            (5, 2),
            (10, 1),
            (1, 10),
        ];
        assert_eq!(order, expected);
        // Aspect 3: (3, 1) is exact, and (6, 2) is not a candidate (12 tiles); (9, 3) neither.
        assert_eq!(tiling.tile_grid, Grid::new(3, 1));
        assert_eq!(tiling.candidates[tiling.chosen].grid, Grid::new(3, 1));
    }

    #[test]
    fn the_tolerance_decides_whether_an_image_is_split() {
        // 800x600 rounds to 800 x 608 = 486,400 px: under 262,144 x 2.0, over 262,144 x 1.5.
        let size = Size::new(800, 600);
        let alone = plan_for(LFM2, size, &Options::default()).unwrap();
        assert_eq!(alone.views.len(), 1);
        assert!(alone.tiling.is_none());
        assert!(alone.notes.iter().any(|n| n.starts_with("Approximate: max_pixels_tolerance")), "{:?}", alone.notes);
        let split = plan_for(LFM2, size, &Options::default().with("max_pixels_tolerance", "1.5")).unwrap();
        assert_eq!(split.tiling.as_ref().unwrap().tile_grid, Grid::new(3, 2));
        let off = Options::default().with("max_pixels_tolerance", "1.5").with("do_image_splitting", false);
        assert_eq!(plan_for(LFM2, size, &off).unwrap().feature_tokens, alone.feature_tokens);
    }

    #[test]
    fn a_thumbnail_longer_than_the_padding_is_the_processors_failure() {
        // 17000x64 is split into 10x1 tiles; its thumbnail keeps one token of height (32 px) and
        // floor(17000 / beta / 32) = 260 tokens of width, beta = sqrt(17000·64 / 262144): 2 x 520
        // patches, more than the 1024 each view is padded to.
        let err = plan_for(LFM2, Size::new(17_000, 64), &Options::default()).unwrap_err();
        let EngineError::ProcessorFails { reason, .. } = &err else { panic!("{err}") };
        assert!(reason.starts_with("its 8320x32 px thumbnail has 1040 patches, more than the 1024"), "{reason}");
        // 16500x64: 256 tokens of width, 1024 patches: stacked.
        assert!(plan_for(LFM2, Size::new(16_500, 64), &Options::default()).is_ok());
        // Without the thumbnail, or with room for 4096 patches, nothing fails.
        for ok in [Options::default().with("use_thumbnail", false), Options::default().with("max_image_tokens", 1024)] {
            assert!(plan_for(LFM2, Size::new(17_000, 64), &ok).is_ok(), "{ok:?}");
        }
    }

    #[test]
    fn min_tiles_above_max_tiles_is_the_processors_error_and_one_tile_is_flagged() {
        let refused = plan_for(LFM2, Size::new(640, 480), &Options::default().with("max_tiles", 1));
        let Err(EngineError::InvalidOption { name, reason }) = refused else { panic!("{refused:?}") };
        assert_eq!(name, "min_tiles");
        assert!(reason.contains("min_tiles (2) exceeds max_tiles (1)"), "{reason}");
        // Without splitting the tile bounds are not read.
        let off = Options::default().with("max_tiles", 1).with("do_image_splitting", false);
        assert!(plan_for(LFM2, Size::new(640, 480), &off).is_ok());
        // 752x688 rounds up to 768 x 704 px (over the tolerance) but has 517,376 px, not more than
        // half of 2x2 tiles: with min_tiles 1 the grid is (1, 1). The processor encodes one 512-px
        // tile (16x16 tokens) yet writes the placeholders of its smart resize: beta =
        // sqrt(517376 / 262144), floor(688 / beta / 32) = 15 and floor(752 / beta / 32) = 16 tokens.
        let one = Options::default().with("min_tiles", 1).with("max_tiles", 4);
        let plan = plan_for(LFM2, Size::new(752, 688), &one).unwrap();
        assert_eq!(plan.tiling.as_ref().unwrap().tile_grid, Grid::new(1, 1));
        assert_eq!(plan.views[0].token_grid, Grid::new(16, 16));
        assert_eq!(plan.feature_tokens, 16 * 15);
        assert_eq!(plan.token_order, TokenOrder::NotInSequence);
        assert!(plan.notes.iter().any(|n| n.contains("single 512x512 tile")), "{:?}", plan.notes);
        // 724x724: one tile too, but its smart resize is 512x512 (beta = 724 / 512): the counts agree.
        let agree = plan_for(LFM2, Size::new(724, 724), &one).unwrap();
        assert_eq!(agree.tiling.as_ref().unwrap().tile_grid, Grid::new(1, 1));
        assert_eq!(agree.feature_tokens, 256);
        assert!(agree.notes.iter().all(|n| !n.contains("single 512x512 tile")), "{:?}", agree.notes);
        assert_ne!(agree.token_order, TokenOrder::NotInSequence);
    }
}
