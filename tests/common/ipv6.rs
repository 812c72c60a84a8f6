//! IPv6 loopback for the tests that need [::1]: without it they skip, unless
//! `PJSUA2RS_REQUIRE_IPV6=1` (scripts/test.sh sets it), when they fail instead.

use std::net::UdpSocket;

/// Whether [::1] can be bound on this machine.
pub fn has_ipv6_loopback() -> bool {
    UdpSocket::bind("[::1]:0").is_ok()
}

/// Whether test `test` can run its IPv6 part: `true` with IPv6 loopback; without it,
/// `false` after printing SKIPPED, or a panic when `PJSUA2RS_REQUIRE_IPV6=1`.
pub fn ipv6_or_skip(test: &str) -> bool {
    if has_ipv6_loopback() {
        return true;
    }
    assert!(
        std::env::var("PJSUA2RS_REQUIRE_IPV6").as_deref() != Ok("1"),
        "{test}: no IPv6 loopback (::1) on this machine, and PJSUA2RS_REQUIRE_IPV6=1 requires it"
    );
    eprintln!("SKIPPED {test}: no IPv6 loopback on this machine");
    false
}
