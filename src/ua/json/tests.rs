//! Edge cases of the document API (the PJSUA2 compatibility tests are in
//! tests/json_pjsua2.rs).

use super::*;

const ROOT: NodeId = PJSUA2RS_JSON_ROOT;
use crate::ua::status::{PJSUA2RS_ERR_INVALID_ARG, PJSUA2RS_ERR_JSON};

#[test]
fn bad_writes_are_rejected() {
    let mut doc = JsonDocument::new();
    let e = doc.write_int(ROOT, "", 1).unwrap_err();
    assert_eq!(e.status, PJSUA2RS_ERR_INVALID_ARG);
    let e = doc.write_number(ROOT, "x", f32::NAN).unwrap_err();
    assert_eq!(e.status, PJSUA2RS_ERR_INVALID_ARG);
    assert!(
        e.reason.contains("x: NaN is not a finite number"),
        "{}",
        e.reason
    );
    let e = doc.write_bool(7, "x", true).unwrap_err();
    assert_eq!(e.status, PJSUA2RS_ERR_INVALID_ARG);
    assert_eq!(doc.save_string(), "{ }");
}

#[test]
fn a_failed_read_leaves_the_member_unread() {
    let mut doc = JsonDocument::new();
    doc.write_string(ROOT, "a", "text").unwrap();
    let e = doc.read_int(ROOT, "a").unwrap_err();
    assert_eq!(e.status, PJSUA2RS_ERR_JSON);
    assert_eq!(e.reason, "a: expected a number, got a string");
    assert_eq!(doc.unread_name(ROOT).unwrap(), "a");
    assert_eq!(doc.read_string(ROOT, "a").unwrap(), "text");
}

#[test]
fn reads_by_name_skip_nothing() {
    let mut doc = JsonDocument::new();
    doc.write_int(ROOT, "a", 1).unwrap();
    doc.write_int(ROOT, "b", 2).unwrap();
    assert_eq!(doc.read_int(ROOT, "b").unwrap(), 2);
    assert_eq!(doc.unread_name(ROOT).unwrap(), "a");
    assert_eq!(doc.read_int(ROOT, "").unwrap(), 1);
    let e = doc.read_int(ROOT, "b").unwrap_err();
    assert_eq!(e.status, crate::ua::status::PJSUA2RS_ERR_EOF);
}

#[test]
fn integers_are_written_exactly_and_range_checked() {
    let mut doc = JsonDocument::new();
    doc.write_int(ROOT, "big", 16777217).unwrap();
    doc.write_number(ROOT, "f", 16777217.0).unwrap();
    let text = doc.save_string();
    assert!(text.contains("16777217,"), "{text}");
    assert!(text.contains("16777216\n"), "{text}");
    let mut back = JsonDocument::new();
    back.load_string("{\"a\": 2147483648, \"b\": 1.5}").unwrap();
    assert_eq!(
        back.read_int(ROOT, "a").unwrap_err().status,
        PJSUA2RS_ERR_JSON
    );
    assert_eq!(
        back.read_int(ROOT, "b").unwrap_err().status,
        PJSUA2RS_ERR_JSON
    );
    assert_eq!(back.read_number(ROOT, "b").unwrap(), 1.5);
}

#[test]
fn non_ascii_survives_a_round_trip() {
    let mut doc = JsonDocument::new();
    doc.write_string(ROOT, "naïve", "日本語 / ü \u{1f600}")
        .unwrap();
    let text = doc.save_string();
    assert!(text.is_ascii());
    let mut back = JsonDocument::new();
    back.load_string(&text).unwrap();
    assert_eq!(back.unread_name(ROOT).unwrap(), "naïve");
    assert_eq!(
        back.read_string(ROOT, "naïve").unwrap(),
        "日本語 / ü \u{1f600}"
    );
}
