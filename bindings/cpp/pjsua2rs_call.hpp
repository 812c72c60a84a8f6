/*
 * pjsua2rs_call.hpp: PJSUA2's Call on the pjsua2rs C ABI's call handle (its value types
 * are in pjsua2rs_call_types.hpp). Included by pjsua2rs.hpp after pjsua2rs_account.hpp;
 * do not include it alone.
 *
 * Each Call owns one C call object, made in the constructor with the Call's address as
 * user data. The library calls one static thunk per callback; every thunk holds one
 * recursive lock (detail::callLock) while it dispatches, and only to Calls still in the
 * live set. The destructor takes the lock to leave the set (so it waits for a callback of
 * the Call running on another thread), then destroys the C object outside the lock (the
 * library waits there for its callback thread, which must not be stuck on our lock).
 * After the destructor no callback reaches the Call; deleting it from its own callback
 * (PJSUA2's `delete this` in onCallState) is fine.
 */
#ifndef PJSUA2RS_CALL_HPP
#define PJSUA2RS_CALL_HPP

#include <cstdlib>
#include <thread>
#include <utility>

#include "pjsua2rs_call_types.hpp"
#include "pjsua2rs_stream.hpp"

namespace pj {

namespace detail {

/** The lock of Call construction, destruction, lookup and callback dispatch. */
inline std::recursive_mutex &callLock() {
    static std::recursive_mutex lock;
    return lock;
}

/** The live Calls (guarded by callLock). */
inline std::set<Call *> &liveCalls() {
    static std::set<Call *> live;
    return live;
}

/** Error(PJ_ENOTSUP) naming `label` unless `isDefault`. */
inline void unsupported(bool isDefault, const string &label) {
    if (!isDefault)
        throw Error(PJ_ENOTSUP, label,
                    "pjsua2rs cannot pass this member to the library yet; leave it empty", "",
                    0);
}

/** A SipTxOption as a C struct; its body points into `tx`, which must outlive `c`. */
inline void txOptionToC(const SipTxOption &tx, pjsua2rs_c::pjsua2rs_sip_tx_option &c,
                        const string &label) {
    check(pjsua2rs_c::pjsua2rs_sip_tx_option_default(&c, sizeof c));
    unsupported(tx.targetUri.empty(), label + ".targetUri");
    unsupported(tx.localUri.empty(), label + ".localUri");
    unsupported(tx.multipartContentType.type.empty() && tx.multipartContentType.subType.empty(),
                label + ".multipartContentType");
    c.headers_count = checkCount(tx.headers.size(), PJSUA2RS_MAX_HEADERS,
                                 (label + ".headers").c_str());
    for (size_t i = 0; i < tx.headers.size(); i++)
        tx.headers[i].toPj(c.headers[i]);
    toC(c.content_type, tx.contentType, (label + ".contentType").c_str());
    if (tx.msgBody.find('\0') != string::npos)
        throw Error(PJ_EINVAL, label + ".msgBody", "the text contains a NUL character", "", 0);
    c.msg_body = tx.msgBody.empty() ? nullptr : tx.msgBody.c_str();
}

/** A CallOpParam as a C struct (pointing into `prm`, which must outlive `c`). */
inline void opParamToC(const CallOpParam &prm, pjsua2rs_c::pjsua2rs_call_op_param &c) {
    check(pjsua2rs_c::pjsua2rs_call_op_param_default(&c, sizeof c));
    c.opt.flag = prm.opt.flag;
    c.opt.req_keyframe_method = prm.opt.reqKeyframeMethod;
    c.opt.audio_count = prm.opt.audioCount;
    c.opt.video_count = prm.opt.videoCount;
    unsupported(prm.opt.mediaDir.empty(), "prm.opt.mediaDir");
    unsupported(prm.opt.customCallId.empty(), "prm.opt.customCallId");
    unsupported(prm.sdp.wholeSdp.empty(), "prm.sdp");
    c.status_code = static_cast<unsigned>(prm.statusCode);
    toC(c.reason, prm.reason, "prm.reason");
    c.options = prm.options;
    txOptionToC(prm.txOption, c.tx_option, "prm.txOption");
}

/** A `const char *` from the library as a string ("" for NULL). */
inline string text(const char *s) { return s ? s : ""; }

/** The SipRxData of a C one. */
inline SipRxData rxData(const pjsua2rs_c::pjsua2rs_sip_rx_data &r) {
    SipRxData d;
    d.info = text(r.info);
    d.wholeMsg = text(r.whole_msg);
    d.srcAddress = text(r.src_address);
    return d;
}

/** A PJSIP_EVENT_TSX_STATE SipEvent caused by the received message `rdata`. */
inline SipEvent tsxEvent(const string &method, int role, int state, int code,
                         const string &reason, const SipRxData &rdata) {
    SipEvent e;
    e.type = PJSIP_EVENT_TSX_STATE;
    e.body.tsxState.type = PJSIP_EVENT_RX_MSG;
    e.body.tsxState.src.rdata = rdata;
    e.body.tsxState.tsx.method = method;
    e.body.tsxState.tsx.role = static_cast<pjsip_role_e>(role);
    e.body.tsxState.tsx.state = static_cast<pjsip_tsx_state_e>(state);
    e.body.tsxState.tsx.statusCode = code;
    e.body.tsxState.tsx.statusText = reason;
    e.body.rxMsg.rdata = rdata;
    return e;
}

/** The CallInfo of a C one. */
inline CallInfo callInfo(const pjsua2rs_c::pjsua2rs_call_info &c) {
    CallInfo i;
    i.id = c.id;
    i.role = static_cast<pjsip_role_e>(c.role);
    i.accId = c.acc_id;
    i.localUri = fromC(c.local_uri);
    i.localContact = fromC(c.local_contact);
    i.remoteUri = fromC(c.remote_uri);
    i.remoteContact = fromC(c.remote_contact);
    i.callIdString = fromC(c.call_id_string);
    i.state = static_cast<pjsip_inv_state>(c.state);
    i.stateText = fromC(c.state_text);
    i.lastStatusCode = static_cast<pjsip_status_code>(c.last_status_code);
    i.lastReason = fromC(c.last_reason);
    for (unsigned k = 0; k < c.media_count && k < PJSUA2RS_MAX_CALL_MEDIA; k++) {
        CallMediaInfo m;
        m.index = c.media[k].index;
        m.type = static_cast<pjmedia_type>(c.media[k].media_type);
        m.dir = static_cast<pjmedia_dir>(c.media[k].dir);
        m.status = static_cast<pjsua_call_media_status>(c.media[k].status);
        m.audioConfSlot = c.media[k].audio_conf_slot;
        i.media.push_back(m);
    }
    i.connectDuration.sec = static_cast<long>(c.connect_duration.sec);
    i.connectDuration.msec = static_cast<long>(c.connect_duration.msec);
    i.totalDuration.sec = static_cast<long>(c.total_duration.sec);
    i.totalDuration.msec = static_cast<long>(c.total_duration.msec);
    i.remOfferer = c.rem_offerer;
    i.remAudioCount = c.rem_audio_count;
    i.remVideoCount = c.rem_video_count;
    return i;
}

} // namespace detail

/** A call (PJSUA2's `Call`): subclass it and override the onXxx callbacks. Make one with
 *  `new MyCall(acc)` and makeCall(), or take an incoming call with `new MyCall(acc,
 *  prm.callId)` in Account::onIncomingCall. The callbacks run inside
 *  Endpoint::libHandleEvents in poll mode, else on the library's callback thread; an
 *  exception they throw is printed to stderr. Deleting an active Call hangs it up; after
 *  the onCallState of DISCONNECTED no callback comes (PJSUA2 apps `delete this` there).
 *  Not copyable. */
class Call {
  public:
    /** A call object of `acc`; with `call_id` (in onIncomingCall: prm.callId) it takes
     *  that call. */
    Call(Account &acc, int call_id = PJSUA_INVALID_ID) PJSUA2_THROW(Error) : acc_(&acc) {
        std::lock_guard<std::recursive_mutex> guard(detail::callLock());
        handle_ = create(call_id);
        id_ = call_id;
        ep_ = acc.ep_;
        detail::liveCalls().insert(this);
    }

