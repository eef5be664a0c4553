//! A stable sort for the short lists the pricing core orders.

/// Sorts a short slice stably by a key, like `slice::sort_by_key`, with an insertion sort.
///
/// Quadratic, and meant for the handful of editions, modules, price books and payments the
/// pricing core orders. Each `sort_by_key` instantiation brings a few kilobytes of driftsort
/// into the browser's Wasm; this is a few hundred bytes.
///
/// Written without indexing, so that it has no bounds checks (and no panic paths) to compile.
pub fn sort_small_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    for end in 2..=v.len() {
        // The prefix `v[..end]`, sorted but for its last element, which moves left past every
        // element with a greater key.
        let mut prefix = v.get_mut(..end).unwrap_or_default();
        while let [.., a, b] = &mut *prefix {
            if key(a) <= key(b) {
                break;
            }
            std::mem::swap(a, b);
            prefix = std::mem::take(&mut prefix)
                .split_last_mut()
                .map_or(&mut [], |(_, rest)| rest);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::sort_small_by_key;

    #[test]
    fn the_small_sort_is_stable_and_agrees_with_the_standard_sort() {
        let mut seed = 7u32;
        for len in 0..40 {
            let v: Vec<(u32, usize)> = (0..len)
                .map(|i| {
                    seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                    ((seed >> 16) % 5, i)
                })
                .collect();
            let mut ours = v.clone();
            let mut std = v;
            sort_small_by_key(&mut ours, |p| p.0);
            std.sort_by_key(|p| p.0);
            assert_eq!(ours, std);
        }
    }
}
