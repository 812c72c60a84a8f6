//! A call's audio stream as a port of the conference bridge: what the bridge gives it is
//! encoded and sent as RTP to the peer; what arrives from the peer goes through the
//! jitter buffer and the decoder back into the bridge. The media thread drives it with
//! the bridge's clock, so a stream needs no thread of its own: each frame it drains its
//! (non-blocking) sockets, runs the RTCP and DTMF timers, and sends one frame's worth.
//!
//! Reading the sockets on the tick means arrival times are known to a frame: the jitter
//! buffer and RFC 3550's interarrival jitter see tick times, and an RTCP round trip can
//! read up to a frame long per side on loopback.
//!
//! RTP (RFC 3550) and RTCP, rtcp-mux (RFC 5761), symmetric RTP (latching onto the
//! peer's source address), RFC 4733 telephone-event both ways, and hold (nothing is
//! sent while the negotiated direction does not send).

mod codec_path;
mod setup;
#[cfg(test)]
mod tests;

pub use setup::{
    Packetization, StreamInfo, StreamSetup, PJSUA2RS_TP_PROTO_RTP_AVP, PJSUA2RS_TP_PROTO_RTP_AVPF,
};

use crate::media::codec::{CodecParam, CodecRegistry};
use crate::media::{AudioFormat, MediaPort};
use crate::rng::Rng;
use crate::rtp::RtpEvent;
use crate::rtp::{
    is_rtcp, DtmfDigit, DtmfReceiver, DtmfSender, DtmfSenderConfig, JbConfig, JbFrame,
    JitterBuffer, MediaJbSettings, PutResult, RtpPacket, RtpSession, RtpSessionConfig, RtpVerdict,
    StreamStat,
};
use crate::ua::media::transport::RtpTransport;
use crate::ua::media::MediaEngine;
use codec_path::{DecodePath, EncodePath};
use std::any::Any;
use std::net::SocketAddr;
use std::time::{Duration, Instant, SystemTime};

/// Datagrams read from each socket per frame at most (a burst beyond waits a frame).
const MAX_READS_PER_FRAME: usize = 64;
/// The longest run of concealed packets while the jitter buffer refills (PJMEDIA's
/// stream uses the same bound); silence after it.
const MAX_PLC_MS: u32 = 240;
/// How long a receiving stream waits for RTP before it reports a timeout.
pub const RTP_TIMEOUT: Duration = Duration::from_secs(10);
/// Valid packets in a row from a new address before the stream sends there.
const LATCH_PACKETS: u32 = 3;
/// A telephone event ends when no packet of it came for this long.
const DTMF_END_TIMEOUT: Duration = Duration::from_millis(300);

/// What a stream tells its call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StreamEvent {
    /// An RFC 4733 digit ended (reported once, in arrival order).
    Dtmf {
        /// The digit.
        digit: char,
        /// How long it lasted, in ms.
        duration_ms: u32,
    },
    /// No RTP came from the peer for [`RTP_TIMEOUT`] while the stream receives (reported
    /// once until packets come again).
    RtpTimeout {
        /// How long it has been silent.
        silent_for: Duration,
    },
}

/// Where a stream's events go (called on the media thread: it must only post).
pub type StreamEventSink = Box<dyn Fn(StreamEvent) + Send>;

/// The codec side of a stream, rebuilt when a new offer changes the codec.
struct CodecSide {
    id: String,
    param: CodecParam,
    /// What `StreamInfo.codec_clock_rate` reports ([`StreamSetup::codec_clock_rate`]).
    clock_rate: u32,
    enc: EncodePath,
    dec: DecodePath,
    jb: JitterBuffer,
    /// RTP timestamp units per packet.
    ts_per_packet: u32,
    /// How packets are cut and split.
    pack: Packetization,
    /// Audio has been decoded since the codec started.
    played: bool,
    /// Packets concealed in a row.
    concealed: u32,
}

