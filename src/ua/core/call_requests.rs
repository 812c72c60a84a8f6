//! Requests inside a call's dialog: the ones the application sends (`Call::sendRequest`,
//! DTMF over INFO) and the ones the peer sends that the INVITE session passes up (INFO
//! with application/dtmf-relay, MESSAGE, OPTIONS...).

use super::calls::rx_data;
use super::transfer::Sent;
use super::{AppEvent, UaCore};
use crate::sip::invite::Slot;
use crate::sip::transaction::TsxId;
use crate::sip::{HeaderName, Message, Method, Request, Response, SipHeaders, Text};
use crate::ua::call::*;
use crate::ua::status::*;
use crate::ua::{Error, Result};
use bytes::Bytes;
use std::time::Instant;

use super::calls::CALL_METHODS;

impl UaCore {
    /// `Call::sendRequest` and INFO DTMF: a request in the call's dialog.
    pub fn call_send_request(
        &mut self,
        now: Instant,
        key: CallKey,
        method: &str,
        tx: &TxOption,
    ) -> Result<()> {
        let call = key.id;
        let c = self.call(key)?;
        let method = Method::parse(method);
        if matches!(
            method,
            Method::Invite | Method::Ack | Method::Cancel | Method::Bye | Method::Prack
        ) {
            return Err(Error::new(
                PJSUA2RS_ERR_INVALID_ARG,
                "",
                format!("{method} is sent by the call itself"),
            ));
        }
        let headers = tx
            .headers
            .iter()
            .map(|h| (HeaderName::parse(&h.name), Text::from(h.value.as_str())))
            .collect();
        let ct = (!tx.content_type.is_empty()).then_some(tx.content_type.as_str());
        c.session
            .send_request(method, headers, ct, Bytes::from(tx.msg_body.clone()))
            .ok_or_else(|| Error::new(PJSUA2RS_ERR_INVALID_OP, "", "the call has no dialog yet"))?;
        self.pump_call(now, call);
        Ok(())
    }

    /// `Call::dialDtmf` with PJSUA2RS_DTMF_METHOD_SIP_INFO: one INFO per digit.
    pub fn call_send_dtmf_info(
        &mut self,
        now: Instant,
        call: CallKey,
        digits: &str,
        duration_ms: u32,
    ) -> Result<()> {
        for d in digits.chars() {
            if !"0123456789*#ABCDabcd".contains(d) {
                return Err(Error::new(
                    PJSUA2RS_ERR_INVALID_ARG,
                    "",
                    format!("'{d}' is not a DTMF digit"),
                ));
            }
        }
        for d in digits.chars() {
            let tx = TxOption {
                headers: Vec::new(),
                content_type: "application/dtmf-relay".into(),
                msg_body: format!(
                    "Signal={}\r\nDuration={duration_ms}\r\n",
                    d.to_ascii_uppercase()
                ),
            };
            self.call_send_request(now, call, "INFO", &tx)?;
        }
        Ok(())
    }

    /// `Call::sendInstantMessage`: a MESSAGE in the call's dialog; the outcome comes as
    /// onInstantMessageStatus.
    pub fn call_send_im(
        &mut self,
        now: Instant,
        key: CallKey,
        content_type: &str,
        content: &str,
        tx: &TxOption,
    ) -> Result<()> {
        let ct = if content_type.is_empty() {
            "text/plain"
        } else {
            content_type
        };
        let tx = TxOption {
            headers: tx.headers.clone(),
            content_type: ct.to_string(),
            msg_body: content.to_string(),
        };
        let slot = self.send_in_dialog(now, key, Method::Message, &tx)?;
        if let Ok(c) = self.call(key) {
            c.sent.insert(
                slot,
                Sent::Message {
                    body: content.to_string(),
                },
            );
        }
        Ok(())
    }

    /// `Call::sendTypingIndication`: an RFC 3994 isComposing MESSAGE.
    pub fn call_send_typing(
        &mut self,
        now: Instant,
        key: CallKey,
        is_typing: bool,
        tx: &TxOption,
    ) -> Result<()> {
        let tx = TxOption {
            headers: tx.headers.clone(),
            content_type: ISCOMPOSING.into(),
            msg_body: iscomposing_body(is_typing),
        };
        self.send_in_dialog(now, key, Method::Message, &tx)
            .map(|_| ())
    }

