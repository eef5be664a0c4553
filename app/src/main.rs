//! Entry point of the SMA portal SPA.

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(sma_app::App);
}
