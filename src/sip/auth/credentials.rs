//! Credentials and how one is chosen for a challenge: realm (exact before `*`), scheme
//! Digest, and the algorithm a credential is restricted to (PJSUA2 `AuthCredInfo`).

use super::digest::{password_ha1, Algorithm, HashAlgorithm};
use super::error::AuthError;
use crate::ua::config::{
    AuthCredInfo, PJSUA2RS_AUTH_ALGORITHM_MD5, PJSUA2RS_AUTH_ALGORITHM_NOT_SET,
    PJSUA2RS_AUTH_ALGORITHM_SHA256, PJSUA2RS_AUTH_ALGORITHM_SHA512_256, PJSUA2RS_CRED_DATA_DIGEST,
    PJSUA2RS_CRED_DATA_EXT_AKA, PJSUA2RS_CRED_DATA_PLAIN_PASSWD,
};
use crate::ua::fixed_str::FixedStr;
use std::fmt;

/// The secret of a credential. `Debug` never shows it.
#[derive(Clone, PartialEq, Eq)]
pub enum Secret {
    /// The password.
    Plain(String),
    /// A precomputed HA1, `H(username ":" realm ":" password)` in hex, for one hash.
    Ha1 {
        /// The HA1 in hex (any case).
        hex: String,
        /// The hash it was computed with.
        algorithm: HashAlgorithm,
    },
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Secret::Plain(_) => f.write_str("Plain(<redacted>)"),
            Secret::Ha1 { algorithm, .. } => {
                write!(f, "Ha1 {{ hex: <redacted>, algorithm: {algorithm:?} }}")
            }
        }
    }
}

/// One credential of an account: whom it is for and the secret. `Debug` redacts the
/// secret.
#[derive(Clone, PartialEq, Eq)]
pub struct Credential {
    /// The realm it answers; `*` answers any realm that has no exact credential.
    pub realm: String,
    /// The user name.
    pub username: String,
    /// The password or HA1.
    pub secret: Secret,
    /// The scheme; only `digest` (any case) credentials are used.
    pub scheme: String,
    /// When set, the credential only answers challenges of this hash (PJSUA2's
    /// `algo_type`); an HA1 secret is always restricted to its own hash.
    pub algorithm: Option<HashAlgorithm>,
}

impl fmt::Debug for Credential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credential")
            .field("realm", &self.realm)
            .field("username", &self.username)
            .field("secret", &self.secret)
            .field("scheme", &self.scheme)
            .field("algorithm", &self.algorithm)
            .finish()
    }
}

impl Credential {
    /// A digest credential with a plain password, for any algorithm.
    pub fn plain(realm: &str, username: &str, password: &str) -> Credential {
        Credential {
            realm: realm.to_string(),
            username: username.to_string(),
            secret: Secret::Plain(password.to_string()),
            scheme: "digest".to_string(),
            algorithm: None,
        }
    }

