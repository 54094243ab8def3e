//! Tiling (InternVL, Aya Vision, Eagle 2.5, Command A Vision, Perception LM, Llama 3.2/4,
//! Idefics3, SmolVLM, DeepSeek-OCR-2): the image becomes a grid of fixed-size tiles. InternVL
//! squishes it onto the grid whose aspect ratio is closest and adds a thumbnail; Llama 3.2 fits it
//! into the canvas that needs the least scaling, pads it, and reads the tiles by cross-attention;
//! Idefics3 scales the long side to a fixed length, rounds both sides up to whole tiles, and tags
//! every tile with its row and column in text. How each one picks its grid is in [`select`].

mod select;

use super::error::EngineError;
use super::geometry::{Grid, Rect, Size};
use super::options::{Knob, KnobKind, KnobValue, Options};
use super::plan::{
    ChoiceRule, Head, Layout, MergeSite, Plan, Span, TiledChoice, TokenKind, TokenOrder, View, ViewRole, crop_views,
};
use super::pymath;
use super::sequence::{Count, Piece, Spans};
use select::select;

/// How a tiling model chooses its tile grid.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TileSelection {
    /// InternVL (`get_optimal_tiled_canvas` of GOT-OCR2): the grid of `min..=max` tiles whose
    /// aspect ratio is closest to the image's; the image is squished onto it.
    ClosestAspect { min_tiles: u32, max_tiles: u32 },
    /// Llama 3.2 Vision (`get_optimal_tiled_canvas` of mllama): the canvas needing the least
    /// upscaling (or least downscaling); the image is fitted into it and padded right and below.
    LeastScaling { max_tiles: u32 },
    /// Idefics3 / SmolVLM (`resize` then `resize_for_vision_encoder`): the long side is scaled
    /// (up or down) to `longest_edge`, then each side rounded up to whole tiles; no candidates.
    LongestEdge { longest_edge: u32 },
    /// Eagle 2.5 (`find_closest_aspect_ratio` of its own processor): closest aspect ratio weighed
    /// by how much of the image's area the grid holds (up to 60%); the image is squished onto it.
    AreaAndAspect { min_tiles: u32, max_tiles: u32 },
    /// Command A Vision (`get_optimal_tiled_canvas` of Cohere2Vision): the grid needing the least
    /// upscaling (or least downscaling), as Llama 3.2's, but the image is squished onto it.
    LeastScalingSquished { max_tiles: u32 },
    /// Perception LM (`_fit_image_to_canvas`): the canvas holding the image unshrunk that gives it
    /// the most pixels, else the closest aspect ratio; the image is squished onto it.
    LargestFit { max_tiles: u32 },
}

/// Where a tiling model's downscaled view of the whole image goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Thumbnail {
    None,
    /// After the tiles, when there is more than one tile (InternVL, GOT-OCR2's family).
    AfterTiles,
    /// Before the tiles, always, even beside a single tile (Perception LM's "thumb+tile").
    AlwaysFirst,
}

#[derive(Debug)]
pub struct TiledSpec {
    pub tile: u32,
    pub patch: u32,
    /// Patches per token along each side (InternVL's 2x2 pixel shuffle: 2; 1: none) and where
    /// the merge happens.
    pub merge: u32,
    pub merge_site: MergeSite,
    /// Extra vectors per tile besides the patches (Llama 3.2's class token: 1).
    pub extra_per_tile: u32,
    pub selection: TileSelection,
    /// A downscaled view of the whole image beside the tiles.
    pub thumbnail: Thumbnail,
    pub sequence: TiledSequence,
    /// DeepSeek-OCR-2: a larger global view instead of the thumbnail.
    pub global: Option<GlobalView>,
}

/// DeepSeek-OCR-2's global view: the whole image scaled (aspect kept, sides rounded) so its long
/// side is `side` px and padded to a centred square, always encoded; the image is tiled only when
/// its long side exceeds the tile (then at least `min_tiles` tiles); `separator` placeholder
/// tokens follow the views (its learned view separator).
#[derive(Debug)]
pub struct GlobalView {
    pub side: u32,
    pub separator: u64,
}

