//! Real sound devices through cpal (ALSA on Linux): the device list
//! (`AudDevManager::enumDev2`) and the port that puts a capture and a playback device in
//! the bridge's slot 0. cpal's streams live on a thread of their own (they need not be
//! `Send`); they exchange samples with the bridge through two bounded queues, so the
//! bridge keeps its own clock and device drift costs at most a dropped or padded block.

use crate::media::{AudioFormat, MediaPort};
use cpal::traits::{DeviceTrait, HostTrait, StreamTrait};
use std::any::Any;
use std::collections::VecDeque;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// PJSUA2's `AudioDevInfo`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AudioDevInfo {
    /// The device's index (PJSUA2's device id).
    pub id: i32,
    /// Its name.
    pub name: String,
    /// Capture channels (0: no capture).
    pub input_count: u32,
    /// Playback channels (0: no playback).
    pub output_count: u32,
    /// The default sampling rate.
    pub default_samples_per_sec: u32,
    /// The driver ("ALSA").
    pub driver: String,
}

/// The sound devices cpal sees, in a stable order (their index is their id).
pub fn enumerate() -> Vec<AudioDevInfo> {
    let host = cpal::default_host();
    let driver = format!("{:?}", host.id());
    let Ok(devices) = host.devices() else {
        return Vec::new();
    };
    devices
        .enumerate()
        .map(|(i, d)| {
            let input = d.default_input_config().ok();
            let output = d.default_output_config().ok();
            AudioDevInfo {
                id: i as i32,
                name: device_name(&d),
                input_count: input.as_ref().map(|c| c.channels() as u32).unwrap_or(0),
                output_count: output.as_ref().map(|c| c.channels() as u32).unwrap_or(0),
                default_samples_per_sec: output.or(input).map(|c| c.sample_rate()).unwrap_or(0),
                driver: driver.clone(),
            }
        })
        .collect()
}

/// The host's name of a device ("default", "null", "hw:0,0"), without the host prefix
/// cpal puts before it; its description when it has no id.
fn device_name(d: &cpal::Device) -> String {
    match d.id() {
        Ok(id) => {
            let id = id.to_string();
            id.split_once(':').map(|(_, n)| n.to_string()).unwrap_or(id)
        }
        Err(_) => d.to_string(),
    }
}

/// The id (index in [`enumerate`]) of the system's default capture (`input`) or playback
/// device, if there is one.
pub fn default_device(input: bool) -> Option<i32> {
    let host = cpal::default_host();
    let default = if input {
        host.default_input_device()
    } else {
        host.default_output_device()
    }?;
    let name = device_name(&default);
    host.devices()
        .ok()?
        .position(|d| device_name(&d) == name)
        .map(|i| i as i32)
}

/// A bounded sample queue between a device callback and the bridge.
struct Queue {
    samples: Mutex<VecDeque<i16>>,
    capacity: usize,
    /// Samples dropped because the queue was full, or padded because it was empty.
    overflow: AtomicU64,
    underflow: AtomicU64,
}

impl Queue {
    fn new(capacity: usize) -> Arc<Queue> {
        Arc::new(Queue {
            samples: Mutex::new(VecDeque::with_capacity(capacity)),
            capacity,
            overflow: AtomicU64::new(0),
            underflow: AtomicU64::new(0),
        })
    }

    fn push(&self, data: impl Iterator<Item = i16>) {
        let mut q = self.samples.lock().unwrap_or_else(|e| e.into_inner());
        for s in data {
            if q.len() == self.capacity {
                q.pop_front();
                self.overflow.fetch_add(1, Ordering::Relaxed);
            }
            q.push_back(s);
        }
    }

    /// Fills `out`; returns whether any real samples came.
    fn pop(&self, out: &mut [i16]) -> bool {
        let mut q = self.samples.lock().unwrap_or_else(|e| e.into_inner());
        let n = q.len().min(out.len());
        for (o, s) in out.iter_mut().zip(q.drain(..n)) {
            *o = s;
        }
        if n < out.len() {
            out[n..].fill(0);
            self.underflow
                .fetch_add((out.len() - n) as u64, Ordering::Relaxed);
        }
        n > 0
    }
}

/// Converts between the bridge's mono rate and a device's rate and channel count, by
/// linear interpolation (devices run at 44.1/48 kHz; the bridge at 8-48 kHz).
struct Converter {
    step: f64,
    pos: f64,
    last: i16,
}

