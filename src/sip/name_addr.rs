//! `name-addr` / `addr-spec` values with header parameters: From, To, Contact, Route,
//! Record-Route, Refer-To (RFC 3261 §20, §25.1).

use super::params::Params;
use super::text::Text;
use super::uri::Uri;
use std::fmt;

/// An address with an optional display name and header parameters (`;tag=`, `;expires=`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NameAddr {
    /// The display name, unquoted and unescaped; `None` when absent.
    pub display: Option<Text>,
    /// The URI.
    pub uri: Uri,
    /// The header parameters after the address (not the URI's own parameters).
    pub params: Params,
}

impl NameAddr {
    /// An address with no display name and no parameters.
    pub fn new(uri: Uri) -> Self {
        NameAddr {
            display: None,
            uri,
            params: Params::new(),
        }
    }

    /// The `tag` parameter (From and To).
    pub fn tag(&self) -> Option<&Text> {
        self.params.value("tag")
    }
}

impl fmt::Display for NameAddr {
    /// Writes the name-addr form (`"Name" <uri>;params`), always with angle brackets so
    /// URI parameters are never mistaken for header parameters.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(display) = &self.display {
            f.write_str("\"")?;
            for c in display.chars() {
                if c == '"' || c == '\\' {
                    f.write_str("\\")?;
                }
                write!(f, "{c}")?;
            }
            f.write_str("\" ")?;
        }
        write!(f, "<{}>{}", self.uri, self.params)
    }
}
