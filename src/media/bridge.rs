//! The conference bridge (PJSUA2's AudioMedia model): a pure mixer of ports driven by a
//! clock tick. Every port may transmit to any other (`startTransmit`); each tick the
//! bridge takes one frame from every port, mixes what each sink hears with the sources'
//! and links' levels, and gives every port its mix. No allocation per tick.

use super::frame::AudioFormat;
use super::port::MediaPort;
use std::time::Instant;

/// A port's number in the bridge (PJSUA2's conference slot / `getPortId`).
pub type Slot = usize;

/// PJSUA2's `ConfPortInfo`.
#[derive(Clone, Debug, PartialEq)]
pub struct ConfPortInfo {
    /// The slot.
    pub port_id: Slot,
    /// The port's name.
    pub name: String,
    /// The bridge format the port exchanges.
    pub format: AudioFormat,
    /// The level adjustment of what the port transmits (1.0: unchanged, 0: muted).
    pub tx_level_adj: f32,
    /// The level adjustment of what the port receives.
    pub rx_level_adj: f32,
    /// The slots this port transmits to.
    pub listeners: Vec<Slot>,
}

/// Why a bridge operation failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BridgeError {
    /// No port in that slot.
    NoSuchPort(Slot),
    /// Every slot is taken (`maxMediaPorts`).
    Full(usize),
    /// A level below 0 or not a number.
    BadLevel,
}

impl std::fmt::Display for BridgeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BridgeError::NoSuchPort(s) => write!(f, "no media port in slot {s}"),
            BridgeError::Full(n) => write!(f, "the conference bridge is full ({n} ports)"),
            BridgeError::BadLevel => write!(f, "a level must be a number >= 0"),
        }
    }
}

struct Entry {
    port: Box<dyn MediaPort>,
    /// (sink, level) of each link from this port.
    links: Vec<(Slot, f32)>,
    /// PJSUA2's adjustRxLevel: applied to what the port transmits into the bridge.
    rx_adj: f32,
    /// PJSUA2's adjustTxLevel: applied to what the bridge gives the port.
    tx_adj: f32,
    /// The last frame taken from the port (valid when `has_frame`).
    frame: Vec<i16>,
    has_frame: bool,
    /// The mix for this port, and how many sources went into it this tick.
    mix: Vec<i32>,
    sources: usize,
    /// Output buffer for `put_frame`.
    out: Vec<i16>,
    rx_level: u32,
    tx_level: u32,
}

/// The conference bridge.
pub struct ConfBridge {
    format: AudioFormat,
    entries: Vec<Option<Entry>>,
}

impl ConfBridge {
    /// A bridge mixing frames of `format` with room for `max_ports` ports.
    pub fn new(format: AudioFormat, max_ports: usize) -> Self {
        ConfBridge {
            format,
            entries: (0..max_ports).map(|_| None).collect(),
        }
    }

    /// The bridge's frame format.
    pub fn format(&self) -> AudioFormat {
        self.format
    }

    /// Adds a port in the lowest free slot at or above `first` (slot 0 is kept for the
    /// sound device by convention).
    pub fn add_port(&mut self, port: Box<dyn MediaPort>, first: Slot) -> Result<Slot, BridgeError> {
        let n = self.format.samples_per_frame();
        let slot = (first..self.entries.len())
            .find(|s| self.entries[*s].is_none())
            .ok_or(BridgeError::Full(self.entries.len()))?;
        self.entries[slot] = Some(Entry {
            port,
            links: Vec::with_capacity(4),
            rx_adj: 1.0,
            tx_adj: 1.0,
            frame: vec![0; n],
            has_frame: false,
            mix: vec![0; n],
            sources: 0,
            out: vec![0; n],
            rx_level: 0,
            tx_level: 0,
        });
        Ok(slot)
    }

    /// Removes a port and every link to and from it; returns it.
    pub fn remove_port(&mut self, slot: Slot) -> Result<Box<dyn MediaPort>, BridgeError> {
        let entry = self
            .entries
            .get_mut(slot)
            .and_then(Option::take)
            .ok_or(BridgeError::NoSuchPort(slot))?;
        for e in self.entries.iter_mut().flatten() {
            e.links.retain(|(s, _)| *s != slot);
        }
        Ok(entry.port)
    }

    fn entry(&mut self, slot: Slot) -> Result<&mut Entry, BridgeError> {
        self.entries
            .get_mut(slot)
            .and_then(Option::as_mut)
            .ok_or(BridgeError::NoSuchPort(slot))
    }

