//! A call's audio from the core's side: the codecs a new call offers (from the media
//! engine's registry), and the audio stream that runs in the conference bridge while the
//! negotiated audio is enabled: started when the first negotiation completes, updated by
//! re-INVITEs and UPDATEs (hold, new address, new codec), stopped when the stream is
//! disabled or the call ends. Also the call operations that need the stream (RFC 4733
//! DTMF, stream statistics).

use super::calls::CallState;
use super::{AppEvent, UaCore};
use crate::media::Slot;
use crate::rng::Rng;
use crate::rtp::StreamStat;
use crate::sdp::{Codec, TelephoneEvent};
use crate::ua::account::rtcp_feedback::RtcpFeedback;
use crate::ua::call::{CallId, CallKey, OnDtmfDigitParam, PJSUA2RS_DTMF_METHOD_RFC2833};
use crate::ua::media::stream::{AudioStream, StreamEvent, StreamInfo, StreamSetup};
use crate::ua::media::transport::RtpTransport;
use crate::ua::media::MediaEngine;
use crate::ua::status::*;
use crate::ua::{Error, Result};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// Stream ids, unique in the process: a slot reused by another port is never mistaken
/// for the call's stream.
static NEXT_STREAM: AtomicU64 = AtomicU64::new(1);

/// The audio of a call.
#[derive(Debug, Default)]
pub(super) enum CallAudio {
    /// The sockets our SDP names, before the stream starts.
    Bound(RtpTransport),
    /// The stream runs in the bridge.
    Running {
        /// Its conference slot.
        slot: Slot,
        /// Its id.
        id: u64,
    },
    /// No stream and no sockets (it could not start, was disabled, or the call ended).
    #[default]
    Gone,
}

impl CallAudio {
    /// The conference slot of the running stream.
    pub fn slot(&self) -> Option<Slot> {
        match self {
            CallAudio::Running { slot, .. } => Some(*slot),
            _ => None,
        }
    }
}

impl UaCore {
    /// Gives the core the media engine that calls' streams run in.
    pub fn set_media(&mut self, media: Arc<MediaEngine>) {
        self.media = Some(media);
    }

    /// The codecs a new call offers (by priority, as `codecSetPriority` left them), each
    /// with the RTCP `feedback` for its codec id, and telephone-event at each of their RTP
    /// clock rates.
    pub(super) fn offer_codecs(
        &self,
        feedback: &[RtcpFeedback],
    ) -> (Vec<Codec>, Vec<TelephoneEvent>) {
        let Some(media) = &self.media else {
            let g711 = vec![Codec::new("PCMU", 8000, 1), Codec::new("PCMA", 8000, 1)];
            return (g711, vec![TelephoneEvent::new(8000)]);
        };
        let enabled = media.codecs().enabled_with_params();
        let mut events: Vec<TelephoneEvent> = Vec::new();
        let codecs = enabled
            .into_iter()
            .map(|(c, priority, param)| {
                if !events.iter().any(|e| e.clock_rate == c.rtp_clock_rate) {
                    events.push(TelephoneEvent::new(c.rtp_clock_rate));
                }
                let fmtp: Vec<String> = param
                    .setting
                    .dec_fmtp
                    .iter()
                    .map(|f| format!("{}={}", f.name, f.val))
                    .collect();
                let mut codec = Codec::new(c.name, c.rtp_clock_rate, c.channels);
                codec.payload_type = c.static_pt;
                codec.fmtp = (!fmtp.is_empty()).then(|| fmtp.join(";"));
                codec.priority = priority;
                let id = c.id();
                codec.rtcp_feedback = feedback
                    .iter()
                    .filter(|f| f.codec_id != "*" && f.applies_to(&id))
                    .map(|f| f.value.clone())
                    .collect();
                codec
            })
            .collect();
        (codecs, events)
    }

    /// Brings the call's stream in line with its negotiated audio.
    pub(super) fn sync_audio(&mut self, call: CallId) {
        let Some(media) = self.media.clone() else {
            return;
        };
        let key = self.key_of(call);
        let Some(c) = self.calls.get_mut(&call) else {
            return;
        };
        let setup = c
            .media
            .negotiated()
            .and_then(|n| n.audio())
            .map(StreamSetup::from_negotiated);
        let result = match (setup, std::mem::take(&mut c.audio)) {
            (Some(Ok(setup)), CallAudio::Bound(sockets)) => start_stream(
                &media,
                &mut self.rng,
                key,
                setup,
                sockets,
                (self.sink.clone(), self.logger.clone()),
            )
            .map(|(slot, id)| CallAudio::Running { slot, id }),
            (Some(Ok(setup)), CallAudio::Running { slot, id }) => {
                let codecs = media.codecs().clone();
                let r = with_stream(&media, slot, id, |s| s.update(setup, &codecs));
                r.map(|_| CallAudio::Running { slot, id })
                    .map_err(|e| (e, CallAudio::Running { slot, id }))
            }
            (setup, CallAudio::Running { slot, id }) => {
                // Disabled (port 0) or not usable: the sockets wait for a new offer.
                let why = match setup {
                    Some(Err(e)) => e,
                    _ => "the audio stream was disabled".into(),
                };
                stop_stream(&media, slot, id);
                Err((why, CallAudio::Gone))
            }
            (Some(Err(why)), other) => Err((why, other)),
            (_, other) => Ok(other),
        };
        let c = self.calls.get_mut(&call).expect("the call was found above");
        c.audio = match result {
            Ok(a) => a,
            Err((why, a)) => {
                self.logger
                    .log(3, "pjsua2rs_media", &format!("call {call}: audio: {why}"));
                a
            }
        };
    }

