//! The Endpoint's media objects: PJSUA2's `AudioMediaPlayer` (file or playlist),
//! `AudioMediaRecorder` and `ToneGenerator`, each a port of the conference bridge named by
//! its slot and an id that is never reused (so a stale object never reaches the port that
//! took its slot).

use super::Endpoint;
use crate::media::tone::{ToneDesc, ToneDigit, ToneDigitMapDigit};
use crate::media::Slot;
use crate::ua::core::AppEvent;
use crate::ua::media::app_port::AppPort;
use crate::ua::media::player::{Player, PlayerInfo, PJSUA2RS_FILE_NO_LOOP};
use crate::ua::media::recorder::Recorder;
use crate::ua::media::tone_port::TonePort;
use crate::ua::status::*;
use crate::ua::{Error, Result};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// A media object: its conference slot (`getPortId`) and its id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct MediaObj {
    /// The conference slot.
    pub slot: Slot,
    /// The object's id (unique in the process).
    pub id: u64,
}

/// The callbacks of a player (PJSUA2's `AudioMediaPlayer` virtual methods); they run on
/// the callback thread like every other callback.
pub trait PlayerHandler: Send + Sync {
    /// The file (or the playlist) reached its end; a looping player goes on.
    fn on_eof2(&self) {}
}

static NEXT_ID: AtomicU64 = AtomicU64::new(1);

/// A new media object id.
pub(super) fn next_id() -> u64 {
    NEXT_ID.fetch_add(1, Ordering::Relaxed)
}

fn gone(obj: MediaObj) -> Error {
    Error::new(
        PJSUA2RS_ERR_NOT_FOUND,
        "",
        format!("media object {} (slot {}) was destroyed", obj.id, obj.slot),
    )
}

/// A port that knows its object id.
trait Owned {
    fn id(&self) -> u64;
}

/// A port of one of our objects, with its id.
struct Tagged<T> {
    id: u64,
    port: T,
}

impl<T> Owned for Tagged<T> {
    fn id(&self) -> u64 {
        self.id
    }
}

impl<T: crate::media::MediaPort + 'static> crate::media::MediaPort for Tagged<T> {
    fn name(&self) -> &str {
        self.port.name()
    }
    fn get_frame(&mut self, now: std::time::Instant, out: &mut [i16]) -> bool {
        self.port.get_frame(now, out)
    }
    fn put_frame(&mut self, now: std::time::Instant, frame: Option<&[i16]>) {
        self.port.put_frame(now, frame)
    }
    fn idle_unless_transmitting(&self) -> bool {
        self.port.idle_unless_transmitting()
    }
    fn as_any_mut(&mut self) -> &mut dyn std::any::Any {
        self
    }
}

