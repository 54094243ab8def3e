//! `vistok scan --summary`: per model, in constant memory whatever the number of files (a
//! histogram of counts, not a list): images, broken files, refusals, total tokens, p50, p90, p99
//! and max per image, the ten heaviest files, and for hosted models the cost at list price.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap};

use serde_json::{Value, json};
use vistok::engine::catalogue::prices::{self, Price};
use vistok::engine::{Model, Options};

use super::Format;
use super::out::{Failure, Out};
use super::scan::{Counts, Record, csv_text};

/// How many of the heaviest files each model keeps.
const HEAVIEST: usize = 10;

struct PerModel {
    model: &'static Model,
    images: u64,
    /// Sizes the model refused (too small, too thin, over a limit).
    refused: u64,
    total: u128,
    /// How many images gave each count.
    histogram: BTreeMap<u64, u64>,
    heaviest: BinaryHeap<Reverse<(u64, String)>>,
}

pub struct Summary {
    models: Vec<PerModel>,
    /// Files (or rows) with no size: broken, not images, unreadable.
    broken: u64,
}

impl Summary {
    pub fn new(models: &[(&'static Model, Options)]) -> Self {
        let per = |&(model, _): &(&'static Model, Options)| PerModel {
            model,
            images: 0,
            refused: 0,
            total: 0,
            histogram: BTreeMap::new(),
            heaviest: BinaryHeap::new(),
        };
        Summary { models: models.iter().map(per).collect(), broken: 0 }
    }

    pub fn add(&mut self, record: &Record, counts: &Counts) {
        if record.found.is_err() {
            self.broken += 1;
            return;
        }
        for (m, c) in self.models.iter_mut().zip(counts) {
            match c {
                Ok((tokens, _)) => {
                    m.images += 1;
                    m.total += u128::from(*tokens);
                    *m.histogram.entry(*tokens).or_default() += 1;
                    if m.heaviest.len() < HEAVIEST || m.heaviest.peek().is_some_and(|Reverse((t, _))| tokens > t) {
                        m.heaviest.push(Reverse((*tokens, record.path.clone())));
                        if m.heaviest.len() > HEAVIEST {
                            m.heaviest.pop();
                        }
                    }
                }
                Err(_) => m.refused += 1,
            }
        }
    }

    pub fn write(&self, out: &mut Out, format: Format) -> Result<(), Failure> {
        if format == Format::Csv {
            out.text(&csv_text(&[&[
                "model",
                "images",
                "broken_files",
                "refused",
                "total_tokens",
                "p50",
                "p90",
                "p99",
                "max",
                "usd_per_million_input",
                "cost_usd",
                "price_as_of",
            ]]))?;
        }
        for m in &self.models {
            let p = |q: u64| percentile(&m.histogram, m.images, q);
            let price = prices::price(m.model.id);
            let cost = price.map(|pr| cost_of(pr, m.total));
            match format {
                Format::Jsonl => {
                    let mut heaviest: Vec<(u64, String)> = m.heaviest.iter().map(|Reverse(x)| x.clone()).collect();
                    heaviest.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
                    let line = json!({
                        "model": m.model.id,
                        "images": m.images,
                        "broken_files": self.broken,
                        "refused": m.refused,
                        "total_tokens": u64::try_from(m.total).unwrap_or(u64::MAX),
                        "p50": p(50), "p90": p(90), "p99": p(99),
                        "max": m.histogram.keys().next_back(),
                        "heaviest": heaviest.iter().map(|(t, path)| json!({"path": path, "tokens_in_sequence": t})).collect::<Vec<_>>(),
                        "price": price.map(|pr| json!({"usd_per_million_input": pr.usd_per_million, "as_of": pr.as_of, "source": pr.source})),
                        "cost_usd": cost,
                    });
                    out.line(&line.to_string())?;
                }
                Format::Csv => {
                    let text = |v: Option<u64>| v.map(|v| v.to_string()).unwrap_or_default();
                    let row = [
                        m.model.id.to_owned(),
                        m.images.to_string(),
                        self.broken.to_string(),
                        m.refused.to_string(),
                        m.total.to_string(),
                        text(p(50)),
                        text(p(90)),
                        text(p(99)),
                        text(m.histogram.keys().next_back().copied()),
                        price.map(|pr| pr.usd_per_million.to_string()).unwrap_or_default(),
                        cost.map(|c| format!("{c:.2}")).unwrap_or_default(),
                        price.map(|pr| pr.as_of.to_owned()).unwrap_or_default(),
                    ];
                    out.text(&csv_text(&[&row.iter().map(String::as_str).collect::<Vec<_>>()]))?;
                }
            }
        }
        Ok(())
    }
}

fn cost_of(price: &Price, total: u128) -> Value {
    json!((prices::cost_usd(price, u64::try_from(total).unwrap_or(u64::MAX)) * 100.0).round() / 100.0)
}

/// The nearest-rank `q`th percentile of `n` counts held as a histogram: the smallest count with
/// at least `ceil(q/100 * n)` counts at or below it.
pub fn percentile(histogram: &BTreeMap<u64, u64>, n: u64, q: u64) -> Option<u64> {
    if n == 0 {
        return None;
    }
    let rank = (q * n).div_ceil(100).max(1);
    let mut seen = 0;
    histogram.iter().find_map(|(&value, &count)| {
        seen += count;
        (seen >= rank).then_some(value)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_percentiles_from_a_histogram() {
        // 1..=100 once each: p50 is 50, p90 90, p99 99, p100 100.
        let h: BTreeMap<u64, u64> = (1..=100).map(|v| (v, 1)).collect();
        assert_eq!([50, 90, 99, 100].map(|q| percentile(&h, 100, q)), [Some(50), Some(90), Some(99), Some(100)]);
        // Nine images of 256 tokens and one of 5000: p50 and p90 256, p99 5000.
        let h = BTreeMap::from([(256, 9), (5000, 1)]);
        assert_eq!([50, 90, 99].map(|q| percentile(&h, 10, q)), [Some(256), Some(256), Some(5000)]);
        assert_eq!(percentile(&BTreeMap::new(), 0, 50), None);
    }
}
