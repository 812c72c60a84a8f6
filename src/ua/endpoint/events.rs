//! Delivery of the core's events to the application's callbacks, on the dispatcher: the
//! account and call handlers they go to, and the decisions some callbacks make (accept a
//! transfer, follow a redirection...) sent back to the core.

use super::{Live, PlayerHandler};
use crate::runtime::Dispatcher;
use crate::ua::account::{AccountHandler, AccountId};
use crate::ua::call::*;
use crate::ua::core::{AppEvent, EventSink, UaCore};
use crate::ua::media::app_port_pump::AppPortPump;
use std::cell::Cell;
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, OnceLock, Weak};
use std::time::Instant;

/// The application's callbacks, looked up when an event is delivered (so a removed
/// account's or call's queued events are dropped).
#[derive(Default)]
pub(super) struct Handlers {
    accounts: Mutex<HashMap<AccountId, Arc<dyn AccountHandler>>>,
    /// By call serial (never reused).
    calls: Mutex<HashMap<u64, Arc<dyn CallHandler>>>,
    /// The key cells of call objects handed over for calls the library starts (a
    /// transfer's new call), by serial: set when the call's first event is delivered,
    /// so the object knows its call inside that callback already.
    pending_keys: Mutex<HashMap<u64, Arc<OnceLock<CallKey>>>>,
    /// The calls whose application stopped following their transfer's progress
    /// (`cont = false`), by serial: reports already queued then are dropped.
    unfollowed: Mutex<HashSet<u64>>,
    /// By media object id.
    players: Mutex<HashMap<u64, Arc<dyn PlayerHandler>>>,
    /// The pumps of application ports, by media object id.
    app_ports: Mutex<HashMap<u64, Arc<AppPortPump>>>,
    /// The endpoint, for decisions sent back to the core (set once it is live).
    pub live: OnceLock<Weak<Live>>,
}

thread_local! {
    /// The call whose onIncomingCall runs on this thread: `call_bind` binds to it.
    static INCOMING: Cell<Option<CallKey>> = const { Cell::new(None) };
}

/// The call an onIncomingCall running on this thread is about, if its id is `id`.
pub(super) fn incoming_call(id: CallId) -> Option<CallKey> {
    INCOMING.with(|c| c.get()).filter(|k| k.id == id)
}

impl Handlers {
    /// Registers an account's callbacks.
    pub fn add_account(&self, acc: AccountId, h: Arc<dyn AccountHandler>) {
        lock(&self.accounts).insert(acc, h);
    }

    /// Drops an account's callbacks (its queued events are then dropped too).
    pub fn remove_account(&self, acc: AccountId) {
        lock(&self.accounts).remove(&acc);
    }

    /// Drops every callback (the endpoint is being destroyed).
    pub fn clear(&self) {
        lock(&self.accounts).clear();
        lock(&self.calls).clear();
        lock(&self.pending_keys).clear();
        lock(&self.unfollowed).clear();
        lock(&self.players).clear();
        for (_, p) in lock(&self.app_ports).drain() {
            p.close();
        }
    }

    /// Registers a call's callbacks.
    pub fn add_call(&self, key: CallKey, h: Arc<dyn CallHandler>) {
        lock(&self.calls).insert(key.serial, h);
    }

    /// Registers the callbacks of a call object handed over for the call the library is
    /// about to start under `key`; `cell` learns the key with the call's first event.
    fn add_pending_call(&self, key: CallKey, p: &PendingCall) {
        lock(&self.pending_keys).insert(key.serial, p.key.clone());
        self.add_call(key, p.handler.clone());
    }

    /// Reports the progress of call `key`'s next transfer again (it starts one).
    pub fn follow_transfer(&self, key: CallKey) {
        lock(&self.unfollowed).remove(&key.serial);
    }

    /// Registers a player's callbacks.
    pub fn add_player(&self, id: u64, h: Arc<dyn PlayerHandler>) {
        lock(&self.players).insert(id, h);
    }

