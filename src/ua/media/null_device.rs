//! The null sound device (PJSUA2's `setNullDev`): slot 0 of the bridge when there is no
//! sound card or the application chose none. It captures silence and discards playback;
//! the media thread's clock paces the bridge.

use crate::media::MediaPort;
use std::any::Any;
use std::time::Instant;

/// The null device's port.
pub struct NullDevice;

impl MediaPort for NullDevice {
    fn name(&self) -> &str {
        // PJSUA names the bridge's slot 0 so.
        "Master/sound"
    }

    fn get_frame(&mut self, _now: Instant, _out: &mut [i16]) -> bool {
        false
    }

    fn put_frame(&mut self, _now: Instant, _frame: Option<&[i16]>) {}

    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}
