fn main() {
    // Without the hook a Rust panic in the browser only shows as an opaque
    // "unreachable" trap; with it the panic message reaches the console.
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(insyn::App);
}
