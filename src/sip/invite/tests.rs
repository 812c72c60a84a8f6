//! INVITE session tests in simulated time: a caller and a callee session joined by a
//! scripted wire that can drop messages, covering the call flows of RFC 3261 §13-15,
//! RFC 3262, RFC 3311 and RFC 4028.

use super::*;
use crate::sip::method::Method;
use crate::sip::Message;
use std::collections::HashMap;

pub(super) fn cfg(prack: PrackUse, timer: TimerUse) -> InvConfig {
    let mut supported = vec!["replaces".to_string()];
    if prack != PrackUse::NotUsed {
        supported.push("100rel".into());
    }
    if timer != TimerUse::Inactive {
        supported.push("timer".into());
    }
    InvConfig {
        t1: Duration::from_millis(500),
        t2: Duration::from_secs(4),
        prack,
        timer: SessionTimerConfig {
            usage: timer,
            session_expires: 1800,
            min_se: 90,
        },
        supported,
        allow: ["INVITE", "ACK", "BYE", "CANCEL", "UPDATE", "PRACK"]
            .map(String::from)
            .to_vec(),
        credentials: Vec::new(),
    }
}

pub(super) fn invite(body: Option<&str>) -> Request {
    let text = format!(
        "INVITE sip:bob@192.0.2.2 SIP/2.0\r\nFrom: <sip:alice@192.0.2.1>;tag=atag\r\nTo: <sip:bob@192.0.2.2>\r\n\
         Call-ID: call1\r\nCSeq: 1 INVITE\r\nContact: <sip:alice@192.0.2.1>\r\nAllow: INVITE, ACK, BYE, CANCEL, UPDATE\r\n{}Content-Length: {}\r\n\r\n{}",
        if body.is_some() { "Content-Type: application/sdp\r\n" } else { "" },
        body.map(|b| b.len()).unwrap_or(0),
        body.unwrap_or("")
    );
    // Through the wire format, with a Via as the endpoint would add.
    let text = text.replacen(
        "\r\n",
        "\r\nVia: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bKx\r\n",
        1,
    );
    match Message::parse(text.into()).unwrap() {
        Message::Request(r) => r,
        _ => unreachable!(),
    }
}

/// A caller and a callee joined by a wire: what one outputs is delivered to the other,
/// unless `drop` says to lose it.
struct Call {
    now: Instant,
    a: InviteSession,
    b: Option<InviteSession>,
    b_cfg: InvConfig,
    /// B's server transactions: our number -> (A's slot, request).
    server: HashMap<TsxId, (Slot, Request)>,
    /// A's server transactions for B's requests: our number -> B's slot.
    a_server: HashMap<TsxId, Slot>,
    next_tsx: u64,
    a_events: Vec<InvEvent>,
    b_events: Vec<InvEvent>,
    /// Drops messages whose start line contains this text.
    drop: Vec<String>,
    wire_log: Vec<String>,
}

impl Call {
    fn new(a_cfg: InvConfig, b_cfg: InvConfig, offer: Option<&str>) -> Call {
        let a = InviteSession::uac(invite(offer), a_cfg, Rng::from_seed(1));
        Call {
            now: Instant::now(),
            a,
            b: None,
            b_cfg,
            server: HashMap::new(),
            a_server: HashMap::new(),
            next_tsx: 1,
            a_events: Vec::new(),
            b_events: Vec::new(),
            drop: Vec::new(),
            wire_log: Vec::new(),
        }
    }

    fn b(&mut self) -> &mut InviteSession {
        self.b.as_mut().expect("B has the call")
    }

    fn dropped(&mut self, line: &str) -> bool {
        self.wire_log.push(line.to_string());
        self.drop.iter().any(|d| line.contains(d.as_str()))
    }

    /// Moves everything in flight until both sides are quiet.
    fn run(&mut self) {
        loop {
            let mut moved = false;
            while let Some(out) = self.a.poll_output() {
                moved = true;
                self.deliver_from_a(out);
            }
            if let Some(b) = self.b.as_mut() {
                let outs: Vec<InvOutput> = std::iter::from_fn(|| b.poll_output()).collect();
                for out in outs {
                    moved = true;
                    self.deliver_from_b(out);
                }
            }
            self.a_events
                .extend(std::iter::from_fn(|| self.a.poll_event()));
            if let Some(b) = self.b.as_mut() {
                self.b_events.extend(std::iter::from_fn(|| b.poll_event()));
            }
            if !moved {
                return;
            }
        }
    }

