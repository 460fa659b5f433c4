//! Long lists drawn a batch at a time. A case at the format's limits gives a hundred change
//! points or dozens of date ranges, each listing what changes for whom; drawn at once they
//! hold up the page for over 100 ms. The first batch is drawn at once, then one more batch
//! per task of the event loop, so the page answers in between.
//!
//! The second batch waits until the first is on screen (`after_next_frame`): without the
//! wait a view's first frame held three or four batches (about 18 ms of the 50 ms a switch
//! to "Regelverk" took).

use leptos::prelude::*;

/// How many of a list's `total` items to draw now: `batch` at first and again whenever
/// `source` (which reads the list's signal) changes, then `batch` more per task until all
/// are drawn.
pub fn drawn_in_batches(
    batch: usize,
    total: Memo<usize>,
    source: impl Fn() + 'static,
) -> ReadSignal<usize> {
    let (drawn, set_drawn) = signal(batch);
    // A new list starts again from its first batch.
    Effect::new(move |_| {
        source();
        set_drawn.set(batch);
    });
    Effect::new(move |_| {
        let now = drawn.get();
        if now < total.get() {
            let more = move || {
                let _ = set_drawn.try_update(|drawn| *drawn += batch);
            };
            if now == batch {
                crate::components::after_next_frame(more);
            } else {
                set_timeout(more, std::time::Duration::ZERO);
            }
        }
    });
    drawn
}
