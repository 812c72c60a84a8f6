//! SSRC collisions and loops (RFC 3550 §8.2) for [`RtpSession`]: a packet from the
//! network that carries our own SSRC either comes from a participant that picked the same
//! identifier, or is our own traffic looped back. The first time an address does it, it is
//! taken as a collision: we leave with a BYE for the old SSRC and pick a new one; later
//! packets with our SSRC from an address already seen are a loop and are dropped.

use super::{RtpEvent, RtpSession};
use crate::rtp::interval::update_avg_size;
use crate::rtp::rtcp::{write_bye, write_rr, write_sdes, SdesItem, SDES_CNAME};
use std::net::SocketAddr;

/// How many colliding addresses are remembered (§8.2 keeps them "for a while").
const MAX_CONFLICTS: usize = 8;

impl RtpSession {
    /// A packet from `from` carried our SSRC. Gives `true` when it was a collision (we
    /// now send with a new SSRC and the packet is the peer's, to be used), `false` when
    /// it is our own traffic looped back (drop it).
    pub(super) fn own_ssrc_seen(&mut self, from: SocketAddr) -> bool {
        let ip = from.ip();
        if self.conflicts.contains(&ip) {
            return false;
        }
        if self.conflicts.len() == MAX_CONFLICTS {
            self.conflicts.remove(0);
        }
        self.conflicts.push(ip);
        let old = self.ssrc;
        self.queue_collision_bye(old);
        let remote = self.remote_ssrc();
        let new = loop {
            let candidate = self.rng.next_u64() as u32;
            if candidate != old && Some(candidate) != remote {
                break candidate;
            }
        };
        self.ssrc = new;
        self.events.push_back(RtpEvent::SsrcCollision { old, new });
        true
    }

    /// Queues RR + SDES + BYE for the SSRC given up (§8.2: a BYE for the old identifier).
    fn queue_collision_bye(&mut self, old: u32) {
        let mut out = Vec::with_capacity(64);
        let cname = SdesItem {
            kind: SDES_CNAME,
            value: self.cname.as_bytes(),
        };
        let written = write_rr(&mut out, old, [])
            .and_then(|()| write_sdes(&mut out, [(old, [cname])]))
            .and_then(|()| write_bye(&mut out, [old], Some(b"SSRC collision")));
        debug_assert!(written.is_ok());
        self.avg_rtcp_size = update_avg_size(self.avg_rtcp_size, out.len());
        self.outgoing.push_back(out);
    }
}