    /** Hangs the call up if it is active (as PJSUA2's) and frees the C object. When it
     *  returns, no callback of this Call runs (unless it is called from one). */
    virtual ~Call() {
        {
            std::lock_guard<std::recursive_mutex> guard(detail::callLock());
            detail::liveCalls().erase(this);
        }
        if (handle_ != 0)
            pjsua2rs_c::pjsua2rs_call_destroy(handle_);
    }
    Call(const Call &) = delete;
    Call &operator=(const Call &) = delete;

    /** The call's details. Inside onCallState and onCallMediaState, the details as of the
     *  event being delivered (also for DISCONNECTED). */
    CallInfo getInfo() const PJSUA2_THROW(Error) {
        if (eventInfo_ && eventThread_ == std::this_thread::get_id())
            return detail::callInfo(*eventInfo_);
        std::unique_ptr<pjsua2rs_c::pjsua2rs_call_info> c(new pjsua2rs_c::pjsua2rs_call_info());
        detail::check(pjsua2rs_c::pjsua2rs_call_get_info(handle_, c.get()));
        return detail::callInfo(*c);
    }

    /** Whether the object has a call that has not ended. */
    bool isActive() const {
        bool out = false;
        return pjsua2rs_c::pjsua2rs_call_is_active(handle_, &out) == PJ_SUCCESS && out;
    }

