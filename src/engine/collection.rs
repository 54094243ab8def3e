//! A collection's counts, summed up per model in constant memory whatever its size: images,
//! refusals, the total, nearest-rank percentiles from a histogram of counts, the heaviest files.
//! `vistok scan --summary` and the page's collection section both tally here.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap};

/// How many of the heaviest files a tally keeps.
pub const HEAVIEST: usize = 10;

/// One model's counts over a collection.
#[derive(Clone, Debug, Default)]
pub struct Tally {
    pub images: u64,
    /// Sizes the model refused (too small, too thin, over a limit).
    pub refused: u64,
    pub total: u128,
    /// How many images gave each count.
    pub histogram: BTreeMap<u64, u64>,
    heaviest: BinaryHeap<Reverse<(u64, String)>>,
}

impl PartialEq for Tally {
    fn eq(&self, other: &Self) -> bool {
        (self.images, self.refused, self.total, &self.histogram)
            == (other.images, other.refused, other.total, &other.histogram)
            && self.heaviest() == other.heaviest()
    }
}

impl Tally {
    /// An image of `tokens` named `name`.
    pub fn add(&mut self, tokens: u64, name: &str) {
        self.images += 1;
        self.total += u128::from(tokens);
        *self.histogram.entry(tokens).or_default() += 1;
        let lighter = self.heaviest.peek().is_some_and(|Reverse((t, _))| tokens > *t);
        if self.heaviest.len() < HEAVIEST || lighter {
            self.heaviest.push(Reverse((tokens, name.to_owned())));
            if self.heaviest.len() > HEAVIEST {
                self.heaviest.pop();
            }
        }
    }

    /// The total, saturated to `u64`.
    pub fn total(&self) -> u64 {
        u64::try_from(self.total).unwrap_or(u64::MAX)
    }

    /// The nearest-rank `q`th percentile (0 to 100): the smallest count with at least
    /// `ceil(q/100 * images)` counts at or below it; `None` without images.
    pub fn percentile(&self, q: u64) -> Option<u64> {
        if self.images == 0 {
            return None;
        }
        let rank = (q.min(100) * self.images).div_ceil(100).max(1);
        let mut seen = 0;
        self.histogram.iter().find_map(|(&value, &count)| {
            seen += count;
            (seen >= rank).then_some(value)
        })
    }

    pub fn max(&self) -> Option<u64> {
        self.histogram.keys().next_back().copied()
    }

    /// The heaviest files, heaviest first (ties by name).
    pub fn heaviest(&self) -> Vec<(u64, String)> {
        let mut h: Vec<(u64, String)> = self.heaviest.iter().map(|Reverse(x)| x.clone()).collect();
        h.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        h
    }
}

/// One model's line of a collection's summary, as the page shows and exports it.
#[derive(Clone, Debug, PartialEq)]
pub struct SummaryRow {
    pub model: &'static str,
    pub name: &'static str,
    pub images: u64,
    /// Files with no size (broken, not images): the same for every model.
    pub broken: u64,
    pub refused: u64,
    pub total: u64,
    pub p50: Option<u64>,
    pub p90: Option<u64>,
    pub p99: Option<u64>,
    pub max: Option<u64>,
    /// At the provider's list price, for a hosted model with a pinned price: US dollars and
    /// the price's date.
    pub cost: Option<(f64, &'static str)>,
}

impl SummaryRow {
    pub fn of(model: &'static super::Model, tally: &Tally, broken: u64) -> Self {
        let cost = super::catalogue::prices::price(model.id)
            .map(|p| (super::catalogue::prices::cost_usd(p, tally.total()), p.as_of));
        SummaryRow {
            model: model.id,
            name: model.name,
            images: tally.images,
            broken,
            refused: tally.refused,
            total: tally.total(),
            p50: tally.percentile(50),
            p90: tally.percentile(90),
            p99: tally.percentile(99),
            max: tally.max(),
            cost,
        }
    }