    /// Drops a player's callbacks.
    pub fn remove_player(&self, id: u64) {
        lock(&self.players).remove(&id);
    }

    /// Registers an application port's pump.
    pub fn add_app_port(&self, id: u64, pump: Arc<AppPortPump>) {
        lock(&self.app_ports).insert(id, pump);
    }

    /// Drops an application port's pump and stops its callbacks (a running one
    /// finishes).
    pub fn remove_app_port(&self, id: u64) {
        if let Some(p) = lock(&self.app_ports).remove(&id) {
            p.close();
        }
    }

    /// Drops a call's callbacks; returns whether it had some.
    pub fn remove_call(&self, key: CallKey) -> bool {
        lock(&self.pending_keys).remove(&key.serial);
        lock(&self.unfollowed).remove(&key.serial);
        lock(&self.calls).remove(&key.serial).is_some()
    }

    fn account(&self, acc: AccountId) -> Option<Arc<dyn AccountHandler>> {
        lock(&self.accounts).get(&acc).cloned()
    }

    /// The callbacks of call `key` for an event about to be delivered (telling a
    /// handed-over call object its key first).
    fn call(&self, key: CallKey) -> Option<Arc<dyn CallHandler>> {
        if let Some(cell) = lock(&self.pending_keys).remove(&key.serial) {
            let _ = cell.set(key);
        }
        lock(&self.calls).get(&key.serial).cloned()
    }