    /** The call id; PJSUA_INVALID_ID before the object has a call. Kept after the call
     *  ended, as in PJSUA2. */
    int getId() const {
        int out = PJSUA_INVALID_ID;
        if (pjsua2rs_c::pjsua2rs_call_get_id(handle_, &out) == PJ_SUCCESS &&
            out != PJSUA_INVALID_ID)
            id_ = out;
        return id_;
    }

    /** The AudioMedia of the call's audio (`med_idx` -1: the first audio stream), to link
     *  in the bridge, usually from onCallMediaState; Error while it has no active audio. */
    AudioMedia getAudioMedia(int med_idx) const PJSUA2_THROW(Error) {
        int slot = PJSUA_INVALID_ID;
        detail::check(pjsua2rs_c::pjsua2rs_call_get_audio_media(handle_, med_idx, &slot));
        return detail::audioMedia(ep_, slot);
    }

    /** The live Call of Endpoint::instance() linked to the call `call_id`, or NULL. */
    static Call *lookup(int call_id) {
        std::lock_guard<std::recursive_mutex> guard(detail::callLock());
        Endpoint *ep = Endpoint::current();
        if (!ep || ep->handle_ == 0)
            return nullptr;
        for (Call *c : detail::liveCalls())
            if (c->ep_ == ep->handle_ && !c->ended_ && c->getId() == call_id && c->isActive())
                return c;
        return nullptr;
    }

    /** Attaches application data. */
    void setUserData(Token user_data) { userData_ = user_data; }
    /** The application data (NULL by default). */
    Token getUserData() const { return userData_; }

