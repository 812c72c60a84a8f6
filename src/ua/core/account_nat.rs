//! NAT traversal of accounts: the Contact rewrite after the registrar reports another
//! address in our Via (RFC 3581 `received`/`rport`), decided as PJSUA's
//! `acc_check_nat_addr` does (natConfig.contactRewriteUse and contactRewriteMethod), and
//! the keep-alives to the registrar: `udpKaData` over UDP, CRLFCRLF over TCP (RFC 5626
//! §3.5.1), at the registrar's Flow-Timer when it gives one (RFC 5626 §4.4.1).

use super::UaCore;
use crate::sip::message::{Response, SipHeaders};
use crate::sip::transport::TransportKind;
use crate::sip::uri::Host;
use crate::sip::SipUri;
use crate::ua::account::contact::register_contact;
use crate::ua::account::*;
use crate::ua::config::{
    PJSUA2RS_CONTACT_REWRITE_ALWAYS_UPDATE, PJSUA2RS_CONTACT_REWRITE_UNREGISTER,
};
use bytes::Bytes;
use std::net::{IpAddr, SocketAddr};
use std::time::{Duration, Instant};

/// How often a TCP flow to the registrar gets a CRLFCRLF keep-alive without a Flow-Timer
/// (PJSIP's PJSIP_TCP_KEEP_ALIVE_INTERVAL).
const TCP_KEEPALIVE: Duration = Duration::from_secs(90);

/// The port a Via or Contact without one means (the UDP and TCP default).
const DEFAULT_PORT: u16 = 5060;

/// The address the registrar saw us at, from the top Via of its response: `received`
/// (any port a registrar put in it ignored) or else the sent-by host, and `rport` or
/// else the sent-by port. `None` when that host is not an IP address.
fn seen_address(response: &Response) -> Option<(IpAddr, u16)> {
    let via = response.top_via()?;
    let ip = match via.received() {
        Some(r) => {
            let r = r.trim_start_matches('[').trim_end_matches(']');
            r.parse::<IpAddr>()
                .ok()
                .or_else(|| r.parse::<SocketAddr>().ok().map(|a| a.ip()))?
        }
        None => via.host.ip()?,
    };
    let port = via
        .rport()
        .flatten()
        .filter(|p| *p > 0)
        .or(via.port)
        .unwrap_or(DEFAULT_PORT);
    Some((ip, port))
}

/// PJSUA's private addresses (IPv4 only): 10/8, 127/8, 172.16/12, 192.168/16.
fn is_private(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => v4.is_private() || v4.is_loopback(),
        IpAddr::V6(_) => false,
    }
}

/// Whether our Contact must follow the address the registrar saw (`rewrite_use` 1 or
/// 2): never when it already names it; with 1 not when our Contact and the registrar
/// are public but the address seen is private (a NAT in the middle mangled it), nor
/// when only the port differs and the address is private.
fn needs_rewrite(
    rewrite_use: i32,
    contact: &SipUri,
    seen: (IpAddr, u16),
    server: Option<IpAddr>,
) -> bool {
    let contact_ip = contact.host.ip();
    let same_ip = contact.host.same_as(&Host::from(seen.0));
    if same_ip && contact.port.unwrap_or(DEFAULT_PORT) == seen.1 {
        return false;
    }
    if rewrite_use == 2 {
        return true;
    }
    let public = |ip: Option<IpAddr>| !ip.is_some_and(is_private);
    if public(contact_ip) && public(server) && is_private(seen.0) {
        return false;
    }
    !(same_ip && is_private(seen.0))
}

