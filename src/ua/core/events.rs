//! The events the core posts for the application's callbacks.

use crate::ua::account::{AccountId, OnRegStartedParam, OnRegStateParam};
use std::sync::Arc;

/// An event for the application, delivered in order through the dispatcher.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AppEvent {
    /// An account's REGISTER round starts (`Account::onRegStarted`).
    RegStarted {
        /// The account.
        acc: AccountId,
        /// The parameters.
        prm: OnRegStartedParam,
    },
    /// An account's REGISTER round ended (`Account::onRegState`).
    RegState {
        /// The account.
        acc: AccountId,
        /// The parameters.
        prm: OnRegStateParam,
    },
}

/// Where the core posts events: the endpoint queues them for the dispatcher.
pub type EventSink = Arc<dyn Fn(AppEvent) + Send + Sync>;
