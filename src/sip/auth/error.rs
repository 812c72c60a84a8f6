//! Why a digest authentication step failed, with PJSIP's status numbers.

use crate::ua::status::*;
use std::fmt;

/// Why a challenge could not be answered or a credential not be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AuthError {
    /// The response is not a 401 or 407, so it carries no challenge to answer.
    NotAChallenge {
        /// The response's status code.
        status: u16,
    },
    /// A 401/407 without any WWW-Authenticate or Proxy-Authenticate header.
    NoChallenge,
    /// A challenge header is malformed or misses a required parameter.
    BadChallenge(String),
    /// The server only offers schemes other than Digest (listed as offered).
    UnsupportedScheme(String),
    /// The server only offers digest algorithms we do not support (listed as offered).
    UnsupportedAlgorithm(String),
    /// The server only offers qop values we do not support (listed as offered).
    UnsupportedQop(String),
    /// No configured credential fits the challenge's realm and algorithm.
    NoCredential {
        /// The challenge's realm.
        realm: String,
        /// The algorithm asked for.
        algorithm: String,
    },
    /// A configured credential is unusable (an HA1 that is not hex of the right length...).
    InvalidCredential(String),
    /// The credential is a 3GPP AKA credential, which pjsua2rs does not support.
    AkaNotSupported,
    /// The server challenged again a request we had already answered for this realm, with
    /// a challenge that is not `stale=true`: the credential is wrong. Do not retry.
    Rejected {
        /// The realm whose credential was rejected.
        realm: String,
    },
    /// The server kept answering `stale=true` (or kept changing the nonce) more times in a
    /// row than we retry.
    StaleLoop {
        /// The realm that kept being challenged.
        realm: String,
    },
}

impl AuthError {
    /// The PJSIP status number of this error (`PJSIP_EFAILEDCREDENTIAL` for `Rejected`...).
    pub fn status(&self) -> pjsua2rs_status {
        match self {
            AuthError::NotAChallenge { .. } => PJSUA2RS_ERR_SIP_INVALID_STATUS,
            AuthError::NoChallenge => PJSUA2RS_ERR_SIP_AUTH_NO_CHALLENGE,
            AuthError::BadChallenge(_) => PJSUA2RS_ERR_SIP_INVALID_HDR,
            AuthError::UnsupportedScheme(_) => PJSUA2RS_ERR_SIP_INVALID_AUTH_SCHEME,
            AuthError::UnsupportedAlgorithm(_) => PJSUA2RS_ERR_SIP_INVALID_ALGORITHM,
            AuthError::UnsupportedQop(_) => PJSUA2RS_ERR_SIP_INVALID_QOP,
            AuthError::NoCredential { .. } => PJSUA2RS_ERR_SIP_NO_CREDENTIAL,
            AuthError::InvalidCredential(_) => PJSUA2RS_ERR_INVALID_ARG,
            AuthError::AkaNotSupported => PJSUA2RS_ERR_SIP_AUTH_INVALID_AKA_CRED,
            AuthError::Rejected { .. } => PJSUA2RS_ERR_SIP_FAILED_CREDENTIAL,
            AuthError::StaleLoop { .. } => PJSUA2RS_ERR_SIP_AUTH_STALE_COUNT,
        }
    }
}

impl fmt::Display for AuthError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AuthError::NotAChallenge { status } => {
                write!(f, "a {status} response is not an authentication challenge")
            }
            AuthError::NoChallenge => {
                f.write_str("the 401/407 response has no WWW-Authenticate or Proxy-Authenticate")
            }
            AuthError::BadChallenge(why) => write!(f, "malformed authentication challenge: {why}"),
            AuthError::UnsupportedScheme(offered) => write!(
                f,
                "the server offers only unsupported authentication schemes ({offered}); \
                 pjsua2rs supports Digest"
            ),
            AuthError::UnsupportedAlgorithm(offered) => write!(
                f,
                "the server offers only unsupported digest algorithms ({offered}); pjsua2rs \
                 supports MD5, SHA-256 and SHA-512-256 and their -sess variants"
            ),
            AuthError::UnsupportedQop(offered) => write!(
                f,
                "the server offers only unsupported qop values ({offered}); pjsua2rs \
                 supports auth and auth-int"
            ),
            AuthError::NoCredential { realm, algorithm } => write!(
                f,
                "no credential for realm \"{realm}\" usable with {algorithm} (configure one \
                 for this realm or for \"*\")"
            ),
            AuthError::InvalidCredential(why) => write!(f, "invalid credential: {why}"),
            AuthError::AkaNotSupported => {
                f.write_str("AKA credentials (PJSIP_CRED_DATA_EXT_AKA) are not supported")
            }
            AuthError::Rejected { realm } => write!(
                f,
                "the server rejected our credential for realm \"{realm}\" (wrong user name \
                 or password?)"
            ),
            AuthError::StaleLoop { realm } => write!(
                f,
                "the server keeps answering with a stale or new nonce for realm \"{realm}\"; \
                 giving up"
            ),
        }
    }
}

impl std::error::Error for AuthError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_are_pjsip_numbers() {
        let realm = || "r".to_string();
        assert_eq!(AuthError::Rejected { realm: realm() }.status(), 171100);
        let no_cred = AuthError::NoCredential {
            realm: realm(),
            algorithm: "MD5".into(),
        };
        assert_eq!(no_cred.status(), 171101);
        assert_eq!(AuthError::UnsupportedAlgorithm("x".into()).status(), 171102);
        assert_eq!(AuthError::UnsupportedQop("x".into()).status(), 171103);
        assert_eq!(AuthError::UnsupportedScheme("x".into()).status(), 171104);
        assert_eq!(AuthError::StaleLoop { realm: realm() }.status(), 171111);
        assert_eq!(AuthError::AkaNotSupported.status(), 171113);
        assert_eq!(AuthError::NoChallenge.status(), 171114);
        assert_eq!(AuthError::NotAChallenge { status: 200 }.status(), 171030);
        assert_eq!(AuthError::BadChallenge("x".into()).status(), 171051);
        assert!(no_cred.to_string().contains("realm \"r\""));
        assert_eq!(
            status_text(171100),
            "Credential failed to authenticate (PJSIP_EFAILEDCREDENTIAL)"
        );
    }
}
