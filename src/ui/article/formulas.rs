//! "Formula against truth": the article's back-of-envelope formulas worked out for the reader's
//! image beside the processor's count, with the reasons they differ (`engine::formulas`).

use leptos::prelude::*;

use crate::engine::formulas::{self, Check};
use crate::engine::{self, Model, Options, Size};
use crate::ui::math;

/// One table row: the formula (as math, and what it is for), both counts, the ratio and the reasons.
fn row(formula: &'static str, name: String, check: Result<Check, String>) -> impl IntoView {
    let name = view! { {math::inline(formula)}<br/>{name} };
    match check {
        Ok(c) => {
            let reasons = if c.reasons.is_empty() { "they agree".to_owned() } else { c.reasons.join("; ") };
            let ratio = c.ratio();
            let off = !(0.9..=1.1).contains(&ratio);
            view! {
                <tr data-model=c.model>
                    <td>{name}</td>
                    <td class="math" data-col="worked">{math::inline(&c.formula)}</td>
                    <td class="num" data-col="estimate">{c.estimate}</td>
                    <td class="num" data-col="actual">{c.actual}</td>
                    <td class="num" class:off=off data-col="ratio">{format!("{ratio:.2}x")}</td>
                    <td>{reasons}</td>
                </tr>
            }
            .into_any()
        }
        Err(e) => view! { <tr><td>{name}</td><td colspan="5">{e}</td></tr> }.into_any(),
    }
}

/// The formulas at the article's size for the selected model, LLaVA-OneVision and Gemma 3.
#[component]
pub fn FormulaCheck(
    size: Memo<Result<Size, String>>,
    model: RwSignal<&'static Model>,
    options: RwSignal<Options>,
) -> impl IntoView {
    let rows = move || {
        let s = size.get().ok()?;
        let m = model.get();
        let o = options.get();
        let ov = engine::find("llava-hf/llava-onevision-qwen2-7b-ov-hf").map_or("LLaVA-OneVision", |m| m.name);
        let mut out =
            vec![row("N = (H/P)·(W/P) + specials", m.name.to_owned(), formulas::standard(s, m, &o)).into_any()];
        match formulas::onevision(s, &o) {
            Ok([article, own]) => {
                out.push(row("576·(k² + 1)", format!("{ov}, as the article takes it"), Ok(article)).into_any());
                out.push(row("576·(k² + 1)", format!("{ov}, with this image's crops"), Ok(own)).into_any());
            }
            Err(e) => out.push(row("576·(k² + 1)", ov.to_owned(), Err(e)).into_any()),
        }
        out.push(row("256·(p + 1)", "Gemma 3 pan and scan".to_owned(), formulas::pan_and_scan(s)).into_any());
        Some(out)
    };
    view! {
        <h3>"Formula against truth"</h3>
        <p>
            "Back-of-envelope formulas are how most readers count, and each is right somewhere. Here they are "
            "worked out for your image beside what the processor really produces, and why the two differ: resizing, "
            "newline tokens, unpadding, the anyres_max shrink, delimiters and inserted text."
        </p>
        <table class="compare formulas" data-testid="formula-table">
            <thead><tr>
                <th>"Formula"</th><th>"Worked out"</th><th class="num">"Formula says"</th>
                <th class="num">"Processor"</th><th class="num">"Processor ÷ formula"</th><th>"Why they differ"</th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
}
