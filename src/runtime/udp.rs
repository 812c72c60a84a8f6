//! UDP transports: binding (with SO_REUSEADDR off, IPv6-only for v6 addresses) and the
//! receive loop that hands datagrams to the driver. The loop ends only when the
//! transport is closed (transportClose, libDestroy abort its task) or the driver is gone:
//! a receive error is reported to the driver, which logs it, and receiving goes on.

use super::NetInput;
use crate::sip::transport::{TransportId, MAX_MESSAGE_SIZE};
use bytes::BytesMut;
use std::future::Future;
use std::io::{self, ErrorKind};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::UdpSocket;
use tokio::sync::mpsc;

/// The pause after a first receive error; it doubles while errors repeat.
const FIRST_BACKOFF: Duration = Duration::from_millis(1);
/// The longest pause between receive attempts while errors repeat, so that a lasting
/// failure neither spins nor floods the log.
const MAX_BACKOFF: Duration = Duration::from_secs(1);

/// Binds a non-blocking UDP socket at `addr`.
pub fn bind(addr: SocketAddr) -> io::Result<UdpSocket> {
    let socket = std::net::UdpSocket::bind(addr)?;
    socket.set_nonblocking(true)?;
    UdpSocket::from_std(socket)
}

/// Where the receive loop reads datagrams: the transport's socket (a scripted source in
/// the tests).
pub(crate) trait DatagramSource: Send + Sync + 'static {
    /// Receives one datagram, appended to `buf`; returns who sent it.
    fn recv_into(&self, buf: &mut BytesMut) -> impl Future<Output = io::Result<SocketAddr>> + Send;
}

impl DatagramSource for UdpSocket {
    async fn recv_into(&self, buf: &mut BytesMut) -> io::Result<SocketAddr> {
        self.recv_buf_from(buf).await.map(|(_, from)| from)
    }
}

/// Receives datagrams on transport `id` until the task is aborted or the driver goes
/// away. The buffer holds any datagram (a UDP payload is at most 65,527 bytes), so every
/// message up to [`MAX_MESSAGE_SIZE`] arrives whole.
pub(crate) async fn receive_loop<S: DatagramSource>(
    id: TransportId,
    socket: Arc<S>,
    net: mpsc::Sender<NetInput>,
) {
    let mut buf = BytesMut::with_capacity(MAX_MESSAGE_SIZE);
    let mut backoff = Duration::ZERO;
    loop {
        buf.clear();
        buf.reserve(MAX_MESSAGE_SIZE);
        let input = match socket.recv_into(&mut buf).await {
            Ok(remote) => {
                backoff = Duration::ZERO;
                NetInput::Datagram {
                    transport: id,
                    remote,
                    data: buf.split().freeze(),
                }
            }
            // ICMP errors for what we sent (port unreachable...) surface on the socket;
            // they are normal on UDP and say nothing about receiving.
            Err(e) if is_icmp(&e) => continue,
            Err(error) => {
                backoff = (backoff * 2).clamp(FIRST_BACKOFF, MAX_BACKOFF);
                NetInput::ReceiveError {
                    transport: id,
                    error,
                    retry_in: backoff,
                }
            }
        };
        let pause = matches!(input, NetInput::ReceiveError { .. });
        if net.send(input).await.is_err() {
            return;
        }
        if pause {
            tokio::time::sleep(backoff).await;
        }
    }
}

/// Whether a receive error is an ICMP error reported on the socket.
fn is_icmp(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        ErrorKind::ConnectionRefused
            | ErrorKind::ConnectionReset
            | ErrorKind::HostUnreachable
            | ErrorKind::NetworkUnreachable
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::VecDeque;
    use std::sync::Mutex;

    type Step = io::Result<(&'static [u8], SocketAddr)>;

    /// A source that plays a script, then waits forever.
    struct Script(Mutex<VecDeque<Step>>);

    impl DatagramSource for Script {
        fn recv_into(
            &self,
            buf: &mut BytesMut,
        ) -> impl Future<Output = io::Result<SocketAddr>> + Send {
            let step = self.0.lock().unwrap().pop_front();
            async move {
                match step {
                    Some(Ok((data, from))) => {
                        buf.extend_from_slice(data);
                        Ok(from)
                    }
                    Some(Err(e)) => Err(e),
                    None => std::future::pending().await,
                }
            }
        }
    }

    #[test]
    fn receive_errors_are_reported_and_receiving_goes_on_until_closed() {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .unwrap();
        runtime.block_on(async {
            let from: SocketAddr = "127.0.0.1:5070".parse().unwrap();
            let no_buffers = || io::Error::from_raw_os_error(libc::ENOBUFS);
            let script = Script(Mutex::new(VecDeque::from([
                Err(no_buffers()),
                Err(io::Error::from(ErrorKind::ConnectionRefused)),
                Err(no_buffers()),
                Ok((&b"OPTIONS"[..], from)),
                Err(no_buffers()),
            ])));
            let (tx, mut rx) = mpsc::channel(8);
            let task = tokio::spawn(receive_loop(3, Arc::new(script), tx));
            // The ICMP error is silent; the others are reported with a growing pause,
            // which a datagram resets.
            for (n, (want_pause, datagram)) in [(1, false), (2, false), (0, true), (1, false)]
                .into_iter()
                .enumerate()
            {
                let input = tokio::time::timeout(Duration::from_secs(5), rx.recv())
                    .await
                    .expect("the loop reports within 5 s")
                    .expect("the loop is running");
                match input {
                    NetInput::ReceiveError {
                        transport,
                        error,
                        retry_in,
                    } if !datagram => {
                        assert_eq!(transport, 3);
                        assert_eq!(error.raw_os_error(), Some(libc::ENOBUFS), "{n}");
                        assert_eq!(retry_in, Duration::from_millis(want_pause), "{n}");
                    }
                    NetInput::Datagram {
                        transport,
                        remote,
                        data,
                    } if datagram => {
                        assert_eq!((transport, remote), (3, from));
                        assert_eq!(&data[..], b"OPTIONS");
                    }
                    _ => panic!("step {n}: unexpected input"),
                }
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
            assert!(!task.is_finished(), "still receiving after the errors");
            task.abort();
            assert!(task.await.unwrap_err().is_cancelled(), "closing ends it");
        });
    }
}
