//! Entry point of the portal bundle (`/releases*`, `/account*`, portal.html).

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(sma_app::PortalApp);
}
