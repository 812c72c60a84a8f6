//! PJSUA2's media objects on top of [`crate::media`]: the media engine (the conference
//! bridge on its clocked thread, with the sound device in slot 0) and the ports the
//! application creates (players, recorders, tone generators, application ports).

pub mod app_port;
pub mod app_port_pump;
#[cfg(test)]
mod app_port_tests;
pub mod engine;
pub mod null_device;
pub mod player;
pub mod recorder;
pub mod sound_device;
pub mod stream;
pub mod tone_port;
pub mod transport;

pub use engine::MediaEngine;
