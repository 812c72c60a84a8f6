//! Call transfer (RFC 3515 REFER with the implicit "refer" subscription, RFC 4488
//! Refer-Sub, RFC 3892 Referred-By) and replacement (RFC 3891 Replaces): our REFER and the
//! NOTIFYs that report on it, the peer's REFER followed by a new call whose progress we
//! NOTIFY, and an INVITE that replaces one of our calls.

use super::calls::{rx_data, CallState};
use super::{AppEvent, UaCore};
use crate::sip::invite::InvState;
use crate::sip::transaction::TsxId;
use crate::sip::{HeaderName, Method, Request, Response, Text, Uri};
use crate::ua::call::*;
use crate::ua::status::*;
use crate::ua::{Error, Result};
use bytes::Bytes;
use std::time::Instant;

/// What a request we sent in a call's dialog was for (to handle its response).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Sent {
    /// A REFER (`Call::xfer`).
    Refer,
    /// A NOTIFY about the call a REFER started.
    Notify,
    /// A MESSAGE (`Call::sendInstantMessage`): reported with onInstantMessageStatus.
    Message {
        /// The body, for the report.
        body: String,
    },
    /// Anything else (`Call::sendRequest`, INFO, typing).
    Other,
}

/// The transfer a call takes part in.
#[derive(Clone, Debug, Default)]
pub(super) struct Transfer {
    /// Our REFER is accepted and its NOTIFYs are reported (until the application stops
    /// following or the subscription ends).
    pub following: bool,
    /// This call was started by the peer's REFER in call `.0`: its progress is NOTIFYed
    /// there. None with Refer-Sub: false.
    pub notify_on: Option<CallKey>,
    /// The last status NOTIFYed (so each is sent once).
    pub notified: u16,
}

impl UaCore {
    /// `Call::xfer`: asks the peer to call `dest` (REFER); progress comes as
    /// onCallTransferStatus. A `Refer-Sub: false` header in `prm` asks for no NOTIFYs.
    pub fn call_xfer(
        &mut self,
        now: Instant,
        key: CallKey,
        dest: &str,
        prm: &CallOpParam,
    ) -> Result<()> {
        let target = crate::ua::endpoint::parse_sip_uri(dest)?;
        let c = self.call(key)?;
        if c.session.state() != InvState::Confirmed {
            return Err(Error::new(
                PJSUA2RS_ERR_INVALID_OP,
                "",
                "the call is not confirmed",
            ));
        }
        let referred_by = c
            .session
            .dialog()
            .map(|d| d.local_uri.to_string())
            .unwrap_or_default();
        let refer_to = if dest.trim_start().starts_with('<') {
            dest.trim().to_string()
        } else {
            format!("<{target}>")
        };
        let mut headers = vec![
            (HeaderName::ReferTo, Text::from(refer_to)),
            (HeaderName::ReferredBy, Text::from(referred_by)),
        ];
        headers.extend(
            prm.tx_option
                .headers
                .iter()
                .map(|h| (HeaderName::parse(&h.name), Text::from(h.value.as_str()))),
        );
        let slot = c
            .session
            .send_request(Method::Refer, headers, None, Bytes::new())
            .ok_or_else(|| Error::new(PJSUA2RS_ERR_INVALID_OP, "", "the call has no dialog"))?;
        c.sent.insert(slot, Sent::Refer);
        c.transfer.following = false;
        self.pump_call(now, key.id);
        Ok(())
    }

    /// `Call::xferReplaces`: asks the peer of `key` to call the peer of `other` with
    /// Replaces (attended transfer).
    pub fn call_xfer_replaces(
        &mut self,
        now: Instant,
        key: CallKey,
        other: CallKey,
        no_require: bool,
        prm: &CallOpParam,
    ) -> Result<()> {
        let o = self.call(other)?;
        let d = o.session.dialog().ok_or_else(|| {
            Error::new(PJSUA2RS_ERR_INVALID_OP, "", "the other call has no dialog")
        })?;
        let replaces = format!(
            "{};to-tag={};from-tag={}",
            d.id.call_id, d.id.remote_tag, d.id.local_tag
        );
        let require = if no_require { "" } else { "Require=replaces&" };
        let dest = format!(
            "<{}?{require}Replaces={}>",
            d.remote_uri.uri,
            escape_header(&replaces)
        );
        self.call_xfer(now, key, &dest, prm)
    }

