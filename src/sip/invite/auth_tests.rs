//! The session's digest authentication in simulated time: the caller's session against
//! hand-made 401/407 challenges (RFC 3261 §22.2-§22.3), for the INVITE, the requests of
//! the dialog and a BYE sent as the session ended.

use super::tests::{cfg, invite, ANSWER, OFFER};
use super::*;
use crate::sip::auth::Credential;
use crate::sip::build::response_to;
use crate::sip::method::Method;

/// The caller's session with alice's credentials, its INVITE sent.
fn caller() -> (InviteSession, Slot, Request) {
    let mut c = cfg(PrackUse::Optional, TimerUse::Inactive);
    c.credentials = vec![Credential::plain("*", "alice", "secret")];
    let mut s = InviteSession::uac(invite(Some(OFFER)), c, Rng::from_seed(1));
    let (slot, request) = sent(&mut s).pop().expect("the INVITE");
    (s, slot, request)
}

/// The requests the session sends now (ACKs aside).
fn sent(s: &mut InviteSession) -> Vec<(Slot, Request)> {
    std::iter::from_fn(|| s.poll_output())
        .filter_map(|o| match o {
            InvOutput::Request { slot, request } => Some((slot, request)),
            _ => None,
        })
        .collect()
}

/// The ACKs the session sends now.
fn acks(s: &mut InviteSession) -> Vec<Request> {
    std::iter::from_fn(|| s.poll_output())
        .filter_map(|o| match o {
            InvOutput::Ack { request } => Some(request),
            _ => None,
        })
        .collect()
}

/// A 401 (WWW-Authenticate) or 407 (Proxy-Authenticate) to `request` with this nonce.
fn challenge(request: &Request, status: u16, nonce: &str, stale: bool) -> Response {
    let mut r = response_to(request, status, "", Some("btag"));
    let name = if status == 401 {
        HeaderName::WwwAuthenticate
    } else {
        HeaderName::ProxyAuthenticate
    };
    let stale = if stale { ", stale=true" } else { "" };
    r.headers.push(
        name,
        format!("Digest realm=\"test\", nonce=\"{nonce}\", qop=\"auth\", algorithm=MD5{stale}"),
    );
    r
}

/// A final response to `request` from the callee (tag btag).
fn answer(request: &Request, status: u16) -> Response {
    let mut r = response_to(request, status, "", Some("btag"));
    r.headers.push(HeaderName::Contact, "<sip:bob@192.0.2.2>");
    if status == 200 && request.method == Method::Invite {
        r.headers.push(HeaderName::ContentType, "application/sdp");
        r.body = Bytes::from(ANSWER);
    }
    r
}

/// The value of `name` in `r`, if any.
fn header(r: &Request, name: &HeaderName) -> Option<String> {
    r.headers.get(name).map(|v| v.to_string())
}

/// The nonce count of the answer in `name`, if any.
fn nc(r: &Request, name: &HeaderName) -> Option<String> {
    let value = header(r, name)?;
    let at = value.find("nc=")?;
    Some(value[at + 3..at + 11].to_string())
}

fn seq(r: &Request) -> u32 {
    r.cseq().unwrap().seq
}

/// A confirmed call whose INVITE was challenged once with a 407 (nonce n1).
fn challenged_call() -> (InviteSession, Request) {
    let now = Instant::now();
    let (mut s, slot, first) = caller();
    s.on_response(now, slot, &challenge(&first, 407, "n1", false));
    let (again_slot, again) = sent(&mut s).pop().expect("the INVITE again");
    assert_eq!(again_slot, slot, "the same slot");
    s.on_response(now, slot, &answer(&again, 200));
    assert_eq!(s.state(), InvState::Confirmed);
    (s, again)
}

#[test]
fn a_challenged_invite_is_resent_with_credentials_and_its_ack_repeats_them() {
    let now = Instant::now();
    let (mut s, slot, first) = caller();
    assert_eq!(header(&first, &HeaderName::ProxyAuthorization), None);
    s.on_response(now, slot, &challenge(&first, 407, "n1", false));
    let resent = sent(&mut s);
    assert_eq!(resent.len(), 1, "{resent:?}");
    let again = &resent[0].1;
    assert_eq!(again.method, Method::Invite);
    assert_eq!(seq(again), 2);
    assert_eq!(again.call_id(), first.call_id());
    assert_eq!(
        header(again, &HeaderName::From),
        header(&first, &HeaderName::From)
    );
    assert_eq!(again.body, first.body);
    let cred = header(again, &HeaderName::ProxyAuthorization).expect("Proxy-Authorization");
    for part in [
        "username=\"alice\"",
        "realm=\"test\"",
        "nonce=\"n1\"",
        "uri=\"sip:bob@192.0.2.2\"",
    ] {
        assert!(cred.contains(part), "{part} in {cred}");
    }
    assert_eq!(
        nc(again, &HeaderName::ProxyAuthorization).as_deref(),
        Some("00000001")
    );
    assert_eq!(
        s.state(),
        InvState::Calling,
        "no state change for a challenge"
    );
    assert_eq!(s.invite(), again, "the INVITE is now the re-sent one");

    s.on_response(now, slot, &answer(again, 200));
    let ack = acks(&mut s).pop().expect("the ACK");
    assert_eq!(seq(&ack), 2);
    assert_eq!(
        header(&ack, &HeaderName::ProxyAuthorization),
        Some(cred),
        "the ACK carries the INVITE's credentials (RFC 3261 §13.2.2.4)"
    );
    assert_eq!(s.state(), InvState::Confirmed);
}

