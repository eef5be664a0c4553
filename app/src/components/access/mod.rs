//! Getting in and the account's people: a labelled form field with its problem (`field`), the
//! forms that set a password or decide a request for access from a one-time link (`link`), the
//! colleagues of an administrator (`colleagues`), the signed-in user's password, sessions and
//! notifications (`own`), and their pure logic (`model`).

pub mod colleagues;
pub mod field;
pub mod link;
pub mod model;
pub mod own;
