//! Sorted parts, merged: the rows of several parts (each sorted in the
//! thread that read it) taken in one sorted order, and cut into ranges of
//! their hash to be worked on side by side.

/// Below this many rows, one thread is quicker.
const ROWS_PER_THREAD: usize = 1 << 16;

/// Below this many rows, a comparison sort is quicker than a radix pass.
const RADIX_MIN_ROWS: usize = 256;

/// Sorts `rows` by their order, which starts with `hash`, a well-spread
/// 64-bit hash: the rows are spread by the hash's top byte, in place, then
/// each spread by the next byte, and so on, and the few rows left together
/// are sorted by comparison. The order is `sort_unstable`'s, in a few
/// passes over the rows rather than a comparison sort's log₂(n).
pub fn sort_by_hash<T: Ord>(rows: &mut [T], hash: impl Fn(&T) -> u64 + Copy) {
    spread(rows, hash, 56);
}

/// Spreads `rows` by the byte of their hash at `shift` (American flag
/// sort: counted, then each row swapped straight into its bucket), then
/// each bucket by the next byte.
fn spread<T: Ord>(rows: &mut [T], hash: impl Fn(&T) -> u64 + Copy, shift: u32) {
    if rows.len() < RADIX_MIN_ROWS {
        rows.sort_unstable();
        return;
    }
    let digit = |row: &T| ((hash(row) >> shift) & 0xFF) as usize;
    let mut counts = [0usize; 256];
    for row in rows.iter() {
        counts[digit(row)] += 1;
    }
    let mut ends = [0usize; 256];
    let mut total = 0;
    for (end, count) in ends.iter_mut().zip(counts) {
        total += count;
        *end = total;
    }
    // The next place to fill in each bucket.
    let mut next: [usize; 256] = std::array::from_fn(|b| ends[b] - counts[b]);
    for bucket in 0..256 {
        while next[bucket] < ends[bucket] {
            let at = next[bucket];
            let belongs = digit(&rows[at]);
            if belongs != bucket {
                rows.swap(at, next[belongs]);
            }
            next[belongs] += 1;
        }
    }
    let mut start = 0;
    for end in ends {
        let bucket = &mut rows[start..end];
        if shift == 0 {
            bucket.sort_unstable();
        } else {
            spread(bucket, hash, shift - 8);
        }
        start = end;
    }
}

