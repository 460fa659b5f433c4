//! The framework floor: a Leptos 0.8 page with one button that counts. The app benchmark
//! (bench/app-bench.mjs) loads it and Insyn alternately in one browser and compares the
//! time to this button with the time to Insyn's access matrix.

use leptos::prelude::*;

#[component]
fn Counter() -> impl IntoView {
    let (count, set_count) = signal(0u32);
    view! {
        <main>
            <button type="button" data-testid="counter" on:click=move |_| set_count.update(|n| *n += 1)>
                "Antal klick: " {count}
            </button>
        </main>
    }
}

fn main() {
    // As in Insyn's main.rs, so the floor carries the same panic hook.
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(Counter);
}
