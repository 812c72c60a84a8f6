//! The result of an offer/answer exchange, per media line (RFC 3264 §6, §7): the codecs
//! with both sides' payload types, telephone-event, the remote RTP and RTCP addresses,
//! the direction we may use and the hold state; and `apply_answer`, which checks an
//! answer against the offer we sent and yields that result.

use super::attributes::RtpMap;
use super::direction::Direction;
use super::model::{MediaDescription, SessionDescription};
use std::fmt;
use std::net::{IpAddr, SocketAddr};

/// Why an offer/answer exchange failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NegotiationError {
    /// Nothing in the offer is usable, or the answer rejected every stream: a UAS
    /// answers 488 Not Acceptable Here.
    NotAcceptable,
    /// We have no enabled codec to offer.
    NoLocalCodecs,
    /// The answer does not fit the offer (RFC 3264 §6, §7).
    InvalidAnswer(String),
}

impl fmt::Display for NegotiationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NegotiationError::NotAcceptable => f.write_str("no acceptable media"),
            NegotiationError::NoLocalCodecs => f.write_str("no enabled codec to offer"),
            NegotiationError::InvalidAnswer(why) => write!(f, "invalid SDP answer: {why}"),
        }
    }
}

impl std::error::Error for NegotiationError {}

/// The negotiated session: one entry per media line, in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Negotiated {
    /// The media lines.
    pub media: Vec<NegotiatedMedia>,
}

impl Negotiated {
    /// The first enabled audio stream, the one PJSUA2 calls the call's audio.
    pub fn audio(&self) -> Option<&NegotiatedMedia> {
        self.media
            .iter()
            .find(|m| m.enabled && m.media_type.eq_ignore_ascii_case("audio"))
    }
}

/// A stream's state, as PJSUA2's `CallMediaInfo.status`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MediaStatus {
    /// Rejected or disabled (`PJSUA_CALL_MEDIA_NONE`).
    Disabled,
    /// Running (`PJSUA_CALL_MEDIA_ACTIVE`).
    Active,
    /// We put the other side on hold (`PJSUA_CALL_MEDIA_LOCAL_HOLD`).
    LocalHold,
    /// The other side put us on hold (`PJSUA_CALL_MEDIA_REMOTE_HOLD`).
    RemoteHold,
}

/// One negotiated media line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NegotiatedMedia {
    /// The m-line's index in the descriptions.
    pub index: usize,
    /// The media type (`audio`, `video`...).
    pub media_type: String,
    /// Whether both sides kept the stream (port not 0).
    pub enabled: bool,
    /// The transport protocol.
    pub proto: String,
    /// The common codecs (telephone-event apart), preferred first; RTP may switch among
    /// them without a new offer.
    pub codecs: Vec<NegotiatedCodec>,
    /// Telephone-event (RFC 4733), preferably at the first codec's clock rate.
    pub telephone_event: Option<NegotiatedCodec>,
    /// Our RTP port for this stream.
    pub local_port: u16,
    /// Where to send RTP.
    pub remote_rtp: Option<MediaAddress>,
    /// Where to send RTCP: the RTP address with rtcp-mux, else `a=rtcp`, else port + 1.
    pub remote_rtcp: Option<MediaAddress>,
    /// Whether RTP and RTCP share the port (both sides have `a=rtcp-mux`, RFC 5761).
    pub rtcp_mux: bool,
    /// The remote's `a=ptime`: how long the packets it wants to receive are.
    pub ptime: Option<u32>,
    /// What we may do, from our point of view (PJSUA2's `dir`: SendRecv is
    /// ENCODING_DECODING, SendOnly ENCODING, RecvOnly DECODING, Inactive NONE).
    pub direction: Direction,
    /// We put the other side on hold (our SDP is sendonly or inactive, or `c=0.0.0.0`).
    pub local_hold: bool,
    /// The other side put us on hold (its SDP is sendonly or inactive by its own will,
    /// or its `c=` is 0.0.0.0 or `::`).
    pub remote_hold: bool,
}

impl NegotiatedMedia {
    /// The codec to send with: the first common one.
    pub fn codec(&self) -> Option<&NegotiatedCodec> {
        self.codecs.first()
    }

    /// The stream's state for PJSUA2's `CallMediaInfo.status`; local hold wins over
    /// remote hold, as in PJSUA.
    pub fn status(&self) -> MediaStatus {
        match (self.enabled, self.local_hold, self.remote_hold) {
            (false, ..) => MediaStatus::Disabled,
            (true, true, _) => MediaStatus::LocalHold,
            (true, false, true) => MediaStatus::RemoteHold,
            (true, false, false) => MediaStatus::Active,
        }
    }
}