/// `work` done on sorted parts cut into ranges of their hash, one range a
/// thread, side by side (on the calling thread when there is one range).
pub fn on_hash_ranges<T: Sync, R: Send, S: AsRef<[T]>>(
    parts: &[S],
    threads: usize,
    hash: impl Fn(&T) -> u64,
    work: impl Fn(&[&[T]]) -> R + Sync,
) -> Vec<R> {
    let ranges = split_by_hash(parts, threads, hash);
    if let [one] = ranges.as_slice() {
        return vec![work(one)];
    }
    let work = &work;
    std::thread::scope(|scope| {
        let handles: Vec<_> = ranges
            .iter()
            .map(|range| scope.spawn(move || work(range)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("work on a range does not panic"))
            .collect()
    })
}

/// Sorted parts cut into as many ranges as threads, by the first word of
/// their order, a hash (`hash`): each range holds a slice of every part,
/// and the rows with one hash fall in one range. Hashes are spread evenly:
/// ranges of equal width hold about as many rows.
fn split_by_hash<T, S: AsRef<[T]>>(parts: &[S], threads: usize, hash: impl Fn(&T) -> u64) -> Vec<Vec<&[T]>> {
    let rows: usize = parts.iter().map(|p| p.as_ref().len()).sum();
    let count = threads.min(rows / ROWS_PER_THREAD).max(1) as u64;
    let width = u64::MAX / count;
    let mut starts: Vec<usize> = vec![0; parts.len()];
    (1..=count)
        .map(|range| {
            parts
                .iter()
                .zip(starts.iter_mut())
                .map(|(rows, start)| {
                    let rows = rows.as_ref();
                    let end = if range == count {
                        rows.len()
                    } else {
                        rows.partition_point(|r| hash(r) < width * range)
                    };
                    let slice = &rows[*start..end];
                    *start = end;
                    slice
                })
                .collect()
        })
        .collect()
}

/// Calls `group` with each run of two or more rows that `same` says are
/// alike, in the sorted order of several sorted parts merged. Single rows,
/// nearly all of them, are passed over without being copied.
pub fn for_each_group<T: Ord + Copy, S: AsRef<[T]>>(
    parts: &[S],
    same: impl Fn(&T, &T) -> bool,
    mut group: impl FnMut(&[T]),
) {
    let mut rows = Vec::new();
    for_each_group_in(parts, same, |run| {
        rows.clear();
        rows.extend(run.iter().map(|(_, row)| *row));
        group(&rows);
    });
}

/// [`for_each_group`], each row with the index of its part.
pub fn for_each_group_in<T: Ord + Copy, S: AsRef<[T]>>(
    parts: &[S],
    same: impl Fn(&T, &T) -> bool,
    mut group: impl FnMut(&[(usize, T)]),
) {
    let mut run: Vec<(usize, T)> = Vec::new();
    let mut previous: Option<(usize, T)> = None;
    for_each_merged_in(parts, |part, row| {
        match previous {
            Some(before) if same(&before.1, &row) => {
                if run.is_empty() {
                    run.push(before);
                }
                run.push((part, row));
            }
            _ if !run.is_empty() => {
                group(&run);
                run.clear();
            }
            _ => {}
        }
        previous = Some((part, row));
    });
    if !run.is_empty() {
        group(&run);
    }
}

/// Calls `f` with the rows of several sorted parts, in one sorted order,
/// each with the index of its part; of equal rows, the earlier part's
/// first.
fn for_each_merged_in<T: Ord + Copy, S: AsRef<[T]>>(parts: &[S], mut f: impl FnMut(usize, T)) {
    match parts {
        [] => {}
        [one] => one.as_ref().iter().for_each(|row| f(0, *row)),
        // Two parts, the common case on two cores: side by side.
        [a, b] => {
            let (a, b) = (a.as_ref(), b.as_ref());
            let (mut i, mut j) = (0, 0);
            while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
                if x <= y {
                    f(0, *x);
                    i += 1;
                } else {
                    f(1, *y);
                    j += 1;
                }
            }
            a[i..].iter().for_each(|row| f(0, *row));
            b[j..].iter().for_each(|row| f(1, *row));
        }
        _ => {
            let mut heads: std::collections::BinaryHeap<std::cmp::Reverse<(T, usize, usize)>> = parts
                .iter()
                .enumerate()
                .filter_map(|(p, rows)| rows.as_ref().first().map(|r| std::cmp::Reverse((*r, p, 0))))
                .collect();
            while let Some(std::cmp::Reverse((row, p, i))) = heads.pop() {
                if let Some(next) = parts[p].as_ref().get(i + 1) {
                    heads.push(std::cmp::Reverse((*next, p, i + 1)));
                }
                f(p, row);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorting_by_hash_gives_the_order_of_a_comparison_sort() {
        // Hashes spread and bunched (many rows share their top bytes or
        // their whole hash), with a second field to order them by.
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for (rows, mask) in [
            (0, u64::MAX),
            (100, u64::MAX),
            (70_000, u64::MAX),
            (70_000, 0xFF00_0000_0000_00FF),
        ] {
            let mut data: Vec<(u64, u32)> = (0..rows).map(|_| (next() & mask, (next() % 7) as u32)).collect();
            let mut expected = data.clone();
            expected.sort_unstable();
            sort_by_hash(&mut data, |row| row.0);
            assert_eq!(data, expected, "{rows} rows, mask {mask:x}");
        }
    }

    #[test]
    fn merges_any_number_of_sorted_parts() {
        let parts = [vec![1, 4, 9], vec![2, 3, 10, 11], vec![0, 5], vec![], vec![7]];
        for n in 0..=parts.len() {
            let mut expected: Vec<i32> = parts[..n].iter().flatten().copied().collect();
            expected.sort();
            let mut merged = Vec::new();
            for_each_merged_in(&parts[..n], |_, row| merged.push(row));
            assert_eq!(merged, expected, "{n} parts");
        }
    }
}