    /// Runs `job` on the core without waiting (no-op once the endpoint is gone).
    fn to_core(&self, job: impl FnOnce(&mut UaCore, Instant) + Send + 'static) {
        if let Some(live) = self.live.get().and_then(Weak::upgrade) {
            let _ = live.driver.post(move |core, _| job(core, Instant::now()));
        }
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Posts each event to the dispatcher, which hands it to its handler.
pub(super) fn event_sink(dispatcher: Arc<Dispatcher>, handlers: Arc<Handlers>) -> EventSink {
    Arc::new(move |event: AppEvent| {
        let handlers = handlers.clone();
        dispatcher.post(Box::new(move || deliver(&handlers, event)));
    })
}

fn deliver(h: &Arc<Handlers>, event: AppEvent) {
    match event {
        AppEvent::RegStarted { acc, prm } => {
            if let Some(a) = h.account(acc) {
                a.on_reg_started(&prm);
            }
        }
        AppEvent::RegState { acc, prm } => {
            if let Some(a) = h.account(acc) {
                a.on_reg_state(&prm);
            }
        }
        AppEvent::IncomingCall { acc, prm } => incoming(h, acc, &prm),
        AppEvent::PlayerEof { player } => {
            let handler = lock(&h.players).get(&player).cloned();
            if let Some(p) = handler {
                p.on_eof2();
            }
        }
        AppEvent::AudioPortWork { port, work } => {
            let pump = lock(&h.app_ports).get(&port).cloned();
            if let Some(p) = pump {
                p.run(work);
            }
        }
        AppEvent::CallState { call, prm } => {
            if let Some(c) = h.call(call) {
                c.on_call_state(&prm);
            }
            if prm.info.state == crate::sip::invite::InvState::Disconnected as i32 {
                h.remove_call(call);
            }
        }
        AppEvent::CallMediaState { call, prm } => {
            with_call(h, call, |c| c.on_call_media_state(&prm))
        }
        AppEvent::DtmfDigit { call, prm } => with_call(h, call, |c| c.on_dtmf_digit(&prm)),
        AppEvent::CallRxOffer { call, prm } => with_call(h, call, |c| c.on_call_rx_offer(&prm)),
        AppEvent::CallInstantMessage { call, prm } => {
            with_call(h, call, |c| c.on_instant_message(&prm))
        }
        AppEvent::CallInstantMessageStatus { call, prm } => {
            with_call(h, call, |c| c.on_instant_message_status(&prm))
        }
        AppEvent::CallTypingIndication { call, prm } => {
            with_call(h, call, |c| c.on_typing_indication(&prm))
        }
        AppEvent::CallTsxState { call, prm } => with_call(h, call, |c| c.on_call_tsx_state(&prm)),
        AppEvent::CallReplaced { call, prm } => with_call(h, call, |c| c.on_call_replaced(&prm)),
        AppEvent::CallRedirected { call, prm } => {
            let op = h
                .call(call)
                .map(|c| c.on_call_redirected(&prm))
                .unwrap_or(PJSUA2RS_REDIRECT_STOP);
            if op != PJSUA2RS_REDIRECT_PENDING {
                h.to_core(move |core, now| {
                    let _ = core.call_process_redirect(now, call, op);
                });
            }
        }
        AppEvent::CallTransferStatus { call, mut prm } => {
            if lock(&h.unfollowed).contains(&call.serial) {
                return;
            }
            with_call(h, call, |c| c.on_call_transfer_status(&mut prm));
            if !prm.cont {
                if !prm.final_notify {
                    lock(&h.unfollowed).insert(call.serial);
                }
                h.to_core(move |core, _| core.call_transfer_follow(call, false));
            }
        }
        AppEvent::CallTransferRequest { call, tsx, dst_uri } => {
            let mut prm = OnCallTransferRequestParam {
                dst_uri,
                status_code: 202,
                new_call: None,
            };
            with_call(h, call, |c| c.on_call_transfer_request(&mut prm));
            let handlers = h.clone();
            h.to_core(move |core, now| {
                let next = core.peek_next_call_key();
                let accepted = prm.status_code < 300;
                if let (true, Some(next), Some(p)) = (accepted, next, &prm.new_call) {
                    handlers.add_pending_call(next, p);
                }
                let made = core.transfer_decide(now, call, tsx, prm.status_code, &prm.dst_uri);
                match (made, next, &prm.new_call) {
                    (Some(key), _, Some(p)) => {
                        let _ = p.key.set(key);
                        if let Some(n) = next.filter(|n| *n != key) {
                            lock(&handlers.pending_keys).remove(&n.serial);
                        }
                    }
                    (None, Some(next), Some(_)) if accepted => {
                        handlers.remove_call(next);
                    }
                    _ => {}
                }
            });
        }
        AppEvent::CallReplaceRequest {
            call,
            new_call,
            rdata,
        } => {
            let mut prm = OnCallReplaceRequestParam {
                rdata,
                status_code: 200,
                reason: String::new(),
                new_call: None,
            };
            with_call(h, call, |c| c.on_call_replace_request(&mut prm));
            if let Some(p) = prm.new_call.as_ref().filter(|_| prm.status_code < 300) {
                h.add_call(new_call, p.handler.clone());
                let _ = p.key.set(new_call);
            }
            let (code, reason) = (prm.status_code, prm.reason);
            h.to_core(move |core, now| core.replace_decide(now, call, new_call, code, &reason));
        }
    }
}

fn with_call(h: &Handlers, call: CallKey, f: impl FnOnce(&dyn CallHandler)) {
    if let Some(c) = h.call(call) {
        f(&*c);
    }
}

/// onIncomingCall: the application binds the call to a call object, or it is refused
/// with 500 (as PJSUA2 does).
fn incoming(h: &Handlers, acc: AccountId, prm: &OnIncomingCallParam) {
    if let Some(a) = h.account(acc) {
        INCOMING.with(|c| c.set(Some(prm.call)));
        a.on_incoming_call(prm);
        INCOMING.with(|c| c.set(None));
    }
    if h.call(prm.call).is_none() {
        let key = prm.call;
        h.to_core(move |core, now| {
            let prm = CallOpParam {
                status_code: 500,
                reason: "Internal Server Error (the application did not take the call)".into(),
                ..CallOpParam::default()
            };
            let _ = core.call_hangup(now, key, &prm);
        });
    }
}
