//! Checks a parsed message's header fields: the mandatory ones are present (RFC 3261
//! §8.1.1), single-valued ones agree, and the ones the stack relies on are well-formed.

use super::lex::{is_lws, trim_lws};
use super::values::{check_name_addr, check_via, raw_cseq};
use super::ParseError;
use crate::sip::header_name::HeaderName;
use crate::sip::headers::{split_comma_list, Headers};
use crate::sip::method::Method;

/// Header fields every request and response carries. Max-Forwards is not among them: a
/// UAS should not reject a request for lacking it (RFC 3261 §8.2).
const MANDATORY: [HeaderName; 5] = [
    HeaderName::Via,
    HeaderName::From,
    HeaderName::To,
    HeaderName::CallId,
    HeaderName::CSeq,
];

/// Checks a request's header fields; the CSeq method must be the request's method.
pub(super) fn request(method: &Method, h: &Headers) -> Result<(), ParseError> {
    common(h)?;
    let cseq = h.get(&HeaderName::CSeq).map(|v| raw_cseq(v)).transpose()?;
    if cseq.is_some_and(|(_, m)| m != method.as_str()) {
        return Err(ParseError::bad(
            "CSeq method differs from the request method",
        ));
    }
    if let Some(v) = h.get(&HeaderName::MaxForwards) {
        let v = trim_lws(v);
        let ok = !v.is_empty()
            && v.bytes().all(|b| b.is_ascii_digit())
            && v.parse::<u32>().is_ok_and(|n| n <= 255);
        if !ok {
            return Err(ParseError::bad("bad Max-Forwards"));
        }
    }
    Ok(())
}

/// Checks a response's header fields.
pub(super) fn response(h: &Headers) -> Result<(), ParseError> {
    common(h)?;
    h.get(&HeaderName::CSeq).map(|v| raw_cseq(v)).transpose()?;
    Ok(())
}

fn common(h: &Headers) -> Result<(), ParseError> {
    for name in &MANDATORY {
        if !h.contains(name) {
            return Err(ParseError::bad(format!("missing {name}")));
        }
    }
    for name in [
        HeaderName::From,
        HeaderName::To,
        HeaderName::CallId,
        HeaderName::CSeq,
    ] {
        let mut values = h.get_all(&name);
        let first = values.next().map(|v| v.as_str());
        if values.any(|v| Some(v.as_str()) != first) {
            return Err(ParseError::bad(format!("multiple {name} values")));
        }
    }
    for name in [HeaderName::From, HeaderName::To] {
        if let Some(v) = h.get(&name) {
            check_name_addr(v).map_err(|e| ParseError::bad(format!("bad {name}: {e}")))?;
        }
    }
    if let Some(id) = h.get(&HeaderName::CallId) {
        if !call_id_ok(id) {
            return Err(ParseError::bad("bad Call-ID"));
        }
    }
    for via in h
        .get_all(&HeaderName::Via)
        .flat_map(|v| split_comma_list(v))
    {
        check_via(via).map_err(|e| ParseError::bad(format!("bad Via: {e}")))?;
    }
    let contacts: Vec<&str> = h
        .get_all(&HeaderName::Contact)
        .flat_map(|v| split_comma_list(v))
        .collect();
    for c in &contacts {
        if *c == "*" && contacts.len() == 1 {
            continue;
        }
        check_name_addr(c).map_err(|e| ParseError::bad(format!("bad Contact: {e}")))?;
    }
    if let Some(v) = h.get(&HeaderName::Expires) {
        let v = trim_lws(v);
        if v.is_empty() || !v.bytes().all(|b| b.is_ascii_digit()) {
            return Err(ParseError::bad("bad Expires"));
        }
    }
    Ok(())
}

/// `callid = word [ "@" word ]` (RFC 3261 §25.1).
fn call_id_ok(id: &str) -> bool {
    let word = |w: &str| {
        !w.is_empty()
            && w.bytes().all(|b| {
                !is_lws(b)
                    && (b.is_ascii_alphanumeric() || b"-.!%*_+`'~()<>:\\\"/[]?{}".contains(&b))
            })
    };
    match id.split_once('@') {
        Some((a, b)) => word(a) && word(b),
        None => word(id),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn call_ids() {
        assert!(call_id_ok("wsinv.ndaksdj@192.0.2.1"));
        assert!(call_id_ok("intmeth.word%ZK-!.*_+'@word`~)(><:\\/\"][?}{"));
        assert!(!call_id_ok("a b"));
        assert!(!call_id_ok("a@b@c"));
        assert!(!call_id_ok(""));
    }
}
