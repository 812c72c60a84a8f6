//! The REGISTER traffic of accounts (RFC 3261 §10.2): sending what each registration
//! queues, giving each response or failure to the registration that sent the REGISTER
//! (found by its Call-ID), turning registration events into `onRegStarted`/`onRegState`
//! with PJSUA's status and `regLastErr`, `dropCallsOnFail`, and the account timers.

use super::send::Outgoing;
use super::{AppEvent, Owner, UaCore};
use crate::sip::message::{reason_phrase, Response};
use crate::sip::registration::RegEvent;
use crate::sip::transport::Flow;
use crate::sip::{HeaderName, Message, Request, SipHeaders};
use crate::ua::account::contact::register_contact;
use crate::ua::account::*;
use std::time::{Duration, Instant};

impl UaCore {
    /// The account (live or hidden) whose registration has this Call-ID.
    fn account_of_registration(&self, call_id: &str) -> Option<AccountId> {
        self.accounts
            .iter()
            .find(|(_, a)| {
                a.registration
                    .as_ref()
                    .is_some_and(|r| r.params().call_id == call_id)
            })
            .map(|(id, _)| *id)
    }

    /// A final response to a REGISTER of the registration with Call-ID `call_id`.
    pub(super) fn register_response(&mut self, now: Instant, call_id: &str, response: &Response) {
        let Some(acc) = self.account_of_registration(call_id) else {
            return;
        };
        let answers = self.accounts[&acc]
            .registration
            .as_ref()
            .is_some_and(|r| r.answers_pending(response));
        if !answers {
            return;
        }
        self.check_nat(acc, response);
        let Some(a) = self.accounts.get_mut(&acc) else {
            return;
        };
        a.last_rx = SipRxData {
            info: format!(
                "Response msg {}/{}/cseq={}",
                response.status,
                response
                    .cseq()
                    .map(|c| c.method.to_string())
                    .unwrap_or_default(),
                response.cseq().map(|c| c.seq).unwrap_or(0)
            ),
            whole_msg: String::from_utf8_lossy(&Message::Response(response.clone()).to_bytes())
                .into_owned(),
            src_address: a.reg_flow.map(|f| f.remote.to_string()).unwrap_or_default(),
        };
        if (200..300).contains(&response.status) {
            a.flow_timer = response
                .number(&HeaderName::parse("Flow-Timer"))
                .filter(|s| *s > 0)
                .map(|s| Duration::from_secs(s as u64));
        }
        if let Some(reg) = a.registration.as_mut() {
            reg.on_response(now, response, &mut a.auth);
        }
    }

    /// The REGISTER of the registration with Call-ID `call_id` got no final response.
    pub(super) fn register_failed(&mut self, now: Instant, call_id: &str, code: u16, reason: &str) {
        let Some(a) = self
            .account_of_registration(call_id)
            .and_then(|acc| self.accounts.get_mut(&acc))
        else {
            return;
        };
        a.last_rx = SipRxData::default();
        if let Some(reg) = a.registration.as_mut() {
            reg.on_failure(now, code, reason, &mut a.auth);
        }
    }

    /// Sends what the registrations queued and turns their events into the
    /// application's; returns whether anything happened.
    pub(super) fn pump_accounts(&mut self, now: Instant) -> bool {
        let mut busy = false;
        let ids: Vec<AccountId> = self.accounts.keys().copied().collect();
        for acc in ids {
            busy |= self.send_queued_registers(now, acc);
            while let Some(event) = self
                .accounts
                .get_mut(&acc)
                .and_then(|a| a.registration.as_mut())
                .and_then(|r| r.poll_event())
            {
                busy = true;
                self.on_reg_event(now, acc, event);
            }
            let done = self.accounts.get(&acc).is_some_and(|a| {
                a.deleting.is_some() && a.registration.as_ref().is_none_or(|r| !r.is_pending())
            });
            if done {
                self.accounts.remove(&acc);
            }
        }
        busy
    }

    /// Sends the REGISTERs `acc`'s registration queued; returns whether there were any.
    pub(super) fn send_queued_registers(&mut self, now: Instant, acc: AccountId) -> bool {
        let mut any = false;
        while let Some(request) = self
            .accounts
            .get_mut(&acc)
            .and_then(|a| a.registration.as_mut())
            .and_then(|r| r.poll_request())
        {
            any = true;
            self.send_register(now, acc, request);
        }
        any
    }

