//! The one driver: a thread running a single-threaded tokio runtime that owns the sockets
//! and the clock and drives a sans-IO core, plus the callback dispatcher.
//!
//! The core lives on the driver thread and is touched by nothing else, so it needs no
//! locks. Other threads act on it by sending closures ([`Driver::call`]) that run there
//! between network inputs and timers.
//!
//! [`dns`] locates SIP servers (RFC 3263) with lookups that run on this runtime.
//! [`MediaClock`] is the media thread: the conference bridge's 20 ms tick.

mod dispatcher;
pub mod dns;
mod io;
mod media_clock;
mod tcp;
mod udp;

pub use dispatcher::{DispatchMode, Dispatcher};
pub use io::{wait_closed, Io};
pub use media_clock::{ClockStats, MediaClock};

pub use dns::{DnsClient, DnsOptions};

use crate::sip::framing::FramingError;
use crate::sip::resolve::{Destination, ResolveError};
use crate::sip::transport::{Flow, Transmit, TransportId, TransportKind};
use crate::sip::uri::SipUri;
use bytes::Bytes;
use std::cell::Cell;
use std::net::SocketAddr;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::Instant;
use tokio::sync::mpsc;

/// A sans-IO core the driver runs: network inputs and timers in, transmits out.
pub trait Core: Send + 'static {
    /// A datagram arrived on UDP transport `transport`.
    fn handle_datagram(
        &mut self,
        now: Instant,
        transport: TransportId,
        remote: SocketAddr,
        data: Bytes,
    );
    /// A message (framed) arrived on a stream flow.
    fn handle_stream_message(&mut self, now: Instant, flow: Flow, data: Bytes);
    /// The stream of `flow` could not be framed and its connection is closing; `head` is
    /// the head of the message that could not be taken, when it arrived whole. A response
    /// sent on `flow` now is written before the connection closes.
    fn handle_framing_error(
        &mut self,
        now: Instant,
        flow: Flow,
        error: FramingError,
        head: Option<Bytes>,
    );
    /// Receiving on UDP transport `transport` failed with `error`; the transport tries
    /// again after `retry_in`. The core may log it.
    fn handle_receive_error(
        &mut self,
        now: Instant,
        transport: TransportId,
        error: &std::io::Error,
        retry_in: std::time::Duration,
    );
    /// A flow failed: a connection was refused, reset or closed, or a send failed.
    fn handle_flow_error(&mut self, now: Instant, flow: Flow);
    /// Timers due at `now` fire.
    fn handle_timeout(&mut self, now: Instant);
    /// The next message to send.
    fn poll_transmit(&mut self) -> Option<Transmit>;
    /// The next transport whose socket the driver must close now (a transport shut down
    /// gracefully whose last transaction ended). Asked after the transmits.
    fn poll_close(&mut self) -> Option<TransportId> {
        None
    }
    /// When `handle_timeout` must next run.
    fn poll_timeout(&self) -> Option<Instant>;
    /// Processes internal work after inputs (turning protocol events into app events).
    fn process(&mut self, now: Instant);
    /// A panic was caught while handling an input; the core may log it.
    fn on_panic(&mut self, what: &str);
    /// The next URI the core needs located (RFC 3263); the answer comes to
    /// [`Core::handle_resolved`].
    fn poll_resolve(&mut self) -> Option<ResolveJob>;
    /// The destinations for resolve job `id`, or why there are none.
    fn handle_resolved(
        &mut self,
        now: Instant,
        id: u64,
        result: Result<Vec<Destination>, ResolveError>,
    );
}

/// A URI the core asks the driver to locate with DNS.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResolveJob {
    /// The core's number for the job.
    pub id: u64,
    /// The Request-URI or first Route.
    pub uri: SipUri,
    /// Our transports, `(kind, ipv6)`, most preferred first.
    pub have: Vec<(TransportKind, bool)>,
    /// Seeds the SRV weighting, so runs replay.
    pub seed: u64,
}