impl CodecSide {
    fn new(
        setup: &StreamSetup,
        registry: &CodecRegistry,
        bridge: AudioFormat,
        jb: &MediaJbSettings,
    ) -> Result<CodecSide, String> {
        let (id, param, pack) = setup.codec_param(registry, bridge.clock_rate)?;
        let encoder = registry
            .create_encoder(&id, Some(&param))
            .map_err(|e| e.to_string())?;
        let decoder = registry
            .create_decoder(&id, Some(&param))
            .map_err(|e| e.to_string())?;
        let pcm_rate = param.info.clock_rate;
        let rtp_rate = setup.codec.clock_rate;
        Ok(CodecSide {
            enc: EncodePath::new(encoder, bridge.clock_rate, pcm_rate, pack.packet_ms)?,
            dec: DecodePath::new(decoder, pcm_rate, bridge.clock_rate)?,
            jb: JitterBuffer::new(JbConfig::from_pjsua(rtp_rate, pack.frame_ms, 1, jb)),
            ts_per_packet: rtp_rate * pack.packet_ms / 1000,
            pack,
            played: false,
            concealed: 0,
            clock_rate: setup.codec_clock_rate(registry),
            id,
            param,
        })
    }
}

/// One audio stream.
pub struct AudioStream {
    id: u64,
    name: String,
    sockets: RtpTransport,
    setup: StreamSetup,
    bridge: AudioFormat,
    jb_settings: MediaJbSettings,
    codec: CodecSide,
    session: RtpSession,
    dtmf_tx: DtmfSender,
    dtmf_rx: DtmfReceiver,
    remote_rtp: SocketAddr,
    remote_rtcp: SocketAddr,
    /// Another source address and how many packets in a row came from it.
    latch_candidate: Option<(SocketAddr, u32)>,
    /// The RTP timestamp of the next packet, relative to the session's base.
    tx_pos: u32,
    /// The next audio packet is the first of a talk spurt (marker bit).
    first_packet: bool,
    on_event: StreamEventSink,
    /// Closed: the stream waits to be removed.
    closed: bool,
    /// The encoded payload of the packet being sent.
    payload: Vec<u8>,
    /// The RTP packet being sent.
    packet: Vec<u8>,
    rx_buf: Vec<u8>,
}

impl AudioStream {
    /// A stream with id `id` (the owner's, to tell streams apart) on `sockets`, set up
    /// per `setup` with the codecs, bridge format and jitter buffer settings of `engine`
    /// (which must not be locked by the caller).
    pub fn new(
        id: u64,
        setup: StreamSetup,
        sockets: RtpTransport,
        engine: &MediaEngine,
        rng: &mut Rng,
        on_event: StreamEventSink,
    ) -> Result<AudioStream, String> {
        let bridge = engine.format();
        let jb_settings = engine.jb_settings();
        let codec = CodecSide::new(&setup, &engine.codecs(), bridge, &jb_settings)?;
        let now = Instant::now();
        let mut session = RtpSession::new(
            now,
            SystemTime::now(),
            RtpSessionConfig::new(setup.codec.clock_rate),
            rng,
        );
        session.set_rtp_timeout(now, rtp_timeout(&setup));
        Ok(AudioStream {
            id,
            name: format!("stream {} -> {}", sockets.port(), setup.remote_rtp),
            dtmf_tx: DtmfSender::new(dtmf_config(&setup, codec.pack.packet_ms)),
            dtmf_rx: DtmfReceiver::new(event_rate(&setup), DTMF_END_TIMEOUT),
            remote_rtp: setup.remote_rtp,
            remote_rtcp: setup.remote_rtcp,
            latch_candidate: None,
            sockets,
            setup,
            bridge,
            jb_settings,
            codec,
            session,
            tx_pos: 0,
            first_packet: true,
            on_event,
            closed: false,
            payload: Vec::with_capacity(1500),
            packet: Vec::with_capacity(1500),
            rx_buf: vec![0; 2048],
        })
    }

    /// The owner's id of this stream.
    pub fn id(&self) -> u64 {
        self.id
    }

