//! Each strategy's formula as MathML, in letters and then with the reader's numbers: a merge
//! (`N = (H′/P)·(W′/P) / k²`), the dynamic resize before it (`H′ = kP·round(H/kP)`), and tiling
//! (`N = t·(n + 1)`), each followed by the specials that make the sequence's count. The numbers are
//! the engine's plan for the figure's model when its plan is that formula, else for the strategy's
//! clearest example, so a formula is never shown where it is not the count.

use leptos::prelude::*;

use crate::engine::{self, Model, Options, Plan, StrategyKind, ViewRole};
use crate::ui::math::{display, frac, group, mi, mn, mo, mtext, parens, squared};
use crate::ui::store::use_store;

/// The example a strategy's formula falls back to.
fn example(kind: StrategyKind) -> Option<&'static Model> {
    engine::find(match kind {
        StrategyKind::Fixed => "google/gemma-3-4b-it",
        StrategyKind::Dynamic => "Qwen/Qwen2.5-VL-7B-Instruct",
        StrategyKind::AnyRes => "OpenGVLab/InternVL3-8B-hf",
        StrategyKind::Api => return None,
    })
}

/// A test id per strategy.
fn slug(kind: StrategyKind) -> &'static str {
    match kind {
        StrategyKind::Fixed => "fixed",
        StrategyKind::Dynamic => "dynamic",
        StrategyKind::AnyRes => "anyres",
        StrategyKind::Api => "api",
    }
}

/// One view's tokens as its patches merged k x k, when the plan is exactly that:
/// `N = (H′/P)·(W′/P) / k²`.
fn merged(plan: &Plan) -> Option<(String, Vec<AnyView>)> {
    let [v] = plan.views.as_slice() else { return None };
    let (p, k) = (plan.patch, plan.merge.factor.max(1));
    let (h, w) = (v.input.height, v.input.width);
    let (rows, cols) = (v.patch_grid.rows, v.patch_grid.cols);
    let n = u64::from(v.token_grid.cols) * u64::from(v.token_grid.rows);
    let exact = p > 0 && h % p == 0 && w % p == 0 && h / p == rows && w / p == cols;
    if !exact || u64::from(rows) * u64::from(cols) != n * u64::from(k * k) || n != plan.feature_tokens {
        return None;
    }
    let product = |a: AnyView, b: AnyView, c: AnyView, d: AnyView| group(vec![frac(a, b), mo("·"), frac(c, d)]);
    let (h, w, p, rows, cols) = (u64::from(h), u64::from(w), u64::from(p), u64::from(rows), u64::from(cols));
    let mut items = vec![mi("N"), mo("=")];
    let mut label = "N = (H′ / P) times (W′ / P)".to_owned();
    if k > 1 {
        // Side by side, not stacked: a fraction in a fraction's numerator shrinks to unreadable.
        items.extend([product(mi("H′"), mi("P"), mi("W′"), mi("P")), mo("/"), squared(mi("k"))]);
        items.extend([mo("="), product(mn(h), mn(p), mn(w), mn(p)), mo("/"), squared(mn(u64::from(k)))]);
        items.extend([mo("="), mn(rows), mo("·"), mn(cols), mo("/"), mn(u64::from(k * k))]);
        label.push_str(&format!(
            " over k squared = ({h} / {p}) times ({w} / {p}) over {k} squared = {rows} times {cols} over {}",
            k * k
        ));
    } else {
        items.push(product(mi("H′"), mi("P"), mi("W′"), mi("P")));
        items.extend([mo("="), product(mn(h), mn(p), mn(w), mn(p))]);
        items.extend([mo("="), mn(rows), mo("·"), mn(cols)]);
        label.push_str(&format!(" = ({h} / {p}) times ({w} / {p}) = {rows} times {cols}"));
    }
    items.extend([mo("="), mn(n)]);
    label.push_str(&format!(" = {n}"));
    Some((label, items))
}

/// The dynamic resize, when it is a plain rounding to the token's pixel size (no floor or cap
/// reached): `H′ = kP·round(H / kP)`, one formula per side.
fn resized(plan: &Plan) -> Option<Vec<(String, Vec<AnyView>)>> {
    let f = plan.patch * plan.merge.factor.max(1);
    let round = |side: u32| (f64::from(side) / f64::from(f)).round_ties_even() as u32 * f;
    let plain = f > 0
        && plan.views.len() == 1
        && plan.frame == plan.views[0].input
        && round(plan.original.height) == plan.frame.height
        && round(plan.original.width) == plan.frame.width;
    if !plain {
        return None;
    }
    let side = |primed: &'static str, bare: &'static str, from: u32, to: u32| {
        let (from, to, f64_) = (u64::from(from), u64::from(to), u64::from(f));
        let items = vec![
            mi(primed),
            mo("="),
            mi("k"),
            mi("P"),
            mo("·"),
            mtext("round"),
            parens(vec![frac(mi(bare), group(vec![mi("k"), mi("P")]))]),
            mo("="),
            mn(f64_),
            mo("·"),
            mtext("round"),
            parens(vec![frac(mn(from), mn(f64_))]),
            mo("="),
            mn(to),
        ];
        (format!("{primed} = k P times round({bare} / k P) = {f64_} times round({from} / {f64_}) = {to}"), items)
    };
    Some(vec![
        side("H′", "H", plan.original.height, plan.frame.height),
        side("W′", "W", plan.original.width, plan.frame.width),
    ])
}

