//! The Endpoint's call operations (PJSUA2's `Call` methods, by call key): make, bind an
//! incoming call, answer, hang up, hold, re-INVITE, UPDATE, transfer, redirect, DTMF,
//! messages and other requests, info.

use super::accounts::stopped;
use super::events::incoming_call;
use super::Endpoint;
use crate::media::Slot;
use crate::rtp::StreamStat;
use crate::ua::account::AccountId;
use crate::ua::call::*;
use crate::ua::media::stream::StreamInfo;
use crate::ua::status::*;
use crate::ua::{Error, Result};
use std::sync::Arc;
use std::time::Instant;

/// PJSUA2's `CallSendDtmfParam`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CallSendDtmfParam {
    /// PJSUA2RS_DTMF_METHOD_* (RFC2833 by default).
    pub method: i32,
    /// The duration of each digit in milliseconds (160 by default).
    pub duration: u32,
    /// The digits.
    pub digits: String,
}

impl Default for CallSendDtmfParam {
    fn default() -> Self {
        CallSendDtmfParam {
            method: PJSUA2RS_DTMF_METHOD_RFC2833,
            duration: 160,
            digits: String::new(),
        }
    }
}

impl Endpoint {
    /// `Call::makeCall`: calls `dst_uri` from account `acc`; `handler` gets the call's
    /// callbacks from the first one.
    pub fn call_make(
        &self,
        acc: AccountId,
        dst_uri: &str,
        prm: &CallOpParam,
        handler: Arc<dyn CallHandler>,
    ) -> Result<CallKey> {
        let title = "Call::makeCall()";
        let live = self.live(title)?;
        let handlers = live.handlers.clone();
        let (dst, prm) = (dst_uri.to_string(), prm.clone());
        live.driver
            .call(move |core, _| {
                // Registered before the call starts, so its first events find it.
                let next = core.peek_next_call_key();
                if let Some(k) = next {
                    handlers.add_call(k, handler);
                }
                let made = core.call_make(Instant::now(), acc, &dst, &prm);
                if let (Some(k), false) = (next, made.as_ref().ok() == next.as_ref()) {
                    handlers.remove_call(k);
                }
                made
            })
            .map_err(|_| stopped(title))?
            .map_err(|e| e.with_title(title))
    }

    /// PJSUA2's `Call(acc, callId)` inside onIncomingCall: gives the call with id
    /// `call_id` these callbacks. Inside onIncomingCall it binds the call being announced.
    pub fn call_bind(&self, call_id: CallId, handler: Arc<dyn CallHandler>) -> Result<CallKey> {
        let title = "Call::Call()";
        let live = self.live(title)?;
        let key = match incoming_call(call_id) {
            Some(k) => k,
            None => self
                .with_core(title, move |core| Ok(core.call_by_id(call_id)))?
                .ok_or_else(|| {
                    Error::new(
                        PJSUA2RS_ERR_NOT_FOUND,
                        title,
                        format!("no call with id {call_id}"),
                    )
                })?,
        };
        live.handlers.add_call(key, handler);
        Ok(key)
    }

    /// Deleting a Call object: its callbacks stop (none runs when this returns, unless
    /// called from one), and an active call is hung up, as PJSUA2's `~Call` does.
    pub fn call_release(&self, key: CallKey) -> Result<()> {
        let live = self.live("Call::~Call()")?;
        live.handlers.remove_call(key);
        let _ = self.with_core("Call::~Call()", move |core| {
            core.call_hangup(Instant::now(), key, &CallOpParam::default())
        });
        live.callback_barrier();
        Ok(())
    }

    /// `Call::answer`: 1xx (183 with early media), 2xx, or 3xx-6xx to refuse.
    pub fn call_answer(&self, key: CallKey, prm: &CallOpParam) -> Result<()> {
        let prm = prm.clone();
        self.with_core("Call::answer()", move |core| {
            core.call_answer(Instant::now(), key, &prm)
        })
    }

