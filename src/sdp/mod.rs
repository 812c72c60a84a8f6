//! SDP, sans-IO: the session description model (RFC 8866), its parser and writer, and
//! the offer/answer negotiator (RFC 3264, RFC 6337) a SIP call uses to agree on media.
//!
//! Nothing here touches a socket, a thread, the clock or a random source: session ids
//! and ports come in through [`LocalMedia`].
//!
//! # A call's use
//! ```
//! use pjsua2rs::sdp::{answer, apply_answer, create_offer, LocalMedia, MediaStatus, SessionDescription};
//! use std::net::{IpAddr, Ipv4Addr};
//!
//! // Alice offers (the INVITE body).
//! let mut alice = LocalMedia::new(IpAddr::V4(Ipv4Addr::new(192, 0, 2, 10)), 4000);
//! alice.session_id = 3_141_592; // from the call's seeded RNG
//! let offer = create_offer(&alice, None)?;
//!
//! // Bob parses it and answers (the 200 OK body); an error means 488.
//! let bob = LocalMedia::new(IpAddr::V4(Ipv4Addr::new(198, 51, 100, 7)), 5000);
//! let received = SessionDescription::parse(&offer.to_bytes())?;
//! let (answer_sdp, bob_view) = answer(&received, &bob)?;
//!
//! // Alice applies the answer and starts RTP.
//! let alice_view = apply_answer(&offer, &answer_sdp)?;
//! let audio = alice_view.audio().ok_or("audio rejected")?;
//! assert_eq!(audio.status(), MediaStatus::Active);
//! let codec = audio.codec().ok_or("no common codec")?;
//! assert_eq!((codec.encoding.as_str(), codec.remote_payload_type), ("PCMU", 0));
//! let to = audio.remote_rtp.as_ref().and_then(|a| a.socket_addr());
//! assert_eq!(to, Some("198.51.100.7:5000".parse()?));
//! assert!(audio.rtcp_mux && bob_view.audio().is_some_and(|m| m.rtcp_mux));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod answer;
mod attributes;
mod direction;
mod feedback;
mod local;
mod model;
mod negotiated;
#[cfg(test)]
mod negotiation_tests;
mod offer;
mod parse;
#[cfg(test)]
mod parse_tests;
mod payload;
mod write;

pub use answer::answer;
pub use attributes::{Attribute, AttributeList, Crypto, Fmtp, Rtcp, RtpMap, Ssrc};
pub use direction::Direction;
pub use local::{Codec, CodecOrder, HoldType, LocalMedia, OfferedFormat, TelephoneEvent};
pub use model::{
    addr_type_of, Bandwidth, Connection, ExtraLine, MediaDescription, Origin, SessionDescription,
    Timing,
};
pub use negotiated::{
    apply_answer, MediaAddress, MediaStatus, Negotiated, NegotiatedCodec, NegotiatedMedia,
    NegotiationError,
};
pub use offer::{create_hold_offer, create_offer, create_unhold_offer, settle_version};
pub use parse::SdpError;
pub use payload::{static_payload, static_payload_type};
