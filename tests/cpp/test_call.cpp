/* pj::Call through the C++ binding: two endpoints in one process on loopback (poll mode),
 * a call from alice to bob, rung and answered (the states and CallInfo on both sides),
 * held and resumed, DTMF over INFO, a MESSAGE with its userData, hung up; then errors as
 * pj::Error (bad URI, stale Call, unsupported members), a Call deleted while active (the
 * call is hung up), `delete this` in onCallState, Call::lookup, and thread mode. */
#include "check.hpp"

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <thread>

using namespace pj;

static const int WAIT_SECS = 10;

/* Records its callbacks. Event lists are guarded by `lock` (thread mode). */
class MyCall : public Call {
  public:
    MyCall(Account &acc, int call_id = PJSUA_INVALID_ID) : Call(acc, call_id) {}

    std::vector<CallInfo> states;
    std::vector<pjsua_call_media_status> media;
    std::vector<string> log;
    std::vector<std::thread::id> threads;
    std::mutex lock;

    virtual void onCallState(OnCallStateParam &prm) {
        CallInfo ci = getInfo(); // the info of this event, DISCONNECTED included
        std::lock_guard<std::mutex> g(lock);
        CHECK(prm.e.type == PJSIP_EVENT_UNKNOWN);
        CHECK(ci.id == getId());
        states.push_back(ci);
        threads.push_back(std::this_thread::get_id());
    }
    virtual void onCallMediaState(OnCallMediaStateParam &) {
        CallInfo ci = getInfo();
        std::lock_guard<std::mutex> g(lock);
        media.push_back(ci.media.empty() ? PJSUA_CALL_MEDIA_NONE : ci.media[0].status);
    }
    virtual void onDtmfDigit(OnDtmfDigitParam &prm) {
        std::lock_guard<std::mutex> g(lock);
        log.push_back("dtmf " + prm.digit + " " + std::to_string(prm.method));
    }
    virtual void onCallTsxState(OnCallTsxStateParam &prm) {
        const SipTransaction &t = prm.e.body.tsxState.tsx;
        std::lock_guard<std::mutex> g(lock);
        CHECK(prm.e.type == PJSIP_EVENT_TSX_STATE);
        log.push_back("tsx " + t.method + " " + std::to_string(t.role) + " " +
                      std::to_string(t.statusCode));
    }
    virtual void onCallRxReinvite(OnCallRxReinviteParam &prm) {
        std::lock_guard<std::mutex> g(lock);
        log.push_back(string("rx_reinvite sendonly=") +
                      (prm.offer.wholeSdp.find("a=sendonly") != string::npos ? "1" : "0"));
    }
    virtual void onInstantMessage(OnInstantMessageParam &prm) {
        std::lock_guard<std::mutex> g(lock);
        log.push_back("im " + prm.contentType + " " + prm.msgBody);
    }
    virtual void onInstantMessageStatus(OnInstantMessageStatusParam &prm) {
        std::lock_guard<std::mutex> g(lock);
        log.push_back("im_status " + std::to_string(prm.code) + " " +
                      (prm.userData ? static_cast<const char *>(prm.userData) : "(null)"));
    }

    bool hasState(pjsip_inv_state s) {
        std::lock_guard<std::mutex> g(lock);
        for (const CallInfo &ci : states)
            if (ci.state == s)
                return true;
        return false;
    }
    CallInfo lastState() {
        std::lock_guard<std::mutex> g(lock);
        return states.back();
    }
    pjsua_call_media_status lastMedia() {
        std::lock_guard<std::mutex> g(lock);
        return media.empty() ? PJSUA_CALL_MEDIA_NONE : media.back();
    }
    size_t count(const string &prefix) {
        std::lock_guard<std::mutex> g(lock);
        size_t n = 0;
        for (const string &e : log)
            n += e.compare(0, prefix.size(), prefix) == 0;
        return n;
    }
    bool logged(const string &entry) {
        std::lock_guard<std::mutex> g(lock);
        for (const string &e : log)
            if (e == entry)
                return true;
        return false;
    }
};

/* Takes its incoming calls (answering with `answerCode` if set) or leaves them. */
class MyAccount : public Account {
  public:
    std::vector<std::unique_ptr<MyCall>> incoming;
    std::atomic<int> answerCode{0};
    std::mutex lock;

    ~MyAccount() { shutdown(); }

