//! A call's media transport: the UDP sockets of one audio stream (RTP on an even port,
//! RTCP on the next one), bound in the account's port range
//! (`mediaConfig.transportConfig.port` / `portRange`) when the call is created, so the
//! port in our SDP is really ours. Later layers (ICE, SRTP) wrap this.

use std::io;
use std::net::{IpAddr, SocketAddr, UdpSocket};

/// The sockets of one audio stream.
#[derive(Debug)]
pub struct RtpTransport {
    /// RTP.
    pub rtp: UdpSocket,
    /// RTCP (port + 1); also used when the peer does not take rtcp-mux.
    pub rtcp: UdpSocket,
}

impl RtpTransport {
    /// Binds RTP/RTCP on `ip` at the first free even port from `base` (rounded up to
    /// even) within `range` ports (0: up to 65534). Port 0 as `base` takes any free pair
    /// the system gives.
    pub fn bind(ip: IpAddr, base: u16, range: u16) -> io::Result<RtpTransport> {
        if base == 0 {
            return Self::bind_any(ip);
        }
        let first = base + (base & 1);
        let last = if range == 0 {
            65534
        } else {
            base.saturating_add(range).min(65534)
        };
        let mut port = first;
        while port < last {
            if let Ok(t) = Self::bind_pair(ip, port) {
                return Ok(t);
            }
            port = port.saturating_add(2);
        }
        Err(io::Error::new(
            io::ErrorKind::AddrInUse,
            format!("no free RTP port pair in {first}..{last} on {ip}"),
        ))
    }

    /// Any free pair of adjacent ports.
    fn bind_any(ip: IpAddr) -> io::Result<RtpTransport> {
        for _ in 0..64 {
            let probe = UdpSocket::bind(SocketAddr::new(ip, 0))?;
            let port = probe.local_addr()?.port();
            drop(probe);
            if port & 1 == 0 && port < 65534 {
                if let Ok(t) = Self::bind_pair(ip, port) {
                    return Ok(t);
                }
            }
        }
        Err(io::Error::new(
            io::ErrorKind::AddrInUse,
            format!("no free RTP port pair on {ip}"),
        ))
    }

    fn bind_pair(ip: IpAddr, port: u16) -> io::Result<RtpTransport> {
        let rtp = UdpSocket::bind(SocketAddr::new(ip, port))?;
        let rtcp = UdpSocket::bind(SocketAddr::new(ip, port + 1))?;
        rtp.set_nonblocking(true)?;
        rtcp.set_nonblocking(true)?;
        Ok(RtpTransport { rtp, rtcp })
    }

    /// The RTP port.
    pub fn port(&self) -> u16 {
        self.rtp.local_addr().map(|a| a.port()).unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binds_even_pairs_in_the_range_and_skips_taken_ones() {
        let ip: IpAddr = "127.0.0.1".parse().unwrap();
        let any = RtpTransport::bind(ip, 0, 0).unwrap();
        let base = any.port();
        assert_eq!(base % 2, 0);
        drop(any);
        // Take the first pair, then the next call gets the following one.
        let a = RtpTransport::bind(ip, base, 20).unwrap();
        let b = RtpTransport::bind(ip, base, 20).unwrap();
        assert_eq!(a.port(), base);
        assert_eq!(b.port(), base + 2);
        assert_eq!(b.rtcp.local_addr().unwrap().port(), base + 3);
        // An odd base starts at the next even port; a full range is an error.
        let c = RtpTransport::bind(ip, base + 3, 1);
        assert!(c.is_err() || c.unwrap().port() == base + 4);
        let full = RtpTransport::bind(ip, base, 2);
        assert!(full.is_err());
    }
}
