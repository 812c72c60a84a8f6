//! The client state an account or a call keeps across requests (RFC 3261 §22.2-§22.3,
//! RFC 7616 §3.4): answers 401/407 challenges, counts nonces, authorizes later requests
//! pre-emptively, and stops when the server rejects the credential (PJSIP's loop guard).

use super::authorization::{authorization_value, AnswerInput};
use super::challenge::{digest_challenges, AuthKind, DigestChallenge};
use super::credentials::{find_credential, Credential};
use super::digest::{Algorithm, Qop};
use super::error::AuthError;
use super::initial::is_empty_answer;
use super::syntax::parse_auth_values;
use crate::rng::Rng;
use crate::sip::header_name::HeaderName;
use crate::sip::headers::Headers;
use crate::sip::message::{Request, Response};
use crate::sip::text::Text;

/// How many times in a row a realm may be re-challenged with `stale=true` (or with a new
/// nonce after a pre-emptive answer) before we give up with `StaleLoop`.
const MAX_STALE_RETRIES: u32 = 3;
/// The length of a client nonce (random `[0-9a-zA-Z]`, about 143 bits).
const CNONCE_LEN: usize = 24;

/// The state kept for one protection space: the last challenge answered for a realm and
/// header kind, and the nonce count used with its nonce.
#[derive(Clone, Debug)]
struct Session {
    /// The challenge answered (realm, nonce, opaque, algorithm, qop offered, userhash).
    challenge: DigestChallenge,
    /// The algorithm chosen.
    algorithm: Algorithm,
    /// The qop chosen.
    qop: Option<Qop>,
    /// The client nonce used with this nonce (kept, so a `-sess` HA1 stays the same).
    cnonce: String,
    /// The last nonce count sent with this nonce.
    nc: u32,
    /// Whether a final non-401/407 response came since the last challenge: the
    /// credential worked, so a later re-challenge is a nonce expiry, not a wrong password.
    verified: bool,
    /// Re-challenges in a row answered for this realm (stale or renewed nonce).
    retries: u32,
}

/// The digest authentication client of an account, a call or a subscription: its
/// credentials and the last challenge per (realm, WWW or proxy).
///
/// The caller's loop: send a request; on a 401/407 call [`ClientAuth::respond`] and re-send
/// the request (new CSeq, new Via branch) with the headers put on by [`apply`]; on an
/// error, report the 401/407 (the error's [`AuthError::status`] is PJSIP's); on any other
/// final response call [`ClientAuth::on_success`]. Later requests in the same realm get
/// headers from [`ClientAuth::authorize`] without waiting for a challenge.
///
/// The loop guard follows PJSIP: when the request already carried our answer for a realm
/// and the server challenges that realm again without `stale=true`, the credential is
/// wrong and `respond` fails with `Rejected`. Two cases are taken as an expired nonce
/// instead (PJSIP treats any new nonce so): the rejected answer used an older nonce than
/// the last one we hold, or it was a pre-emptive answer from a nonce that had worked. Such
/// retries and `stale=true` ones are allowed 3 times in a row, then `StaleLoop`.
#[derive(Clone, Debug, Default)]
pub struct ClientAuth {
    credentials: Vec<Credential>,
    sessions: Vec<Session>,
}

impl ClientAuth {
    /// A client with these credentials and no cached challenge.
    pub fn new(credentials: Vec<Credential>) -> ClientAuth {
        ClientAuth {
            credentials,
            sessions: Vec::new(),
        }
    }

    /// The credentials.
    pub fn credentials(&self) -> &[Credential] {
        &self.credentials
    }

    /// Replaces the credentials and forgets every cached challenge, so the next challenge
    /// is answered afresh.
    pub fn set_credentials(&mut self, credentials: Vec<Credential>) {
        self.credentials = credentials;
        self.sessions.clear();
    }

