//! Building requests and responses: responses to a request (RFC 3261 §8.2.6) and the
//! headers every new request carries (§8.1.1).

use super::header_name::HeaderName;
use super::message::{reason_phrase, Request, Response, SipHeaders};
use super::params::Params;
use super::text::Text;
use super::uri::Host;
use super::via::{Via, BRANCH_MAGIC_COOKIE};
use crate::rng::Rng;

/// A response to `request` (RFC 3261 §8.2.6.2): Via, From, Call-ID and CSeq copied, To
/// copied with `to_tag` added when it has none (a 100 never gets a tag). An empty
/// `reason` uses the standard phrase.
pub fn response_to(request: &Request, status: u16, reason: &str, to_tag: Option<&str>) -> Response {
    let reason = if reason.is_empty() {
        reason_phrase(status)
    } else {
        reason
    };
    let mut r = Response::new(status, reason);
    copy_dialog_headers(&request.headers, &mut r, status, to_tag);
    r
}

/// Copies Via, From, To (adding a tag when needed), Call-ID, CSeq and Timestamp from a
/// request's headers into a response, in the request's order.
pub fn copy_dialog_headers(
    headers: &super::headers::Headers,
    response: &mut Response,
    status: u16,
    to_tag: Option<&str>,
) {
    for h in headers {
        match h.name {
            HeaderName::Via | HeaderName::From | HeaderName::CallId | HeaderName::CSeq => {
                response.headers.push(h.name.clone(), h.value.clone());
            }
            HeaderName::To => {
                let needs_tag = status > 100 && !has_tag(&h.value);
                let value = match to_tag {
                    Some(tag) if needs_tag => Text::from(format!("{};tag={tag}", h.value)),
                    _ => h.value.clone(),
                };
                response.headers.push(HeaderName::To, value);
            }
            HeaderName::Timestamp if status == 100 => {
                response.headers.push(h.name.clone(), h.value.clone());
            }
            _ => {}
        }
    }
}

fn has_tag(to: &Text) -> bool {
    super::parse::parse_name_addr(to)
        .map(|a| a.tag().is_some())
        .unwrap_or(false)
}

/// A new branch parameter: the RFC 3261 magic cookie and random characters.
pub fn new_branch(rng: &mut Rng) -> String {
    format!("{BRANCH_MAGIC_COOKIE}{}", rng.token(24))
}

/// A new tag for From or To.
pub fn new_tag(rng: &mut Rng) -> String {
    rng.token(16)
}

/// A Via for a request we send: our sent-by, the branch, and `rport` (RFC 3581).
pub fn our_via(transport: &str, host: Host, port: u16, branch: &str) -> Via {
    let mut params = Params::new();
    params.set("rport", None);
    params.set("branch", Some(Text::from(branch)));
    Via {
        transport: Text::from(transport),
        host,
        port: Some(port),
        params,
    }
}

/// Whether `request` is within a dialog (its To has a tag).
pub fn in_dialog(request: &Request) -> bool {
    request.to_addr().is_some_and(|t| t.tag().is_some())
}
