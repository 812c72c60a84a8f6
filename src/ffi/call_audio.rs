//! The C ABI of a call's audio (PJSUA2's `Call::getAudioMedia`, `dialDtmf`,
//! `getStreamInfo`, `getStreamStat`) with flat C records of `StreamInfo` and
//! `StreamStat`.

use super::boundary::ffi_call;
use super::call::call_target;
use super::call_events::pjsua2rs_call;
use super::endpoint::write_out;
use super::strings::arg_str;
use crate::rtp::{JbufState, MathStat, RtcpStreamStat, StreamStat};
use crate::ua::fixed_str::FixedStr;
use crate::ua::media::stream::StreamInfo;
use crate::ua::status::pjsua2rs_status;
use std::os::raw::{c_char, c_int};

/// PJSUA2's `Call::getAudioMedia(med_idx)`: the conference slot of the call's audio
/// (`med_idx` -1: the first audio stream), for `pjsua2rs_audio_media_*`. Fails
/// (PJSUA2RS_ERR_INVALID_OP) while the call has no active audio.
#[no_mangle]
pub extern "C" fn pjsua2rs_call_get_audio_media(
    c: pjsua2rs_call,
    med_idx: c_int,
    out_slot: *mut c_int,
) -> pjsua2rs_status {
    ffi_call("pjsua2rs_call_get_audio_media()", || {
        let (ep, key) = call_target(c)?;
        let slot = ep.call_get_audio_media(key, med_idx)?;
        write_out(out_slot, slot as c_int, "out_slot")
    })
}

/// PJSUA2's `Call::dialDtmf`: sends `digits` (0-9, *, #, A-D) as RFC 4733 events on the
/// call's audio stream.
#[no_mangle]
pub extern "C" fn pjsua2rs_call_dial_dtmf(
    c: pjsua2rs_call,
    digits: *const c_char,
) -> pjsua2rs_status {
    ffi_call("pjsua2rs_call_dial_dtmf()", || {
        let (ep, key) = call_target(c)?;
        // SAFETY: the caller promises a NUL-terminated string.
        let digits = unsafe { arg_str(digits, "digits")? };
        ep.call_dial_dtmf(key, digits)
    })
}

/// PJSUA2's `StreamInfo` of an audio stream.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct StreamInfoC {
    /// PJMEDIA_TYPE_AUDIO (1).
    pub media_type: c_int,
    /// PJSUA2RS_TP_PROTO_RTP_AVP (PJMEDIA_TP_PROTO_RTP_AVP, 0x8004) or
    /// PJSUA2RS_TP_PROTO_RTP_AVPF (0xa004).
    pub proto: c_int,
    /// PJMEDIA_DIR bits: ENCODING 1, DECODING 2.
    pub dir: c_int,
    /// Where RTP goes ("ip:port").
    pub remote_rtp_address: [c_char; 64],
    /// Where RTCP goes.
    pub remote_rtcp_address: [c_char; 64],
    /// Payload type sent.
    pub tx_pt: u32,
    /// Payload type received.
    pub rx_pt: u32,
    /// The codec's encoding name.
    pub codec_name: [c_char; 32],
    /// The codec's clock rate (PJSUA2's `codecClockRate`): 16000 for G.722, whose RTP
    /// clock runs at 8000.
    pub codec_clock_rate: u32,
    /// RTP and RTCP share one port (RFC 5761).
    pub rtcp_mux: bool,
    /// Telephone-event payload type sent (-1: none).
    pub tx_event_pt: c_int,
    /// Telephone-event payload type received (-1: none).
    pub rx_event_pt: c_int,
}

fn stream_info(i: &StreamInfo) -> StreamInfoC {
    let mut out = StreamInfoC {
        media_type: i.media_type,
        proto: i.proto,
        dir: i.dir,
        remote_rtp_address: [0; 64],
        remote_rtcp_address: [0; 64],
        tx_pt: i.tx_pt,
        rx_pt: i.rx_pt,
        codec_name: [0; 32],
        codec_clock_rate: i.codec_clock_rate,
        rtcp_mux: i.rtcp_mux,
        tx_event_pt: i.tx_event_pt,
        rx_event_pt: i.rx_event_pt,
    };
    out.remote_rtp_address.set_truncated(&i.remote_rtp_address);
    out.remote_rtcp_address
        .set_truncated(&i.remote_rtcp_address);
    out.codec_name.set_truncated(&i.codec_name);
    out
}

/// PJSUA2's `Call::getStreamInfo(med_idx)`.
#[no_mangle]
pub extern "C" fn pjsua2rs_call_get_stream_info(
    c: pjsua2rs_call,
    med_idx: c_int,
    out: *mut StreamInfoC,
) -> pjsua2rs_status {
    ffi_call("pjsua2rs_call_get_stream_info()", || {
        let (ep, key) = call_target(c)?;
        let info = ep.call_get_stream_info(key, med_idx)?;
        write_out(out, stream_info(&info), "out")
    })
}

