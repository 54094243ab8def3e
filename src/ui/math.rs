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
    let label = format!(
        "N = floor(H / P) times floor(W / P) = floor({h} / {p}) times floor({w} / {p}) = {rows} times {cols} = {}",
        rows * cols
    );
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

/// `<mi>`: a variable.
pub fn mi(s: &'static str) -> AnyView {
    letter(s)
}

/// `<mn>`: a number.
pub fn mn(n: u64) -> AnyView {
    number(n)
}

/// `<mo>`: an operator.
pub fn mo(s: &'static str) -> AnyView {
    view! { <mo>{s}</mo> }.into_any()
}

/// `<mtext>`: words inside a formula.
pub fn mtext(s: &'static str) -> AnyView {
    view! { <mtext>{s}</mtext> }.into_any()
}

/// `a` over `b`.
pub fn frac(a: AnyView, b: AnyView) -> AnyView {
    view! { <mfrac>{a}{b}</mfrac> }.into_any()
}

/// `a` squared.
pub fn squared(a: AnyView) -> AnyView {
    view! { <msup>{a}<mn>"2"</mn></msup> }.into_any()
}

/// Items as one group (under a fraction bar, say).
pub fn group(items: Vec<AnyView>) -> AnyView {
    view! { <mrow>{items}</mrow> }.into_any()
}

/// `(items)`.
pub fn parens(items: Vec<AnyView>) -> AnyView {
    view! { <mrow><mo>"("</mo>{items}<mo>")"</mo></mrow> }.into_any()
}

/// A displayed formula; `label` says it in words for screen readers.
pub fn display(testid: String, label: String, items: Vec<AnyView>) -> AnyView {
    view! { <math display="block" data-testid=testid aria-label=label><mrow>{items}</mrow></math> }.into_any()
}

/// A formula written in plain text (`576 · (k² + 1), k² = 3 x 3 crops`) as inline MathML: numbers
/// as `<mn>`, a single letter as `<mi>`, words as text, a lone `x` as `×`, `²` as a superscript,
/// anything else as an operator.
pub fn inline(expr: &str) -> AnyView {
    let chars: Vec<char> = expr.chars().collect();
    let mut items: Vec<AnyView> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let run = |pred: fn(char) -> bool| chars[i..].iter().take_while(|&&c| pred(c)).collect::<String>();
        if c.is_whitespace() {
            i += 1;
        } else if c.is_ascii_digit() {
            let digits = run(|c| c.is_ascii_digit() || c == '.');
            i += digits.chars().count();
            items.push(view! { <mn>{digits}</mn> }.into_any());
        } else if c.is_alphabetic() && c != '²' {
            let word = run(|c| c.is_alphabetic() || c == '_');
            i += word.chars().count();
            items.push(match word.as_str() {
                "x" => view! { <mo>"×"</mo> }.into_any(),
                w if w.chars().count() == 1 => view! { <mi>{word}</mi> }.into_any(),
                _ => view! { <mtext>{format!("\u{a0}{word}\u{a0}")}</mtext> }.into_any(),
            });
        } else if c == '²' {
            i += 1;
            let base = items.pop().unwrap_or_else(|| view! { <mrow></mrow> }.into_any());
            items.push(view! { <msup>{base}<mn>"2"</mn></msup> }.into_any());
        } else {
            i += 1;
            items.push(view! { <mo>{c.to_string()}</mo> }.into_any());
        }
    }
    view! { <math aria-label=expr.to_owned()><mrow>{items}</mrow></math> }.into_any()
}