    fn send_in_dialog(
        &mut self,
        now: Instant,
        key: CallKey,
        method: Method,
        tx: &TxOption,
    ) -> Result<Slot> {
        let c = self.call(key)?;
        let headers = tx
            .headers
            .iter()
            .map(|h| (HeaderName::parse(&h.name), Text::from(h.value.as_str())))
            .collect();
        let ct = (!tx.content_type.is_empty()).then_some(tx.content_type.as_str());
        let slot = c
            .session
            .send_request(method, headers, ct, Bytes::from(tx.msg_body.clone()))
            .ok_or_else(|| Error::new(PJSUA2RS_ERR_INVALID_OP, "", "the call has no dialog yet"))?;
        c.sent.insert(slot, Sent::Other);
        self.pump_call(now, key.id);
        Ok(slot)
    }

    /// The final response to one of the call's other requests.
    pub(super) fn call_request_done(&mut self, call: CallId, slot: Slot, response: &Response) {
        let Some(c) = self.calls.get_mut(&call) else {
            return;
        };
        let sent = c.sent.remove(&slot).unwrap_or(Sent::Other);
        let flow = c.flow;
        let rdata = rx_data(&Message::Response(response.clone()), flow.as_ref());
        let method = response
            .cseq()
            .map(|c| c.method.to_string())
            .unwrap_or_default();
        let prm = OnCallTsxStateParam {
            method,
            role: PJSUA2RS_ROLE_UAC,
            state: PJSUA2RS_TSX_STATE_COMPLETED,
            status_code: response.status,
            status_text: response.reason.to_string(),
            rdata: rdata.clone(),
        };
        self.emit_for(call, |call| AppEvent::CallTsxState { call, prm });
        match &sent {
            Sent::Message { body } => {
                let to_uri = self
                    .calls
                    .get(&call)
                    .and_then(|c| c.session.dialog())
                    .map(|d| d.remote_uri.to_string())
                    .unwrap_or_default();
                let prm = OnInstantMessageStatusParam {
                    to_uri,
                    msg_body: body.clone(),
                    code: response.status,
                    reason: response.reason.to_string(),
                    rdata,
                };
                self.emit_for(call, |call| AppEvent::CallInstantMessageStatus {
                    call,
                    prm,
                });
            }
            Sent::Refer | Sent::Notify => self.transfer_response(call, &sent, response),
            Sent::Other => {}
        }
    }

    /// A request the session passed up (INFO, MESSAGE, REFER, NOTIFY, OPTIONS...).
    pub(super) fn call_request(
        &mut self,
        now: Instant,
        call: CallId,
        tsx: TsxId,
        request: &Request,
    ) {
        let Some(c) = self.calls.get_mut(&call) else {
            return;
        };
        let rdata = rx_data(&Message::Request(request.clone()), c.flow.as_ref());
        let prm = OnCallTsxStateParam {
            method: request.method.to_string(),
            role: PJSUA2RS_ROLE_UAS,
            state: PJSUA2RS_TSX_STATE_TRYING,
            status_code: 0,
            status_text: String::new(),
            rdata: rdata.clone(),
        };
        self.emit_for(call, |call| AppEvent::CallTsxState { call, prm });
        let Some(c) = self.calls.get_mut(&call) else {
            return;
        };
        let ct = request
            .headers
            .get(&HeaderName::ContentType)
            .map(|v| v.to_ascii_lowercase())
            .unwrap_or_default();
        let status = match &request.method {
            Method::Refer => return self.transfer_request(now, call, tsx, request),
            Method::Notify => return self.transfer_notify(now, call, tsx, request),
            Method::Info if ct.starts_with("application/dtmf-relay") => {
                let (digit, duration) = parse_dtmf_relay(&request.body);
                let r = c
                    .session
                    .response_to(request, if digit.is_some() { 200 } else { 400 }, "");
                c.session.respond(tsx, r);
                if let Some(digit) = digit {
                    self.emit_for(call, |call| AppEvent::DtmfDigit {
                        call,
                        prm: OnDtmfDigitParam {
                            method: PJSUA2RS_DTMF_METHOD_SIP_INFO,
                            digit,
                            duration,
                        },
                    });
                }
                self.pump_call(now, call);
                return;
            }
            Method::Info | Method::Options => 200,
            Method::Message if ct.starts_with(ISCOMPOSING) => {
                match parse_iscomposing(&request.body) {
                    Some(is_typing) => {
                        let prm = OnTypingIndicationParam {
                            from_uri: uri_of(request.from_addr()),
                            to_uri: uri_of(request.to_addr()),
                            contact_uri: uri_of(
                                request.contacts().and_then(|c| c.into_iter().next()),
                            ),
                            is_typing,
                            rdata,
                        };
                        self.emit_for(call, |call| AppEvent::CallTypingIndication { call, prm });
                        200
                    }
                    None => 400,
                }
            }
            Method::Message => {
                let prm = OnInstantMessageParam {
                    from_uri: uri_of(request.from_addr()),
                    to_uri: uri_of(request.to_addr()),
                    contact_uri: uri_of(request.contacts().and_then(|c| c.into_iter().next())),
                    content_type: request
                        .headers
                        .get(&HeaderName::ContentType)
                        .map(|v| v.to_string())
                        .unwrap_or_default(),
                    msg_body: String::from_utf8_lossy(&request.body).into_owned(),
                    rdata,
                };
                self.emit_for(call, |call| AppEvent::CallInstantMessage { call, prm });
                200
            }
            Method::Other(_) => 501,
            _ => 405,
        };
        if let Some(c) = self.calls.get_mut(&call) {
            let mut r = c.session.response_to(request, status, "");
            if status == 405 || status == 501 || request.method == Method::Options {
                r.headers.push(HeaderName::Allow, CALL_METHODS.join(", "));
            }
            c.session.respond(tsx, r);
        }
        self.pump_call(now, call);
    }
}