/// A closure run on the driver thread with the core and the I/O handle.
pub type Job<C> = Box<dyn FnOnce(&mut C, &mut Io) + Send>;

enum Command<C> {
    Run(Job<C>),
    Stop,
}

/// What the socket tasks deliver to the driver loop.
pub(crate) enum NetInput {
    Datagram {
        transport: TransportId,
        remote: SocketAddr,
        data: Bytes,
    },
    /// Receiving on a UDP transport failed; it tries again after `retry_in`.
    ReceiveError {
        transport: TransportId,
        error: std::io::Error,
        retry_in: std::time::Duration,
    },
    Stream {
        flow: Flow,
        data: Bytes,
    },
    FlowError {
        flow: Flow,
    },
    /// The connection stopped reading: its stream cannot be framed.
    FramingError {
        flow: Flow,
        error: FramingError,
        head: Option<Bytes>,
    },
    ConnClosed {
        conn: u64,
    },
    ConnOpened(tcp::ConnEntry),
    Resolved {
        id: u64,
        result: Result<Vec<Destination>, ResolveError>,
    },
}

/// The driver was stopped (the endpoint is being destroyed or was destroyed).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stopped;

thread_local! {
    static ON_DRIVER: Cell<bool> = const { Cell::new(false) };
}

/// Whether the calling thread is a driver thread (where blocking calls would deadlock).
pub fn on_driver_thread() -> bool {
    ON_DRIVER.with(|c| c.get())
}

/// The handle to a running driver thread.
pub struct Driver<C: Core> {
    commands: mpsc::UnboundedSender<Command<C>>,
    thread: std::sync::Mutex<Option<std::thread::JoinHandle<()>>>,
}

impl<C: Core> Driver<C> {
    /// Starts the driver thread named `name` running `core`, locating servers with `dns`.
    pub fn start(name: &str, core: C, dns: DnsClient) -> std::io::Result<Self> {
        let (commands, rx) = mpsc::unbounded_channel();
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_io()
            .enable_time()
            .build()?;
        let thread = std::thread::Builder::new()
            .name(name.to_string())
            .spawn(move || {
                ON_DRIVER.with(|c| c.set(true));
                runtime.block_on(run(core, rx, dns));
            })?;
        Ok(Driver {
            commands,
            thread: std::sync::Mutex::new(Some(thread)),
        })
    }

    /// Runs `f` on the driver thread and waits for its result. Fails with [`Stopped`]
    /// once the driver is stopping, or when called from the driver thread itself.
    pub fn call<R: Send + 'static>(
        &self,
        f: impl FnOnce(&mut C, &mut Io) -> R + Send + 'static,
    ) -> Result<R, Stopped> {
        if on_driver_thread() {
            return Err(Stopped);
        }
        let (tx, rx) = std::sync::mpsc::sync_channel(1);
        self.commands
            .send(Command::Run(Box::new(move |core, io| {
                let _ = tx.send(f(core, io));
            })))
            .map_err(|_| Stopped)?;
        rx.recv().map_err(|_| Stopped)
    }

    /// Queues `f` to run on the driver thread without waiting.
    pub fn post(&self, f: impl FnOnce(&mut C, &mut Io) + Send + 'static) -> Result<(), Stopped> {
        self.commands
            .send(Command::Run(Box::new(f)))
            .map_err(|_| Stopped)
    }

    /// Stops the loop after the commands already queued, closes every socket, and joins
    /// the thread. Later calls fail with [`Stopped`].
    pub fn stop(&self) {
        let _ = self.commands.send(Command::Stop);
        let thread = self.thread.lock().unwrap_or_else(|e| e.into_inner()).take();
        if let Some(t) = thread {
            if t.thread().id() != std::thread::current().id() {
                let _ = t.join();
            }
        }
    }
}

impl<C: Core> Drop for Driver<C> {
    fn drop(&mut self) {
        self.stop();
    }
}

/// How many inputs are handled before outputs are flushed.
const BATCH: usize = 64;