/// A codec both sides listed, with each side's payload type: RTP we receive carries
/// `local_payload_type`, RTP we send carries `remote_payload_type`. They differ when the
/// other side numbered a dynamic codec differently (RFC 4317 §2.3).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NegotiatedCodec {
    /// The encoding name, as the remote wrote it.
    pub encoding: String,
    /// The RTP clock rate.
    pub clock_rate: u32,
    /// The channel count.
    pub channels: u16,
    /// The payload type in our SDP.
    pub local_payload_type: u8,
    /// The payload type in the remote's SDP.
    pub remote_payload_type: u8,
    /// Our fmtp parameters for it.
    pub local_fmtp: Option<String>,
    /// The remote's fmtp parameters for it.
    pub remote_fmtp: Option<String>,
}

/// A transport address from SDP: the `c=` address (an IP literal or a host name to
/// resolve) and a port.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MediaAddress {
    /// The address as written.
    pub address: String,
    /// The port.
    pub port: u16,
}

impl MediaAddress {
    /// The socket address, when the address is an IP literal.
    pub fn socket_addr(&self) -> Option<SocketAddr> {
        let ip: IpAddr = self.address.parse().ok()?;
        Some(SocketAddr::new(ip, self.port))
    }
}

/// Checks an answer against the offer we sent (same number of m-lines and media types,
/// protocol kept, at least one offered format in every accepted stream, a connection
/// address for every accepted stream: RFC 3264 §6, §6.1, §7) and gives the negotiated
/// session, codecs in the answer's order (the answerer's preference). Formats the answer
/// adds (RFC 3264 §6.1 allows it) are left out: they were not offered, so not usable.
///
/// Errors: `InvalidAnswer` when it does not fit; `NotAcceptable` when the answer
/// rejected every stream we offered enabled.
pub fn apply_answer(
    offer: &SessionDescription,
    answer: &SessionDescription,
) -> Result<Negotiated, NegotiationError> {
    if offer.media.len() != answer.media.len() {
        return Err(invalid(format!(
            "{} m-lines answer {} offered",
            answer.media.len(),
            offer.media.len()
        )));
    }
    let mut media = Vec::with_capacity(offer.media.len());
    for (index, (ours, theirs)) in offer.media.iter().zip(&answer.media).enumerate() {
        if !ours.media.eq_ignore_ascii_case(&theirs.media) {
            return Err(invalid(format!(
                "m-line {index} is {} instead of {}",
                theirs.media, ours.media
            )));
        }
        if ours.is_disabled() && !theirs.is_disabled() {
            return Err(invalid(format!("m-line {index} was offered with port 0")));
        }
        if !theirs.is_disabled() {
            if !ours.proto.eq_ignore_ascii_case(&theirs.proto) {
                return Err(invalid(format!(
                    "m-line {index} changed the protocol to {}",
                    theirs.proto
                )));
            }
            if theirs.formats.is_empty() {
                return Err(invalid(format!(
                    "m-line {index} is accepted without formats"
                )));
            }
            if answer.connection_for(theirs).is_none() {
                return Err(invalid(format!("m-line {index} has no c= line")));
            }
        }
        let ends = Ends {
            ours: (offer, ours),
            theirs: (answer, theirs),
            we_offered: true,
        };
        media.push(negotiate(index, &ends, offer.direction_for(ours))?);
    }
    let offered_enabled = offer.media.iter().any(|m| !m.is_disabled());
    if offered_enabled && !media.iter().any(|m| m.enabled) {
        return Err(NegotiationError::NotAcceptable);
    }
    Ok(Negotiated { media })
}

/// One m-line as both sides wrote it, with the session each belongs to.
pub(crate) struct Ends<'a> {
    /// Our description and m-line.
    pub ours: (&'a SessionDescription, &'a MediaDescription),
    /// The remote's description and m-line.
    pub theirs: (&'a SessionDescription, &'a MediaDescription),
    /// Whether ours is the offer.
    pub we_offered: bool,
}

