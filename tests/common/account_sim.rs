//! The account layer (UaCore) in simulated time with the test as registrar: a core with
//! one UDP transport, what it sends, responses delivered to it, and the registration
//! events it reports.

use super::sim::quiet_core_with;
use bytes::Bytes;
use pjsua2rs::runtime::Core;
use pjsua2rs::sip::build::response_to;
use pjsua2rs::sip::transport::{Flow, TransportKind};
use pjsua2rs::sip::{HeaderName, Host, Message, NameAddr, Request, Response};
use pjsua2rs::ua::account::{AccountId, AccountSettings};
use pjsua2rs::ua::config::AccountConfig;
use pjsua2rs::ua::core::{AppEvent, UaCore};
use pjsua2rs::ua::fixed_str::FixedStr;
use pjsua2rs::ua::transport::TransportRecord;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The registrar the tests play.
pub const REGISTRAR: &str = "192.0.2.10:5060";

/// A simulated core and its clock.
pub struct Sim {
    pub core: UaCore,
    pub events: Arc<Mutex<Vec<AppEvent>>>,
    pub now: Instant,
}

/// What `onRegState` reported: (code, status, expiration).
pub type RegState = (u16, i32, u32);

impl Sim {
    /// A core with one UDP transport (id 0, bound on loopback so calls can bind RTP
    /// there) published as `published`.
    pub fn new(published: &str) -> Sim {
        Sim::with_outbound(published, &[])
    }

    /// The same with these global outbound proxies (UaConfig.outboundProxies).
    pub fn with_outbound(published: &str, outbound: &[&str]) -> Sim {
        let proxies: Vec<NameAddr> = outbound.iter().map(|p| p.parse().unwrap()).collect();
        let (mut core, events) = quiet_core_with(proxies);
        let published: SocketAddr = published.parse().unwrap();
        core.add_transport(TransportRecord {
            id: 0,
            transport_type: 1,
            kind: TransportKind::Udp,
            type_name: "UDP".into(),
            local: "127.0.0.1:5060".parse().unwrap(),
            published_host: Host::from(published.ip()),
            published_port: published.port(),
        });
        Sim {
            core,
            events,
            now: Instant::now(),
        }
    }

    /// Adds TCP transport 1, published as 10.0.0.2:5060.
    pub fn add_tcp(&mut self) {
        self.core.add_transport(TransportRecord {
            id: 1,
            transport_type: 2,
            kind: TransportKind::Tcp,
            type_name: "TCP".into(),
            local: "127.0.0.1:5060".parse().unwrap(),
            published_host: Host::from("10.0.0.2".parse::<std::net::IpAddr>().unwrap()),
            published_port: 5060,
        });
    }

    /// Adds an account made from `cfg`.
    pub fn add(&mut self, cfg: &AccountConfig) -> AccountId {
        let settings = AccountSettings::from_config(cfg).unwrap();
        self.core.account_add(self.now, settings, false).unwrap()
    }

    /// Everything the core sends now: (to, bytes).
    pub fn sent(&mut self) -> Vec<(SocketAddr, Bytes)> {
        self.core.process(self.now);
        std::iter::from_fn(|| self.core.poll_transmit())
            .map(|t| (t.flow.remote, t.data))
            .collect()
    }

    /// The requests the core sends now.
    pub fn requests(&mut self) -> Vec<Request> {
        self.sent()
            .into_iter()
            .filter_map(|(_, d)| match Message::parse(d) {
                Ok(Message::Request(r)) => Some(r),
                _ => None,
            })
            .collect()
    }

    /// The one request the core sends now.
    pub fn one_request(&mut self) -> Request {
        let mut sent = self.requests();
        assert_eq!(sent.len(), 1, "{sent:?}");
        sent.pop().unwrap()
    }

    /// Delivers a response over UDP from `from`.
    pub fn deliver(&mut self, response: Response, from: &str) {
        let data = Message::Response(response).to_bytes();
        self.core
            .handle_datagram(self.now, 0, from.parse().unwrap(), data);
        self.core.process(self.now);
    }

    /// Delivers a message over TCP connection 1 of transport 1 from `from`.
    pub fn deliver_tcp(&mut self, message: Message, from: &str) {
        let flow = Flow {
            transport: 1,
            kind: TransportKind::Tcp,
            remote: from.parse().unwrap(),
            conn: Some(1),
        };
        self.core
            .handle_stream_message(self.now, flow, message.to_bytes());
        self.core.process(self.now);
    }

    /// Lets `d` pass.
    pub fn advance(&mut self, d: Duration) {
        self.now += d;
        self.core.handle_timeout(self.now);
    }

    /// The events so far (and forgets them).
    pub fn take_events(&mut self) -> Vec<AppEvent> {
        std::mem::take(&mut *self.events.lock().unwrap())
    }

    /// The `onRegState` reports of `acc` so far (other events are dropped).
    pub fn reg_states(&mut self, acc: AccountId) -> Vec<RegState> {
        self.take_events()
            .into_iter()
            .filter_map(|e| match e {
                AppEvent::RegState { acc: a, prm } if a == acc => {
                    Some((prm.code, prm.status, prm.expiration))
                }
                _ => None,
            })
            .collect()
    }
}

/// An account alice@example.com registering at `registrar` for 600 s.
pub fn config(registrar: &str) -> AccountConfig {
    let mut cfg = AccountConfig::default();
    cfg.id_uri
        .set_str("sip:alice@example.com", "idUri")
        .unwrap();
    cfg.reg_config
        .registrar_uri
        .set_str(registrar, "registrarUri")
        .unwrap();
    cfg.reg_config.timeout_sec = 600;
    cfg
}

/// A 200 for a REGISTER binding its first Contact for 600 s, with the registrar seeing us
/// at `seen` (Via `received` and `rport`).
pub fn ok(req: &Request, seen: &str) -> Response {
    let seen: SocketAddr = seen.parse().unwrap();
    via_ok(
        req,
        &format!(";rport={};received={}", seen.port(), seen.ip()),
    )
}

/// A 200 for a REGISTER binding its first Contact for 600 s, our Via's `;rport` replaced
/// by `via_params`.
pub fn via_ok(req: &Request, via_params: &str) -> Response {
    let mut r = req.clone();
    let via = r
        .headers
        .values(&HeaderName::Via)
        .next()
        .unwrap()
        .to_string();
    r.headers
        .set(HeaderName::Via, via.replace(";rport", via_params));
    let mut resp = response_to(&r, 200, "", Some("reg"));
    let contact = req.headers.get(&HeaderName::Contact).unwrap();
    resp.headers
        .push(HeaderName::Contact, format!("{contact};expires=600"));
    resp
}

/// The Contact header values of a request.
pub fn contacts(req: &Request) -> Vec<String> {
    req.headers
        .get_all(&HeaderName::Contact)
        .map(|c| c.to_string())
        .collect()
}
