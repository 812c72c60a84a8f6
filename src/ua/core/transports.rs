//! The transports' life in the core: created, disabled and enabled again
//! (`transportSetEnable`), shut down gracefully (`transportShutdown`: no new user, the
//! socket closes when the last transaction using it ends) and closed.

use super::UaCore;
use crate::sip::transport::{Flow, TransportId};
use crate::ua::transport::TransportRecord;

/// What `transportShutdown` found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shutdown {
    /// No transaction used it: the caller closes the socket now.
    CloseNow,
    /// Transactions still use it: the driver closes it after the last one
    /// ([`crate::runtime::Core::poll_close`]).
    Deferred,
}

impl UaCore {
    /// Records a created transport and tells the SIP endpoint about it.
    pub fn add_transport(&mut self, record: TransportRecord) {
        self.sip.add_transport(record.local_transport());
        self.logger.log(
            4,
            "sip_transport",
            &format!(
                "{} transport started, bound to {}, published as {}",
                record.type_name,
                record.local,
                record.published_name()
            ),
        );
        self.transports.push(record);
    }

    /// Forgets a transport whose socket is being closed (also one shutting down).
    pub fn remove_transport(&mut self, id: TransportId) -> bool {
        let listed = self.transports.iter().any(|t| t.id == id);
        self.transports.retain(|t| t.id != id);
        self.disabled.remove(&id);
        let closing = self.closing.remove(&id);
        self.sip.remove_transport(id) || listed || closing
    }

    /// transportSetEnable: a disabled transport drops what it receives, sends nothing
    /// (the transactions using it time out) and is not picked for new requests; enabled
    /// again, it is used as before. Returns false when there is no such transport (or it
    /// is shutting down).
    pub fn set_transport_enabled(&mut self, id: TransportId, enabled: bool) -> bool {
        let Some(record) = self.transports.iter().find(|t| t.id == id) else {
            return false;
        };
        let local = record.local_transport();
        let name = format!("{} {}", record.type_name, record.local);
        if enabled {
            if self.disabled.remove(&id) {
                self.sip.add_transport(local);
                self.logger
                    .log(4, "sip_transport", &format!("{name} enabled again"));
            }
        } else if self.disabled.insert(id) {
            self.sip.remove_transport(id);
            self.logger.log(
                4,
                "sip_transport",
                &format!("{name} disabled: it neither receives nor sends"),
            );
        }
        true
    }

    /// transportShutdown: the transport leaves the list (transportEnum, transportGetInfo)
    /// and is no longer picked for new requests; its socket stays open while
    /// transactions use it. `None` when there is no such transport.
    pub fn shutdown_transport(&mut self, id: TransportId) -> Option<Shutdown> {
        let at = self.transports.iter().position(|t| t.id == id)?;
        let record = self.transports.remove(at);
        self.sip.remove_transport(id);
        if self.sip.transport_in_use(id) {
            self.closing.insert(id);
            self.logger.log(
                4,
                "sip_transport",
                &format!(
                    "{} {} shutting down: it closes when its transactions end",
                    record.type_name, record.local
                ),
            );
            Some(Shutdown::Deferred)
        } else {
            self.disabled.remove(&id);
            Some(Shutdown::CloseNow)
        }
    }

    /// The next transport shutting down that no transaction uses any more (forgotten
    /// here: the driver closes its socket).
    pub(super) fn next_to_close(&mut self) -> Option<TransportId> {
        let id = *self
            .closing
            .iter()
            .find(|id| !self.sip.transport_in_use(**id))?;
        self.closing.remove(&id);
        self.disabled.remove(&id);
        self.logger.log(
            4,
            "sip_transport",
            &format!("transport {id} closed: its last transaction ended"),
        );
        Some(id)
    }

    /// Whether a message received on `flow` is dropped (its transport is disabled).
    pub(super) fn drops_input(&self, flow: &Flow) -> bool {
        self.disabled.contains(&flow.transport)
    }
}