impl UaCore {
    /// Before a final response to a REGISTER is handled: when the registrar saw us at an
    /// address our Contact must follow, a 2xx marks it for [`Self::rewrite_contact`]
    /// (done once the 2xx registered), and any other final response of 400 or more to a
    /// REGISTER updates the Contact at once with ALWAYS_UPDATE, so the REGISTER sent
    /// next (the answer to a challenge, too) carries it.
    pub(super) fn check_nat(&mut self, acc: AccountId, response: &Response) {
        let Some(a) = self.accounts.get(&acc) else {
            return;
        };
        let nat = &a.settings.nat;
        let Some(reg) = a.registration.as_ref() else {
            return;
        };
        let success = (200..300).contains(&response.status);
        let always = response.status >= 400
            && nat.contact_rewrite_method & PJSUA2RS_CONTACT_REWRITE_ALWAYS_UPDATE != 0
            && reg.phase() == crate::sip::registration::RegPhase::Registering;
        if nat.contact_rewrite_use == 0
            || a.settings.contact_forced.is_some()
            || a.contact_rewritten
            || !(success || always)
        {
            return;
        }
        let (Some(seen), Some(contact)) =
            (seen_address(response), reg.params().contact.uri.as_sip())
        else {
            return;
        };
        let server = a.reg_flow.map(|f| f.remote.ip());
        if !needs_rewrite(nat.contact_rewrite_use, contact, seen, server) {
            return;
        }
        let seen = (Host::from(seen.0), seen.1);
        let transport = a
            .reg_flow
            .and_then(|f| self.sip.transport(f.transport).cloned());
        let Some(a) = self.accounts.get_mut(&acc) else {
            return;
        };
        if success {
            a.nat_rewrite = Some(seen);
            return;
        }
        let Some(t) = transport else {
            return;
        };
        let contact = register_contact(&a.settings, &t, Some((&seen.0, seen.1)));
        a.seen_as = Some(seen);
        if let Some(reg) = a.registration.as_mut() {
            reg.replace_contact(contact);
        }
    }

    /// After a 2xx showed another address: registers the Contact naming it, as
    /// contactRewriteMethod says. With UNREGISTER the old Contact is removed by an
    /// un-REGISTER of the old registration while a new registration (new Call-ID)
    /// registers the new one (the application sees `onRegStarted(false)`, then the new
    /// round); otherwise (NO_UNREG) one REGISTER of the same registration binds the new
    /// Contact and removes the old one with `expires=0`.
    pub(super) fn rewrite_contact(&mut self, now: Instant, acc: AccountId, seen: (Host, u16)) {
        let Some(a) = self.accounts.get_mut(&acc) else {
            return;
        };
        let method = a.settings.nat.contact_rewrite_method;
        let old = a
            .registration
            .as_ref()
            .map(|r| r.params().contact.to_string())
            .unwrap_or_default();
        self.logger.log(
            3,
            "pjsua_acc.c",
            &format!(
                "IP address change detected for account {acc} ({old} --> {}:{}). Updating registration (using method {method})",
                seen.0, seen.1
            ),
        );
        let transport = a
            .reg_flow
            .and_then(|f| self.sip.transport(f.transport).cloned());
        if method & PJSUA2RS_CONTACT_REWRITE_UNREGISTER != 0 {
            let mut retired = a.retired_copy();
            retired.registration = a.registration.take();
            if let Some(r) = retired.registration.as_mut() {
                r.start(false, &mut retired.auth);
            }
            let settings = a.settings.clone();
            let wait = settings.unreg_wait;
            let id = self.retire(now, retired, wait);
            // The old Contact's un-REGISTER goes first.
            self.send_queued_registers(now, id);
            let fresh = self
                .new_registration(&settings, Some((&seen.0, seen.1)))
                .ok()
                .flatten();
            self.emit(super::AppEvent::RegStarted {
                acc,
                prm: OnRegStartedParam { renew: false },
            });
            if let Some(a) = self.accounts.get_mut(&acc) {
                a.registration = fresh;
            }
        } else if let Some(t) = transport {
            let contact = register_contact(&a.settings, &t, Some((&seen.0, seen.1)));
            if let Some(reg) = a.registration.as_mut() {
                reg.replace_contact(contact);
            }
        }
        if let Some(a) = self.accounts.get_mut(&acc) {
            a.seen_as = Some(seen);
            if let Some(reg) = a.registration.as_mut() {
                reg.start(true, &mut a.auth);
            }
        }
    }