    /// The headers answering the challenges of `challenge_response` (a 401 or 407 to
    /// `request`): one Authorization (for WWW-Authenticate) or Proxy-Authorization (for
    /// Proxy-Authenticate) per challenged realm, plus fresh values (next `nc`) for the
    /// other realms `request` already answered, so a proxy and a registrar challenging in
    /// turn are both answered. Put them on the re-sent request with [`apply`].
    ///
    /// Per realm the strongest algorithm offered that a credential can answer is used
    /// (SHA-512-256, then SHA-256, then MD5; the first offered among equals), with qop
    /// `auth` when offered, else `auth-int`. Realms that cannot be answered are skipped
    /// when another realm can; otherwise the error says why. `Rejected` and `StaleLoop`
    /// (see [`ClientAuth`]) always fail the whole answer.
    pub fn respond(
        &mut self,
        request: &Request,
        challenge_response: &Response,
        rng: &mut Rng,
    ) -> Result<Vec<(HeaderName, Text)>, AuthError> {
        let mut groups: Vec<(AuthKind, String, Vec<DigestChallenge>)> = Vec::new();
        for c in digest_challenges(challenge_response)? {
            match groups
                .iter_mut()
                .find(|(kind, realm, _)| *kind == c.kind && realm.eq_ignore_ascii_case(&c.realm))
            {
                Some(group) => group.2.push(c),
                None => groups.push((c.kind, c.realm.clone(), vec![c])),
            }
        }
        let mut headers = Vec::new();
        let mut failure: Option<AuthError> = None;
        for (kind, realm, offered) in &groups {
            let retries = self.retries_after(request, *kind, realm, offered)?;
            match choose(&self.credentials, offered) {
                Ok((challenge, algorithm, qop)) => {
                    let i = self.update(challenge, algorithm, qop, retries, rng);
                    headers.push(self.answer(i, request)?);
                }
                Err(e) => {
                    if failure.as_ref().is_none_or(|f| rank(&e) > rank(f)) {
                        failure = Some(e);
                    }
                }
            }
        }
        if headers.is_empty() {
            return Err(failure.unwrap_or(AuthError::NoChallenge));
        }
        for kind in [AuthKind::Www, AuthKind::Proxy] {
            for (realm, _) in sent_answers(request, kind) {
                let challenged = groups
                    .iter()
                    .any(|(k, r, _)| *k == kind && r.eq_ignore_ascii_case(&realm));
                if let (false, Some(i)) = (challenged, self.find(kind, &realm)) {
                    headers.push(self.answer(i, request)?);
                }
            }
        }
        Ok(headers)
    }

    /// The request to re-send after `challenge_response` (a 401/407 to `request`): a copy
    /// of `request` with CSeq number `seq` (same method) and the answers of
    /// [`ClientAuth::respond`] put on by [`apply`]; the caller sends it in a new client
    /// transaction (a new Via branch). Fails as `respond` does (the loop guard included).
    pub fn retry(
        &mut self,
        request: &Request,
        challenge_response: &Response,
        seq: u32,
        rng: &mut Rng,
    ) -> Result<Request, AuthError> {
        let headers = self.respond(request, challenge_response, rng)?;
        let mut again = request.clone();
        again
            .headers
            .set(HeaderName::CSeq, format!("{seq} {}", request.method));
        apply(&mut again, &headers);
        Ok(again)
    }

    /// Adds pre-emptive answers to a new request for every cached realm, with the cached
    /// nonce and the next `nc` (RFC 7616 §3.4, RFC 3261 §22.3), replacing older answers
    /// for those realms; a request in a realm never challenged is left as it is. Not for
    /// CANCEL (which cannot be challenged) nor for an ACK (which copies the INVITE's).
    pub fn authorize(&mut self, request: &mut Request) -> Result<(), AuthError> {
        let headers = (0..self.sessions.len())
            .map(|i| self.answer(i, request))
            .collect::<Result<Vec<_>, _>>()?;
        apply(request, &headers);
        Ok(())
    }

    /// Records that a request carrying our answers got a final response other than
    /// 401/407: the credentials work, and the retry counters start again.
    pub fn on_success(&mut self) {
        for s in &mut self.sessions {
            s.verified = true;
            s.retries = 0;
        }
    }

    fn find(&self, kind: AuthKind, realm: &str) -> Option<usize> {
        self.sessions
            .iter()
            .position(|s| s.challenge.kind == kind && s.challenge.realm.eq_ignore_ascii_case(realm))
    }

    /// The loop guard: the retry count for answering this realm again, or why not to.
    fn retries_after(
        &self,
        request: &Request,
        kind: AuthKind,
        realm: &str,
        offered: &[DigestChallenge],
    ) -> Result<u32, AuthError> {
        let Some((_, sent_nonce)) = sent_answers(request, kind)
            .into_iter()
            .find(|(r, _)| r.eq_ignore_ascii_case(realm))
        else {
            return Ok(0); // a first challenge for this realm
        };
        let session = self.find(kind, realm).map(|i| &self.sessions[i]);
        let stale = offered.iter().any(|c| c.stale);
        let renewal = session.is_none_or(|s| s.verified || s.challenge.nonce != sent_nonce);
        if !stale && !renewal {
            return Err(AuthError::Rejected {
                realm: realm.to_string(),
            });
        }
        let retries = session.map_or(0, |s| s.retries) + 1;
        if retries > MAX_STALE_RETRIES {
            return Err(AuthError::StaleLoop {
                realm: realm.to_string(),
            });
        }
        Ok(retries)
    }