    /// The credential of a PJSUA2 `AuthCredInfo`. `data_type` 0 is a password, 1 an HA1
    /// (for `algo_type`, MD5 when not set, as PJSIP assumes); AKA credentials are
    /// `AkaNotSupported`; a malformed HA1 or field is `InvalidCredential`.
    pub fn from_config(info: &AuthCredInfo) -> Result<Credential, AuthError> {
        if info.data_type & PJSUA2RS_CRED_DATA_EXT_AKA != 0 {
            return Err(AuthError::AkaNotSupported);
        }
        let field = |value: &[std::os::raw::c_char], name: &str| {
            value
                .get_str(name)
                .map(str::to_string)
                .map_err(|e| AuthError::InvalidCredential(e.reason))
        };
        let algorithm = match info.algo_type {
            PJSUA2RS_AUTH_ALGORITHM_NOT_SET => None,
            PJSUA2RS_AUTH_ALGORITHM_MD5 => Some(HashAlgorithm::Md5),
            PJSUA2RS_AUTH_ALGORITHM_SHA256 => Some(HashAlgorithm::Sha256),
            PJSUA2RS_AUTH_ALGORITHM_SHA512_256 => Some(HashAlgorithm::Sha512_256),
            other => {
                return Err(AuthError::InvalidCredential(format!(
                    "algo_type {other} is not a digest algorithm pjsua2rs supports"
                )))
            }
        };
        let data = field(&info.data, "AuthCredInfo.data")?;
        let secret = match info.data_type {
            PJSUA2RS_CRED_DATA_PLAIN_PASSWD => Secret::Plain(data),
            PJSUA2RS_CRED_DATA_DIGEST => {
                let hash = algorithm.unwrap_or(HashAlgorithm::Md5);
                if data.len() != hash.hex_len() || !data.bytes().all(|b| b.is_ascii_hexdigit()) {
                    return Err(AuthError::InvalidCredential(format!(
                        "a {} HA1 must be {} hex digits",
                        hash.as_str(),
                        hash.hex_len()
                    )));
                }
                Secret::Ha1 {
                    hex: data,
                    algorithm: hash,
                }
            }
            other => {
                return Err(AuthError::InvalidCredential(format!(
                    "data_type {other} is neither a password (0) nor an HA1 (1)"
                )))
            }
        };
        Ok(Credential {
            realm: field(&info.realm, "AuthCredInfo.realm")?,
            username: field(&info.username, "AuthCredInfo.username")?,
            algorithm: match secret {
                Secret::Ha1 { algorithm, .. } => Some(algorithm),
                Secret::Plain(_) => algorithm,
            },
            secret,
            scheme: field(&info.scheme, "AuthCredInfo.scheme")?,
        })
    }

    /// Whether this credential can answer a challenge of this algorithm.
    pub fn usable_for(&self, algorithm: Algorithm) -> bool {
        let restricted = match &self.secret {
            Secret::Ha1 { algorithm: a, .. } => Some(*a),
            Secret::Plain(_) => self.algorithm,
        };
        self.scheme.eq_ignore_ascii_case("digest")
            && restricted.is_none_or(|a| a == algorithm.hash)
            && self.algorithm.is_none_or(|a| a == algorithm.hash)
    }

    /// The base HA1 for `realm` (before any `-sess` step), in lower-case hex.
    pub(crate) fn ha1(&self, hash: HashAlgorithm, realm: &str) -> String {
        match &self.secret {
            Secret::Plain(password) => password_ha1(hash, &self.username, realm, password),
            Secret::Ha1 { hex, .. } => hex.to_ascii_lowercase(),
        }
    }
}

