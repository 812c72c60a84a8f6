//! Answering an offer (RFC 3264 §6, RFC 6337), as PJMEDIA's negotiator does: each
//! audio m-line is accepted with the codecs both sides have, matched by name, clock
//! rate and channels and answered with the offer's payload type numbers; every other
//! m-line is rejected with port 0.

use super::attributes::RtpMap;
use super::direction::Direction;
use super::feedback::push_feedback;
use super::local::{CodecOrder, LocalMedia, TelephoneEvent};
use super::model::{addr_type_of, Connection, MediaDescription, Origin, SessionDescription};
use super::negotiated::{negotiate, Ends, Negotiated, NegotiationError};
use super::offer::common_attributes;

/// Answers an offer with our capabilities and gives the negotiated session.
///
/// Per m-line: an audio line on a protocol we take ([`LocalMedia::accepts_proto`]) and
/// of our address family is accepted on the next of our audio ports when it has a codec
/// we have (in the offerer's order, or ours with [`CodecOrder::Local`]; only the first
/// unless [`LocalMedia::answer_multiple_codecs`]) or telephone-event at a clock rate we
/// have (a stream of events only, RFC 4317 §2.4, is accepted too). The answer lists
/// telephone-event at the clock rates of the answered codecs (else the first offered
/// one we have), echoes `a=rtcp-mux` when we do it and `a=mid`, and answers the offered
/// direction as RFC 3264 §6.1 asks, limited by `local.direction`. Every other line is
/// rejected: port 0, the offered formats, no attributes.
///
/// `o=` takes `local.session_id`/`session_version`: for a re-answer in the same session,
/// pass the previous answer to [`settle_version`](super::settle_version) afterwards.
///
/// Errors: `NotAcceptable` (answer 488) when the offer has an enabled m-line and none
/// could be accepted.
pub fn answer(
    offer: &SessionDescription,
    local: &LocalMedia,
) -> Result<(SessionDescription, Negotiated), NegotiationError> {
    let origin = Origin::new(
        &*local.username,
        local.session_id,
        local.session_version,
        local.address,
    );
    let mut sdp = SessionDescription::new(origin, local.session_name.clone());
    sdp.connection = Some(Connection::new(local.address));
    // RFC 3264 §6: the answer's t= equals the offer's.
    sdp.times.clone_from(&offer.times);
    let mut ports = local.audio_ports.iter().copied().peekable();
    for m in &offer.media {
        let accepted = ports
            .peek()
            .and_then(|&port| answer_audio(offer, m, local, port));
        sdp.media.push(match accepted {
            Some(answered) => {
                ports.next();
                answered
            }
            None => MediaDescription::new(m.media.clone(), 0, m.proto.clone(), m.formats.clone()),
        });
    }
    if offer.media.iter().any(|m| !m.is_disabled()) && sdp.media.iter().all(|m| m.is_disabled()) {
        return Err(NegotiationError::NotAcceptable);
    }
    let mut media = Vec::with_capacity(sdp.media.len());
    for (index, (ours, theirs)) in sdp.media.iter().zip(&offer.media).enumerate() {
        let ends = Ends {
            ours: (&sdp, ours),
            theirs: (offer, theirs),
            we_offered: false,
        };
        media.push(negotiate(index, &ends, local.direction)?);
    }
    Ok((sdp, Negotiated { media }))
}

/// Our answer to one offered m-line, or `None` to reject it.
fn answer_audio(
    offer: &SessionDescription,
    m: &MediaDescription,
    local: &LocalMedia,
    port: u16,
) -> Option<MediaDescription> {
    if m.is_disabled() || !m.media.eq_ignore_ascii_case("audio") || !local.accepts_proto(&m.proto) {
        return None;
    }
    let conn = offer.connection_for(m)?;
    if !conn
        .addr_type
        .eq_ignore_ascii_case(addr_type_of(local.address))
    {
        return None;
    }
    let ours = local.codecs_by_priority();
    let mut codecs: Vec<(RtpMap, usize)> = Vec::new();
    let mut events: Vec<(RtpMap, &TelephoneEvent)> = Vec::new();
    for format in &m.formats {
        let Some(map) = m.rtpmap_for(format) else {
            continue;
        };
        if map.is_telephone_event() {
            if let Some(te) = local
                .telephone_events
                .iter()
                .find(|t| t.clock_rate == map.clock_rate)
            {
                events.push((map, te));
            }
        } else if let Some(rank) = ours.iter().position(|c| c.matches(&map)) {
            codecs.push((map, rank));
        }
    }
    if local.codec_order == CodecOrder::Local {
        codecs.sort_by_key(|&(_, rank)| rank);
    }
    if !local.answer_multiple_codecs {
        codecs.truncate(1);
    }
    if !codecs.is_empty() {
        let at_codec_rate = |e: &(RtpMap, &TelephoneEvent)| {
            codecs.iter().any(|(c, _)| c.clock_rate == e.0.clock_rate)
        };
        if events.iter().any(at_codec_rate) {
            events.retain(at_codec_rate);
        } else {
            events.truncate(1);
        }
    }
    if codecs.is_empty() && events.is_empty() {
        return None;
    }
    let formats = codecs
        .iter()
        .map(|(map, _)| map.payload_type.to_string())
        .chain(events.iter().map(|(map, _)| map.payload_type.to_string()))
        .collect();
    let mut answer = MediaDescription::new(m.media.clone(), port, m.proto.clone(), formats);
    let fmtps = codecs
        .iter()
        .map(|(map, rank)| (map, ours.get(*rank).and_then(|c| c.fmtp.as_ref())))
        .chain(events.iter().map(|(map, te)| (map, te.fmtp.as_ref())));
    for (map, fmtp) in fmtps {
        answer.push_attribute("rtpmap", Some(map.to_value()));
        if let Some(fmtp) = fmtp {
            answer.push_attribute("fmtp", Some(format!("{} {fmtp}", map.payload_type)));
        }
    }
    let feedback = codecs.iter().map(|(map, rank)| {
        let values = ours.get(*rank).map_or(&[][..], |c| &c.rtcp_feedback[..]);
        (map.payload_type, values)
    });
    push_feedback(&mut answer, &local.rtcp_feedback, feedback);
    if let Some(mid) = m.mid() {
        answer.push_attribute("mid", Some(mid.to_string()));
    }
    let direction = Direction::answer(offer.direction_for(m), local.direction);
    common_attributes(
        &mut answer.attributes,
        local,
        m.rtcp_mux() && local.rtcp_mux,
        direction,
    );
    Some(answer)
}
