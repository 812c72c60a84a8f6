//! The SIP protocol core, sans-IO: the message model, parser and writer, URIs, and the
//! layers built on them. Nothing here touches a socket, a thread or the clock; every input
//! carries `now`.

pub mod auth;
pub mod framing;
pub mod header_name;
pub mod headers;
pub mod message;
pub mod method;
pub mod name_addr;
pub mod params;
pub mod parse;
pub mod registration;
pub mod resolve;
pub mod text;
pub mod uri;
pub mod via;

pub use framing::{Frame, FramingError, StreamFramer};
pub use header_name::HeaderName;
pub use headers::{Header, Headers};
pub use message::{reason_phrase, CSeq, Message, Request, Response, SipHeaders};
pub use method::Method;
pub use name_addr::NameAddr;
pub use params::{Param, Params};
pub use parse::{ParseError, RequestHead};
pub use text::Text;
pub use uri::{Host, SipUri, Uri};
pub use via::Via;
pub mod build;
pub mod dialog;
pub mod endpoint;
#[cfg(test)]
mod endpoint_tests;
pub mod invite;
pub mod transaction;
pub mod transport;
