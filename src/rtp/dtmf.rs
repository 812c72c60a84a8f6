//! DTMF as RFC 4733 telephone-events: the 4-byte event payload (§2.3), a sender that
//! turns a digit string into event packets (one timestamp per event, the marker on its
//! first packet, the duration growing every packet period, the end packet sent three
//! times, a gap between digits), and a receiver that turns event packets into one start
//! and one end per digit however packets are lost, repeated or reordered.
//!
//! Events 0-15 are the DTMF digits "0123456789*#ABCD" (§3.2); other events are ignored.

use std::collections::VecDeque;
use std::fmt;
use std::time::{Duration, Instant};

/// The DTMF digits in event-code order.
const DIGITS: &[u8; 16] = b"0123456789*#ABCD";
/// How many times the end of an event is sent (RFC 4733 §2.5.1.4).
const END_PACKETS: u32 = 3;

/// The digit of a DTMF event code (0-15), if it is one.
pub fn event_to_digit(event: u8) -> Option<char> {
    DIGITS.get(event as usize).map(|&d| d as char)
}

/// The event code of a DTMF digit ("0-9", "*", "#", "A-D" in either case).
pub fn digit_to_event(digit: char) -> Option<u8> {
    let upper = digit.to_ascii_uppercase();
    DIGITS
        .iter()
        .position(|&d| d as char == upper)
        .map(|i| i as u8)
}

/// Why telephone-event input was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DtmfError {
    /// A payload shorter than the 4-byte event.
    TooShort,
    /// A character that is not a DTMF digit.
    BadDigit(char),
}

impl fmt::Display for DtmfError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DtmfError::TooShort => write!(f, "telephone-event payload shorter than 4 bytes"),
            DtmfError::BadDigit(c) => write!(f, "{c:?} is not a DTMF digit"),
        }
    }
}

impl std::error::Error for DtmfError {}

/// One telephone-event payload (RFC 4733 §2.3).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TelephoneEvent {
    /// The event code.
    pub event: u8,
    /// The E bit: this packet ends the event.
    pub end: bool,
    /// Power level in -dBm0 (0 to 63).
    pub volume: u8,
    /// Duration so far, in timestamp units.
    pub duration: u16,
}

impl TelephoneEvent {
    /// Reads the first four bytes of a payload (more may follow in a redundant format;
    /// they are not looked at).
    pub fn parse(payload: &[u8]) -> Result<Self, DtmfError> {
        let b = payload.get(..4).ok_or(DtmfError::TooShort)?;
        Ok(TelephoneEvent {
            event: b[0],
            end: b[1] & 0x80 != 0,
            volume: b[1] & 0x3f,
            duration: u16::from_be_bytes([b[2], b[3]]),
        })
    }

    /// The 4-byte payload (the R bit zero).
    pub fn to_bytes(&self) -> [u8; 4] {
        let d = self.duration.to_be_bytes();
        [
            self.event,
            ((self.end as u8) << 7) | (self.volume & 0x3f),
            d[0],
            d[1],
        ]
    }
}

/// How digits are sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DtmfSenderConfig {
    /// The telephone-event clock rate (8000 unless negotiated otherwise).
    pub clock_rate: u32,
    /// The packet period: how often [`DtmfSender::poll`] is called, in ms.
    pub packet_ms: u32,
    /// Tone duration per digit, in ms (PJSUA2's `CallSendDtmfParam.duration`, 160).
    pub duration_ms: u32,
    /// Silence between digits after the end packets, in ms.
    pub gap_ms: u32,
    /// Power level in -dBm0.
    pub volume: u8,
}

impl Default for DtmfSenderConfig {
    fn default() -> Self {
        DtmfSenderConfig {
            clock_rate: 8000,
            packet_ms: 20,
            duration_ms: 160,
            gap_ms: 60,
            volume: 10,
        }
    }
}

