//! Sorting through one shared instance of the standard library's sort.
//!
//! Part of the pure core. Every `sort_by` call with its own element type and
//! closure compiles its own copy of the standard sort (quicksort or merge sort,
//! their fallbacks and small-array sorts, 2 to 4 KB of wasm each), and every
//! byte ships to a phone. The lists sorted here are short (37 topics, the
//! features of one text, a form's errors), so sorting positions through one
//! shared comparator costs nothing a citizen would notice.

use std::cmp::Ordering;

/// Sorts `items` by `compare`, keeping equal items in their order (a stable sort).
///
/// # Example
/// ```
/// let mut topics = vec![("jalan", 0.2f32), ("sampah", 0.7), ("air", 0.2)];
/// aduan::order::sort_by(&mut topics, |a, b| b.1.total_cmp(&a.1));
/// assert_eq!(topics, [("sampah", 0.7), ("jalan", 0.2), ("air", 0.2)]);
/// ```
pub fn sort_by<T>(items: &mut Vec<T>, compare: impl Fn(&T, &T) -> Ordering) {
    let order = positions_in_order(items.len(), &|a, b| compare(&items[a], &items[b]));
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(order.into_iter().filter_map(|position| slots[position].take()));
}

/// Sorts `items` by the key `key` gives, stably.
pub fn sort_by_key<T, K: Ord>(items: &mut Vec<T>, key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// The one place the standard sort is instantiated: positions, by a comparator
/// behind a reference, so every caller shares this code.
fn positions_in_order(len: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut positions: Vec<usize> = (0..len).collect();
    positions.sort_by(|a, b| compare(*a, *b));
    positions
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_like_the_standard_stable_sort() {
        // A small linear congruential generator: many lists, many ties.
        let mut seed = 7u64;
        let mut next = move || {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 33) as u32
        };
        for len in 0..200 {
            let items: Vec<(u32, usize)> = (0..len).map(|i| (next() % 10, i)).collect();
            let mut ours = items.clone();
            sort_by(&mut ours, |a, b| b.0.cmp(&a.0));
            let mut standard = items.clone();
            standard.sort_by_key(|item| std::cmp::Reverse(item.0));
            assert_eq!(ours, standard, "length {len}");
            let mut by_key = items.clone();
            sort_by_key(&mut by_key, |item| item.0);
            standard.sort_by_key(|item| item.0);
            assert_eq!(by_key, standard, "length {len}, by key");
        }
    }
}
