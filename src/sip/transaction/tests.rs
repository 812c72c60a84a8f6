//! Transaction-layer tests in simulated time over a seeded, lossy simulated network
//! ([`sim`]); the timer values are measured in [`timers`].

mod sim;
mod timers;

use super::*;
use crate::sip::header_name::HeaderName;
use crate::sip::message::SipHeaders;
use crate::sip::method::Method;
use crate::sip::transport::TransportKind;
use crate::sip::Message;
use sim::*;
use std::net::SocketAddr;

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
    assert_eq!(sim.sent_a.len(), 1, "no retransmission once answered");
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
    assert_eq!(sim.sent_a.len(), 2, "INVITE and ACK only");
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
    assert_eq!(sim.sent_a.len(), 1, "the 100 stopped Timer A");
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
    assert!(sim.sent_b.len() >= 2, "Timer G retransmitted the 486");
    assert!(
        sim.events_b
            .iter()
            .all(|(_, e)| !matches!(e, TsxEvent::Timeout { .. })),
        "ACK arrived before Timer H"
    );
    assert!(sim.a.is_empty() && sim.b.is_empty());
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
