//! Formulas as MathML, which current browsers render natively (nothing is fetched): the article's
//! counts written as math, first in letters, then with the reader's numbers.

use leptos::prelude::*;

/// `⌊a / b⌋`.
fn floor_of(a: AnyView, b: AnyView) -> impl IntoView {
    view! { <mrow><mo stretchy="true">"⌊"</mo><mfrac>{a}{b}</mfrac><mo stretchy="true">"⌋"</mo></mrow> }
}

fn letter(s: &'static str) -> AnyView {
    view! { <mi>{s}</mi> }.into_any()
}

fn number(n: u64) -> AnyView {
    view! { <mn>{n.to_string()}</mn> }.into_any()
}

/// A plain ViT's patch count, `N = ⌊H/P⌋ · ⌊W/P⌋`, worked out for an `h` x `w` image and `p`-px
/// patches (the stride-`p` convolution drops a last partial patch: `engine::plain_vit_grid`).
#[component]
pub fn PatchCount(h: u32, w: u32, p: u32) -> impl IntoView {
    let (rows, cols) = (u64::from(h / p.max(1)), u64::from(w / p.max(1)));
    let label = format!("N = floor(H / P) times floor(W / P) = floor({h} / {p}) times floor({w} / {p}) = {rows} times {cols} = {}", rows * cols);
    view! {
        <math display="block" data-testid="recipe-math" aria-label=label>
            <mrow>
                <mi>"N"</mi><mo>"="</mo>
                {floor_of(letter("H"), letter("P"))}<mo>"·"</mo>{floor_of(letter("W"), letter("P"))}
                <mo>"="</mo>
                {floor_of(number(u64::from(h)), number(u64::from(p)))}<mo>"·"</mo>
                {floor_of(number(u64::from(w)), number(u64::from(p)))}
                <mo>"="</mo>{number(rows)}<mo>"·"</mo>{number(cols)}<mo>"="</mo>{number(rows * cols)}
            </mrow>
        </math>
    }
}
