//! The Endpoint's application ports (PJSUA2's `AudioMediaPort`): created with the
//! application's callbacks, a media object like the others (a conference slot and an id
//! never reused; deleted with `media_obj_destroy`).

use super::media_objects::next_id;
use super::{Endpoint, MediaObj};
use crate::ua::core::AppEvent;
use crate::ua::media::app_port::{
    self, AppPort, AudioMediaPortHandler, AudioMediaPortStats, MediaFormatAudio, Wake,
};
use crate::ua::status::*;
use crate::ua::{Error, Result};
use std::sync::Arc;

impl Endpoint {
    /// `AudioMediaPort::createPort`: a conference port named `name` whose frames, in
    /// format `fmt` (mono 16-bit; zero fields take the bridge's clock rate and frame
    /// time), `handler` supplies (onFrameRequested) and receives (onFrameReceived) on the
    /// callback thread. Other rates and frame times than the bridge's are converted. The
    /// first frames are requested at once, so playback starts without a gap when the port
    /// is connected; nothing is requested while it transmits to no one.
    pub fn audio_media_port_create(
        &self,
        name: &str,
        fmt: &MediaFormatAudio,
        handler: Arc<dyn AudioMediaPortHandler>,
    ) -> Result<MediaObj> {
        let title = "AudioMediaPort::createPort()";
        let live = self.live(title)?;
        let bridge = live.media.format();
        let invalid = |reason: String| Error::new(PJSUA2RS_ERR_INVALID_ARG, title, reason);
        let fmt = app_port::resolve_format(fmt, bridge).map_err(invalid)?;
        let id = next_id();
        let sink = live.sink.clone();
        let wake: Wake = Arc::new(move |work| sink(AppEvent::AudioPortWork { port: id, work }));
        let (port, pump) = app_port::create(name, fmt, bridge, handler, wake).map_err(invalid)?;
        let pump = Arc::new(pump);
        live.handlers.add_app_port(id, pump.clone());
        let obj = self.add_object(title, id, port).inspect_err(|_| {
            live.handlers.remove_app_port(id);
        })?;
        pump.start();
        Ok(obj)
    }

    /// The underrun and drop counters of an application port.
    pub fn audio_media_port_stats(&self, obj: MediaObj) -> Result<AudioMediaPortStats> {
        self.with_object::<AppPort, _>("AudioMediaPort::getStats()", obj, |p| Ok(p.stats()))
    }
}
