//! UDP transports: binding (with SO_REUSEADDR off, IPv6-only for v6 addresses) and the
//! receive loop that hands datagrams to the driver.

use super::NetInput;
use crate::sip::transport::TransportId;
use bytes::BytesMut;
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::net::UdpSocket;
use tokio::sync::mpsc;

/// The largest datagram we accept.
const MAX_DATAGRAM: usize = 65_535;

/// Binds a non-blocking UDP socket at `addr`.
pub fn bind(addr: SocketAddr) -> std::io::Result<UdpSocket> {
    let socket = std::net::UdpSocket::bind(addr)?;
    socket.set_nonblocking(true)?;
    UdpSocket::from_std(socket)
}

/// Receives datagrams until the socket fails or the driver goes away.
pub async fn receive_loop(id: TransportId, socket: Arc<UdpSocket>, net: mpsc::Sender<NetInput>) {
    let mut buf = BytesMut::with_capacity(MAX_DATAGRAM);
    loop {
        buf.clear();
        buf.reserve(MAX_DATAGRAM);
        match socket.recv_buf_from(&mut buf).await {
            Ok((n, remote)) => {
                let data = buf.split_to(n).freeze();
                if net
                    .send(NetInput::Datagram {
                        transport: id,
                        remote,
                        data,
                    })
                    .await
                    .is_err()
                {
                    return;
                }
            }
            // ICMP errors reported on the socket (port unreachable) are not fatal.
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::ConnectionRefused | std::io::ErrorKind::ConnectionReset
                ) =>
            {
                continue
            }
            Err(_) => return,
        }
    }
}