/// PJSUA2's `MathStat`.
#[repr(C)]
#[derive(Clone, Copy, Default)]
pub struct MathStatC {
    /// Samples.
    pub n: u32,
    /// Largest.
    pub max: i64,
    /// Smallest.
    pub min: i64,
    /// Latest.
    pub last: i64,
    /// Mean.
    pub mean: i64,
}

fn math(m: &MathStat) -> MathStatC {
    MathStatC {
        n: m.n,
        max: m.max,
        min: m.min,
        last: m.last,
        mean: m.mean,
    }
}

/// PJSUA2's `RtcpStreamStat`: one direction of a stream.
#[repr(C)]
#[derive(Clone, Copy, Default)]
pub struct RtcpStreamStatC {
    /// Reports that updated these figures.
    pub update_cnt: u32,
    /// Packets.
    pub pkt: u64,
    /// Payload bytes.
    pub bytes: u64,
    /// Packets discarded.
    pub discard: u32,
    /// Packets lost.
    pub loss: u32,
    /// Packets out of order.
    pub reorder: u32,
    /// Duplicates.
    pub dup: u32,
    /// Loss periods, microseconds.
    pub loss_period_usec: MathStatC,
    /// Interarrival jitter, microseconds.
    pub jitter_usec: MathStatC,
}

fn direction(s: &RtcpStreamStat) -> RtcpStreamStatC {
    RtcpStreamStatC {
        update_cnt: s.update_count,
        pkt: s.pkt,
        bytes: s.bytes,
        discard: s.discard,
        loss: s.loss,
        reorder: s.reorder,
        dup: s.dup,
        loss_period_usec: math(&s.loss_period_usec),
        jitter_usec: math(&s.jitter_usec),
    }
}

/// PJSUA2's `JbufState`.
#[repr(C)]
#[derive(Clone, Copy, Default)]
pub struct JbufStateC {
    /// Largest frame, bytes.
    pub frame_size: u32,
    /// Least prefetch, frames.
    pub min_prefetch: u32,
    /// Most prefetch, frames.
    pub max_prefetch: u32,
    /// Current burst level, frames.
    pub burst: u32,
    /// Current prefetch, frames.
    pub prefetch: u32,
    /// Current size, frames.
    pub size: u32,
    /// Average delay, ms.
    pub avg_delay_msec: u32,
    /// Least delay, ms.
    pub min_delay_msec: u32,
    /// Most delay, ms.
    pub max_delay_msec: u32,
    /// Delay deviation, ms.
    pub dev_delay_msec: u32,
    /// Average burst, frames.
    pub avg_burst: u32,
    /// Frames lost.
    pub lost: u32,
    /// Frames discarded.
    pub discard: u32,
    /// Empty gets.
    pub empty: u32,
}

fn jbuf(j: &JbufState) -> JbufStateC {
    JbufStateC {
        frame_size: j.frame_size,
        min_prefetch: j.min_prefetch,
        max_prefetch: j.max_prefetch,
        burst: j.burst,
        prefetch: j.prefetch,
        size: j.size,
        avg_delay_msec: j.avg_delay_msec,
        min_delay_msec: j.min_delay_msec,
        max_delay_msec: j.max_delay_msec,
        dev_delay_msec: j.dev_delay_msec,
        avg_burst: j.avg_burst,
        lost: j.lost,
        discard: j.discard,
        empty: j.empty,
    }
}

/// PJSUA2's `StreamStat`: `rtcp` (what we sent, what we received, round-trip time) and
/// `jbuf`.
#[repr(C)]
#[derive(Clone, Copy, Default)]
pub struct StreamStatC {
    /// What we sent.
    pub tx_stat: RtcpStreamStatC,
    /// What we received.
    pub rx_stat: RtcpStreamStatC,
    /// Round-trip time, microseconds.
    pub rtt_usec: MathStatC,
    /// Timestamp of the last RTP packet sent.
    pub rtp_tx_last_ts: u32,
    /// Sequence number of the last RTP packet sent.
    pub rtp_tx_last_seq: u16,
    /// The jitter buffer.
    pub jbuf: JbufStateC,
}

fn stream_stat(s: &StreamStat) -> StreamStatC {
    StreamStatC {
        tx_stat: direction(&s.rtcp.tx_stat),
        rx_stat: direction(&s.rtcp.rx_stat),
        rtt_usec: math(&s.rtcp.rtt_usec),
        rtp_tx_last_ts: s.rtcp.rtp_tx_last_ts,
        rtp_tx_last_seq: s.rtcp.rtp_tx_last_seq,
        jbuf: jbuf(&s.jbuf),
    }
}

/// PJSUA2's `Call::getStreamStat(med_idx)`.
#[no_mangle]
pub extern "C" fn pjsua2rs_call_get_stream_stat(
    c: pjsua2rs_call,
    med_idx: c_int,
    out: *mut StreamStatC,
) -> pjsua2rs_status {
    ffi_call("pjsua2rs_call_get_stream_stat()", || {
        let (ep, key) = call_target(c)?;
        let stat = ep.call_get_stream_stat(key, med_idx)?;
        write_out(out, stream_stat(&stat), "out")
    })
}
