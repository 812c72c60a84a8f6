//! Dialogs (RFC 3261 §12): the peer-to-peer relationship an INVITE (or SUBSCRIBE, REFER)
//! creates: its identity (Call-ID and tags), route set, remote target and CSeq spaces;
//! building requests inside it and checking the ones received.

use super::header_name::HeaderName;
use super::message::{Request, Response, SipHeaders};
use super::method::Method;
use super::name_addr::NameAddr;
use super::text::Text;
use super::uri::Uri;

/// A dialog's identity (RFC 3261 §12): Call-ID, our tag and the peer's tag.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct DialogId {
    /// The Call-ID.
    pub call_id: Text,
    /// Our tag (From tag for the UAC, To tag for the UAS).
    pub local_tag: Text,
    /// The peer's tag.
    pub remote_tag: Text,
}

impl DialogId {
    /// The id a received request belongs to: Call-ID, its To tag (ours), its From tag.
    pub fn of_received_request(r: &Request) -> Option<DialogId> {
        Some(DialogId {
            call_id: r.call_id()?.clone(),
            local_tag: r.to_addr()?.tag()?.clone(),
            remote_tag: r.from_addr()?.tag()?.clone(),
        })
    }
}

/// Whether a dialog is early (made by a provisional response) or confirmed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DialogState {
    /// Made by a 1xx with a To tag.
    Early,
    /// Made or confirmed by a 2xx.
    Confirmed,
}

/// Why a received in-dialog request is refused (the status to answer).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Refusal(pub u16);

/// A dialog's state (RFC 3261 §12.1).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dialog {
    /// Its identity.
    pub id: DialogId,
    /// Early or confirmed.
    pub state: DialogState,
    /// Our URI (From of our requests), without tag.
    pub local_uri: NameAddr,
    /// The peer's URI (To of our requests), without tag.
    pub remote_uri: NameAddr,
    /// The CSeq of our last request in the dialog.
    pub local_seq: u32,
    /// The CSeq of the peer's last request, once it sent one.
    pub remote_seq: Option<u32>,
    /// Where our requests go (the peer's Contact).
    pub remote_target: Uri,
    /// The route set, in the order our requests carry it.
    pub route_set: Vec<NameAddr>,
    /// Our Contact.
    pub local_contact: NameAddr,
    /// Whether the dialog is secure (sips Request-URI).
    pub secure: bool,
}

fn without_tag(mut a: NameAddr) -> NameAddr {
    a.params.remove("tag");
    a
}

fn record_route(headers: &super::headers::Headers) -> Option<Vec<NameAddr>> {
    headers
        .values(&HeaderName::RecordRoute)
        .map(|v| super::parse::parse_name_addr(&v).ok())
        .collect()
}

impl Dialog {
    /// The UAC's dialog from the request it sent and a response with a To tag (1xx: early,
    /// 2xx: confirmed) (RFC 3261 §12.1.2): the route set is the response's Record-Route
    /// reversed, the remote target its Contact. `None` when the response has no To tag or
    /// lacks what a dialog needs.
    pub fn from_uac(request: &Request, response: &Response) -> Option<Dialog> {
        let to = response.to_addr()?;
        let remote_tag = to.tag()?.clone();
        let from = request.from_addr()?;
        let contact = response.contacts()?.into_iter().next()?;
        let mut route_set = record_route(&response.headers)?;
        route_set.reverse();
        Some(Dialog {
            id: DialogId {
                call_id: request.call_id()?.clone(),
                local_tag: from.tag()?.clone(),
                remote_tag,
            },
            state: if response.status >= 200 {
                DialogState::Confirmed
            } else {
                DialogState::Early
            },
            local_uri: without_tag(from),
            remote_uri: without_tag(to),
            local_seq: request.cseq()?.seq,
            remote_seq: None,
            remote_target: contact.uri,
            route_set,
            local_contact: request.contacts()?.into_iter().next()?,
            secure: request.uri.scheme() == "sips",
        })
    }

    /// The UAS's dialog for a request it answers with a tagged response (RFC 3261
    /// §12.1.1): the route set is the request's Record-Route in order, the remote target its
    /// Contact. `None` when the request lacks what a dialog needs (no From tag, no Contact).
    pub fn from_uas(request: &Request, local_tag: &str, local_contact: NameAddr) -> Option<Dialog> {
        let from = request.from_addr()?;
        let contact = request.contacts()?.into_iter().next()?;
        Some(Dialog {
            id: DialogId {
                call_id: request.call_id()?.clone(),
                local_tag: Text::from(local_tag),
                remote_tag: from.tag()?.clone(),
            },
            state: DialogState::Early,
            local_uri: without_tag(request.to_addr()?),
            remote_uri: without_tag(from),
            local_seq: 0,
            remote_seq: Some(request.cseq()?.seq),
            remote_target: contact.uri,
            route_set: record_route(&request.headers)?,
            local_contact,
            secure: request.uri.scheme() == "sips",
        })
    }

