//! Long lists drawn a batch at a time. A case at the format's limits gives a hundred change
//! points or dozens of date ranges, each listing what changes for whom; drawn at once they
//! hold up the page for over 100 ms. Each such list starts below the fold (the timeline's
//! table under the chart, Regelverk's differences under the rule sets, Jämför's date ranges
//! under the matrices), so none of it is drawn in the view's first frame: its rows could not
//! be seen there, yet were laid out and painted with it. The first batch follows that
//! frame, then one more batch per task of the event loop, so the page answers in between.
//!
//! The first batch waits until the view is on screen (`after_next_frame`): a task queued at
//! once runs before the frame whenever it is not yet due (without the wait a switch to
//! "Regelverk" drew three or four batches, about 18 ms of 50, before anything showed).

use leptos::prelude::*;

/// How many of a list's `total` items to draw now: none when the list is mounted, `batch`
/// again whenever `source` (which reads the list's signal) changes, then `batch` more per
/// task until all are drawn.
pub fn drawn_in_batches(
    batch: usize,
    total: Memo<usize>,
    source: impl Fn() + 'static,
) -> ReadSignal<usize> {
    let (drawn, set_drawn) = signal(0);
    // Whether what is on screen first (nothing at mount, a batch after a new list) was
    // followed by a frame yet: the next batch waits for that frame, the ones after it only
    // for a task.
    let framed = StoredValue::new_local(false);
    // A new list starts again from a batch. (Not from none: the list is on screen by then,
    // and emptying it for a frame would make the page jump.)
    Effect::new(move |mounted: Option<()>| {
        source();
        if mounted.is_some() {
            framed.set_value(false);
            set_drawn.set(batch);
        }
    });
    Effect::new(move |_| {
        let now = drawn.get();
        if now < total.get() {
            let more = move || {
                let _ = set_drawn.try_update(|drawn| *drawn += batch);
            };
            if framed.get_value() {
                set_timeout(more, std::time::Duration::ZERO);
            } else {
                framed.set_value(true);
                crate::components::after_next_frame(more);
            }
        }
    });
    drawn
}
