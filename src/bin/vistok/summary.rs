//! `vistok scan --summary`: per model, in constant memory whatever the number of files (a
//! histogram of counts, not a list): images, broken files, refusals, total tokens, p50, p90, p99
//! and max per image, the ten heaviest files, and for hosted models the cost at list price.

use serde_json::json;
use vistok::engine::catalogue::prices;
use vistok::engine::collection::{self, SummaryRow, Tally};
use vistok::engine::{Model, Options};

use super::Format;
use super::out::{Failure, Out};
use super::scan::{Counts, Record};

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

    /// The summary: JSON Lines (each model's row, its heaviest files and its price) or the CSV
    /// the page's "Your collection" exports (engine::collection::to_csv), one format for both.
    pub fn write(&self, out: &mut Out, format: Format) -> Result<(), Failure> {
        let rows: Vec<SummaryRow> =
            self.models.iter().map(|m| SummaryRow::of(m.model, &m.tally, self.broken)).collect();
        if format == Format::Csv {
            return out.text(&collection::to_csv(&rows));
        }
        for (m, row) in self.models.iter().zip(&rows) {
            let price = prices::price(m.model.id);
            let line = json!({
                "model": row.model,
                "images": row.images,
                "broken_files": row.broken,
                "refused": row.refused,
                "total_tokens": row.total,
                "p50": row.p50, "p90": row.p90, "p99": row.p99,
                "max": row.max,
                "heaviest": m.tally.heaviest().iter().map(|(t, path)| json!({"path": path, "tokens_in_sequence": t})).collect::<Vec<_>>(),
                "price": price.map(|pr| json!({"usd_per_million_input": pr.usd_per_million, "as_of": pr.as_of, "source": pr.source})),
                "cost_usd": row.cost.map(|(usd, _)| (usd * 100.0).round() / 100.0),
            });
            out.line(&line.to_string())?;
        }
        Ok(())
    }
}
