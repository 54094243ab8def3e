//! The token engine: pure Rust, no browser. One entry point, [`plan`], turns an image size, a model
//! and options into a [`Plan`] holding every intermediate the figures draw, or a typed
//! [`EngineError`]. Each model's arithmetic follows the `transformers` processor it cites.
//!
//! The catalogue ([`catalogue`]) is data: one entry per checkpoint. The families are code, one
//! module each ([`fixed`], [`dynamic`], [`anyres`], [`tiled`], [`unpadded`], [`api`]): its spec type (the
//! processor values an entry fills in), its knobs, and the function from (spec, size, options)
//! to a plan.

/// Citation text (a reference's file, function and config, a shape's source): the README, the
/// command line and the tests read it; the page shows none of it, so the page's build leaves it
/// out (about 60 KB of text).
#[cfg(not(target_arch = "wasm32"))]
macro_rules! cite {
    ($text:expr) => {
        $text
    };
}
#[cfg(target_arch = "wasm32")]
macro_rules! cite {
    ($text:expr) => {
        ""
    };
}

pub mod anyres;
pub mod api;
pub mod catalogue;
pub mod clip_file;
pub mod collection;
pub mod cost;
pub mod decimal;
pub mod dynamic;
pub mod dynamic_hd;
pub mod error;
pub mod file;
pub mod fixed;
pub mod formulas;
pub mod geometry;
mod locate;
pub mod models;
pub mod options;
pub mod overlap;
pub mod plan;
mod pymath;
pub mod report;
pub mod request;
pub mod resize;
pub mod sequence;
pub mod shapes;
pub mod sliced;
pub mod split_tiles;
pub mod tiled;
pub mod unpadded;
pub mod video;

pub use catalogue::{CATALOGUE, find};
pub use error::{EngineError, MAX_SIDE, PILLOW_MAX_PIXELS};
pub use geometry::{Grid, Rect, Size};
pub use models::{Model, Strategy};
pub use options::{Knob, OptionValue, Options};
pub use plan::{Plan, Span, StrategyKind, TokenKind, TokenOrder, TokenSpot, View, ViewRole};
pub use sequence::Count;

/// Plans how `model` turns an image of `size` into tokens.
pub fn plan(size: Size, model: &'static Model, options: &Options) -> Result<Plan, EngineError> {
    error::check_size(size)?;
    options.check_for(model)?;
    let head = model.head();
    let plan = match &model.strategy {
        Strategy::Fixed(spec) => fixed::plan(head, spec, size, options),
        Strategy::Dynamic(spec) => dynamic::plan(head, spec, size, options)?,
        Strategy::AnyRes(spec) => anyres::plan(head, spec, size, options),
        Strategy::Tiled(spec) => tiled::plan(head, spec, size, options)?,
        Strategy::Sliced(spec) => sliced::plan(head, spec, size, options),
        Strategy::Overlap(spec) => overlap::plan(head, spec, size, options),
        Strategy::Unpadded(spec) => unpadded::plan(head, spec, size, options)?,
        Strategy::DynamicHd(spec) => dynamic_hd::plan(head, spec, size, options)?,
        Strategy::SplitTiles(spec) => split_tiles::plan(head, spec, size, options)?,
        Strategy::Api(formula) => {
            api::check(*formula, size, options)?;
            api::plan(head, *formula, size, options)
        }
    };
    let mut plan = plan.with_padding_tokens();
    plan.notes.extend(error::pillow_warning(size));
    if model.approximate() {
        plan.notes.push(format!(
            "Approximate: {} could not be pinned to a public source for this checkpoint.",
            model.unpinned.join(", ")
        ));
    }
    Ok(plan)
}