impl Endpoint {
    pub(super) fn add_object<T: crate::media::MediaPort + 'static>(
        &self,
        title: &str,
        id: u64,
        port: T,
    ) -> Result<MediaObj> {
        let slot = self
            .media_engine()?
            .add_port(Box::new(Tagged { id, port }))
            .map_err(|e| e.with_title(title))?;
        Ok(MediaObj { slot, id })
    }

    /// Runs `f` on the object's port, if it is still this object.
    pub(super) fn with_object<T: 'static, R>(
        &self,
        title: &str,
        obj: MediaObj,
        f: impl FnOnce(&mut T) -> Result<R>,
    ) -> Result<R> {
        let media = self.media_engine()?;
        let mut bridge = media.bridge();
        let port = bridge
            .port_mut::<Tagged<T>>(obj.slot)
            .filter(|p| p.id() == obj.id)
            .ok_or_else(|| gone(obj).with_title(title))?;
        f(&mut port.port).map_err(|e| e.with_title(title))
    }

    /// `AudioMediaPlayer::createPlayer` (one file) or `createPlaylist` (several, the port
    /// named `label` unless it is empty): `options` PJSUA2RS_FILE_NO_LOOP plays once.
    /// `handler` gets onEof2.
    pub fn player_create(
        &self,
        files: &[String],
        label: &str,
        options: u32,
        handler: Option<Arc<dyn PlayerHandler>>,
    ) -> Result<MediaObj> {
        let title = if files.len() == 1 {
            "AudioMediaPlayer::createPlayer()"
        } else {
            "AudioMediaPlayer::createPlaylist()"
        };
        let live = self.live(title)?;
        let id = next_id();
        let sink = live.sink.clone();
        let on_eof = Box::new(move || sink(AppEvent::PlayerEof { player: id }));
        let format = live.media.format();
        let mut player = Player::open(files, options & PJSUA2RS_FILE_NO_LOOP == 0, format, on_eof)
            .map_err(|e| Error::new(PJSUA2RS_ERR_NOT_FOUND, title, e))?;
        if !label.is_empty() {
            player.set_name(label);
        }
        if let Some(h) = handler {
            live.handlers.add_player(id, h);
        }
        self.add_object(title, id, player)
            .inspect_err(|_| live.handlers.remove_player(id))
    }

    /// `AudioMediaPlayer::getInfo`.
    pub fn player_get_info(&self, obj: MediaObj) -> Result<PlayerInfo> {
        self.with_object::<Player, _>("AudioMediaPlayer::getInfo()", obj, |p| Ok(p.info()))
    }

    /// `AudioMediaPlayer::getPos`: the position in samples.
    pub fn player_get_pos(&self, obj: MediaObj) -> Result<u64> {
        self.with_object::<Player, _>("AudioMediaPlayer::getPos()", obj, |p| Ok(p.position()))
    }

    /// `AudioMediaPlayer::setPos`: moves to sample `pos`.
    pub fn player_set_pos(&self, obj: MediaObj, pos: u64) -> Result<()> {
        self.with_object::<Player, _>("AudioMediaPlayer::setPos()", obj, |p| {
            p.set_position(pos)
                .map_err(|e| Error::new(PJSUA2RS_ERR_INVALID_ARG, "", e))
        })
    }

    /// `AudioMediaRecorder::createRecorder`: records to a `.wav` file; `options`
    /// PJSUA2RS_FILE_WRITE_PCM, _ALAW or _ULAW; `max_size` bytes of audio (0: no limit).
    pub fn recorder_create(&self, file: &str, max_size: u64, options: u32) -> Result<MediaObj> {
        let title = "AudioMediaRecorder::createRecorder()";
        let format = self.live(title)?.media.format();
        // As PJSUA2: a file type it cannot write is "not supported".
        let status = if file.to_ascii_lowercase().ends_with(".wav") {
            PJSUA2RS_ERR_INVALID_ARG
        } else {
            PJSUA2RS_ERR_NOT_SUPPORTED
        };
        let rec = Recorder::create(file, options, max_size, format)
            .map_err(|e| Error::new(status, title, e))?;
        self.add_object(title, next_id(), rec)
    }

    /// `ToneGenerator::createToneGenerator`.
    pub fn tone_generator_create(&self) -> Result<MediaObj> {
        let title = "ToneGenerator::createToneGenerator()";
        let format = self.live(title)?.media.format();
        self.add_object(title, next_id(), TonePort::new(format))
    }

    fn with_tones<R>(
        &self,
        title: &str,
        obj: MediaObj,
        f: impl FnOnce(
            &mut crate::media::tone::ToneGenerator,
        ) -> std::result::Result<R, crate::media::tone::ToneError>,
    ) -> Result<R> {
        self.with_object::<TonePort, _>(title, obj, |t| {
            f(&mut t.generator).map_err(|e| {
                let status = match e {
                    crate::media::tone::ToneError::TooMany => PJSUA2RS_ERR_TOO_MANY,
                    crate::media::tone::ToneError::UnknownDigit(_) => {
                        PJSUA2RS_ERR_MEDIA_INVALID_DTMF
                    }
                };
                Error::new(status, "", e.to_string())
            })
        })
    }

    /// `ToneGenerator::play`: queues tones (`looped`: repeat them).
    pub fn tone_play(&self, obj: MediaObj, tones: &[ToneDesc], looped: bool) -> Result<()> {
        self.with_tones("ToneGenerator::play()", obj, |g| g.play(tones, looped))
    }

    /// `ToneGenerator::playDigits`: queues DTMF digits.
    pub fn tone_play_digits(
        &self,
        obj: MediaObj,
        digits: &[ToneDigit],
        looped: bool,
    ) -> Result<()> {
        self.with_tones("ToneGenerator::playDigits()", obj, |g| {
            g.play_digits(digits, looped)
        })
    }

    /// `ToneGenerator::stop`.
    pub fn tone_stop(&self, obj: MediaObj) -> Result<()> {
        self.with_tones("ToneGenerator::stop()", obj, |g| {
            g.stop();
            Ok(())
        })
    }

    /// `ToneGenerator::rewind`.
    pub fn tone_rewind(&self, obj: MediaObj) -> Result<()> {
        self.with_tones("ToneGenerator::rewind()", obj, |g| {
            g.rewind();
            Ok(())
        })
    }

    /// `ToneGenerator::isBusy`.
    pub fn tone_is_busy(&self, obj: MediaObj) -> Result<bool> {
        self.with_tones("ToneGenerator::isBusy()", obj, |g| Ok(g.is_busy()))
    }

    /// `ToneGenerator::getDigitMap`.
    pub fn tone_get_digit_map(&self, obj: MediaObj) -> Result<Vec<ToneDigitMapDigit>> {
        self.with_tones("ToneGenerator::getDigitMap()", obj, |g| {
            Ok(g.digit_map().to_vec())
        })
    }

    /// `ToneGenerator::setDigitMap`.
    pub fn tone_set_digit_map(&self, obj: MediaObj, map: Vec<ToneDigitMapDigit>) -> Result<()> {
        self.with_tones("ToneGenerator::setDigitMap()", obj, |g| {
            g.set_digit_map(map);
            Ok(())
        })
    }

    /// Deletes a media object: its port leaves the bridge (a recorder's file is finished),
    /// a player's or an application port's callbacks stop (none is running when this
    /// returns, unless called from one, which then finishes).
    pub fn media_obj_destroy(&self, obj: MediaObj) -> Result<()> {
        let title = "AudioMedia::~AudioMedia()";
        let live = self.live(title)?;
        live.handlers.remove_player(obj.id);
        live.handlers.remove_app_port(obj.id);
        let port = {
            let mut bridge = live.media.bridge();
            let ours = bridge
                .port_mut::<Tagged<Player>>(obj.slot)
                .map(|p| p.id())
                .or_else(|| {
                    bridge
                        .port_mut::<Tagged<Recorder>>(obj.slot)
                        .map(|p| p.id())
                })
                .or_else(|| {
                    bridge
                        .port_mut::<Tagged<TonePort>>(obj.slot)
                        .map(|p| p.id())
                })
                .or_else(|| bridge.port_mut::<Tagged<AppPort>>(obj.slot).map(|p| p.id()));
            if ours != Some(obj.id) {
                return Err(gone(obj).with_title(title));
            }
            bridge
                .remove_port(obj.slot)
                .map_err(|_| gone(obj).with_title(title))?
        };
        // Outside the lock: a recorder finishes its file here.
        drop(port);
        live.callback_barrier();
        Ok(())
    }
}
