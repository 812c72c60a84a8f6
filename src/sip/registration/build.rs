//! Building REGISTER requests (RFC 3261 §10.2): the registrar as Request-URI, the AoR in To
//! and From, one Call-ID and From tag for the life of the registration, our Contact, the
//! interval in Expires, the route set and the application's headers.

use crate::sip::header_name::HeaderName;
use crate::sip::message::Request;
use crate::sip::method::Method;
use crate::sip::name_addr::NameAddr;
use crate::sip::text::Text;
use crate::sip::uri::Uri;
use std::time::Duration;

/// The retry and refresh timing (PJSUA2's `AccountRegConfig`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RegTiming {
    /// Wait before retrying after a failure (`retryIntervalSec`); zero disables retries.
    pub retry_interval: Duration,
    /// The first retry's wait, when set (`firstRetryIntervalSec`).
    pub first_retry_interval: Option<Duration>,
    /// Each retry wait moves by up to half this either way (`randomRetryIntervalSec`).
    pub random_retry_interval: Duration,
    /// Refresh this long before the binding expires (`delayBeforeRefreshSec`).
    pub delay_before_refresh: Duration,
}

/// What a registration sends.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RegParams {
    /// The Request-URI: the registrar.
    pub registrar: Uri,
    /// The address of record (To, and From with our tag).
    pub aor: NameAddr,
    /// Our contact.
    pub contact: NameAddr,
    /// Contacts replaced during this round, removed with `expires=0` in its REGISTER
    /// (PJSIP's removed-contact list; see [`crate::sip::registration::Registration::replace_contact`]).
    pub removed: Vec<NameAddr>,
    /// The interval asked for, in seconds (`timeoutSec`).
    pub expires: u32,
    /// Route headers (the outbound proxies), in order.
    pub routes: Vec<NameAddr>,
    /// Extra headers (`regConfig.headers`).
    pub headers: Vec<(HeaderName, Text)>,
    /// `sipConfig.authInitialEmpty`: each REGISTER carries an empty Authorization for
    /// the credentials not yet challenged, with this algorithm (may be empty).
    pub initial_auth: Option<String>,
    /// The Call-ID of every REGISTER of this registration.
    pub call_id: String,
    /// The From tag of every REGISTER of this registration.
    pub from_tag: String,
    /// Retry and refresh timing.
    pub timing: RegTiming,
}

impl RegParams {
    /// The REGISTER with CSeq `cseq` asking for `expires` seconds (0 removes the binding).
    pub fn request(&self, cseq: u32, expires: u32) -> Request {
        let mut r = Request::new(Method::Register, self.registrar.clone());
        for route in &self.routes {
            r.headers.push(HeaderName::Route, route.to_string());
        }
        let mut from = self.aor.clone();
        from.params
            .set("tag", Some(Text::from(self.from_tag.as_str())));
        r.headers.push(HeaderName::From, from.to_string());
        let mut to = self.aor.clone();
        to.params.remove("tag");
        r.headers.push(HeaderName::To, to.to_string());
        r.headers.push(HeaderName::CallId, self.call_id.clone());
        r.headers.push(HeaderName::CSeq, format!("{cseq} REGISTER"));
        self.write_contacts(&mut r);
        r.headers.push(HeaderName::Expires, expires.to_string());
        for (name, value) in &self.headers {
            r.headers.push(name.clone(), value.clone());
        }
        r
    }

    /// Replaces the Contact headers of `request` with ours, then each removed contact
    /// with `expires=0` (RFC 3261 §10.2.2).
    pub fn write_contacts(&self, request: &mut Request) {
        request.headers.remove(&HeaderName::Contact);
        request
            .headers
            .push(HeaderName::Contact, self.contact.to_string());
        for old in &self.removed {
            let mut old = old.clone();
            old.params.set("expires", Some(Text::from("0")));
            request.headers.push(HeaderName::Contact, old.to_string());
        }
    }
}