    fn deliver_from_a(&mut self, out: InvOutput) {
        let now = self.now;
        match out {
            InvOutput::Request { slot, request } => {
                let line = format!("A> {} {}", request.method, request.cseq().unwrap().seq);
                if self.dropped(&line) {
                    return;
                }
                let tsx = TsxId(self.next_tsx);
                self.next_tsx += 1;
                self.server.insert(tsx, (slot, request.clone()));
                if self.b.is_none() && request.method == Method::Invite {
                    match InviteSession::uas(
                        tsx,
                        &request,
                        self.b_cfg.clone(),
                        Rng::from_seed(2),
                        "btag",
                        "<sip:bob@192.0.2.2>".parse().unwrap(),
                    ) {
                        Ok(s) => self.b = Some(s),
                        Err(r) => self.a.on_response(now, slot, &r),
                    }
                } else if let Some(b) = self.b.as_mut() {
                    b.on_request(now, Some(tsx), &request);
                }
            }
            InvOutput::Ack { request } => {
                if !self.dropped("A> ACK") {
                    if let Some(b) = self.b.as_mut() {
                        b.on_request(now, None, &request);
                    }
                }
            }
            InvOutput::Cancel { slot } => {
                if self.dropped("A> CANCEL") {
                    return;
                }
                let (tsx, req) = self
                    .server
                    .iter()
                    .find(|(_, (s, _))| *s == slot)
                    .map(|(t, (_, r))| (*t, r.clone()))
                    .unwrap();
                let mut cancel = req.clone();
                cancel.method = Method::Cancel;
                let ctsx = TsxId(self.next_tsx);
                self.next_tsx += 1;
                self.server.insert(ctsx, (0, cancel.clone()));
                let _ = tsx;
                if let Some(b) = self.b.as_mut() {
                    b.on_request(now, Some(ctsx), &cancel);
                }
            }
            InvOutput::Respond { tsx, response } => {
                let Some(slot) = self.a_server.get(&tsx).copied() else {
                    return;
                };
                if !self.dropped(&format!(
                    "A< {} {}",
                    response.status,
                    response.cseq().unwrap().method
                )) {
                    self.b().on_response(now, slot, &response);
                }
            }
        }
    }

    fn deliver_from_b(&mut self, out: InvOutput) {
        let now = self.now;
        match out {
            InvOutput::Respond { tsx, response } => {
                let line = format!("B< {} {}", response.status, response.cseq().unwrap().method);
                if self.dropped(&line) {
                    return;
                }
                let Some((slot, _)) = self.server.get(&tsx).cloned() else {
                    return;
                };
                if slot != 0 {
                    self.a.on_response(now, slot, &response);
                }
            }
            InvOutput::Request { slot, request } => {
                // B's requests (BYE, re-INVITE): A answers through its on_request; the
                // responses come back to B through a reverse table.
                let line = format!("B> {} {}", request.method, request.cseq().unwrap().seq);
                if self.dropped(&line) {
                    return;
                }
                let tsx = TsxId(1000 + self.next_tsx);
                self.next_tsx += 1;
                self.a_server.insert(tsx, slot);
                self.a.on_request(now, Some(tsx), &request);
            }
            InvOutput::Ack { request } => {
                if !self.dropped("B> ACK") {
                    self.a.on_request(now, None, &request);
                }
            }
            InvOutput::Cancel { .. } => unreachable!("B is the UAS"),
        }
    }

    fn advance(&mut self, d: Duration) {
        let end = self.now + d;
        loop {
            let next = [
                self.a.poll_timeout(),
                self.b.as_ref().and_then(|b| b.poll_timeout()),
            ]
            .into_iter()
            .flatten()
            .min();
            match next {
                Some(t) if t <= end => {
                    self.now = t.max(self.now);
                    self.a.handle_timeout(self.now);
                    if let Some(b) = self.b.as_mut() {
                        b.handle_timeout(self.now);
                    }
                    self.run();
                }
                _ => break,
            }
        }
        self.now = end;
    }

