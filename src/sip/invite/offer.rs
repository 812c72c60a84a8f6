//! Where the session stands in the offer/answer exchange (RFC 3264, RFC 6337 §2): who has
//! an offer outstanding, and the last SDP each side sent.

use bytes::Bytes;

/// An offer waiting for its answer.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Outstanding {
    /// No exchange in progress.
    #[default]
    None,
    /// We offered; the answer is due.
    Local,
    /// The peer offered; we owe the answer.
    Remote,
}

/// The offer/answer state of a session.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct OfferAnswer {
    /// The offer in progress, if any.
    pub outstanding: Outstanding,
    /// The last SDP we sent (offer or answer).
    pub local: Option<Bytes>,
    /// The last SDP the peer sent.
    pub remote: Option<Bytes>,
    /// Whether one exchange completed (there is a negotiated session).
    pub negotiated: bool,
}

impl OfferAnswer {
    /// We send an offer.
    pub fn local_offer(&mut self, body: Bytes) {
        self.local = Some(body);
        self.outstanding = Outstanding::Local;
    }

    /// The peer sent an offer.
    pub fn remote_offer(&mut self, body: Bytes) {
        self.remote = Some(body);
        self.outstanding = Outstanding::Remote;
    }

    /// We answer the peer's offer.
    pub fn local_answer(&mut self, body: Bytes) {
        self.local = Some(body);
        self.outstanding = Outstanding::None;
        self.negotiated = true;
    }

    /// The peer answered our offer.
    pub fn remote_answer(&mut self, body: Bytes) {
        self.remote = Some(body);
        self.outstanding = Outstanding::None;
        self.negotiated = true;
    }

    /// Our offer was refused (a failed re-INVITE): the previous session stays.
    pub fn rollback(&mut self) {
        self.outstanding = Outstanding::None;
    }
}
