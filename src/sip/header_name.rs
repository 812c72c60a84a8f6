//! SIP header field names: the known ones (with RFC 3261 §7.3.3 compact forms) and any other.

use super::text::Text;
use std::fmt;

macro_rules! known_headers {
    ($( $variant:ident => $name:literal $(, $compact:literal)? ;)*) => {
        /// A header field name. Known names compare case-insensitively and are written in
        /// their canonical form; compact forms (`v`, `i`, `m`...) parse to the full name.
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        pub enum HeaderName {
            $(
                #[doc = concat!("`", $name, "`")]
                $variant,
            )*
            /// Any other header field, with the name as received (compared case-insensitively).
            Other(Text),
        }

        impl HeaderName {
            /// The canonical spelling of the name.
            pub fn as_str(&self) -> &str {
                match self {
                    $(HeaderName::$variant => $name,)*
                    HeaderName::Other(t) => t.as_str(),
                }
            }

            /// The compact form of the name, if it has one (RFC 3261 §7.3.3 and later RFCs).
            pub fn compact(&self) -> Option<char> {
                match self {
                    $($(HeaderName::$variant => Some($compact),)?)*
                    _ => None,
                }
            }

            /// The known header this spelling names (full or compact form, any case).
            pub(crate) fn lookup(name: &str) -> Option<HeaderName> {
                if name.len() == 1 {
                    let c = name.as_bytes()[0].to_ascii_lowercase() as char;
                    $($(if c == $compact { return Some(HeaderName::$variant); })?)*
                    return None;
                }
                $(if name.eq_ignore_ascii_case($name) { return Some(HeaderName::$variant); })*
                None
            }
        }
    };
}

known_headers! {
    Accept => "Accept";
    AcceptContact => "Accept-Contact", 'a';
    AcceptEncoding => "Accept-Encoding";
    AcceptLanguage => "Accept-Language";
    AlertInfo => "Alert-Info";
    Allow => "Allow";
    AllowEvents => "Allow-Events", 'u';
    AuthenticationInfo => "Authentication-Info";
    Authorization => "Authorization";
    CallId => "Call-ID", 'i';
    CallInfo => "Call-Info";
    Contact => "Contact", 'm';
    ContentDisposition => "Content-Disposition";
    ContentEncoding => "Content-Encoding", 'e';
    ContentLanguage => "Content-Language";
    ContentLength => "Content-Length", 'l';
    ContentType => "Content-Type", 'c';
    CSeq => "CSeq";
    Date => "Date";
    ErrorInfo => "Error-Info";
    Event => "Event", 'o';
    Expires => "Expires";
    From => "From", 'f';
    InReplyTo => "In-Reply-To";
    MaxForwards => "Max-Forwards";
    MimeVersion => "MIME-Version";
    MinExpires => "Min-Expires";
    MinSe => "Min-SE";
    Organization => "Organization";
    Path => "Path";
    Priority => "Priority";
    ProxyAuthenticate => "Proxy-Authenticate";
    ProxyAuthorization => "Proxy-Authorization";
    ProxyRequire => "Proxy-Require";
    RAck => "RAck";
    Reason => "Reason";
    RecordRoute => "Record-Route";
    ReferTo => "Refer-To", 'r';
    ReferredBy => "Referred-By", 'b';
    RejectContact => "Reject-Contact", 'j';
    Replaces => "Replaces";
    ReplyTo => "Reply-To";
    RequestDisposition => "Request-Disposition", 'd';
    Require => "Require";
    RetryAfter => "Retry-After";
    Route => "Route";
    RSeq => "RSeq";
    Server => "Server";
    ServiceRoute => "Service-Route";
    SessionExpires => "Session-Expires", 'x';
    SipETag => "SIP-ETag";
    SipIfMatch => "SIP-If-Match";
    Subject => "Subject", 's';
    SubscriptionState => "Subscription-State";
    Supported => "Supported", 'k';
    Timestamp => "Timestamp";
    To => "To", 't';
    Unsupported => "Unsupported";
    UserAgent => "User-Agent";
    Via => "Via", 'v';
    Warning => "Warning";
    WwwAuthenticate => "WWW-Authenticate";
}

impl HeaderName {
    /// The name for a received or application-given spelling: a known name (full or
    /// compact form, any case) or `Other` with the spelling kept.
    pub fn from_text(name: Text) -> HeaderName {
        HeaderName::lookup(&name).unwrap_or(HeaderName::Other(name))
    }

    /// Like [`HeaderName::from_text`], copying the string.
    pub fn parse(name: &str) -> HeaderName {
        HeaderName::lookup(name).unwrap_or_else(|| HeaderName::Other(Text::from(name)))
    }

    /// Whether this names the same header as `other`, ignoring case.
    pub fn matches(&self, other: &HeaderName) -> bool {
        match (self, other) {
            (HeaderName::Other(a), HeaderName::Other(b)) => a.eq_ignore_ascii_case(b),
            (a, b) => a == b,
        }
    }

    /// Whether several values of this header may be joined by commas on one line
    /// (RFC 3261 §7.3.1). The authentication headers and Date are not such lists.
    pub fn is_list(&self) -> bool {
        matches!(
            self,
            HeaderName::Accept
                | HeaderName::AcceptContact
                | HeaderName::AcceptEncoding
                | HeaderName::AcceptLanguage
                | HeaderName::AlertInfo
                | HeaderName::Allow
                | HeaderName::AllowEvents
                | HeaderName::CallInfo
                | HeaderName::Contact
                | HeaderName::ContentEncoding
                | HeaderName::ContentLanguage
                | HeaderName::ErrorInfo
                | HeaderName::InReplyTo
                | HeaderName::Path
                | HeaderName::ProxyRequire
                | HeaderName::Reason
                | HeaderName::RecordRoute
                | HeaderName::RejectContact
                | HeaderName::RequestDisposition
                | HeaderName::Require
                | HeaderName::Route
                | HeaderName::ServiceRoute
                | HeaderName::Supported
                | HeaderName::Unsupported
                | HeaderName::Via
                | HeaderName::Warning
        )
    }
}

impl fmt::Display for HeaderName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compact_and_case_insensitive_names() {
        assert_eq!(HeaderName::parse("v"), HeaderName::Via);
        assert_eq!(HeaderName::parse("I"), HeaderName::CallId);
        assert_eq!(HeaderName::parse("cAlL-iD"), HeaderName::CallId);
        assert_eq!(HeaderName::parse("CSEQ").as_str(), "CSeq");
        let other = HeaderName::parse("X-Custom");
        assert!(other.matches(&HeaderName::parse("x-custom")));
        assert_eq!(other.as_str(), "X-Custom");
        assert_eq!(HeaderName::parse("q"), HeaderName::Other(Text::from("q")));
    }
}