    /// A new request in the dialog (RFC 3261 §12.2.1.1) with the next CSeq (ACK and CANCEL
    /// do not use this). Loose routing puts the remote target in the Request-URI and the
    /// route set in Route; with a strict first route (no `lr`) the Request-URI is that route
    /// and the remote target goes last in Route.
    pub fn request(&mut self, method: Method) -> Request {
        self.local_seq += 1;
        let seq = self.local_seq;
        self.build(method, seq)
    }

    /// The ACK for a 2xx to the INVITE with CSeq `invite_seq` (RFC 3261 §13.2.2.4).
    pub fn ack(&self, invite_seq: u32) -> Request {
        self.build(Method::Ack, invite_seq)
    }

    fn build(&self, method: Method, seq: u32) -> Request {
        let loose = self.route_set.first().is_none_or(|r| match &r.uri {
            Uri::Sip(u) => u.params.contains("lr"),
            Uri::Other { .. } => true,
        });
        let (uri, routes): (Uri, Vec<String>) = if loose {
            (
                self.remote_target.clone(),
                self.route_set.iter().map(|r| r.to_string()).collect(),
            )
        } else {
            let mut rest: Vec<String> = self.route_set[1..].iter().map(|r| r.to_string()).collect();
            rest.push(format!("<{}>", self.remote_target));
            (self.route_set[0].uri.clone(), rest)
        };
        let mut r = Request::new(method.clone(), uri);
        for route in routes {
            r.headers.push(HeaderName::Route, route);
        }
        let mut from = self.local_uri.clone();
        from.params.set("tag", Some(self.id.local_tag.clone()));
        let mut to = self.remote_uri.clone();
        to.params.set("tag", Some(self.id.remote_tag.clone()));
        r.headers.push(HeaderName::From, from.to_string());
        r.headers.push(HeaderName::To, to.to_string());
        r.headers.push(HeaderName::CallId, self.id.call_id.clone());
        r.headers.push(HeaderName::CSeq, format!("{seq} {method}"));
        if matches!(
            method,
            Method::Invite | Method::Update | Method::Subscribe | Method::Notify | Method::Refer
        ) {
            r.headers
                .push(HeaderName::Contact, self.local_contact.to_string());
        }
        r
    }

    /// Checks a request received in the dialog (RFC 3261 §12.2.2): a CSeq lower than the
    /// last one is refused with 500 (an ACK or CANCEL is not checked); a target refresh
    /// (re-INVITE, UPDATE) with a Contact updates the remote target.
    pub fn on_request(&mut self, request: &Request) -> Result<(), Refusal> {
        if matches!(request.method, Method::Ack | Method::Cancel) {
            return Ok(());
        }
        let seq = request.cseq().ok_or(Refusal(400))?.seq;
        if let Some(last) = self.remote_seq {
            if seq < last || (seq == last && request.method != Method::Prack) {
                return Err(Refusal(500));
            }
        }
        self.remote_seq = Some(seq);
        if matches!(request.method, Method::Invite | Method::Update) {
            if let Some(c) = request.contacts().and_then(|c| c.into_iter().next()) {
                self.remote_target = c.uri;
            }
        }
        Ok(())
    }

