//! The endpoint's SIP transports (PJSUA2's transportCreate, transportEnum,
//! transportGetInfo, transportClose, transportShutdown) and transportSetEnable.

use super::accounts::stopped;
use super::Endpoint;
use crate::sip::transport::{TransportId, TransportKind};
use crate::ua::config::TransportConfig;
use crate::ua::core::Shutdown;
use crate::ua::fixed_str::FixedStr;
use crate::ua::status::*;
use crate::ua::transport::{bind_ip, kind_of, published_host, TransportRecord};
use crate::ua::{Error, Result};
use std::net::SocketAddr;
use std::time::Duration;

impl Endpoint {
    /// transportCreate: a UDP or TCP transport (IPv4 or IPv6) per `cfg`: `port` 0 for any
    /// port, else the first free port of `port ..= port + portRange`; `boundAddress` to
    /// bind one address; `publicAddress` to publish another in Via and Contact.
    pub fn transport_create(
        &self,
        transport_type: i32,
        cfg: &TransportConfig,
    ) -> Result<TransportId> {
        let title = "Endpoint::transportCreate()";
        let live = self.live(title)?;
        let (kind, ipv6) = kind_of(transport_type).ok_or_else(|| {
            Error::new(PJSUA2RS_ERR_SIP_UNSUPPORTED_TRANSPORT, title, format!("transport type {transport_type} is not supported (UDP 1, TCP 2, UDP6 129, TCP6 130)"))
        })?;
        let bound = cfg
            .bound_address
            .get_str("boundAddress")
            .map_err(|e| e.with_title(title))?;
        let public = cfg
            .public_address
            .get_str("publicAddress")
            .map_err(|e| e.with_title(title))?
            .to_string();
        let ip =
            bind_ip(bound, ipv6).map_err(|r| Error::new(PJSUA2RS_ERR_INVALID_ARG, title, r))?;
        if cfg.port > u16::MAX as u32 {
            return Err(Error::new(
                PJSUA2RS_ERR_INVALID_ARG,
                title,
                format!("port {} is out of range", cfg.port),
            ));
        }
        let first = cfg.port as u16;
        let last = if first == 0 {
            0
        } else {
            first.saturating_add(cfg.port_range.min(u16::MAX as u32) as u16)
        };
        let type_name = match (kind, ipv6) {
            (TransportKind::Udp, false) => "UDP",
            (TransportKind::Tcp, false) => "TCP",
            (TransportKind::Udp, true) => "UDP6",
            (TransportKind::Tcp, true) => "TCP6",
        };
        let result = live
            .driver
            .call(move |core, io| -> Result<TransportId> {
                let id = core.next_transport_id();
                let mut last_err = None;
                for port in first..=last {
                    let addr = SocketAddr::new(ip, port);
                    let bound = match kind {
                        TransportKind::Udp => io.bind_udp(id, addr),
                        TransportKind::Tcp => io.listen_tcp(id, addr),
                    };
                    match bound {
                        Ok(local) => {
                            core.add_transport(TransportRecord {
                                id,
                                transport_type,
                                kind,
                                type_name: type_name.to_string(),
                                local,
                                published_host: published_host(&public, local.ip()),
                                published_port: local.port(),
                            });
                            return Ok(id);
                        }
                        Err(e) => last_err = Some((addr, e)),
                    }
                }
                let (addr, e) = last_err.unwrap_or_else(|| {
                    (
                        SocketAddr::new(ip, first),
                        std::io::ErrorKind::AddrInUse.into(),
                    )
                });
                Err(Error::new(
                    from_io_error(&e),
                    "",
                    format!(
                        "cannot bind {type_name} to {addr}: {}",
                        status_text(from_io_error(&e))
                    ),
                ))
            })
            .map_err(|_| stopped(title))?;
        result.map_err(|e| e.with_title(title))
    }

    /// transportEnum: the ids of the live transports, in creation order.
    pub fn transport_enum(&self) -> Result<Vec<TransportId>> {
        let title = "Endpoint::transportEnum()";
        self.live(title)?
            .driver
            .call(|core, _| core.transports().iter().map(|t| t.id).collect())
            .map_err(|_| stopped(title))
    }

    /// transportGetInfo.
    pub fn transport_get_info(&self, id: TransportId) -> Result<TransportRecord> {
        let title = "Endpoint::transportGetInfo()";
        self.live(title)?
            .driver
            .call(move |core, _| core.transports().iter().find(|t| t.id == id).cloned())
            .map_err(|_| stopped(title))?
            .ok_or_else(|| not_found(title, id))
    }

    /// transportClose: closes the socket (and a TCP transport's connections) now, also
    /// that of a transport shutting down after `transport_shutdown`.
    pub fn transport_close(&self, id: TransportId) -> Result<()> {
        let title = "Endpoint::transportClose()";
        let tasks = self
            .live(title)?
            .driver
            .call(move |core, io| {
                core.remove_transport(id);
                io.close_transport(id)
            })
            .map_err(|_| stopped(title))?;
        let closed = tasks.is_some();
        // The port is free when this returns (a program may bind it again at once).
        if let Some(tasks) = tasks {
            crate::runtime::wait_closed(&tasks, Duration::from_secs(1));
        }
        if closed {
            Ok(())
        } else {
            Err(not_found(title, id))
        }
    }

    /// transportSetEnable (declared but never implemented by PJSUA2, whose
    /// `pjsua_transport_set_enable` answers PJ_EINVALIDOP): a disabled transport keeps its
    /// socket but drops what it receives, sends nothing (requests in progress on it time
    /// out) and is not picked for new requests; enabling it again restores it. Either
    /// call is idempotent. NOT_FOUND for an unknown or shut-down transport.
    pub fn transport_set_enable(&self, id: TransportId, enabled: bool) -> Result<()> {
        let title = "Endpoint::transportSetEnable()";
        let found = self
            .live(title)?
            .driver
            .call(move |core, _| core.set_transport_enabled(id, enabled))
            .map_err(|_| stopped(title))?;
        if found {
            Ok(())
        } else {
            Err(not_found(title, id))
        }
    }

    /// transportShutdown: a graceful close. The transport leaves transportEnum at once and
    /// no new request picks it; its socket stays open for the transactions already using
    /// it (a REGISTER or INVITE in progress gets its answers) and closes when the last of
    /// them ends (a non-INVITE client transaction over UDP lingers Timer K, 5 s, after
    /// its final response). Unused, it closes before this returns. NOT_FOUND for an
    /// unknown or already shut-down transport.
    pub fn transport_shutdown(&self, id: TransportId) -> Result<()> {
        let title = "Endpoint::transportShutdown()";
        let outcome = self
            .live(title)?
            .driver
            .call(move |core, io| match core.shutdown_transport(id) {
                Some(Shutdown::CloseNow) => Some(io.close_transport(id)),
                Some(Shutdown::Deferred) => Some(None),
                None => None,
            })
            .map_err(|_| stopped(title))?;
        match outcome {
            Some(Some(tasks)) => {
                crate::runtime::wait_closed(&tasks, Duration::from_secs(1));
                Ok(())
            }
            Some(None) => Ok(()),
            None => Err(not_found(title, id)),
        }
    }
}

/// NOT_FOUND for a transport id that names no live transport.
fn not_found(title: &str, id: TransportId) -> Error {
    Error::new(
        PJSUA2RS_ERR_NOT_FOUND,
        title,
        format!("no transport with id {id}"),
    )
}