    /** Calls `dst_uri` with `prm` (CallOpParam(true) for the default setting). After the
     *  object's call ended it may make a new one. */
    void makeCall(const string &dst_uri, const CallOpParam &prm) PJSUA2_THROW(Error) {
        pjsua2rs_c::pjsua2rs_call_op_param c;
        detail::opParamToC(prm, c);
        if (ended_) {
            std::lock_guard<std::recursive_mutex> guard(detail::callLock());
            pjsua2rs_c::pjsua2rs_call fresh = create(PJSUA_INVALID_ID);
            std::swap(fresh, handle_);
            pjsua2rs_c::pjsua2rs_call_destroy(fresh);
            ended_ = false;
            id_ = PJSUA_INVALID_ID;
        }
        detail::check(pjsua2rs_c::pjsua2rs_call_make(handle_, dst_uri.c_str(), &c));
        getId();
    }
    /** Answers an incoming call (prm.statusCode 180, 183, 200; 3xx-6xx refuses). */
    void answer(const CallOpParam &prm) PJSUA2_THROW(Error) {
        op(pjsua2rs_c::pjsua2rs_call_answer, prm);
    }
    /** Ends the call (CANCEL, BYE, or prm.statusCode, 603 by default, for an incoming
     *  call not answered yet). */
    void hangup(const CallOpParam &prm) PJSUA2_THROW(Error) {
        op(pjsua2rs_c::pjsua2rs_call_hangup, prm);
    }
    /** Puts the call on hold. */
    void setHold(const CallOpParam &prm) PJSUA2_THROW(Error) {
        op(pjsua2rs_c::pjsua2rs_call_set_hold, prm);
    }
    /** A re-INVITE; prm.opt.flag PJSUA_CALL_UNHOLD takes the call off hold. */
    void reinvite(const CallOpParam &prm) PJSUA2_THROW(Error) {
        op(pjsua2rs_c::pjsua2rs_call_reinvite, prm);
    }
    /** An UPDATE with a new offer. */
    void update(const CallOpParam &prm) PJSUA2_THROW(Error) {
        op(pjsua2rs_c::pjsua2rs_call_update, prm);
    }
    /** Asks the peer to call `dest` (REFER). */
    void xfer(const string &dest, const CallOpParam &prm) PJSUA2_THROW(Error) {
        pjsua2rs_c::pjsua2rs_call_op_param c;
        detail::opParamToC(prm, c);
        detail::check(pjsua2rs_c::pjsua2rs_call_xfer(handle_, dest.c_str(), &c));
    }
    /** Attended transfer: asks this call's peer to replace `dest_call`. */
    void xferReplaces(const Call &dest_call, const CallOpParam &prm) PJSUA2_THROW(Error) {
        pjsua2rs_c::pjsua2rs_call_op_param c;
        detail::opParamToC(prm, c);
        detail::check(pjsua2rs_c::pjsua2rs_call_xfer_replaces(handle_, dest_call.handle_, &c));
    }
    /** The decision on a redirection onCallRedirected left PENDING. */
    void processRedirect(pjsip_redirect_op cmd) PJSUA2_THROW(Error) {
        detail::check(pjsua2rs_c::pjsua2rs_call_process_redirect(handle_, cmd));
    }
    /** RFC 2833 (RFC 4733) digits (0-9, *, #, A-D) in the call's audio stream. */
    void dialDtmf(const string &digits) PJSUA2_THROW(Error) {
        detail::check(pjsua2rs_c::pjsua2rs_call_dial_dtmf(handle_, digits.c_str()));
    }
    /** The StreamInfo of the call's audio stream `med_idx` (its index in the SDP, as in
     *  CallInfo::media; (unsigned)-1, a pjsua2rs extension: the first audio stream): the
     *  codec, payload types, addresses, direction; Error(PJ_EINVALIDOP) while there is no
     *  such active stream. */
    StreamInfo getStreamInfo(unsigned med_idx) const PJSUA2_THROW(Error) {
        pjsua2rs_c::pjsua2rs_stream_info c;
        detail::check(pjsua2rs_c::pjsua2rs_call_get_stream_info(
            handle_, static_cast<int>(med_idx), &c));
        return detail::streamInfoFromC(c, ep_);
    }
    /** The StreamStat of the call's audio stream `med_idx` (as in getStreamInfo): RTP/RTCP
     *  counters both ways, round-trip time and the jitter buffer. */
    StreamStat getStreamStat(unsigned med_idx) const PJSUA2_THROW(Error) {
        pjsua2rs_c::pjsua2rs_stream_stat c;
        detail::check(pjsua2rs_c::pjsua2rs_call_get_stream_stat(
            handle_, static_cast<int>(med_idx), &c));
        return detail::streamStatFromC(c);
    }
    /** DTMF digits: one SIP INFO each, or RFC 2833 events in the audio stream. */
    void sendDtmf(const CallSendDtmfParam &param) PJSUA2_THROW(Error) {
        detail::check(pjsua2rs_c::pjsua2rs_call_send_dtmf(handle_, param.method,
                                                          param.digits.c_str(), param.duration));
    }
    /** A MESSAGE in the call's dialog; the outcome comes to onInstantMessageStatus. */
    void sendInstantMessage(const SendInstantMessageParam &prm) PJSUA2_THROW(Error) {
        pjsua2rs_c::pjsua2rs_sip_tx_option tx;
        detail::txOptionToC(prm.txOption, tx, "SendInstantMessageParam.txOption");
        {
            std::lock_guard<std::mutex> g(imsLock_);
            sentIms_.push_back(std::make_pair(prm.content, prm.userData));
        }
        pjsua2rs_c::pjsua2rs_status st = pjsua2rs_c::pjsua2rs_call_send_instant_message(
            handle_, prm.contentType.c_str(), prm.content.c_str(), &tx);
        if (st != PJ_SUCCESS) {
            std::lock_guard<std::mutex> g(imsLock_);
            sentIms_.pop_back();
        }
        detail::check(st);
    }
    /** An isComposing MESSAGE. */
    void sendTypingIndication(const SendTypingIndicationParam &prm) PJSUA2_THROW(Error) {
        pjsua2rs_c::pjsua2rs_sip_tx_option tx;
        detail::txOptionToC(prm.txOption, tx, "SendTypingIndicationParam.txOption");
        detail::check(
            pjsua2rs_c::pjsua2rs_call_send_typing_indication(handle_, prm.isTyping, &tx));
    }
    /** A request of another method in the call's dialog (INFO, OPTIONS...). */
    void sendRequest(const CallSendRequestParam &prm) PJSUA2_THROW(Error) {
        pjsua2rs_c::pjsua2rs_sip_tx_option tx;
        detail::txOptionToC(prm.txOption, tx, "CallSendRequestParam.txOption");
        detail::check(pjsua2rs_c::pjsua2rs_call_send_request(handle_, prm.method.c_str(), &tx));
    }