    /// Caches the challenge answered; a new nonce restarts the count with a new cnonce.
    fn update(
        &mut self,
        challenge: &DigestChallenge,
        algorithm: Algorithm,
        qop: Option<Qop>,
        retries: u32,
        rng: &mut Rng,
    ) -> usize {
        let i = match self.find(challenge.kind, &challenge.realm) {
            Some(i) => i,
            None => {
                self.sessions.push(Session {
                    challenge: challenge.clone(),
                    algorithm,
                    qop,
                    cnonce: String::new(),
                    nc: 0,
                    verified: false,
                    retries,
                });
                self.sessions.len() - 1
            }
        };
        let s = &mut self.sessions[i];
        if s.cnonce.is_empty() || s.challenge.nonce != challenge.nonce {
            s.cnonce = rng.token(CNONCE_LEN);
            s.nc = 0;
        }
        s.challenge = challenge.clone();
        s.algorithm = algorithm;
        s.qop = qop;
        s.verified = false;
        s.retries = retries;
        i
    }

    /// The header answering session `i` for `request`, with the next nonce count.
    fn answer(&mut self, i: usize, request: &Request) -> Result<(HeaderName, Text), AuthError> {
        let ClientAuth {
            credentials,
            sessions,
        } = self;
        let s = &mut sessions[i];
        let credential = find_credential(credentials, &s.challenge.realm, s.algorithm)?;
        s.nc += 1;
        let uri = request.uri.to_string();
        let input = AnswerInput {
            algorithm: s.algorithm,
            qop: s.qop,
            method: request.method.as_str(),
            uri: &uri,
            body: &request.body,
            cnonce: &s.cnonce,
            nc: s.nc,
        };
        let value = authorization_value(&s.challenge, credential, &input);
        Ok((s.challenge.kind.authorization_header(), Text::from(value)))
    }
}

/// The challenge to answer among those offered for one realm, with its algorithm, qop
/// and a credential that can answer it: the strongest algorithm first.
fn choose<'a>(
    credentials: &[Credential],
    offered: &'a [DigestChallenge],
) -> Result<(&'a DigestChallenge, Algorithm, Option<Qop>), AuthError> {
    let mut by_strength: Vec<&DigestChallenge> = offered.iter().collect();
    by_strength
        .sort_by_key(|c| std::cmp::Reverse(c.algorithm().map_or(0, |a| a.hash.strength() + 1)));
    let mut failure: Option<AuthError> = None;
    for c in by_strength {
        let attempt = c.algorithm().and_then(|algorithm| {
            let qop = c.choose_qop()?;
            find_credential(credentials, &c.realm, algorithm)?;
            Ok((c, algorithm, qop))
        });
        match attempt {
            Ok(found) => return Ok(found),
            Err(e) if failure.as_ref().is_none_or(|f| rank(&e) > rank(f)) => failure = Some(e),
            Err(_) => {}
        }
    }
    Err(failure.unwrap_or(AuthError::NoChallenge))
}

/// Which failure to report when several challenges fail: the one that got furthest.
fn rank(e: &AuthError) -> u8 {
    match e {
        AuthError::UnsupportedAlgorithm(_) => 0,
        AuthError::UnsupportedQop(_) => 1,
        _ => 2,
    }
}

/// The (realm, nonce) of each Digest answer of this kind that `request` carries.
fn sent_answers(request: &Request, kind: AuthKind) -> Vec<(String, String)> {
    request
        .headers
        .get_all(&kind.authorization_header())
        .filter_map(|v| parse_auth_values(v).ok())
        .flatten()
        .filter(|v| v.is_digest() && v.param("response").is_some_and(|r| !r.is_empty()))
        .filter_map(|v| Some((v.param("realm")?.to_string(), v.param("nonce")?.to_string())))
        .collect()
}

/// The realm of a Digest Authorization / Proxy-Authorization value.
fn answer_realm(value: &str) -> Option<String> {
    parse_auth_values(value)
        .ok()?
        .into_iter()
        .find(|v| v.is_digest())?
        .param("realm")
        .map(str::to_string)
}

/// Puts answers from [`ClientAuth::respond`] on the request to re-send: each replaces any
/// header of the same name answering the same realm (the old answer) and the empty
/// initial answers of that name ([`ClientAuth::add_initial_empty`]), or is added.
pub fn apply(request: &mut Request, headers: &[(HeaderName, Text)]) {
    for (name, value) in headers {
        let realm = answer_realm(value);
        let old = std::mem::take(&mut request.headers);
        let mut kept = Headers::with_capacity(old.len() + 1);
        for h in &old {
            let same = h.name.matches(name)
                && (is_empty_answer(&h.value)
                    || realm.as_ref().is_some_and(|r| {
                        answer_realm(&h.value).is_some_and(|o| o.eq_ignore_ascii_case(r))
                    }));
            if !same {
                kept.push(h.name.clone(), h.value.clone());
            }
        }
        kept.push(name.clone(), value.clone());
        request.headers = kept;
    }
}
