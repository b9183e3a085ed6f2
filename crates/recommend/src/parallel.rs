//! Splitting independent per-row work over the machine's cores (scoped threads: the
//! training jobs are CPU-bound and short, a thread pool crate would add nothing).

/// Runs `work(index, &mut out[index])` for every index, on all cores.
pub fn for_each_mut<T: Send, F>(out: &mut [T], work: F)
where
    F: Fn(usize, &mut T) + Sync,
{
    for_each_mut_with(out, || (), |i, slot, _| work(i, slot));
}

/// Like [`for_each_mut`], with per-thread scratch space made by `scratch`.
pub fn for_each_mut_with<T: Send, S, F, M>(out: &mut [T], scratch: M, work: F)
where
    F: Fn(usize, &mut T, &mut S) + Sync,
    M: Fn() -> S + Sync,
{
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(out.len().max(1));
    let chunk = out.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        for (c, slice) in out.chunks_mut(chunk).enumerate() {
            let work = &work;
            let scratch = &scratch;
            scope.spawn(move || {
                let mut s = scratch();
                for (offset, slot) in slice.iter_mut().enumerate() {
                    work(c * chunk + offset, slot, &mut s);
                }
            });
        }
    });
}
