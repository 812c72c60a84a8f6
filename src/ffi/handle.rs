//! Handles: the integers C holds for library objects. A handle carries its kind and a
//! serial that is never reused, so a stale or foreign handle is detected and reported as
//! `PJSUA2RS_ERR_INVALID_HANDLE`, never dereferenced.

use crate::ua::status::PJSUA2RS_ERR_INVALID_HANDLE;
use crate::ua::{Error, Result};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

/// The kind of object a handle names; stored in the handle's top byte.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum HandleKind {
    /// An endpoint.
    Endpoint = 1,
    /// A JSON document.
    JsonDocument = 2,
    /// An account.
    Account = 3,
    /// A call object.
    Call = 4,
    /// An audio file player.
    AudioMediaPlayer = 5,
    /// An audio file recorder.
    AudioMediaRecorder = 6,
    /// A tone generator.
    ToneGenerator = 7,
    /// An application port (`AudioMediaPort`).
    AudioMediaPort = 8,
}

static NEXT_SERIAL: AtomicU64 = AtomicU64::new(1);

/// A table of live objects of one kind, keyed by handle.
pub struct Registry<T> {
    kind: HandleKind,
    objects: Mutex<HashMap<u64, Arc<T>>>,
}

impl<T> Registry<T> {
    /// An empty registry for objects of `kind`.
    pub fn new(kind: HandleKind) -> Self {
        Registry {
            kind,
            objects: Mutex::new(HashMap::new()),
        }
    }

    /// Adds an object and returns its new handle (never 0, never seen before).
    pub fn insert(&self, object: Arc<T>) -> u64 {
        let serial = NEXT_SERIAL.fetch_add(1, Ordering::Relaxed);
        let handle = ((self.kind as u64) << 56) | (serial & ((1 << 56) - 1));
        self.lock().insert(handle, object);
        handle
    }

    /// The object for `handle`, or `INVALID_HANDLE`.
    pub fn get(&self, handle: u64) -> Result<Arc<T>> {
        self.lock()
            .get(&handle)
            .cloned()
            .ok_or_else(|| self.invalid(handle))
    }

    /// Removes and returns the object for `handle`, or `INVALID_HANDLE`. The handle is
    /// never valid again.
    pub fn remove(&self, handle: u64) -> Result<Arc<T>> {
        self.lock()
            .remove(&handle)
            .ok_or_else(|| self.invalid(handle))
    }

    fn invalid(&self, handle: u64) -> Error {
        Error::new(
            PJSUA2RS_ERR_INVALID_HANDLE,
            "",
            format!(
                "{:?} handle {handle:#x} is invalid or was destroyed",
                self.kind
            ),
        )
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<u64, Arc<T>>> {
        // A panic while holding this lock cannot leave the map inconsistent.
        self.objects.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn handles_are_never_reused_and_kinds_do_not_mix() {
        let a: Registry<u32> = Registry::new(HandleKind::Endpoint);
        let b: Registry<u32> = Registry::new(HandleKind::JsonDocument);
        let h = a.insert(Arc::new(7));
        assert_eq!(*a.get(h).unwrap(), 7);
        assert_eq!(b.get(h).unwrap_err().status, PJSUA2RS_ERR_INVALID_HANDLE);
        a.remove(h).unwrap();
        assert_eq!(a.get(h).unwrap_err().status, PJSUA2RS_ERR_INVALID_HANDLE);
        let h2 = a.insert(Arc::new(8));
        assert_ne!(h, h2);
        assert_eq!(a.get(0).unwrap_err().status, PJSUA2RS_ERR_INVALID_HANDLE);
    }
}
