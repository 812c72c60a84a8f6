//! Transaction-layer tests in simulated time over a seeded, lossy simulated network.

use super::*;
use crate::rng::Rng;
use crate::sip::header_name::HeaderName;
use crate::sip::message::SipHeaders;
use crate::sip::method::Method;
use crate::sip::transport::TransportKind;
use crate::sip::{Message, Request, Response};
use std::net::SocketAddr;

const A: &str = "127.0.0.1:5061";
const B: &str = "127.0.0.1:5062";

fn flow(kind: TransportKind, to: &str) -> Flow {
    Flow {
        transport: 0,
        kind,
        remote: to.parse().unwrap(),
        conn: None,
    }
}

fn request(method: Method, branch: &str, kind: TransportKind) -> Request {
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

fn response_to(req: &Request, status: u16) -> Response {
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
struct Sim {
    now: Instant,
    a: TransactionLayer,
    b: TransactionLayer,
    /// In flight: (delivery time, to B?, bytes, from address).
    wire: Vec<(Instant, bool, bytes::Bytes)>,
    rng: Rng,
    loss: f64,
    latency: Duration,
    kind: TransportKind,
    sent_by_a: usize,
    sent_by_b: usize,
    events_a: Vec<(Instant, TsxEvent)>,
    events_b: Vec<(Instant, TsxEvent)>,
}

impl Sim {
    fn new(seed: u64, loss: f64, kind: TransportKind) -> Self {
        Sim {
            now: Instant::now(),
            a: TransactionLayer::new(TimerConfig::default()),
            b: TransactionLayer::new(TimerConfig::default()),
            wire: Vec::new(),
            rng: Rng::from_seed(seed),
            loss,
            latency: Duration::from_millis(20),
            kind,
            sent_by_a: 0,
            sent_by_b: 0,
            events_a: Vec::new(),
            events_b: Vec::new(),
        }
    }

    /// Moves transmits onto the wire and events into the logs.
    fn drain(&mut self) {
        while let Some(t) = self.a.poll_transmit() {
            self.sent_by_a += 1;
            if self.rng.unit() >= self.loss {
                self.wire.push((self.now + self.latency, true, t.data));
            }
        }
        while let Some(t) = self.b.poll_transmit() {
            self.sent_by_b += 1;
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
    fn run(
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

    fn secs(&self, s: f64) -> Instant {
        self.now + Duration::from_secs_f64(s)
    }
}

fn respond_to_new(status: u16) -> impl FnMut(&mut TransactionLayer, Instant, &TsxEvent) {
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

fn finals(events: &[(Instant, TsxEvent)]) -> Vec<u16> {
    events
        .iter()
        .filter_map(|(_, e)| match e {
            TsxEvent::Response { response, .. } if response.status >= 200 => Some(response.status),
            _ => None,
        })
        .collect()
}

#[test]
fn non_invite_completes_and_timer_k_j_end_transactions() {
    let mut sim = Sim::new(1, 0.0, TransportKind::Udp);
    let t0 = sim.now;
    sim.a
        .send_request(
            t0,
            request(Method::Options, "1", TransportKind::Udp),
            flow(TransportKind::Udp, B),
        )
        .unwrap();
    let until = sim.secs(4.0);
    sim.run(until, &mut respond_to_new(200));
    assert_eq!(finals(&sim.events_a), vec![200]);
    assert_eq!(
        sim.a.len(),
        1,
        "client waits in Completed for Timer K (T4 = 5 s)"
    );
    let until = sim.secs(2.0);
    sim.run(until, &mut respond_to_new(200));
    assert_eq!(sim.a.len(), 0, "Timer K ended the client transaction");
    assert_eq!(sim.b.len(), 1, "server waits for Timer J (64*T1 = 32 s)");
    let until = t0 + Duration::from_secs(33);
    sim.run(until, &mut respond_to_new(200));
    assert_eq!(sim.b.len(), 0);
    assert_eq!(sim.sent_by_a, 1, "no retransmission once answered");
}

#[test]
fn timer_e_backs_off_to_t2_and_timer_f_times_out() {
    let mut sim = Sim::new(2, 1.0, TransportKind::Udp); // everything lost
    let t0 = sim.now;
    let id = sim
        .a
        .send_request(
            t0,
            request(Method::Options, "2", TransportKind::Udp),
            flow(TransportKind::Udp, B),
        )
        .unwrap();
    sim.run(t0 + Duration::from_secs(40), &mut |_, _, _| {});
    // Sends at 0, 0.5, 1.5, 3.5, 7.5, 11.5, 15.5, 19.5, 23.5, 27.5, 31.5 (E capped at T2 = 4 s).
    assert_eq!(sim.sent_by_a, 11);
    let timeout = sim
        .events_a
        .iter()
        .find(|(_, e)| *e == TsxEvent::Timeout { tsx: id })
        .expect("Timer F");
    assert_eq!(timeout.0 - t0, Duration::from_secs(32));
    assert_eq!(sim.a.len(), 0);
}

#[test]
fn timer_a_doubles_and_timer_b_times_out() {
    let mut sim = Sim::new(3, 1.0, TransportKind::Udp);
    let t0 = sim.now;
    let id = sim
        .a
        .send_request(
            t0,
            request(Method::Invite, "3", TransportKind::Udp),
            flow(TransportKind::Udp, B),
        )
        .unwrap();
    sim.run(t0 + Duration::from_secs(40), &mut |_, _, _| {});
    // Sends at 0, 0.5, 1.5, 3.5, 7.5, 15.5, 31.5 (A doubles without cap).
    assert_eq!(sim.sent_by_a, 7);
    let timeout = sim
        .events_a
        .iter()
        .find(|(_, e)| *e == TsxEvent::Timeout { tsx: id })
        .unwrap();
    assert_eq!(timeout.0 - t0, Duration::from_secs(32));
}

#[test]
fn reliable_transport_never_retransmits_and_ends_at_once() {
    let mut sim = Sim::new(4, 0.0, TransportKind::Tcp);
    let t0 = sim.now;
    sim.a
        .send_request(
            t0,
            request(Method::Invite, "4", TransportKind::Tcp),
            flow(TransportKind::Tcp, B),
        )
        .unwrap();
    sim.run(t0 + Duration::from_secs(1), &mut respond_to_new(486));
    assert_eq!(finals(&sim.events_a), vec![486]);
    assert_eq!(sim.sent_by_a, 2, "INVITE and ACK only");
    assert_eq!(sim.a.len(), 0, "Timer D is zero on TCP");
    assert_eq!(sim.b.len(), 0, "Timer I is zero on TCP");
}

#[test]
fn server_sends_100_trying_after_200_ms_and_absorbs_retransmissions() {
    let mut sim = Sim::new(5, 0.0, TransportKind::Udp);
    let t0 = sim.now;
    sim.a
        .send_request(
            t0,
            request(Method::Invite, "5", TransportKind::Udp),
            flow(TransportKind::Udp, B),
        )
        .unwrap();
    sim.run(t0 + Duration::from_millis(300), &mut |_, _, _| {});
    let provisional: Vec<_> = sim
        .events_a
        .iter()
        .filter_map(|(t, e)| match e {
            TsxEvent::Response { response, .. } => Some((*t - t0, response.status)),
            _ => None,
        })
        .collect();
    assert_eq!(provisional, vec![(Duration::from_millis(240), 100)]);
    let new_requests = sim
        .events_b
        .iter()
        .filter(|(_, e)| matches!(e, TsxEvent::Request { .. }))
        .count();
    assert_eq!(new_requests, 1);
    sim.run(t0 + Duration::from_secs(3), &mut |_, _, _| {});
    assert_eq!(sim.sent_by_a, 1, "the 100 stopped Timer A");
}

#[test]
fn non_2xx_final_is_acked_once_per_retransmission_and_timer_g_stops_on_ack() {
    // Lose the first ACK by dropping everything A sends after the INVITE for a while.
    let mut sim = Sim::new(6, 0.0, TransportKind::Udp);
    let t0 = sim.now;
    sim.a
        .send_request(
            t0,
            request(Method::Invite, "6", TransportKind::Udp),
            flow(TransportKind::Udp, B),
        )
        .unwrap();
    sim.run(t0 + Duration::from_millis(30), &mut respond_to_new(486));
    sim.loss = 1.0; // the ACK and the next retransmissions vanish
    sim.run(t0 + Duration::from_millis(600), &mut |_, _, _| {});
    sim.loss = 0.0;
    sim.run(t0 + Duration::from_secs(60), &mut |_, _, _| {});
    assert_eq!(
        finals(&sim.events_a),
        vec![486],
        "the TU sees the final once"
    );
    assert!(sim.sent_by_b >= 2, "Timer G retransmitted the 486");
    assert!(
        sim.events_b
            .iter()
            .all(|(_, e)| !matches!(e, TsxEvent::Timeout { .. })),
        "ACK arrived before Timer H"
    );
    assert!(sim.a.is_empty() && sim.b.is_empty());
}

#[test]
fn timer_h_fires_when_ack_never_arrives() {
    let mut sim = Sim::new(7, 0.0, TransportKind::Udp);
    let t0 = sim.now;
    sim.a
        .send_request(
            t0,
            request(Method::Invite, "7", TransportKind::Udp),
            flow(TransportKind::Udp, B),
        )
        .unwrap();
    sim.run(t0 + Duration::from_millis(30), &mut respond_to_new(404));
    sim.loss = 1.0;
    sim.run(t0 + Duration::from_secs(40), &mut |_, _, _| {});
    let h = sim
        .events_b
        .iter()
        .find(|(_, e)| matches!(e, TsxEvent::Timeout { .. }))
        .unwrap();
    assert_eq!(
        h.0 - (t0 + Duration::from_millis(20)),
        Duration::from_secs(32)
    );
    // 404 at 0 then Timer G at 0.5, 1.5, 3.5, 7.5, 11.5 ... 31.5 -> 11 sends.
    assert_eq!(sim.sent_by_b, 11);
}

#[test]
fn ack_for_non_2xx_has_rfc_3261_fields() {
    let invite = request(Method::Invite, "8", TransportKind::Udp);
    let resp = response_to(&invite, 603);
    let ack = client::build_ack(&invite, &resp);
    assert_eq!(ack.method, Method::Ack);
    assert_eq!(ack.uri, invite.uri);
    assert_eq!(ack.cseq().unwrap().seq, 1);
    assert_eq!(ack.cseq().unwrap().method, Method::Ack);
    assert_eq!(
        ack.top_via().unwrap().branch(),
        invite.top_via().unwrap().branch()
    );
    assert_eq!(ack.to_addr().unwrap().tag().unwrap(), "tt");
    assert_eq!(ack.call_id(), invite.call_id());
}

#[test]
fn invite_2xx_retransmissions_reach_the_tu_until_timer_m() {
    let mut sim = Sim::new(9, 0.0, TransportKind::Udp);
    let t0 = sim.now;
    let id = sim
        .a
        .send_request(
            t0,
            request(Method::Invite, "9", TransportKind::Udp),
            flow(TransportKind::Udp, B),
        )
        .unwrap();
    let mut server_tsx = None;
    sim.run(t0 + Duration::from_millis(50), &mut |layer, now, e| {
        if let TsxEvent::Request {
            tsx: Some(sid),
            request,
            ..
        } = e
        {
            layer.respond(now, *sid, response_to(request, 200)).unwrap();
            server_tsx = Some((*sid, response_to(request, 200)));
        }
    });
    let (sid, ok) = server_tsx.unwrap();
    // The server TU retransmits its 2xx (RFC 3261 §13.3.1.4) through the Accepted state.
    let now = sim.now;
    sim.b.respond(now, sid, ok).unwrap();
    sim.run(t0 + Duration::from_secs(1), &mut |_, _, _| {});
    assert_eq!(finals(&sim.events_a), vec![200, 200]);
    assert_eq!(sim.a.state(id), Some(TsxState::Accepted));
    sim.run(t0 + Duration::from_secs(40), &mut |_, _, _| {});
    assert!(
        sim.a.is_empty() && sim.b.is_empty(),
        "Timers M and L ended both"
    );
}

#[test]
fn cancel_is_matched_to_its_invite() {
    let mut sim = Sim::new(10, 0.0, TransportKind::Udp);
    let t0 = sim.now;
    let invite = request(Method::Invite, "10", TransportKind::Udp);
    sim.a
        .send_request(t0, invite.clone(), flow(TransportKind::Udp, B))
        .unwrap();
    let mut cancel = invite.clone();
    cancel.method = Method::Cancel;
    cancel.headers.set(HeaderName::CSeq, "1 CANCEL");
    sim.a
        .send_request(t0, cancel, flow(TransportKind::Udp, B))
        .unwrap();
    sim.run(t0 + Duration::from_millis(100), &mut |_, _, _| {});
    let invite_tsx = sim.events_b.iter().find_map(|(_, e)| match e {
        TsxEvent::Request { tsx, request, .. } if request.method == Method::Invite => *tsx,
        _ => None,
    });
    let cancels = sim.events_b.iter().find_map(|(_, e)| match e {
        TsxEvent::Request {
            cancels, request, ..
        } if request.method == Method::Cancel => Some(*cancels),
        _ => None,
    });
    assert!(invite_tsx.is_some());
    assert_eq!(cancels, Some(invite_tsx));
}

#[test]
fn lossy_network_every_transaction_completes_exactly_once() {
    for seed in 0..20 {
        let mut sim = Sim::new(100 + seed, 0.3, TransportKind::Udp);
        let t0 = sim.now;
        let n = 25;
        for i in 0..n {
            let method = if i % 2 == 0 {
                Method::Options
            } else {
                Method::Invite
            };
            let r = request(method, &format!("s{seed}x{i}"), TransportKind::Udp);
            sim.a
                .send_request(t0, r, flow(TransportKind::Udp, B))
                .unwrap();
        }
        sim.run(t0 + Duration::from_secs(80), &mut respond_to_new(486));
        let got = finals(&sim.events_a);
        let timeouts = sim
            .events_a
            .iter()
            .filter(|(_, e)| matches!(e, TsxEvent::Timeout { .. }))
            .count();
        assert_eq!(
            got.len() + timeouts,
            n,
            "seed {seed}: one outcome per transaction"
        );
        assert!(
            got.len() >= n - 1,
            "seed {seed}: with 30% loss nearly all complete, got {}",
            got.len()
        );
        let new_at_b = sim
            .events_b
            .iter()
            .filter(|(_, e)| matches!(e, TsxEvent::Request { tsx: Some(_), .. }))
            .count();
        assert_eq!(new_at_b, n, "seed {seed}: retransmissions absorbed");
        assert!(
            sim.a.is_empty() && sim.b.is_empty(),
            "seed {seed}: all terminated"
        );
    }
}

#[test]
fn transport_error_fails_the_transaction() {
    let mut layer = TransactionLayer::new(TimerConfig::default());
    let now = Instant::now();
    let f = flow(TransportKind::Tcp, B);
    let id = layer
        .send_request(now, request(Method::Options, "11", TransportKind::Tcp), f)
        .unwrap();
    layer.transport_error(Flow { conn: Some(3), ..f });
    assert_eq!(
        layer.poll_event(),
        Some(TsxEvent::TransportError { tsx: id })
    );
    assert_eq!(layer.poll_event(), Some(TsxEvent::Terminated { tsx: id }));
    assert!(layer.is_empty());
    assert_eq!(layer.poll_timeout(), None);
}

#[test]
fn received_and_rport_are_stamped_on_the_top_via() {
    let mut layer = TransactionLayer::new(TimerConfig::default());
    let r = request(Method::Options, "12", TransportKind::Udp);
    let src: SocketAddr = "10.0.0.9:40000".parse().unwrap();
    layer.receive(
        Instant::now(),
        Message::Request(r),
        Flow {
            remote: src,
            ..flow(TransportKind::Udp, A)
        },
    );
    let Some(TsxEvent::Request { request, .. }) = layer.poll_event() else {
        panic!()
    };
    let via = request.top_via().unwrap();
    assert_eq!(via.received().unwrap(), "10.0.0.9");
    assert_eq!(via.rport(), Some(Some(40000)));
    assert_eq!(
        layer.flow(TsxId(1)).unwrap().remote,
        src,
        "responses go back to the source (rport)"
    );
}
