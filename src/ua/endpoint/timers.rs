//! The RFC 3261 transaction timers from the endpoint's configuration: UaConfig's
//! `tsx_t1_msec`, `tsx_t2_msec`, `tsx_t4_msec` and `tsx_td_msec` (`tsxT1Msec`... in C++),
//! pjsua2rs extensions standing for PJSIP's `pjsip_cfg()->tsx`, which PJSUA2 does not expose.

use crate::sip::transaction::TimerConfig;
use crate::ua::config::EpConfig;
use std::time::Duration;

/// T1, T2, T4 and Timer D from `cfg.ua_config`; a zero value means the RFC default.
pub(super) fn timer_config(cfg: &EpConfig) -> TimerConfig {
    let ua = &cfg.ua_config;
    let d = TimerConfig::default();
    let ms = |v: u32, default: Duration| {
        if v == 0 {
            default
        } else {
            Duration::from_millis(v as u64)
        }
    };
    TimerConfig {
        t1: ms(ua.tsx_t1_msec, d.t1),
        t2: ms(ua.tsx_t2_msec, d.t2),
        t4: ms(ua.tsx_t4_msec, d.t4),
        td: ms(ua.tsx_td_msec, d.td),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ua_config_sets_each_timer_and_zero_keeps_the_default() {
        let mut cfg = EpConfig::default();
        assert_eq!(timer_config(&cfg), TimerConfig::default());
        cfg.ua_config.tsx_t1_msec = 100;
        cfg.ua_config.tsx_t2_msec = 1_000;
        cfg.ua_config.tsx_t4_msec = 3_000;
        cfg.ua_config.tsx_td_msec = 40_000;
        assert_eq!(
            timer_config(&cfg),
            TimerConfig {
                t1: Duration::from_millis(100),
                t2: Duration::from_secs(1),
                t4: Duration::from_secs(3),
                td: Duration::from_secs(40),
            }
        );
        cfg.ua_config.tsx_t2_msec = 0;
        cfg.ua_config.tsx_td_msec = 0;
        let t = timer_config(&cfg);
        assert_eq!(
            (t.t2, t.td),
            (Duration::from_secs(4), Duration::from_secs(32))
        );
        assert_eq!(
            (t.t1, t.t4),
            (Duration::from_millis(100), Duration::from_secs(3))
        );
    }
}