    /// `startTransmit2`: `src` transmits to `sink` at `level` (1.0 unchanged); again with
    /// the same pair changes the level.
    pub fn connect(&mut self, src: Slot, sink: Slot, level: f32) -> Result<(), BridgeError> {
        check_level(level)?;
        self.entry(sink)?;
        let e = self.entry(src)?;
        match e.links.iter_mut().find(|(s, _)| *s == sink) {
            Some(link) => link.1 = level,
            None => e.links.push((sink, level)),
        }
        Ok(())
    }

    /// `stopTransmit`: `src` no longer transmits to `sink` (no error if it did not).
    pub fn disconnect(&mut self, src: Slot, sink: Slot) -> Result<(), BridgeError> {
        self.entry(sink)?;
        self.entry(src)?.links.retain(|(s, _)| *s != sink);
        Ok(())
    }

    /// Scales what the bridge receives from the port (pjmedia_conf's rx; PJSUA2's
    /// `adjustTxLevel`, named from the port's side).
    pub fn adjust_rx_level(&mut self, slot: Slot, level: f32) -> Result<(), BridgeError> {
        check_level(level)?;
        self.entry(slot)?.rx_adj = level;
        Ok(())
    }

    /// Scales what the bridge gives the port (pjmedia_conf's tx; PJSUA2's
    /// `adjustRxLevel`).
    pub fn adjust_tx_level(&mut self, slot: Slot, level: f32) -> Result<(), BridgeError> {
        check_level(level)?;
        self.entry(slot)?.tx_adj = level;
        Ok(())
    }

    /// The level (0-255) of the last frame the bridge received from the port (PJSUA2's
    /// `getTxLevel`).
    pub fn rx_level(&mut self, slot: Slot) -> Result<u32, BridgeError> {
        Ok(self.entry(slot)?.rx_level)
    }

    /// The level (0-255) of the last frame the bridge gave the port (PJSUA2's
    /// `getRxLevel`).
    pub fn tx_level(&mut self, slot: Slot) -> Result<u32, BridgeError> {
        Ok(self.entry(slot)?.tx_level)
    }

    /// `getPortInfo`.
    pub fn port_info(&self, slot: Slot) -> Result<ConfPortInfo, BridgeError> {
        let e = self
            .entries
            .get(slot)
            .and_then(Option::as_ref)
            .ok_or(BridgeError::NoSuchPort(slot))?;
        Ok(ConfPortInfo {
            port_id: slot,
            name: e.port.name().to_string(),
            format: self.format,
            // The port's side: what it transmits is what the bridge receives.
            tx_level_adj: e.rx_adj,
            rx_level_adj: e.tx_adj,
            listeners: e.links.iter().map(|(s, _)| *s).collect(),
        })
    }

    /// The slots in use (`mediaEnumPorts2`).
    pub fn slots(&self) -> Vec<Slot> {
        self.entries
            .iter()
            .enumerate()
            .filter(|(_, e)| e.is_some())
            .map(|(s, _)| s)
            .collect()
    }

    /// How many ports are in the bridge.
    pub fn port_count(&self) -> usize {
        self.entries.iter().flatten().count()
    }

    /// The port in `slot` as its concrete type.
    pub fn port_mut<T: 'static>(&mut self, slot: Slot) -> Option<&mut T> {
        self.entries
            .get_mut(slot)?
            .as_mut()?
            .port
            .as_any_mut()
            .downcast_mut::<T>()
    }

    /// One clock tick: takes a frame from every port, mixes, gives every port its mix.
    pub fn tick(&mut self, now: Instant) {
        for e in self.entries.iter_mut().flatten() {
            e.has_frame = if e.links.is_empty() && e.port.idle_unless_transmitting() {
                false
            } else {
                e.port.get_frame(now, &mut e.frame)
            };
            if e.has_frame && e.rx_adj != 1.0 {
                scale(&mut e.frame, e.rx_adj);
            }
            e.rx_level = if e.has_frame { level_of(&e.frame) } else { 0 };
            e.mix.fill(0);
            e.sources = 0;
        }
        // Sum each source into its sinks.
        for src in 0..self.entries.len() {
            let links = match &self.entries[src] {
                Some(e) if !e.links.is_empty() => e.links.len(),
                _ => continue,
            };
            for li in 0..links {
                let Some((source, dst)) = pair(&mut self.entries, src, li) else {
                    continue;
                };
                dst.sources += 1;
                let level = source.links[li].1;
                if !source.has_frame || level == 0.0 {
                    continue;
                }
                if level == 1.0 {
                    for (m, s) in dst.mix.iter_mut().zip(&source.frame) {
                        *m += *s as i32;
                    }
                } else {
                    for (m, s) in dst.mix.iter_mut().zip(&source.frame) {
                        *m += (*s as f32 * level) as i32;
                    }
                }
            }
        }
        for e in self.entries.iter_mut().flatten() {
            if e.sources == 0 {
                e.tx_level = 0;
                e.port.put_frame(now, None);
                continue;
            }
            let adj = e.tx_adj;
            for (o, m) in e.out.iter_mut().zip(&e.mix) {
                let v = if adj == 1.0 {
                    *m
                } else {
                    (*m as f32 * adj) as i32
                };
                *o = v.clamp(i16::MIN as i32, i16::MAX as i32) as i16;
            }
            e.tx_level = level_of(&e.out);
            e.port.put_frame(now, Some(&e.out));
        }
    }
}

