//! The Endpoint's media operations: PJSUA2's `AudioMedia` methods by conference slot
//! (startTransmit, stopTransmit, levels, port info), the bridge's port list, and the
//! sound device choice (`AudDevManager::setNullDev` / `setNoDev`).

use super::Endpoint;
use crate::media::{ConfPortInfo, Slot};
use crate::ua::media::engine::{PJSUA2RS_SND_NO_DEV, PJSUA2RS_SND_NULL_DEV, SOUND_DEVICE_SLOT};
use crate::ua::media::sound_device::AudioDevInfo;
use crate::ua::media::MediaEngine;
use crate::ua::status::*;
use crate::ua::{Error, Result};
use std::sync::Arc;

fn bridge_error(e: crate::media::bridge::BridgeError) -> Error {
    let status = match e {
        // As pjmedia_conf: a slot without a port is an invalid argument.
        crate::media::bridge::BridgeError::NoSuchPort(_) => PJSUA2RS_ERR_INVALID_ARG,
        crate::media::bridge::BridgeError::Full(_) => PJSUA2RS_ERR_TOO_MANY,
        crate::media::bridge::BridgeError::BadLevel => PJSUA2RS_ERR_INVALID_ARG,
    };
    Error::new(status, "", e.to_string())
}

impl Endpoint {
    /// The media engine (for the media objects built on it).
    pub fn media_engine(&self) -> Result<Arc<MediaEngine>> {
        Ok(self.live("Endpoint::media")?.media.clone())
    }

    fn with_bridge<R>(
        &self,
        title: &str,
        f: impl FnOnce(
            &mut crate::media::ConfBridge,
        ) -> std::result::Result<R, crate::media::bridge::BridgeError>,
    ) -> Result<R> {
        let media = self.live(title)?.media.clone();
        let mut b = media.bridge();
        f(&mut b).map_err(|e| bridge_error(e).with_title(title))
    }

    /// `AudioMedia::startTransmit2`: `src` transmits to `sink` at `level` (1.0: as is).
    /// The first link to or from the sound device opens the default devices, unless the
    /// application chose devices (the null device stays when none can be opened).
    pub fn audio_media_start_transmit(&self, src: Slot, sink: Slot, level: f32) -> Result<()> {
        if src == SOUND_DEVICE_SLOT || sink == SOUND_DEVICE_SLOT {
            let live = self.live("AudioMedia::startTransmit()")?;
            if let Some(why) = live.media.sound_device_needed() {
                live.logger.log(
                    3,
                    "pjsua2rs_media",
                    &format!("no sound device, using the null device: {why}"),
                );
            }
        }
        self.with_bridge("AudioMedia::startTransmit()", |b| {
            b.connect(src, sink, level)
        })
    }

    /// `AudioMedia::stopTransmit`.
    pub fn audio_media_stop_transmit(&self, src: Slot, sink: Slot) -> Result<()> {
        self.with_bridge("AudioMedia::stopTransmit()", |b| b.disconnect(src, sink))
    }

    // PJSUA2 names levels from the media port's side, the bridge from its own: the
    // port's rx (what it receives) is the bridge's tx to it, and the other way round
    // (PJSUA2's AudioMedia::adjustRxLevel calls pjsua_conf_adjust_tx_level).

    /// `AudioMedia::adjustRxLevel`: scales what the bridge gives the port (1.0 as is, 0
    /// mute).
    pub fn audio_media_adjust_rx_level(&self, slot: Slot, level: f32) -> Result<()> {
        self.with_bridge("AudioMedia::adjustRxLevel()", |b| {
            b.adjust_tx_level(slot, level)
        })
    }

    /// `AudioMedia::adjustTxLevel`: scales what the port transmits to the bridge.
    pub fn audio_media_adjust_tx_level(&self, slot: Slot, level: f32) -> Result<()> {
        self.with_bridge("AudioMedia::adjustTxLevel()", |b| {
            b.adjust_rx_level(slot, level)
        })
    }

    /// `AudioMedia::getRxLevel` (0-255): the level of the last frame the port was given.
    pub fn audio_media_get_rx_level(&self, slot: Slot) -> Result<u32> {
        self.with_bridge("AudioMedia::getRxLevel()", |b| b.tx_level(slot))
    }

    /// `AudioMedia::getTxLevel` (0-255): the level of the last frame the port
    /// transmitted.
    pub fn audio_media_get_tx_level(&self, slot: Slot) -> Result<u32> {
        self.with_bridge("AudioMedia::getTxLevel()", |b| b.rx_level(slot))
    }

    /// `AudioMedia::getPortInfo`.
    pub fn audio_media_get_port_info(&self, slot: Slot) -> Result<ConfPortInfo> {
        self.with_bridge("AudioMedia::getPortInfo()", |b| b.port_info(slot))
    }

    /// `Endpoint::mediaEnumPorts2`: the slots in use.
    pub fn media_enum_ports(&self) -> Result<Vec<Slot>> {
        self.with_bridge("Endpoint::mediaEnumPorts2()", |b| Ok(b.slots()))
    }

    /// `Endpoint::mediaActivePorts`.
    pub fn media_active_ports(&self) -> Result<usize> {
        self.with_bridge("Endpoint::mediaActivePorts()", |b| Ok(b.port_count()))
    }

    /// `AudDevManager::setNullDev`: no sound card; the bridge runs on its own clock.
    pub fn aud_dev_set_null_dev(&self) -> Result<()> {
        self.media_engine()?
            .set_null_device(PJSUA2RS_SND_NULL_DEV)
            .map_err(|e| e.with_title("AudDevManager::setNullDev()"))
    }

    /// `AudDevManager::setNoDev`: no sound device (the bridge still runs on the media
    /// clock, so players and recorders work).
    pub fn aud_dev_set_no_dev(&self) -> Result<()> {
        self.media_engine()?
            .set_null_device(PJSUA2RS_SND_NO_DEV)
            .map_err(|e| e.with_title("AudDevManager::setNoDev()"))
    }

    /// `AudDevManager::enumDev2`.
    pub fn aud_dev_enum(&self) -> Vec<AudioDevInfo> {
        crate::ua::media::sound_device::enumerate()
    }

    /// `AudDevManager::setCaptureDev`: opens capture device `id` in slot 0.
    pub fn aud_dev_set_capture_dev(&self, id: i32) -> Result<()> {
        self.media_engine()?
            .set_devices(Some(id), None)
            .map_err(|e| e.with_title("AudDevManager::setCaptureDev()"))
    }

    /// `AudDevManager::setPlaybackDev`: opens playback device `id` in slot 0.
    pub fn aud_dev_set_playback_dev(&self, id: i32) -> Result<()> {
        self.media_engine()?
            .set_devices(None, Some(id))
            .map_err(|e| e.with_title("AudDevManager::setPlaybackDev()"))
    }

    /// `AudDevManager::getCaptureDev` / `getPlaybackDev`: the ids in use.
    pub fn aud_dev_current(&self) -> Result<(i32, i32)> {
        Ok(self.media_engine()?.devices())
    }
}
