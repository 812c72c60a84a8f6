//! Generic `;name=value` parameters of URIs and header values (RFC 3261 §19.1.1, §25.1).

use super::text::Text;
use std::fmt;

/// One parameter. `value` is `None` for a flag parameter such as `;lr` or `;rport`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Param {
    /// The parameter name as written (compared case-insensitively).
    pub name: Text,
    /// The value as written (quotes kept for quoted-string values), or `None`.
    pub value: Option<Text>,
}

/// An ordered parameter list; names compare case-insensitively.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Params(pub Vec<Param>);

impl Params {
    /// An empty list.
    pub fn new() -> Self {
        Params(Vec::new())
    }

    /// The parameter named `name`: `Some(Some(v))` with a value, `Some(None)` for a flag,
    /// `None` when absent.
    pub fn get(&self, name: &str) -> Option<Option<&Text>> {
        self.0
            .iter()
            .find(|p| p.name.eq_ignore_ascii_case(name))
            .map(|p| p.value.as_ref())
    }

    /// The value of `name`, when present with a value.
    pub fn value(&self, name: &str) -> Option<&Text> {
        self.get(name).flatten()
    }

    /// Whether `name` is present (flag or with a value).
    pub fn contains(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// Sets `name` (replacing an existing one in place) to `value` (`None` for a flag).
    pub fn set(&mut self, name: &str, value: Option<Text>) {
        match self
            .0
            .iter_mut()
            .find(|p| p.name.eq_ignore_ascii_case(name))
        {
            Some(p) => p.value = value,
            None => self.0.push(Param {
                name: Text::from(name),
                value,
            }),
        }
    }

    /// Removes `name`; returns whether it was present.
    pub fn remove(&mut self, name: &str) -> bool {
        let before = self.0.len();
        self.0.retain(|p| !p.name.eq_ignore_ascii_case(name));
        before != self.0.len()
    }

    /// Every parameter in order.
    pub fn iter(&self) -> std::slice::Iter<'_, Param> {
        self.0.iter()
    }

    /// Whether the list is empty.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Display for Params {
    /// Writes `;name=value` for each parameter.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for p in &self.0 {
            match &p.value {
                Some(v) => write!(f, ";{}={}", p.name, v)?,
                None => write!(f, ";{}", p.name)?,
            }
        }
        Ok(())
    }
}