#[test]
fn a_second_challenge_with_the_same_nonce_ends_the_call_with_it() {
    let now = Instant::now();
    let (mut s, slot, first) = caller();
    s.on_response(now, slot, &challenge(&first, 407, "n1", false));
    let (_, again) = sent(&mut s).pop().unwrap();
    s.on_response(now, slot, &challenge(&again, 407, "n1", false));
    assert!(sent(&mut s).is_empty(), "no third INVITE");
    assert_eq!(s.state(), InvState::Disconnected);
    let (code, reason) = s.last_status();
    assert_eq!(code, 407);
    assert!(
        reason.starts_with("Proxy Authentication Required ("),
        "{reason}"
    );
    let states: Vec<_> = std::iter::from_fn(|| s.poll_event())
        .filter_map(|e| match e {
            InvEvent::State { state, code, .. } => Some((state, code)),
            _ => None,
        })
        .collect();
    assert_eq!(
        states,
        [(InvState::Calling, 0), (InvState::Disconnected, 407)],
        "DISCONNECTED once"
    );
}

#[test]
fn later_requests_of_the_dialog_carry_credentials_with_the_next_nonce_count() {
    let now = Instant::now();
    let (mut s, _) = challenged_call();
    let _ = acks(&mut s);
    let name = HeaderName::ProxyAuthorization;

    s.send_request(Method::Info, Vec::new(), None, Bytes::new())
        .unwrap();
    let (info_slot, info) = sent(&mut s).pop().expect("the INFO");
    assert_eq!(nc(&info, &name).as_deref(), Some("00000002"));
    assert!(header(&info, &name).unwrap().contains("nonce=\"n1\""));
    s.on_response(now, info_slot, &answer(&info, 200));

    s.reinvite(Some(Bytes::from(OFFER)), false).unwrap();
    let (re_slot, re) = sent(&mut s).pop().expect("the re-INVITE");
    assert_eq!(nc(&re, &name).as_deref(), Some("00000003"));
    s.on_response(now, re_slot, &answer(&re, 200));
    let ack = acks(&mut s).pop().expect("the re-INVITE's ACK");
    assert_eq!(header(&ack, &name), header(&re, &name));

    s.hangup(now, 0, "");
    let (_, bye) = sent(&mut s).pop().expect("the BYE");
    assert_eq!(bye.method, Method::Bye);
    assert_eq!(nc(&bye, &name).as_deref(), Some("00000004"));
}

#[test]
fn a_challenged_in_dialog_request_is_resent_in_its_slot_and_only_its_outcome_reported() {
    let now = Instant::now();
    let (mut s, _) = challenged_call();
    let _ = acks(&mut s);
    let _ = std::iter::from_fn(|| s.poll_event()).count();
    let slot = s
        .send_request(
            Method::Message,
            Vec::new(),
            Some("text/plain"),
            Bytes::from("hi"),
        )
        .unwrap();
    let (_, message) = sent(&mut s).pop().unwrap();
    // A registrar-like realm never seen in this dialog: answered as a first challenge.
    s.on_response(now, slot, &challenge(&message, 401, "w1", false));
    let resent = sent(&mut s);
    assert_eq!(resent.len(), 1);
    let (again_slot, again) = &resent[0];
    assert_eq!(*again_slot, slot);
    assert_eq!(seq(again), seq(&message) + 1);
    assert_eq!(again.body, message.body);
    assert!(header(again, &HeaderName::Authorization).is_some());
    assert!(
        header(again, &HeaderName::ProxyAuthorization).is_some(),
        "the proxy's answer goes on too"
    );
    assert!(s.poll_event().is_none(), "the challenge is not reported");
    s.on_response(now, slot, &answer(again, 200));
    match s.poll_event() {
        Some(InvEvent::Response {
            slot: got,
            response,
        }) => {
            assert_eq!((got, response.status), (slot, 200));
        }
        other => panic!("{other:?}"),
    }

    // Rejected again with the same nonce: the 401 is the outcome, nothing re-sent.
    let slot = s
        .send_request(Method::Info, Vec::new(), None, Bytes::new())
        .unwrap();
    let (_, info) = sent(&mut s).pop().unwrap();
    s.on_response(now, slot, &challenge(&info, 401, "w1", false));
    let (_, info2) = sent(&mut s)
        .pop()
        .expect("once more after a verified nonce");
    s.on_response(now, slot, &challenge(&info2, 401, "w1", false));
    assert!(sent(&mut s).is_empty());
    match s.poll_event() {
        Some(InvEvent::Response { response, .. }) => assert_eq!(response.status, 401),
        other => panic!("{other:?}"),
    }
    // The next dialog CSeq follows the re-sent requests.
    s.send_request(Method::Info, Vec::new(), None, Bytes::new())
        .unwrap();
    let (_, next) = sent(&mut s).pop().unwrap();
    assert_eq!(seq(&next), seq(&info2) + 1);
}