    /// Takes a new negotiation (re-INVITE or UPDATE): new addresses, direction or codec.
    /// The RTP session (SSRC, sequence, statistics) goes on.
    pub fn update(&mut self, setup: StreamSetup, registry: &CodecRegistry) -> Result<(), String> {
        let codec_changed = setup.codec != self.setup.codec || setup.ptime != self.setup.ptime;
        if codec_changed {
            self.codec = CodecSide::new(&setup, registry, self.bridge, &self.jb_settings)?;
            self.dtmf_rx = DtmfReceiver::new(event_rate(&setup), DTMF_END_TIMEOUT);
            if !self.dtmf_tx.is_busy() {
                self.dtmf_tx = DtmfSender::new(dtmf_config(&setup, self.codec.pack.packet_ms));
            }
            self.first_packet = true;
        }
        if setup.remote_rtp != self.setup.remote_rtp || setup.remote_rtcp != self.setup.remote_rtcp
        {
            self.remote_rtp = setup.remote_rtp;
            self.remote_rtcp = setup.remote_rtcp;
        }
        if !setup.direction.sends() || !self.setup.direction.sends() {
            self.first_packet = true;
        }
        if setup.direction.receives() != self.setup.direction.receives() {
            self.session
                .set_rtp_timeout(Instant::now(), rtp_timeout(&setup));
        }
        self.setup = setup;
        Ok(())
    }

    /// Queues RFC 4733 digits, each lasting `duration_ms`.
    pub fn send_dtmf(&mut self, digits: &str, duration_ms: u32) -> Result<(), String> {
        if self.setup.telephone_event.is_none() {
            return Err("the peer did not accept telephone-event".into());
        }
        self.dtmf_tx
            .send_digits_for(digits, duration_ms)
            .map_err(|e| e.to_string())
    }

    /// PJSUA2's `StreamStat`.
    pub fn stat(&self) -> StreamStat {
        StreamStat {
            rtcp: self.session.stats(),
            jbuf: self.codec.jb.state(),
        }
    }

    /// PJSUA2's `StreamInfo`.
    pub fn info(&self) -> StreamInfo {
        let d = self.setup.direction;
        let te = self.setup.telephone_event.as_ref();
        StreamInfo {
            media_type: 1,
            proto: self.setup.proto,
            dir: i32::from(d.sends()) | (i32::from(d.receives()) << 1),
            remote_rtp_address: self.remote_rtp.to_string(),
            remote_rtcp_address: self.remote_rtcp.to_string(),
            tx_pt: self.setup.codec.remote_payload_type as u32,
            rx_pt: self.setup.codec.local_payload_type as u32,
            codec_name: self.setup.codec.encoding.clone(),
            codec_clock_rate: self.codec.clock_rate,
            codec_param: self.codec.param.clone(),
            rtcp_mux: self.setup.rtcp_mux,
            tx_event_pt: te.map_or(-1, |t| t.remote_payload_type as i32),
            rx_event_pt: te.map_or(-1, |t| t.local_payload_type as i32),
        }
    }

    /// The codec id in use (`PCMU/8000/1`).
    pub fn codec_id(&self) -> &str {
        &self.codec.id
    }

    /// Ends the stream: sends the RTCP BYE; nothing is sent after it.
    pub fn close(&mut self) {
        self.session.close(Instant::now(), None);
        self.send_rtcp();
        self.closed = true;
    }

    fn send_rtcp(&mut self) {
        while let Some(p) = self.session.poll_rtcp() {
            let (socket, to) = if self.setup.rtcp_mux {
                (&self.sockets.rtp, self.remote_rtp)
            } else {
                (&self.sockets.rtcp, self.remote_rtcp)
            };
            // A failed send is a lost packet; RTCP repeats its reports anyway.
            let _ = socket.send_to(&p, to);
        }
    }

    /// Reads what the sockets hold.
    fn receive(&mut self, now: Instant) {
        let mut buf = std::mem::take(&mut self.rx_buf);
        for _ in 0..MAX_READS_PER_FRAME {
            let Ok((n, from)) = self.sockets.rtp.recv_from(&mut buf) else {
                break;
            };
            if is_rtcp(&buf[..n]) {
                self.on_rtcp(now, from, &buf[..n]);
            } else {
                self.on_rtp(now, from, &buf[..n]);
            }
        }
        for _ in 0..MAX_READS_PER_FRAME {
            let Ok((n, from)) = self.sockets.rtcp.recv_from(&mut buf) else {
                break;
            };
            self.on_rtcp(now, from, &buf[..n]);
        }
        self.rx_buf = buf;
    }

