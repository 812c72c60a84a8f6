//! PJSUA2's Endpoint: the library's life cycle (libCreate, libInit, libStart,
//! libHandleEvents, libDestroy), transports, and utilities. Unlike PJSUA2 there is no
//! hidden singleton: a process may hold several endpoints.

mod accounts;
mod app_port;
mod calls;
mod codecs;
mod media;
mod media_objects;
mod timers;
mod transports;
pub use crate::ua::media::app_port::{
    AudioMediaPortHandler, AudioMediaPortStats, MediaFormatAudio, MediaFrame,
};
pub use calls::CallSendDtmfParam;
pub use media_objects::{MediaObj, PlayerHandler};
mod events;

use events::{event_sink, Handlers};
use timers::timer_config;

use crate::rng::Rng;
use crate::runtime::{DispatchMode, Dispatcher, Driver};
use crate::sip::endpoint::{EndpointConfig, SipEndpoint};
use crate::sip::{NameAddr, Uri};
use crate::ua::config::EpConfig;
use crate::ua::core::{RequestOutcome, UaCore};
use crate::ua::fixed_str::FixedStr;
use crate::ua::log::{LogSettings, Logger, WriterSink};
use crate::ua::log_entry::LogEntry;
use crate::ua::status::*;
use crate::ua::{Error, Result};
use std::ffi::CString;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// PJSUA_STATE_NULL: not created.
pub const PJSUA2RS_STATE_NULL: i32 = 0;
/// PJSUA_STATE_CREATED: libCreate done.
pub const PJSUA2RS_STATE_CREATED: i32 = 1;
/// PJSUA_STATE_INIT: libInit done.
pub const PJSUA2RS_STATE_INIT: i32 = 2;
/// PJSUA_STATE_STARTING: libStart in progress.
pub const PJSUA2RS_STATE_STARTING: i32 = 3;
/// PJSUA_STATE_RUNNING: libStart done.
pub const PJSUA2RS_STATE_RUNNING: i32 = 4;
/// PJSUA_STATE_CLOSING: libDestroy in progress.
pub const PJSUA2RS_STATE_CLOSING: i32 = 5;

/// What lives between libInit and libDestroy.
struct Live {
    driver: Driver<UaCore>,
    /// Where media objects post their events.
    sink: crate::ua::core::EventSink,
    media: Arc<crate::ua::media::MediaEngine>,
    dispatcher: Arc<Dispatcher>,
    logger: Arc<Logger>,
    handlers: Arc<Handlers>,
    started: std::sync::atomic::AtomicBool,
}

impl Live {
    /// Returns once the callback running now (if any) has returned: tasks run in order, so
    /// a marker posted now runs after it. Not from the callback thread itself (it would
    /// wait for itself), and not in poll mode (callbacks run on the application's threads).
    fn callback_barrier(&self) {
        if self.dispatcher.mode() != DispatchMode::Thread || self.dispatcher.is_dispatcher_thread()
        {
            return;
        }
        let (tx, rx) = std::sync::mpsc::sync_channel(1);
        self.dispatcher.post(Box::new(move || {
            let _ = tx.send(());
        }));
        let _ = rx.recv_timeout(Duration::from_secs(10));
    }
}

enum Phase {
    Created,
    Live(Arc<Live>),
    Closing,
    Destroyed,
}

/// A SIP endpoint (PJSUA2's `Endpoint`).
pub struct Endpoint {
    phase: Mutex<Phase>,
}

impl Default for Endpoint {
    fn default() -> Self {
        Endpoint::new()
    }
}

impl Endpoint {
    /// libCreate: a new endpoint in the CREATED state.
    pub fn new() -> Self {
        Endpoint {
            phase: Mutex::new(Phase::Created),
        }
    }