async fn run<C: Core>(
    mut core: C,
    mut commands: mpsc::UnboundedReceiver<Command<C>>,
    dns: DnsClient,
) {
    let (net_tx, mut net_rx) = mpsc::channel::<NetInput>(8192);
    let mut io = Io::new(net_tx, dns);
    loop {
        flush(&mut core, &mut io);
        let deadline = core.poll_timeout();
        let sleep = async {
            match deadline {
                Some(d) => tokio::time::sleep_until(tokio::time::Instant::from_std(d)).await,
                None => std::future::pending().await,
            }
        };
        tokio::select! {
            biased;
            cmd = commands.recv() => {
                match cmd {
                    Some(Command::Run(job)) => guarded(&mut core, |c| job(c, &mut io)),
                    Some(Command::Stop) | None => break,
                }
            }
            Some(input) = net_rx.recv() => {
                handle_net(&mut core, &mut io, input);
                for _ in 1..BATCH {
                    match net_rx.try_recv() {
                        Ok(input) => handle_net(&mut core, &mut io, input),
                        Err(_) => break,
                    }
                }
            }
            _ = sleep => guarded(&mut core, |c| c.handle_timeout(Instant::now())),
        }
    }
    flush(&mut core, &mut io);
    io.close_all();
}

fn handle_net<C: Core>(core: &mut C, io: &mut Io, input: NetInput) {
    let now = Instant::now();
    match input {
        NetInput::Datagram {
            transport,
            remote,
            data,
        } => guarded(core, |c| c.handle_datagram(now, transport, remote, data)),
        NetInput::ReceiveError {
            transport,
            error,
            retry_in,
        } => guarded(core, |c| {
            c.handle_receive_error(now, transport, &error, retry_in)
        }),
        NetInput::Stream { flow, data } => {
            guarded(core, |c| c.handle_stream_message(now, flow, data))
        }
        NetInput::FlowError { flow } => {
            if let Some(conn) = flow.conn {
                io.forget_conn(conn);
            }
            guarded(core, |c| c.handle_flow_error(now, flow))
        }
        NetInput::FramingError { flow, error, head } => {
            // The answer goes out on the connection, which is then released: it closes
            // once what is queued is written. Its transactions fail.
            guarded(core, |c| c.handle_framing_error(now, flow, error, head));
            flush(core, io);
            if let Some(conn) = flow.conn {
                io.release_conn(conn);
            }
            guarded(core, |c| c.handle_flow_error(now, flow))
        }
        NetInput::ConnOpened(entry) => io.register_conn(entry),
        NetInput::Resolved { id, result } => guarded(core, |c| c.handle_resolved(now, id, result)),
        NetInput::ConnClosed { conn } => {
            if let Some(flow) = io.forget_conn(conn) {
                guarded(core, |c| c.handle_flow_error(now, flow))
            }
        }
    }
}

/// Lets the core process, then sends what it produced, until it is quiet.
fn flush<C: Core>(core: &mut C, io: &mut Io) {
    loop {
        let now = Instant::now();
        guarded(core, |c| c.process(now));
        while let Some(job) = core.poll_resolve() {
            io.resolve(job);
        }
        let mut sent = false;
        while let Some(t) = core.poll_transmit() {
            sent = true;
            if let Err(flow) = io.send(t) {
                guarded(core, |c| c.handle_flow_error(now, flow));
            }
        }
        while let Some(id) = core.poll_close() {
            // The tasks end by themselves once aborted; nobody waits for them here.
            let _ = io.close_transport(id);
        }
        if !sent {
            return;
        }
    }
}

/// Runs `f` on the core, containing a panic so one bad input cannot stop the endpoint.
fn guarded<C: Core>(core: &mut C, f: impl FnOnce(&mut C)) {
    if let Err(panic) = catch_unwind(AssertUnwindSafe(|| f(core))) {
        let what = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_string());
        core.on_panic(&what);
    }
}
