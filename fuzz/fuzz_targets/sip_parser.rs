//! Fuzz target: any bytes through the SIP parser; a message that parses must write and
//! re-parse to an equal message.
#![no_main]

use bytes::Bytes;
use libfuzzer_sys::fuzz_target;
use pjsua2rs::sip::parse::parse_message;

fuzz_target!(|data: &[u8]| {
    if let Ok(msg) = parse_message(Bytes::copy_from_slice(data)) {
        let again = parse_message(msg.to_bytes()).expect("written message must parse");
        assert_eq!(again, msg, "round trip changed the message");
    }
});