/// Crops of one size plus a global view, when every view yields the same tokens and they are the
/// image's features: `N = t·(n + 1)`, `n` the crops.
fn tiled(plan: &Plan) -> Option<(String, Vec<AnyView>)> {
    let cells = |v: &engine::View| u64::from(v.token_grid.cols) * u64::from(v.token_grid.rows);
    let t = cells(plan.views.first()?);
    let crops = plan.views.iter().filter(|v| matches!(v.role, ViewRole::Crop { .. })).count() as u64;
    let global = plan.views.iter().filter(|v| v.role == ViewRole::Global).count() as u64;
    let same = plan.views.iter().all(|v| cells(v) == t);
    if !same || crops < 2 || global > 1 || t * (crops + global) != plan.feature_tokens {
        return None;
    }
    let n = t * (crops + global);
    let mut items = vec![mi("N"), mo("=")];
    let (letters, numbers) = if global == 1 {
        (
            vec![mi("t"), mo("·"), parens(vec![mi("n"), mo("+"), mn(1)])],
            vec![mn(t), mo("·"), parens(vec![mn(crops), mo("+"), mn(1)])],
        )
    } else {
        (vec![mi("t"), mo("·"), mi("n")], vec![mn(t), mo("·"), mn(crops)])
    };
    items.extend(letters);
    items.push(mo("="));
    items.extend(numbers);
    items.extend([mo("="), mn(n)]);
    let plus = if global == 1 { " + 1" } else { "" };
    let mut label = format!("N = t times (n{plus}) = {t} times ({crops}{plus}) = {n}");
    if let Some(grid) = plan.tiling.as_ref().map(|c| c.tile_grid).filter(|g| u64::from(g.cols * g.rows) == crops) {
        items.extend([mo(","), mi("n"), mo("="), mn(u64::from(grid.cols)), mo("×"), mn(u64::from(grid.rows))]);
        label.push_str(&format!(", n = {} by {}", grid.cols, grid.rows));
    }
    Some((label, items))
}

/// The sequence's count: the features plus what the processor adds around them.
fn specials(plan: &Plan) -> Option<(String, Vec<AnyView>)> {
    let s = plan.tokens_in_sequence.checked_sub(plan.feature_tokens)?;
    if plan.cross_attention {
        return None;
    }
    let items = vec![
        mi("T"),
        mo("="),
        mi("N"),
        mo("+"),
        mtext("specials"),
        mo("="),
        mn(plan.feature_tokens),
        mo("+"),
        mn(s),
        mo("="),
        mn(plan.tokens_in_sequence),
    ];
    Some((format!("T = N + specials = {} + {s} = {}", plan.feature_tokens, plan.tokens_in_sequence), items))
}

/// The formulas of `kind` for `plan`, if the plan is what they say.
fn formulas(kind: StrategyKind, plan: &Plan) -> Option<Vec<(String, Vec<AnyView>, &'static str)>> {
    let mut out = Vec::new();
    match kind {
        StrategyKind::Fixed => out.push(merged(plan).map(|(l, i)| (l, i, "count"))?),
        StrategyKind::Dynamic => {
            let count = merged(plan)?;
            out.extend(resized(plan).into_iter().flatten().map(|(l, i)| (l, i, "resize")));
            out.push((count.0, count.1, "count"));
        }
        StrategyKind::AnyRes => out.push(tiled(plan).map(|(l, i)| (l, i, "count"))?),
        StrategyKind::Api => return None,
    }
    out.extend(specials(plan).map(|(l, i)| (l, i, "total")));
    Some(out)
}

/// A strategy's formulas with the reader's numbers, for the figure's model when they describe its
/// plan, else for the strategy's example at the same size.
#[component]
pub fn StrategyMath(kind: StrategyKind) -> impl IntoView {
    let store = use_store();
    let shown = move || {
        let size = store.article_size.get().ok()?;
        let current = store.model.get();
        let own = (current.strategy.kind() == kind)
            .then(|| store.article_plan.get().ok())
            .flatten()
            .and_then(|p| Some((current, formulas(kind, &p)?, p)));
        let (model, math, plan) = match own {
            Some(own) => own,
            None => {
                let m = example(kind)?;
                let p = engine::plan(size, m, &Options::default()).ok()?;
                (m, formulas(kind, &p)?, p)
            }
        };
        let note = (model != current && current.strategy.kind() == kind).then(|| {
            format!(" ({}'s count is not this plain product: see the formula table in section 2.)", current.name)
        });
        let resize_text = (kind == StrategyKind::Dynamic && !math.iter().any(|(_, _, part)| *part == "resize"))
            .then(|| format!(" Its resize is not a plain rounding here (a pixel floor or cap): {} px.", plan.frame));
        let id = slug(kind);
        Some(view! {
            <p class="math-for" data-testid=format!("strategy-math-{id}-model") data-model=model.id>
                {format!("For {} at {}:", model.name, plan.original)}{note}{resize_text}
            </p>
            {math.into_iter().map(|(label, items, part)| display(format!("strategy-math-{id}-{part}"), label, items)).collect_view()}
        })
    };
    view! { <div class="strategy-math">{shown}</div> }
}
