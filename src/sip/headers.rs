//! The ordered header list of a SIP message, with lookup by name and comma-list splitting.

use super::header_name::HeaderName;
use super::text::Text;

/// One header field line: a name and its value (unfolded, without surrounding whitespace).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Header {
    /// The field name.
    pub name: HeaderName,
    /// The field value as received (one line; a comma list is not split).
    pub value: Text,
}

/// The header fields of a message, in order. Order matters among fields of the same name
/// (Via, Route, Record-Route); it is kept exactly.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Headers(Vec<Header>);

impl Headers {
    /// An empty header list.
    pub fn new() -> Self {
        Headers(Vec::new())
    }

    /// An empty header list with room for `n` fields.
    pub fn with_capacity(n: usize) -> Self {
        Headers(Vec::with_capacity(n))
    }

    /// Appends a field.
    pub fn push(&mut self, name: HeaderName, value: impl Into<Text>) {
        self.0.push(Header {
            name,
            value: value.into(),
        });
    }

    /// Inserts a field before every other field (a new top Via, say).
    pub fn push_front(&mut self, name: HeaderName, value: impl Into<Text>) {
        self.0.insert(
            0,
            Header {
                name,
                value: value.into(),
            },
        );
    }

    /// Replaces every field of this name by one field, kept at the first one's place.
    pub fn set(&mut self, name: HeaderName, value: impl Into<Text>) {
        let value = value.into();
        match self.0.iter().position(|h| h.name.matches(&name)) {
            Some(i) => {
                self.0[i].value = value;
                let mut j = 0;
                self.0.retain(|h| {
                    let keep = j <= i || !h.name.matches(&name);
                    j += 1;
                    keep
                });
            }
            None => self.push(name, value),
        }
    }

    /// Removes every field of this name; returns how many were removed.
    pub fn remove(&mut self, name: &HeaderName) -> usize {
        let before = self.0.len();
        self.0.retain(|h| !h.name.matches(name));
        before - self.0.len()
    }

    /// Removes the first field of this name and returns its value.
    pub fn remove_first(&mut self, name: &HeaderName) -> Option<Text> {
        let i = self.0.iter().position(|h| h.name.matches(name))?;
        Some(self.0.remove(i).value)
    }

    /// The value of the first field of this name.
    pub fn get(&self, name: &HeaderName) -> Option<&Text> {
        self.0
            .iter()
            .find(|h| h.name.matches(name))
            .map(|h| &h.value)
    }

    /// The values of every field of this name, in order (comma lists not split).
    pub fn get_all<'a>(&'a self, name: &'a HeaderName) -> impl Iterator<Item = &'a Text> + 'a {
        self.0
            .iter()
            .filter(move |h| h.name.matches(name))
            .map(|h| &h.value)
    }

    /// Every value of this name with comma lists split (RFC 3261 §7.3.1): a field
    /// `Via: a, b` and a field `Via: c` give `a`, `b`, `c`. Commas inside quotes or angle
    /// brackets do not split. Each item shares the message's buffer.
    pub fn values<'a>(&'a self, name: &'a HeaderName) -> impl Iterator<Item = Text> + 'a {
        let split = name.is_list();
        self.get_all(name).flat_map(move |v| {
            let items: Vec<Text> = if split {
                split_comma_list(v.as_str())
                    .into_iter()
                    .map(|s| v.slice_ref(s))
                    .collect()
            } else {
                vec![v.clone()]
            };
            items
        })
    }

    /// Whether a field of this name is present.
    pub fn contains(&self, name: &HeaderName) -> bool {
        self.get(name).is_some()
    }

    /// Every field in order.
    pub fn iter(&self) -> std::slice::Iter<'_, Header> {
        self.0.iter()
    }

    /// The number of fields.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are no fields.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<'a> IntoIterator for &'a Headers {
    type Item = &'a Header;
    type IntoIter = std::slice::Iter<'a, Header>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

/// Splits a header value at top-level commas, trimming whitespace around each item and
/// dropping empty items. Commas inside double quotes (with backslash escapes) or inside
/// `<...>` do not split.
pub fn split_comma_list(value: &str) -> Vec<&str> {
    let mut items = Vec::new();
    let bytes = value.as_bytes();
    let (mut start, mut in_quotes, mut in_angle, mut i) = (0, false, false, 0);
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if in_quotes => i += 1,
            b'"' => in_quotes = !in_quotes,
            b'<' if !in_quotes => in_angle = true,
            b'>' if !in_quotes => in_angle = false,
            b',' if !in_quotes && !in_angle => {
                let item = value[start..i].trim_matches(is_lws);
                if !item.is_empty() {
                    items.push(item);
                }
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    let item = value[start.min(value.len())..].trim_matches(is_lws);
    if !item.is_empty() {
        items.push(item);
    }
    items
}

fn is_lws(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\r' | '\n')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comma_lists_respect_quotes_and_brackets() {
        assert_eq!(
            split_comma_list(r#""a, b" <sip:x@y;p=1,2>, <sip:z> ,, c"#),
            vec![r#""a, b" <sip:x@y;p=1,2>"#, "<sip:z>", "c"]
        );
        assert_eq!(split_comma_list(r#""q\", x", y"#), vec![r#""q\", x""#, "y"]);
    }

    #[test]
    fn set_replaces_all_in_place() {
        let mut h = Headers::new();
        h.push(HeaderName::Via, "a");
        h.push(HeaderName::To, "t");
        h.push(HeaderName::Via, "b");
        h.set(HeaderName::Via, "c");
        let names: Vec<_> = h.iter().map(|x| x.value.to_string()).collect();
        assert_eq!(names, vec!["c", "t"]);
        h.push(HeaderName::parse("X-A"), "1");
        assert_eq!(h.get(&HeaderName::parse("x-a")).unwrap(), "1");
        assert_eq!(h.values(&HeaderName::Via).count(), 1);
    }
}
