//! The media engine of an endpoint: the conference bridge behind a lock, ticked by the
//! media clock thread (started with the first port beyond the sound device), with the
//! sound device's port in slot 0.

use super::null_device::NullDevice;
use crate::media::codec::CodecRegistry;
use crate::media::{AudioFormat, ConfBridge, MediaPort, Slot};
use crate::rtp::MediaJbSettings;
use crate::runtime::MediaClock;
use crate::ua::config::MediaConfig;
use crate::ua::status::*;
use crate::ua::{Error, Result};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// The slot of the sound device.
pub(crate) const SOUND_DEVICE_SLOT: Slot = 0;

/// PJSUA's id of the default capture device.
pub const PJSUA2RS_DEFAULT_CAPTURE_DEV: i32 = -1;
/// PJSUA's id of the default playback device.
pub const PJSUA2RS_DEFAULT_PLAYBACK_DEV: i32 = -2;
/// PJSUA_SND_NULL_DEV: the null device.
pub const PJSUA2RS_SND_NULL_DEV: i32 = -99;
/// PJSUA_SND_NO_DEV (PJMEDIA_AUD_INVALID_DEV): no device (the bridge still runs on the
/// media clock).
pub const PJSUA2RS_SND_NO_DEV: i32 = -3;

/// Which sound device slot 0 is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum DeviceChoice {
    /// The system's default devices, opened when something first connects to slot 0
    /// (the null device until then, and if they cannot be opened).
    Default,
    /// `setNullDev` or `setNoDev` (the id says which).
    Null(i32),
    /// Chosen devices (capture, playback) by id; PJSUA2RS_SND_NULL_DEV for none.
    Devices(i32, i32),
}

/// The media engine.
pub struct MediaEngine {
    bridge: Arc<Mutex<ConfBridge>>,
    clock: Mutex<Option<MediaClock>>,
    period: Duration,
    device: Mutex<DeviceChoice>,
    codecs: Mutex<CodecRegistry>,
    jb: MediaJbSettings,
}

impl MediaEngine {
    /// An engine with the bridge format of `cfg` (clockRate, channelCount,
    /// audioFramePtime, maxMediaPorts); the null device in slot 0; no thread yet.
    pub fn new(cfg: &MediaConfig) -> Result<Arc<Self>> {
        let bad = |what: String| Error::new(PJSUA2RS_ERR_INVALID_ARG, "", what);
        if ![8000, 16000, 32000, 48000].contains(&cfg.clock_rate) {
            return Err(bad(format!(
                "medConfig.clockRate {} is not 8000, 16000, 32000 or 48000",
                cfg.clock_rate
            )));
        }
        if cfg.channel_count != 1 {
            return Err(bad(format!(
                "medConfig.channelCount {} is not supported (mono only)",
                cfg.channel_count
            )));
        }
        let ptime = if cfg.audio_frame_ptime == 0 {
            20
        } else {
            cfg.audio_frame_ptime
        };
        if !(10..=60).contains(&ptime) || ptime % 10 != 0 {
            return Err(bad(format!(
                "medConfig.audioFramePtime {ptime} is not 10, 20, 30, 40, 50 or 60"
            )));
        }
        let max_ports = cfg.max_media_ports.clamp(2, 65_536) as usize;
        let format = AudioFormat {
            clock_rate: cfg.clock_rate,
            channels: 1,
            ptime_ms: ptime,
        };
        let mut bridge = ConfBridge::new(format, max_ports);
        bridge
            .add_port(Box::new(NullDevice), SOUND_DEVICE_SLOT)
            .map_err(|e| bad(e.to_string()))?;
        Ok(Arc::new(MediaEngine {
            bridge: Arc::new(Mutex::new(bridge)),
            clock: Mutex::new(None),
            period: Duration::from_millis(ptime as u64),
            device: Mutex::new(DeviceChoice::Default),
            codecs: Mutex::new(CodecRegistry::new()),
            jb: MediaJbSettings {
                jb_init: cfg.jb_init,
                jb_min_pre: cfg.jb_min_pre,
                jb_max_pre: cfg.jb_max_pre,
                jb_max: cfg.jb_max,
                jb_discard_algo: cfg.jb_discard_algo,
            },
        }))
    }

