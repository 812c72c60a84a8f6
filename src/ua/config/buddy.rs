//! Buddy config (PJSUA2 `BuddyConfig`): a presence contact of an account.

use super::limits::PJSUA2RS_URI_LEN;
use std::os::raw::c_char;

/// A buddy's settings (PJSUA2 `BuddyConfig`). Initialise it with
/// `pjsua2rs_buddy_config_default()`.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BuddyConfig {
    /// `sizeof` this struct as the program was compiled; set by the `_default` function.
    pub struct_size: u32,
    /// The buddy's URI, e.g. "sip:alice@example.com". Default "".
    pub uri: [c_char; PJSUA2RS_URI_LEN],
    /// Subscribe to the buddy's presence when it is added. Default false.
    pub subscribe: bool,
    /// Subscribe to the buddy's dialog events when it is added. Default false.
    pub subscribe_dlg_event: bool,
}

impl Default for BuddyConfig {
    fn default() -> Self {
        BuddyConfig {
            struct_size: std::mem::size_of::<BuddyConfig>() as u32,
            uri: [0; PJSUA2RS_URI_LEN],
            subscribe: false,
            subscribe_dlg_event: false,
        }
    }
}
