//! The RFC 4475 expectation table (tests/data/rfc4475/EXPECTED) and what a UAS that
//! handles only some methods must answer: the RFC's code once the method is handled,
//! 405/501 before, and 400/505 for messages that do not parse at all.

use std::collections::BTreeMap;

/// What must happen when a message arrives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expect {
    /// This response status.
    Status(u16),
    /// No response.
    Drop,
    /// Any response or none (the RFC allows several outcomes).
    Any,
}

/// One torture message.
pub struct Case {
    /// File name.
    pub file: String,
    /// The bytes.
    pub data: Vec<u8>,
    /// The RFC's expectation for a UAS handling the method.
    pub expect: Expect,
}

/// Loads every message with its expectation.
pub fn cases() -> Vec<Case> {
    let dir = format!("{}/tests/data/rfc4475", env!("CARGO_MANIFEST_DIR"));
    let table = std::fs::read_to_string(format!("{dir}/EXPECTED")).unwrap();
    let mut map = BTreeMap::new();
    for line in table.lines() {
        let line = line.split('#').next().unwrap().trim();
        if line.is_empty() {
            continue;
        }
        let mut parts = line.split_whitespace();
        let (file, what) = (parts.next().unwrap(), parts.next().unwrap());
        let expect = match what {
            "drop" => Expect::Drop,
            "any" => Expect::Any,
            code => Expect::Status(code.parse().unwrap()),
        };
        map.insert(file.to_string(), expect);
    }
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|f| f.ends_with(".dat"))
        .collect();
    files.sort();
    assert_eq!(
        files.len(),
        map.len(),
        "every .dat file has an EXPECTED line"
    );
    files
        .into_iter()
        .map(|f| Case {
            data: std::fs::read(format!("{dir}/{f}")).unwrap(),
            expect: map
                .get(&f)
                .cloned()
                .unwrap_or_else(|| panic!("{f} has no EXPECTED line")),
            file: f,
        })
        .collect()
}

/// The expectation for an endpoint that handles `handled` methods (besides OPTIONS,
/// ACK and CANCEL): method inspection (405/501, RFC 3261 §8.2.1) comes before the checks
/// the RFC's code is about, but after parsing (400/505).
pub fn expect_for(case: &Case, handled: &[&str]) -> Expect {
    let text = String::from_utf8_lossy(&case.data);
    let method = text
        .trim_start()
        .split(' ')
        .next()
        .unwrap_or("")
        .to_string();
    const KNOWN: &[&str] = &[
        "INVITE",
        "ACK",
        "BYE",
        "CANCEL",
        "REGISTER",
        "OPTIONS",
        "INFO",
        "UPDATE",
        "PRACK",
        "SUBSCRIBE",
        "NOTIFY",
        "REFER",
        "MESSAGE",
        "PUBLISH",
    ];
    let is_request = !method.starts_with("SIP/");
    let always = ["OPTIONS", "ACK", "CANCEL"];
    let unhandled =
        is_request && !always.contains(&method.as_str()) && !handled.contains(&method.as_str());
    match &case.expect {
        Expect::Status(400) | Expect::Status(505) | Expect::Drop | Expect::Any => {
            case.expect.clone()
        }
        _ if unhandled && KNOWN.contains(&method.as_str()) => Expect::Status(405),
        _ if unhandled => Expect::Status(501),
        other => other.clone(),
    }
}