    virtual void onIncomingCall(OnIncomingCallParam &prm) {
        std::unique_ptr<MyCall> c(new MyCall(*this, prm.callId));
        CHECK(c->getId() == prm.callId);
        CHECK(prm.rdata.wholeMsg.compare(0, 7, "INVITE ") == 0);
        CallInfo ci = c->getInfo();
        CHECK(ci.state == PJSIP_INV_STATE_INCOMING && ci.role == PJSIP_ROLE_UAS);
        if (answerCode) {
            CallOpParam op;
            op.statusCode = static_cast<pjsip_status_code>(answerCode.load());
            c->answer(op);
        }
        std::lock_guard<std::mutex> g(lock);
        incoming.push_back(std::move(c));
    }
    MyCall *call(size_t i) {
        std::lock_guard<std::mutex> g(lock);
        return i < incoming.size() ? incoming[i].get() : nullptr;
    }
};

/* An endpoint with a UDP transport on 127.0.0.1 and the account sip:<user>@127.0.0.1. */
struct Phone {
    Endpoint ep;
    MyAccount acc;
    string uri;
    bool poll;

    Phone(const string &user, bool poll_mode = true) : poll(poll_mode) {
        ep.libCreate();
        ep.libInit(quietConfig(poll));
        TransportId tid = ep.transportCreate(PJSIP_TRANSPORT_UDP, loopback());
        ep.libStart();
        ep.audDevManager().setNullDev();
        string addr = ep.transportGetInfo(tid).localAddress;
        uri = "sip:" + user + "@127.0.0.1:" + addr.substr(addr.rfind(':') + 1);
        AccountConfig cfg;
        cfg.idUri = "sip:" + user + "@127.0.0.1";
        acc.create(cfg);
    }
};

/* Pumps the poll-mode endpoints (or sleeps) until `done()`; false after WAIT_SECS. */
template <typename F> static bool until(std::initializer_list<Phone *> phones, F done) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(WAIT_SECS);
    while (!done()) {
        if (std::chrono::steady_clock::now() > deadline)
            return false;
        bool polled = false;
        for (Phone *p : phones)
            if (p->poll) {
                p->ep.libHandleEvents(2);
                polled = true;
            }
        if (!polled)
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return true;
}

static CallOpParam op(int code = 0, unsigned flag = 0) {
    CallOpParam prm(true);
    prm.statusCode = static_cast<pjsip_status_code>(code);
    prm.opt.flag |= flag;
    return prm;
}