    /// The final response to a REFER or NOTIFY we sent.
    pub(super) fn transfer_response(&mut self, call: CallId, sent: &Sent, response: &Response) {
        match sent {
            Sent::Refer => {
                let Some(key) = self.key_of(call) else { return };
                let accepted = (200..300).contains(&response.status);
                let no_sub = response
                    .headers
                    .get(&HeaderName::parse("Refer-Sub"))
                    .is_some_and(|v| v.trim().eq_ignore_ascii_case("false"));
                let prm = match (accepted, no_sub) {
                    // No NOTIFYs will come: the transfer counts as done (as PJSUA2 reports it).
                    (true, true) => OnCallTransferStatusParam {
                        status_code: 200,
                        reason: "Accepted".into(),
                        final_notify: true,
                        cont: false,
                    },
                    (true, false) => OnCallTransferStatusParam {
                        status_code: 100,
                        reason: "Accepted".into(),
                        final_notify: false,
                        cont: true,
                    },
                    (false, _) => OnCallTransferStatusParam {
                        status_code: response.status,
                        reason: response.reason.to_string(),
                        final_notify: true,
                        cont: false,
                    },
                };
                if let Some(c) = self.calls.get_mut(&call) {
                    c.transfer.following = accepted && !no_sub;
                }
                self.emit(AppEvent::CallTransferStatus { call: key, prm });
            }
            Sent::Notify => {
                if response.status == 481 {
                    // The transferor ended the subscription: stop reporting.
                    let followers: Vec<CallId> = self
                        .calls
                        .iter()
                        .filter(|(_, c)| c.transfer.notify_on.map(|k| k.id) == Some(call))
                        .map(|(id, _)| *id)
                        .collect();
                    for id in followers {
                        if let Some(c) = self.calls.get_mut(&id) {
                            c.transfer.notify_on = None;
                        }
                    }
                }
            }
            Sent::Message { .. } | Sent::Other => {}
        }
    }

    /// A NOTIFY in a call's dialog: the progress of our REFER.
    pub(super) fn transfer_notify(
        &mut self,
        now: Instant,
        call: CallId,
        tsx: TsxId,
        request: &Request,
    ) {
        let Some(c) = self.calls.get_mut(&call) else {
            return;
        };
        let event = request.headers.get(&HeaderName::Event).map(|e| {
            e.split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        });
        if event.as_deref() != Some("refer") {
            let r = c.session.response_to(request, 489, "Bad Event");
            c.session.respond(tsx, r);
            self.pump_call(now, call);
            return;
        }
        let terminated = request
            .headers
            .get(&HeaderName::SubscriptionState)
            .is_some_and(|s| s.trim().to_ascii_lowercase().starts_with("terminated"));
        let following = c.transfer.following;
        let r = c.session.response_to(request, 200, "");
        c.session.respond(tsx, r);
        if terminated {
            c.transfer.following = false;
        }
        self.pump_call(now, call);
        if !following {
            return;
        }
        let (status_code, reason) =
            parse_sipfrag(&request.body).unwrap_or((500, "Internal Server Error".into()));
        let prm = OnCallTransferStatusParam {
            status_code,
            reason,
            final_notify: terminated,
            cont: !terminated,
        };
        if let Some(key) = self.key_of(call) {
            self.emit(AppEvent::CallTransferStatus { call: key, prm });
        }
    }

    /// The application stops (or keeps) following our transfer.
    pub fn call_transfer_follow(&mut self, key: CallKey, cont: bool) {
        if let Ok(c) = self.call(key) {
            if !cont {
                c.transfer.following = false;
            }
        }
    }

    /// The peer's REFER: asks the application (onCallTransferRequest) unless it is
    /// malformed.
    pub(super) fn transfer_request(
        &mut self,
        now: Instant,
        call: CallId,
        tsx: TsxId,
        request: &Request,
    ) {
        let Some(c) = self.calls.get_mut(&call) else {
            return;
        };
        let refer_to = request
            .headers
            .get(&HeaderName::ReferTo)
            .and_then(|v| crate::sip::parse::parse_name_addr(v).ok());
        let Some(refer_to) = refer_to.filter(|r| matches!(r.uri, Uri::Sip(_))) else {
            let r = c.session.response_to(request, 400, "Bad Refer-To");
            c.session.respond(tsx, r);
            self.pump_call(now, call);
            return;
        };
        if request.headers.get_all(&HeaderName::ReferTo).count() > 1 {
            let r = c.session.response_to(request, 400, "Multiple Refer-To");
            c.session.respond(tsx, r);
            self.pump_call(now, call);
            return;
        }
        c.pending_refer.insert(tsx, request.clone());
        if let Some(key) = self.key_of(call) {
            self.emit(AppEvent::CallTransferRequest {
                call: key,
                tsx,
                dst_uri: refer_to.uri.to_string(),
            });
        }
    }

