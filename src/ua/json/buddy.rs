//! JSON schema of `BuddyConfig` (pjsua2 presence.cpp); note the snake_case
//! "subscribe_dlg_event" key, as PJSUA2 writes it.

use super::document::JsonLayout::V2_16;
use super::persist::{persistent_configs, ObjReader, ObjWriter, Schema};
use crate::ua::config::BuddyConfig;
use crate::ua::Result;

impl Schema for BuddyConfig {
    const CLASS: &'static str = "BuddyConfig";

    fn write_members(&self, w: &mut ObjWriter<'_>) -> Result<()> {
        w.str("uri", &self.uri)?;
        w.bool("subscribe", self.subscribe)?;
        if w.since(V2_16) {
            w.bool("subscribe_dlg_event", self.subscribe_dlg_event)?;
        }
        Ok(())
    }

    fn read_members(&mut self, r: &mut ObjReader<'_>) -> Result<()> {
        r.str("uri", &mut self.uri)?;
        r.bool("subscribe", &mut self.subscribe)?;
        r.bool("subscribe_dlg_event", &mut self.subscribe_dlg_event)
    }
}

persistent_configs!(BuddyConfig);