    /// The bridge, locked. Hold it briefly: the media thread needs it every tick.
    pub fn bridge(&self) -> MutexGuard<'_, ConfBridge> {
        self.bridge.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The codecs, their priorities and parameters, locked.
    pub fn codecs(&self) -> MutexGuard<'_, CodecRegistry> {
        self.codecs.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The jitter buffer settings of medConfig, for every stream.
    pub fn jb_settings(&self) -> MediaJbSettings {
        self.jb
    }

    /// The bridge's frame format.
    pub fn format(&self) -> AudioFormat {
        self.bridge().format()
    }

    /// Adds a port (from slot 1 up) and makes sure the media clock runs.
    pub fn add_port(&self, port: Box<dyn MediaPort>) -> Result<Slot> {
        let slot = self
            .bridge()
            .add_port(port, SOUND_DEVICE_SLOT + 1)
            .map_err(|e| Error::new(PJSUA2RS_ERR_TOO_MANY, "", e.to_string()))?;
        self.ensure_clock()?;
        Ok(slot)
    }

    /// Removes a port (not the sound device) and returns it.
    pub fn remove_port(&self, slot: Slot) -> Result<Box<dyn MediaPort>> {
        if slot == SOUND_DEVICE_SLOT {
            return Err(Error::new(
                PJSUA2RS_ERR_INVALID_OP,
                "",
                "the sound device's port cannot be removed",
            ));
        }
        self.bridge()
            .remove_port(slot)
            .map_err(|e| Error::new(PJSUA2RS_ERR_NOT_FOUND, "", e.to_string()))
    }

    fn choice(&self) -> std::sync::MutexGuard<'_, DeviceChoice> {
        self.device.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// `setNullDev` (PJSUA2RS_SND_NULL_DEV) or `setNoDev` (PJSUA2RS_SND_NO_DEV): slot 0
    /// becomes the null device; the bridge keeps its own clock.
    pub fn set_null_device(&self, id: i32) -> Result<()> {
        self.set_sound_device(Box::new(NullDevice))?;
        *self.choice() = DeviceChoice::Null(id);
        Ok(())
    }

    /// `setCaptureDev` / `setPlaybackDev`: opens the chosen devices in slot 0 (an id from
    /// `enumDev2`, PJSUA2RS_DEFAULT_CAPTURE_DEV/PLAYBACK_DEV, or PJSUA2RS_SND_NULL_DEV).
    pub fn set_devices(&self, capture: Option<i32>, playback: Option<i32>) -> Result<()> {
        let (old_cap, old_play) = self.devices();
        let cap = capture.unwrap_or(old_cap);
        let play = playback.unwrap_or(old_play);
        self.open_devices(cap, play)?;
        *self.choice() = DeviceChoice::Devices(cap, play);
        Ok(())
    }

    /// The capture and playback device ids in use (PJSUA2RS_SND_NULL_DEV / NO_DEV for
    /// none).
    pub fn devices(&self) -> (i32, i32) {
        match *self.choice() {
            DeviceChoice::Default => (PJSUA2RS_DEFAULT_CAPTURE_DEV, PJSUA2RS_DEFAULT_PLAYBACK_DEV),
            DeviceChoice::Null(id) => (id, id),
            DeviceChoice::Devices(c, p) => (c, p),
        }
    }

    fn open_devices(&self, cap: i32, play: i32) -> Result<()> {
        use super::sound_device::{default_device, SoundDevicePort};
        let resolve = |id: i32, input: bool| -> Result<Option<i32>> {
            match id {
                PJSUA2RS_SND_NULL_DEV | PJSUA2RS_SND_NO_DEV => Ok(None),
                PJSUA2RS_DEFAULT_CAPTURE_DEV | PJSUA2RS_DEFAULT_PLAYBACK_DEV => {
                    default_device(input).map(Some).ok_or_else(|| {
                        Error::new(PJSUA2RS_ERR_NOT_FOUND, "", "no default sound device")
                    })
                }
                id if id >= 0 => Ok(Some(id)),
                id => Err(Error::new(
                    PJSUA2RS_ERR_INVALID_ARG,
                    "",
                    format!("{id} is not a sound device id"),
                )),
            }
        };
        let (c, p) = (resolve(cap, true)?, resolve(play, false)?);
        if c.is_none() && p.is_none() {
            return self.set_sound_device(Box::new(NullDevice));
        }
        let port = SoundDevicePort::open(c, p, self.format())
            .map_err(|e| Error::new(PJSUA2RS_ERR_INVALID_OP, "", e))?;
        self.set_sound_device(Box::new(port))
    }