/// The totals [`plan`] would give (`feature_tokens`, `tokens_in_sequence`), or its error, without
/// building the plan: what a resolution sweep needs. Each strategy writes its token span through
/// the same code for both, so they cannot drift apart (a property test also holds them equal).
pub fn count(size: Size, model: &'static Model, options: &Options) -> Result<Count, EngineError> {
    error::check_size(size)?;
    options.check_for(model)?;
    Ok(match &model.strategy {
        Strategy::Fixed(spec) => fixed::count(spec, size, options),
        Strategy::Dynamic(spec) => dynamic::count(spec, size, options)?,
        Strategy::AnyRes(spec) => anyres::count(spec, size, options),
        Strategy::Tiled(spec) => tiled::count(spec, size, options)?,
        Strategy::Sliced(spec) => sliced::count(spec, size, options),
        Strategy::Overlap(spec) => overlap::count(spec, size, options),
        Strategy::Unpadded(spec) => unpadded::count(spec, size, options)?,
        Strategy::DynamicHd(spec) => dynamic_hd::count(spec, size, options)?,
        Strategy::SplitTiles(spec) => split_tiles::count(spec, size, options)?,
        Strategy::Api(formula) => {
            api::check(*formula, size, options)?;
            api::count(*formula, size, options)
        }
    })
}

/// [`plan`] for a model named by its Hugging Face id.
pub fn plan_for(id: &str, size: Size, options: &Options) -> Result<Plan, EngineError> {
    let model = find(id).ok_or_else(|| EngineError::UnknownModel { id: id.to_owned() })?;
    plan(size, model, options)
}

/// The patch grid a plain ViT with `patch`-px patches makes of an image of `size` (the stride-`patch`
/// convolution drops a last partial patch): the textbook N = (H/P)·(W/P).
pub fn plain_vit_grid(size: Size, patch: u32) -> Grid {
    let patch = patch.max(1);
    Grid::new(size.width / patch, size.height / patch)
}

/// For a model with pixel limits (Qwen's `smart_resize`), the long sides, at aspect ratio
/// `aspect` (width over height), below which the image is scaled up to `min_pixels` and above
/// which it is scaled down to `max_pixels`; `None` for other models.
pub fn clamp_long_sides(model: &Model, aspect: f64, options: &Options) -> Option<(f64, f64)> {
    let Strategy::Dynamic(spec) = &model.strategy else { return None };
    let dynamic::DynamicResize::Smart { min_pixels, max_pixels, flavour, .. } = spec.resize else { return None };
    let o = options.applicable_to(model);
    // Per image: GLM holds the limits to the frames an image counts as.
    let min = o.whole("min_pixels").unwrap_or(min_pixels) as f64 / flavour.frames();
    let max = o.whole("max_pixels").unwrap_or(max_pixels) as f64 / flavour.frames();
    let ratio = if aspect >= 1.0 { aspect } else { 1.0 / aspect };
    (ratio.is_finite() && ratio > 0.0).then(|| ((min * ratio).sqrt(), (max * ratio).sqrt()))
}

/// The largest `tokens_in_sequence` `model` gives the images probed (long sides 64 to 8192 px,
/// aspect ratios from 1:20 to 20:1): about what a server reserving the worst case sets aside
/// per image (a size between the probes can come a few tokens higher).
pub fn worst_case_tokens(model: &'static Model, options: &Options) -> Option<u64> {
    let options = options.applicable_to(model);
    [1.0 / 20.0, 0.25, 9.0 / 16.0, 0.75, 1.0, 4.0 / 3.0, 16.0 / 9.0, 4.0, 20.0]
        .into_iter()
        .flat_map(|aspect| sweep_sizes(aspect, 64, 8192, 128))
        .filter_map(|size| count(size, model, &options).ok())
        .map(|c| c.tokens_in_sequence)
        .max()
}

