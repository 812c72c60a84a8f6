//! Making offers (RFC 3264 §5, §8): the initial offer, re-offers that keep the previous
//! description's origin and m-line order, and the hold and unhold re-offers (§8.4).

use super::attributes::Attribute;
use super::direction::Direction;
use super::feedback::push_feedback;
use super::local::{HoldType, LocalMedia, OfferedFormat};
use super::model::{Connection, MediaDescription, Origin, SessionDescription};
use super::negotiated::NegotiationError;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// An offer from our capabilities. With `previous` (the last description we sent in
/// this session, offer or answer) it is a re-offer (RFC 3264 §8): the same origin with
/// the version one higher (or the same when nothing changed), the same m-lines in the
/// same order, each enabled audio line renewed on the next of our audio ports, every
/// other line kept disabled (port 0). When no audio line was enabled before, disabled
/// audio lines are reused and further audio lines appended, one per port.
///
/// Errors: `NoLocalCodecs` when we have audio ports but no enabled codec.
pub fn create_offer(
    local: &LocalMedia,
    previous: Option<&SessionDescription>,
) -> Result<SessionDescription, NegotiationError> {
    let mut sdp = offer_body(local, previous)?;
    if let Some(previous) = previous {
        settle_version(&mut sdp, previous);
    }
    Ok(sdp)
}

/// A re-offer that puts the other side on hold (RFC 3264 §8.4): our direction without
/// receiving (sendrecv → sendonly, recvonly → inactive), and with
/// [`HoldType::Rfc2543`] also `c=0.0.0.0` (`::` for IPv6). While on hold, keep
/// answering the other side's offers with that held direction in `local.direction`.
pub fn create_hold_offer(
    local: &LocalMedia,
    previous: &SessionDescription,
    hold_type: HoldType,
) -> Result<SessionDescription, NegotiationError> {
    let mut held = local.clone();
    held.direction = local.direction.held();
    let mut sdp = offer_body(&held, Some(previous))?;
    if hold_type == HoldType::Rfc2543 {
        let nowhere = match local.address {
            IpAddr::V4(_) => IpAddr::V4(Ipv4Addr::UNSPECIFIED),
            IpAddr::V6(_) => IpAddr::V6(Ipv6Addr::UNSPECIFIED),
        };
        sdp.connection = Some(Connection::new(nowhere));
    }
    settle_version(&mut sdp, previous);
    Ok(sdp)
}

/// A re-offer that takes the other side off hold: sendrecv on our real address.
pub fn create_unhold_offer(
    local: &LocalMedia,
    previous: &SessionDescription,
) -> Result<SessionDescription, NegotiationError> {
    let mut active = local.clone();
    active.direction = Direction::SendRecv;
    create_offer(&active, Some(previous))
}

/// Gives a new description of ours the previous one's origin (RFC 3264 §8: only the
/// version may change) and its version: the same when nothing else changed, else one
/// higher. Use it for re-answers too.
pub fn settle_version(sdp: &mut SessionDescription, previous: &SessionDescription) {
    sdp.origin = previous.origin.clone();
    if sdp != previous {
        sdp.origin.session_version = previous.origin.session_version.wrapping_add(1);
    }
}

fn offer_body(
    local: &LocalMedia,
    previous: Option<&SessionDescription>,
) -> Result<SessionDescription, NegotiationError> {
    let formats = local.offered_formats();
    if !local.audio_ports.is_empty() && formats.iter().all(|f| f.rtpmap.is_telephone_event()) {
        return Err(NegotiationError::NoLocalCodecs);
    }
    let origin = Origin::new(
        &*local.username,
        local.session_id,
        local.session_version,
        local.address,
    );
    let mut sdp = SessionDescription::new(origin, local.session_name.clone());
    sdp.connection = Some(Connection::new(local.address));
    let mut ports = local.audio_ports.iter().copied();
    let audio = |port| audio_offer(local, port, &formats);
    let Some(previous) = previous else {
        sdp.media = ports.map(audio).collect();
        return Ok(sdp);
    };
    for old in &previous.media {
        let renewed = (is_audio(old) && !old.is_disabled())
            .then(|| ports.next())
            .flatten();
        sdp.media.push(match renewed {
            Some(port) => audio(port),
            None => {
                MediaDescription::new(old.media.clone(), 0, old.proto.clone(), old.formats.clone())
            }
        });
    }
    if !sdp.media.iter().any(|m| is_audio(m) && !m.is_disabled()) {
        for slot in sdp.media.iter_mut().filter(|m| is_audio(m)) {
            if let Some(port) = ports.next() {
                *slot = audio(port);
            }
        }
        sdp.media.extend(ports.map(audio));
    }
    Ok(sdp)
}

fn is_audio(m: &MediaDescription) -> bool {
    m.media.eq_ignore_ascii_case("audio")
}

/// Our audio m-line: every format with its rtpmap and fmtp, RTCP feedback on AVPF,
/// ptime, rtcp-mux, direction.
fn audio_offer(local: &LocalMedia, port: u16, formats: &[OfferedFormat]) -> MediaDescription {
    let pts = formats
        .iter()
        .map(|f| f.rtpmap.payload_type.to_string())
        .collect();
    let mut m = MediaDescription::new("audio", port, local.proto.clone(), pts);
    for f in formats {
        m.push_attribute("rtpmap", Some(f.rtpmap.to_value()));
        if let Some(fmtp) = &f.fmtp {
            m.push_attribute("fmtp", Some(format!("{} {fmtp}", f.rtpmap.payload_type)));
        }
    }
    let feedback = formats
        .iter()
        .map(|f| (f.rtpmap.payload_type, &f.rtcp_feedback[..]));
    push_feedback(&mut m, &local.rtcp_feedback, feedback);
    common_attributes(&mut m.attributes, local, local.rtcp_mux, local.direction);
    m
}

/// The attributes after the formats, shared by offers and answers.
pub(crate) fn common_attributes(
    attrs: &mut Vec<Attribute>,
    local: &LocalMedia,
    rtcp_mux: bool,
    direction: Direction,
) {
    if let Some(ptime) = local.ptime {
        attrs.push(Attribute::new("ptime", Some(ptime.to_string())));
    }
    if rtcp_mux {
        attrs.push(Attribute::new("rtcp-mux", None));
    }
    attrs.push(Attribute::new(direction.name(), None));
}
