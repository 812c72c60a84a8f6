//! The SIP message parser (RFC 3261 §7, §25), tolerant as RFC 4475 asks.

use super::message::{CSeq, Message};
use super::name_addr::NameAddr;
use super::text::Text;
use super::via::Via;
use bytes::Bytes;

/// Why a message or header could not be parsed, with the status a UAS answers it with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// The status to answer a malformed request with (400, 505 ...).
    pub status: u16,
    /// A short human-readable reason, used as the response's reason phrase detail.
    pub reason: String,
}

/// Parses one complete message.
pub fn parse_message(data: Bytes) -> Result<Message, ParseError> {
    let _ = data;
    todo!("parser helper")
}

/// Parses a CSeq header value.
pub fn parse_cseq(value: &Text) -> Result<CSeq, ParseError> {
    let _ = value;
    todo!("parser helper")
}

/// Parses a name-addr or addr-spec with header parameters.
pub fn parse_name_addr(value: &Text) -> Result<NameAddr, ParseError> {
    let _ = value;
    todo!("parser helper")
}

/// Parses one Via value.
pub fn parse_via(value: &Text) -> Result<Via, ParseError> {
    let _ = value;
    todo!("parser helper")
}
