//! Parses JSON text into a document tree with serde_json, keeping member order and
//! duplicate names (as PJSUA2's parser does), and reading PJSUA2's byte-wise `\u00xx`
//! escapes back into the UTF-8 they came from.

use super::tree::{child_path, Item, Tree};
use crate::ua::status::PJSUA2RS_ERR_JSON;
use crate::ua::{Error, Result};
use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use std::borrow::Cow;
use std::fmt;

/// Parses `text`, whose top level must be an object, into a tree rooted at node 0.
pub(crate) fn parse(text: &str) -> Result<Tree> {
    let text = mark_byte_escapes(text);
    let mut tree = Tree::empty();
    let mut de = serde_json::Deserializer::from_str(&text);
    let root = ItemSeed {
        tree: &mut tree,
        path: String::new(),
    }
    .deserialize(&mut de)
    .and_then(|item| de.end().map(|()| item))
    .map_err(|e| Error::new(PJSUA2RS_ERR_JSON, "", format!("malformed JSON: {e}")))?;
    match root {
        Item::Node(0) if !tree.node(0).is_array => Ok(tree),
        other => Err(Error::new(
            PJSUA2RS_ERR_JSON,
            "",
            format!(
                "the document root must be an object, not {}",
                other.kind(&tree)
            ),
        )),
    }
}

/// PJSUA2 writes each byte of a non-ASCII UTF-8 string as its own `\u00xx` escape, and
/// its parser turns each such escape back into one byte. A standard parser would read
/// them as separate Latin-1 characters, so before parsing, every `\u0080`..`\u00ff`
/// escape inside a string is rewritten to a private-use code point (U+10FF80 + byte)
/// that [`unmark_bytes`] turns back into bytes after parsing.
fn mark_byte_escapes(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut in_string = false;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => in_string = !in_string,
            b'\\' if in_string => {
                if let Some(byte) = high_byte_escape(&bytes[i..]) {
                    let o = out.get_or_insert_with(String::new);
                    o.push_str(&text[copied..i]);
                    // U+10FF00 + byte as a UTF-16 surrogate pair.
                    o.push_str(&format!("\\uDBFF\\uDF{byte:02X}"));
                    i += 6;
                    copied = i;
                    continue;
                }
                i += 1; // skip the escaped character, which may be a quote
            }
            _ => {}
        }
        i += 1;
    }
    match out {
        Some(mut o) => {
            o.push_str(&text[copied..]);
            Cow::Owned(o)
        }
        None => Cow::Borrowed(text),
    }
}

/// The byte of a `\u00XX` escape with XX >= 0x80 at the start of `s`.
fn high_byte_escape(s: &[u8]) -> Option<u8> {
    if s.len() < 6 || s[1] != b'u' || s[2] != b'0' || s[3] != b'0' {
        return None;
    }
    let hex = std::str::from_utf8(&s[4..6]).ok()?;
    let byte = u8::from_str_radix(hex, 16).ok()?;
    (byte >= 0x80).then_some(byte)
}

const MARK_BASE: u32 = 0x10FF00;

/// Turns runs of marked bytes back into UTF-8 text; bytes that do not form UTF-8 become
/// the Latin-1 characters a standard parser would give.
fn unmark_bytes(s: String) -> String {
    if !s.chars().any(is_mark) {
        return s;
    }
    let mut out = String::with_capacity(s.len());
    let mut run = Vec::new();
    for c in s.chars() {
        if is_mark(c) {
            run.push((c as u32 - MARK_BASE) as u8);
            continue;
        }
        flush_run(&mut run, &mut out);
        out.push(c);
    }
    flush_run(&mut run, &mut out);
    out
}

fn is_mark(c: char) -> bool {
    (MARK_BASE + 0x80..=MARK_BASE + 0xff).contains(&(c as u32))
}

fn flush_run(run: &mut Vec<u8>, out: &mut String) {
    for chunk in run.utf8_chunks() {
        out.push_str(chunk.valid());
        out.extend(chunk.invalid().iter().map(|&b| b as char));
    }
    run.clear();
}

