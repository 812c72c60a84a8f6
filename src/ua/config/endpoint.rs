//! Endpoint configs (PJSUA2 endpoint.hpp): `EpConfig` with its `UaConfig`, `LogConfig`
//! and `MediaConfig`, and their defaults.

use super::limits::*;
use crate::ua::log_entry::LogWriterFn;
use std::os::raw::{c_char, c_void};

/// `MediaConfig.jb_discard_algo`: never discard frames (PJMEDIA_JB_DISCARD_NONE).
pub const PJSUA2RS_JB_DISCARD_NONE: i32 = 0;
/// `MediaConfig.jb_discard_algo`: discard when the buffer exceeds a static limit.
pub const PJSUA2RS_JB_DISCARD_STATIC: i32 = 1;
/// `MediaConfig.jb_discard_algo`: discard progressively as the buffer grows (default).
pub const PJSUA2RS_JB_DISCARD_PROGRESSIVE: i32 = 2;

/// User-agent settings (PJSUA2 `UaConfig`).
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct UaConfig {
    /// Maximum number of simultaneous calls. Default 4.
    pub max_calls: u32,
    /// Worker threads polling SIP events; 0 means the application polls with
    /// `handle_events` (poll mode). Default 1.
    pub thread_cnt: u32,
    /// Run callbacks only in the thread that calls `handle_events` (use with
    /// `thread_cnt` 0). Default false.
    pub main_thread_only: bool,
    /// DNS name servers ("host[:port]"); none means the system resolver.
    pub nameserver: [[c_char; PJSUA2RS_HOST_LEN]; PJSUA2RS_MAX_NAMESERVERS],
    /// How many entries of `nameserver` are used.
    pub nameserver_count: u32,
    /// Global outbound proxies, put before every account's proxies. Not saved in JSON.
    pub outbound_proxies: [[c_char; PJSUA2RS_URI_LEN]; PJSUA2RS_MAX_OUTBOUND_PROXIES],
    /// How many entries of `outbound_proxies` are used.
    pub outbound_proxies_count: u32,
    /// The User-Agent header value; empty means the library's own. Default "".
    pub user_agent: [c_char; PJSUA2RS_TEXT_LEN],
    /// STUN servers ("host[:port]"), tried in order.
    pub stun_server: [[c_char; PJSUA2RS_HOST_LEN]; PJSUA2RS_MAX_STUN_SERVERS],
    /// How many entries of `stun_server` are used.
    pub stun_server_count: u32,
    /// Also resolve STUN servers to IPv6 addresses. Default false.
    pub stun_try_ipv6: bool,
    /// Start even when no STUN server answers. Default true.
    pub stun_ignore_failure: bool,
    /// Put the NAT type in SDP: 0 no, 1 the type number, 2 number and name. Default 1.
    pub nat_type_in_sdp: i32,
    /// Handle unsolicited NOTIFY for message waiting (MWI). Default true.
    pub mwi_unsolicited_enabled: bool,
    /// Use UPnP to find the public address. Default false.
    pub enable_upnp: bool,
    /// The network interface for UPnP; empty means any. Default "".
    pub upnp_if_name: [c_char; PJSUA2RS_NAME_LEN],
    /// Put "norefersub" in the Supported header. Default true.
    pub no_refersub: bool,
    /// The default of accounts' server affinity for TCP/TLS. Default false.
    pub acc_server_affinity_default: bool,
    /// RFC 3261 T1, the round-trip estimate, in ms (PJSIP's `pjsip_cfg()->tsx.t1`).
    /// Default 500. Not saved in JSON.
    pub tsx_t1_msec: u32,
    /// RFC 3261 T2, the longest retransmit interval, in ms. Default 4000. Not saved in JSON.
    pub tsx_t2_msec: u32,
    /// RFC 3261 T4, how long a message may live in the network, in ms. Default 5000.
    /// Not saved in JSON.
    pub tsx_t4_msec: u32,
    /// RFC 3261 Timer D (wait for response retransmissions) in ms; at least 32000.
    /// Default 32000. Not saved in JSON.
    pub tsx_td_msec: u32,
}

