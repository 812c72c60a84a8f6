//! The SIP services a transport offers in DNS (RFC 3263 §4.1, RFC 2782): the NAPTR
//! service tag, the SRV prefix and the default port of each transport kind, and the
//! transports (kinds and address families) the caller has.

use crate::sip::transport::TransportKind;

/// How one transport kind appears in DNS.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Service {
    /// Our transport kind.
    pub kind: TransportKind,
    /// The NAPTR service tag (RFC 3263 §4.1).
    pub naptr: &'static str,
    /// The SRV owner-name prefix (RFC 3263 §4.1, RFC 2782).
    pub srv_prefix: &'static str,
    /// The port used when neither the URI nor SRV gives one (RFC 3261 §19.1.2).
    pub default_port: u16,
    /// Whether it is a secure (TLS) transport, the only kind a `sips:` URI may use.
    pub secure: bool,
}

impl Service {
    /// The DNS service of a transport kind. TLS joins as `SIPS+D2T`, `_sips._tcp`, 5061,
    /// secure, when `TransportKind` gets it.
    pub fn of(kind: TransportKind) -> Service {
        match kind {
            TransportKind::Udp => Service {
                kind,
                naptr: "SIP+D2U",
                srv_prefix: "_sip._udp",
                default_port: 5060,
                secure: false,
            },
            TransportKind::Tcp => Service {
                kind,
                naptr: "SIP+D2T",
                srv_prefix: "_sip._tcp",
                default_port: 5060,
                secure: false,
            },
        }
    }

    /// The SRV name of this service in `domain`.
    pub fn srv_name(&self, domain: &str) -> String {
        format!("{}.{domain}", self.srv_prefix)
    }
}

/// An address family.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Family {
    V4,
    V6,
}

impl Family {
    pub fn of(ipv6: bool) -> Family {
        if ipv6 {
            Family::V6
        } else {
            Family::V4
        }
    }
}

/// The transports the caller has, in its order of preference, and what they allow.
#[derive(Clone, Debug)]
pub(super) struct Transports {
    have: Vec<(TransportKind, Family)>,
}

impl Transports {
    /// From the caller's `(kind, ipv6)` list, most preferred first; duplicates dropped.
    pub fn new(have: &[(TransportKind, bool)]) -> Self {
        let mut list = Vec::new();
        for &(kind, ipv6) in have {
            let entry = (kind, Family::of(ipv6));
            if !list.contains(&entry) {
                list.push(entry);
            }
        }
        Transports { have: list }
    }

    /// The services usable for a `sip:` (`secure` false) or `sips:` URI, in the order
    /// their kinds first appear.
    pub fn services(&self, secure: bool) -> Vec<Service> {
        let mut out: Vec<Service> = Vec::new();
        for &(kind, _) in &self.have {
            let s = Service::of(kind);
            if (s.secure || !secure) && !out.contains(&s) {
                out.push(s);
            }
        }
        out
    }

    /// The address families `kind` can reach, in the order they first appear.
    pub fn families(&self, kind: TransportKind) -> Vec<Family> {
        self.have
            .iter()
            .filter(|(k, _)| *k == kind)
            .map(|(_, f)| *f)
            .collect()
    }

    /// Every family we have, in preference order (the order it first appears).
    pub fn family_order(&self) -> Vec<Family> {
        let mut out = Vec::new();
        for &(_, f) in &self.have {
            if !out.contains(&f) {
                out.push(f);
            }
        }
        out
    }
}
