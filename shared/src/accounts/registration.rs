//! Who gets which message after a registration (api.md `POST /api/registrations`). The answer
//! to the caller is always the same 202; only the messages differ.

use serde::{Deserialize, Serialize};

use super::Role;

/// The role of the customer's registered contact once verified: the first administrator.
pub const CONTACT_ROLE: Role = Role::Admin;
/// The role of a requester an administrator approved (an administrator can invite
/// administrators; an unknown requester starts with reading rights).
pub const APPROVED_REQUESTER_ROLE: Role = Role::Viewer;

/// Who decides a request for access.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Approver {
    /// The customer's administrators (each receives the request).
    Administrator,
    /// The customer's registered contact, while the customer has no administrator.
    RegisteredContact,
}

/// What a well-formed registration leads to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RegistrationRoute {
    /// No installation has the licence number: nothing is sent.
    UnknownLicence,
    /// The address already belongs to a user: nothing is sent (the forgotten-password path
    /// exists for them), so that registering reveals nothing and sends nothing twice.
    AlreadyRegistered,
    /// The address is the customer's registered contact: the verification message goes to it,
    /// and redeeming it creates a user with this role.
    Verify {
        /// The role of the new user.
        role: Role,
    },
    /// Any other address: an approval request goes to the customer's administrators, or to
    /// the registered contact while the customer has none; on approval the requester receives
    /// the verification message and becomes a user with `role`.
    AskForApproval {
        /// Who is asked.
        approver: Approver,
        /// The role of the new user once approved.
        role: Role,
    },
}

/// What the store found for a registration.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RegistrationFacts {
    /// Whether an installation has the licence number.
    pub licence_known: bool,
    /// Whether the address (normalised) is already a user's.
    pub email_is_user: bool,
    /// Whether the address is the registered contact of the licence number's customer.
    pub email_is_contact: bool,
    /// How many administrators that customer has.
    pub admins: usize,
}

/// Decides the route of a registration.
pub fn route_registration(facts: RegistrationFacts) -> RegistrationRoute {
    if !facts.licence_known {
        RegistrationRoute::UnknownLicence
    } else if facts.email_is_user {
        RegistrationRoute::AlreadyRegistered
    } else if facts.email_is_contact {
        RegistrationRoute::Verify { role: CONTACT_ROLE }
    } else {
        RegistrationRoute::AskForApproval {
            approver: if facts.admins > 0 {
                Approver::Administrator
            } else {
                Approver::RegisteredContact
            },
            role: APPROVED_REQUESTER_ROLE,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KNOWN: RegistrationFacts = RegistrationFacts {
        licence_known: true,
        email_is_user: false,
        email_is_contact: false,
        admins: 1,
    };

    #[test]
    fn the_registered_contact_is_verified_as_the_first_administrator() {
        let facts = RegistrationFacts {
            email_is_contact: true,
            admins: 0,
            ..KNOWN
        };
        assert_eq!(
            route_registration(facts),
            RegistrationRoute::Verify { role: Role::Admin }
        );
    }

    #[test]
    fn another_address_is_put_to_the_administrators_and_joins_as_viewer() {
        assert_eq!(
            route_registration(KNOWN),
            RegistrationRoute::AskForApproval {
                approver: Approver::Administrator,
                role: Role::Viewer
            }
        );
    }

    #[test]
    fn without_administrators_the_registered_contact_decides() {
        let facts = RegistrationFacts { admins: 0, ..KNOWN };
        assert_eq!(
            route_registration(facts),
            RegistrationRoute::AskForApproval {
                approver: Approver::RegisteredContact,
                role: Role::Viewer
            }
        );
    }

    #[test]
    fn an_unknown_number_or_an_existing_user_sends_nothing() {
        let unknown = RegistrationFacts {
            licence_known: false,
            email_is_contact: true,
            ..KNOWN
        };
        assert_eq!(
            route_registration(unknown),
            RegistrationRoute::UnknownLicence
        );
        let user = RegistrationFacts {
            email_is_user: true,
            email_is_contact: true,
            ..KNOWN
        };
        assert_eq!(
            route_registration(user),
            RegistrationRoute::AlreadyRegistered
        );
    }
}
