//! The simulated network the transaction tests run on: two transaction layers joined by a
//! wire with latency and seeded random loss, in simulated time, logging what each side
//! sent and every event with its time.

use super::super::*;
use crate::rng::Rng;
use crate::sip::header_name::HeaderName;
use crate::sip::method::Method;
use crate::sip::transport::TransportKind;
use crate::sip::{Message, Request, Response};

/// Side A's address (the client side).
pub const A: &str = "127.0.0.1:5061";
/// Side B's address (the server side).
pub const B: &str = "127.0.0.1:5062";

/// A connection-less flow of `kind` to `to`.
pub fn flow(kind: TransportKind, to: &str) -> Flow {
    Flow {
        transport: 0,
        kind,
        remote: to.parse().unwrap(),
        conn: None,
    }
}

/// A request from A to B with a top Via carrying `branch`.
pub fn request(method: Method, branch: &str, kind: TransportKind) -> Request {
    let text = format!(
        "{m} sip:b@127.0.0.1:5062 SIP/2.0\r\nVia: SIP/2.0/{k} 127.0.0.1:5061;branch=z9hG4bK{branch};rport\r\n\
         Max-Forwards: 70\r\nFrom: <sip:a@127.0.0.1>;tag=ft\r\nTo: <sip:b@127.0.0.1>\r\n\
         Call-ID: {branch}@a\r\nCSeq: 1 {m}\r\nContent-Length: 0\r\n\r\n",
        m = method,
        k = kind.via_token()
    );
    match Message::parse(text.into()).unwrap() {
        Message::Request(r) => r,
        _ => unreachable!(),
    }
}

/// A response to `req` with a To tag.
pub fn response_to(req: &Request, status: u16) -> Response {
    let mut r = Response::new(status, crate::sip::reason_phrase(status));
    for h in &req.headers {
        if matches!(
            h.name,
            HeaderName::Via | HeaderName::From | HeaderName::CallId | HeaderName::CSeq
        ) {
            r.headers.push(h.name.clone(), h.value.clone());
        }
    }
    let to = req.headers.get(&HeaderName::To).unwrap();
    r.headers.push(HeaderName::To, format!("{to};tag=tt"));
    r
}

/// Two transaction layers, A (client side) and B (server side), joined by a network with
/// latency and seeded random loss. Everything runs in simulated time.
pub struct Sim {
    pub now: Instant,
    pub a: TransactionLayer,
    pub b: TransactionLayer,
    /// In flight: (delivery time, to B?, bytes).
    wire: Vec<(Instant, bool, bytes::Bytes)>,
    rng: Rng,
    /// The chance that a message is lost, 0 to 1.
    pub loss: f64,
    latency: Duration,
    kind: TransportKind,
    /// When A sent each message (lost ones too).
    pub sent_a: Vec<Instant>,
    /// When B sent each message (lost ones too).
    pub sent_b: Vec<Instant>,
    pub events_a: Vec<(Instant, TsxEvent)>,
    pub events_b: Vec<(Instant, TsxEvent)>,
}

impl Sim {
    /// A network with the default timers and 20 ms latency.
    pub fn new(seed: u64, loss: f64, kind: TransportKind) -> Self {
        Sim::with_timers(seed, loss, kind, TimerConfig::default())
    }

    /// A network whose two layers use `timers`.
    pub fn with_timers(seed: u64, loss: f64, kind: TransportKind, timers: TimerConfig) -> Self {
        Sim {
            now: Instant::now(),
            a: TransactionLayer::new(timers),
            b: TransactionLayer::new(timers),
            wire: Vec::new(),
            rng: Rng::from_seed(seed),
            loss,
            latency: Duration::from_millis(20),
            kind,
            sent_a: Vec::new(),
            sent_b: Vec::new(),
            events_a: Vec::new(),
            events_b: Vec::new(),
        }
    }

    /// Moves transmits onto the wire and events into the logs.
    fn drain(&mut self) {
        while let Some(t) = self.a.poll_transmit() {
            self.sent_a.push(self.now);
            if self.rng.unit() >= self.loss {
                self.wire.push((self.now + self.latency, true, t.data));
            }
        }
        while let Some(t) = self.b.poll_transmit() {
            self.sent_b.push(self.now);
            if self.rng.unit() >= self.loss {
                self.wire.push((self.now + self.latency, false, t.data));
            }
        }
        while let Some(e) = self.a.poll_event() {
            self.events_a.push((self.now, e));
        }
        while let Some(e) = self.b.poll_event() {
            self.events_b.push((self.now, e));
        }
    }

    /// Runs until `until`, delivering packets and firing timers in time order. `on_b`
    /// is the server TU: it may respond to new requests.
    pub fn run(
        &mut self,
        until: Instant,
        on_b: &mut dyn FnMut(&mut TransactionLayer, Instant, &TsxEvent),
    ) {
        loop {
            self.drain();
            let next_packet = self.wire.iter().map(|w| w.0).min();
            let next = [next_packet, self.a.poll_timeout(), self.b.poll_timeout()]
                .into_iter()
                .flatten()
                .min();
            let Some(next) = next.filter(|n| *n <= until) else {
                self.now = until;
                return;
            };
            self.now = next;
            let (due, rest): (Vec<_>, Vec<_>) = self.wire.drain(..).partition(|w| w.0 <= next);
            self.wire = rest;
            for (_, to_b, data) in due {
                let msg = Message::parse(data).unwrap();
                if to_b {
                    self.b.receive(self.now, msg, flow(self.kind, A));
                } else {
                    self.a.receive(self.now, msg, flow(self.kind, B));
                }
            }
            self.a.handle_timeout(self.now);
            self.b.handle_timeout(self.now);
            let start = self.events_b.len();
            self.drain();
            let new: Vec<TsxEvent> = self.events_b[start..].iter().map(|e| e.1.clone()).collect();
            for e in &new {
                on_b(&mut self.b, self.now, e);
            }
        }
    }

    /// `s` seconds after now.
    pub fn secs(&self, s: f64) -> Instant {
        self.now + Duration::from_secs_f64(s)
    }
}

/// A server TU that answers every new request (not ACK) with `status`.
pub fn respond_to_new(status: u16) -> impl FnMut(&mut TransactionLayer, Instant, &TsxEvent) {
    move |layer, now, e| {
        if let TsxEvent::Request {
            tsx: Some(id),
            request,
            ..
        } = e
        {
            if request.method != Method::Ack {
                layer
                    .respond(now, *id, response_to(request, status))
                    .unwrap();
            }
        }
    }
}

/// The status codes of the final responses in an event log.
pub fn finals(events: &[(Instant, TsxEvent)]) -> Vec<u16> {
    events
        .iter()
        .filter_map(|(_, e)| match e {
            TsxEvent::Response { response, .. } if response.status >= 200 => Some(response.status),
            _ => None,
        })
        .collect()
}