    fn states(events: &[InvEvent]) -> Vec<(InvState, u16)> {
        events
            .iter()
            .filter_map(|e| match e {
                InvEvent::State { state, code, .. } => Some((*state, *code)),
                _ => None,
            })
            .collect()
    }
}

pub(super) const OFFER: &str = "v=0\r\no=a 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n";
pub(super) const ANSWER: &str = "v=0\r\no=b 1 1 IN IP4 192.0.2.2\r\ns=-\r\nc=IN IP4 192.0.2.2\r\nt=0 0\r\nm=audio 5000 RTP/AVP 0\r\n";

fn body(s: &str) -> Option<Bytes> {
    Some(Bytes::from(s.to_string()))
}

#[test]
fn basic_call_with_offer_in_invite_and_bye() {
    let mut c = Call::new(
        cfg(PrackUse::NotUsed, TimerUse::Inactive),
        cfg(PrackUse::NotUsed, TimerUse::Inactive),
        Some(OFFER),
    );
    c.run();
    assert!(matches!(
        c.b_events[0],
        InvEvent::RemoteOffer {
            renegotiation: false,
            ..
        }
    ));
    let now = c.now;
    c.b().provisional(now, 180, "Ringing", None);
    c.run();
    c.b().accept(now, 200, "OK", body(ANSWER));
    c.run();
    assert_eq!(
        Call::states(&c.a_events),
        vec![
            (InvState::Calling, 0),
            (InvState::Early, 180),
            (InvState::Connecting, 200),
            (InvState::Confirmed, 0)
        ]
    );
    assert_eq!(
        Call::states(&c.b_events),
        vec![
            (InvState::Incoming, 0),
            (InvState::Early, 180),
            (InvState::Connecting, 200),
            (InvState::Confirmed, 0)
        ]
    );
    assert!(c
        .a_events
        .iter()
        .any(|e| matches!(e, InvEvent::RemoteAnswer { .. })));
    c.a.hangup(now, 0, "");
    c.run();
    assert_eq!(c.a.state(), InvState::Disconnected);
    assert_eq!(c.b().state(), InvState::Disconnected);
    assert_eq!(c.b().last_status(), (200, "Normal call clearing"));
    assert!(c.wire_log.contains(&"A> BYE 2".to_string()));
}

#[test]
fn offerless_invite_gets_offer_in_200_and_answer_in_ack() {
    let mut c = Call::new(
        cfg(PrackUse::NotUsed, TimerUse::Inactive),
        cfg(PrackUse::NotUsed, TimerUse::Inactive),
        None,
    );
    c.run();
    assert!(c
        .b_events
        .iter()
        .all(|e| !matches!(e, InvEvent::RemoteOffer { .. })));
    let now = c.now;
    c.b().accept(now, 200, "OK", body(OFFER));
    c.run();
    assert!(c.a_events.iter().any(|e| matches!(
        e,
        InvEvent::RemoteOffer {
            renegotiation: false,
            ..
        }
    )));
    assert_eq!(
        c.a.state(),
        InvState::Connecting,
        "the ACK waits for the answer"
    );
    c.a.answer_offer(now, Ok(Bytes::from(ANSWER)));
    c.run();
    assert_eq!(c.a.state(), InvState::Confirmed);
    assert_eq!(c.b().state(), InvState::Confirmed);
    assert!(c.b_events.iter().any(
        |e| matches!(e, InvEvent::RemoteAnswer { body } if body.as_ref() == ANSWER.as_bytes())
    ));
}

#[test]
fn cancel_before_answer_ends_with_487() {
    let mut c = Call::new(
        cfg(PrackUse::NotUsed, TimerUse::Inactive),
        cfg(PrackUse::NotUsed, TimerUse::Inactive),
        Some(OFFER),
    );
    c.run();
    let now = c.now;
    // CANCEL asked for before any provisional: it waits (RFC 3261 §9.1).
    c.a.hangup(now, 0, "");
    c.run();
    assert!(!c.wire_log.iter().any(|l| l.contains("CANCEL")));
    c.b().provisional(now, 180, "Ringing", None);
    c.run();
    assert!(c.wire_log.iter().any(|l| l.contains("CANCEL")));
    assert_eq!(c.a.state(), InvState::Disconnected);
    assert_eq!(c.a.last_status().0, 487);
    assert_eq!(c.b().last_status().0, 487);
}

