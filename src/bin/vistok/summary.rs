//! `vistok scan --summary`: per model, in constant memory whatever the number of files (a
//! histogram of counts, not a list): images, broken files, refusals, total tokens, p50, p90, p99
//! and max per image, the ten heaviest files, and for hosted models the cost at list price.

use serde_json::{Value, json};
use vistok::engine::catalogue::prices::{self, Price};
use vistok::engine::collection::Tally;
use vistok::engine::{Model, Options};

use super::Format;
use super::out::{Failure, Out};
use super::scan::{Counts, Record, csv_text};

struct PerModel {
    model: &'static Model,
    tally: Tally,
}

pub struct Summary {
    models: Vec<PerModel>,
    /// Files (or rows) with no size: broken, not images, unreadable.
    broken: u64,
}

impl Summary {
    pub fn new(models: &[(&'static Model, Options)]) -> Self {
        let per = |&(model, _): &(&'static Model, Options)| PerModel { model, tally: Tally::default() };
        Summary { models: models.iter().map(per).collect(), broken: 0 }
    }

    pub fn add(&mut self, record: &Record, counts: &Counts) {
        if record.found.is_err() {
            self.broken += 1;
            return;
        }
        for (m, c) in self.models.iter_mut().zip(counts) {
            match c {
                Ok((tokens, _)) => m.tally.add(*tokens, &record.path),
                Err(_) => m.tally.refused += 1,
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
            let t = &m.tally;
            let p = |q: u64| t.percentile(q);
            let price = prices::price(m.model.id);
            let cost = price.map(|pr| cost_of(pr, t.total()));
            match format {
                Format::Jsonl => {
                    let heaviest = t.heaviest();
                    let line = json!({
                        "model": m.model.id,
                        "images": t.images,
                        "broken_files": self.broken,
                        "refused": t.refused,
                        "total_tokens": t.total(),
                        "p50": p(50), "p90": p(90), "p99": p(99),
                        "max": t.max(),
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
                        t.images.to_string(),
                        self.broken.to_string(),
                        t.refused.to_string(),
                        t.total().to_string(),
                        text(p(50)),
                        text(p(90)),
                        text(p(99)),
                        text(t.max()),
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

fn cost_of(price: &Price, total: u64) -> Value {
    json!((prices::cost_usd(price, total) * 100.0).round() / 100.0)
}