    /// `Call::hangup`: CANCEL before an answer, BYE after, a final code (603 by default)
    /// for an incoming call.
    pub fn call_hangup(&self, key: CallKey, prm: &CallOpParam) -> Result<()> {
        let prm = prm.clone();
        self.with_core("Call::hangup()", move |core| {
            core.call_hangup(Instant::now(), key, &prm)
        })
    }

    /// `Endpoint::hangupAllCalls`.
    pub fn hangup_all_calls(&self) -> Result<()> {
        self.with_core("Endpoint::hangupAllCalls()", |core| {
            core.hangup_all(Instant::now());
            Ok(())
        })
    }

    /// `Call::getInfo`.
    pub fn call_get_info(&self, key: CallKey) -> Result<CallInfo> {
        self.with_core("Call::getInfo()", move |core| {
            core.call_info(Instant::now(), key)
        })
    }

    /// `Call::isActive`: whether the call has not ended.
    pub fn call_is_active(&self, key: CallKey) -> bool {
        self.with_core("Call::isActive()", move |core| {
            Ok(core.call_info(Instant::now(), key).is_ok())
        })
        .unwrap_or(false)
    }

    /// The calls in progress (`Endpoint::utilCallCount` / `pjsua_enum_calls`).
    pub fn call_enum(&self) -> Result<Vec<CallKey>> {
        self.with_core("Endpoint::enumCalls()", |core| Ok(core.call_keys()))
    }

    /// `Call::setHold`: a re-INVITE putting the media on hold.
    pub fn call_set_hold(&self, key: CallKey, prm: &CallOpParam) -> Result<()> {
        let prm = prm.clone();
        self.with_core("Call::setHold()", move |core| {
            core.call_reoffer(Instant::now(), key, Some(true), &prm, false)
        })
    }

    /// `Call::reinvite`: a re-INVITE (PJSUA2RS_CALL_UNHOLD takes the call off hold).
    pub fn call_reinvite(&self, key: CallKey, prm: &CallOpParam) -> Result<()> {
        let prm = prm.clone();
        self.with_core("Call::reinvite()", move |core| {
            core.call_reoffer(Instant::now(), key, None, &prm, false)
        })
    }

    /// `Call::update`: an UPDATE with a new offer (RFC 3311).
    pub fn call_update(&self, key: CallKey, prm: &CallOpParam) -> Result<()> {
        let prm = prm.clone();
        self.with_core("Call::update()", move |core| {
            core.call_reoffer(Instant::now(), key, None, &prm, true)
        })
    }

    /// `Call::xfer`: blind transfer to `dest` (REFER).
    pub fn call_xfer(&self, key: CallKey, dest: &str, prm: &CallOpParam) -> Result<()> {
        let (dest, prm) = (dest.to_string(), prm.clone());
        self.live("Call::xfer()")?.handlers.follow_transfer(key);
        self.with_core("Call::xfer()", move |core| {
            core.call_xfer(Instant::now(), key, &dest, &prm)
        })
    }

    /// `Call::xferReplaces`: attended transfer of this call's peer to `other`'s peer.
    pub fn call_xfer_replaces(
        &self,
        key: CallKey,
        other: CallKey,
        prm: &CallOpParam,
    ) -> Result<()> {
        let prm = prm.clone();
        let no_require = prm.options & PJSUA2RS_XFER_NO_REQUIRE_REPLACES != 0;
        self.live("Call::xferReplaces()")?
            .handlers
            .follow_transfer(key);
        self.with_core("Call::xferReplaces()", move |core| {
            core.call_xfer_replaces(Instant::now(), key, other, no_require, &prm)
        })
    }

    /// `Call::processRedirect`: the decision on a redirection left PENDING.
    pub fn call_process_redirect(&self, key: CallKey, op: i32) -> Result<()> {
        self.with_core("Call::processRedirect()", move |core| {
            core.call_process_redirect(Instant::now(), key, op)
        })
    }

