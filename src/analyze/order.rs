//! The analysis's one sort. Each sort the analysis wrote over its own type (rows, cuts, findings,
//! roots, ...) was a copy of std's sort made for that type, about 4 KB of code apiece in the
//! WASM lint module; here every one sorts positions (`usize`) with a comparison behind `dyn`,
//! so std's sort is made once, and only the small step that moves items into place is per type
//! (short lists, the most common, are sorted in place by insertion, a few bytes per type).

use std::cmp::Ordering;

/// Sort `items` stably by `cmp` (as `slice::sort_by`).
pub(crate) fn sort_by<T>(items: &mut [T], cmp: impl Fn(&T, &T) -> Ordering) {
    if items.len() <= SHORT {
        return insertion_sort(items, cmp);
    }
    let order = positions_sorted(items.len(), &|a, b| match (items.get(a), items.get(b)) {
        (Some(x), Some(y)) => cmp(x, y),
        _ => Ordering::Equal,
    });
    permute(items, order);
}

/// Sort `items` and drop repeats (as `sort` then `dedup`).
pub(crate) fn sort_dedup<T: Ord>(items: &mut Vec<T>) {
    sort_by(items, T::cmp);
    items.dedup();
}

/// Up to this many items (most of the analysis's sorts, some of them once per cell it visits)
/// are sorted in place: no list of positions to allocate, and a few bytes of code per type.
const SHORT: usize = 16;

/// Stable: an item moves left only past items greater than it.
fn insertion_sort<T>(items: &mut [T], cmp: impl Fn(&T, &T) -> Ordering) {
    for i in 1..items.len() {
        let mut at = i;
        while at > 0 {
            let (Some(before), Some(this)) = (items.get(at - 1), items.get(at)) else {
                break;
            };
            if cmp(before, this) != Ordering::Greater {
                break;
            }
            items.swap(at - 1, at);
            at -= 1;
        }
    }
}

/// `0..n` in the order `cmp` gives the positions, ties in position order.
fn positions_sorted(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|a, b| cmp(*a, *b));
    order
}

/// Put the item at `order[i]` in place `i`, following each cycle of the permutation once.
fn permute<T>(items: &mut [T], mut order: Vec<usize>) {
    for start in 0..order.len() {
        let mut at = start;
        while let Some(slot) = order.get_mut(at) {
            let from = std::mem::replace(slot, at);
            if from == start || from == at {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The same order as std's stable sort, ties included (keys compared alone).
        #[test]
        fn sorts_as_std_does(items in proptest::collection::vec((0u8..6, any::<u16>()), 0..60)) {
            let mut ours = items.clone();
            sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
            let mut std_sorted = items.clone();
            std_sorted.sort_by_key(|a| a.0);
            prop_assert_eq!(&ours, &std_sorted);
            let mut deduped = items.clone();
            sort_dedup(&mut deduped);
            let mut want = items;
            want.sort();
            want.dedup();
            prop_assert_eq!(deduped, want);
        }
    }
}
