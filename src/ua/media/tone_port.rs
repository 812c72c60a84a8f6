//! PJSUA2's `ToneGenerator` as a bridge port: tones and DTMF digits generated at the
//! bridge's rate (PJSUA2's clock and channel arguments describe the same thing; the
//! bridge's format wins).

use crate::media::tone::ToneGenerator;
use crate::media::{AudioFormat, MediaPort};
use std::any::Any;
use std::time::Instant;

/// The tone generator port.
pub struct TonePort {
    /// The generator (its queue is driven through the bridge).
    pub generator: ToneGenerator,
}

impl TonePort {
    /// A silent generator for a bridge of `format`.
    pub fn new(format: AudioFormat) -> Self {
        TonePort {
            generator: ToneGenerator::new(format.clock_rate, format.channels),
        }
    }
}

impl MediaPort for TonePort {
    fn name(&self) -> &str {
        "tonegen"
    }

    fn get_frame(&mut self, _now: Instant, out: &mut [i16]) -> bool {
        if !self.generator.is_busy() {
            return false;
        }
        self.generator.fill(out);
        true
    }

    fn put_frame(&mut self, _now: Instant, _frame: Option<&[i16]>) {}

    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}
