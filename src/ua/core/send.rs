//! Sending requests the core originates: the next hop (the first route, else the
//! Request-URI), the flow to it (the account's transport or one matching the URI), our
//! Via, and the owner that waits for the outcome.

use super::{Owner, UaCore};
use crate::sip::endpoint::RouteError;
use crate::sip::transaction::TsxId;
use crate::sip::transport::{Flow, TransportKind};
use crate::sip::uri::Host;
use crate::sip::{HeaderName, NameAddr, Request, Uri};
use std::net::SocketAddr;
use std::time::Instant;

/// The URI a request goes to first: its first Route (loose routing, RFC 3261 §8.1.2), else
/// its Request-URI.
pub fn next_hop(request: &Request) -> Uri {
    request
        .headers
        .values(&HeaderName::Route)
        .next()
        .and_then(|r| crate::sip::parse::parse_name_addr(&r).ok())
        .map(|r| r.uri)
        .unwrap_or_else(|| request.uri.clone())
}

impl UaCore {
    /// The flow to `uri` over transport `transport_id` (-1: any transport suiting the URI).
    pub(super) fn flow_for(&self, transport_id: i32, uri: &Uri) -> Result<Flow, RouteError> {
        if transport_id < 0 {
            return self.sip.route_to(uri);
        }
        let t = self
            .sip
            .transport(transport_id)
            .ok_or(RouteError::NoTransport(TransportKind::Udp))?;
        let sip = uri.as_sip().ok_or(RouteError::NotSip)?;
        let ip = sip.host.ip().ok_or(RouteError::NeedsResolution)?;
        let remote = SocketAddr::new(ip, sip.port.unwrap_or(5060));
        if remote.is_ipv4() != t.local.is_ipv4() {
            return Err(RouteError::NoTransport(t.kind));
        }
        Ok(Flow {
            transport: t.id,
            kind: t.kind,
            remote,
            conn: None,
        })
    }

    /// Sends `request` on `flow` in a new client transaction owned by `owner`; `sent_by`
    /// overrides our Via's address (Via rewrite after NAT discovery).
    pub(super) fn send_owned(
        &mut self,
        now: Instant,
        request: Request,
        flow: Flow,
        sent_by: Option<(Host, u16)>,
        owner: Owner,
    ) -> Result<TsxId, String> {
        let tsx = self
            .sip
            .send_request_via(now, request, flow, sent_by)
            .map_err(|e| e.to_string())?;
        self.owners.insert(tsx, owner);
        Ok(tsx)
    }

    /// The route set of an account's requests: the global outbound proxies, then the
    /// account's proxies, as `proxy_use` bits select (PJSUA2RS_REG_USE_*).
    pub(super) fn route_set(
        &self,
        account_proxies: &[NameAddr],
        use_outbound: bool,
        use_account: bool,
    ) -> Vec<NameAddr> {
        let mut routes = Vec::new();
        if use_outbound {
            routes.extend(self.outbound_proxies.iter().cloned());
        }
        if use_account {
            routes.extend(account_proxies.iter().cloned());
        }
        routes
    }
}