    /// A 2xx to our target refresh (re-INVITE, UPDATE) updates the remote target; a 2xx
    /// to the initial INVITE confirms the dialog (RFC 3261 §12.2.1.2).
    pub fn on_response(&mut self, response: &Response) {
        if !(200..300).contains(&response.status) {
            return;
        }
        self.state = DialogState::Confirmed;
        let refresh = response
            .cseq()
            .is_some_and(|c| matches!(c.method, Method::Invite | Method::Update));
        if refresh {
            if let Some(c) = response.contacts().and_then(|c| c.into_iter().next()) {
                self.remote_target = c.uri;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sip::Message;

    fn parse_req(s: &str) -> Request {
        match Message::parse(s.replace('\n', "\r\n").into()).unwrap() {
            Message::Request(r) => r,
            _ => unreachable!(),
        }
    }

    fn parse_resp(s: &str) -> Response {
        match Message::parse(s.replace('\n', "\r\n").into()).unwrap() {
            Message::Response(r) => r,
            _ => unreachable!(),
        }
    }

    const INVITE: &str = "INVITE sip:bob@biloxi.example.com SIP/2.0
Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK74bf9
Max-Forwards: 70
From: Alice <sip:alice@atlanta.example.com>;tag=9fxced76sl
To: Bob <sip:bob@biloxi.example.com>
Call-ID: 3848276298220188511@atlanta.example.com
CSeq: 1 INVITE
Contact: <sip:alice@client.atlanta.example.com;transport=tcp>
Record-Route: <sip:p1.example.com;lr>, <sip:p2.example.com;lr>
Content-Length: 0

";

    const OK: &str = "SIP/2.0 200 OK
Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK74bf9
Record-Route: <sip:p2.example.com;lr>
Record-Route: <sip:p1.example.com;lr>
From: Alice <sip:alice@atlanta.example.com>;tag=9fxced76sl
To: Bob <sip:bob@biloxi.example.com>;tag=8321234356
Call-ID: 3848276298220188511@atlanta.example.com
CSeq: 1 INVITE
Contact: <sip:bob@192.0.2.4>
Content-Length: 0

";

    #[test]
    fn uac_dialog_reverses_record_route_and_builds_in_dialog_requests() {
        let invite = parse_req(INVITE);
        let mut d = Dialog::from_uac(&invite, &parse_resp(OK)).unwrap();
        assert_eq!(d.state, DialogState::Confirmed);
        assert_eq!(d.id.local_tag, "9fxced76sl");
        assert_eq!(d.id.remote_tag, "8321234356");
        assert_eq!(d.remote_target.to_string(), "sip:bob@192.0.2.4");
        let routes: Vec<String> = d.route_set.iter().map(|r| r.uri.to_string()).collect();
        assert_eq!(
            routes,
            vec!["sip:p1.example.com;lr", "sip:p2.example.com;lr"]
        );
        let bye = d.request(Method::Bye);
        assert_eq!(bye.uri.to_string(), "sip:bob@192.0.2.4");
        assert_eq!(bye.cseq().unwrap().seq, 2);
        assert_eq!(bye.from_addr().unwrap().tag().unwrap(), "9fxced76sl");
        assert_eq!(bye.to_addr().unwrap().tag().unwrap(), "8321234356");
        let route: Vec<String> = bye
            .headers
            .get_all(&HeaderName::Route)
            .map(|r| r.to_string())
            .collect();
        assert_eq!(
            route,
            vec!["<sip:p1.example.com;lr>", "<sip:p2.example.com;lr>"]
        );
        let ack = d.ack(1);
        assert_eq!(ack.cseq().unwrap().seq, 1);
        assert_eq!(ack.cseq().unwrap().method, Method::Ack);
    }

    #[test]
    fn strict_first_route_goes_in_the_request_uri() {
        let invite = parse_req(&INVITE.replace(
            "<sip:p1.example.com;lr>, <sip:p2.example.com;lr>",
            "<sip:strict.example.com>",
        ));
        let ok = parse_resp(&OK.replace(
            "Record-Route: <sip:p2.example.com;lr>\nRecord-Route: <sip:p1.example.com;lr>\n",
            "Record-Route: <sip:strict.example.com>\n",
        ));
        let mut d = Dialog::from_uac(&invite, &ok).unwrap();
        let bye = d.request(Method::Bye);
        assert_eq!(bye.uri.to_string(), "sip:strict.example.com");
        let route: Vec<String> = bye
            .headers
            .get_all(&HeaderName::Route)
            .map(|r| r.to_string())
            .collect();
        assert_eq!(route, vec!["<sip:bob@192.0.2.4>"]);
    }

    #[test]
    fn uas_dialog_checks_cseq_and_refreshes_target() {
        let invite = parse_req(INVITE);
        let contact: NameAddr = "<sip:bob@192.0.2.4>".parse().unwrap();
        let mut d = Dialog::from_uas(&invite, "bobtag", contact).unwrap();
        assert_eq!(d.remote_seq, Some(1));
        let routes: Vec<String> = d.route_set.iter().map(|r| r.uri.to_string()).collect();
        assert_eq!(
            routes,
            vec!["sip:p1.example.com;lr", "sip:p2.example.com;lr"],
            "in order for the UAS"
        );
        let reinvite = parse_req(
            &INVITE
                .replace("CSeq: 1 INVITE", "CSeq: 2 INVITE")
                .replace("client.atlanta", "moved.atlanta"),
        );
        assert_eq!(d.on_request(&reinvite), Ok(()));
        assert!(d.remote_target.to_string().contains("moved.atlanta"));
        assert_eq!(
            d.on_request(&reinvite),
            Err(Refusal(500)),
            "the same CSeq again"
        );
        let old = parse_req(
            &INVITE
                .replace("CSeq: 1 INVITE", "CSeq: 1 BYE")
                .replace("INVITE sip:", "BYE sip:"),
        );
        assert_eq!(d.on_request(&old), Err(Refusal(500)));
        assert_eq!(
            d.request(Method::Bye).cseq().unwrap().seq,
            1,
            "our CSeq space starts apart"
        );
    }

    #[test]
    fn dialog_id_of_a_received_request() {
        let r = parse_req(&INVITE.replace(
            "To: Bob <sip:bob@biloxi.example.com>",
            "To: Bob <sip:bob@biloxi.example.com>;tag=x",
        ));
        let id = DialogId::of_received_request(&r).unwrap();
        assert_eq!(
            (id.local_tag.as_str(), id.remote_tag.as_str()),
            ("x", "9fxced76sl")
        );
    }
}