static void answeredHeldDtmfHungUp() {
    Phone a("alice"), b("bob");
    MyCall out(a.acc);
    CHECK(out.getId() == PJSUA_INVALID_ID && !out.isActive());
    out.makeCall(b.uri, CallOpParam(true));
    CHECK(out.isActive() && out.getId() != PJSUA_INVALID_ID);
    CHECK(until({&a, &b}, [&] { return b.acc.call(0) != nullptr; }));
    MyCall *inc = b.acc.call(0);
    if (!inc)
        return;
    inc->answer(op(180));
    CHECK(until({&a, &b}, [&] { return out.hasState(PJSIP_INV_STATE_EARLY); }));
    inc->answer(op(200));
    CHECK(until({&a, &b}, [&] {
        return out.hasState(PJSIP_INV_STATE_CONFIRMED) && inc->hasState(PJSIP_INV_STATE_CONFIRMED);
    }));
    CallInfo oi = out.getInfo(), ii = inc->getInfo();
    CHECK(oi.role == PJSIP_ROLE_UAC && ii.role == PJSIP_ROLE_UAS);
    CHECK(oi.state == PJSIP_INV_STATE_CONFIRMED && oi.stateText == "CONFIRMED");
    CHECK(oi.lastStatusCode == PJSIP_SC_OK && oi.lastReason == "OK");
    CHECK(oi.callIdString == ii.callIdString && !oi.callIdString.empty());
    CHECK(oi.accId == a.acc.getId() && ii.accId == b.acc.getId());
    CHECK(ii.remoteUri.find("sip:alice@127.0.0.1") != string::npos);
    CHECK(oi.remoteContact.find("bob@127.0.0.1") != string::npos);
    CHECK(!oi.remOfferer && ii.remOfferer && ii.remAudioCount == 1);
    CHECK(oi.media.size() == 1 && oi.media[0].type == PJMEDIA_TYPE_AUDIO &&
          oi.media[0].dir == PJMEDIA_DIR_ENCODING_DECODING &&
          oi.media[0].status == PJSUA_CALL_MEDIA_ACTIVE && oi.media[0].audioConfSlot > 0);
    {
        std::lock_guard<std::mutex> g(out.lock);
        std::vector<pjsip_inv_state> seq;
        for (const CallInfo &ci : out.states)
            seq.push_back(ci.state);
        CHECK((seq == std::vector<pjsip_inv_state>{PJSIP_INV_STATE_CALLING, PJSIP_INV_STATE_EARLY,
                                                     PJSIP_INV_STATE_CONNECTING,
                                                     PJSIP_INV_STATE_CONFIRMED}));
    }

    // Hold and resume.
    out.setHold(op());
    CHECK(until({&a, &b}, [&] {
        return out.lastMedia() == PJSUA_CALL_MEDIA_LOCAL_HOLD &&
               inc->lastMedia() == PJSUA_CALL_MEDIA_REMOTE_HOLD;
    }));
    CHECK(out.getInfo().media[0].dir == PJMEDIA_DIR_ENCODING);
    CHECK(inc->logged("rx_reinvite sendonly=1"));
    out.reinvite(op(0, PJSUA_CALL_UNHOLD));
    CHECK(until({&a, &b}, [&] {
        return out.lastMedia() == PJSUA_CALL_MEDIA_ACTIVE &&
               inc->lastMedia() == PJSUA_CALL_MEDIA_ACTIVE;
    }));

    // DTMF over INFO, then as RFC 2833 events in the audio stream.
    CallSendDtmfParam dtmf;
    CHECK(dtmf.method == PJSUA_DTMF_METHOD_RFC2833 && dtmf.duration == 160);
    dtmf.method = PJSUA_DTMF_METHOD_SIP_INFO;
    dtmf.digits = "12#";
    out.sendDtmf(dtmf);
    CHECK(until({&a, &b}, [&] { return inc->count("dtmf ") == 3; }));
    CHECK(inc->logged("dtmf 1 1") && inc->logged("dtmf 2 1") && inc->logged("dtmf # 1"));
    CHECK(until({&a, &b}, [&] { return out.count("tsx INFO 0 200") == 3; }));
    out.dialDtmf("45");
    dtmf.method = PJSUA_DTMF_METHOD_RFC2833;
    dtmf.digits = "*";
    out.sendDtmf(dtmf);
    CHECK(until({&a, &b}, [&] { return inc->count("dtmf ") == 6; }));
    CHECK(inc->logged("dtmf 4 0") && inc->logged("dtmf 5 0") && inc->logged("dtmf * 0"));
    EXPECT_ERROR(out.dialDtmf("4x"), PJMEDIA_RTP_EINDTMF);

    // A MESSAGE: its userData comes back with the status.
    SendInstantMessageParam im;
    CHECK(im.contentType == "text/plain" && im.userData == nullptr);
    static char token[] = "token";
    im.content = "hello bob";
    im.userData = token;
    out.sendInstantMessage(im);
    CHECK(until({&a, &b}, [&] {
        return inc->logged("im text/plain hello bob") && out.logged("im_status 200 token");
    }));

    // Bob hangs up; both Calls are unlinked and keep their ids.
    int id = out.getId();
    inc->hangup(CallOpParam());
    CHECK(until({&a, &b}, [&] {
        return out.hasState(PJSIP_INV_STATE_DISCONNECTED) &&
               inc->hasState(PJSIP_INV_STATE_DISCONNECTED);
    }));
    CallInfo end = out.lastState();
    CHECK(end.state == PJSIP_INV_STATE_DISCONNECTED && end.stateText == "DISCONNECTED");
    CHECK(end.lastStatusCode == PJSIP_SC_OK);
    CHECK(!out.isActive() && out.getId() == id);
    try {
        out.hangup(CallOpParam());
        CHECK(!"hangup of an ended call threw");
    } catch (const Error &e) {
        CHECK(e.status != PJ_SUCCESS && e.title == "Call::hangup()" && !e.reason.empty());
    }
    CHECK(Call::lookup(id) == nullptr);
}

/* PJSUA2's pattern: the Call deletes itself at DISCONNECTED. */
class SelfDeleting : public MyCall {
  public:
    std::atomic<bool> *gone;
    SelfDeleting(Account &acc, std::atomic<bool> *flag) : MyCall(acc), gone(flag) {}
    virtual void onCallState(OnCallStateParam &prm) {
        MyCall::onCallState(prm);
        if (getInfo().state == PJSIP_INV_STATE_DISCONNECTED) {
            *gone = true;
            delete this;
        }
    }
};