    /// Opens the default devices the first time something connects to slot 0, unless the
    /// application chose devices; stays on the null device when none can be opened.
    pub fn sound_device_needed(&self) -> Option<String> {
        if *self.choice() != DeviceChoice::Default {
            return None;
        }
        let outcome =
            self.open_devices(PJSUA2RS_DEFAULT_CAPTURE_DEV, PJSUA2RS_DEFAULT_PLAYBACK_DEV);
        *self.choice() =
            DeviceChoice::Devices(PJSUA2RS_DEFAULT_CAPTURE_DEV, PJSUA2RS_DEFAULT_PLAYBACK_DEV);
        match outcome {
            Ok(()) => None,
            Err(e) => {
                *self.choice() = DeviceChoice::Null(PJSUA2RS_SND_NULL_DEV);
                Some(e.reason)
            }
        }
    }

    /// Replaces the sound device's port (null device, a real device).
    fn set_sound_device(&self, port: Box<dyn MediaPort>) -> Result<()> {
        let mut b = self.bridge();
        let links_to: Vec<Slot> = b
            .slots()
            .into_iter()
            .filter(|s| {
                b.port_info(*s)
                    .is_ok_and(|i| i.listeners.contains(&SOUND_DEVICE_SLOT))
            })
            .collect();
        let links_from = b
            .port_info(SOUND_DEVICE_SLOT)
            .map(|i| i.listeners)
            .unwrap_or_default();
        let _ = b.remove_port(SOUND_DEVICE_SLOT);
        b.add_port(port, SOUND_DEVICE_SLOT)
            .map_err(|e| Error::new(PJSUA2RS_ERR_INVALID_OP, "", e.to_string()))?;
        for s in links_to {
            let _ = b.connect(s, SOUND_DEVICE_SLOT, 1.0);
        }
        for s in links_from {
            let _ = b.connect(SOUND_DEVICE_SLOT, s, 1.0);
        }
        Ok(())
    }

    fn ensure_clock(&self) -> Result<()> {
        let mut clock = self.clock.lock().unwrap_or_else(|e| e.into_inner());
        if clock.is_some() {
            return Ok(());
        }
        let bridge = self.bridge.clone();
        let c = MediaClock::start("pjsua2rs-media", self.period, move |_deadline| {
            // Ports see the real time of the tick (RTP timestamps follow the media clock).
            let now = Instant::now();
            bridge.lock().unwrap_or_else(|e| e.into_inner()).tick(now);
        })
        .map_err(|e| {
            Error::new(
                crate::ua::status::from_io_error(&e),
                "",
                format!("cannot start the media thread: {e}"),
            )
        })?;
        *clock = Some(c);
        Ok(())
    }

    /// Ticks run and ticks late, for statistics (zeros before the clock started).
    pub fn clock_counts(&self) -> (u64, u64) {
        use std::sync::atomic::Ordering;
        match &*self.clock.lock().unwrap_or_else(|e| e.into_inner()) {
            Some(c) => (
                c.stats().ticks.load(Ordering::Relaxed),
                c.stats().late.load(Ordering::Relaxed),
            ),
            None => (0, 0),
        }
    }

    /// Stops the media thread and drops every port but the sound device.
    pub fn shutdown(&self) {
        if let Some(mut c) = self.clock.lock().unwrap_or_else(|e| e.into_inner()).take() {
            c.stop();
        }
        let mut b = self.bridge();
        for s in b.slots() {
            if s != SOUND_DEVICE_SLOT {
                let _ = b.remove_port(s);
            }
        }
    }
}
