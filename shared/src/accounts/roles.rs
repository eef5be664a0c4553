//! Roles and what each may do: one decision the Worker enforces (403 `forbidden_role`) and the
//! portal follows (it hides what the role cannot do).
//!
//! An administrator does everything; a viewer reads and downloads. Every user manages their own
//! password, sessions and notification preferences.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::AccountsError;

/// A user's role within their customer. Travels as `"admin"` or `"viewer"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Orders, cancels and resumes renewals, invites and removes users, decides access
    /// requests; and everything a viewer does.
    Admin,
    /// Reads installations, quotes, orders and invoices, and downloads.
    Viewer,
}

impl Role {
    /// Both roles.
    pub const ALL: [Role; 2] = [Role::Admin, Role::Viewer];

    /// The code (`admin`, `viewer`).
    pub fn code(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Viewer => "viewer",
        }
    }

    /// Reads a code.
    pub fn parse(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == code)
    }

    /// Whether the role may do the action.
    pub fn may(self, action: Action) -> bool {
        match self {
            Role::Admin => true,
            Role::Viewer => !action.needs_admin(),
        }
    }

    /// `Ok` when the role may do the action, else 403 `forbidden_role` with the reason.
    pub fn authorize(self, action: Action) -> Result<(), AccountsError> {
        if self.may(action) {
            Ok(())
        } else {
            Err(AccountsError::ForbiddenRole { role: self, action })
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Something a signed-in user asks to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    /// See installations, their SMA and activity.
    ViewInstallations,
    /// Price a renewal, expansion, upgrade or SMA (a quote changes nothing).
    RequestQuote,
    /// See orders and invoices.
    ViewOrders,
    /// Get a download link.
    Download,
    /// See the customer's users.
    ViewUsers,
    /// See and change one's own password, sessions and notification preferences.
    ManageOwnAccount,
    /// Place an order.
    PlaceOrder,
    /// Cancel or resume an SMA's automatic renewal.
    ChangeAutoRenew,
    /// Invite a colleague.
    InviteUser,
    /// Remove a user.
    RemoveUser,
    /// Approve or decline someone's request for access.
    DecideAccessRequest,
}

impl Action {
    /// Every action.
    pub const ALL: [Action; 11] = [
        Action::ViewInstallations,
        Action::RequestQuote,
        Action::ViewOrders,
        Action::Download,
        Action::ViewUsers,
        Action::ManageOwnAccount,
        Action::PlaceOrder,
        Action::ChangeAutoRenew,
        Action::InviteUser,
        Action::RemoveUser,
        Action::DecideAccessRequest,
    ];

    /// A stable code (for audit entries and logs).
    pub fn code(self) -> &'static str {
        match self {
            Action::ViewInstallations => "view_installations",
            Action::RequestQuote => "request_quote",
            Action::ViewOrders => "view_orders",
            Action::Download => "download",
            Action::ViewUsers => "view_users",
            Action::ManageOwnAccount => "manage_own_account",
            Action::PlaceOrder => "place_order",
            Action::ChangeAutoRenew => "change_auto_renew",
            Action::InviteUser => "invite_user",
            Action::RemoveUser => "remove_user",
            Action::DecideAccessRequest => "decide_access_request",
        }
    }

    /// Whether only an administrator may do it.
    pub fn needs_admin(self) -> bool {
        match self {
            Action::ViewInstallations
            | Action::RequestQuote
            | Action::ViewOrders
            | Action::Download
            | Action::ViewUsers
            | Action::ManageOwnAccount => false,
            Action::PlaceOrder
            | Action::ChangeAutoRenew
            | Action::InviteUser
            | Action::RemoveUser
            | Action::DecideAccessRequest => true,
        }
    }

    /// Why `role` may not do this: a sentence for the customer.
    pub fn denial(self, role: Role) -> String {
        match self {
            Action::PlaceOrder => format!(
                "Only an administrator can place orders, and your role is {role}; ask one of your company's administrators to order."
            ),
            Action::ChangeAutoRenew => format!(
                "Only an administrator can cancel or resume the renewal of an SMA, and your role is {role}; ask one of your company's administrators."
            ),
            Action::InviteUser => format!(
                "Only an administrator can invite colleagues, and your role is {role}; ask one of your company's administrators to invite them."
            ),
            Action::RemoveUser => format!(
                "Only an administrator can remove users, and your role is {role}; ask one of your company's administrators."
            ),
            Action::DecideAccessRequest => format!(
                "Only an administrator can approve or decline a request for access, and your role is {role}; ask one of your company's administrators."
            ),
            Action::ViewInstallations
            | Action::RequestQuote
            | Action::ViewOrders
            | Action::Download
            | Action::ViewUsers
            | Action::ManageOwnAccount => format!(
                "Your role {role} does not allow this; ask one of your company's administrators."
            ),
        }
    }
}

/// Whether a user with `target` role may be removed from a customer that has `admins`
/// administrators: never the last administrator (422 `last_admin`).
pub fn check_removal(target: Role, admins: usize) -> Result<(), AccountsError> {
    if target == Role::Admin && admins <= 1 {
        Err(AccountsError::LastAdmin)
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_administrator_may_do_everything() {
        assert!(Action::ALL.iter().all(|&a| Role::Admin.may(a)));
    }

    #[test]
    fn a_viewer_reads_and_downloads_but_never_writes_for_the_company() {
        let allowed: Vec<Action> = Action::ALL
            .into_iter()
            .filter(|&a| Role::Viewer.may(a))
            .collect();
        assert_eq!(
            allowed,
            [
                Action::ViewInstallations,
                Action::RequestQuote,
                Action::ViewOrders,
                Action::Download,
                Action::ViewUsers,
                Action::ManageOwnAccount,
            ]
        );
    }

    #[test]
    fn a_viewers_write_is_refused_with_a_reason_that_names_the_role() {
        for action in Action::ALL.into_iter().filter(|a| a.needs_admin()) {
            let err = Role::Viewer.authorize(action).unwrap_err();
            assert_eq!((err.status(), err.code()), (403, "forbidden_role"));
            assert!(err.message().starts_with("Only an administrator"));
            assert!(err.message().contains("your role is viewer"), "{err}");
        }
    }

    #[test]
    fn the_last_administrator_cannot_be_removed() {
        assert_eq!(check_removal(Role::Admin, 1), Err(AccountsError::LastAdmin));
        assert_eq!(check_removal(Role::Admin, 2), Ok(()));
        assert_eq!(check_removal(Role::Viewer, 1), Ok(()));
    }

    #[test]
    fn a_role_travels_as_its_code() {
        for role in Role::ALL {
            assert_eq!(
                serde_json::to_string(&role).unwrap(),
                format!("\"{}\"", role.code())
            );
            assert_eq!(Role::parse(role.code()), Some(role));
        }
        assert_eq!(Role::parse("owner"), None);
    }

    #[test]
    fn action_codes_are_distinct() {
        let codes: std::collections::HashSet<_> = Action::ALL.iter().map(|a| a.code()).collect();
        assert_eq!(codes.len(), Action::ALL.len());
    }
}
