//! Client digest authentication, sans-IO (RFC 3261 §22, RFC 7616, RFC 8760): parse the
//! challenges of a 401/407, choose a credential, compute the answer, and keep the state
//! an account or a call needs across requests.
//!
//! Supported: the Digest scheme with MD5, SHA-256 and SHA-512-256 and their `-sess`
//! variants; qop `auth`, `auth-int` and none (RFC 2069); `opaque`, `stale`, `domain` and
//! `userhash`. Credentials are plain passwords or precomputed HA1s (PJSUA2's
//! `AuthCredInfo`); AKA is not supported.
//!
//! Start at [`ClientAuth`]: `respond` to a 401/407, [`apply`] the headers to the re-sent
//! request, `on_success` after a final response, `authorize` later requests. The client
//! nonce comes from the caller's seeded [`crate::rng::Rng`]; nothing here does I/O.

mod authorization;
mod challenge;
mod client;
#[cfg(test)]
mod client_tests;
mod credentials;
mod digest;
mod error;
mod initial;
mod syntax;

pub use challenge::{digest_challenges, AuthKind, AuthenticationInfo, DigestChallenge};
pub use client::{apply, ClientAuth};
pub use credentials::{Credential, Secret};
pub use digest::{Algorithm, HashAlgorithm, Qop};
pub use error::AuthError;
pub use syntax::AuthParam;

/// Builders of test messages shared by the unit tests.
#[cfg(test)]
pub(crate) mod test_support {
    use crate::sip::header_name::HeaderName;
    use crate::sip::message::Response;

    /// A response with this status and these header fields.
    pub fn response_with(status: u16, headers: &[(&str, &str)]) -> Response {
        let mut r = Response::new(status, crate::sip::reason_phrase(status));
        for (name, value) in headers {
            r.headers.push(HeaderName::parse(name), *value);
        }
        r
    }
}
