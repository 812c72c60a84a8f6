//! The direction attributes of RFC 3264 (`sendrecv`, `sendonly`, `recvonly`, `inactive`):
//! how an answer mirrors an offer (§6.1) and how a hold changes a stream (§8.4).

/// The direction of a media stream (RFC 3264 §5.1, §6.1), from the point of view of the
/// description's author: `SendOnly` means "I will send and not receive".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Direction {
    /// `a=sendrecv`, the default.
    SendRecv,
    /// `a=sendonly`.
    SendOnly,
    /// `a=recvonly`.
    RecvOnly,
    /// `a=inactive`.
    Inactive,
}

impl Direction {
    /// The direction that sends and/or receives as asked.
    pub fn from_flags(send: bool, recv: bool) -> Self {
        match (send, recv) {
            (true, true) => Direction::SendRecv,
            (true, false) => Direction::SendOnly,
            (false, true) => Direction::RecvOnly,
            (false, false) => Direction::Inactive,
        }
    }

    /// The direction for an attribute name, if it is one (case-insensitive).
    pub fn from_name(name: &str) -> Option<Self> {
        [
            Direction::SendRecv,
            Direction::SendOnly,
            Direction::RecvOnly,
            Direction::Inactive,
        ]
        .into_iter()
        .find(|d| d.name().eq_ignore_ascii_case(name))
    }

    /// The attribute name: `sendrecv`, `sendonly`, `recvonly` or `inactive`.
    pub fn name(self) -> &'static str {
        match self {
            Direction::SendRecv => "sendrecv",
            Direction::SendOnly => "sendonly",
            Direction::RecvOnly => "recvonly",
            Direction::Inactive => "inactive",
        }
    }

    /// Whether media is sent.
    pub fn sends(self) -> bool {
        matches!(self, Direction::SendRecv | Direction::SendOnly)
    }

    /// Whether media is received.
    pub fn receives(self) -> bool {
        matches!(self, Direction::SendRecv | Direction::RecvOnly)
    }

    /// The same stream seen from the other side: `sendonly` and `recvonly` swap
    /// (RFC 3264 §6.1 and §8.4).
    pub fn reversed(self) -> Self {
        Direction::from_flags(self.receives(), self.sends())
    }

    /// What both allow: sends only if both send, receives only if both receive.
    pub fn intersect(self, other: Direction) -> Self {
        Direction::from_flags(
            self.sends() && other.sends(),
            self.receives() && other.receives(),
        )
    }

    /// The direction an answerer writes for an offered direction, limited by what it
    /// wants itself (RFC 3264 §6.1): sendonly → recvonly, recvonly → sendonly,
    /// inactive → inactive, sendrecv → the wish.
    pub fn answer(offered: Direction, wish: Direction) -> Self {
        offered.reversed().intersect(wish)
    }

    /// The direction of a stream put on hold (RFC 3264 §8.4): stop receiving, so
    /// sendrecv → sendonly and recvonly → inactive.
    pub fn held(self) -> Self {
        Direction::from_flags(self.sends(), false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn direction_rules() {
        use Direction::*;
        assert_eq!(Direction::from_name("SENDONLY"), Some(SendOnly));
        assert_eq!(Direction::from_name("rtpmap"), None);
        assert_eq!(SendOnly.reversed(), RecvOnly);
        assert_eq!(RecvOnly.reversed(), SendOnly);
        assert_eq!(SendRecv.reversed(), SendRecv);
        assert_eq!(Inactive.reversed(), Inactive);
        // RFC 3264 §6.1: the answer to each offered direction, for a sendrecv answerer.
        assert_eq!(Direction::answer(SendOnly, SendRecv), RecvOnly);
        assert_eq!(Direction::answer(RecvOnly, SendRecv), SendOnly);
        assert_eq!(Direction::answer(Inactive, SendRecv), Inactive);
        assert_eq!(Direction::answer(SendRecv, SendRecv), SendRecv);
        // An answerer on hold (sendonly) answering a sendonly offer: inactive.
        assert_eq!(Direction::answer(SendOnly, SendOnly), Inactive);
        assert_eq!(Direction::answer(SendRecv, SendOnly), SendOnly);
        // RFC 3264 §8.4: hold.
        assert_eq!(SendRecv.held(), SendOnly);
        assert_eq!(RecvOnly.held(), Inactive);
        assert_eq!(SendOnly.held(), SendOnly);
    }
}