impl Converter {
    fn new(from_rate: u32, to_rate: u32) -> Self {
        Converter {
            step: from_rate as f64 / to_rate as f64,
            pos: 0.0,
            last: 0,
        }
    }

    /// Converts `input` (mono) into `out`, keeping the fractional position across calls.
    fn run(&mut self, input: &[i16], out: &mut Vec<i16>) {
        out.clear();
        if input.is_empty() {
            return;
        }
        while self.pos < input.len() as f64 {
            let i = self.pos.floor() as usize;
            let frac = self.pos - i as f64;
            let a = if i == 0 { self.last } else { input[i - 1] } as f64;
            let b = input[i] as f64;
            out.push((a + (b - a) * frac) as i16);
            self.pos += self.step;
        }
        self.pos -= input.len() as f64;
        self.last = *input.last().unwrap_or(&0);
    }
}

/// The bridge port of an open capture and/or playback device.
pub struct SoundDevicePort {
    name: String,
    capture: Option<Arc<Queue>>,
    playback: Option<Arc<Queue>>,
    stop: Option<mpsc::Sender<()>>,
}

impl SoundDevicePort {
    /// Opens device `capture` and/or `playback` (ids from [`enumerate`]; None: not used)
    /// for a bridge of `format`. Fails with the device's error.
    pub fn open(
        capture: Option<i32>,
        playback: Option<i32>,
        format: AudioFormat,
    ) -> Result<SoundDevicePort, String> {
        let frame = format.samples_per_frame();
        let cap_q = capture.map(|_| Queue::new(frame * 6));
        let play_q = playback.map(|_| Queue::new(frame * 6));
        let (ready_tx, ready_rx) = mpsc::channel::<Result<String, String>>();
        let (stop_tx, stop_rx) = mpsc::channel::<()>();
        let (cq, pq) = (cap_q.clone(), play_q.clone());
        std::thread::Builder::new()
            .name("pjsua2rs-sound".into())
            .spawn(move || {
                let streams = open_streams(capture, playback, format.clock_rate, cq, pq);
                match streams {
                    Ok((name, streams)) => {
                        let _ = ready_tx.send(Ok(name));
                        let _ = stop_rx.recv();
                        drop(streams);
                    }
                    Err(e) => {
                        let _ = ready_tx.send(Err(e));
                    }
                }
            })
            .map_err(|e| format!("cannot start the sound thread: {e}"))?;
        let name = ready_rx
            .recv_timeout(Duration::from_secs(5))
            .map_err(|_| "the sound device did not open in 5 s".to_string())??;
        Ok(SoundDevicePort {
            name,
            capture: cap_q,
            playback: play_q,
            stop: Some(stop_tx),
        })
    }
}

impl Drop for SoundDevicePort {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

type Streams = Vec<cpal::Stream>;

/// Builds and starts the cpal streams (on the sound thread).
fn open_streams(
    capture: Option<i32>,
    playback: Option<i32>,
    rate: u32,
    cq: Option<Arc<Queue>>,
    pq: Option<Arc<Queue>>,
) -> Result<(String, Streams), String> {
    let host = cpal::default_host();
    let device = |id: i32| -> Result<cpal::Device, String> {
        host.devices()
            .map_err(|e| e.to_string())?
            .nth(id as usize)
            .ok_or_else(|| format!("no sound device {id}"))
    };
    let mut streams = Vec::new();
    let mut names = Vec::new();
    if let (Some(id), Some(q)) = (capture, cq) {
        let d = device(id)?;
        let cfg = d
            .default_input_config()
            .map_err(|e| format!("{d}: no capture: {e}"))?;
        let (channels, dev_rate) = (cfg.channels() as usize, cfg.sample_rate());
        let mut conv = Converter::new(dev_rate, rate);
        let (mut mono, mut out) = (Vec::with_capacity(8192), Vec::with_capacity(8192));
        let stream = d
            .build_input_stream::<i16, _, _>(
                cfg.config(),
                move |data: &[i16], _| {
                    mono.clear();
                    mono.extend(data.chunks(channels.max(1)).map(|c| {
                        (c.iter().map(|s| *s as i32).sum::<i32>() / c.len() as i32) as i16
                    }));
                    conv.run(&mono, &mut out);
                    q.push(out.iter().copied());
                },
                |_| {},
                Some(Duration::from_secs(2)),
            )
            .map_err(|e| format!("{d}: cannot open for capture: {e}"))?;
        stream
            .play()
            .map_err(|e| format!("{d}: cannot start capture: {e}"))?;
        names.push(device_name(&d));
        streams.push(stream);
    }
    if let (Some(id), Some(q)) = (playback, pq) {
        let d = device(id)?;
        let cfg = d
            .default_output_config()
            .map_err(|e| format!("{d}: no playback: {e}"))?;
        let (channels, dev_rate) = (cfg.channels() as usize, cfg.sample_rate());
        let mut conv = Converter::new(rate, dev_rate);
        let (mut mono, mut out) = (Vec::with_capacity(8192), Vec::with_capacity(8192));
        let step = rate as f64 / dev_rate as f64;
        let stream = d
            .build_output_stream::<i16, _, _>(
                cfg.config(),
                move |data: &mut [i16], _| {
                    let frames = data.len() / channels.max(1);
                    mono.resize((frames as f64 * step).ceil() as usize, 0);
                    q.pop(&mut mono);
                    conv.run(&mono, &mut out);
                    for (i, frame) in data.chunks_mut(channels.max(1)).enumerate() {
                        frame.fill(out.get(i).copied().unwrap_or(0));
                    }
                },
                |_| {},
                Some(Duration::from_secs(2)),
            )
            .map_err(|e| format!("{d}: cannot open for playback: {e}"))?;
        stream
            .play()
            .map_err(|e| format!("{d}: cannot start playback: {e}"))?;
        names.push(device_name(&d));
        streams.push(stream);
    }
    Ok((names.join(" / "), streams))
}

impl MediaPort for SoundDevicePort {
    fn name(&self) -> &str {
        &self.name
    }