    /// libGetState: one of the `PJSUA2RS_STATE_*` values.
    pub fn state(&self) -> i32 {
        match &*self.lock() {
            Phase::Created => PJSUA2RS_STATE_CREATED,
            Phase::Live(l) if l.started.load(std::sync::atomic::Ordering::SeqCst) => {
                PJSUA2RS_STATE_RUNNING
            }
            Phase::Live(_) => PJSUA2RS_STATE_INIT,
            Phase::Closing => PJSUA2RS_STATE_CLOSING,
            Phase::Destroyed => PJSUA2RS_STATE_NULL,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Phase> {
        self.phase.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn live(&self, title: &str) -> Result<Arc<Live>> {
        match &*self.lock() {
            Phase::Live(l) => Ok(l.clone()),
            Phase::Created => Err(Error::new(
                PJSUA2RS_ERR_INVALID_OP,
                title,
                "libInit() has not been called",
            )),
            Phase::Closing | Phase::Destroyed => Err(Error::new(
                PJSUA2RS_ERR_SIP_SHUTDOWN,
                title,
                "the endpoint is destroyed or being destroyed",
            )),
        }
    }

    /// libInit: applies `cfg`, starts the driver thread and (unless poll mode) the
    /// dispatcher thread. Poll mode is `uaConfig.threadCnt = 0` or `mainThreadOnly`.
    pub fn lib_init(&self, cfg: &EpConfig) -> Result<()> {
        let title = "Endpoint::libInit()";
        let mut phase = self.lock();
        if !matches!(*phase, Phase::Created) {
            return Err(Error::new(
                PJSUA2RS_ERR_INVALID_OP,
                title,
                "libInit() may be called once, after libCreate()",
            ));
        }
        let ua = &cfg.ua_config;
        let mode = if ua.thread_cnt == 0 || ua.main_thread_only {
            DispatchMode::Poll
        } else {
            DispatchMode::Thread
        };
        let dispatcher = Arc::new(Dispatcher::new(mode, "pjsua2rs-callbacks").map_err(|e| {
            Error::new(
                from_io_error(&e),
                title,
                format!(
                    "cannot start the callback thread: {}",
                    status_text(from_io_error(&e))
                ),
            )
        })?);
        let logger = Arc::new(Logger::new());
        let log = &cfg.log_config;
        let settings = LogSettings {
            level: log.level,
            console_level: log.console_level,
            msg_logging: log.msg_logging != 0,
            decor: log.decor,
            filename: log
                .filename
                .get_str("logConfig.filename")
                .map_err(|e| e.with_title(title))?
                .to_string(),
            append: log.file_flags & 0x1108 == 0x1108,
        };
        let writer = log
            .writer
            .map(|f| writer_sink(f, log.writer_user_data as usize, dispatcher.clone()));
        logger.configure(settings, writer).map_err(|e| {
            Error::new(
                from_io_error(&e),
                title,
                format!(
                    "cannot open the log file: {}",
                    status_text(from_io_error(&e))
                ),
            )
        })?;
        let user_agent = ua
            .user_agent
            .get_str("uaConfig.userAgent")
            .map_err(|e| e.with_title(title))?;
        let sip = SipEndpoint::new(
            EndpointConfig {
                timers: timer_config(cfg),
                user_agent: if user_agent.is_empty() {
                    default_user_agent()
                } else {
                    user_agent.to_string()
                },
            },
            Rng::from_os(),
        );
        let outbound_proxies = outbound_proxies(cfg).map_err(|e| e.with_title(title))?;
        let handlers = Arc::new(Handlers::default());
        let sink = event_sink(dispatcher.clone(), handlers.clone());
        let media =
            crate::ua::media::MediaEngine::new(&cfg.med_config).map_err(|e| e.with_title(title))?;
        let mut core = UaCore::new(
            sip,
            logger.clone(),
            sink.clone(),
            Rng::from_os(),
            outbound_proxies,
        );
        core.configure_calls(calls_config(cfg).map_err(|e| e.with_title(title))?);
        core.set_media(media.clone());
        let dns = dns_client(cfg).map_err(|e| e.with_title(title))?;
        let driver = Driver::start("pjsua2rs-sip", core, dns).map_err(|e| {
            Error::new(
                from_io_error(&e),
                title,
                format!(
                    "cannot start the SIP thread: {}",
                    status_text(from_io_error(&e))
                ),
            )
        })?;
        logger.log(
            4,
            "pjsua2rs",
            &format!("pjsua2rs {} initialised", env!("CARGO_PKG_VERSION")),
        );
        let live = Arc::new(Live {
            driver,
            media,
            dispatcher,
            logger,
            handlers: handlers.clone(),
            sink,
            started: Default::default(),
        });
        let _ = handlers.live.set(Arc::downgrade(&live));
        *phase = Phase::Live(live);
        Ok(())
    }

    /// libStart: moves to RUNNING.
    pub fn lib_start(&self) -> Result<()> {
        let live = self.live("Endpoint::libStart()")?;
        live.started
            .store(true, std::sync::atomic::Ordering::SeqCst);
        Ok(())
    }

    /// libHandleEvents: in poll mode, waits up to `msec` for callbacks and runs every
    /// queued one on the calling thread; returns how many ran. With a dispatcher thread
    /// it just waits `msec` and returns 0.
    pub fn lib_handle_events(&self, msec: u32) -> Result<u32> {
        let live = self.live("Endpoint::libHandleEvents()")?;
        Ok(live
            .dispatcher
            .handle_events(Duration::from_millis(msec as u64)) as u32)
    }

    /// Whether callbacks are queued for `libHandleEvents` (poll mode).
    pub fn is_poll_mode(&self) -> bool {
        matches!(&*self.lock(), Phase::Live(l) if l.dispatcher.mode() == DispatchMode::Poll)
    }

    /// Sends an OPTIONS request to `uri` outside any dialog and waits (at most
    /// `timeout`, bounded by Timer F) for the final response. A pjsua2rs extension for
    /// probing a peer (PJSUA2 does this with `Account::sendRequest`).
    pub fn send_options(&self, uri: &str, timeout: Duration) -> Result<RequestOutcome> {
        let title = "Endpoint::utilSendOptions()";
        let target = parse_sip_uri(uri).map_err(|e| e.with_title(title))?;
        let live = self.live(title)?;
        let (tx, rx) = std::sync::mpsc::sync_channel(1);
        live.driver
            .post(move |core, _| core.send_options(Instant::now(), target, tx))
            .map_err(|_| {
                Error::new(
                    PJSUA2RS_ERR_SIP_SHUTDOWN,
                    title,
                    "the endpoint is shutting down",
                )
            })?;
        match rx.recv_timeout(timeout) {
            Ok(r) => r.map_err(|e| e.with_title(title)),
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => Err(Error::new(
                PJSUA2RS_ERR_TIMEOUT,
                title,
                format!("no final response within {} ms", timeout.as_millis()),
            )),
            Err(_) => Err(Error::new(
                PJSUA2RS_ERR_SIP_SHUTDOWN,
                title,
                "the endpoint was destroyed while waiting",
            )),
        }
    }

    /// Logs a message through the endpoint's logger (PJSUA2's `utilLogWrite`).
    pub fn log_write(&self, level: u32, sender: &str, msg: &str) -> Result<()> {
        self.live("Endpoint::utilLogWrite()")?
            .logger
            .log(level, sender, msg);
        Ok(())
    }

    /// libDestroy: stops the SIP thread (closing every socket), runs or drops the
    /// remaining callbacks, and joins the callback thread. No callback starts after this
    /// returns. Safe to call from a callback (the callback thread then ends when the
    /// callback returns) and more than once.
    pub fn lib_destroy(&self) -> Result<()> {
        let live = {
            let mut phase = self.lock();
            match std::mem::replace(&mut *phase, Phase::Closing) {
                Phase::Live(l) => l,
                Phase::Created | Phase::Destroyed => {
                    *phase = Phase::Destroyed;
                    return Ok(());
                }
                Phase::Closing => return Ok(()),
            }
        };
        live.logger.log(4, "pjsua2rs", "destroying the endpoint");
        // Remove every account: their bindings are removed with un-REGISTERs, waited for
        // at most unregWaitMsec; no account callback runs from here on.
        live.handlers.clear();
        if let Ok(deadline) = live
            .driver
            .call(|core, _| core.begin_shutdown(Instant::now()))
        {
            while Instant::now() < deadline {
                match live.driver.call(|core, _| core.pending_unregistrations()) {
                    Ok(n) if n > 0 => std::thread::sleep(Duration::from_millis(5)),
                    _ => break,
                }
            }
        }
        live.driver.stop();
        live.media.shutdown();
        live.dispatcher.shutdown();
        *self.lock() = Phase::Destroyed;
        Ok(())
    }
}

impl Drop for Endpoint {
    fn drop(&mut self) {
        let _ = self.lib_destroy();
    }
}

/// The DNS client: UaConfig.nameserver when set, else the system's resolver.
fn dns_client(cfg: &EpConfig) -> Result<crate::runtime::DnsClient> {
    let ua = &cfg.ua_config;
    let n = (ua.nameserver_count as usize).min(ua.nameserver.len());
    let servers = ua.nameserver[..n]
        .iter()
        .enumerate()
        .map(|(i, s)| {
            s.get_str(&format!("uaConfig.nameserver[{i}]"))
                .map(str::to_string)
        })
        .collect::<Result<Vec<_>>>()?;
    crate::runtime::DnsClient::new(&servers).map_err(|e| {
        Error::new(
            PJSUA2RS_ERR_INVALID_ARG,
            "",
            format!("uaConfig.nameserver: {e}"),
        )
    })
}

/// UaConfig.outboundProxies, parsed.
fn outbound_proxies(cfg: &EpConfig) -> Result<Vec<NameAddr>> {
    let ua = &cfg.ua_config;
    let n = (ua.outbound_proxies_count as usize).min(ua.outbound_proxies.len());
    ua.outbound_proxies[..n]
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let name = format!("uaConfig.outboundProxies[{i}]");
            let text = p.get_str(&name)?;
            crate::sip::parse::parse_name_addr(&text.trim().into()).map_err(|e| {
                Error::new(
                    PJSUA2RS_ERR_SIP_INVALID_URI,
                    "",
                    format!("{name} '{text}' is not a valid URI: {}", e.reason),
                )
            })
        })
        .collect()
}

/// UaConfig.maxCalls and the timers calls use.
fn calls_config(cfg: &EpConfig) -> Result<crate::ua::core::calls::CallsConfig> {
    let max_calls = cfg.ua_config.max_calls;
    if max_calls == 0 || max_calls > MAX_CALLS_LIMIT {
        return Err(Error::new(
            PJSUA2RS_ERR_INVALID_ARG,
            "",
            format!("uaConfig.maxCalls {max_calls} is not in 1..={MAX_CALLS_LIMIT}"),
        ));
    }
    let timers = timer_config(cfg);
    Ok(crate::ua::core::calls::CallsConfig {
        max_calls: max_calls as usize,
        t1: timers.t1,
        t2: timers.t2,
    })
}

/// The largest maxCalls accepted (PJSUA caps it at compile time at 32; we only guard
/// against nonsense).
const MAX_CALLS_LIMIT: u32 = 100_000;

fn default_user_agent() -> String {
    format!("pjsua2rs {}", env!("CARGO_PKG_VERSION"))
}

/// A writer sink that posts each entry to the dispatcher, which calls the C writer.
fn writer_sink(
    f: unsafe extern "C" fn(*mut std::os::raw::c_void, *const LogEntry),
    user_data: usize,
    dispatcher: Arc<Dispatcher>,
) -> WriterSink {
    Arc::new(move |level, msg| {
        let thread = std::thread::current();
        let name = CString::new(thread.name().unwrap_or("")).unwrap_or_default();
        let thread_id = thread_id_number();
        dispatcher.post(Box::new(move || {
            let msg = CString::new(msg.replace('\0', " ")).unwrap_or_default();
            let entry = LogEntry {
                level,
                msg: msg.as_ptr(),
                thread_id,
                thread_name: name.as_ptr(),
            };
            // SAFETY: the application gave this writer for exactly this call shape; the
            // entry and its strings live until it returns.
            unsafe { f(user_data as *mut std::os::raw::c_void, &entry) };
        }));
    })
}

fn thread_id_number() -> u64 {
    // SAFETY: gettid has no preconditions.
    unsafe { libc::syscall(libc::SYS_gettid) as u64 }
}

/// Parses a SIP or SIPS URI (name-addr or addr-spec); anything else is an error.
pub fn parse_sip_uri(uri: &str) -> Result<Uri> {
    let parsed = crate::sip::parse::parse_uri(&uri.trim().into())
        .or_else(|_| crate::sip::parse::parse_name_addr(&uri.trim().into()).map(|a| a.uri))
        .map_err(|e| {
            Error::new(
                PJSUA2RS_ERR_SIP_INVALID_URI,
                "",
                format!("'{uri}' is not a valid URI: {}", e.reason),
            )
        })?;
    match parsed {
        Uri::Sip(_) => Ok(parsed),
        // PJSUA2 answers PJSIP_EINVALIDURI for any non-SIP URI here.
        Uri::Other { scheme, .. } => Err(Error::new(
            PJSUA2RS_ERR_SIP_INVALID_URI,
            "",
            format!("'{uri}' has scheme '{scheme}', not sip or sips"),
        )),
    }
}

/// utilVerifySipUri: Ok if `uri` is a valid SIP or SIPS URI.
pub fn verify_sip_uri(uri: &str) -> Result<()> {
    parse_sip_uri(uri)
        .map(|_| ())
        .map_err(|e| e.with_title("Endpoint::utilVerifySipUri()"))
}

/// utilVerifyUri: Ok if `uri` is any valid URI (SIP, SIPS, tel...).
pub fn verify_uri(uri: &str) -> Result<()> {
    crate::sip::parse::parse_uri(&uri.trim().into())
        .or_else(|_| crate::sip::parse::parse_name_addr(&uri.trim().into()).map(|a| a.uri))
        .map(|_| ())
        .map_err(|e| {
            Error::new(
                PJSUA2RS_ERR_SIP_INVALID_URI,
                "Endpoint::utilVerifyUri()",
                format!("'{uri}' is not a valid URI: {}", e.reason),
            )
        })
}