#[test]
fn cancel_crossing_a_2xx_ends_with_ack_and_bye() {
    let mut c = Call::new(
        cfg(PrackUse::NotUsed, TimerUse::Inactive),
        cfg(PrackUse::NotUsed, TimerUse::Inactive),
        Some(OFFER),
    );
    c.run();
    let now = c.now;
    c.b().provisional(now, 180, "Ringing", None);
    c.run();
    // B answers; the CANCEL is lost on the way (it crossed the 2xx).
    c.drop.push("A> CANCEL".into());
    c.b().accept(now, 200, "OK", body(ANSWER));
    c.a.hangup(now, 0, "");
    c.run();
    let log = c.wire_log.join(" | ");
    assert!(log.contains("A> BYE"), "{log}");
    assert_eq!(c.a.state(), InvState::Disconnected);
    assert_eq!(c.b().state(), InvState::Disconnected);
}

#[test]
fn reliable_provisional_is_retransmitted_until_prack() {
    let mut c = Call::new(
        cfg(PrackUse::Optional, TimerUse::Inactive),
        cfg(PrackUse::Optional, TimerUse::Inactive),
        Some(OFFER),
    );
    c.run();
    let now = c.now;
    c.drop.push("A> PRACK".into());
    c.b()
        .provisional(now, 183, "Session Progress", body(ANSWER));
    c.run();
    c.advance(Duration::from_millis(1600));
    let sent_183 = c
        .wire_log
        .iter()
        .filter(|l| l.starts_with("B< 183"))
        .count();
    assert_eq!(sent_183, 3, "at 0, 0.5 and 1.5 s: {:?}", c.wire_log);
    let pracks = c
        .wire_log
        .iter()
        .filter(|l| l.starts_with("A> PRACK"))
        .count();
    assert_eq!(
        pracks, 1,
        "one PRACK; the retransmitted 183 (same RSeq) gets none"
    );
    c.drop.clear();
    // No PRACK ever arrives: after 64*T1 the INVITE is rejected with 504.
    c.advance(Duration::from_secs(40));
    assert_eq!(c.b().state(), InvState::Disconnected);
    assert_eq!(c.b().last_status().0, 504);
    assert_eq!(c.a.last_status().0, 504);
}

#[test]
fn prack_stops_the_retransmissions_and_carries_the_call_on() {
    let mut c = Call::new(
        cfg(PrackUse::Optional, TimerUse::Inactive),
        cfg(PrackUse::Optional, TimerUse::Inactive),
        Some(OFFER),
    );
    c.run();
    let now = c.now;
    c.b().provisional(now, 180, "Ringing", body(ANSWER));
    c.run();
    assert!(c.wire_log.iter().any(|l| l.starts_with("B< 200 PRACK")));
    c.advance(Duration::from_secs(5));
    assert_eq!(
        c.wire_log
            .iter()
            .filter(|l| l.starts_with("B< 180"))
            .count(),
        1
    );
    let now = c.now;
    c.b().accept(now, 200, "OK", None);
    c.run();
    assert_eq!(c.a.state(), InvState::Confirmed);
    assert!(
        c.a_events
            .iter()
            .filter(|e| matches!(e, InvEvent::RemoteAnswer { .. }))
            .count()
            == 1
    );
}

#[test]
fn lost_ack_means_2xx_retransmissions_then_bye() {
    let mut c = Call::new(
        cfg(PrackUse::NotUsed, TimerUse::Inactive),
        cfg(PrackUse::NotUsed, TimerUse::Inactive),
        Some(OFFER),
    );
    c.run();
    c.drop.push("A> ACK".into());
    let now = c.now;
    c.b().accept(now, 200, "OK", body(ANSWER));
    c.run();
    c.advance(Duration::from_secs(10));
    // 200 at 0, 0.5, 1.5, 3.5, 7.5 (T1 doubling, capped at T2 = 4 s).
    assert_eq!(
        c.wire_log
            .iter()
            .filter(|l| l.starts_with("B< 200 INVITE"))
            .count(),
        5
    );
    c.advance(Duration::from_secs(30));
    assert_eq!(c.b().state(), InvState::Disconnected);
    assert_eq!(c.b().last_status(), (408, "ACK Timeout"));
    assert!(c.wire_log.iter().any(|l| l.starts_with("B> BYE")));
}

