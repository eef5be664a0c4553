//! The signed-in customer's parts: the gate that asks to sign in (`gate`), an installation's
//! card with its facts (`installation`), its legacy Maintenance Contract and the comparison
//! with the SMA (`legacy`), its auto-renew switch (`auto_renew`) and order panel
//! (`order_panel`), the table of a quote or invoice (`quote_table`), and their pure logic
//! (`model`).

pub mod auto_renew;
pub mod gate;
pub mod installation;
pub mod legacy;
pub mod model;
pub mod order_panel;
pub mod quote_table;