/// `steps` image sizes whose long side runs evenly from `from` to `to` px at the aspect ratio
/// `aspect` (width over height); the short side is rounded and never below 1 px.
pub fn sweep_sizes(aspect: f64, from: u32, to: u32, steps: u32) -> Vec<Size> {
    let aspect = if aspect.is_finite() && aspect > 0.0 { aspect } else { 1.0 };
    let steps = steps.max(2);
    (0..steps)
        .map(|i| {
            let long = f64::from(from) + (f64::from(to) - f64::from(from)) * f64::from(i) / f64::from(steps - 1);
            let long = long.round().max(1.0);
            let short = if aspect >= 1.0 { long / aspect } else { long * aspect };
            let short = geometry::within(short.round(), 1.0, long);
            let (w, h) = if aspect >= 1.0 { (long, short) } else { (short, long) };
            Size::new(w as u32, h as u32)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sweep_keeps_the_aspect_ratio_and_spans_the_range() {
        let sizes = sweep_sizes(16.0 / 9.0, 64, 4096, 5);
        assert_eq!(sizes.first(), Some(&Size::new(64, 36)));
        assert_eq!(sizes.last(), Some(&Size::new(4096, 2304)));
        let portrait = sweep_sizes(0.75, 64, 4096, 3);
        assert_eq!(portrait.last(), Some(&Size::new(3072, 4096)));
        assert!(sweep_sizes(f64::NAN, 1, 10, 0).iter().all(|s| s.width == s.height));
    }

    #[test]
    fn totals_agree_with_the_sequence() {
        for model in CATALOGUE {
            let plan = plan(Size::new(1280, 720), model, &Options::default()).unwrap();
            let sum: u64 = plan.sequence.iter().map(|s| s.count).sum();
            assert_eq!(plan.tokens_in_sequence, sum, "{}", model.id);
            // Cross-attention models feed their vision states beside the sequence, not in it.
            assert_eq!(plan.feature_tokens <= plan.tokens_in_sequence, !plan.cross_attention, "{}", model.id);
        }
    }

    #[test]
    fn the_worst_case_is_the_cap() {
        let o = Options::default();
        let qwen = find("Qwen/Qwen2.5-VL-7B-Instruct").unwrap();
        // max_pixels 12,845,056 = 16,384 tokens of 28x28 px, plus the two delimiters.
        assert_eq!(worst_case_tokens(qwen, &o), Some(16_386));
        let gemma = find("google/gemma-3-4b-it").unwrap();
        assert_eq!(worst_case_tokens(gemma, &o), Some(260));
        // A cap of 512 tokens: the probed sizes come within a few tokens of it, never above.
        let capped = Options::default().with("max_pixels", 401_408);
        let worst = worst_case_tokens(qwen, &capped).unwrap();
        assert!((500..=514).contains(&worst), "{worst}");
    }

    #[test]
    fn padding_tokens_count_the_cells_that_see_only_padding() {
        let o = Options::default();
        // Squished or kept: nothing is padding.
        for id in ["google/gemma-3-4b-it", "Qwen/Qwen2.5-VL-7B-Instruct", "OpenGVLab/InternVL3-8B-hf"] {
            assert_eq!(plan_for(id, Size::new(1280, 720), &o).unwrap().padding_tokens, 0, "{id}");
        }
        // Llama 3.2 puts a 600x100 strip at the top left of a 1120x560 canvas (two 560-px tiles of
        // 40x40 patches of 14 px). Tile 1: the image's 100 px touch 8 patch rows, so 32 rows of 40
        // see only padding; tile 2: its 40 px of image touch 3 columns of those 8 rows.
        let llama = plan_for("meta-llama/Llama-3.2-11B-Vision-Instruct", Size::new(600, 100), &o).unwrap();
        assert_eq!(llama.views.len(), 2);
        assert_eq!(llama.padding_tokens, 32 * 40 + (1600 - 3 * 8));
        // LLaVA-OneVision drops padding rows when it unpads: little is left to count.
        let ov = plan_for("llava-hf/llava-onevision-qwen2-7b-ov-hf", Size::new(1280, 720), &o).unwrap();
        assert!(ov.padding_tokens < 27, "{}", ov.padding_tokens);
    }

    #[test]
    fn notes_name_what_a_reader_would_not_expect() {
        let o = Options::default();
        let crop = plan_for("llava-hf/llava-1.5-7b-hf", Size::new(1000, 500), &o).unwrap();
        assert_eq!(crop.notes, vec!["The centre crop discards 50% of the image.".to_owned()]);
        let tiny = plan_for("llava-hf/llava-onevision-qwen2-7b-ov-hf", Size::new(1, 1), &o).unwrap();
        assert!(tiny.notes.iter().any(|n| n.starts_with("The image is upscaled 384.0x")), "{:?}", tiny.notes);
        let padded = plan_for("meta-llama/Llama-3.2-11B-Vision-Instruct", Size::new(560, 280), &o).unwrap();
        assert!(
            padded.notes.iter().any(|n| n.starts_with("50% of the model's input is padding")),
            "{:?}",
            padded.notes
        );
        let plain = plan_for("Qwen/Qwen2.5-VL-7B-Instruct", Size::new(1120, 840), &o).unwrap();
        assert!(plain.notes.is_empty(), "{:?}", plain.notes);
        // An entry resting on a value no public source pinned says so.
        let glm = plan_for("zai-org/GLM-4.5V", Size::new(1120, 840), &o).unwrap();
        assert!(glm.notes.iter().any(|n| n.starts_with("Approximate: the preprocessor's size")), "{:?}", glm.notes);
    }

    #[test]
    fn merges_are_placed_where_each_model_makes_them() {
        let o = Options::default();
        let site = |id: &str| plan_for(id, Size::new(640, 480), &o).unwrap().merge;
        assert_eq!(site("Qwen/Qwen2.5-VL-7B-Instruct").site, plan::MergeSite::EncoderMerger);
        assert_eq!(site("zai-org/GLM-4.5V").site, plan::MergeSite::EncoderMerger);
        // Mistral 3's patch merger sits in the multimodal projector, after the encoder.
        let mistral = site("mistralai/Mistral-Small-3.1-24B-Instruct-2503");
        assert_eq!((mistral.factor, mistral.site), (2, plan::MergeSite::ProjectorMerger));
        assert_eq!(site("mistral-community/pixtral-12b").site, plan::MergeSite::None);
    }

    #[test]
    fn pan_and_scan_adds_crops_with_their_text() {
        let on = Options::default().with("pan_and_scan", true);
        let plan = plan_for("google/gemma-3-4b-it", Size::new(1920, 1080), &on).unwrap();
        let crops: Vec<_> = plan.views.iter().filter(|v| matches!(v.role, ViewRole::Crop { .. })).collect();
        assert_eq!(crops.len(), 2);
        assert_eq!(crops[1].rect.x, 448.0, "the second crop starts at 960 of 1920 px, 448 of 896");
        // 6 intro + 260 whole + 11 bridge + 2 x 260 crops + 1 separator.
        assert_eq!(plan.tokens_in_sequence, 798);
        assert_eq!(plan.feature_tokens, 768);
        let square = plan_for("google/gemma-3-4b-it", Size::new(1000, 1000), &on).unwrap();
        assert_eq!(square.tokens_in_sequence, 260);
        assert!(square.notes.iter().any(|n| n.starts_with("Pan and scan made no crops")));
        let paligemma = plan_for("google/paligemma-3b-pt-224", Size::new(10, 10), &on);
        assert!(matches!(paligemma, Err(EngineError::InvalidOption { .. })));
    }

    #[test]
    fn tokens_are_located_by_pixel_and_by_position() {
        let o = Options::default();
        // Qwen2.5-VL 640x480: 23x17 tokens of 28 px after <|vision_start|>.
        let qwen = plan_for("Qwen/Qwen2.5-VL-7B-Instruct", Size::new(640, 480), &o).unwrap();
        assert_eq!(qwen.token_at(1.0, 1.0).unwrap().position, 1);
        let last = qwen.token_at(643.0, 475.0).unwrap();
        assert_eq!((last.col, last.row, last.position), (22, 16, 391));
        assert_eq!(qwen.token_at_position(1 + 23).unwrap().rect, Rect::new(0.0, 28.0, 28.0, 28.0));
        // Pixtral 64x32: two rows of four [IMG], the first closed by [IMG_BREAK].
        let pixtral = plan_for("mistral-community/pixtral-12b", Size::new(64, 32), &o).unwrap();
        assert_eq!(pixtral.token_at(1.0, 17.0).unwrap().position, 5);
        // LLaVA-OneVision 800x600: crops of the fitted image are in sequence after the global view;
        // the padding columns dropped by unpadding have no place.
        let ov = plan_for("llava-hf/llava-onevision-qwen2-7b-ov-hf", Size::new(800, 600), &o).unwrap();
        assert!(ov.token_at(5.0, 300.0).is_none(), "a padding column");
        let first = ov.token_at(ov.anyres.as_ref().unwrap().unpadded_rect.x + 1.0, 1.0).unwrap();
        assert_eq!(first.position, 729);
        // Llama 3.2 Vision reads its tiles by cross-attention: no place in the sequence.
        let llama = plan_for("meta-llama/Llama-3.2-11B-Vision-Instruct", Size::new(800, 600), &o).unwrap();
        assert!(llama.token_at(10.0, 10.0).is_none());
    }

    #[test]
    fn clamp_long_sides_bracket_where_smart_resize_clamps() {
        let qwen = find("Qwen/Qwen2.5-VL-7B-Instruct").unwrap();
        let (low, high) = clamp_long_sides(qwen, 1.0, &Options::default()).unwrap();
        assert_eq!((low, high), (56.0, 3584.0));
        let below = plan(Size::new(40, 40), qwen, &Options::default()).unwrap();
        assert!(below.frame.area() >= 3136, "scaled up to min_pixels");
        assert!(clamp_long_sides(find("google/gemma-3-4b-it").unwrap(), 1.0, &Options::default()).is_none());
    }

    #[test]
    fn images_pillow_refuses_are_counted_with_a_warning() {
        // Every entry, at sizes over Pillow's limit and sides no JPEG declares: counted (or refused
        // for a reason of the processor's own, such as Qwen's aspect ratio), never a panic.
        let o = Options::default();
        for model in CATALOGUE {
            for size in
                [Size::new(65_500, 3_000), Size::new(1, 100_000), Size::new(100_000, 1), Size::new(MAX_SIDE, MAX_SIDE)]
            {
                match plan(size, model, &o) {
                    Ok(p) => assert!(
                        p.notes.iter().any(|n| n.contains("DecompressionBombError"))
                            == (size.area() > PILLOW_MAX_PIXELS),
                        "{}",
                        model.id
                    ),
                    Err(e) => assert!(
                        !matches!(e, EngineError::SideTooLong { .. } | EngineError::EmptyImage { .. }),
                        "{}: {e}",
                        model.id
                    ),
                }
            }
        }
        let small = plan_for("Qwen/Qwen2.5-VL-7B-Instruct", Size::new(13_000, 13_000), &o).unwrap();
        assert!(small.notes.iter().all(|n| !n.contains("Pillow")), "169 MP is under the limit");
    }

    #[test]
    fn bad_sizes_are_typed_errors() {
        let m = &CATALOGUE[0];
        let o = Options::default();
        assert!(matches!(plan(Size::new(0, 0), m, &o), Err(EngineError::EmptyImage { .. })));
        assert!(matches!(plan(Size::new(u32::MAX, 10), m, &o), Err(EngineError::SideTooLong { .. })));
        assert!(matches!(plan_for("nope/nope", Size::new(1, 1), &o), Err(EngineError::UnknownModel { .. })));
    }

    #[test]
    fn options_are_checked_against_the_model() {
        let qwen = "Qwen/Qwen2.5-VL-7B-Instruct";
        let cap = Options::default().with("max_pixels", 28 * 28 * 256);
        let capped = plan_for(qwen, Size::new(4032, 3024), &cap).unwrap();
        assert!(capped.feature_tokens <= 256);
        let gemma = plan_for("google/gemma-3-4b-it", Size::new(64, 64), &cap);
        assert!(matches!(gemma, Err(EngineError::InvalidOption { .. })));
        let inverted = Options::default().with("min_pixels", 10_000).with("max_pixels", 5_000);
        assert!(matches!(plan_for(qwen, Size::new(64, 64), &inverted), Err(EngineError::InvalidOption { .. })));
    }
}