    fn send_register(&mut self, now: Instant, acc: AccountId, request: Request) {
        let Some(a) = self.accounts.get(&acc) else {
            return;
        };
        let call_id = request.call_id().map(|c| c.to_string()).unwrap_or_default();
        let out = Outgoing {
            request,
            transport_id: a.settings.transport_id,
            sent_by: if a.settings.nat.via_rewrite {
                a.seen_as.clone()
            } else {
                None
            },
            owner: Owner::Register(call_id),
            remaining: Vec::new(),
        };
        self.send_routed(now, out);
    }

    /// Just before a REGISTER goes on `flow`: remember the flow (keep-alives follow it)
    /// and make the Contact name that flow's transport (plus the contacts being removed).
    pub(super) fn prepare_register(&mut self, call_id: &str, request: &mut Request, flow: Flow) {
        let Some(t) = self.sip.transport(flow.transport).cloned() else {
            return;
        };
        let Some(a) = self
            .account_of_registration(call_id)
            .and_then(|acc| self.accounts.get_mut(&acc))
        else {
            return;
        };
        a.reg_flow = Some(flow);
        if a.settings.contact_forced.is_some() {
            return;
        }
        let contact = register_contact(&a.settings, &t, a.seen_as.as_ref().map(|(h, p)| (h, *p)));
        if let Some(reg) = a.registration.as_mut() {
            if reg.params().contact != contact {
                reg.set_contact(contact);
            }
            reg.params().write_contacts(request);
        }
    }

    fn on_reg_event(&mut self, now: Instant, acc: AccountId, event: RegEvent) {
        let Some(a) = self.accounts.get_mut(&acc) else {
            return;
        };
        let silent = a.deleting.is_some();
        let RegEvent::State {
            code,
            reason,
            expiration,
            status,
            renew,
        } = event
        else {
            if let (RegEvent::Started { renew }, false) = (event, silent) {
                self.emit(AppEvent::RegStarted {
                    acc,
                    prm: OnRegStartedParam { renew },
                });
            }
            return;
        };
        let success = (200..300).contains(&code) && renew && expiration > 0;
        if let (Some(seen), true, false) = (a.nat_rewrite.take(), success, silent) {
            // As PJSUA: this 2xx is not reported; the REGISTER of the new Contact is.
            a.contact_rewritten = true;
            self.rewrite_contact(now, acc, seen);
            return;
        }
        a.contact_rewritten = false;
        // As PJSUA's getInfo: the code with its standard text, and the round's status as
        // the last error (0 for any outcome that has a code, 408 and 503 included).
        a.reg_status = code;
        a.reg_status_text = reason_phrase(code).to_string();
        a.reg_last_err = status;
        if silent {
            return;
        }
        a.next_keepalive = None;
        let drop_calls = !success
            && a.settings.drop_calls_on_fail
            && a.registration.as_ref().is_some_and(|r| r.retry_failed());
        if success {
            self.schedule_keepalive(now, acc);
        }
        if drop_calls {
            let n = self.hangup_account_calls(now, acc);
            if n > 0 {
                self.logger.log(
                    3,
                    "pjsua2rs_acc",
                    &format!(
                        "Disconnecting {n} call(s) of account #{acc} after reregistration attempt failed"
                    ),
                );
            }
        }
        let rdata = self
            .accounts
            .get(&acc)
            .map(|a| a.last_rx.clone())
            .unwrap_or_default();
        self.emit(AppEvent::RegState {
            acc,
            prm: OnRegStateParam {
                status,
                code,
                reason,
                rdata,
                expiration,
            },
        });
    }

    /// Fires registration timers and keep-alives; drops removed accounts past their wait.
    pub(super) fn account_timers(&mut self, now: Instant) {
        let mut expired = Vec::new();
        for (id, a) in self.accounts.iter_mut() {
            if let Some(reg) = a.registration.as_mut() {
                reg.handle_timeout(now, &mut a.auth);
            }
            if a.deleting.is_some_and(|d| d <= now) {
                expired.push(*id);
            }
        }
        for id in expired {
            self.accounts.remove(&id);
        }
        self.send_keepalives(now);
    }

    /// The earliest account timer.
    pub(super) fn accounts_timeout(&self) -> Option<Instant> {
        self.accounts
            .values()
            .flat_map(|a| {
                [
                    a.registration.as_ref().and_then(|r| r.poll_timeout()),
                    a.next_keepalive,
                    a.deleting,
                ]
            })
            .flatten()
            .min()
    }
}
