//! The catalogue as a Markdown table: what `vistok models` prints and what the README's model
//! table is (a test fails when the README drifts from it).

use crate::engine::models::{Model, Strategy};
use crate::engine::options::KnobKind;

use super::CATALOGUE;

/// One line of the table per entry, in catalogue order, with its header.
pub fn markdown() -> String {
    let mut out = String::from(
        "| strategy | model | family | released | params | context | knobs (default) | video | follows |\n\
         | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n",
    );
    for m in CATALOGUE {
        out.push_str(&row(m));
        out.push('\n');
    }
    out
}

fn row(m: &Model) -> String {
    let knobs: Vec<String> = m
        .knobs()
        .iter()
        .map(|k| match k.kind {
            KnobKind::Whole { min, max } => format!("`{}` {min}..{max} ({})", k.name, k.default),
            KnobKind::Flag | KnobKind::Choice(_) => format!("`{}` ({})", k.name, k.default),
        })
        .collect();
    // A hosted provider does not publish its model's size; an open checkpoint's may not be found.
    let missing = if matches!(m.strategy, Strategy::Api(_)) { "undisclosed" } else { "not pinned" };
    let approximate =
        if m.approximate() { format!(" — approximate: {} not pinned", m.unpinned.join(", ")) } else { String::new() };
    // Whether vistok counts the checkpoint's video, and through which presets.
    let video = match super::video::support(m.id) {
        super::video::Support::Counted(_) => {
            super::video::presets(m.id).iter().map(|p| p.name()).collect::<Vec<_>>().join(", ")
        }
        super::video::Support::NotYet(_) => "not counted yet".to_owned(),
        super::video::Support::None => "—".to_owned(),
    };
    format!(
        "| {} | `{}` | {} | {} | {} | {} | {} | {} | `{}`{} |",
        m.strategy.kind().label(),
        m.id,
        m.family,
        m.released,
        m.params.map_or_else(|| missing.to_owned(), |p| p.to_string()),
        m.context.map_or_else(|| missing.to_owned(), |c| c.to_string()),
        if knobs.is_empty() { "—".to_owned() } else { knobs.join(", ") },
        video,
        m.reference.file.replace('|', "\\|"),
        approximate
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_entry_has_one_row() {
        let table = super::markdown();
        assert_eq!(table.lines().count(), super::CATALOGUE.len() + 2);
        let qwen = "| Dynamic resolution + merge | `Qwen/Qwen2.5-VL-7B-Instruct` | Qwen2.5-VL | 2025-01 | 8.29B | 128000 \
                    | `min_pixels` 1..178956970 (3136), `max_pixels` 1..178956970 (12845056) \
                    | transformers, qwen-vl-utils, vllm | `models/qwen2_vl/image_processing_qwen2_vl.py` |";
        assert!(table.lines().any(|l| l == qwen), "{table}");
        let aya = table.lines().find(|l| l.contains("`CohereLabs/aya-vision-8b`")).unwrap();
        assert!(aya.contains("| not pinned | not pinned |"), "{aya}");
        // Video: counted (with its presets), taken by the API but not counted, or none.
        assert!(aya.contains("(12) | — |"), "{aya}");
        let gemini = table.lines().find(|l| l.contains("`google/gemini-3-pro`")).unwrap();
        assert!(gemini.contains("| not counted yet |"), "{gemini}");
    }
}
