//! Serialises a document tree exactly as PJSUA2's writer (pjlib-util json.c) does:
//! objects open with "{ " and a newline, members are indented 3 spaces per level and
//! names padded to 20 columns, arrays whose first member has no name are written inline,
//! numbers print as `%d` when integral and `%f` otherwise, strings are escaped byte by
//! byte, and there is no trailing newline.

use super::tree::{Item, NodeId, Tree};
use std::fmt::Write;

/// Names shorter than this are padded with spaces up to it (PJ_JSON_NAME_MIN_LEN).
const NAME_MIN_LEN: usize = 20;
/// Spaces per nesting level (PJ_JSON_INDENT_SIZE).
const INDENT_SIZE: usize = 3;
/// The writer's indent buffer; deeper levels stop indenting further (MAX_INDENT).
const MAX_INDENT: usize = 100;

/// The text of the document whose root object is node 0.
pub(crate) fn to_string(tree: &Tree) -> String {
    let mut w = Writer {
        tree,
        out: String::new(),
        indent: 0,
    };
    w.children(0, false);
    w.out
}

struct Writer<'a> {
    tree: &'a Tree,
    out: String,
    indent: usize,
}

impl Writer<'_> {
    fn member(&mut self, name: &str, item: &Item, in_array: bool) {
        if !name.is_empty() {
            self.pad(self.indent);
            if !in_array {
                self.out.push('"');
                escape_into(name, &mut self.out);
                self.out.push_str("\": ");
                if name.len() < NAME_MIN_LEN {
                    self.pad(NAME_MIN_LEN - name.len());
                }
            }
        }
        match item {
            Item::Null => self.out.push_str("null"),
            Item::Bool(b) => self.out.push_str(if *b { "true" } else { "false" }),
            Item::Number(n) => format_number(*n, &mut self.out),
            Item::String(s) => {
                self.out.push('"');
                escape_into(s, &mut self.out);
                self.out.push('"');
            }
            Item::Node(id) => {
                let is_array = self.tree.node(*id).is_array;
                self.children(*id, is_array);
            }
        }
    }

    fn children(&mut self, id: NodeId, is_array: bool) {
        let (open, close) = if is_array { ('[', ']') } else { ('{', '}') };
        self.out.push(open);
        self.out.push(' ');
        let members = &self.tree.node(id).members;
        if let Some(first) = members.first() {
            if first.name.is_empty() {
                // A simple list: inline, members separated by ", ".
                for (i, m) in members.iter().enumerate() {
                    if i > 0 {
                        self.out.push_str(", ");
                    }
                    self.member(&m.name, &m.item, is_array);
                }
            } else {
                let deeper = self.indent + INDENT_SIZE <= MAX_INDENT;
                if deeper {
                    self.indent += INDENT_SIZE;
                }
                self.out.push('\n');
                for (i, m) in members.iter().enumerate() {
                    self.member(&m.name, &m.item, is_array);
                    self.out
                        .push_str(if i + 1 < members.len() { ",\n" } else { "\n" });
                }
                if deeper {
                    self.indent -= INDENT_SIZE;
                }
                self.pad(self.indent);
            }
        }
        self.out.push(close);
    }

    fn pad(&mut self, n: usize) {
        self.out.extend(std::iter::repeat_n(' ', n));
    }
}

/// A number as PJSUA2 prints it: `%d` when it is integral and fits an int, else `%f`.
pub(crate) fn format_number(n: f64, out: &mut String) {
    if n.fract() == 0.0 && (-2147483648.0..=2147483647.0).contains(&n) {
        let _ = write!(out, "{}", n as i32);
    } else {
        let _ = write!(out, "{n:.6}");
    }
}

/// Escapes as PJSUA2 does: `"`, `\`, `/`, and \b \f \n \r \t get a backslash; other
/// bytes outside 32..126 become `\u00xx` (lowercase hex), one per byte of the UTF-8.
pub(crate) fn escape_into(s: &str, out: &mut String) {
    for &b in s.as_bytes() {
        match b {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            b'/' => out.push_str("\\/"),
            0x08 => out.push_str("\\b"),
            0x0c => out.push_str("\\f"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            32..=126 => out.push(b as char),
            _ => {
                let _ = write!(out, "\\u00{b:02x}");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(n: f64) -> String {
        let mut s = String::new();
        format_number(n, &mut s);
        s
    }

    #[test]
    fn numbers_print_like_printf() {
        assert_eq!(num(4.0), "4");
        assert_eq!(num(-1.0), "-1");
        assert_eq!(num(-0.0), "0");
        assert_eq!(num(0.5), "0.500000");
        assert_eq!(num(0.1f32 as f64), "0.100000");
        assert_eq!(num(2147483647.0), "2147483647");
        assert_eq!(num(-2147483648.0), "-2147483648");
        assert_eq!(num(2147483648.0), "2147483648.000000");
        assert_eq!(num(4294967295.0), "4294967295.000000");
        assert_eq!(num(1e10f32 as f64), "10000000000.000000");
    }

    #[test]
    fn strings_escape_byte_by_byte() {
        let mut s = String::new();
        escape_into("a\"b\\c/d\u{8}\u{c}\n\r\t\u{1}é~\u{7f}", &mut s);
        assert_eq!(
            s,
            "a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u0001\\u00c3\\u00a9~\\u007f"
        );
    }

    #[test]
    fn layout_matches_pjsua2() {
        let mut t = Tree::default();
        let ep = t.push_node(0, "EpConfig", false).unwrap();
        t.push(ep, "maxCalls", Item::Number(4.0)).unwrap();
        t.push(ep, "aVeryLongMemberNameHere", Item::Bool(true))
            .unwrap();
        let arr = t.push_node(ep, "stunServer", true).unwrap();
        t.push(arr, "", Item::String("a".into())).unwrap();
        t.push(arr, "", Item::String("b".into())).unwrap();
        t.push_node(ep, "empty", true).unwrap();
        let objs = t.push_node(ep, "headers", true).unwrap();
        let h = t.push_node(objs, "header", false).unwrap();
        t.push(h, "hname", Item::String("X".into())).unwrap();
        t.push_node(ep, "obj", false).unwrap();
        let expected = "{ \n   \"EpConfig\":             { \n      \"maxCalls\":             4,\n      \"aVeryLongMemberNameHere\": true,\n      \"stunServer\":           [ \"a\", \"b\"],\n      \"empty\":                [ ],\n      \"headers\":              [ \n         { \n            \"hname\":                \"X\"\n         }\n      ],\n      \"obj\":                  { }\n   }\n}";
        assert_eq!(to_string(&t), expected);
    }
}
