//! Sorting the short lists of the engine and the app (a region's versions, a caller's cells,
//! a case's liftings, the matrix's columns, the chart's lanes).

/// Sort a short list by a key, keeping equal items in their order. An insertion sort: the
/// lists hold a few items (at most the case format's limits), and the standard library's
/// stable sort compiles about 4 KB of wasm for each type it sorts.
pub fn sort_short_by_key<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    for i in 1..items.len() {
        let mut j = i;
        while j > 0 && key(&items[j - 1]) > key(&items[j]) {
            items.swap(j - 1, j);
            j -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::sort_short_by_key;

    #[test]
    fn a_short_sort_orders_by_the_key_and_keeps_equal_items_in_their_order() {
        let mut items = [(2, 'a'), (1, 'b'), (2, 'c'), (0, 'd'), (1, 'e')];
        sort_short_by_key(&mut items, |(key, _)| *key);
        assert_eq!(items, [(0, 'd'), (1, 'b'), (1, 'e'), (2, 'a'), (2, 'c')]);
    }
}