fn confirmed(a: InvConfig, b: InvConfig) -> Call {
    let mut c = Call::new(a, b, Some(OFFER));
    c.run();
    let now = c.now;
    c.b().accept(now, 200, "OK", body(ANSWER));
    c.run();
    assert_eq!(c.a.state(), InvState::Confirmed);
    c.a_events.clear();
    c.b_events.clear();
    c
}

#[test]
fn reinvite_offer_and_answer_both_ways() {
    let mut c = confirmed(
        cfg(PrackUse::NotUsed, TimerUse::Inactive),
        cfg(PrackUse::NotUsed, TimerUse::Inactive),
    );
    c.a.reinvite(
        body(&OFFER.replace("RTP/AVP 0", "RTP/AVP 0\r\na=sendonly")),
        false,
    )
    .unwrap();
    assert_eq!(
        c.a.reinvite(body(OFFER), false),
        Err(update::RenegotiationError::InProgress)
    );
    c.run();
    assert!(c.b_events.iter().any(|e| matches!(e, InvEvent::RemoteOffer { renegotiation: true, body } if body.windows(8).any(|w| w == b"sendonly"))));
    let now = c.now;
    c.b().answer_offer(
        now,
        Ok(Bytes::from(
            ANSWER.replace("RTP/AVP 0", "RTP/AVP 0\r\na=recvonly"),
        )),
    );
    c.run();
    assert!(c
        .a_events
        .iter()
        .any(|e| matches!(e, InvEvent::RemoteAnswer { .. })));
    assert!(c.wire_log.iter().any(|l| l == "A> ACK"));
    // B re-offers without SDP: A offers in its 2xx, B answers in the ACK.
    c.b().reinvite(None, false).unwrap();
    c.run();
    assert!(c
        .a_events
        .iter()
        .any(|e| matches!(e, InvEvent::RemoteOffer { body, .. } if body.is_empty())));
    c.a.answer_offer(now, Ok(Bytes::from(OFFER)));
    c.run();
    assert!(c
        .b_events
        .iter()
        .any(|e| matches!(e, InvEvent::RemoteOffer { body, .. } if !body.is_empty())));
    c.b().answer_offer(now, Ok(Bytes::from(ANSWER)));
    c.run();
    assert!(c
        .a_events
        .iter()
        .any(|e| matches!(e, InvEvent::RemoteAnswer { .. })));
    assert_eq!(
        (c.a.state(), c.b().state()),
        (InvState::Confirmed, InvState::Confirmed)
    );
}

#[test]
fn glare_is_resolved_by_491_and_the_retry_timers() {
    let mut c = confirmed(
        cfg(PrackUse::NotUsed, TimerUse::Inactive),
        cfg(PrackUse::NotUsed, TimerUse::Inactive),
    );
    // Both offer at once: deliver neither before both are queued.
    c.a.reinvite(body(OFFER), false).unwrap();
    c.b().reinvite(body(ANSWER), false).unwrap();
    c.run();
    let log = c.wire_log.join(" | ");
    assert_eq!(log.matches("491").count(), 2, "{log}");
    assert!(c
        .a_events
        .iter()
        .chain(c.b_events.iter())
        .all(|e| !matches!(e, InvEvent::RenegotiationFailed { .. })));
    // B (not the Call-ID owner) retries within 0-2 s, A after 2.1 s: B's wins.
    c.advance(Duration::from_secs(2));
    let b_offer = c.a_events.iter().any(|e| {
        matches!(
            e,
            InvEvent::RemoteOffer {
                renegotiation: true,
                ..
            }
        )
    });
    assert!(b_offer, "B's retry arrived first: {:?}", c.wire_log);
    let now = c.now;
    c.a.answer_offer(now, Ok(Bytes::from(OFFER)));
    c.run();
    c.advance(Duration::from_secs(3));
    assert!(
        c.b_events.iter().any(|e| matches!(
            e,
            InvEvent::RemoteOffer {
                renegotiation: true,
                ..
            }
        )),
        "then A's retry"
    );
}