/// The credential for a challenge's realm and algorithm: a Digest credential usable for
/// the algorithm whose realm equals the challenge's (ignoring case, as PJSIP does), else
/// one whose realm is `*`; `NoCredential` when there is none.
pub(crate) fn find_credential<'a>(
    credentials: &'a [Credential],
    realm: &str,
    algorithm: Algorithm,
) -> Result<&'a Credential, AuthError> {
    let usable = || credentials.iter().filter(|c| c.usable_for(algorithm));
    usable()
        .find(|c| c.realm.eq_ignore_ascii_case(realm))
        .or_else(|| usable().find(|c| c.realm == "*"))
        .ok_or_else(|| AuthError::NoCredential {
            realm: realm.to_string(),
            algorithm: algorithm.to_string(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ua::fixed_str::FixedStr;

    fn info(realm: &str, data_type: i32, data: &str, algo_type: i32) -> AuthCredInfo {
        let mut i = AuthCredInfo::default();
        i.realm.set_str(realm, "realm").unwrap();
        i.username.set_str("alice", "username").unwrap();
        i.data.set_str(data, "data").unwrap();
        i.data_type = data_type;
        i.algo_type = algo_type;
        i
    }

    const SHA256: Algorithm = Algorithm {
        hash: HashAlgorithm::Sha256,
        sess: false,
    };

    #[test]
    fn from_config_kinds() {
        let c = Credential::from_config(&info("*", 0, "secret", 0)).unwrap();
        assert_eq!(c, Credential::plain("*", "alice", "secret"));
        let md5 = "939e7578ed9e3c518a452acee763bce9";
        let c = Credential::from_config(&info("r", 1, md5, 0)).unwrap();
        assert_eq!(
            c.secret,
            Secret::Ha1 {
                hex: md5.into(),
                algorithm: HashAlgorithm::Md5
            }
        );
        assert!(c.usable_for(Algorithm::default()) && !c.usable_for(SHA256));
        let sha = "a".repeat(64);
        let c =
            Credential::from_config(&info("r", 1, &sha, PJSUA2RS_AUTH_ALGORITHM_SHA256)).unwrap();
        assert!(c.usable_for(SHA256) && !c.usable_for(Algorithm::default()));
        assert_eq!(c.ha1(HashAlgorithm::Sha256, "r"), sha);

        let err = |i| Credential::from_config(&i).unwrap_err();
        assert_eq!(err(info("r", 16, "", 0)), AuthError::AkaNotSupported);
        assert_eq!(err(info("r", 17, "", 0)), AuthError::AkaNotSupported);
        assert!(
            matches!(err(info("r", 1, "abc", 0)), AuthError::InvalidCredential(m) if m.contains("32 hex"))
        );
        assert!(matches!(
            err(info("r", 1, &sha, 0)),
            AuthError::InvalidCredential(_)
        ));
        assert!(matches!(
            err(info("r", 1, &"g".repeat(32), 0)),
            AuthError::InvalidCredential(_)
        ));
        assert!(matches!(
            err(info("r", 2, "x", 0)),
            AuthError::InvalidCredential(_)
        ));
        assert!(matches!(
            err(info("r", 0, "x", 9)),
            AuthError::InvalidCredential(_)
        ));
        // A password restricted to one algorithm.
        let c = Credential::from_config(&info("r", 0, "pw", PJSUA2RS_AUTH_ALGORITHM_SHA512_256))
            .unwrap();
        assert!(!c.usable_for(SHA256));
        assert!(c.usable_for(Algorithm {
            hash: HashAlgorithm::Sha512_256,
            sess: true
        }));
    }

    #[test]
    fn debug_redacts_secrets() {
        let c = Credential::plain("r", "alice", "hunter2");
        let shown = format!("{c:?}");
        assert!(
            !shown.contains("hunter2") && shown.contains("alice") && shown.contains("redacted")
        );
        let h = Secret::Ha1 {
            hex: "939e7578ed9e3c518a452acee763bce9".into(),
            algorithm: HashAlgorithm::Md5,
        };
        assert!(!format!("{h:?}").contains("939e"));
    }

    #[test]
    fn exact_realm_before_wildcard() {
        let mut creds = vec![
            Credential::plain("*", "any", "p1"),
            Credential::plain("Biloxi.com", "bob", "p2"),
            Credential::plain("atlanta.com", "alice", "p3"),
        ];
        let user = |creds: &[Credential], realm| {
            find_credential(creds, realm, Algorithm::default()).map(|c| c.username.clone())
        };
        assert_eq!(user(&creds, "biloxi.com").unwrap(), "bob");
        assert_eq!(user(&creds, "chicago.com").unwrap(), "any");
        creds[1].scheme = "Basic".into();
        assert_eq!(user(&creds, "biloxi.com").unwrap(), "any");
        creds.remove(0);
        assert_eq!(
            user(&creds, "chicago.com"),
            Err(AuthError::NoCredential {
                realm: "chicago.com".into(),
                algorithm: "MD5".into()
            })
        );
        // An HA1 for MD5 cannot answer SHA-256; a wildcard password can.
        let creds = vec![
            Credential {
                secret: Secret::Ha1 {
                    hex: "0".repeat(32),
                    algorithm: HashAlgorithm::Md5,
                },
                ..Credential::plain("r", "ha1", "")
            },
            Credential::plain("*", "plain", "pw"),
        ];
        assert_eq!(user(&creds, "r").unwrap(), "ha1");
        assert_eq!(
            find_credential(&creds, "r", SHA256).unwrap().username,
            "plain"
        );
    }
}
