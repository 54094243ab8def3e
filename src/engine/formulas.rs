//! The article's back-of-envelope formulas beside the processors' counts, with the reasons they
//! differ: N = (H/P)·(W/P) + specials for the selected model, LLaVA-OneVision as 576·(k²+1) and
//! Gemma 3's pan and scan as 256·(p+1). Every "actual" is the plan's own count.

use serde::Serialize;

use super::options::{OptionValue, Options};
use super::plan::{Plan, TokenKind};
use super::{Model, Size, find, plan};

const ONEVISION: &str = "llava-hf/llava-onevision-qwen2-7b-ov-hf";
const GEMMA3: &str = "google/gemma-3-4b-it";

/// One formula worked out for an image, against the processor.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Check {
    /// The model the formula is meant for.
    pub model: &'static str,
    /// The formula with this image's numbers in it.
    pub formula: String,
    pub estimate: u64,
    /// The processor's tokens in sequence.
    pub actual: u64,
    /// Why the two differ (empty when they agree).
    pub reasons: Vec<String>,
}

impl Check {
    /// How many times the formula's count the processor's is (below 1: the formula overstates).
    pub fn ratio(&self) -> f64 {
        self.actual as f64 / self.estimate.max(1) as f64
    }
}

fn tokens_of(plan: &Plan, kind: TokenKind) -> u64 {
    plan.sequence.iter().filter(|s| s.kind == kind).map(|s| s.count).sum()
}

/// N = (H/P)·(W/P) + specials for `model`, P its pixels per token (patch x merge), the specials
/// its delimiters and inserted text: what the formula says of the original image, and what the
/// processor does instead.
pub fn standard(size: Size, model: &'static Model, options: &Options) -> Result<Check, String> {
    let p = plan(size, model, &options.applicable_to(model)).map_err(|e| e.to_string())?;
    let side = p.patch * p.merge.factor;
    let specials = tokens_of(&p, TokenKind::Delimiter) + tokens_of(&p, TokenKind::Text);
    let grid = u64::from(size.height / side) * u64::from(size.width / side);
    let mut reasons = Vec::new();
    if p.cross_attention {
        reasons.push("the image is not in the sequence: the language model reads it by cross-attention".to_owned());
    }
    if p.frame != size {
        reasons.push(format!("the processor resizes {} to {} before cutting patches", size, p.frame));
    }
    if p.views.len() > 1 {
        reasons.push(format!("{} views are encoded (crops and a global view), not one", p.views.len()));
    }
    let newlines = tokens_of(&p, TokenKind::Newline);
    if newlines > 0 {
        reasons.push(format!("{newlines} row-newline tokens"));
    }
    Ok(Check {
        model: model.id,
        formula: format!("({} / {side}) · ({} / {side}) + {specials}", size.height, size.width),
        estimate: grid + specials,
        actual: p.tokens_in_sequence,
        reasons,
    })
}

/// LLaVA-OneVision as 576·(k²+1): with k = 3 (the 3x3 crops anyres_max_9 suggests, as the article
/// takes it) and with k² the crops the processor chose for this image.
pub fn onevision(size: Size, options: &Options) -> Result<[Check; 2], String> {
    let model = find(ONEVISION).ok_or("LLaVA-OneVision is not in the catalogue")?;
    let p = plan(size, model, &options.applicable_to(model)).map_err(|e| e.to_string())?;
    let any = p.anyres.as_ref().ok_or("LLaVA-OneVision's plan has no AnyRes grid")?;
    let crops = any.crop_grid.cells();
    let per_view = p.views.first().map(|v| v.token_grid).ok_or("LLaVA-OneVision's plan has no view")?;
    let mut reasons = vec![format!(
        "each 384-px view gives {} features ({per_view} SigLIP patches of 14 px), not 576 (a 336-px CLIP's 24x24)",
        per_view.cells()
    )];
    if any.unpadded != any.feature_grid {
        reasons.push(format!(
            "unpadding keeps {} of the crops' {} feature grid (the rest is padding)",
            any.unpadded, any.feature_grid
        ));
    }
    if let Some(shrunk) = any.shrunk {
        reasons.push(format!("anyres_max_9 shrinks the grid to {shrunk} (it held more than 9 views' features)"));
    }
    let newlines = tokens_of(&p, TokenKind::Newline);
    if newlines > 0 {
        reasons.push(format!("a newline token closes each feature row: {newlines}"));
    }
    let check = |formula: String, k2: u64| Check {
        model: model.id,
        formula,
        estimate: 576 * (k2 + 1),
        actual: p.tokens_in_sequence,
        reasons: reasons.clone(),
    };
    Ok([
        check("576 · (3² + 1), k = 3".to_owned(), 9),
        check(format!("576 · (k² + 1), k² = {} x {} crops", any.crop_grid.cols, any.crop_grid.rows), crops),
    ])
}

