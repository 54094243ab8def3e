//! `Recent`: the last few values made, found again by an equal key. The overlay keeps its last
//! few paintings in one: a drag over an AnyRes model's sizes flips between a few crop layouts
//! (LLaVA-OneVision at 3:2 tips between 6x4 and 6x5 tiles from one width to the next), and
//! copying a kept painting back costs less than drawing its ~1,900 grid lines again.

use std::collections::VecDeque;

/// At most `capacity` values, the most recently used first. A handful, so found by a linear
/// search: the keys (an overlay's shapes, with float coordinates) are compared, not hashed.
pub struct Recent<K, V> {
    capacity: usize,
    entries: VecDeque<(K, V)>,
}

impl<K: PartialEq, V> Recent<K, V> {
    pub fn new(capacity: usize) -> Self {
        Self { capacity: capacity.max(1), entries: VecDeque::new() }
    }

    /// The value kept for `key`, which becomes the most recently used.
    pub fn get(&mut self, key: &K) -> Option<&V> {
        let i = self.entries.iter().position(|(k, _)| k == key)?;
        let entry = self.entries.remove(i)?;
        self.entries.push_front(entry);
        self.entries.front().map(|(_, v)| v)
    }

    /// When full, the least recently used value, taken out so that its storage can hold the
    /// next one.
    pub fn take_spare(&mut self) -> Option<V> {
        (self.entries.len() >= self.capacity).then(|| self.entries.pop_back().map(|(_, v)| v)).flatten()
    }

    /// Keeps `value` for `key` (replacing what an equal key held) as the most recently used;
    /// returns the values that no longer fit.
    pub fn put(&mut self, key: K, value: V) -> Vec<V> {
        let mut out = Vec::new();
        if let Some(i) = self.entries.iter().position(|(k, _)| *k == key) {
            out.extend(self.entries.remove(i).map(|(_, v)| v));
        }
        self.entries.push_front((key, value));
        while self.entries.len() > self.capacity {
            out.extend(self.entries.pop_back().map(|(_, v)| v));
        }
        out
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.entries.len()
    }
}

#[cfg(test)]
mod tests {
    use super::Recent;

    #[test]
    fn finds_by_an_equal_key_and_forgets_the_least_recently_used() {
        let mut r = Recent::new(2);
        assert!(r.put("a", 1).is_empty());
        assert!(r.put("b", 2).is_empty());
        // "a" used again: "b" is now the least recently used, and a third key pushes it out.
        assert_eq!(r.get(&"a"), Some(&1));
        assert_eq!(r.put("c", 3), vec![2]);
        assert_eq!(r.get(&"b"), None);
        assert_eq!((r.get(&"a").copied(), r.get(&"c").copied(), r.len()), (Some(1), Some(3), 2));
    }

    #[test]
    fn an_equal_key_replaces_its_value() {
        let mut r = Recent::new(3);
        r.put("a", 1);
        r.put("b", 2);
        assert_eq!(r.put("a", 10), vec![1]);
        assert_eq!((r.get(&"a").copied(), r.len()), (Some(10), 2));
    }

    #[test]
    fn a_spare_is_taken_only_when_full() {
        let mut r = Recent::new(2);
        r.put("a", 1);
        assert_eq!(r.take_spare(), None);
        r.put("b", 2);
        r.get(&"a");
        // Full: the spare is the least recently used ("b"), and it is no longer kept.
        assert_eq!(r.take_spare(), Some(2));
        assert_eq!((r.get(&"b").copied(), r.len()), (None, 1));
    }
}
