//! What the handles of the media objects (player, recorder, tone generator) name: an
//! object of an endpoint's conference bridge. One registry per class, so a handle of one
//! class passed to another's function is `INVALID_HANDLE`.

use super::handle::{HandleKind, Registry};
use crate::ua::endpoint::MediaObj;
use crate::ua::status::PJSUA2RS_ERR_SIP_SHUTDOWN;
use crate::ua::{Endpoint, Error, Result};
use std::os::raw::c_int;
use std::sync::{Arc, Weak};

/// A media object and its endpoint (held weakly: destroying the endpoint ends the object,
/// and its handle then only serves to be destroyed).
pub(super) struct MediaRef {
    ep: Weak<Endpoint>,
    /// The object's slot and id.
    pub obj: MediaObj,
}

impl MediaRef {
    /// A reference to `obj` of `ep`.
    pub fn new(ep: &Arc<Endpoint>, obj: MediaObj) -> Self {
        MediaRef {
            ep: Arc::downgrade(ep),
            obj,
        }
    }

    /// The object's endpoint, unless it was destroyed.
    pub fn endpoint(&self) -> Result<Arc<Endpoint>> {
        self.ep.upgrade().ok_or_else(|| {
            Error::new(
                PJSUA2RS_ERR_SIP_SHUTDOWN,
                "",
                "the media object's endpoint was destroyed",
            )
        })
    }

    /// Its conference slot, as C has it.
    pub fn port_id(&self) -> c_int {
        self.obj.slot as c_int
    }
}

/// The live media objects of one class.
pub(super) struct MediaObjects(Registry<MediaRef>);

impl MediaObjects {
    /// An empty table for objects of `kind`.
    pub fn new(kind: HandleKind) -> Self {
        MediaObjects(Registry::new(kind))
    }

    /// Registers a new object; returns its handle.
    pub fn insert(&self, ep: &Arc<Endpoint>, obj: MediaObj) -> u64 {
        self.0.insert(Arc::new(MediaRef::new(ep, obj)))
    }

    /// The object a handle names.
    pub fn get(&self, handle: u64) -> Result<Arc<MediaRef>> {
        self.0.get(handle)
    }

    /// The endpoint and the object a handle names, for an operation.
    pub fn target(&self, handle: u64) -> Result<(Arc<Endpoint>, MediaObj)> {
        let m = self.get(handle)?;
        Ok((m.endpoint()?, m.obj))
    }

    /// Invalidates a handle and deletes its object (a no-op once its endpoint is gone).
    /// When this returns no callback of the object runs (unless called from one).
    pub fn destroy(&self, handle: u64) -> Result<()> {
        let m = self.0.remove(handle)?;
        match m.ep.upgrade() {
            Some(ep) => ep.media_obj_destroy(m.obj),
            None => Ok(()),
        }
    }
}