    /** The state changed; getInfo() gives the new state. */
    virtual void onCallState(OnCallStateParam &prm) { (void)prm; }
    /** A transaction of the call changed state. */
    virtual void onCallTsxState(OnCallTsxStateParam &prm) { (void)prm; }
    /** The media changed. */
    virtual void onCallMediaState(OnCallMediaStateParam &prm) { (void)prm; }
    /** A DTMF digit arrived. */
    virtual void onDtmfDigit(OnDtmfDigitParam &prm) { (void)prm; }
    /** The peer asks to transfer the call. */
    virtual void onCallTransferRequest(OnCallTransferRequestParam &prm) { (void)prm; }
    /** Progress of our transfer. */
    virtual void onCallTransferStatus(OnCallTransferStatusParam &prm) { (void)prm; }
    /** An INVITE with Replaces wants this call's place. */
    virtual void onCallReplaceRequest(OnCallReplaceRequestParam &prm) { (void)prm; }
    /** Another call replaced this one. */
    virtual void onCallReplaced(OnCallReplacedParam &prm) { (void)prm; }
    /** The call was redirected; the default is PJSIP_REDIRECT_STOP. */
    virtual pjsip_redirect_op onCallRedirected(OnCallRedirectedParam &prm) {
        (void)prm;
        return PJSIP_REDIRECT_STOP;
    }
    /** The peer sent a new offer (re-INVITE or UPDATE). */
    virtual void onCallRxOffer(OnCallRxOfferParam &prm) { (void)prm; }
    /** The peer sent a re-INVITE with an offer (before onCallRxOffer). */
    virtual void onCallRxReinvite(OnCallRxReinviteParam &prm) { (void)prm; }
    /** A MESSAGE arrived in the call. */
    virtual void onInstantMessage(OnInstantMessageParam &prm) { (void)prm; }
    /** The outcome of our MESSAGE. */
    virtual void onInstantMessageStatus(OnInstantMessageStatusParam &prm) { (void)prm; }
    /** The peer started or stopped typing. */
    virtual void onTypingIndication(OnTypingIndicationParam &prm) { (void)prm; }

  private:
    friend void detail::releaseCalls(pjsua2rs_c::pjsua2rs_endpoint ep);