    fn cells(&self) -> [String; 11] {
        let n = |v: Option<u64>| v.map(|v| v.to_string()).unwrap_or_default();
        [
            self.model.to_owned(),
            self.images.to_string(),
            self.broken.to_string(),
            self.refused.to_string(),
            self.total.to_string(),
            n(self.p50),
            n(self.p90),
            n(self.p99),
            n(self.max),
            self.cost.map(|(usd, _)| format!("{usd:.2}")).unwrap_or_default(),
            self.cost.map(|(_, date)| date.to_owned()).unwrap_or_default(),
        ]
    }
}

const HEADER: [&str; 11] = [
    "model",
    "images",
    "broken_files",
    "refused",
    "total_tokens",
    "p50",
    "p90",
    "p99",
    "max",
    "cost_usd",
    "price_as_of",
];

/// The summary as CSV, quoted where a cell needs it.
pub fn to_csv(rows: &[SummaryRow]) -> String {
    let quote = |s: &str| {
        if s.contains([',', '"', '\n']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s.to_owned() }
    };
    let mut out = HEADER.join(",") + "\n";
    for row in rows {
        out.push_str(&row.cells().iter().map(|c| quote(c)).collect::<Vec<_>>().join(","));
        out.push('\n');
    }
    out
}

/// The summary as a Markdown table titled with the collection's name and size.
pub fn to_markdown(name: &str, files: u64, rows: &[SummaryRow]) -> String {
    let esc = |s: &str| s.replace('|', "\\|");
    let mut out = format!("Visual tokens for {} ({files} files, vistok)\n\n", esc(name));
    out.push_str("| model | images | broken | refused | total tokens | p50 | p90 | p99 | max | cost at list price |\n");
    out.push_str("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    for row in rows {
        let c = row.cells();
        let dash = |s: &String| if s.is_empty() { "—".to_owned() } else { s.clone() };
        let cost = row.cost.map_or("—".to_owned(), |(usd, date)| format!("${usd:.2} ({date})"));
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |\n",
            esc(row.name),
            c[1],
            c[2],
            c[3],
            c[4],
            dash(&c[5]),
            dash(&c[6]),
            dash(&c[7]),
            dash(&c[8]),
            esc(&cost)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tally(counts: &[(u64, u64)]) -> Tally {
        let mut t = Tally::default();
        for &(value, times) in counts {
            for i in 0..times {
                t.add(value, &format!("{value}-{i}"));
            }
        }
        t
    }

    #[test]
    fn nearest_rank_percentiles_totals_and_the_heaviest() {
        let t = tally(&(1..=100).map(|v| (v, 1)).collect::<Vec<_>>());
        assert_eq!([50, 90, 99, 100].map(|q| t.percentile(q)), [Some(50), Some(90), Some(99), Some(100)]);
        assert_eq!((t.images, t.total(), t.max()), (100, 5050, Some(100)));
        let heaviest = t.heaviest();
        assert_eq!(heaviest.len(), HEAVIEST);
        assert_eq!((heaviest[0].0, heaviest[9].0), (100, 91));
        // Nine images of 256 tokens and one of 5000: p50 and p90 256, p99 5000.
        let t = tally(&[(256, 9), (5000, 1)]);
        assert_eq!([50, 90, 99].map(|q| t.percentile(q)), [Some(256), Some(256), Some(5000)]);
        assert_eq!(Tally::default().percentile(50), None);
    }

    #[test]
    fn the_summary_exports_as_csv_and_markdown() {
        let gpt = crate::engine::find("openai/gpt-4o").unwrap();
        let qwen = crate::engine::find("Qwen/Qwen2.5-VL-7B-Instruct").unwrap();
        let t = tally(&[(1105, 3), (425, 1)]);
        let rows = [SummaryRow::of(gpt, &t, 2), SummaryRow::of(qwen, &Tally::default(), 2)];
        let csv = to_csv(&rows);
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines[0], HEADER.join(","));
        // 3 x 1105 + 425 = 3740 tokens at $2.50 per million.
        assert_eq!(lines[1], "openai/gpt-4o,4,2,0,3740,1105,1105,1105,1105,0.01,2026-04 tables");
        assert_eq!(lines[2], "Qwen/Qwen2.5-VL-7B-Instruct,0,2,0,0,,,,,,");
        let md = to_markdown("trip | 2026", 6, &rows);
        assert!(md.starts_with("Visual tokens for trip \\| 2026 (6 files, vistok)"), "{md}");
        assert!(
            md.contains("| GPT-4o (API) | 4 | 2 | 0 | 3740 | 1105 | 1105 | 1105 | 1105 | $0.01 (2026-04 tables) |"),
            "{md}"
        );
    }
}
