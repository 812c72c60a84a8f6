//! PJSUA2's CallInfo and CallMediaInfo: a snapshot of a call for the application.

/// PJSUA2's `TimeVal`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TimeVal {
    /// Seconds.
    pub sec: i64,
    /// Milliseconds.
    pub msec: i64,
}

impl TimeVal {
    /// A duration as seconds and milliseconds.
    pub fn from_duration(d: std::time::Duration) -> Self {
        TimeVal {
            sec: d.as_secs() as i64,
            msec: d.subsec_millis() as i64,
        }
    }
}

/// PJSUA2's `CallMediaInfo` (audio only).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CallMediaInfo {
    /// The media line's index in the SDP.
    pub index: u32,
    /// PJMEDIA_TYPE_AUDIO (1), or NONE (0) for an unsupported line.
    pub media_type: i32,
    /// PJMEDIA_DIR_* we may use: ENCODING (send) 1, DECODING (receive) 2, both 3.
    pub dir: i32,
    /// PJSUA2RS_CALL_MEDIA_*.
    pub status: i32,
    /// The call's port in the conference bridge, -1 until media runs.
    pub audio_conf_slot: i32,
}

/// PJSUA2's `CallInfo`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CallInfo {
    /// The call id.
    pub id: i32,
    /// PJSUA2RS_ROLE_UAC (0) or PJSUA2RS_ROLE_UAS (1).
    pub role: i32,
    /// The account.
    pub acc_id: i32,
    /// Our URI.
    pub local_uri: String,
    /// Our Contact.
    pub local_contact: String,
    /// The peer's URI.
    pub remote_uri: String,
    /// The peer's Contact ("" until known).
    pub remote_contact: String,
    /// The Call-ID.
    pub call_id_string: String,
    /// The state (PJSIP_INV_STATE_*: NULL 0 ... DISCONNECTED 6).
    pub state: i32,
    /// Its name as PJSIP gives it ("CALLING", ..., "DISCONNECTED"; PJSIP before 2.14 spelt
    /// it "DISCONNCTD").
    pub state_text: String,
    /// The last status code.
    pub last_status_code: i32,
    /// Its reason.
    pub last_reason: String,
    /// The negotiated media.
    pub media: Vec<CallMediaInfo>,
    /// Time since the call was answered (zero before).
    pub connect_duration: TimeVal,
    /// Time since the call started.
    pub total_duration: TimeVal,
    /// Whether the peer made the last offer.
    pub rem_offerer: bool,
    /// Audio streams the peer offered.
    pub rem_audio_count: u32,
    /// Video streams the peer offered.
    pub rem_video_count: u32,
}

/// PJSIP's name for an INVITE session state (`pjsip_inv_state_name`).
pub fn state_text(state: i32) -> &'static str {
    match state {
        0 => "NULL",
        1 => "CALLING",
        2 => "INCOMING",
        3 => "EARLY",
        4 => "CONNECTING",
        5 => "CONFIRMED",
        6 => "DISCONNECTED",
        _ => "UNKNOWN",
    }
}