    /** A C call object for this Call (the caller holds callLock). */
    pjsua2rs_c::pjsua2rs_call create(int call_id) {
        pjsua2rs_c::pjsua2rs_call_callbacks cb;
        detail::check(pjsua2rs_c::pjsua2rs_call_callbacks_default(&cb, sizeof cb));
        cb.on_call_state = &Call::stateThunk;
        cb.on_call_tsx_state = &Call::tsxThunk;
        cb.on_call_media_state = &Call::mediaThunk;
        cb.on_dtmf_digit = &Call::dtmfThunk;
        cb.on_call_transfer_request = &Call::xferRequestThunk;
        cb.on_call_transfer_status = &Call::xferStatusThunk;
        cb.on_call_replace_request = &Call::replaceRequestThunk;
        cb.on_call_replaced = &Call::replacedThunk;
        cb.on_call_redirected = &Call::redirectedThunk;
        cb.on_call_rx_offer = &Call::rxOfferThunk;
        cb.on_instant_message = &Call::imThunk;
        cb.on_instant_message_status = &Call::imStatusThunk;
        cb.on_typing_indication = &Call::typingThunk;
        pjsua2rs_c::pjsua2rs_call out = 0;
        detail::check(pjsua2rs_c::pjsua2rs_call_create(acc_->handle_, call_id, &cb, this, &out));
        return out;
    }

    template <typename F> void op(F fn, const CallOpParam &prm) {
        pjsua2rs_c::pjsua2rs_call_op_param c;
        detail::opParamToC(prm, c);
        detail::check(fn(handle_, &c));
    }

    /** Runs `call` on the live Call `user_data` under the lock; an exception is printed,
     *  never passed to the library. Returns false when the Call is gone or threw. */
    template <typename F> static bool dispatch(void *user_data, const char *what, F call) {
        std::lock_guard<std::recursive_mutex> guard(detail::callLock());
        Call *c = static_cast<Call *>(user_data);
        if (detail::liveCalls().count(c) == 0)
            return false;
        try {
            call(*c);
            return true;
        } catch (const Error &e) {
            std::cerr << "pjsua2rs: Call::" << what << " threw " << e.info() << std::endl;
        } catch (const std::exception &e) {
            std::cerr << "pjsua2rs: Call::" << what << " threw " << e.what() << std::endl;
        } catch (...) {
            std::cerr << "pjsua2rs: Call::" << what << " threw" << std::endl;
        }
        return false;
    }

    /** Calls `fn` with `info` as what getInfo() returns on this thread meanwhile. The
     *  Call may delete itself in `fn`: nothing of it is touched afterwards then. */
    template <typename F>
    static void withEvent(Call &c, const pjsua2rs_c::pjsua2rs_call_info *info, F fn) {
        const pjsua2rs_c::pjsua2rs_call_info *prevInfo = c.eventInfo_;
        std::thread::id prevThread = c.eventThread_;
        c.eventInfo_ = info;
        c.eventThread_ = std::this_thread::get_id();
        if (info->state == PJSIP_INV_STATE_DISCONNECTED)
            c.ended_ = true;
        Call *self = &c;
        fn();
        // The application may have deleted the Call in its callback (PJSUA2 apps do after
        // DISCONNECTED): the destructor took it out of the live set then.
        if (detail::liveCalls().count(self)) {
            self->eventInfo_ = prevInfo;
            self->eventThread_ = prevThread;
        }
    }