#[test]
fn session_timer_refreshes_at_half_interval_and_expires_without_refresh() {
    let mut a = cfg(PrackUse::NotUsed, TimerUse::Optional);
    a.timer.session_expires = 90;
    let b = cfg(PrackUse::NotUsed, TimerUse::Optional);
    let mut c = confirmed(a, b);
    // A asked for 90 s; B names A (the UAC) the refresher.
    c.advance(Duration::from_secs(44));
    assert!(!c.wire_log.iter().any(|l| l.starts_with("A> UPDATE")));
    c.advance(Duration::from_secs(1));
    assert!(
        c.wire_log.iter().any(|l| l.starts_with("A> UPDATE")),
        "refresh at 45 s: {:?}",
        c.wire_log
    );
    assert_eq!(c.b().state(), InvState::Confirmed);
    // Now A's refreshes are lost: B ends the call at 90 - 30 s after the last refresh.
    c.drop.push("A> UPDATE".into());
    c.drop.push("A> INVITE".into());
    c.advance(Duration::from_secs(60));
    assert_eq!(c.b().state(), InvState::Disconnected);
    assert_eq!(c.b().last_status(), (408, "Session Timer Expired"));
}

#[test]
fn too_small_session_interval_gets_422_and_a_retry() {
    let mut a = cfg(PrackUse::NotUsed, TimerUse::Optional);
    a.timer.session_expires = 100;
    a.timer.min_se = 90;
    let mut b = cfg(PrackUse::NotUsed, TimerUse::Optional);
    b.timer.min_se = 300;
    let mut c = Call::new(a, b, Some(OFFER));
    c.run();
    assert!(
        c.b.is_some(),
        "the retry with Session-Expires 300 was accepted"
    );
    let se = c
        .b()
        .invite()
        .headers
        .get(&HeaderName::SessionExpires)
        .unwrap()
        .to_string();
    assert_eq!(se, "300");
}

#[test]
fn unsupported_require_gets_420() {
    let mut c = Call::new(
        cfg(PrackUse::Mandatory, TimerUse::Inactive),
        cfg(PrackUse::NotUsed, TimerUse::Inactive),
        Some(OFFER),
    );
    c.run();
    assert_eq!(c.a.state(), InvState::Disconnected);
    assert_eq!(c.a.last_status().0, 420);
}

#[test]
fn forked_2xx_from_another_branch_gets_ack_and_bye() {
    let mut c = Call::new(
        cfg(PrackUse::NotUsed, TimerUse::Inactive),
        cfg(PrackUse::NotUsed, TimerUse::Inactive),
        Some(OFFER),
    );
    c.run();
    let now = c.now;
    let inv = c.a.invite().clone();
    let resp = |status: u16, tag: &str, contact: &str| {
        let mut r = crate::sip::build::response_to(&inv, status, "", Some(tag));
        r.headers.push(HeaderName::Contact, contact);
        if status == 200 {
            r.headers.push(HeaderName::ContentType, "application/sdp");
            r.body = Bytes::from(ANSWER);
        }
        r
    };
    let slot = c.a.invite_slot().unwrap();
    c.a.on_response(now, slot, &resp(180, "fork1", "<sip:b1@192.0.2.3>"));
    c.a.on_response(now, slot, &resp(180, "fork2", "<sip:b2@192.0.2.4>"));
    c.a.on_response(now, slot, &resp(200, "fork2", "<sip:b2@192.0.2.4>"));
    c.a.on_response(now, slot, &resp(200, "fork1", "<sip:b1@192.0.2.3>"));
    let outs: Vec<InvOutput> = std::iter::from_fn(|| c.a.poll_output()).collect();
    let acks: Vec<String> = outs
        .iter()
        .filter_map(|o| match o {
            InvOutput::Ack { request } => Some(request.uri.to_string()),
            _ => None,
        })
        .collect();
    assert_eq!(
        acks,
        vec!["sip:b2@192.0.2.4", "sip:b1@192.0.2.3"],
        "each 2xx is acknowledged"
    );
    let byes: Vec<String> = outs
        .iter()
        .filter_map(|o| match o {
            InvOutput::Request { request, .. } if request.method == Method::Bye => {
                Some(request.uri.to_string())
            }
            _ => None,
        })
        .collect();
    assert_eq!(byes, vec!["sip:b1@192.0.2.3"], "the late fork is hung up");
    assert_eq!(c.a.dialog().unwrap().id.remote_tag, "fork2");
    assert_eq!(c.a.state(), InvState::Confirmed);
}

