//! The empty initial Authorization header (PJSUA2's `sipConfig.authInitialEmpty`, PJSIP's
//! `initial_auth` preference): a request goes out with `Authorization: Digest
//! username="...", realm="...", nonce="", uri="...", response=""` for each credential that
//! no answer on the request covers yet, so a server (e.g. an IMS P-CSCF, 3GPP TS 24.229)
//! learns the user before it challenges. A real answer later replaces it ([`super::apply`]).

use super::client::ClientAuth;
use super::syntax::{parse_auth_values, quote};
use crate::sip::header_name::HeaderName;
use crate::sip::message::Request;
use crate::sip::text::Text;

impl ClientAuth {
    /// Adds an empty Authorization header to `request` for each digest credential whose
    /// realm no Authorization or Proxy-Authorization on it answers yet (a `*` credential
    /// is covered by any answer), with `algorithm=` when `algorithm` is not empty. Not
    /// for CANCEL nor ACK.
    pub fn add_initial_empty(&self, request: &mut Request, algorithm: &str) {
        let answered: Vec<String> = [HeaderName::Authorization, HeaderName::ProxyAuthorization]
            .iter()
            .flat_map(|name| request.headers.get_all(name))
            .filter_map(|v| parse_auth_values(v).ok())
            .flatten()
            .filter(|v| v.is_digest())
            .filter_map(|v| v.param("realm").map(str::to_string))
            .collect();
        let uri = request.uri.to_string();
        let mut added = Vec::new();
        for c in self.credentials() {
            let covered = answered
                .iter()
                .any(|r| c.realm == "*" || r.eq_ignore_ascii_case(&c.realm));
            if !c.scheme.eq_ignore_ascii_case("digest") || covered {
                continue;
            }
            let mut value = format!(
                "Digest username={}, realm={}, nonce=\"\", uri={}, response=\"\"",
                quote(&c.username),
                quote(&c.realm),
                quote(&uri)
            );
            if !algorithm.is_empty() {
                value.push_str(&format!(", algorithm={algorithm}"));
            }
            added.push(value);
        }
        for value in added {
            request
                .headers
                .push(HeaderName::Authorization, Text::from(value));
        }
    }
}

/// Whether an Authorization value is an empty initial answer (its `response` is empty).
pub(super) fn is_empty_answer(value: &str) -> bool {
    parse_auth_values(value).is_ok_and(|values| {
        values
            .iter()
            .any(|v| v.is_digest() && v.param("response").is_some_and(str::is_empty))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sip::auth::{apply, Credential};
    use crate::sip::method::Method;

    fn register() -> Request {
        Request::new(Method::Register, "sip:example.com".parse().unwrap())
    }

    #[test]
    fn each_unanswered_credential_gets_an_empty_header() {
        let auth = ClientAuth::new(vec![
            Credential::plain("example.com", "alice", "pw"),
            Credential::plain("other.net", "al", "pw2"),
        ]);
        let mut r = register();
        r.headers.push(
            HeaderName::Authorization,
            "Digest username=\"al\", realm=\"other.net\", nonce=\"n\", uri=\"sip:example.com\", response=\"0123\"",
        );
        auth.add_initial_empty(&mut r, "MD5");
        let values: Vec<&Text> = r.headers.get_all(&HeaderName::Authorization).collect();
        assert_eq!(values.len(), 2);
        assert_eq!(
            values[1].as_str(),
            "Digest username=\"alice\", realm=\"example.com\", nonce=\"\", uri=\"sip:example.com\", response=\"\", algorithm=MD5"
        );
        assert!(is_empty_answer(values[1]) && !is_empty_answer(values[0]));
    }

    #[test]
    fn a_real_answer_replaces_the_empty_one() {
        let auth = ClientAuth::new(vec![Credential::plain("*", "alice", "pw")]);
        let mut r = register();
        auth.add_initial_empty(&mut r, "");
        assert!(r
            .headers
            .get(&HeaderName::Authorization)
            .unwrap()
            .contains("realm=\"*\", nonce=\"\""));
        let answer = "Digest username=\"alice\", realm=\"example.com\", nonce=\"n\", uri=\"sip:example.com\", response=\"0123\"";
        apply(&mut r, &[(HeaderName::Authorization, Text::from(answer))]);
        let values: Vec<&Text> = r.headers.get_all(&HeaderName::Authorization).collect();
        assert_eq!(values, [&Text::from(answer)]);
    }
}