    fn on_rtcp(&mut self, now: Instant, from: SocketAddr, data: &[u8]) {
        if self.session.handle_rtcp(now, from, data).is_ok() && !self.setup.rtcp_mux {
            // Symmetric RTCP: answer where the peer's reports come from.
            self.remote_rtcp = from;
        }
    }

    fn on_rtp(&mut self, now: Instant, from: SocketAddr, data: &[u8]) {
        let Ok(packet) = RtpPacket::parse(data) else {
            return;
        };
        let pt = packet.payload_type;
        let event = self
            .setup
            .telephone_event
            .as_ref()
            .is_some_and(|t| pt == t.local_payload_type || pt == t.remote_payload_type);
        let audio =
            pt == self.setup.codec.local_payload_type || pt == self.setup.codec.remote_payload_type;
        if !event && !audio {
            return;
        }
        let verdict = self.session.handle_rtp(now, from, &packet);
        if !matches!(verdict, RtpVerdict::Accept | RtpVerdict::NewSource) {
            return;
        }
        self.latch(from);
        if verdict == RtpVerdict::NewSource {
            self.codec.jb.reset();
            self.codec.dec.clear();
            self.codec.played = false;
            self.dtmf_rx.reset();
        }
        if event {
            // A malformed event payload is dropped like any bad packet.
            let _ = self.dtmf_rx.handle(now, packet.timestamp, packet.payload);
            return;
        }
        let frames = self
            .codec
            .pack
            .frame_bytes
            .map_or(1, |b| (packet.payload.len() / b).max(1) as u32);
        let put = self.codec.jb.put_frames(
            now,
            packet.sequence,
            packet.timestamp,
            packet.payload,
            packet.marker,
            frames,
        );
        if matches!(put, PutResult::Late | PutResult::Duplicate) {
            self.session.note_discarded(1);
        }
    }

    /// Symmetric RTP: after [`LATCH_PACKETS`] valid packets in a row from another address
    /// than the one we send to (a peer behind NAT), send there instead. A packet from the
    /// current address resets the count, so a stray source cannot take the stream over.
    fn latch(&mut self, from: SocketAddr) {
        if from == self.remote_rtp {
            self.latch_candidate = None;
            return;
        }
        let count = match self.latch_candidate {
            Some((addr, n)) if addr == from => n + 1,
            _ => 1,
        };
        if count < LATCH_PACKETS {
            self.latch_candidate = Some((from, count));
            return;
        }
        self.latch_candidate = None;
        self.remote_rtp = from;
        if self.setup.rtcp_mux {
            self.remote_rtcp = from;
        }
    }

    /// Runs the RTCP and DTMF timers and reports what they produced.
    fn run_timers(&mut self, now: Instant) {
        if self.session.poll_timeout().is_some_and(|t| t <= now) {
            self.session.handle_timeout(now);
        }
        self.send_rtcp();
        while let Some(e) = self.session.poll_event() {
            if let RtpEvent::RtpTimeout { silent_for } = e {
                (self.on_event)(StreamEvent::RtpTimeout { silent_for });
            }
        }
        if self.dtmf_rx.poll_timeout().is_some_and(|t| t <= now) {
            self.dtmf_rx.handle_timeout(now);
        }
        while let Some(d) = self.dtmf_rx.poll_digit() {
            if let DtmfDigit::End {
                digit, duration_ms, ..
            } = d
            {
                (self.on_event)(StreamEvent::Dtmf { digit, duration_ms });
            }
        }
    }

    fn send_rtp(&mut self, now: Instant, pt: u8, marker: bool, rel_ts: u32, payload: &[u8]) {
        if self
            .session
            .write_rtp(now, pt, marker, rel_ts, payload, &mut self.packet)
            .is_ok()
        {
            // A failed send is a lost packet: the peer conceals it.
            let _ = self.sockets.rtp.send_to(&self.packet, self.remote_rtp);
        }
    }
}