/// Gemma 3's pan and scan as 256·(p+1), p the crops it makes of this image (option on).
pub fn pan_and_scan(size: Size) -> Result<Check, String> {
    let model = find(GEMMA3).ok_or("Gemma 3 is not in the catalogue")?;
    let mut options = Options::default();
    options.set("pan_and_scan", OptionValue::Bool(true));
    let p = plan(size, model, &options).map_err(|e| e.to_string())?;
    let crops = (p.views.len() as u64).saturating_sub(1);
    let mut reasons = Vec::new();
    if crops == 0 {
        reasons
            .push("no crops at this size and shape: pan and scan cuts only an image over 1.2:1, into crops of at least 256 px".to_owned());
    }
    if crops > 0 {
        // transformers 5.25 processing_gemma3.py: "no image cropping supported yet" (what vLLM
        // and others ask when they size a request).
        reasons.push(format!(
            "transformers' own helper, Gemma3Processor._get_num_multimodal_tokens, says 256 image tokens \
             whatever the crops: {} short of the {} the expansion writes",
            p.feature_tokens.saturating_sub(256),
            p.feature_tokens
        ));
    }
    let delimiters = tokens_of(&p, TokenKind::Delimiter) + tokens_of(&p, TokenKind::Text);
    if delimiters > 0 {
        reasons.push(format!(
            "each view is wrapped in <start_of_image> … <end_of_image> and blank lines, and crops come with the \
             text \"Here is the original image … and here are some crops\": {delimiters} tokens in all"
        ));
    }
    Ok(Check {
        model: model.id,
        formula: format!("256 · ({crops} + 1)"),
        estimate: 256 * (crops + 1),
        actual: p.tokens_in_sequence,
        reasons,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_formulas_disagree_where_and_as_the_processors_do() {
        let qwen = find("Qwen/Qwen2.5-VL-7B-Instruct").unwrap();
        // 1120 x 840 is a multiple of 28 on both sides: the formula holds, with its 2 delimiters.
        let exact = standard(Size::new(1120, 840), qwen, &Options::default()).unwrap();
        assert_eq!((exact.estimate, exact.actual), (40 * 30 + 2, 40 * 30 + 2));
        assert!(exact.reasons.is_empty(), "{:?}", exact.reasons);
        // 1000 x 700 is resized to 1008 x 700: the formula floors, the processor rounds.
        let rounded = standard(Size::new(1000, 700), qwen, &Options::default()).unwrap();
        assert_eq!(rounded.estimate, 35 * 25 + 2);
        assert_eq!(rounded.actual, 36 * 25 + 2);
        assert!(rounded.reasons[0].contains("resizes 1000x700 to 1008x700"), "{:?}", rounded.reasons);
        // A fixed model: the same count whatever the size, the formula grows with it.
        let gemma = find(GEMMA3).unwrap();
        let fixed = standard(Size::new(4000, 3000), gemma, &Options::default()).unwrap();
        assert_eq!(fixed.actual, 260);
        assert!(fixed.estimate > 10 * fixed.actual);

        // LLaVA-OneVision: at 64 x 64 one crop plus the global view, far under the article's 5760.
        let [article, own] = onevision(Size::new(64, 64), &Options::default()).unwrap();
        assert_eq!(article.estimate, 5760);
        assert_eq!(own.estimate, 1152);
        assert_eq!(article.actual, 1485);
        assert!(article.ratio() < 0.26, "the article overstates it nearly fourfold");
        assert!(own.reasons.iter().any(|r| r.contains("729 features")), "{:?}", own.reasons);
        // A wide image: unpadding drops rows of the crops' grid.
        let [_, wide] = onevision(Size::new(2000, 500), &Options::default()).unwrap();
        assert!(wide.reasons.iter().any(|r| r.starts_with("unpadding keeps")), "{:?}", wide.reasons);

        // Pan and scan: no crops for a square, crops for a wide image, and its text costs tokens.
        let square = pan_and_scan(Size::new(1000, 1000)).unwrap();
        assert_eq!(square.estimate, 256);
        assert_eq!(square.actual, 260);
        let wide = pan_and_scan(Size::new(2000, 500)).unwrap();
        assert!(wide.estimate > 256 && wide.actual > wide.estimate, "{wide:?}");
        // Its helper ignores the crops (1,280 features at 2000x500, as the golden rows hold).
        assert!(
            wide.reasons.iter().any(|r| r.contains("says 256 image tokens") && r.contains("1024 short of the 1280"))
        );
        assert!(!square.reasons.iter().any(|r| r.contains("_get_num_multimodal_tokens")));
    }
}