    static void stateThunk(void *ud, const pjsua2rs_c::pjsua2rs_on_call_state_param *p) {
        dispatch(ud, "onCallState", [&](Call &c) {
            OnCallStateParam prm;
            withEvent(c, p->info, [&] { c.onCallState(prm); });
        });
    }
    static void mediaThunk(void *ud, const pjsua2rs_c::pjsua2rs_on_call_state_param *p) {
        dispatch(ud, "onCallMediaState", [&](Call &c) {
            OnCallMediaStateParam prm;
            withEvent(c, p->info, [&] { c.onCallMediaState(prm); });
        });
    }
    static void tsxThunk(void *ud, const pjsua2rs_c::pjsua2rs_on_call_tsx_state_param *p) {
        OnCallTsxStateParam prm;
        prm.e = detail::tsxEvent(detail::text(p->method), p->role, p->state, p->status_code,
                                 detail::text(p->status_text), detail::rxData(p->rdata));
        dispatch(ud, "onCallTsxState", [&](Call &c) { c.onCallTsxState(prm); });
    }
    static void dtmfThunk(void *ud, const pjsua2rs_c::pjsua2rs_on_dtmf_digit_param *p) {
        OnDtmfDigitParam prm;
        prm.method = static_cast<pjsua_dtmf_method>(p->method);
        prm.digit = detail::text(p->digit);
        prm.duration = p->duration;
        dispatch(ud, "onDtmfDigit", [&](Call &c) { c.onDtmfDigit(prm); });
    }
    /** The C handle of a Call handed over as newCall (0 for none or an unusable one). */
    static pjsua2rs_c::pjsua2rs_call newCallHandle(Call &self, Call *nc, const char *label) {
        if (!nc)
            return 0;
        if (nc == &self || nc->id_ != PJSUA_INVALID_ID) {
            std::cerr << "pjsua2rs: " << label << " must be a new Call(acc) with no call"
                      << std::endl;
            return 0;
        }
        return nc->handle_;
    }
    static void xferRequestThunk(void *ud,
                                 pjsua2rs_c::pjsua2rs_on_call_transfer_request_param *p) {
        dispatch(ud, "onCallTransferRequest", [&](Call &c) {
            OnCallTransferRequestParam prm;
            prm.dstUri = detail::fromC(p->dst_uri);
            prm.statusCode = static_cast<pjsip_status_code>(p->status_code);
            c.onCallTransferRequest(prm);
            detail::toC(p->dst_uri, prm.dstUri, "OnCallTransferRequestParam.dstUri");
            p->status_code = prm.statusCode;
            if (prm.statusCode < 300)
                p->new_call =
                    newCallHandle(c, prm.newCall, "OnCallTransferRequestParam.newCall");
        });
    }
    static void xferStatusThunk(void *ud,
                                pjsua2rs_c::pjsua2rs_on_call_transfer_status_param *p) {
        dispatch(ud, "onCallTransferStatus", [&](Call &c) {
            OnCallTransferStatusParam prm;
            prm.statusCode = static_cast<pjsip_status_code>(p->status_code);
            prm.reason = detail::text(p->reason);
            prm.finalNotify = p->final_notify;
            prm.cont = p->cont;
            c.onCallTransferStatus(prm);
            p->cont = prm.cont;
        });
    }
    static void replaceRequestThunk(void *ud,
                                    pjsua2rs_c::pjsua2rs_on_call_replace_request_param *p) {
        dispatch(ud, "onCallReplaceRequest", [&](Call &c) {
            OnCallReplaceRequestParam prm;
            prm.rdata = detail::rxData(p->rdata);
            prm.statusCode = static_cast<pjsip_status_code>(p->status_code);
            prm.reason = detail::fromC(p->reason);
            c.onCallReplaceRequest(prm);
            detail::toC(p->reason, prm.reason, "OnCallReplaceRequestParam.reason");
            p->status_code = prm.statusCode;
            c.replacement_ = nullptr;
            if (prm.statusCode < 300) {
                p->new_call =
                    newCallHandle(c, prm.newCall, "OnCallReplaceRequestParam.newCall");
                if (p->new_call)
                    c.replacement_ = prm.newCall;
            }
        });
    }
    static void replacedThunk(void *ud, const pjsua2rs_c::pjsua2rs_on_call_replaced_param *p) {
        dispatch(ud, "onCallReplaced", [&](Call &c) {
            OnCallReplacedParam prm;
            prm.newCallId = p->new_call_id;
            Call *nc = c.replacement_;
            c.replacement_ = nullptr;
            if (nc && detail::liveCalls().count(nc) && nc->getId() == p->new_call_id)
                prm.newCall = nc;
            c.onCallReplaced(prm);
        });
    }
    static int redirectedThunk(void *ud, const pjsua2rs_c::pjsua2rs_on_call_redirected_param *p) {
        OnCallRedirectedParam prm;
        prm.targetUri = detail::text(p->target_uri);
        SipRxData rdata = detail::rxData(p->rdata);
        // The status line of the 3xx: "SIP/2.0 302 Moved Temporarily".
        int code = 0;
        string reason;
        const string &msg = rdata.wholeMsg;
        if (msg.compare(0, 8, "SIP/2.0 ") == 0 && msg.size() >= 11) {
            code = std::atoi(msg.substr(8, 3).c_str());
            string line = msg.substr(0, msg.find_first_of("\r\n"));
            reason = line.size() > 12 ? line.substr(12) : "";
        }
        prm.e = detail::tsxEvent("INVITE", PJSIP_ROLE_UAC, PJSIP_TSX_STATE_COMPLETED, code, reason,
                                 rdata);
        pjsip_redirect_op op = PJSIP_REDIRECT_STOP;
        dispatch(ud, "onCallRedirected", [&](Call &c) { op = c.onCallRedirected(prm); });
        return op;
    }
    static void rxOfferThunk(void *ud, const pjsua2rs_c::pjsua2rs_on_call_rx_offer_param *p) {
        dispatch(ud, "onCallRxOffer", [&](Call &c) {
            if (p->reinvite) {
                OnCallRxReinviteParam re;
                re.offer.wholeSdp = detail::text(p->offer);
                re.statusCode = PJSIP_SC_OK;
                c.onCallRxReinvite(re);
            }
            OnCallRxOfferParam prm;
            prm.offer.wholeSdp = detail::text(p->offer);
            prm.statusCode = PJSIP_SC_OK;
            c.onCallRxOffer(prm);
        });
    }
    static void imThunk(void *ud, const pjsua2rs_c::pjsua2rs_on_instant_message_param *p) {
        OnInstantMessageParam prm;
        prm.fromUri = detail::text(p->from_uri);
        prm.toUri = detail::text(p->to_uri);
        prm.contactUri = detail::text(p->contact_uri);
        prm.contentType = detail::text(p->content_type);
        prm.msgBody = detail::text(p->msg_body);
        prm.rdata = detail::rxData(p->rdata);
        dispatch(ud, "onInstantMessage", [&](Call &c) { c.onInstantMessage(prm); });
    }
    static void imStatusThunk(void *ud,
                              const pjsua2rs_c::pjsua2rs_on_instant_message_status_param *p) {
        OnInstantMessageStatusParam prm;
        prm.toUri = detail::text(p->to_uri);
        prm.msgBody = detail::text(p->msg_body);
        prm.code = static_cast<pjsip_status_code>(p->code);
        prm.reason = detail::text(p->reason);
        prm.rdata = detail::rxData(p->rdata);
        dispatch(ud, "onInstantMessageStatus", [&](Call &c) {
            prm.userData = c.tookMessage(prm.msgBody);
            c.onInstantMessageStatus(prm);
        });
    }
    static void typingThunk(void *ud, const pjsua2rs_c::pjsua2rs_on_typing_indication_param *p) {
        OnTypingIndicationParam prm;
        prm.fromUri = detail::text(p->from_uri);
        prm.toUri = detail::text(p->to_uri);
        prm.contactUri = detail::text(p->contact_uri);
        prm.isTyping = p->is_typing;
        prm.rdata = detail::rxData(p->rdata);
        dispatch(ud, "onTypingIndication", [&](Call &c) { c.onTypingIndication(prm); });
    }