impl Default for UaConfig {
    fn default() -> Self {
        UaConfig {
            max_calls: 4,
            thread_cnt: 1,
            main_thread_only: false,
            nameserver: [[0; PJSUA2RS_HOST_LEN]; PJSUA2RS_MAX_NAMESERVERS],
            nameserver_count: 0,
            outbound_proxies: [[0; PJSUA2RS_URI_LEN]; PJSUA2RS_MAX_OUTBOUND_PROXIES],
            outbound_proxies_count: 0,
            user_agent: [0; PJSUA2RS_TEXT_LEN],
            stun_server: [[0; PJSUA2RS_HOST_LEN]; PJSUA2RS_MAX_STUN_SERVERS],
            stun_server_count: 0,
            stun_try_ipv6: false,
            stun_ignore_failure: true,
            nat_type_in_sdp: 1,
            mwi_unsolicited_enabled: true,
            enable_upnp: false,
            upnp_if_name: [0; PJSUA2RS_NAME_LEN],
            no_refersub: true,
            acc_server_affinity_default: false,
            tsx_t1_msec: 500,
            tsx_t2_msec: 4000,
            tsx_t4_msec: 5000,
            tsx_td_msec: 32000,
        }
    }
}

/// Logging settings (PJSUA2 `LogConfig`).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct LogConfig {
    /// Log incoming and outgoing SIP messages (non-zero = yes). Default 1.
    pub msg_logging: u32,
    /// Maximum level written to the writer and the file (0-6). Default 5.
    pub level: u32,
    /// Maximum level written to the console (stdout). Default 4.
    pub console_level: u32,
    /// Decoration flags (PJ_LOG_HAS_*). Default 25328 = sender, time, microseconds,
    /// newline, space, thread switch and indent.
    pub decor: u32,
    /// A log file to append to; empty means none. Default "".
    pub filename: [c_char; PJSUA2RS_PATH_LEN],
    /// Flags for opening the log file (PJ_O_APPEND = 0x1108 appends). Default 0.
    pub file_flags: u32,
    /// A custom writer receiving every entry up to `console_level` (instead of the
    /// console; the file still gets everything up to `level`), or NULL. Not saved in JSON.
    pub writer: LogWriterFn,
    /// Passed to `writer` as its first argument. Not saved in JSON.
    pub writer_user_data: *mut c_void,
}

// SAFETY: the only non-Send/Sync members are `writer_user_data`, which the library never
// dereferences (it only hands it back to `writer`), and the writer function pointer. The
// C contract says the writer may be called from the library's dispatcher thread, so the
// application promises that the writer and its user data may be used from that thread.
unsafe impl Send for LogConfig {}
// SAFETY: see `Send`: the library only copies the pointer and passes it to `writer`.
unsafe impl Sync for LogConfig {}

impl PartialEq for LogConfig {
    fn eq(&self, other: &Self) -> bool {
        // Function pointers are compared by address, which is what a config comparison
        // needs (the same writer was configured).
        self.msg_logging == other.msg_logging
            && self.level == other.level
            && self.console_level == other.console_level
            && self.decor == other.decor
            && self.filename == other.filename
            && self.file_flags == other.file_flags
            && self.writer.map(|f| f as usize) == other.writer.map(|f| f as usize)
            && self.writer_user_data == other.writer_user_data
    }
}

impl Default for LogConfig {
    fn default() -> Self {
        LogConfig {
            msg_logging: 1,
            level: 5,
            console_level: 4,
            decor: 25328,
            filename: [0; PJSUA2RS_PATH_LEN],
            file_flags: 0,
            writer: None,
            writer_user_data: std::ptr::null_mut(),
        }
    }
}

