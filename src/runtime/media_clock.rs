//! The media thread: a clock that calls the conference bridge's tick every ptime (20 ms)
//! on its own thread, sleeping between ticks (never a busy loop). It keeps to absolute
//! deadlines so ticks do not drift; when it falls far behind (the machine stalled) it
//! counts the missed ticks as late and resynchronises instead of bursting.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How far behind (in ticks) the clock may fall before it skips ahead.
const MAX_BEHIND: u32 = 5;

/// Counters of a running clock.
#[derive(Debug, Default)]
pub struct ClockStats {
    /// Ticks run.
    pub ticks: AtomicU64,
    /// Ticks that started more than half a period after their deadline.
    pub late: AtomicU64,
    /// Ticks skipped to resynchronise after a stall.
    pub skipped: AtomicU64,
}

/// A running media clock; stopping (or dropping) it joins the thread.
pub struct MediaClock {
    stop: Arc<AtomicBool>,
    stats: Arc<ClockStats>,
    thread: Option<JoinHandle<()>>,
}

impl MediaClock {
    /// Starts a thread named `name` calling `tick(deadline)` every `period`.
    pub fn start(
        name: &str,
        period: Duration,
        mut tick: impl FnMut(Instant) + Send + 'static,
    ) -> std::io::Result<Self> {
        let stop = Arc::new(AtomicBool::new(false));
        let stats = Arc::new(ClockStats::default());
        let (stop2, stats2) = (stop.clone(), stats.clone());
        let thread = std::thread::Builder::new()
            .name(name.to_string())
            .spawn(move || {
                let mut next = Instant::now() + period;
                while !stop2.load(Ordering::Acquire) {
                    let now = Instant::now();
                    if now < next {
                        // Short sleeps near the end keep ticks within a millisecond or so.
                        std::thread::sleep((next - now).min(period));
                        continue;
                    }
                    if now - next > period / 2 {
                        stats2.late.fetch_add(1, Ordering::Relaxed);
                    }
                    tick(next);
                    stats2.ticks.fetch_add(1, Ordering::Relaxed);
                    next += period;
                    let behind = Instant::now().saturating_duration_since(next);
                    if behind > period * MAX_BEHIND {
                        let missed = (behind.as_nanos() / period.as_nanos()) as u64;
                        stats2.skipped.fetch_add(missed, Ordering::Relaxed);
                        next += period * missed as u32;
                    }
                }
            })?;
        Ok(MediaClock {
            stop,
            stats,
            thread: Some(thread),
        })
    }

    /// The clock's counters.
    pub fn stats(&self) -> &ClockStats {
        &self.stats
    }

    /// Stops the clock after the tick in progress and joins the thread (not from the
    /// thread itself: then it only asks it to stop).
    pub fn stop(&mut self) {
        self.stop.store(true, Ordering::Release);
        if let Some(t) = self.thread.take() {
            if t.thread().id() != std::thread::current().id() {
                let _ = t.join();
            }
        }
    }
}

impl Drop for MediaClock {
    fn drop(&mut self) {
        self.stop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    #[test]
    fn ticks_at_regular_deadlines_and_stops() {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let s = seen.clone();
        let mut clock = MediaClock::start("test-clock", Duration::from_millis(5), move |t| {
            s.lock().unwrap().push(t)
        })
        .unwrap();
        std::thread::sleep(Duration::from_millis(60));
        clock.stop();
        let ticks = seen.lock().unwrap().clone();
        assert!(ticks.len() >= 5, "{} ticks", ticks.len());
        for w in ticks.windows(2) {
            let gap = (w[1] - w[0]).as_micros();
            assert!(
                gap > 0 && gap % 5000 == 0,
                "deadlines are multiples of the period: {gap}"
            );
        }
        let n = ticks.len();
        std::thread::sleep(Duration::from_millis(20));
        assert_eq!(seen.lock().unwrap().len(), n, "no tick after stop");
        assert_eq!(clock.stats().ticks.load(Ordering::Relaxed), n as u64);
    }
}
