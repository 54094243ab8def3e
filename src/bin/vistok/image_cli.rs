//! `vistok count`'s readable breakdown of an image's plan.

use vistok::engine::{self, Plan};

/// The plan as the readable breakdown `vistok count` prints.
pub fn breakdown(plan: &Plan) -> String {
    let mut s = String::new();
    let mut line = |text: String| {
        s.push_str(&text);
        s.push('\n');
    };
    line(format!("{}  ({})", plan.model, plan.strategy.label()));
    line(format!("image            {}", plan.original));
    line(format!("model input      {} ({:?})", plan.frame, plan.resize));
    line(format!(
        "patch            {} px, merge {}x{} ({:?})",
        plan.patch, plan.merge.factor, plan.merge.factor, plan.merge.site
    ));
    for view in &plan.views {
        line(format!(
            "view {:<11} {} px -> {} patches -> {} tokens",
            match view.role {
                engine::ViewRole::Whole => "whole".to_owned(),
                engine::ViewRole::Global => "global".to_owned(),
                engine::ViewRole::Crop { row, col } => format!("crop r{row}c{col}"),
            },
            view.input,
            view.patch_grid,
            view.token_grid
        ));
    }
    if let Some(any) = &plan.anyres {
        line(format!("crop grid        {} (chosen {})", any.crop_grid, plan.frame));
        line(format!("features         {} -> unpadded {}", any.feature_grid, any.unpadded));
        if let Some(shrunk) = any.shrunk {
            line(format!("shrunk to        {shrunk} (over the crop budget)"));
        }
    }
    line("sequence:".into());
    for span in &plan.sequence_summary() {
        line(format!("  {:>7}  {:<10} {} {:?}", span.count, format!("{:?}", span.kind), span.label, span.text));
    }
    for note in &plan.notes {
        line(format!("note: {note}"));
    }
    line(format!("feature tokens     {}", plan.feature_tokens));
    line(format!("on padding only    {}", plan.padding_tokens));
    line(format!("tokens in sequence {}", plan.tokens_in_sequence));
    s
}
