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
}
