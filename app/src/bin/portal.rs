//! Entry point of the portal bundle (`/releases*`, `/account*`, portal.html).

fn main() {
    console_error_panic_hook::set_once();
    sma_app::mount_portal();
}