/// A telephone-event packet to send in place of audio.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DtmfPacket {
    /// The marker bit (the first packet of an event).
    pub marker: bool,
    /// The event's timestamp (its start), relative like [`super::session::RtpSession::write_rtp`]'s.
    pub rel_ts: u32,
    /// The payload.
    pub payload: [u8; 4],
}

#[derive(Clone, Copy, Debug)]
struct Tone {
    event: u8,
    rel_ts: u32,
    sent: u32,
    /// Packets until the end (the first end packet included).
    packets: u32,
}

/// Sends a queue of digits as RFC 4733 events, one packet per packet period.
#[derive(Clone, Debug)]
pub struct DtmfSender {
    cfg: DtmfSenderConfig,
    /// Events waiting, with their durations in ms.
    queue: VecDeque<(u8, u32)>,
    tone: Option<Tone>,
    gap_left: u32,
}

impl DtmfSender {
    /// An idle sender.
    pub fn new(cfg: DtmfSenderConfig) -> Self {
        DtmfSender {
            cfg,
            queue: VecDeque::new(),
            tone: None,
            gap_left: 0,
        }
    }

    /// Queues digits, each lasting the configured duration; nothing is queued if any
    /// character is not a DTMF digit.
    pub fn send_digits(&mut self, digits: &str) -> Result<(), DtmfError> {
        self.send_digits_for(digits, self.cfg.duration_ms)
    }

    /// Queues digits lasting `duration_ms` each (PJSUA2's `CallSendDtmfParam.duration`;
    /// capped at the 16-bit duration field, about 8 s at 8 kHz); nothing is queued if
    /// any character is not a DTMF digit.
    pub fn send_digits_for(&mut self, digits: &str, duration_ms: u32) -> Result<(), DtmfError> {
        let events: Vec<u8> = digits
            .chars()
            .map(|c| digit_to_event(c).ok_or(DtmfError::BadDigit(c)))
            .collect::<Result<_, _>>()?;
        self.queue
            .extend(events.into_iter().map(|e| (e, duration_ms)));
        Ok(())
    }

    /// Whether digits are being sent or wait to be.
    pub fn is_busy(&self) -> bool {
        self.tone.is_some() || self.gap_left > 0 || !self.queue.is_empty()
    }

    /// Called once per packet period with the media position `rel_ts`: the packet to
    /// send instead of audio, or `None` (send audio as usual).
    pub fn poll(&mut self, rel_ts: u32) -> Option<DtmfPacket> {
        let packet_ms = self.cfg.packet_ms.max(1);
        if self.tone.is_none() {
            if self.gap_left > 0 {
                self.gap_left -= 1;
                return None;
            }
            let (event, duration_ms) = self.queue.pop_front()?;
            self.tone = Some(Tone {
                event,
                rel_ts,
                sent: 0,
                packets: duration_ms.div_ceil(packet_ms).max(1),
            });
        }
        let per_packet = self.cfg.clock_rate as u64 * packet_ms as u64 / 1000;
        let tone = self.tone.as_mut()?;
        let packets = tone.packets;
        tone.sent += 1;
        let end = tone.sent >= packets;
        let duration = (per_packet * tone.sent.min(packets) as u64).min(u16::MAX as u64) as u16;
        let event = TelephoneEvent {
            event: tone.event,
            end,
            volume: self.cfg.volume,
            duration,
        };
        let packet = DtmfPacket {
            marker: tone.sent == 1,
            rel_ts: tone.rel_ts,
            payload: event.to_bytes(),
        };
        if tone.sent >= packets.saturating_add(END_PACKETS - 1) {
            self.tone = None;
            self.gap_left = self.cfg.gap_ms / packet_ms;
        }
        Some(packet)
    }
}

/// A digit as the receiver reports it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DtmfDigit {
    /// A digit began (PJSUA2 `onDtmfDigit`).
    Start {
        /// The digit.
        digit: char,
        /// The event's RTP timestamp.
        timestamp: u32,
    },
    /// It ended: its end packet arrived, the next event began, or updates stopped.
    End {
        /// The digit.
        digit: char,
        /// The event's RTP timestamp.
        timestamp: u32,
        /// The longest duration reported, in ms.
        duration_ms: u32,
    },
}

