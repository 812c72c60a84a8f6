//! The driver's I/O handle: the transports' sockets and the stream connections, and
//! sending a transmit on the right one.

use super::dns::{resolve, DnsClient};
use super::tcp::{self, ConnEntry};
use super::udp;
use super::{NetInput, ResolveJob};
use crate::rng::Rng;
use crate::sip::transport::{Flow, Transmit, TransportId, TransportKind};
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use tokio::net::UdpSocket;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

/// The sockets of one transport.
enum Socket {
    Udp {
        socket: Arc<UdpSocket>,
        reader: JoinHandle<()>,
    },
    TcpListener {
        local: SocketAddr,
        acceptor: JoinHandle<()>,
    },
}

/// Owned by the driver loop; reached by jobs (`Driver::call`) to create and close
/// transports.
pub struct Io {
    net_tx: mpsc::Sender<NetInput>,
    sockets: HashMap<TransportId, Socket>,
    conns: HashMap<u64, ConnEntry>,
    conn_by_peer: HashMap<(TransportId, SocketAddr), u64>,
    next_conn: Arc<AtomicU64>,
    dns: DnsClient,
}

impl Io {
    pub(crate) fn new(net_tx: mpsc::Sender<NetInput>, dns: DnsClient) -> Self {
        Io {
            net_tx,
            sockets: HashMap::new(),
            conns: HashMap::new(),
            conn_by_peer: HashMap::new(),
            next_conn: Arc::new(AtomicU64::new(1)),
            dns,
        }
    }

    /// Locates `job.uri` in the background; the answer comes back as a network input.
    pub(crate) fn resolve(&mut self, job: ResolveJob) {
        let (dns, net) = (self.dns.clone(), self.net_tx.clone());
        tokio::spawn(async move {
            let mut rng = Rng::from_seed(job.seed);
            let result = resolve(&dns, &job.uri, &job.have, &mut rng).await;
            let _ = net.send(NetInput::Resolved { id: job.id, result }).await;
        });
    }

    /// Binds a UDP socket for transport `id` at `addr` (port 0: any) and starts receiving.
    /// Returns the bound address.
    pub fn bind_udp(&mut self, id: TransportId, addr: SocketAddr) -> std::io::Result<SocketAddr> {
        let socket = Arc::new(udp::bind(addr)?);
        let local = socket.local_addr()?;
        let reader = tokio::spawn(udp::receive_loop(id, socket.clone(), self.net_tx.clone()));
        self.sockets.insert(id, Socket::Udp { socket, reader });
        Ok(local)
    }

    /// Binds a TCP listener for transport `id` at `addr` and starts accepting. Returns the
    /// bound address.
    pub fn listen_tcp(&mut self, id: TransportId, addr: SocketAddr) -> std::io::Result<SocketAddr> {
        let listener = tcp::listen(addr)?;
        let local = listener.local_addr()?;
        let acceptor = tokio::spawn(tcp::accept_loop(
            id,
            listener,
            self.net_tx.clone(),
            self.next_conn.clone(),
        ));
        self.sockets
            .insert(id, Socket::TcpListener { local, acceptor });
        Ok(local)
    }

    /// Closes transport `id`: its socket, and for TCP every connection it owns. Returns
    /// the tasks that hold them (aborted, they release the sockets as they end: see
    /// [`wait_closed`]), or `None` when there is no such transport.
    pub fn close_transport(&mut self, id: TransportId) -> Option<Vec<JoinHandle<()>>> {
        let socket = self.sockets.remove(&id)?;
        let mut tasks = vec![match socket {
            Socket::Udp { reader, .. } => reader,
            Socket::TcpListener { acceptor, .. } => acceptor,
        }];
        let conns: Vec<u64> = self
            .conns
            .iter()
            .filter(|(_, c)| c.flow.transport == id)
            .map(|(k, _)| *k)
            .collect();
        for conn in conns {
            if let Some(entry) = self.conns.remove(&conn) {
                self.conn_by_peer.retain(|_, c| *c != conn);
                tasks.push(entry.task);
            }
        }
        for t in &tasks {
            t.abort();
        }
        Some(tasks)
    }