/// The source entry and the sink of its link `li` (None for a link to itself or to an
/// empty slot): two distinct entries of the same vector.
fn pair(entries: &mut [Option<Entry>], src: Slot, li: usize) -> Option<(&Entry, &mut Entry)> {
    let sink = entries[src].as_ref()?.links[li].0;
    if sink == src || sink >= entries.len() {
        return None;
    }
    if src < sink {
        let (a, b) = entries.split_at_mut(sink);
        Some((a[src].as_ref()?, b[0].as_mut()?))
    } else {
        let (a, b) = entries.split_at_mut(src);
        Some((b[0].as_ref()?, a[sink].as_mut()?))
    }
}

fn check_level(level: f32) -> Result<(), BridgeError> {
    if level.is_finite() && level >= 0.0 {
        Ok(())
    } else {
        Err(BridgeError::BadLevel)
    }
}

fn scale(frame: &mut [i16], level: f32) {
    for s in frame {
        *s = (*s as f32 * level).clamp(i16::MIN as f32, i16::MAX as f32) as i16;
    }
}

/// PJSUA2's level (0-255) of a frame: the mean absolute amplitude scaled to 255.
fn level_of(frame: &[i16]) -> u32 {
    if frame.is_empty() {
        return 0;
    }
    let sum: u64 = frame.iter().map(|s| s.unsigned_abs() as u64).sum();
    ((sum / frame.len() as u64) * 255 / 32768) as u32
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::any::Any;
    use std::sync::{Arc, Mutex};

    /// A port that sends a constant and keeps what it gets.
    struct Probe {
        value: Option<i16>,
        got: Arc<Mutex<Vec<Option<i16>>>>,
    }

    impl MediaPort for Probe {
        fn name(&self) -> &str {
            "probe"
        }
        fn get_frame(&mut self, _now: Instant, out: &mut [i16]) -> bool {
            match self.value {
                Some(v) => {
                    out.fill(v);
                    true
                }
                None => false,
            }
        }
        fn put_frame(&mut self, _now: Instant, frame: Option<&[i16]>) {
            self.got.lock().unwrap().push(frame.map(|f| f[0]));
        }
        fn as_any_mut(&mut self) -> &mut dyn Any {
            self
        }
    }

    fn probe(b: &mut ConfBridge, value: Option<i16>) -> (Slot, Arc<Mutex<Vec<Option<i16>>>>) {
        let got = Arc::new(Mutex::new(Vec::new()));
        let slot = b
            .add_port(
                Box::new(Probe {
                    value,
                    got: got.clone(),
                }),
                0,
            )
            .unwrap();
        (slot, got)
    }

    fn last(got: &Arc<Mutex<Vec<Option<i16>>>>) -> Option<i16> {
        *got.lock().unwrap().last().unwrap()
    }

    #[test]
    fn mixes_sums_levels_and_clamps() {
        let mut b = ConfBridge::new(AudioFormat::mono(8000), 8);
        let (a, _) = probe(&mut b, Some(1000));
        let (c, _) = probe(&mut b, Some(3000));
        let (sink, got) = probe(&mut b, None);
        let now = Instant::now();
        b.tick(now);
        assert_eq!(last(&got), None, "no transmitter: no frame");
        b.connect(a, sink, 1.0).unwrap();
        b.connect(c, sink, 0.5).unwrap();
        b.tick(now);
        assert_eq!(last(&got), Some(2500));
        b.adjust_rx_level(a, 2.0).unwrap();
        b.adjust_tx_level(sink, 0.5).unwrap();
        b.tick(now);
        assert_eq!(last(&got), Some(1750));
        b.adjust_tx_level(sink, 100.0).unwrap();
        b.tick(now);
        assert_eq!(last(&got), Some(i16::MAX), "clamped");
        assert_eq!(b.tx_level(sink).unwrap(), 254);
        assert_eq!(b.rx_level(a).unwrap(), 2000 * 255 / 32768);
        b.disconnect(a, sink).unwrap();
        b.disconnect(c, sink).unwrap();
        b.tick(now);
        assert_eq!(last(&got), None);
    }

    #[test]
    fn three_party_conference_each_hears_the_others() {
        let mut b = ConfBridge::new(AudioFormat::mono(16000), 8);
        let parties: Vec<_> = [100, 200, 400]
            .into_iter()
            .map(|v| probe(&mut b, Some(v)))
            .collect();
        for (i, (s, _)) in parties.iter().enumerate() {
            for (j, (d, _)) in parties.iter().enumerate() {
                if i != j {
                    b.connect(*s, *d, 1.0).unwrap();
                }
            }
        }
        b.tick(Instant::now());
        let heard: Vec<_> = parties.iter().map(|(_, g)| last(g)).collect();
        assert_eq!(heard, vec![Some(600), Some(500), Some(300)]);
    }

    #[test]
    fn silent_sources_count_as_transmitters_and_links_follow_removal() {
        let mut b = ConfBridge::new(AudioFormat::mono(8000), 4);
        let (quiet, _) = probe(&mut b, None);
        let (sink, got) = probe(&mut b, None);
        b.connect(quiet, sink, 1.0).unwrap();
        b.tick(Instant::now());
        assert_eq!(
            last(&got),
            Some(0),
            "a connected but silent source gives silence"
        );
        assert_eq!(b.port_info(quiet).unwrap().listeners, vec![sink]);
        b.remove_port(sink).unwrap();
        assert!(b.port_info(quiet).unwrap().listeners.is_empty());
        assert_eq!(
            b.connect(quiet, sink, 1.0),
            Err(BridgeError::NoSuchPort(sink))
        );
        assert_eq!(b.adjust_rx_level(quiet, -1.0), Err(BridgeError::BadLevel));
        assert_eq!(
            b.adjust_rx_level(quiet, f32::NAN),
            Err(BridgeError::BadLevel)
        );
    }

    /// A port that counts the frames taken from it and is idle while unlinked.
    struct Idle(Arc<Mutex<usize>>);

    impl MediaPort for Idle {
        fn name(&self) -> &str {
            "idle"
        }
        fn get_frame(&mut self, _now: Instant, out: &mut [i16]) -> bool {
            *self.0.lock().unwrap() += 1;
            out.fill(9);
            true
        }
        fn put_frame(&mut self, _now: Instant, _frame: Option<&[i16]>) {}
        fn idle_unless_transmitting(&self) -> bool {
            true
        }
        fn as_any_mut(&mut self) -> &mut dyn Any {
            self
        }
    }

    #[test]
    fn an_idle_port_gives_frames_only_while_it_transmits() {
        let mut b = ConfBridge::new(AudioFormat::mono(8000), 4);
        let taken = Arc::new(Mutex::new(0));
        let idle = b.add_port(Box::new(Idle(taken.clone())), 0).unwrap();
        let (sink, got) = probe(&mut b, None);
        b.tick(Instant::now());
        assert_eq!(*taken.lock().unwrap(), 0);
        b.connect(idle, sink, 1.0).unwrap();
        b.tick(Instant::now());
        assert_eq!(*taken.lock().unwrap(), 1);
        assert_eq!(last(&got), Some(9));
        b.disconnect(idle, sink).unwrap();
        b.tick(Instant::now());
        assert_eq!(*taken.lock().unwrap(), 1);
    }

    #[test]
    fn slots_fill_from_the_first_free_and_the_bridge_fills_up() {
        let mut b = ConfBridge::new(AudioFormat::mono(8000), 3);
        let (s0, _) = probe(&mut b, None);
        assert_eq!(s0, 0);
        let s1 = b
            .add_port(
                Box::new(Probe {
                    value: None,
                    got: Default::default(),
                }),
                1,
            )
            .unwrap();
        let s2 = b
            .add_port(
                Box::new(Probe {
                    value: None,
                    got: Default::default(),
                }),
                1,
            )
            .unwrap();
        assert_eq!((s1, s2), (1, 2));
        let full = b.add_port(
            Box::new(Probe {
                value: None,
                got: Default::default(),
            }),
            1,
        );
        assert_eq!(full.err(), Some(BridgeError::Full(3)));
        b.remove_port(s1).unwrap();
        assert_eq!(b.slots(), vec![0, 2]);
        assert!(b.port_mut::<Probe>(2).is_some());
        assert_eq!(b.port_count(), 2);
    }
}