/// Media settings (PJSUA2 `MediaConfig`).
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MediaConfig {
    /// The conference bridge clock rate in Hz. Default 16000.
    pub clock_rate: u32,
    /// The sound device clock rate; 0 means `clock_rate`. Default 0.
    pub snd_clock_rate: u32,
    /// Drive the sound port from a software clock instead of the device. Default true.
    pub snd_use_sw_clock: bool,
    /// Audio channels of the bridge. Default 1.
    pub channel_count: u32,
    /// Milliseconds of audio per bridge frame. Default 20.
    pub audio_frame_ptime: u32,
    /// Maximum ports of the conference bridge. Default 254.
    pub max_media_ports: u32,
    /// Threads mixing the conference bridge. Default 1.
    pub conf_threads: u32,
    /// Run a media I/O queue for RTP. Default true.
    pub has_ioqueue: bool,
    /// Worker threads of the media I/O queue. Default 1.
    pub thread_cnt: u32,
    /// Codec and resampling quality, 1 (fastest) to 10 (best). Default 8.
    pub quality: u32,
    /// Codec packet time in ms; 0 means each codec's default. Default 0.
    pub ptime: u32,
    /// Disable voice activity detection. Default false.
    pub no_vad: bool,
    /// The iLBC mode, 20 or 30 ms. Default 30.
    pub ilbc_mode: u32,
    /// Percentage of transmitted RTP packets to drop (testing). Default 0.
    pub tx_drop_pct: u32,
    /// Percentage of received RTP packets to drop (testing). Default 0.
    pub rx_drop_pct: u32,
    /// Echo canceller options (PJMEDIA_ECHO_*). Default 0.
    pub ec_options: u32,
    /// Echo canceller tail length in ms; 0 disables it. Default 200.
    pub ec_tail_len: u32,
    /// Sound capture latency in ms. Default 100.
    pub snd_rec_latency: u32,
    /// Sound playback latency in ms. Default 140.
    pub snd_play_latency: u32,
    /// Jitter buffer initial prefetch in ms; -1 means automatic. Default -1.
    pub jb_init: i32,
    /// Jitter buffer minimum prefetch in ms; -1 means automatic. Default -1.
    pub jb_min_pre: i32,
    /// Jitter buffer maximum prefetch in ms; -1 means automatic. Default -1.
    pub jb_max_pre: i32,
    /// Jitter buffer maximum size in ms; -1 means automatic. Default -1.
    pub jb_max: i32,
    /// Jitter buffer discard algorithm (PJSUA2RS_JB_DISCARD_*). Default 2 (progressive).
    pub jb_discard_algo: i32,
    /// Seconds of silence before an idle sound device closes; -1 never, 0 at once.
    /// Default 1.
    pub snd_auto_close_time: i32,
    /// Use the native video preview of the capture device (video only). Default true.
    pub vid_preview_enable_native: bool,
}

impl Default for MediaConfig {
    fn default() -> Self {
        MediaConfig {
            clock_rate: 16000,
            snd_clock_rate: 0,
            snd_use_sw_clock: true,
            channel_count: 1,
            audio_frame_ptime: 20,
            max_media_ports: 254,
            conf_threads: 1,
            has_ioqueue: true,
            thread_cnt: 1,
            quality: 8,
            ptime: 0,
            no_vad: false,
            ilbc_mode: 30,
            tx_drop_pct: 0,
            rx_drop_pct: 0,
            ec_options: 0,
            ec_tail_len: 200,
            snd_rec_latency: 100,
            snd_play_latency: 140,
            jb_init: -1,
            jb_min_pre: -1,
            jb_max_pre: -1,
            jb_max: -1,
            jb_discard_algo: PJSUA2RS_JB_DISCARD_PROGRESSIVE,
            snd_auto_close_time: 1,
            vid_preview_enable_native: true,
        }
    }
}

/// The endpoint configuration passed to `lib_init` (PJSUA2 `EpConfig`). Initialise it
/// with `pjsua2rs_ep_config_default()`.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct EpConfig {
    /// `sizeof` this struct as the program was compiled; set by the `_default` function.
    pub struct_size: u32,
    /// User-agent settings.
    pub ua_config: UaConfig,
    /// Logging settings.
    pub log_config: LogConfig,
    /// Media settings.
    pub med_config: MediaConfig,
}

impl Default for EpConfig {
    fn default() -> Self {
        EpConfig {
            struct_size: std::mem::size_of::<EpConfig>() as u32,
            ua_config: UaConfig::default(),
            log_config: LogConfig::default(),
            med_config: MediaConfig::default(),
        }
    }
}
