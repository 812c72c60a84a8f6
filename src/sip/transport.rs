//! Transport addressing for the sans-IO core: which transport a message came in on or
//! goes out on, and the bytes to send. The runtime owns the real sockets.

use bytes::Bytes;
use std::fmt;
use std::net::SocketAddr;

/// The largest SIP message we take, in bytes, on any transport: the largest UDP datagram,
/// which RFC 3261 §18.1.1 asks every element to handle. A stream message whose head or
/// announced length passes it is refused (a request is answered 513 Message Too Large) and
/// its connection closed, since the stream cannot be framed past it.
pub(crate) const MAX_MESSAGE_SIZE: usize = 65_535;

/// A transport protocol.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TransportKind {
    /// UDP: unreliable, message-framed.
    Udp,
    /// TCP: reliable, stream-framed by Content-Length.
    Tcp,
}

impl TransportKind {
    /// Whether the transport is reliable (RFC 3261 §17: no retransmission timers).
    pub fn is_reliable(self) -> bool {
        matches!(self, TransportKind::Tcp)
    }

    /// The token used in Via and in the `transport` URI parameter (upper case).
    pub fn via_token(self) -> &'static str {
        match self {
            TransportKind::Udp => "UDP",
            TransportKind::Tcp => "TCP",
        }
    }

    /// The kind for a Via transport token or `transport=` parameter (any case).
    pub fn from_token(token: &str) -> Option<TransportKind> {
        if token.eq_ignore_ascii_case("udp") {
            Some(TransportKind::Udp)
        } else if token.eq_ignore_ascii_case("tcp") {
            Some(TransportKind::Tcp)
        } else {
            None
        }
    }
}

impl fmt::Display for TransportKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.via_token())
    }
}

/// The number of a transport instance (a UDP socket or a TCP listener), as returned by
/// `transportCreate`.
pub type TransportId = i32;

/// One path between us and a peer: our transport, the peer's address, and for a stream
/// transport the connection it runs on (`None`: any connection to `remote`, opened if
/// needed).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Flow {
    /// Our transport.
    pub transport: TransportId,
    /// Its protocol.
    pub kind: TransportKind,
    /// The peer's address.
    pub remote: SocketAddr,
    /// The stream connection, if bound to one.
    pub conn: Option<u64>,
}

/// Bytes to send on a flow.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Transmit {
    /// Where to send.
    pub flow: Flow,
    /// The serialized message (or a keep-alive).
    pub data: Bytes,
}
