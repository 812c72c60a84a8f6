//! A media port: what the conference bridge exchanges frames with (a call's audio stream,
//! a file player or recorder, a tone generator, a sound device, an application port).

use std::any::Any;
use std::time::Instant;

/// A port of the conference bridge. Frames are in the bridge's format (its clock rate,
/// channel count and ptime); a port with another rate converts inside. The bridge calls
/// each port once per tick on the media thread, never concurrently.
pub trait MediaPort: Send {
    /// The port's name (`ConfPortInfo.name`).
    fn name(&self) -> &str;

    /// Writes the port's next frame into `out` (exactly one frame of samples). Returns
    /// false when the port has nothing to send this tick (the bridge treats it as
    /// silence and does not count it in the level).
    fn get_frame(&mut self, now: Instant, out: &mut [i16]) -> bool;

    /// Takes the frame mixed for this port: `Some` when at least one port transmits to
    /// it, `None` when none does (a stream may still send silence; a recorder skips).
    fn put_frame(&mut self, now: Instant, frame: Option<&[i16]>);

    /// Whether the bridge skips `get_frame` while the port transmits to no one, as
    /// PJSUA2's bridge does: an application port's frames are then not consumed (nor
    /// requested) before it is connected. False by default: files, tones and streams go
    /// on whether or not anyone listens.
    fn idle_unless_transmitting(&self) -> bool {
        false
    }

    /// The port as `Any`, for the owner to reach its concrete type (a player's position,
    /// a tone generator's queue) through the bridge.
    fn as_any_mut(&mut self) -> &mut dyn Any;
}
