//! How long a registrar granted (RFC 3261 §10.2.4): the `expires` parameter of our
//! Contact in the 2xx, else its Expires header, else what we asked for.

use crate::sip::header_name::HeaderName;
use crate::sip::message::{Response, SipHeaders};
use crate::sip::name_addr::NameAddr;
use crate::sip::uri::Uri;

/// The granted interval in seconds; 0 means our binding is gone.
pub fn granted(response: &Response, ours: &NameAddr, asked: u32) -> u32 {
    let contacts = response.contacts().unwrap_or_default();
    let mine = contacts.iter().find(|c| same_contact(&c.uri, &ours.uri));
    if let Some(c) = mine {
        if let Some(v) = c
            .params
            .value("expires")
            .and_then(|v| v.trim().parse().ok())
        {
            return v;
        }
    } else if !contacts.is_empty() && response.headers.get(&HeaderName::Expires).is_none() {
        // The registrar lists bindings, none of them ours, and says nothing else: ours
        // was not kept.
        return 0;
    }
    response.number(&HeaderName::Expires).unwrap_or(asked)
}

fn same_contact(a: &Uri, b: &Uri) -> bool {
    match (a, b) {
        (Uri::Sip(x), Uri::Sip(y)) => x.equivalent(y),
        _ => a == b,
    }
}
