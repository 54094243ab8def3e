//! The catalogue: one entry per checkpoint, as data. Each entry names its family's strategy with
//! the checkpoint's processor values, cites where they come from, and carries what the cost
//! model needs. Adding a checkpoint of a known family is one entry in its vendor's file, listed
//! below, plus its golden rows (see the README, "Adding a model").

mod allenai;
mod cambrian;
mod cohere;
mod ernie;
mod glm;
mod google;
mod hosted;
mod liquid;
mod llava;
mod microsoft;
mod mistral;
mod moonshot;
mod nvidia;
mod openbmb;
mod ovis;
pub mod prices;
mod qwen;
pub mod table;
mod tiling;
pub mod video;

use super::error::EngineError;
use super::models::Model;
use super::options::{Knob, Options};

/// Every model the engine counts, grouped by strategy.
pub static CATALOGUE: &[Model] = &[
    google::PALIGEMMA_224,
    google::PALIGEMMA_448,
    google::PALIGEMMA_896,
    google::PALIGEMMA2_448,
    llava::LLAVA_15_7B,
    google::GEMMA3_4B,
    google::GEMMA3N_E4B,
    cambrian::CAMBRIAN_8B,
    qwen::QWEN2_VL_7B,
    qwen::QWEN25_VL_7B,
    qwen::QWEN3_VL_8B,
    qwen::QWEN35_27B,
    glm::GLM41V_9B_THINKING,
    glm::GLM45V,
    glm::GLM46V,
    glm::GLM53_FLASH,
    moonshot::KIMI_K26,
    nvidia::NEMOTRON3_NANO_OMNI,
    google::GEMMA4_E2B,
    google::GEMMA4_12B,
    ovis::OVIS25_2B,
    ernie::ERNIE45_VL_28B,
    mistral::PIXTRAL_12B,
    mistral::MISTRAL_SMALL_31,
    mistral::MISTRAL_SMALL_4,
    llava::LLAVA_NEXT_MISTRAL_7B,
    llava::LLAVA_NEXT_VIDEO_7B,
    llava::LLAVA_ONEVISION_7B,
    openbmb::MINICPM_V46,
    allenai::MOLMO2_8B,
    microsoft::PHI4_MULTIMODAL,
    liquid::LFM2_VL_1_6B,
    tiling::INTERNVL3_8B,
    tiling::INTERNVL35_8B,
    nvidia::EAGLE25_8B,
    cohere::AYA_VISION_8B,
    cohere::COMMAND_A_VISION,
    tiling::DEEPSEEK_OCR2,
    tiling::LLAMA32_11B_VISION,
    tiling::LLAMA4_SCOUT,
    tiling::PERCEPTION_LM_8B,
    tiling::SMOLVLM_2B,
    tiling::SMOLVLM2_2B,
    tiling::IDEFICS3_8B,
    hosted::GPT_4O,
    hosted::GPT_41_MINI,
    hosted::CLAUDE_SONNET_4,
    hosted::GEMINI_25_FLASH,
    hosted::CLAUDE_OPUS_47,
    hosted::CLAUDE_HAIKU_45,
    hosted::GPT_54,
    hosted::GEMINI_3_PRO,
];

/// The catalogue entry with this Hugging Face id.
pub fn find(id: &str) -> Option<&'static Model> {
    CATALOGUE.iter().find(|m| m.id == id)
}

/// Every knob name some entry of the catalogue has, in catalogue order.
pub fn knob_names() -> Vec<&'static str> {
    let mut names: Vec<&'static str> = Vec::new();
    for knob in CATALOGUE.iter().flat_map(Model::knobs) {
        if !names.contains(&knob.name) {
            names.push(knob.name);
        }
    }
    names
}

/// The first knob of the catalogue named `name` (knobs of one name have one kind everywhere).
pub fn knob_named(name: &str) -> Option<Knob> {
    CATALOGUE.iter().flat_map(Model::knobs).find(|k| k.name == name)
}

/// Where options meet the catalogue: which apply to an entry, and whether their values do.
impl Options {
    /// These options without the ones `model` does not have (the page keeps every control's value
    /// while the reader switches models; each model takes what applies to it).
    pub fn applicable_to(&self, model: &Model) -> Self {
        let knobs = model.knobs();
        self.filtered(|name| knobs.iter().any(|k| k.name == name))
    }

    /// Checks that every option set is one of `model`'s knobs with a value it takes.
    pub fn check_for(&self, model: &Model) -> Result<(), EngineError> {
        let knobs = model.knobs();
        for (name, value) in self.iter() {
            let invalid = |reason: String| EngineError::InvalidOption { name: name.to_owned(), reason };
            match knobs.iter().find(|k| k.name == name) {
                Some(knob) => {
                    if let Some(reason) = knob.refuse(value) {
                        return Err(invalid(reason));
                    }
                }
                None if knob_names().contains(&name) => {
                    return Err(invalid(format!("{} has no {name} option", model.id)));
                }
                None => return Err(invalid(format!("unknown option (known: {})", knob_names().join(", ")))),
            }
        }
        model.strategy.check(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::models::Strategy;
    use crate::engine::plan::StrategyKind;

    #[test]
    fn ids_are_unique_and_every_entry_cites_its_reference() {
        for (i, m) in CATALOGUE.iter().enumerate() {
            assert!(CATALOGUE[..i].iter().all(|o| o.id != m.id), "duplicate id {}", m.id);
            let documented = matches!(m.strategy, Strategy::Api(_)) && m.reference.function.contains("docs");
            assert!(m.reference.file.ends_with(".py") || documented, "{}", m.id);
            assert!(!m.reference.function.is_empty());
            assert!(!m.reference.config.is_empty());
            assert!((1..=12).contains(&m.released.month), "{}", m.id);
        }
    }

    #[test]
    fn the_catalogue_has_every_strategy() {
        for kind in StrategyKind::ALL {
            assert!(CATALOGUE.iter().any(|m| m.strategy.kind() == kind), "{kind:?} missing");
        }
    }

    #[test]
    fn every_open_model_has_a_context_window_and_its_knobs_defaults_in_range() {
        for m in CATALOGUE {
            // A provider's context window is a product fact its vision page may not give; an open
            // entry without one says why.
            let said = m.reference.config.contains("context window not pinned");
            assert!(m.context.is_some() || matches!(m.strategy, Strategy::Api(_)) || said, "{}", m.id);
            for knob in m.knobs() {
                let default = match knob.default {
                    crate::engine::options::KnobValue::Whole(n) => n.into(),
                    crate::engine::options::KnobValue::Flag(b) => b.into(),
                    crate::engine::options::KnobValue::Choice(c) => c.into(),
                };
                assert_eq!(knob.refuse(&default), None, "{} {}", m.id, knob.name);
                assert!(Options::default().with(knob.name, default).check_for(m).is_ok(), "{} {}", m.id, knob.name);
            }
        }
    }

    #[test]
    fn options_are_named_when_a_model_lacks_them_or_nobody_has_them() {
        let gemma = find("google/gemma-3-4b-it").unwrap();
        let e = Options::default().with("max_pixels", 5000).check_for(gemma).unwrap_err().to_string();
        assert_eq!(e, r#"option "max_pixels": google/gemma-3-4b-it has no max_pixels option"#);
        let e = Options::default().with("zoom", 2).check_for(gemma).unwrap_err().to_string();
        assert_eq!(e, format!(r#"option "zoom": unknown option (known: {})"#, knob_names().join(", ")));
        assert!(knob_names().contains(&"max_tiles") && knob_names().contains(&"detail"));
    }
}