#[test]
fn no_answer_times_out() {
    let mut c = Call::new(
        cfg(PrackUse::NotUsed, TimerUse::Inactive),
        cfg(PrackUse::NotUsed, TimerUse::Inactive),
        Some(OFFER),
    );
    let now = c.now;
    let slot = c.a.invite_slot().unwrap();
    c.a.on_failure(now, slot, 408, "Request Timeout");
    assert_eq!(c.a.state(), InvState::Disconnected);
    assert_eq!(c.a.last_status(), (408, "Request Timeout"));
}

#[test]
fn prack_crossing_the_2xx_gets_200() {
    // RFC 3262 §3: the UAS may answer 2xx while a reliable provisional (without SDP) is
    // unacknowledged; it stops retransmitting it but must still take its PRACK.
    let mut c = Call::new(
        cfg(PrackUse::Optional, TimerUse::Inactive),
        cfg(PrackUse::Optional, TimerUse::Inactive),
        Some(OFFER),
    );
    c.run();
    let now = c.now;
    c.drop.push("A> PRACK".into());
    c.b().provisional(now, 180, "Ringing", None);
    c.run();
    c.b().accept(now, 200, "OK", body(ANSWER));
    c.run();
    assert_eq!(c.a.state(), InvState::Confirmed);
    c.advance(Duration::from_secs(5));
    assert_eq!(
        c.wire_log
            .iter()
            .filter(|l| l.starts_with("B< 180"))
            .count(),
        1,
        "no 180 retransmission after the 2xx: {:?}",
        c.wire_log
    );
    // The PRACK arrives after the 2xx.
    let mut dialog = c.a.dialog().unwrap().clone();
    let mut prack = dialog.request(Method::Prack);
    prack.headers.push(HeaderName::RAck, "1 1 INVITE");
    let now = c.now;
    c.b().on_request(now, Some(TsxId(999)), &prack);
    let answers: Vec<u16> = std::iter::from_fn(|| c.b().poll_output())
        .filter_map(|o| match o {
            InvOutput::Respond {
                tsx: TsxId(999),
                response,
            } => Some(response.status),
            _ => None,
        })
        .collect();
    assert_eq!(answers, vec![200]);
    // A PRACK for a provisional never sent still gets 481.
    let mut stray = dialog.request(Method::Prack);
    stray.headers.push(HeaderName::RAck, "7 1 INVITE");
    c.b().on_request(now, Some(TsxId(1000)), &stray);
    let answers: Vec<u16> = std::iter::from_fn(|| c.b().poll_output())
        .filter_map(|o| match o {
            InvOutput::Respond {
                tsx: TsxId(1000),
                response,
            } => Some(response.status),
            _ => None,
        })
        .collect();
    assert_eq!(answers, vec![481]);
    assert_eq!(c.b().state(), InvState::Confirmed);
}

#[test]
fn early_media_answer_completes_the_exchange_with_or_without_a_repeat_in_the_2xx() {
    // RFC 6337 §3.1.1: the answer in an unreliable 183 is the answer; the 2xx repeats it
    // (reported once) or carries no SDP. Either way a re-INVITE may follow.
    for repeat in [true, false] {
        let mut c = Call::new(
            cfg(PrackUse::NotUsed, TimerUse::Inactive),
            cfg(PrackUse::NotUsed, TimerUse::Inactive),
            Some(OFFER),
        );
        c.run();
        let now = c.now;
        c.b()
            .provisional(now, 183, "Session Progress", body(ANSWER));
        c.run();
        c.b()
            .accept(now, 200, "OK", if repeat { body(ANSWER) } else { None });
        c.run();
        assert_eq!(c.a.state(), InvState::Confirmed);
        let answers = c
            .a_events
            .iter()
            .filter(|e| matches!(e, InvEvent::RemoteAnswer { .. }))
            .count();
        assert_eq!(answers, 1, "repeat {repeat}: {:?}", c.a_events);
        assert_eq!(c.a.reinvite(body(OFFER), false), Ok(()), "repeat {repeat}");
    }
}
