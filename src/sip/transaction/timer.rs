//! The RFC 3261 §17 timers (A-K), RFC 6026's L and M, and their values from T1/T2/T4.

use std::time::Duration;

/// The transaction timers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Timer {
    /// INVITE request retransmit (client, unreliable).
    A,
    /// INVITE transaction timeout (client).
    B,
    /// Wait for response retransmits after a non-2xx final (client INVITE).
    D,
    /// Non-INVITE request retransmit (client, unreliable).
    E,
    /// Non-INVITE transaction timeout (client).
    F,
    /// Wait for response retransmits (client non-INVITE).
    K,
    /// INVITE final response retransmit (server, unreliable).
    G,
    /// Wait for ACK (server INVITE).
    H,
    /// Wait for ACK retransmits (server INVITE).
    I,
    /// Wait for request retransmits (server non-INVITE).
    J,
    /// Wait for ACKs and INVITE retransmits after a 2xx (server INVITE, RFC 6026).
    L,
    /// Wait for 2xx retransmits (client INVITE, RFC 6026).
    M,
    /// Send 100 Trying if the TU has not answered an INVITE within 200 ms (§17.2.1).
    Trying,
}

/// The base timer values (RFC 3261 §17.1.1.1, Table 4).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TimerConfig {
    /// RTT estimate, default 500 ms.
    pub t1: Duration,
    /// Maximum retransmit interval for non-INVITE requests and INVITE responses, 4 s.
    pub t2: Duration,
    /// Maximum time a message stays in the network, 5 s.
    pub t4: Duration,
    /// Timer D on unreliable transports (at least 32 s).
    pub td: Duration,
}

impl Default for TimerConfig {
    fn default() -> Self {
        TimerConfig {
            t1: Duration::from_millis(500),
            t2: Duration::from_secs(4),
            t4: Duration::from_secs(5),
            td: Duration::from_secs(32),
        }
    }
}

impl TimerConfig {
    /// 64*T1: Timers B, F, H, J (unreliable), L and M.
    pub fn t1x64(&self) -> Duration {
        self.t1 * 64
    }

    /// The next retransmit interval after `prev` for Timers E and G: doubled, capped at T2.
    pub fn backoff_capped(&self, prev: Duration) -> Duration {
        (prev * 2).min(self.t2)
    }

    /// The value of a wait timer that is zero on reliable transports.
    pub fn wait(&self, timer: Timer, reliable: bool) -> Duration {
        if reliable && matches!(timer, Timer::D | Timer::K | Timer::I | Timer::J) {
            return Duration::ZERO;
        }
        match timer {
            Timer::D => self.td.max(self.t1x64()),
            Timer::K | Timer::I => self.t4,
            Timer::Trying => Duration::from_millis(200),
            _ => self.t1x64(),
        }
    }
}