    /** The userData of our oldest MESSAGE with `body` awaiting its status. */
    Token tookMessage(const string &body) {
        std::lock_guard<std::mutex> g(imsLock_);
        for (auto it = sentIms_.begin(); it != sentIms_.end(); ++it)
            if (it->first == body) {
                Token t = it->second;
                sentIms_.erase(it);
                return t;
            }
        return nullptr;
    }

    Account *acc_;
    pjsua2rs_c::pjsua2rs_call handle_ = 0;
    pjsua2rs_c::pjsua2rs_endpoint ep_ = 0;
    mutable int id_ = PJSUA_INVALID_ID;
    bool ended_ = false;
    Token userData_ = nullptr;
    Call *replacement_ = nullptr;
    const pjsua2rs_c::pjsua2rs_call_info *eventInfo_ = nullptr;
    std::thread::id eventThread_;
    std::mutex imsLock_;
    std::vector<std::pair<string, Token>> sentIms_;
};

namespace detail {

inline void releaseCalls(pjsua2rs_c::pjsua2rs_endpoint ep) {
    std::lock_guard<std::recursive_mutex> guard(callLock());
    for (Call *c : liveCalls())
        if (c->ep_ == ep && c->handle_ != 0) {
            pjsua2rs_c::pjsua2rs_call_destroy(c->handle_); // frees the stale handle
            c->handle_ = 0;
            c->ended_ = true;
        }
}

} // namespace detail

} // namespace pj

#endif /* PJSUA2RS_CALL_HPP */