/// How a tiling model's vision features reach the language model.
#[derive(Debug)]
pub enum TiledSequence {
    /// As placeholder tokens in the sequence, between `before` and `after`.
    Placeholders { before: &'static [Piece], placeholder: &'static str, after: &'static [Piece] },
    /// Through cross-attention layers: the sequence holds one `marker` token.
    CrossAttention { marker: &'static str },
    /// Llama 4's `_prompt_split_image`: `start`, then each tile's placeholders followed by
    /// `x_separator` between tiles of a row and `y_separator` after each row, then `global`
    /// and the global view's placeholders (the global view alone when there is one tile), `end`.
    TileSeparators {
        start: &'static str,
        placeholder: &'static str,
        x_separator: &'static str,
        y_separator: &'static str,
        global: &'static str,
        end: &'static str,
    },
    /// Idefics3's `replace_image_token`: each tile is `around` + its `<row_i_col_j>` tag +
    /// its placeholders, each row of tiles ends in "\n", and the global view follows as `around` +
    /// `<global-img>` + placeholders + `around`. The tags are plain text to these checkpoints'
    /// tokenizers: `tag_tokens` and `global_tokens` are what their real tokenizers make of them
    /// (one-digit rows and columns: the grid never exceeds 4x4 here); the last row's "\n" and the
    /// global view's leading "\n" merge into one "\n\n" token.
    RowColTags { around: &'static str, placeholder: &'static str, tag_tokens: u32, global_tokens: u32 },
    /// Aya Vision's `replace_image_token`: `start`, each tile as the plain text `{tile_word}_{i}`
    /// (i from 1) and its placeholders, then `global_word` and the thumbnail's placeholders, `end`.
    /// The words are text to Command R's tokenizer: `tile_word` and "_" are a token each, and it
    /// splits digits one by one, so `TILE_12` is four tokens; `global_tokens` for the global word.
    NumberedTiles {
        start: &'static str,
        placeholder: &'static str,
        tile_word: &'static str,
        global_word: &'static str,
        global_tokens: u32,
        end: &'static str,
    },
    /// Command A Vision's `replace_image_token`: `start`, each view's placeholders closed by
    /// `line_break`, `end`.
    LineBreakPerView { start: &'static str, placeholder: &'static str, line_break: &'static str, end: &'static str },
}

const MAX_TILES: &str = "max_tiles";
const SPLITTING: &str = "do_image_splitting";
const LONGEST_EDGE: &str = "longest_edge";

/// Each tiling model's tile budget; Idefics3's switch between tiles and the global view alone.
pub(super) fn knobs(spec: &TiledSpec) -> Vec<Knob> {
    let cut = |min: u32, max: u32, mirrors| Knob {
        name: MAX_TILES,
        kind: KnobKind::Whole { min: u64::from(min.max(1)), max: 64 },
        default: KnobValue::Whole(u64::from(max)),
        meaning: "the most tiles an image is cut into (the thumbnail not counted)",
        mirrors,
    };
    match spec.selection {
        TileSelection::ClosestAspect { min_tiles, max_tiles } => vec![cut(min_tiles, max_tiles, "max_patches")],
        TileSelection::AreaAndAspect { min_tiles, max_tiles } => {
            vec![cut(min_tiles, max_tiles, "max_dynamic_tiles")]
        }
        TileSelection::LeastScalingSquished { max_tiles } => vec![cut(1, max_tiles, "max_patches")],
        TileSelection::LargestFit { max_tiles } => vec![cut(1, max_tiles, "max_num_tiles")],
        TileSelection::LongestEdge { longest_edge } => vec![
            Knob {
                name: SPLITTING,
                kind: KnobKind::Flag,
                default: KnobValue::Flag(true),
                meaning: "cut the image into tiles plus a global view; off: the global view alone, squished to one tile",
                mirrors: "do_image_splitting",
            },
            Knob {
                name: LONGEST_EDGE,
                // Up to 6 tiles a side: the row/column tags the tokenizer counts are one digit.
                kind: KnobKind::Whole { min: u64::from(spec.tile), max: u64::from(6 * spec.tile) },
                default: KnobValue::Whole(u64::from(longest_edge)),
                meaning: "the long side the image is scaled to before it is cut into tiles (the tile budget)",
                mirrors: "size.longest_edge",
            },
        ],
        TileSelection::LeastScaling { max_tiles } => vec![Knob {
            name: MAX_TILES,
            kind: KnobKind::Whole { min: 1, max: 64 },
            default: KnobValue::Whole(u64::from(max_tiles)),
            meaning: "the most tiles the canvas may hold (the global view not counted)",
            mirrors: "max_image_tiles (Llama 3.2) / max_patches (Llama 4)",
        }],
    }
}

pub(super) fn plan(head: Head, spec: &TiledSpec, original: Size, options: &Options) -> Result<Plan, EngineError> {
    let mut candidates = Vec::new();
    let s = select(spec, original, options, Some(&mut candidates));
    let tile_grid = s.tile_grid;
    let mut frame = Size::new(tile_grid.cols * spec.tile, tile_grid.rows * spec.tile);
    let mut image_in_frame = s.image_in_frame;
    let input = Size::new(spec.tile, spec.tile);
    let (patch_grid, token_grid) = grids(spec);
    let mut views: Vec<View> = crop_views(tile_grid, spec.tile, patch_grid, token_grid).collect();
    if let Some(global) = &spec.global {
        let scaled = global_scaled(original, global.side)?;
        if views.is_empty() {
            // No tiles: the frame is the global view's padded square, the image centred on it.
            frame = Size::new(global.side, global.side);
            image_in_frame = Rect::new(
                f64::from(global.side - scaled.width) / 2.0,
                f64::from(global.side - scaled.height) / 2.0,
                f64::from(scaled.width),
                f64::from(scaled.height),
            );
        }
        let patches = Grid::new(global.side / spec.patch, global.side / spec.patch);
        let role = if views.is_empty() { ViewRole::Whole } else { ViewRole::Global };
        let input = Size::new(global.side, global.side);
        views.push(View {
            role,
            // Alone, the view is the whole padded square the encoder sees; beside tiles, the
            // global view is drawn over the image it shows.
            rect: if role == ViewRole::Whole { Rect::of(frame) } else { image_in_frame },
            input,
            patch_grid: patches,
            token_grid: patches.merged(spec.merge),
        });
    } else if spec.thumbnail == Thumbnail::AlwaysFirst {
        views.insert(0, View { role: ViewRole::Global, rect: s.image_in_frame, input, patch_grid, token_grid });
    } else if views.len() == 1 {
        views[0].role = ViewRole::Whole;
    } else if spec.thumbnail == Thumbnail::AfterTiles {
        views.push(View { role: ViewRole::Global, rect: s.image_in_frame, input, patch_grid, token_grid });
    }
    let mut sequence = Vec::new();
    let features = spans(spec, tile_grid, &mut sequence);
    let cross_attention = matches!(spec.sequence, TiledSequence::CrossAttention { .. });
    let layout = Layout { frame, image_in_frame, resize: s.resize, views, sequence };
    let plan = Plan::new(head, original, layout);
    let token_order = match plan.token_order {
        _ if cross_attention => TokenOrder::NotInSequence,
        // Views apart in the sequence (tags, tile words or a line break between them).
        _ if matches!(
            spec.sequence,
            TiledSequence::RowColTags { .. }
                | TiledSequence::TileSeparators { .. }
                | TiledSequence::NumberedTiles { .. }
                | TiledSequence::LineBreakPerView { .. }
        ) =>
        {
            TokenOrder::PerView
        }
        TokenOrder::RowMajor { lead, row_break, .. } => {
            TokenOrder::RowMajor { lead, row_break, views: plan.views.len() }
        }
        other => other,
    };
    // Idefics3 considers no alternatives: its one grid follows from the resize.
    let candidates = if candidates.len() > 1 { candidates } else { Vec::new() };
    Ok(Plan {
        token_order,
        tiling: Some(TiledChoice { candidates, chosen: s.chosen, tile_grid, rule: rule(spec.selection) }),
        cross_attention,
        feature_tokens: if cross_attention { features } else { plan.feature_tokens },
        ..plan
    })
}

/// How `selection` picks, for the reader.
fn rule(selection: TileSelection) -> ChoiceRule {
    match selection {
        TileSelection::ClosestAspect { .. } => ChoiceRule::CLOSEST_ASPECT,
        TileSelection::LeastScaling { .. } => ChoiceRule::LEAST_SCALING,
        TileSelection::LongestEdge { .. } => {
            ChoiceRule { rule: "the long side scaled to its length, each side rounded up to whole tiles", score: "-" }
        }
        TileSelection::AreaAndAspect { .. } => ChoiceRule {
            rule: "the best product of the share of your pixels the grid holds (counted up to 60%) and how close \
                   its aspect ratio is to your image's; the first best wins",
            score: "score",
        },
        TileSelection::LeastScalingSquished { .. } => ChoiceRule {
            rule: "the least upscaling (else the least downscaling), the first in order of tile count",
            score: "scale",
        },
        TileSelection::LargestFit { .. } => ChoiceRule {
            rule: "the canvas holding your image unshrunk that gives its short side the most pixels; if none \
                   holds it, the closest aspect ratio on its side of square",
            score: "scale",
        },
    }
}

/// [`plan`]'s totals alone.
pub(super) fn count(spec: &TiledSpec, original: Size, options: &Options) -> Result<Count, EngineError> {
    if let Some(global) = &spec.global {
        global_scaled(original, global.side)?;
    }
    let mut count = Count::default();
    let features = spans(spec, select(spec, original, options, None).tile_grid, &mut count);
    if matches!(spec.sequence, TiledSequence::CrossAttention { .. }) {
        count.feature_tokens = features;
    }
    Ok(count)
}

/// DeepSeek-OCR-2's global view before padding: the long side scaled to `side`, each side by
/// Python's `round` (a side that rounds to 0 px is an error of the processor's resize).
fn global_scaled(original: Size, side: u32) -> Result<Size, EngineError> {
    let s = f64::from(side) / f64::from(original.long_side());
    let (w, h) = (pymath::round(f64::from(original.width) * s), pymath::round(f64::from(original.height) * s));
    if w < 1.0 || h < 1.0 {
        return Err(EngineError::ResizedToNothing { size: original });
    }
    Ok(Size::new(w as u32, h as u32))
}

/// The patch grid of one tile and its token grid after the pixel shuffle.
fn grids(spec: &TiledSpec) -> (Grid, Grid) {
    let patch_grid = Grid::new(spec.tile / spec.patch, spec.tile / spec.patch);
    (patch_grid, patch_grid.merged(spec.merge))
}

/// The image's span for `tiles` (and the thumbnail, when the model adds one); returns the feature
/// tokens of all views (for a cross-attention model: its vision states, which are not in the span).
fn spans(spec: &TiledSpec, tiles: Grid, out: &mut impl Spans) -> u64 {
    let per_view = grids(spec).1.cells() + u64::from(spec.extra_per_tile);
    if let Some(global) = &spec.global {
        let side = u64::from(global.side / spec.patch / spec.merge.max(1));
        let TiledSequence::Placeholders { placeholder, .. } = spec.sequence else { return 0 };
        let image = |label, count| Span { kind: TokenKind::Image, text: placeholder, label, count };
        if tiles.cells() > 0 {
            out.push(image("tiles", per_view * tiles.cells()));
        }
        out.push(image("global view", side * side));
        out.push(image("view separator", global.separator));
        return per_view * tiles.cells() + side * side + global.separator;
    }
    let views = match spec.thumbnail {
        Thumbnail::AlwaysFirst => tiles.cells() + 1,
        _ if tiles.cells() == 1 => 1,
        Thumbnail::AfterTiles => tiles.cells() + 1,
        Thumbnail::None => tiles.cells(),
    };
    let features = per_view * views;
    match spec.sequence {
        TiledSequence::Placeholders { before, placeholder, after } => {
            let label = if views > tiles.cells() { "tiles and thumbnail" } else { "tiles" };
            out.wrap(before, Span { kind: TokenKind::Image, text: placeholder, label, count: features }, after);
        }
        TiledSequence::CrossAttention { marker } => out.push(Span {
            kind: TokenKind::Delimiter,
            text: marker,
            label: "image marker (features via cross-attention)",
            count: 1,
        }),
        TiledSequence::RowColTags { around, placeholder, tag_tokens, global_tokens } => {
            RowColTags { around, placeholder, tag_tokens, global_tokens, per_view }.spans(tiles, views, out)
        }
        TiledSequence::TileSeparators { start, placeholder, x_separator, y_separator, global, end } => {
            let delimiter = |text, label| Span { kind: TokenKind::Delimiter, text, label, count: 1 };
            let image = |label| Span { kind: TokenKind::Image, text: placeholder, label, count: per_view };
            out.push(delimiter(start, "image start"));
            if views > 1 {
                for _ in 0..tiles.rows {
                    for col in 0..tiles.cols {
                        out.push(image("tile"));
                        if col + 1 < tiles.cols {
                            out.push(delimiter(x_separator, "tile separator"));
                        }
                    }
                    out.push(delimiter(y_separator, "row separator"));
                }
            }
            out.push(delimiter(global, "global view marker"));
            out.push(image("global view"));
            out.push(delimiter(end, "image end"));
        }
        TiledSequence::NumberedTiles { start, placeholder, tile_word, global_word, global_tokens, end } => {
            let image = |label| Span { kind: TokenKind::Image, text: placeholder, label, count: per_view };
            out.push(Span { kind: TokenKind::Delimiter, text: start, label: "image start", count: 1 });
            if views > 1 {
                for i in 1..views {
                    // The word, "_", then each digit of i.
                    let digits = i.checked_ilog10().map_or(1, |d| u64::from(d) + 1);
                    out.push(Span { kind: TokenKind::Text, text: tile_word, label: "tile number", count: 2 + digits });
                    out.push(image("tile"));
                }
            }
            out.push(Span {
                kind: TokenKind::Text,
                text: global_word,
                label: "thumbnail word",
                count: global_tokens.into(),
            });
            out.push(image(if views > 1 { "thumbnail" } else { "whole image" }));
            out.push(Span { kind: TokenKind::Delimiter, text: end, label: "image end", count: 1 });
        }
        TiledSequence::LineBreakPerView { start, placeholder, line_break, end } => {
            out.push(Span { kind: TokenKind::Delimiter, text: start, label: "image start", count: 1 });
            for view in 0..views {
                let label = if view + 1 == views && views > 1 { "thumbnail" } else { "tile" };
                out.push(Span { kind: TokenKind::Image, text: placeholder, label, count: per_view });
                out.push(Span { kind: TokenKind::Delimiter, text: line_break, label: "view end", count: 1 });
            }
            out.push(Span { kind: TokenKind::Delimiter, text: end, label: "image end", count: 1 });
        }
    }
    features
}

/// Idefics3's image prompt, as spans.
struct RowColTags {
    around: &'static str,
    placeholder: &'static str,
    tag_tokens: u32,
    global_tokens: u32,
    per_view: u64,
}

/// The tile tags the processor can write (it knows rows and columns 1 to 6).
const ROW_COL_TAGS: [[&str; 6]; 6] = [
    ["<row_1_col_1>", "<row_1_col_2>", "<row_1_col_3>", "<row_1_col_4>", "<row_1_col_5>", "<row_1_col_6>"],
    ["<row_2_col_1>", "<row_2_col_2>", "<row_2_col_3>", "<row_2_col_4>", "<row_2_col_5>", "<row_2_col_6>"],
    ["<row_3_col_1>", "<row_3_col_2>", "<row_3_col_3>", "<row_3_col_4>", "<row_3_col_5>", "<row_3_col_6>"],
    ["<row_4_col_1>", "<row_4_col_2>", "<row_4_col_3>", "<row_4_col_4>", "<row_4_col_5>", "<row_4_col_6>"],
    ["<row_5_col_1>", "<row_5_col_2>", "<row_5_col_3>", "<row_5_col_4>", "<row_5_col_5>", "<row_5_col_6>"],
    ["<row_6_col_1>", "<row_6_col_2>", "<row_6_col_3>", "<row_6_col_4>", "<row_6_col_5>", "<row_6_col_6>"],
];

impl RowColTags {
    fn spans(&self, tiles: Grid, views: u64, out: &mut impl Spans) {
        let around = Span { kind: TokenKind::Delimiter, text: self.around, label: "image boundary", count: 1 };
        let image = |label| Span { kind: TokenKind::Image, text: self.placeholder, label, count: self.per_view };
        if views > 1 {
            for row in 0..tiles.rows {
                for col in 0..tiles.cols {
                    let text = ROW_COL_TAGS
                        .get(row as usize)
                        .and_then(|r| r.get(col as usize))
                        .copied()
                        .unwrap_or("<row_i_col_j>");
                    out.push(around.clone());
                    out.push(Span {
                        kind: TokenKind::Text,
                        text,
                        label: "tile tag <row_i_col_j>",
                        count: self.tag_tokens.into(),
                    });
                    out.push(image("tile"));
                }
                out.push(if row + 1 < tiles.rows {
                    Span { kind: TokenKind::Text, text: "\n", label: "row end", count: 1 }
                } else {
                    Span { kind: TokenKind::Text, text: "\n\n", label: "last row end + blank line", count: 1 }
                });
            }
        }
        out.push(around.clone());
        out.push(Span {
            kind: TokenKind::Text,
            text: "<global-img>",
            label: "global view tag",
            count: self.global_tokens.into(),
        });
        out.push(image("global view"));
        out.push(around);
    }
}

#[cfg(test)]
mod tests {
    use super::super::plan::ChoiceRule;
    use super::super::{Options, Size, TokenKind, ViewRole, plan_for};

    #[test]
    fn idefics3_tags_each_tile_and_points_into_each_tiles_run() {
        let plan = plan_for("HuggingFaceM4/Idefics3-8B-Llama3", Size::new(1280, 720), &Options::default()).unwrap();
        let tiling = plan.tiling.as_ref().unwrap();
        assert_eq!((tiling.tile_grid.cols, tiling.tile_grid.rows), (4, 3));
        assert!(tiling.candidates.is_empty(), "the grid follows from the resize; nothing was compared");
        let tags: Vec<&str> =
            plan.sequence.iter().filter(|s| s.label == "tile tag <row_i_col_j>").map(|s| s.text).collect();
        assert_eq!(tags.first(), Some(&"<row_1_col_1>"));
        assert_eq!(tags.last(), Some(&"<row_3_col_4>"));
        assert_eq!(tags.len(), 12);
        // Tile (row 1, col 2) starts after tile 1's boundary + tag + 169 tokens, then its own 1 + 8.
        let second = plan.token_at_position(1 + 8 + 169 + 1 + 8).unwrap();
        assert_eq!((second.view, second.col, second.row), (1, 0, 0));
        let global = plan.views.len() - 1;
        let last = plan.sequence.len() - 2;
        assert_eq!(plan.sequence[last].kind, TokenKind::Image);
        let end: u64 = plan.sequence[..=last].iter().map(|s| s.count).sum();
        assert_eq!(plan.token_at_position(end - 1).map(|s| (s.view, s.col, s.row)), Some((global, 12, 12)));
    }

    #[test]
    fn without_splitting_idefics3_sends_the_global_view_alone() {
        let off = Options::default().with("do_image_splitting", false);
        let plan = plan_for("HuggingFaceTB/SmolVLM-Instruct", Size::new(1920, 1080), &off).unwrap();
        assert_eq!(plan.views.len(), 1);
        assert_eq!((plan.frame.width, plan.frame.height), (384, 384));
        let tiled = plan_for("HuggingFaceTB/SmolVLM-Instruct", Size::new(1920, 1080), &Options::default()).unwrap();
        assert_eq!(tiled.views.len(), 4 * 3 + 1);
        assert_eq!(plan.feature_tokens, 81);
    }

    #[test]
    fn a_tiny_image_is_blown_up_to_sixteen_tiles_and_the_plan_says_so() {
        let plan = plan_for("HuggingFaceTB/SmolVLM-Instruct", Size::new(1, 1), &Options::default()).unwrap();
        assert_eq!(plan.views.len(), 17);
        assert!(plan.notes.iter().any(|n| n.starts_with("The image is upscaled 1536.0x")), "{:?}", plan.notes);
    }

    #[test]
    fn gemma_pan_and_scan_crops_point_into_their_own_runs() {
        let options = Options::default().with("pan_and_scan", true);
        let plan = plan_for("google/gemma-3-4b-it", Size::new(2048, 512), &options).unwrap();
        assert!(plan.views.len() > 1);
        let crop = plan.token_at(plan.views[1].rect.x + 1.0, plan.views[1].rect.y + 1.0).unwrap();
        assert_eq!(crop.view, 1);
        let run = plan.sequence.iter().enumerate().filter(|(_, s)| s.kind == TokenKind::Image).nth(1).unwrap().0;
        assert_eq!(crop.position, plan.sequence[..run].iter().map(|s| s.count).sum::<u64>());
    }

    #[test]
    fn perception_lm_puts_its_thumbnail_first_even_beside_one_tile() {
        let plan =
            plan_for("facebook/Perception-LM-8B", Size::new(4000, 400), &Options::default().with("max_tiles", 1))
                .unwrap();
        assert_eq!(plan.views.len(), 2, "thumbnail + one tile");
        assert_eq!(plan.views[0].role, ViewRole::Global);
        let big = plan_for("facebook/Perception-LM-8B", Size::new(1344, 896), &Options::default()).unwrap();
        assert_eq!(big.views[0].role, ViewRole::Global);
        assert!(big.views[1..].iter().all(|v| matches!(v.role, ViewRole::Crop { .. })));
        assert_eq!(big.token_at_position(0).map(|t| t.view), Some(0), "the sequence opens with the thumbnail");
    }

    #[test]
    fn aya_numbers_its_tiles_in_text_a_token_per_digit() {
        let plan = plan_for("CohereLabs/aya-vision-8b", Size::new(4032, 3024), &Options::default()).unwrap();
        let tags: Vec<u64> = plan.sequence.iter().filter(|s| s.label == "tile number").map(|s| s.count).collect();
        assert_eq!(tags.len(), 12);
        assert_eq!((tags[8], tags[9]), (3, 4), "TILE_9 is TILE, _, 9; TILE_10 adds a digit");
        let one = plan_for("CohereLabs/aya-vision-8b", Size::new(300, 300), &Options::default()).unwrap();
        assert!(one.sequence.iter().all(|s| s.label != "tile number"), "one view: TILE_GLOBAL alone");
    }

    #[test]
    fn each_tiling_family_explains_its_own_rule() {
        let rule = |id| plan_for(id, Size::new(1920, 1080), &Options::default()).unwrap().tiling.unwrap().rule;
        // Llama 4 reads its tiles in the sequence, unlike Llama 3.2, yet picks them the same way.
        assert_eq!(rule("meta-llama/Llama-4-Scout-17B-16E-Instruct"), ChoiceRule::LEAST_SCALING);
        assert_eq!(rule("meta-llama/Llama-3.2-11B-Vision-Instruct"), ChoiceRule::LEAST_SCALING);
        assert_eq!(rule("OpenGVLab/InternVL3-8B-hf"), ChoiceRule::CLOSEST_ASPECT);
        for id in ["nvidia/Eagle2.5-8B", "facebook/Perception-LM-8B", "CohereLabs/command-a-vision-07-2025"] {
            assert_ne!(rule(id), ChoiceRule::CLOSEST_ASPECT, "{id}");
            assert_ne!(rule(id), ChoiceRule::LEAST_SCALING, "{id}");
        }
    }
}