    /// `Call::sendDtmf` / `dialDtmf`: SIP INFO digits now; RFC 2833 needs the call's audio
    /// stream.
    pub fn call_send_dtmf(&self, key: CallKey, prm: &CallSendDtmfParam) -> Result<()> {
        let prm = prm.clone();
        self.with_core("Call::sendDtmf()", move |core| match prm.method {
            PJSUA2RS_DTMF_METHOD_SIP_INFO => {
                core.call_send_dtmf_info(Instant::now(), key, &prm.digits, prm.duration)
            }
            PJSUA2RS_DTMF_METHOD_RFC2833 => {
                check_digits(&prm.digits)?;
                core.call_send_dtmf_rfc2833(key, &prm.digits, prm.duration)
            }
            other => Err(Error::new(
                PJSUA2RS_ERR_INVALID_ARG,
                "",
                format!("{other} is not a pjsua_dtmf_method"),
            )),
        })
    }

    /// `Call::dialDtmf`: RFC 4733 digits on the call's audio stream.
    pub fn call_dial_dtmf(&self, key: CallKey, digits: &str) -> Result<()> {
        let digits = digits.to_string();
        self.with_core("Call::dialDtmf()", move |core| {
            check_digits(&digits)?;
            core.call_send_dtmf_rfc2833(key, &digits, 160)
        })
    }

    /// `Call::getAudioMedia(med_idx)`: the conference slot of the call's audio stream
    /// (-1: the first audio stream); an error when the call has no active audio.
    pub fn call_get_audio_media(&self, key: CallKey, med_idx: i32) -> Result<Slot> {
        self.with_core("Call::getAudioMedia()", move |core| {
            core.call_audio_slot(key, med_idx)
        })
    }

    /// `Call::getStreamStat(med_idx)`.
    pub fn call_get_stream_stat(&self, key: CallKey, med_idx: i32) -> Result<StreamStat> {
        self.with_core("Call::getStreamStat()", move |core| {
            core.call_stream_stat(key, med_idx)
        })
    }

    /// `Call::getStreamInfo(med_idx)`.
    pub fn call_get_stream_info(&self, key: CallKey, med_idx: i32) -> Result<StreamInfo> {
        self.with_core("Call::getStreamInfo()", move |core| {
            core.call_stream_info(key, med_idx)
        })
    }

    /// `Call::sendRequest`: a request of another method in the call's dialog.
    pub fn call_send_request(&self, key: CallKey, method: &str, tx: &TxOption) -> Result<()> {
        let (method, tx) = (method.to_string(), tx.clone());
        self.with_core("Call::sendRequest()", move |core| {
            core.call_send_request(Instant::now(), key, &method, &tx)
        })
    }

    /// `Call::sendInstantMessage`: a MESSAGE in the call's dialog.
    pub fn call_send_instant_message(
        &self,
        key: CallKey,
        content_type: &str,
        content: &str,
        tx: &TxOption,
    ) -> Result<()> {
        let (ct, content, tx) = (content_type.to_string(), content.to_string(), tx.clone());
        self.with_core("Call::sendInstantMessage()", move |core| {
            core.call_send_im(Instant::now(), key, &ct, &content, &tx)
        })
    }

    /// `Call::sendTypingIndication`.
    pub fn call_send_typing_indication(
        &self,
        key: CallKey,
        is_typing: bool,
        tx: &TxOption,
    ) -> Result<()> {
        let tx = tx.clone();
        self.with_core("Call::sendTypingIndication()", move |core| {
            core.call_send_typing(Instant::now(), key, is_typing, &tx)
        })
    }
}

/// Checks that every character is a DTMF digit (0-9, *, #, A-D) for RFC 4733 (PJSUA2
/// refuses others with PJMEDIA_RTP_EINDTMF).
fn check_digits(digits: &str) -> Result<()> {
    if digits.is_empty() {
        return Err(Error::new(
            PJSUA2RS_ERR_INVALID_ARG,
            "",
            "no digits to send",
        ));
    }
    match digits
        .chars()
        .find(|d| !"0123456789*#ABCDabcd".contains(*d))
    {
        Some(d) => Err(Error::new(
            PJSUA2RS_ERR_MEDIA_INVALID_DTMF,
            "",
            format!("'{d}' is not a DTMF digit"),
        )),
        None => Ok(()),
    }
}
