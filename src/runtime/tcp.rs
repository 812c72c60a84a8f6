//! TCP transports: the listener, accepted and opened connections, stream framing by
//! Content-Length (RFC 3261 §18.3) up to [`MAX_MESSAGE_SIZE`], CRLF keep-alive answers
//! (RFC 5626 §3.5.1), and the lingering close after a stream that cannot be framed.

use super::NetInput;
use crate::sip::framing::{Frame, FramingError, StreamFramer};
use crate::sip::transport::{Flow, TransportId, TransportKind, MAX_MESSAGE_SIZE};
use bytes::Bytes;
use std::net::{IpAddr, SocketAddr};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::tcp::OwnedReadHalf;
use tokio::net::{TcpListener, TcpSocket, TcpStream};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

/// How long an outgoing connection may take to establish.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// How long a connection whose stream cannot be framed stays open to write its answer and
/// drain what the peer still sends.
const LINGER: Duration = Duration::from_secs(2);

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
pub(crate) fn connect(flow: Flow, local_ip: IpAddr, net: mpsc::Sender<NetInput>) -> ConnEntry {
    let (writer, rx) = mpsc::unbounded_channel();
    let pong = writer.clone();
    let task = tokio::spawn(async move {
        match tokio::time::timeout(CONNECT_TIMEOUT, open(flow.remote, local_ip)).await {
            Ok(Ok(stream)) => run_connection(stream, flow, rx, pong, net).await,
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

/// Reads frames and writes queued bytes until either side closes or fails, or the stream
/// cannot be framed: then the driver answers what it can and releases the connection.
async fn run_connection(
    stream: TcpStream,
    flow: Flow,
    mut outgoing: mpsc::UnboundedReceiver<Bytes>,
    pong: mpsc::UnboundedSender<Bytes>,
    net: mpsc::Sender<NetInput>,
) {
    let (mut reader, mut writer) = stream.into_split();
    let write_task = tokio::spawn(async move {
        while let Some(data) = outgoing.recv().await {
            if writer.write_all(&data).await.is_err() {
                return;
            }
        }
        // Every sender is gone: dropping the write half sends a FIN.
    });
    match read_frames(&mut reader, flow, &pong, &net).await {
        Ok(()) => {
            write_task.abort();
            let conn = flow.conn.unwrap_or_default();
            let _ = net.send(NetInput::ConnClosed { conn }).await;
        }
        Err((error, head)) => {
            let _ = net.send(NetInput::FramingError { flow, error, head }).await;
            drop(pong);
            lingering_close(reader, write_task).await;
        }
    }
}

/// Hands the stream's messages to the driver and answers keep-alive pings until the peer
/// closes, reading fails or the driver goes away (`Ok`), or the stream cannot be framed:
/// the error and the head of the message that could not be taken, if it arrived whole.
async fn read_frames(
    reader: &mut OwnedReadHalf,
    flow: Flow,
    pong: &mpsc::UnboundedSender<Bytes>,
    net: &mpsc::Sender<NetInput>,
) -> Result<(), (FramingError, Option<Bytes>)> {
    let mut framer = StreamFramer::new(MAX_MESSAGE_SIZE);
    let mut buf = vec![0u8; 16 * 1024];
    loop {
        let n = match reader.read(&mut buf).await {
            Ok(0) | Err(_) => return Ok(()),
            Ok(n) => n,
        };
        framer.push(&buf[..n]);
        loop {
            match framer.next_frame() {
                Ok(Some(Frame::Message(data))) => {
                    if net.send(NetInput::Stream { flow, data }).await.is_err() {
                        return Ok(());
                    }
                }
                Ok(Some(Frame::Ping)) => {
                    let _ = pong.send(Bytes::from_static(b"\r\n"));
                }
                Ok(Some(Frame::Pong)) => {}
                Ok(None) => break,
                // A framing error leaves the stream unsynchronised: it must close.
                Err(e) => return Err((e, framer.failed_head())),
            }
        }
    }
}

/// Closes a connection whose stream cannot be framed, within [`LINGER`]: first the
/// answer the driver queued is written and the write half shut (the writer ends once the
/// driver has released the connection), then what the peer still sends is read and
/// dropped until it closes. Closing with unread data would reset the connection, and a
/// reset can destroy the answer before the peer reads it.
async fn lingering_close(mut reader: OwnedReadHalf, mut write_task: JoinHandle<()>) {
    let deadline = tokio::time::Instant::now() + LINGER;
    if tokio::time::timeout_at(deadline, &mut write_task)
        .await
        .is_err()
    {
        write_task.abort();
    }
    let mut buf = vec![0u8; 16 * 1024];
    let drain = async {
        while let Ok(n) = reader.read(&mut buf).await {
            if n == 0 {
                return;
            }
        }
    };
    let _ = tokio::time::timeout_at(deadline, drain).await;
}