    /// Schedules the next keep-alive of `acc` on its registration flow: at the
    /// registrar's Flow-Timer (80-100 % of it, RFC 5626 §4.4.1), else every
    /// `udpKaIntervalSec` on UDP (none when 0 or `udpKaData` is empty) and every 90 s on
    /// TCP.
    pub(super) fn schedule_keepalive(&mut self, now: Instant, acc: AccountId) {
        let Some(a) = self.accounts.get(&acc) else {
            return;
        };
        let Some(flow) = a.reg_flow else {
            return;
        };
        let nat = &a.settings.nat;
        let udp_silent = flow.kind == TransportKind::Udp && nat.udp_ka_data.is_empty();
        let delay = match (a.flow_timer, flow.kind) {
            _ if udp_silent => None,
            (Some(timer), _) => {
                let ms = timer.as_millis() as u64;
                let low = ms * 4 / 5;
                Some(Duration::from_millis(low + self.rng.below(ms - low + 1)))
            }
            (None, TransportKind::Udp) => Some(nat.udp_ka_interval).filter(|d| !d.is_zero()),
            (None, TransportKind::Tcp) => Some(TCP_KEEPALIVE),
        };
        if let Some(a) = self.accounts.get_mut(&acc) {
            a.next_keepalive = delay.map(|d| now + d);
        }
    }

    /// Sends the keep-alives that are due and schedules the next ones.
    pub(super) fn send_keepalives(&mut self, now: Instant) {
        let due: Vec<AccountId> = self
            .accounts
            .iter()
            .filter(|(_, a)| a.deleting.is_none() && a.next_keepalive.is_some_and(|t| t <= now))
            .map(|(id, _)| *id)
            .collect();
        for acc in due {
            let Some(a) = self.accounts.get(&acc) else {
                continue;
            };
            if let Some(flow) = a.reg_flow {
                let data = match flow.kind {
                    TransportKind::Udp => Bytes::from(a.settings.nat.udp_ka_data.clone()),
                    TransportKind::Tcp => Bytes::from_static(b"\r\n\r\n"),
                };
                self.sip.send_raw(flow, data);
            }
            self.schedule_keepalive(now, acc);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn uri(s: &str) -> SipUri {
        match s.parse::<crate::sip::Uri>().unwrap() {
            crate::sip::Uri::Sip(u) => u,
            _ => unreachable!(),
        }
    }

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn pjsua_rewrite_rules() {
        let private = uri("sip:a@10.0.0.2:5060");
        let public = uri("sip:a@198.51.100.2:5060");
        let server = Some(ip("192.0.2.10"));
        // Nothing changed.
        assert!(!needs_rewrite(1, &private, (ip("10.0.0.2"), 5060), server));
        // A public address seen: rewrite.
        assert!(needs_rewrite(
            1,
            &private,
            (ip("203.0.113.7"), 40000),
            server
        ));
        // Only the port differs on a private address: 1 keeps it, 2 rewrites.
        assert!(!needs_rewrite(1, &private, (ip("10.0.0.2"), 40000), server));
        assert!(needs_rewrite(2, &private, (ip("10.0.0.2"), 40000), server));
        // Only the port differs on a public address: rewrite.
        assert!(needs_rewrite(
            1,
            &public,
            (ip("198.51.100.2"), 40000),
            server
        ));
        // Public Contact and registrar, private address seen: 1 keeps it, 2 rewrites.
        assert!(!needs_rewrite(
            1,
            &public,
            (ip("192.168.1.5"), 5060),
            server
        ));
        assert!(needs_rewrite(2, &public, (ip("192.168.1.5"), 5060), server));
        // The same with a private registrar: rewrite.
        assert!(needs_rewrite(
            1,
            &public,
            (ip("192.168.1.5"), 5060),
            Some(ip("10.1.1.1"))
        ));
    }

    #[test]
    fn seen_address_reads_received_and_rport_or_the_sent_by() {
        let response = |via: &str| {
            let mut r = Response::new(200, "OK");
            r.headers.push(crate::sip::HeaderName::Via, via);
            r
        };
        let r =
            response("SIP/2.0/UDP 10.0.0.2:5060;branch=z9hG4bK1;rport=40000;received=203.0.113.7");
        assert_eq!(seen_address(&r), Some((ip("203.0.113.7"), 40000)));
        let r = response("SIP/2.0/UDP 10.0.0.2:5060;branch=z9hG4bK1;rport=40000");
        assert_eq!(seen_address(&r), Some((ip("10.0.0.2"), 40000)));
        let r = response("SIP/2.0/UDP 10.0.0.2;branch=z9hG4bK1;received=203.0.113.7:9");
        assert_eq!(seen_address(&r), Some((ip("203.0.113.7"), 5060)));
    }
}