    /// The application's answer to a REFER (`code` 2xx accepts; `dst_uri` may have been
    /// changed). Returns the new call, if one started.
    pub fn transfer_decide(
        &mut self,
        now: Instant,
        key: CallKey,
        tsx: TsxId,
        code: u16,
        dst_uri: &str,
    ) -> Option<CallKey> {
        let c = self.call(key).ok()?;
        let request = c.pending_refer.remove(&tsx)?;
        let code = if code < 200 { 202 } else { code };
        if code >= 300 {
            let r = c.session.response_to(&request, code, "");
            c.session.respond(tsx, r);
            self.pump_call(now, key.id);
            return None;
        }
        let refer_sub = request
            .headers
            .get(&HeaderName::parse("Refer-Sub"))
            .map(|v| v.trim().to_ascii_lowercase());
        let subscribe = refer_sub.as_deref().is_none_or(|v| v == "true");
        let mut r = c.session.response_to(&request, code, "");
        if refer_sub.is_some() {
            r.headers.push(
                HeaderName::parse("Refer-Sub"),
                if subscribe { "true" } else { "false" },
            );
        }
        c.session.respond(tsx, r);
        if subscribe {
            send_notify(c, 100, "Trying", false);
        }
        let acc = c.acc;
        self.pump_call(now, key.id);
        let mut prm = CallOpParam::default();
        if let Some(by) = request.headers.get(&HeaderName::ReferredBy) {
            prm.tx_option.headers.push(TxHeader {
                name: "Referred-By".into(),
                value: by.to_string(),
            });
        }
        match self.call_make(now, acc, dst_uri, &prm) {
            Ok(new) => {
                if let Some(n) = self.calls.get_mut(&new.id) {
                    n.transfer.notify_on = subscribe.then_some(key);
                }
                Some(new)
            }
            Err(e) => {
                self.logger.log(
                    2,
                    "pjsua2rs_call",
                    &format!(
                        "call {}: cannot follow the transfer to {dst_uri}: {}",
                        key.id, e.reason
                    ),
                );
                if let (true, Ok(c)) = (subscribe, self.call(key)) {
                    send_notify(c, 500, "Internal Server Error", true);
                    self.pump_call(now, key.id);
                }
                None
            }
        }
    }

    /// A call started by a REFER changed state: NOTIFY the transferor (RFC 3515 §2.4.5).
    pub(super) fn transfer_progress(
        &mut self,
        now: Instant,
        call: CallId,
        state: InvState,
        code: u16,
        reason: &str,
    ) {
        let Some(c) = self.calls.get(&call) else {
            return;
        };
        let Some(target) = c.transfer.notify_on else {
            return;
        };
        let (code, reason) = match state {
            InvState::Early | InvState::Connecting | InvState::Disconnected => {
                (code, reason.to_string())
            }
            InvState::Confirmed => (200, "OK".to_string()),
            _ => return,
        };
        if code < 100 || code == c.transfer.notified {
            return;
        }
        let last = code >= 200 || state == InvState::Disconnected;
        let code = if state == InvState::Disconnected && code < 300 && c.connected.is_none() {
            487
        } else {
            code
        };
        if let Some(c) = self.calls.get_mut(&call) {
            c.transfer.notified = code;
            if last {
                c.transfer.notify_on = None;
            }
        }
        if let Ok(t) = self.call(target) {
            send_notify(t, code, &reason, last);
            self.pump_call(now, target.id);
        }
    }

    /// An INVITE with Replaces (RFC 3891 §3): the call it replaces, or the refusal.
    pub(super) fn replaced_call(
        &self,
        request: &Request,
    ) -> Option<std::result::Result<CallKey, u16>> {
        let value = request.headers.get(&HeaderName::Replaces)?;
        let mut parts = value.split(';');
        let call_id = parts.next().unwrap_or("").trim();
        let (mut to_tag, mut from_tag, mut early_only) = (None, None, false);
        for p in parts {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            match k.trim().to_ascii_lowercase().as_str() {
                "to-tag" => to_tag = Some(v.trim()),
                "from-tag" => from_tag = Some(v.trim()),
                "early-only" => early_only = true,
                _ => {}
            }
        }
        let (Some(to_tag), Some(from_tag)) = (to_tag, from_tag) else {
            return Some(Err(400));
        };
        let found = self.calls.iter().find(|(_, c)| {
            c.session.dialog().is_some_and(|d| {
                d.id.call_id.as_str() == call_id
                    && d.id.local_tag.as_str() == to_tag
                    && d.id.remote_tag.as_str() == from_tag
            })
        });
        let Some((id, c)) = found else {
            return Some(Err(481));
        };
        let refusal = match c.session.state() {
            InvState::Disconnected => Some(603),
            InvState::Confirmed if early_only => Some(486),
            // An early dialog we did not start cannot be replaced (RFC 3891 §3).
            InvState::Incoming | InvState::Early
                if c.session.role() == crate::sip::invite::Role::Uas =>
            {
                Some(481)
            }
            _ => None,
        };
        Some(match refusal {
            Some(code) => Err(code),
            None => Ok(CallKey {
                id: *id,
                serial: c.serial,
            }),
        })
    }