#[test]
fn a_challenged_bye_is_resent_after_the_session_ended() {
    let now = Instant::now();
    let (mut s, slot, first) = caller();
    s.on_response(now, slot, &answer(&first, 200));
    let _ = acks(&mut s);
    s.hangup(now, 0, "");
    assert_eq!(s.state(), InvState::Disconnected, "ended at once");
    let (bye_slot, bye) = sent(&mut s).pop().expect("the BYE");
    assert_eq!(header(&bye, &HeaderName::Authorization), None);
    s.on_response(now, bye_slot, &challenge(&bye, 401, "b1", false));
    let (again_slot, again) = sent(&mut s).pop().expect("the BYE again");
    assert_eq!((again_slot, again.method.clone()), (bye_slot, Method::Bye));
    assert_eq!(seq(&again), seq(&bye) + 1);
    assert_eq!(
        nc(&again, &HeaderName::Authorization).as_deref(),
        Some("00000001")
    );
    // A stale nonce is answered again; the same nonce once more is the end of it.
    s.on_response(now, bye_slot, &challenge(&again, 401, "b2", true));
    let (_, third) = sent(&mut s).pop().expect("the BYE for the fresh nonce");
    assert!(header(&third, &HeaderName::Authorization)
        .unwrap()
        .contains("nonce=\"b2\""));
    s.on_response(now, bye_slot, &challenge(&third, 401, "b2", false));
    assert!(sent(&mut s).is_empty());
    assert_eq!(s.state(), InvState::Disconnected);
}

#[test]
fn a_challenged_reinvite_and_prack_are_resent_in_their_dialog() {
    let now = Instant::now();
    let (mut s, slot, first) = caller();
    // A reliable 180: PRACK, challenged by a proxy.
    let mut ringing = response_to(&first, 180, "", Some("btag"));
    ringing
        .headers
        .push(HeaderName::Contact, "<sip:bob@192.0.2.2>");
    ringing.headers.push(HeaderName::Require, "100rel");
    ringing.headers.push(HeaderName::RSeq, "1");
    s.on_response(now, slot, &ringing);
    let (prack_slot, prack) = sent(&mut s).pop().expect("the PRACK");
    assert_eq!(prack.method, Method::Prack);
    s.on_response(now, prack_slot, &challenge(&prack, 407, "p1", false));
    let (_, prack2) = sent(&mut s).pop().expect("the PRACK again");
    assert_eq!(prack2.method, Method::Prack);
    assert_eq!(seq(&prack2), seq(&prack) + 1);
    assert_eq!(
        header(&prack2, &HeaderName::RAck),
        header(&prack, &HeaderName::RAck)
    );
    assert!(header(&prack2, &HeaderName::ProxyAuthorization).is_some());
    s.on_response(now, prack_slot, &answer(&prack2, 200));
    s.on_response(now, slot, &answer(&first, 200));
    assert_eq!(s.state(), InvState::Confirmed);
    let _ = acks(&mut s);

    // A re-INVITE challenged with a new nonce after the first worked: answered again.
    s.reinvite(Some(Bytes::from(OFFER)), false).unwrap();
    let (re_slot, re) = sent(&mut s).pop().unwrap();
    assert_eq!(seq(&re), seq(&prack2) + 1);
    assert!(
        header(&re, &HeaderName::ProxyAuthorization).is_some(),
        "pre-emptive"
    );
    s.on_response(now, re_slot, &challenge(&re, 407, "p2", false));
    let (_, re2) = sent(&mut s).pop().expect("the re-INVITE again");
    assert_eq!(seq(&re2), seq(&re) + 1);
    assert!(header(&re2, &HeaderName::ProxyAuthorization)
        .unwrap()
        .contains("nonce=\"p2\""));
    s.on_response(now, re_slot, &answer(&re2, 200));
    assert_eq!(acks(&mut s).len(), 1);
    let answered =
        std::iter::from_fn(|| s.poll_event()).any(|e| matches!(e, InvEvent::RemoteAnswer { .. }));
    assert!(answered, "the re-INVITE's answer reached the owner");
}

#[test]
fn a_challenge_after_a_hang_up_ends_the_call_unanswered() {
    let now = Instant::now();
    let (mut s, slot, first) = caller();
    s.hangup(now, 0, "");
    assert!(sent(&mut s).is_empty(), "no CANCEL before a provisional");
    s.on_response(now, slot, &challenge(&first, 407, "n1", false));
    assert!(sent(&mut s).is_empty(), "not re-sent");
    assert_eq!(s.state(), InvState::Disconnected);
    assert_eq!(s.last_status().0, 407);
}