/// The negotiated view of one m-line. `wish` is the direction we wanted (our offer's,
/// or what we asked `answer` for), which tells our own hold from a forced direction.
pub(crate) fn negotiate(
    index: usize,
    ends: &Ends<'_>,
    wish: Direction,
) -> Result<NegotiatedMedia, NegotiationError> {
    let (our_sdp, ours) = ends.ours;
    let (their_sdp, theirs) = ends.theirs;
    let enabled = !ours.is_disabled() && !theirs.is_disabled();
    let mut result = NegotiatedMedia {
        index,
        media_type: theirs.media.clone(),
        enabled,
        proto: theirs.proto.clone(),
        codecs: Vec::new(),
        telephone_event: None,
        local_port: ours.port,
        remote_rtp: None,
        remote_rtcp: None,
        rtcp_mux: false,
        ptime: None,
        direction: Direction::Inactive,
        local_hold: false,
        remote_hold: false,
    };
    if !enabled {
        return Ok(result);
    }
    let (offer, answer) = if ends.we_offered {
        (ours, theirs)
    } else {
        (theirs, ours)
    };
    let mut events = Vec::new();
    let mut common = false;
    if answer.is_rtp() {
        for format in &answer.formats {
            // RFC 3264 §6.1: an answer may add formats; they cannot be used now.
            let Some((offered, map)) = offered_format(offer, answer, format) else {
                continue;
            };
            common = true;
            let Some(map) = map else { continue };
            let (our_fmt, their_fmt) = if ends.we_offered {
                (offered, format.as_str())
            } else {
                (format.as_str(), offered)
            };
            let codec = NegotiatedCodec {
                encoding: theirs
                    .rtpmap_for(their_fmt)
                    .map_or(map.encoding.clone(), |m| m.encoding),
                clock_rate: map.clock_rate,
                channels: map.channel_count(),
                local_payload_type: payload_type(our_fmt)?,
                remote_payload_type: payload_type(their_fmt)?,
                local_fmtp: ours.fmtp_for(our_fmt),
                remote_fmtp: theirs.fmtp_for(their_fmt),
            };
            if map.is_telephone_event() {
                events.push(codec);
            } else {
                result.codecs.push(codec);
            }
        }
    } else {
        common = answer.formats.iter().any(|f| offer.formats.contains(f));
    }
    if !common {
        return Err(invalid(format!(
            "m-line {index} answers none of the offered formats"
        )));
    }
    let rate = result.codecs.first().map(|c| c.clock_rate);
    let pick = events
        .iter()
        .position(|e| Some(e.clock_rate) == rate)
        .unwrap_or(0);
    result.telephone_event = (pick < events.len()).then(|| events.swap_remove(pick));

    let our_conn = our_sdp.connection_for(ours);
    let their_conn = their_sdp.connection_for(theirs);
    let our_hold_addr = our_conn.is_some_and(|c| c.is_unspecified());
    let their_hold_addr = their_conn.is_some_and(|c| c.is_unspecified());
    result.rtcp_mux = ours.rtcp_mux() && theirs.rtcp_mux();
    if let Some(conn) = their_conn {
        let rtp = MediaAddress {
            address: conn.address.clone(),
            port: theirs.port,
        };
        result.remote_rtcp = match theirs.rtcp() {
            _ if result.rtcp_mux => Some(rtp.clone()),
            Some(rtcp) => Some(MediaAddress {
                address: rtcp.address.map_or_else(|| rtp.address.clone(), |(_, a)| a),
                port: rtcp.port,
            }),
            None => theirs.port.checked_add(1).map(|port| MediaAddress {
                address: rtp.address.clone(),
                port,
            }),
        };
        result.remote_rtp = Some(rtp);
    }
    result.ptime = theirs.ptime();

    let our_dir = our_sdp.direction_for(ours);
    let their_dir = their_sdp.direction_for(theirs);
    result.direction = Direction::from_flags(
        our_dir.sends() && their_dir.receives() && !their_hold_addr,
        our_dir.receives() && their_dir.sends() && !our_hold_addr,
    );
    result.local_hold = !wish.receives() || our_hold_addr;
    // An answer that does not receive because our offer sends nothing is not a hold.
    let their_will = !ends.we_offered || our_dir.sends();
    result.remote_hold = !their_dir.receives() && their_will || their_hold_addr;
    Ok(result)
}

/// The offered format an answered one stands for, with its codec: matched by codec
/// (name, clock rate, channels; the same number first) when the answer's format is
/// known, else by number.
fn offered_format<'a>(
    offer: &'a MediaDescription,
    answer: &MediaDescription,
    format: &str,
) -> Option<(&'a str, Option<RtpMap>)> {
    match answer.rtpmap_for(format) {
        Some(map) => {
            let same = |f: &&String| offer.rtpmap_for(f).is_some_and(|m| m.same_codec(&map));
            let by_number = offer
                .formats
                .iter()
                .filter(same)
                .find(|f| f.as_str() == format);
            by_number
                .or_else(|| offer.formats.iter().find(same))
                .map(|f| (f.as_str(), Some(map)))
        }
        None => offer
            .formats
            .iter()
            .find(|f| f.as_str() == format)
            .map(|f| (f.as_str(), offer.rtpmap_for(f))),
    }
}

fn payload_type(format: &str) -> Result<u8, NegotiationError> {
    format
        .parse()
        .map_err(|_| invalid(format!("format {format} is not a payload type")))
}

fn invalid(why: String) -> NegotiationError {
    NegotiationError::InvalidAnswer(why)
}
