//! Sending requests the core originates (RFC 3261 §8.1.2, RFC 3263): the next hop (the
//! first route, else the Request-URI), the flow to it (the account's transport or one
//! suiting the URI), DNS when the hop is a name, failover to the next destination on a
//! transport error or timeout, our Via, and the owner that waits for the outcome.

use super::{Owner, UaCore};
use crate::runtime::ResolveJob;
use crate::sip::endpoint::RouteError;
use crate::sip::resolve::{Destination, ResolveError};
use crate::sip::transaction::TsxId;
use crate::sip::transport::{Flow, TransportKind};
use crate::sip::uri::Host;
use crate::sip::{HeaderName, NameAddr, Request, Uri};
use crate::ua::status::{PJSUA2RS_ERR_RESOLVE, PJSUA2RS_ERR_SIP_UNSUPPORTED_TRANSPORT};
use std::net::SocketAddr;
use std::time::Instant;

/// A request on its way: what to send and how, before a flow is known or while other
/// destinations remain to try.
pub(super) struct Outgoing {
    /// The request without our Via (each attempt gets a new branch).
    pub request: Request,
    /// The account's transport, or -1.
    pub transport_id: i32,
    /// Our Via's sent-by override.
    pub sent_by: Option<(Host, u16)>,
    /// Who waits for the outcome.
    pub owner: Owner,
    /// Destinations still to try after the current one (RFC 3263 §4.3).
    pub remaining: Vec<Destination>,
}

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

    /// The flow to a resolved destination, over `transport_id` if set.
    fn flow_to_destination(&self, transport_id: i32, d: &Destination) -> Option<Flow> {
        if transport_id >= 0 {
            let t = self.sip.transport(transport_id)?;
            (t.kind == d.kind && t.local.is_ipv4() == d.addr.is_ipv4()).then_some(Flow {
                transport: t.id,
                kind: t.kind,
                remote: d.addr,
                conn: None,
            })
        } else {
            self.sip.flow_to(d.kind, d.addr).ok()
        }
    }

    /// Sends `out.request` to its next hop: at once for an IP address, after DNS for a
    /// name. Failures go to the owner.
    pub(super) fn send_routed(&mut self, now: Instant, out: Outgoing) {
        let hop = next_hop(&out.request);
        match self.flow_for(out.transport_id, &hop) {
            Ok(flow) => self.send_on(now, out, flow),
            Err(RouteError::NeedsResolution) => {
                let Some(uri) = hop.as_sip().cloned() else {
                    return;
                };
                let id = self.next_job;
                self.next_job += 1;
                let have = self.transport_preference(out.transport_id, &uri);
                let seed = self.rng.next_u64();
                self.resolving.insert(id, out);
                self.resolve_jobs.push_back(ResolveJob {
                    id,
                    uri,
                    have,
                    seed,
                });
            }
            Err(e) => {
                let reason = format!("Service Unavailable (cannot reach {hop}: {e})");
                self.fail_owner(
                    now,
                    out.owner,
                    503,
                    &reason,
                    PJSUA2RS_ERR_SIP_UNSUPPORTED_TRANSPORT,
                );
            }
        }
    }

    /// Our transports as the resolver's preference list: the account's one only, or all
    /// (UDP before TCP, IPv4 before IPv6).
    fn transport_preference(
        &self,
        transport_id: i32,
        _uri: &crate::sip::SipUri,
    ) -> Vec<(TransportKind, bool)> {
        let mut have: Vec<(TransportKind, bool)> = self
            .sip
            .transports()
            .iter()
            .filter(|t| transport_id < 0 || t.id == transport_id)
            .map(|t| (t.kind, t.local.is_ipv6()))
            .collect();
        have.sort_by_key(|(k, v6)| (*k != TransportKind::Udp, *v6));
        have.dedup();
        have
    }

    /// The destinations of a resolve job arrived.
    pub(super) fn resolved(
        &mut self,
        now: Instant,
        id: u64,
        result: Result<Vec<Destination>, ResolveError>,
    ) {
        let Some(mut out) = self.resolving.remove(&id) else {
            return;
        };
        match result {
            Ok(destinations) => {
                out.remaining = destinations;
                self.try_next_destination(now, out, "no destination");
            }
            Err(e) => {
                // PJSIP maps a failed resolution to 502 rather than 503, so that clients
                // do not retry at once (pjproject issue 870).
                let reason = format!("Bad Gateway ({e})");
                self.fail_owner(now, out.owner, 502, &reason, PJSUA2RS_ERR_RESOLVE);
            }
        }
    }

    /// Sends to the first remaining destination we have a transport for; `why` says
    /// why the previous one is given up.
    fn try_next_destination(&mut self, now: Instant, mut out: Outgoing, why: &str) {
        while !out.remaining.is_empty() {
            let d = out.remaining.remove(0);
            if let Some(flow) = self.flow_to_destination(out.transport_id, &d) {
                self.send_on(now, out, flow);
                return;
            }
        }
        let reason = format!("Service Unavailable ({why})");
        self.fail_owner(
            now,
            out.owner,
            503,
            &reason,
            PJSUA2RS_ERR_SIP_UNSUPPORTED_TRANSPORT,
        );
    }

    /// Sends on `flow` in a new client transaction, remembering how to fail over.
    fn send_on(&mut self, now: Instant, mut out: Outgoing, flow: Flow) {
        self.before_send(&mut out, flow);
        let request = out.request.clone();
        match self
            .sip
            .send_request_via(now, request, flow, out.sent_by.clone())
        {
            Ok(tsx) => {
                self.in_flight.insert(tsx, out);
            }
            Err(e) => {
                let reason = format!("Service Unavailable ({e})");
                self.fail_owner(
                    now,
                    out.owner,
                    503,
                    &reason,
                    PJSUA2RS_ERR_SIP_UNSUPPORTED_TRANSPORT,
                );
            }
        }
    }

    /// A client transaction failed without a response: the next destination if any
    /// (RFC 3263 §4.3), else the owner hears `code`.
    pub(super) fn attempt_failed(&mut self, now: Instant, tsx: TsxId, code: u16, reason: &str) {
        let Some(out) = self.in_flight.remove(&tsx) else {
            return;
        };
        if out.remaining.is_empty() {
            self.fail_owner(now, out.owner, code, reason, 0);
        } else {
            self.try_next_destination(now, out, reason);
        }
    }

    /// The route set of an account's requests: the global outbound proxies, then the
    /// account's proxies, as `proxy_use` bits select (PJSUA2RS_REG_USE_*). Each gets the
    /// `lr` parameter when it lacks one (PJSUA's `force_lr`, on in PJSUA2), so the
    /// Request-URI stays the target (RFC 3261 §16.12 loose routing).
    pub(super) fn route_set(
        &self,
        account_proxies: &[NameAddr],
        use_outbound: bool,
        use_account: bool,
    ) -> Vec<NameAddr> {
        let outbound = self.outbound_proxies.iter().filter(|_| use_outbound);
        let account = account_proxies.iter().filter(|_| use_account);
        outbound
            .chain(account)
            .map(|proxy| {
                let mut proxy = proxy.clone();
                if let Uri::Sip(u) = &mut proxy.uri {
                    if !u.params.contains("lr") {
                        u.params.set("lr", None);
                    }
                }
                proxy
            })
            .collect()
    }
}
