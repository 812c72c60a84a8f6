//! A call's media negotiation (RFC 3264 through `crate::sdp`): our offers (initial,
//! re-offers, hold and unhold), our answers to the peer's offers, the answers to ours, and
//! what PJSUA2 reports of it (CallMediaInfo status and direction).

use super::info::CallMediaInfo;
use super::{
    PJSUA2RS_CALL_MEDIA_ACTIVE, PJSUA2RS_CALL_MEDIA_LOCAL_HOLD, PJSUA2RS_CALL_MEDIA_NONE,
    PJSUA2RS_CALL_MEDIA_REMOTE_HOLD,
};
use crate::sdp::{
    self, Direction, HoldType, LocalMedia, MediaStatus, Negotiated, NegotiationError,
    SessionDescription,
};
use bytes::Bytes;

/// The media side of one call.
#[derive(Clone, Debug)]
pub struct CallMedia {
    local: LocalMedia,
    hold_type: HoldType,
    /// The last SDP we sent (offer or answer): re-offers keep its o= line and version.
    last_local: Option<SessionDescription>,
    /// Our offer waiting for its answer.
    pending_offer: Option<SessionDescription>,
    negotiated: Option<Negotiated>,
    /// We asked for hold (setHold) and not yet for unhold.
    held: bool,
    /// Whether the peer made the last offer.
    remote_offerer: bool,
    /// Audio streams in the peer's last offer.
    rem_audio_count: u32,
}

/// Why an SDP body could not be used.
fn not_acceptable(e: impl std::fmt::Display) -> String {
    e.to_string()
}

impl CallMedia {
    /// A call's media with our description (address, RTP port, codecs, session id).
    pub fn new(local: LocalMedia, hold_type: HoldType) -> Self {
        CallMedia {
            local,
            hold_type,
            last_local: None,
            pending_offer: None,
            negotiated: None,
            held: false,
            remote_offerer: false,
            rem_audio_count: 0,
        }
    }

    /// Our RTP port.
    pub fn local_port(&self) -> u16 {
        self.local.audio_ports.first().copied().unwrap_or(0)
    }

    /// A new offer (initial or re-offer; held while on hold).
    pub fn offer(&mut self) -> Result<Bytes, String> {
        let sdp = match (&self.last_local, self.held) {
            (Some(prev), true) => sdp::create_hold_offer(&self.local, prev, self.hold_type),
            (Some(prev), false) => sdp::create_unhold_offer(&self.local, prev),
            (None, _) => sdp::create_offer(&self.local, None),
        }
        .map_err(not_acceptable)?;
        let bytes = Bytes::from(sdp.to_bytes());
        self.last_local = Some(sdp.clone());
        self.pending_offer = Some(sdp);
        self.remote_offerer = false;
        Ok(bytes)
    }

    /// Our answer to the peer's offer; `Err(488)` when nothing in it is usable, `Err(400)`
    /// when it does not parse.
    pub fn answer(&mut self, offer: &[u8]) -> Result<Bytes, u16> {
        let parsed = SessionDescription::parse(offer).map_err(|_| 400u16)?;
        let mut local = self.local.clone();
        if self.held {
            local.direction = local.direction.held();
        }
        if let Some(prev) = &self.last_local {
            local.session_id = prev.origin.session_id;
            local.session_version = prev.origin.session_version + 1;
        }
        let (answer, negotiated) = sdp::answer(&parsed, &local).map_err(|e| match e {
            NegotiationError::InvalidAnswer(_) => 400u16,
            _ => 488u16,
        })?;
        self.rem_audio_count = parsed.media.iter().filter(|m| m.media == "audio").count() as u32;
        self.remote_offerer = true;
        self.pending_offer = None;
        self.negotiated = Some(negotiated);
        let bytes = Bytes::from(answer.to_bytes());
        self.last_local = Some(answer);
        Ok(bytes)
    }

    /// The peer's offer in its INVITE, answered later: what PJSUA2's CallInfo shows of it
    /// from onIncomingCall on (remOfferer, remAudioCount).
    pub fn remote_offer_received(&mut self, offer: &[u8]) {
        if let Ok(parsed) = SessionDescription::parse(offer) {
            self.remote_offerer = true;
            self.rem_audio_count =
                parsed.media.iter().filter(|m| m.media == "audio").count() as u32;
        }
    }

    /// Whether we could answer this offer (checked when an INVITE arrives: 488 at once).
    pub fn can_answer(&self, offer: &[u8]) -> Result<(), u16> {
        let parsed = SessionDescription::parse(offer).map_err(|_| 400u16)?;
        sdp::answer(&parsed, &self.local)
            .map(|_| ())
            .map_err(|_| 488)
    }

    /// The peer's answer to our offer.
    pub fn on_answer(&mut self, answer: &[u8]) -> Result<(), String> {
        let offer = self
            .pending_offer
            .take()
            .ok_or("an answer without an offer")?;
        let parsed = SessionDescription::parse(answer).map_err(not_acceptable)?;
        let negotiated = sdp::apply_answer(&offer, &parsed).map_err(not_acceptable)?;
        self.negotiated = Some(negotiated);
        Ok(())
    }

    /// Our offer was refused (a failed re-INVITE): the previous session stays, and so
    /// does the hold state it had.
    pub fn offer_rejected(&mut self) {
        self.pending_offer = None;
        self.held = self
            .negotiated
            .as_ref()
            .and_then(|n| n.audio())
            .is_some_and(|m| m.local_hold);
    }

    /// Asks for hold (true) or unhold (false) in the next offer and answers.
    pub fn set_hold(&mut self, held: bool) {
        self.held = held;
    }

    /// Whether we asked for hold.
    pub fn held(&self) -> bool {
        self.held
    }

    /// Whether the peer made the last offer, and how many audio streams it offered.
    pub fn remote_offer_info(&self) -> (bool, u32) {
        (self.remote_offerer, self.rem_audio_count)
    }

    /// The negotiated session, once there is one.
    pub fn negotiated(&self) -> Option<&Negotiated> {
        self.negotiated.as_ref()
    }

    /// PJSUA2's CallMediaInfo for each media line.
    pub fn info(&self) -> Vec<CallMediaInfo> {
        let Some(n) = &self.negotiated else {
            return Vec::new();
        };
        n.media
            .iter()
            .map(|m| {
                let audio = m.media_type == "audio";
                let status = match m.status() {
                    MediaStatus::Disabled => PJSUA2RS_CALL_MEDIA_NONE,
                    MediaStatus::Active => PJSUA2RS_CALL_MEDIA_ACTIVE,
                    MediaStatus::LocalHold => PJSUA2RS_CALL_MEDIA_LOCAL_HOLD,
                    MediaStatus::RemoteHold => PJSUA2RS_CALL_MEDIA_REMOTE_HOLD,
                };
                let dir = if m.enabled {
                    direction_bits(m.direction)
                } else {
                    0
                };
                CallMediaInfo {
                    index: m.index as u32,
                    media_type: if audio { 1 } else { 0 },
                    dir,
                    status,
                    audio_conf_slot: -1,
                }
            })
            .collect()
    }
}

/// PJMEDIA_DIR bits: ENCODING (we send) 1, DECODING (we receive) 2.
fn direction_bits(d: Direction) -> i32 {
    (if d.sends() { 1 } else { 0 }) | (if d.receives() { 2 } else { 0 })
}