    /// Stops the call's stream for good (the call ends).
    pub(super) fn stop_audio(&mut self, c: &mut CallState) {
        if let (Some(media), CallAudio::Running { slot, id }) = (&self.media, &c.audio) {
            stop_stream(media, *slot, *id);
        }
        c.audio = CallAudio::Gone;
    }

    fn stream_of(&mut self, key: CallKey, med_idx: i32) -> Result<(Arc<MediaEngine>, Slot, u64)> {
        let c = self.call(key)?;
        let audio_index = c
            .media
            .negotiated()
            .and_then(|n| n.audio())
            .map(|m| m.index as i32);
        let running = match &c.audio {
            CallAudio::Running { slot, id } => Some((*slot, *id)),
            _ => None,
        };
        let media = self.media.clone();
        match (media, running, audio_index) {
            (Some(m), Some((slot, id)), Some(i)) if med_idx == -1 || med_idx == i => {
                Ok((m, slot, id))
            }
            _ => Err(Error::new(
                PJSUA2RS_ERR_INVALID_OP,
                "",
                format!(
                    "call {} has no active audio stream at index {med_idx}",
                    key.id
                ),
            )),
        }
    }

    /// `Call::sendDtmf` / `dialDtmf` with RFC 4733 events on the call's stream.
    pub fn call_send_dtmf_rfc2833(
        &mut self,
        key: CallKey,
        digits: &str,
        duration_ms: u32,
    ) -> Result<()> {
        let (media, slot, id) = self.stream_of(key, -1)?;
        with_stream(&media, slot, id, |s| s.send_dtmf(digits, duration_ms))
            .map_err(|e| Error::new(PJSUA2RS_ERR_INVALID_ARG, "", e))
    }

    /// `Call::getStreamStat(med_idx)`.
    pub fn call_stream_stat(&mut self, key: CallKey, med_idx: i32) -> Result<StreamStat> {
        let (media, slot, id) = self.stream_of(key, med_idx)?;
        with_stream(&media, slot, id, |s| Ok(s.stat()))
            .map_err(|e| Error::new(PJSUA2RS_ERR_NOT_FOUND, "", e))
    }

    /// `Call::getStreamInfo(med_idx)`.
    pub fn call_stream_info(&mut self, key: CallKey, med_idx: i32) -> Result<StreamInfo> {
        let (media, slot, id) = self.stream_of(key, med_idx)?;
        with_stream(&media, slot, id, |s| Ok(s.info()))
            .map_err(|e| Error::new(PJSUA2RS_ERR_NOT_FOUND, "", e))
    }

    /// `Call::getAudioMedia(med_idx)`: the conference slot of the call's audio.
    pub fn call_audio_slot(&mut self, key: CallKey, med_idx: i32) -> Result<Slot> {
        self.stream_of(key, med_idx).map(|(_, slot, _)| slot)
    }
}

/// Creates the stream and puts it in the bridge; its digits go to the application
/// through `sink`, its warnings to the log.
fn start_stream(
    media: &MediaEngine,
    rng: &mut Rng,
    key: Option<CallKey>,
    setup: StreamSetup,
    sockets: RtpTransport,
    (sink, logger): (super::EventSink, Arc<crate::ua::log::Logger>),
) -> std::result::Result<(Slot, u64), (String, CallAudio)> {
    let id = NEXT_STREAM.fetch_add(1, Ordering::Relaxed);
    let on_event = Box::new(move |e: StreamEvent| match e {
        StreamEvent::Dtmf { digit, duration_ms } => {
            if let Some(call) = key {
                sink(AppEvent::DtmfDigit {
                    call,
                    prm: OnDtmfDigitParam {
                        method: PJSUA2RS_DTMF_METHOD_RFC2833,
                        digit: digit.to_string(),
                        duration: duration_ms,
                    },
                });
            }
        }
        StreamEvent::RtpTimeout { silent_for } => logger.log(
            2,
            "pjsua2rs_media",
            &format!(
                "call {}: no RTP from the peer for {} s",
                key.map_or(-1, |k| k.id),
                silent_for.as_secs()
            ),
        ),
    });
    let stream = AudioStream::new(id, setup, sockets, media, rng, on_event);
    let stream = stream.map_err(|e| (e, CallAudio::Gone))?;
    media
        .add_port(Box::new(stream))
        .map(|slot| (slot, id))
        .map_err(|e| (e.to_string(), CallAudio::Gone))
}

/// Runs `f` on the stream `id` in `slot`.
fn with_stream<R>(
    media: &MediaEngine,
    slot: Slot,
    id: u64,
    f: impl FnOnce(&mut AudioStream) -> std::result::Result<R, String>,
) -> std::result::Result<R, String> {
    let mut bridge = media.bridge();
    let s = bridge
        .port_mut::<AudioStream>(slot)
        .filter(|s| s.id() == id)
        .ok_or("the call's audio stream is gone")?;
    f(s)
}

/// Closes the stream (RTCP BYE) and takes it out of the bridge.
fn stop_stream(media: &MediaEngine, slot: Slot, id: u64) {
    if with_stream(media, slot, id, |s| {
        s.close();
        Ok(())
    })
    .is_ok()
    {
        // Dropped here, outside the bridge's lock: its sockets close.
        let _ = media.remove_port(slot);
    }
}