/// Deserialises one value into the tree; containers become nodes with this path.
struct ItemSeed<'t> {
    tree: &'t mut Tree,
    path: String,
}

impl<'de> DeserializeSeed<'de> for ItemSeed<'_> {
    type Value = Item;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> std::result::Result<Item, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ItemSeed<'_> {
    type Value = Item;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_unit<E>(self) -> std::result::Result<Item, E> {
        Ok(Item::Null)
    }

    fn visit_bool<E>(self, v: bool) -> std::result::Result<Item, E> {
        Ok(Item::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> std::result::Result<Item, E> {
        Ok(Item::Number(v as f64))
    }

    fn visit_u64<E>(self, v: u64) -> std::result::Result<Item, E> {
        Ok(Item::Number(v as f64))
    }

    fn visit_f64<E>(self, v: f64) -> std::result::Result<Item, E> {
        Ok(Item::Number(v))
    }

    fn visit_str<E>(self, v: &str) -> std::result::Result<Item, E> {
        Ok(Item::String(unmark_bytes(v.to_string())))
    }

    fn visit_string<E>(self, v: String) -> std::result::Result<Item, E> {
        Ok(Item::String(unmark_bytes(v)))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<Item, A::Error> {
        let id = self.tree.add_node(true, self.path.clone());
        let mut i = 0;
        loop {
            let seed = ItemSeed {
                tree: &mut *self.tree,
                path: format!("{}[{i}]", self.path),
            };
            let Some(item) = seq.next_element_seed(seed)? else {
                break;
            };
            self.tree.push_parsed(id, String::new(), item);
            i += 1;
        }
        Ok(Item::Node(id))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<Item, A::Error> {
        let id = self.tree.add_node(false, self.path.clone());
        while let Some(name) = map.next_key::<String>()? {
            let name = unmark_bytes(name);
            let seed = ItemSeed {
                tree: &mut *self.tree,
                path: child_path(&self.path, &name),
            };
            let item = map.next_value_seed(seed)?;
            self.tree.push_parsed(id, name, item);
        }
        Ok(Item::Node(id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ua::json::write::to_string;

    #[test]
    fn byte_escapes_become_utf8_again() {
        let t = parse(r#"{"a": "caf\u00c3\u00a9 \u00e9 \"\u00c3\u00a9\" é \u20ac"}"#).unwrap();
        let m = t.member(0, 0);
        assert_eq!(m.item, Item::String("café é \"é\" é €".into()));
    }

    #[test]
    fn escaped_backslash_before_u_is_not_an_escape() {
        let t = parse(r#"{"a": "\\u00c3", "b\u00c3\u00a9": 1}"#).unwrap();
        assert_eq!(t.member(0, 0).item, Item::String("\\u00c3".into()));
        assert_eq!(t.member(0, 1).name, "bé");
    }

    #[test]
    fn duplicates_and_order_are_kept() {
        let t = parse(r#"{"b": 1, "a": [true, null, {"x": "y"}], "b": 2.5}"#).unwrap();
        let names: Vec<_> = t.node(0).members.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names, ["b", "a", "b"]);
        assert_eq!(t.member(0, 2).item, Item::Number(2.5));
        assert_eq!(
            to_string(&t),
            "{ \n   \"b\":                    1,\n   \"a\":                    [ true, null, { \n      \"x\":                    \"y\"\n   }],\n   \"b\":                    2.500000\n}"
        );
        let Item::Node(arr) = t.member(0, 1).item else {
            panic!()
        };
        let Item::Node(obj) = t.member(arr, 2).item else {
            panic!()
        };
        assert_eq!(t.node(obj).path, "a[2]");
    }

    #[test]
    fn bad_documents_are_json_errors() {
        for (text, what) in [
            ("{\"a\": }", "malformed JSON"),
            ("[1]", "must be an object, not an array"),
            ("\"x\"", "must be an object, not a string"),
            ("{} x", "malformed JSON"),
            ("", "malformed JSON"),
        ] {
            let e = parse(text).unwrap_err();
            assert_eq!(e.status, PJSUA2RS_ERR_JSON, "{text}");
            assert!(e.reason.contains(what), "{text}: {}", e.reason);
        }
    }
}