    /// The number of open stream connections.
    pub fn connection_count(&self) -> usize {
        self.conns.len()
    }

    /// Sends a transmit. A connection-less TCP flow reuses a connection to the peer or
    /// opens one. Returns the flow as an error when it cannot be sent at all.
    pub fn send(&mut self, t: Transmit) -> Result<(), Flow> {
        match t.flow.kind {
            TransportKind::Udp => {
                let Some(Socket::Udp { socket, .. }) = self.sockets.get(&t.flow.transport) else {
                    return Err(t.flow);
                };
                match socket.try_send_to(&t.data, t.flow.remote) {
                    Ok(_) => Ok(()),
                    // The socket buffer is full: UDP may drop; retransmission covers it.
                    Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => Ok(()),
                    Err(_) => Err(t.flow),
                }
            }
            TransportKind::Tcp => self.send_stream(t),
        }
    }

    fn send_stream(&mut self, t: Transmit) -> Result<(), Flow> {
        let conn = t
            .flow
            .conn
            .filter(|c| self.conns.contains_key(c))
            .or_else(|| {
                self.conn_by_peer
                    .get(&(t.flow.transport, t.flow.remote))
                    .copied()
            });
        if let Some(conn) = conn {
            let entry = self.conns.get(&conn).ok_or(t.flow)?;
            return entry.writer.send(t.data).map_err(|_| entry.flow);
        }
        if t.flow.conn.is_some() {
            // The connection the request came on is gone (RFC 3261 §18.2.2 would now try
            // the Via address; for a UA the peer has hung up, so report it).
            return Err(t.flow);
        }
        let Some(Socket::TcpListener { local, .. }) = self.sockets.get(&t.flow.transport) else {
            return Err(t.flow);
        };
        let id = self.next_conn.fetch_add(1, Ordering::Relaxed);
        let flow = Flow {
            conn: Some(id),
            ..t.flow
        };
        let entry = tcp::connect(flow, local.ip(), self.net_tx.clone());
        let _ = entry.writer.send(t.data);
        self.register_conn(entry);
        Ok(())
    }

    /// Records a connection (accepted or opened).
    pub(crate) fn register_conn(&mut self, entry: ConnEntry) {
        if let Some(id) = entry.flow.conn {
            self.conn_by_peer
                .insert((entry.flow.transport, entry.flow.remote), id);
            self.conns.insert(id, entry);
        }
    }

    /// Drops a connection's record without closing it: its task writes what is queued and
    /// then closes it (after a framing error, so that the answer reaches the peer).
    pub(crate) fn release_conn(&mut self, conn: u64) {
        if let Some(entry) = self.conns.remove(&conn) {
            let key = (entry.flow.transport, entry.flow.remote);
            if self.conn_by_peer.get(&key) == Some(&conn) {
                self.conn_by_peer.remove(&key);
            }
        }
    }

    /// Drops a connection's record (it closed) and stops its task; returns its flow.
    pub(crate) fn forget_conn(&mut self, conn: u64) -> Option<Flow> {
        let entry = self.conns.get(&conn)?;
        entry.task.abort();
        let flow = entry.flow;
        self.release_conn(conn);
        Some(flow)
    }

    pub(crate) fn close_all(&mut self) {
        let ids: Vec<TransportId> = self.sockets.keys().copied().collect();
        for id in ids {
            let _ = self.close_transport(id);
        }
        let conns: Vec<u64> = self.conns.keys().copied().collect();
        for c in conns {
            self.forget_conn(c);
        }
    }
}

/// Waits (from another thread than the driver's, at most `limit`) until the aborted tasks
/// of a closed transport have ended, so their sockets are released when this returns.
pub fn wait_closed(tasks: &[JoinHandle<()>], limit: std::time::Duration) {
    let deadline = std::time::Instant::now() + limit;
    while tasks.iter().any(|t| !t.is_finished()) && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
}
