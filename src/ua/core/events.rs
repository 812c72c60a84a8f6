//! The events the core posts for the application's callbacks.

use crate::sip::transaction::TsxId;
use crate::ua::account::SipRxData;
use crate::ua::account::{AccountId, OnRegStartedParam, OnRegStateParam};
use crate::ua::call::{
    CallKey, OnCallRedirectedParam, OnCallReplacedParam, OnCallRxOfferParam, OnCallStateParam,
    OnCallTransferStatusParam, OnCallTsxStateParam, OnDtmfDigitParam, OnIncomingCallParam,
    OnInstantMessageParam, OnInstantMessageStatusParam, OnTypingIndicationParam,
};
use crate::ua::media::app_port::AppPortWork;
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
    /// A call arrived for an account (`Account::onIncomingCall`).
    IncomingCall {
        /// The account.
        acc: AccountId,
        /// The parameters.
        prm: OnIncomingCallParam,
    },
    /// A call's state changed (`Call::onCallState`).
    CallState {
        /// The call.
        call: CallKey,
        /// The parameters.
        prm: OnCallStateParam,
    },
    /// A call's media changed (`Call::onCallMediaState`).
    CallMediaState {
        /// The call.
        call: CallKey,
        /// The parameters.
        prm: OnCallStateParam,
    },
    /// A DTMF digit arrived in a call (`Call::onDtmfDigit`).
    DtmfDigit {
        /// The call.
        call: CallKey,
        /// The parameters.
        prm: OnDtmfDigitParam,
    },
    /// The peer offered new media (`Call::onCallRxOffer` / `onCallRxReinvite`).
    CallRxOffer {
        /// The call.
        call: CallKey,
        /// The parameters.
        prm: OnCallRxOfferParam,
    },
    /// An outgoing call was redirected (`Call::onCallRedirected`).
    CallRedirected {
        /// The call.
        call: CallKey,
        /// The parameters.
        prm: OnCallRedirectedParam,
    },
    /// A MESSAGE arrived in a call's dialog (`Call::onInstantMessage`).
    CallInstantMessage {
        /// The call.
        call: CallKey,
        /// The parameters.
        prm: OnInstantMessageParam,
    },
    /// The peer asks to transfer a call (`Call::onCallTransferRequest`); the answer goes
    /// back with `UaCore::transfer_decide`.
    CallTransferRequest {
        /// The call.
        call: CallKey,
        /// The REFER's transaction.
        tsx: TsxId,
        /// The Refer-To target.
        dst_uri: String,
    },
    /// Progress of our transfer (`Call::onCallTransferStatus`).
    CallTransferStatus {
        /// The call.
        call: CallKey,
        /// The parameters.
        prm: OnCallTransferStatusParam,
    },
    /// An INVITE wants to replace a call (`Call::onCallReplaceRequest`); the answer goes
    /// back with `UaCore::replace_decide`.
    CallReplaceRequest {
        /// The call to be replaced.
        call: CallKey,
        /// The new call.
        new_call: CallKey,
        /// The INVITE.
        rdata: SipRxData,
    },
    /// A call was replaced (`Call::onCallReplaced`).
    CallReplaced {
        /// The replaced call.
        call: CallKey,
        /// The parameters.
        prm: OnCallReplacedParam,
    },
    /// A transaction of a call changed state (`Call::onCallTsxState`).
    CallTsxState {
        /// The call.
        call: CallKey,
        /// The parameters.
        prm: OnCallTsxStateParam,
    },
    /// The outcome of a MESSAGE sent in a call (`Call::onInstantMessageStatus`).
    CallInstantMessageStatus {
        /// The call.
        call: CallKey,
        /// The parameters.
        prm: OnInstantMessageStatusParam,
    },
    /// The peer is typing or stopped (`Call::onTypingIndication`).
    CallTypingIndication {
        /// The call.
        call: CallKey,
        /// The parameters.
        prm: OnTypingIndicationParam,
    },
    /// A player reached the end of its file or playlist (`AudioMediaPlayer::onEof2`).
    PlayerEof {
        /// The player's id.
        player: u64,
    },
    /// An application port needs frames or has received some
    /// (`AudioMediaPort::onFrameRequested` / `onFrameReceived`).
    AudioPortWork {
        /// The port's media object id.
        port: u64,
        /// What its callbacks are to do.
        work: AppPortWork,
    },
}

/// Where the core posts events: the endpoint queues them for the dispatcher.
pub type EventSink = Arc<dyn Fn(AppEvent) + Send + Sync>;
