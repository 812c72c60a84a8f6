//! TCP transports: the listener, accepted and opened connections, stream framing by
//! Content-Length (RFC 3261 §18.3) and CRLF keep-alive answers (RFC 5626 §3.5.1).

use super::NetInput;
use crate::sip::framing::{Frame, StreamFramer};
use crate::sip::transport::{Flow, TransportId, TransportKind};
use bytes::Bytes;
use std::net::{IpAddr, SocketAddr};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpSocket, TcpStream};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

/// How long an outgoing connection may take to establish.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// A live connection as the driver records it.
pub(crate) struct ConnEntry {
    /// The flow, with `conn` set.
    pub flow: Flow,
    /// Queue of bytes to write.
    pub writer: mpsc::UnboundedSender<Bytes>,
    /// The connection's task (aborted to close it).
    pub task: JoinHandle<()>,
}

/// Binds a TCP listener at `addr`.
pub fn listen(addr: SocketAddr) -> std::io::Result<TcpListener> {
    let socket = if addr.is_ipv4() {
        TcpSocket::new_v4()?
    } else {
        TcpSocket::new_v6()?
    };
    socket.set_reuseaddr(true)?;
    socket.bind(addr)?;
    socket.listen(1024)
}

/// Accepts connections until the listener fails or the driver goes away.
pub(crate) async fn accept_loop(
    id: TransportId,
    listener: TcpListener,
    net: mpsc::Sender<NetInput>,
    next_conn: Arc<AtomicU64>,
    max_message_size: usize,
) {
    loop {
        let Ok((stream, remote)) = listener.accept().await else {
            tokio::time::sleep(Duration::from_millis(10)).await;
            continue;
        };
        let _ = stream.set_nodelay(true);
        let conn = next_conn.fetch_add(1, Ordering::Relaxed);
        let flow = Flow {
            transport: id,
            kind: TransportKind::Tcp,
            remote,
            conn: Some(conn),
        };
        let (writer, rx) = mpsc::unbounded_channel();
        let task = tokio::spawn(run_connection(
            stream,
            flow,
            rx,
            writer.clone(),
            net.clone(),
            max_message_size,
        ));
        if net
            .send(NetInput::ConnOpened(ConnEntry { flow, writer, task }))
            .await
            .is_err()
        {
            return;
        }
    }
}

/// Opens a connection for `flow` from `local_ip`; data queued on the entry's writer is
/// sent once connected. Failure is reported as a flow error.
pub(crate) fn connect(
    flow: Flow,
    local_ip: IpAddr,
    net: mpsc::Sender<NetInput>,
    max_message_size: usize,
) -> ConnEntry {
    let (writer, rx) = mpsc::unbounded_channel();
    let pong = writer.clone();
    let task = tokio::spawn(async move {
        match tokio::time::timeout(CONNECT_TIMEOUT, open(flow.remote, local_ip)).await {
            Ok(Ok(stream)) => run_connection(stream, flow, rx, pong, net, max_message_size).await,
            _ => {
                let _ = net.send(NetInput::FlowError { flow }).await;
            }
        }
    });
    ConnEntry { flow, writer, task }
}

async fn open(remote: SocketAddr, local_ip: IpAddr) -> std::io::Result<TcpStream> {
    let socket = if remote.is_ipv4() {
        TcpSocket::new_v4()?
    } else {
        TcpSocket::new_v6()?
    };
    if local_ip.is_ipv4() == remote.is_ipv4() && !local_ip.is_unspecified() {
        socket.bind(SocketAddr::new(local_ip, 0))?;
    }
    let stream = socket.connect(remote).await?;
    stream.set_nodelay(true)?;
    Ok(stream)
}

/// Reads frames and writes queued bytes until either side closes or fails.
async fn run_connection(
    stream: TcpStream,
    flow: Flow,
    mut outgoing: mpsc::UnboundedReceiver<Bytes>,
    pong: mpsc::UnboundedSender<Bytes>,
    net: mpsc::Sender<NetInput>,
    max_message_size: usize,
) {
    let conn = flow.conn.unwrap_or_default();
    let (mut reader, mut writer) = stream.into_split();
    let write_task = tokio::spawn(async move {
        while let Some(data) = outgoing.recv().await {
            if writer.write_all(&data).await.is_err() {
                return;
            }
        }
    });
    let mut framer = StreamFramer::new(max_message_size);
    let mut buf = vec![0u8; 16 * 1024];
    'read: loop {
        let n = match reader.read(&mut buf).await {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        framer.push(&buf[..n]);
        loop {
            match framer.next_frame() {
                Ok(Some(Frame::Message(data))) => {
                    if net.send(NetInput::Stream { flow, data }).await.is_err() {
                        break 'read;
                    }
                }
                Ok(Some(Frame::Ping)) => {
                    let _ = pong.send(Bytes::from_static(b"\r\n"));
                }
                Ok(Some(Frame::Pong)) => {}
                Ok(None) => break,
                // A framing error leaves the stream unsynchronised: close it.
                Err(_) => break 'read,
            }
        }
    }
    write_task.abort();
    let _ = net.send(NetInput::ConnClosed { conn }).await;
}