#[derive(Clone, Copy, Debug)]
struct RxTone {
    event: u8,
    ts: u32,
    duration: u16,
    last: Instant,
}

/// Turns received telephone-event packets into one start and one end per digit.
#[derive(Clone, Debug)]
pub struct DtmfReceiver {
    clock_rate: u32,
    end_timeout: Duration,
    tone: Option<RxTone>,
    last_ended: Option<u32>,
    digits: VecDeque<DtmfDigit>,
}

impl DtmfReceiver {
    /// A receiver for events at `clock_rate` that ends an event when no packet of it
    /// came for `end_timeout` (a few packet periods; 300 ms suits 20-50 ms updates).
    pub fn new(clock_rate: u32, end_timeout: Duration) -> Self {
        DtmfReceiver {
            clock_rate: clock_rate.max(1),
            end_timeout,
            tone: None,
            last_ended: None,
            digits: VecDeque::new(),
        }
    }

    /// Takes the payload of a telephone-event packet with RTP timestamp `ts`.
    pub fn handle(&mut self, now: Instant, ts: u32, payload: &[u8]) -> Result<(), DtmfError> {
        let ev = TelephoneEvent::parse(payload)?;
        if event_to_digit(ev.event).is_none() {
            return Ok(());
        }
        if let Some(tone) = self.tone.as_mut() {
            if ts == tone.ts {
                tone.duration = tone.duration.max(ev.duration);
                tone.last = now;
                if ev.end {
                    self.finish();
                }
                return Ok(());
            }
            if older(ts, tone.ts) {
                return Ok(());
            }
            // A new event before this one's end arrived: its end was lost.
            self.finish();
        }
        if self.last_ended.is_some_and(|e| ts == e || older(ts, e)) {
            // A repeated end packet, or a late packet of an event already over.
            return Ok(());
        }
        let digit = DIGITS[ev.event as usize] as char;
        self.digits.push_back(DtmfDigit::Start {
            digit,
            timestamp: ts,
        });
        self.tone = Some(RxTone {
            event: ev.event,
            ts,
            duration: ev.duration,
            last: now,
        });
        if ev.end {
            self.finish();
        }
        Ok(())
    }

    /// Ends the current event.
    fn finish(&mut self) {
        if let Some(tone) = self.tone.take() {
            let duration_ms = (tone.duration as u64 * 1000 / self.clock_rate as u64) as u32;
            let digit = DIGITS[tone.event as usize] as char;
            self.digits.push_back(DtmfDigit::End {
                digit,
                timestamp: tone.ts,
                duration_ms,
            });
            self.last_ended = Some(tone.ts);
        }
    }

    /// When an unfinished event times out.
    pub fn poll_timeout(&self) -> Option<Instant> {
        self.tone.and_then(|t| t.last.checked_add(self.end_timeout))
    }

    /// Ends an event whose packets stopped coming.
    pub fn handle_timeout(&mut self, now: Instant) {
        if self.poll_timeout().is_some_and(|at| at <= now) {
            self.finish();
        }
    }

    /// The next digit event.
    pub fn poll_digit(&mut self) -> Option<DtmfDigit> {
        self.digits.pop_front()
    }

    /// Forgets the events heard so far, for a new remote source (the session's
    /// `NewSource`): its timestamps are unrelated to the old one's. An event still
    /// sounding is ended first.
    pub fn reset(&mut self) {
        self.finish();
        self.last_ended = None;
    }
}

/// Whether timestamp `a` is before `b` (modulo 2^32).
fn older(a: u32, b: u32) -> bool {
    (a.wrapping_sub(b) as i32) < 0
}

#[cfg(test)]
#[path = "dtmf_tests.rs"]
mod tests;
