//! Entry point of the calculator bundle (`/`, index.html).

fn main() {
    console_error_panic_hook::set_once();
    sma_app::mount_calculator();
}