    /// The application's answer to a replacement (onCallReplaceRequest): 2xx answers the
    /// new call and ends the old one, anything else refuses the new call.
    pub fn replace_decide(
        &mut self,
        now: Instant,
        old: CallKey,
        new: CallKey,
        code: u16,
        reason: &str,
    ) {
        if self.call(new).is_err() {
            return;
        }
        let accepted = (200..300).contains(&code) && self.call(old).is_ok();
        let prm = CallOpParam {
            status_code: if accepted {
                200
            } else if code >= 300 {
                code
            } else {
                603
            },
            reason: reason.to_string(),
            ..CallOpParam::default()
        };
        let _ = self.call_answer(now, new, &prm);
        if accepted {
            self.emit(AppEvent::CallReplaced {
                call: old,
                prm: OnCallReplacedParam { new_call: new },
            });
            let _ = self.call_hangup(now, old, &CallOpParam::default());
        }
    }

    /// Posts onCallReplaceRequest for an INVITE that replaces `old`.
    pub(super) fn ask_replace(
        &mut self,
        old: CallKey,
        new: CallKey,
        request: &Request,
        c: &CallState,
    ) {
        let rdata = rx_data(
            &crate::sip::Message::Request(request.clone()),
            c.flow.as_ref(),
        );
        self.emit(AppEvent::CallReplaceRequest {
            call: old,
            new_call: new,
            rdata,
        });
    }
}

/// Sends a NOTIFY with the sipfrag of `code` in a call's dialog.
fn send_notify(c: &mut CallState, code: u16, reason: &str, last: bool) {
    let state = if last {
        "terminated;reason=noresource".to_string()
    } else {
        "active;expires=60".to_string()
    };
    let headers = vec![
        (HeaderName::Event, Text::from("refer")),
        (HeaderName::SubscriptionState, Text::from(state)),
    ];
    let reason = if reason.is_empty() {
        crate::sip::message::reason_phrase(code)
    } else {
        reason
    };
    let body = Bytes::from(format!("SIP/2.0 {code} {reason}\r\n"));
    if let Some(slot) = c.session.send_request(
        Method::Notify,
        headers,
        Some("message/sipfrag;version=2.0"),
        body,
    ) {
        c.sent.insert(slot, Sent::Notify);
    }
}

/// The status line of a message/sipfrag body ("SIP/2.0 180 Ringing").
fn parse_sipfrag(body: &[u8]) -> Option<(u16, String)> {
    let text = std::str::from_utf8(body).ok()?;
    let line = text.lines().next()?.trim();
    let rest = line.strip_prefix("SIP/2.0 ")?;
    let (code, reason) = rest.split_once(' ').unwrap_or((rest, ""));
    let code: u16 = code.parse().ok()?;
    (100..700)
        .contains(&code)
        .then(|| (code, reason.trim().to_string()))
}

/// Escapes a header value for a URI's `?name=value` part (RFC 3261 §19.1.1 hnv-unreserved
/// and unreserved characters stay).
fn escape_header(v: &str) -> String {
    let mut out = String::with_capacity(v.len() * 2);
    for b in v.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.!~*'()[]/?:+$".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sipfrag_status_lines() {
        assert_eq!(
            parse_sipfrag(b"SIP/2.0 180 Ringing\r\n"),
            Some((180, "Ringing".into()))
        );
        assert_eq!(parse_sipfrag(b"SIP/2.0 200 OK"), Some((200, "OK".into())));
        assert_eq!(parse_sipfrag(b"SIP/2.0 603"), Some((603, String::new())));
        assert_eq!(parse_sipfrag(b"INVITE sip:a@b SIP/2.0"), None);
        assert_eq!(parse_sipfrag(b"SIP/2.0 99 Low"), None);
    }

    #[test]
    fn replaces_escaped_in_uri_header() {
        assert_eq!(
            escape_header("a@b;to-tag=1;from-tag=2"),
            "a%40b%3Bto-tag%3D1%3Bfrom-tag%3D2"
        );
    }
}