/// RFC 3994's content type.
const ISCOMPOSING: &str = "application/im-iscomposing+xml";

fn uri_of(a: Option<crate::sip::NameAddr>) -> String {
    a.map(|a| a.uri.to_string()).unwrap_or_default()
}

/// An RFC 3994 isComposing document.
fn iscomposing_body(is_typing: bool) -> String {
    let state = if is_typing { "active" } else { "idle" };
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<isComposing xmlns=\"urn:ietf:params:xml:ns:im-iscomposing\">\r\n  <state>{state}</state>\r\n  <contenttype>text/plain</contenttype>\r\n  <refresh>60</refresh>\r\n</isComposing>\r\n"
    )
}

/// The <state> of an isComposing document: active is typing, idle is not.
fn parse_iscomposing(body: &[u8]) -> Option<bool> {
    let text = std::str::from_utf8(body).ok()?;
    let start = text.find("<state>")? + "<state>".len();
    let end = text[start..].find("</state>")? + start;
    match text[start..end].trim() {
        "active" => Some(true),
        "idle" => Some(false),
        _ => None,
    }
}

/// The digit and duration of an application/dtmf-relay body ("Signal=5\r\nDuration=160").
fn parse_dtmf_relay(body: &[u8]) -> (Option<String>, u32) {
    let text = String::from_utf8_lossy(body);
    let mut digit = None;
    let mut duration = 160;
    for line in text.lines() {
        let Some((k, v)) = line.split_once('=') else {
            continue;
        };
        match k.trim().to_ascii_lowercase().as_str() {
            "signal" => {
                let v = v.trim();
                if v.len() == 1 && "0123456789*#ABCDabcd".contains(v) {
                    digit = Some(v.to_ascii_uppercase());
                }
            }
            "duration" => duration = v.trim().parse().unwrap_or(160),
            _ => {}
        }
    }
    (digit, duration)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dtmf_relay_bodies() {
        assert_eq!(
            parse_dtmf_relay(b"Signal=5\r\nDuration=160\r\n"),
            (Some("5".into()), 160)
        );
        assert_eq!(
            parse_dtmf_relay(b"signal= #\nduration=250"),
            (Some("#".into()), 250)
        );
        assert_eq!(parse_dtmf_relay(b"Signal=a"), (Some("A".into()), 160));
        assert_eq!(parse_dtmf_relay(b"Signal=55"), (None, 160));
        assert_eq!(parse_dtmf_relay(b""), (None, 160));
    }

    #[test]
    fn iscomposing_round_trip() {
        assert_eq!(
            parse_iscomposing(iscomposing_body(true).as_bytes()),
            Some(true)
        );
        assert_eq!(
            parse_iscomposing(iscomposing_body(false).as_bytes()),
            Some(false)
        );
        assert_eq!(parse_iscomposing(b"<state>busy</state>"), None);
        assert_eq!(parse_iscomposing(b"no xml"), None);
    }
}