    fn get_frame(&mut self, _now: Instant, out: &mut [i16]) -> bool {
        match &self.capture {
            Some(q) => q.pop(out),
            None => false,
        }
    }

    fn put_frame(&mut self, _now: Instant, frame: Option<&[i16]>) {
        if let (Some(q), Some(f)) = (&self.playback, frame) {
            q.push(f.iter().copied());
        }
    }

    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converter_keeps_the_rate_ratio_across_blocks() {
        let mut up = Converter::new(8000, 48000);
        let mut out = Vec::new();
        let mut total = 0;
        for _ in 0..50 {
            up.run(&[1000; 160], &mut out);
            total += out.len();
        }
        assert!((total as i64 - 50 * 960).abs() <= 1, "{total}");
        let mut down = Converter::new(48000, 16000);
        let mut total = 0;
        for _ in 0..50 {
            down.run(&[5; 441], &mut out);
            assert!(out.iter().all(|s| *s == 5 || *s == 0));
            total += out.len();
        }
        assert!((total as i64 - 50 * 147).abs() <= 1, "{total}");
    }

    #[test]
    fn queue_pads_and_drops() {
        let q = Queue::new(4);
        q.push([1, 2, 3, 4, 5, 6].into_iter());
        let mut out = [0; 3];
        assert!(q.pop(&mut out));
        assert_eq!(out, [3, 4, 5]);
        let mut out = [9; 3];
        assert!(q.pop(&mut out));
        assert_eq!(out, [6, 0, 0]);
        assert_eq!(q.overflow.load(Ordering::Relaxed), 2);
        assert_eq!(q.underflow.load(Ordering::Relaxed), 2);
        assert!(!q.pop(&mut out));
    }

    /// ALSA's "null" PCM (no hardware needed) opens for capture and playback and runs.
    #[test]
    fn the_alsa_null_device_opens_when_present() {
        let devices = enumerate();
        let Some(null) = devices
            .iter()
            .find(|d| d.name == "null" && d.output_count > 0)
        else {
            eprintln!("no ALSA null device here: {devices:?}");
            return;
        };
        let mut port =
            SoundDevicePort::open(Some(null.id), Some(null.id), AudioFormat::mono(16000)).unwrap();
        let mut frame = vec![0i16; 320];
        let mut captured = 0;
        for _ in 0..25 {
            port.put_frame(Instant::now(), Some(&[100; 320]));
            captured += port.get_frame(Instant::now(), &mut frame) as usize;
            std::thread::sleep(Duration::from_millis(20));
        }
        assert_eq!(port.name(), "null / null");
        // ALSA's null PCM is not paced (it returns at once), so only opening, running and
        // closing are checked here; pacing comes from the media clock, not the device.
        assert!(captured > 0, "the device captured samples");
        drop(port);
    }
}