static void errorsAndLifetimes() {
    Phone a("alice"), b("bob");
    b.acc.answerCode = 200;
    {
        MyCall c(a.acc);
        EXPECT_ERROR(c.makeCall("not a uri", CallOpParam(true)), PJSIP_EINVALIDURI);
        EXPECT_ERROR(c.hangup(CallOpParam()), PJ_EINVALIDOP); // no call yet
        CallOpParam prm(true);
        prm.txOption.targetUri = "sip:x@127.0.0.1";
        EXPECT_ERROR(c.makeCall(b.uri, prm), PJ_ENOTSUP);
        prm = CallOpParam(true);
        prm.reason = string(300, 'x');
        EXPECT_ERROR(c.makeCall(b.uri, prm), PJ_ENAMETOOLONG);
        prm = CallOpParam(true);
        prm.statusCode = static_cast<pjsip_status_code>(1000);
        EXPECT_ERROR(c.makeCall(b.uri, prm), PJ_EINVAL);
        EXPECT_ERROR(MyCall(a.acc, 3), PJ_ENOTFOUND); // no call with that id
    }
    // A Call deleted while its call is active hangs it up.
    {
        std::unique_ptr<MyCall> c(new MyCall(a.acc));
        c->makeCall(b.uri, CallOpParam(true));
        CHECK(until({&a, &b}, [&] { return c->hasState(PJSIP_INV_STATE_CONFIRMED); }));
        CHECK(until({&a, &b}, [&] {
            return b.acc.call(0) && b.acc.call(0)->hasState(PJSIP_INV_STATE_CONFIRMED);
        }));
        c.reset();
        CHECK(until({&a, &b}, [&] {
            return b.acc.call(0)->hasState(PJSIP_INV_STATE_DISCONNECTED);
        }));
    }
    // delete this in onCallState(DISCONNECTED).
    std::atomic<bool> gone{false};
    SelfDeleting *s = new SelfDeleting(a.acc, &gone);
    s->makeCall(b.uri, CallOpParam(true));
    CHECK(until({&a, &b}, [&] { return b.acc.call(1) != nullptr; }));
    CHECK(until({&a, &b}, [&] { return b.acc.call(1)->hasState(PJSIP_INV_STATE_CONFIRMED); }));
    b.acc.call(1)->hangup(CallOpParam());
    CHECK(until({&a, &b}, [&] { return gone.load(); }));
    // lookup finds bob's live Calls in Endpoint::instance() (bob's endpoint, made last).
    MyCall out(a.acc);
    out.makeCall(b.uri, CallOpParam(true));
    CHECK(until({&a, &b}, [&] { return b.acc.call(2) != nullptr; }));
    CHECK(Call::lookup(b.acc.call(2)->getId()) == b.acc.call(2));
    b.ep.hangupAllCalls();
    CHECK(until({&a, &b}, [&] { return out.hasState(PJSIP_INV_STATE_DISCONNECTED); }));
    // After libDestroy the Call objects are stale.
    a.ep.libDestroy();
    EXPECT_ERROR(out.hangup(CallOpParam()), PJSUA2RS_ERR_INVALID_HANDLE);
    CHECK(!out.isActive());
}

static void threadMode() {
    Phone a("alice", false), b("bob", false);
    b.acc.answerCode = 200;
    for (int i = 0; i < 10; i++) {
        MyCall out(a.acc);
        out.makeCall(b.uri, CallOpParam(true));
        CHECK(until({&a, &b}, [&] { return out.hasState(PJSIP_INV_STATE_CONFIRMED); }));
        {
            std::lock_guard<std::mutex> g(out.lock);
            // The first onCallState may run before makeCall returned: getId() was right.
            CHECK(out.states.front().id == out.getId());
            CHECK(out.threads.front() != std::this_thread::get_id());
        }
        out.hangup(CallOpParam());
        CHECK(until({&a, &b}, [&] { return out.hasState(PJSIP_INV_STATE_DISCONNECTED); }));
    }
}

int main() {
    run("answered, held, DTMF, message, hung up", answeredHeldDtmfHungUp);
    run("errors and lifetimes", errorsAndLifetimes);
    run("thread mode", threadMode);
    return finish("test_call");
}