/// The RTP timeout of a stream set up so: none while it does not receive (on hold).
fn rtp_timeout(setup: &StreamSetup) -> Option<Duration> {
    setup.direction.receives().then_some(RTP_TIMEOUT)
}

/// The clock rate telephone events use: the negotiated one, else the codec's.
fn event_rate(setup: &StreamSetup) -> u32 {
    setup
        .telephone_event
        .as_ref()
        .map_or(setup.codec.clock_rate, |t| t.clock_rate)
}

fn dtmf_config(setup: &StreamSetup, packet_ms: u32) -> DtmfSenderConfig {
    DtmfSenderConfig {
        clock_rate: event_rate(setup),
        packet_ms,
        ..DtmfSenderConfig::default()
    }
}

impl MediaPort for AudioStream {
    fn name(&self) -> &str {
        &self.name
    }

    fn get_frame(&mut self, now: Instant, out: &mut [i16]) -> bool {
        if self.closed {
            return false;
        }
        self.receive(now);
        self.run_timers(now);
        let c = &mut self.codec;
        let max_plc = MAX_PLC_MS / c.pack.frame_ms.max(1);
        // At most a few packets per frame: a packet time shorter than the frame's.
        for _ in 0..8 {
            if c.dec.has(out.len()) {
                break;
            }
            // A frame that does not decode is concealed like a lost one; so is a short
            // underflow once audio has played (as PJMEDIA's stream does), while the
            // buffer fills again.
            let (ok, missing) = match c.jb.get(now) {
                JbFrame::Normal(payload) => (c.dec.decode(payload).is_ok(), false),
                JbFrame::Missing => (false, true),
                JbFrame::Empty if c.concealed < max_plc && c.played => (false, false),
                JbFrame::Empty => break,
            };
            // A lost frame whose successor is here: Opus rebuilds it from the
            // successor's in-band FEC.
            let rebuilt = missing && c.jb.peek().is_some_and(|next| c.dec.recover(next).is_ok());
            if ok {
                c.played = true;
                c.concealed = 0;
            } else if rebuilt || c.dec.conceal().is_ok() {
                c.concealed += 1;
            } else {
                break;
            }
        }
        c.dec.take(out) && self.setup.direction.receives()
    }

    fn put_frame(&mut self, now: Instant, frame: Option<&[i16]>) {
        let frame_len = self.bridge.samples_per_frame();
        if self.closed {
            return;
        }
        if !self.setup.direction.sends() {
            // On hold: nothing goes out, but the timestamps keep time.
            self.codec.enc.clear();
            let rate = self.setup.codec.clock_rate as u64;
            let frame_ts = rate * self.bridge.ptime_ms as u64 / 1000;
            self.tx_pos = self.tx_pos.wrapping_add(frame_ts as u32);
            return;
        }
        self.codec.enc.push(frame, frame_len);
        let ts_step = self.codec.ts_per_packet;
        let event_pt = self
            .setup
            .telephone_event
            .as_ref()
            .map(|t| t.remote_payload_type);
        while self.codec.enc.ready() {
            if let Some(pt) = event_pt {
                if let Some(d) = self.dtmf_tx.poll(self.tx_pos) {
                    self.codec.enc.skip_packet();
                    self.send_rtp(now, pt, d.marker, d.rel_ts, &d.payload);
                    self.tx_pos = self.tx_pos.wrapping_add(ts_step);
                    self.first_packet = true;
                    continue;
                }
            }
            let mut payload = std::mem::take(&mut self.payload);
            let encoded = self.codec.enc.encode_next(&mut payload);
            if let Some(Ok(())) = encoded {
                let (pt, marker, pos) = (
                    self.setup.codec.remote_payload_type,
                    self.first_packet,
                    self.tx_pos,
                );
                self.send_rtp(now, pt, marker, pos, &payload);
            }
            self.payload = payload;
            self.first_packet = false;
            self.tx_pos = self.tx_pos.wrapping_add(ts_step);
        }
    }

    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}
