//! One sort for the whole crate.
//!
//! Every call of the standard library's `sort_by_key` (or `sort_unstable`, ...) with its
//! own element type or closure gets its own copy of the sort algorithm: 2-4 KB of
//! WebAssembly each, about 36 KB in all when the app had fifteen of them. Here the
//! algorithm runs once, on positions, through one comparator type; each caller only adds
//! a small loop that puts its items in the order found. The sort is stable, so it gives
//! the same result as `sort_unstable` wherever equal items cannot be told apart, and the
//! plan order among equals wherever they can.

use std::cmp::Ordering;

/// Sorts `items` by `key`; equal keys keep their order.
pub fn sort_by_key<T, K: Ord>(items: &mut Vec<T>, mut key: impl FnMut(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `items` in their own order; equal items keep their order.
pub fn sort<T: Ord>(items: &mut Vec<T>) {
    sort_by(items, T::cmp);
}

/// Sorts `items` with `compare`; items it finds equal keep their order.
pub fn sort_by<T>(items: &mut Vec<T>, mut compare: impl FnMut(&T, &T) -> Ordering) {
    if items.len() < 2 {
        return;
    }
    let order = stable_order(items.len(), &mut |a, b| compare(&items[a], &items[b]));
    let mut slots: Vec<Option<T>> = std::mem::take(items).into_iter().map(Some).collect();
    items.extend(order.into_iter().filter_map(|position| slots[position].take()));
}

/// The positions `0..len` in sorted order: the one instance of the sort algorithm.
#[inline(never)]
fn stable_order(len: usize, compare: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&a, &b| compare(a, b));
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_like_the_standard_library_and_keeps_equal_items_in_order() {
        let mut pairs: Vec<(u8, usize)> = [3u8, 1, 2, 3, 1, 0, 2, 3].iter().enumerate().map(|(i, &k)| (k, i)).collect();
        let mut expected = pairs.clone();
        expected.sort_by_key(|pair| pair.0);
        sort_by_key(&mut pairs, |pair| pair.0);
        assert_eq!(pairs, expected);

        let mut words = vec!["pear".to_string(), "apple".into(), "fig".into(), "apple".into()];
        sort(&mut words);
        assert_eq!(words, ["apple", "apple", "fig", "pear"]);

        let mut descending = vec![1, 5, 2, 4];
        sort_by(&mut descending, |a, b| b.cmp(a));
        assert_eq!(descending, [5, 4, 2, 1]);

        let mut empty: Vec<u8> = Vec::new();
        sort(&mut empty);
        assert!(empty.is_empty());
    }
}
