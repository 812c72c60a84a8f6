//! NTP timestamps (RFC 3550 §4): the 64-bit wall-clock format of sender reports, its
//! "middle 32 bits" used by LSR and DLSR, and the mapping from the monotonic `now` the
//! sans-IO core receives to wall-clock time, fixed once when a session starts.

use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// Seconds from the NTP epoch (1900-01-01) to the Unix epoch (1970-01-01).
const NTP_UNIX_OFFSET: u64 = 2_208_988_800;

/// A 64-bit NTP timestamp: seconds since 1900 in the high 32 bits, the fraction of a
/// second in the low 32 bits.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NtpTime(pub u64);

impl NtpTime {
    /// The NTP time of a wall-clock instant (times before 1970 clamp to the Unix epoch).
    pub fn from_system_time(t: SystemTime) -> Self {
        let since_unix = t.duration_since(UNIX_EPOCH).unwrap_or_default();
        NtpTime::from_duration(since_unix + Duration::from_secs(NTP_UNIX_OFFSET))
    }

    /// The NTP time `d` after the NTP epoch.
    pub fn from_duration(d: Duration) -> Self {
        let frac = ((d.subsec_nanos() as u64) << 32) / 1_000_000_000;
        NtpTime((d.as_secs() << 32) | frac)
    }

    /// The middle 32 bits (16.16 fixed point seconds), as LSR and DLSR carry them.
    pub fn middle32(self) -> u32 {
        (self.0 >> 16) as u32
    }

    /// The wall-clock instant this timestamp denotes.
    pub fn to_system_time(self) -> SystemTime {
        let secs = self.0 >> 32;
        let nanos = ((self.0 & 0xffff_ffff) * 1_000_000_000) >> 32;
        let since_ntp = Duration::new(secs, nanos as u32);
        let unix = Duration::from_secs(NTP_UNIX_OFFSET);
        if since_ntp >= unix {
            UNIX_EPOCH + (since_ntp - unix)
        } else {
            UNIX_EPOCH
        }
    }
}

/// A duration in the 16.16 fixed-point units of DLSR and round-trip computations.
pub fn duration_to_ntp16(d: Duration) -> u32 {
    let units = (d.as_nanos() << 16) / 1_000_000_000;
    units.min(u32::MAX as u128) as u32
}

/// 16.16 fixed-point seconds to microseconds.
pub fn ntp16_to_micros(v: u32) -> u64 {
    (v as u64 * 1_000_000) >> 16
}

/// The wall clock as seen from the monotonic clock: a pair (`Instant`, `SystemTime`)
/// taken once by the driver. Sans-IO code derives every wall-clock time from it, so a
/// test can run a session in simulated time.
#[derive(Clone, Copy, Debug)]
pub struct WallClock {
    at: Instant,
    wall: SystemTime,
}

impl WallClock {
    /// A mapping where `at` happened at wall-clock time `wall`.
    pub fn new(at: Instant, wall: SystemTime) -> Self {
        WallClock { at, wall }
    }

    /// The wall-clock time at `now`.
    pub fn system_time(&self, now: Instant) -> SystemTime {
        match now.checked_duration_since(self.at) {
            Some(after) => self.wall + after,
            None => {
                let before = self.at.duration_since(now);
                self.wall.checked_sub(before).unwrap_or(UNIX_EPOCH)
            }
        }
    }

    /// The NTP time at `now`.
    pub fn ntp(&self, now: Instant) -> NtpTime {
        NtpTime::from_system_time(self.system_time(now))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_between_unix_and_ntp() {
        // 2000-01-01T00:00:00Z is 946684800 Unix seconds, 3155673600 NTP seconds.
        let t = UNIX_EPOCH + Duration::from_secs(946_684_800) + Duration::from_millis(500);
        let ntp = NtpTime::from_system_time(t);
        assert_eq!(ntp.0 >> 32, 3_155_673_600);
        assert_eq!(ntp.0 & 0xffff_ffff, 0x8000_0000);
        assert_eq!(
            ntp.middle32(),
            ((3_155_673_600u64 & 0xffff) << 16) as u32 | 0x8000
        );
        let back = ntp.to_system_time();
        let err = back.duration_since(t).unwrap_or_else(|e| e.duration());
        assert!(err < Duration::from_micros(1));
    }

    #[test]
    fn fixed_point_helpers() {
        assert_eq!(duration_to_ntp16(Duration::from_millis(1500)), 0x0001_8000);
        assert_eq!(ntp16_to_micros(0x0001_8000), 1_500_000);
        assert_eq!(duration_to_ntp16(Duration::from_secs(100_000)), u32::MAX);
    }

    #[test]
    fn wall_clock_follows_the_monotonic_clock() {
        let t0 = Instant::now();
        let wall = UNIX_EPOCH + Duration::from_secs(1_000_000);
        let clock = WallClock::new(t0 + Duration::from_secs(10), wall);
        assert_eq!(
            clock.system_time(t0 + Duration::from_secs(12)),
            wall + Duration::from_secs(2)
        );
        assert_eq!(
            clock.system_time(t0 + Duration::from_secs(7)),
            wall - Duration::from_secs(3)
        );
        let ntp = clock.ntp(t0 + Duration::from_secs(10));
        assert_eq!(ntp.0 >> 32, 1_000_000 + NTP_UNIX_OFFSET);
    }
}
