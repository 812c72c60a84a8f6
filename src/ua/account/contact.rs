//! Our Contact for an account on a transport (RFC 3261 §8.1.1.8): the account's user at
//! the transport's published address, `transport=` for stream transports, and the
//! account's URI and header parameters.

use super::settings::AccountSettings;
use crate::sip::endpoint::LocalTransport;
use crate::sip::parse::parse_name_addr;
use crate::sip::transport::TransportKind;
use crate::sip::uri::Host;
use crate::sip::{NameAddr, SipUri, Text, Uri};

/// The Contact for REGISTER (adds `regConfig.contactParams` and `contactUriParams`).
pub fn register_contact(
    s: &AccountSettings,
    t: &LocalTransport,
    seen_as: Option<(&Host, u16)>,
) -> NameAddr {
    build(
        s,
        t,
        seen_as,
        &s.reg_contact_uri_params,
        &s.reg_contact_params,
    )
}

/// The Contact for other requests and responses of the account.
pub fn contact(s: &AccountSettings, t: &LocalTransport, seen_as: Option<(&Host, u16)>) -> NameAddr {
    build(s, t, seen_as, "", "")
}

fn build(
    s: &AccountSettings,
    t: &LocalTransport,
    seen_as: Option<(&Host, u16)>,
    reg_uri_params: &str,
    reg_params: &str,
) -> NameAddr {
    if let Some(forced) = &s.contact_forced {
        return forced.clone();
    }
    let (host, port) = match seen_as {
        Some((h, p)) => (h.clone(), p),
        None => (t.published_host.clone(), t.published_port),
    };
    let user = s.user().map(|u| format!("{u}@")).unwrap_or_default();
    let transport = match t.kind {
        TransportKind::Udp => "",
        TransportKind::Tcp => ";transport=tcp",
    };
    let text = format!(
        "<sip:{user}{host}:{port}{transport}{}{}>{}{}",
        s.contact_uri_params, reg_uri_params, s.contact_params, reg_params
    );
    // The settings checked that the parameters parse (see `check_params`); should they
    // not, the plain contact is better than a malformed header.
    parse_name_addr(&Text::from(text)).unwrap_or_else(|_| {
        let mut uri = SipUri::new(s.user(), host, Some(port));
        if t.kind == TransportKind::Tcp {
            uri.params.set("transport", Some(Text::from("tcp")));
        }
        NameAddr::new(Uri::Sip(uri))
    })
}

/// Checks that the account's Contact parameters make a valid Contact header.
pub fn check_params(s: &AccountSettings) -> Result<(), String> {
    let text = format!(
        "<sip:u@192.0.2.1:5060{}{}>{}{}",
        s.contact_uri_params, s.reg_contact_uri_params, s.contact_params, s.reg_contact_params
    );
    parse_name_addr(&Text::from(text.as_str()))
        .map(|_| ())
        .map_err(|e| {
            format!(
                "the Contact parameters make an invalid Contact ({text}): {}",
                e.reason
            )
        })
}
