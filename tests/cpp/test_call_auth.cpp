/* A call through the C++ binding whose INVITE a sipp UAS challenges with 407
 * (tests/sipp/uas_auth_invite.xml): AccountConfig::sipConfig.authCreds answer it, the call
 * is CONFIRMED, and the BYE carries credentials without a new challenge (sipp checks
 * them; its exit status is its verdict). Then a wrong password (uas_auth_reject.xml): the
 * call ends DISCONNECTED with the second 407, and no third INVITE goes. */
#include "check.hpp"
#include "sipp.hpp"

#include <chrono>
#include <thread>

using namespace pj;

static const int WAIT_SECS = 10;

/* Records the states of its onCallState. */
class AuthCall : public Call {
  public:
    explicit AuthCall(Account &acc) : Call(acc) {}
    std::vector<CallInfo> states;

    virtual void onCallState(OnCallStateParam &) { states.push_back(getInfo()); }

    const CallInfo *state(pjsip_inv_state s) const {
        for (const CallInfo &ci : states)
            if (ci.state == s)
                return &ci;
        return nullptr;
    }
};

class AuthAccount : public Account {
  public:
    ~AuthAccount() { shutdown(); }
};

/* A poll-mode endpoint with a UDP transport on 127.0.0.1 and the account
 * sip:alice@127.0.0.1 answering challenges of any realm with `password`. */
struct Alice {
    Endpoint ep;
    AuthAccount acc;

    explicit Alice(const string &password) {
        ep.libCreate();
        ep.libInit(quietConfig());
        ep.transportCreate(PJSIP_TRANSPORT_UDP, loopback());
        ep.libStart();
        ep.audDevManager().setNullDev();
        AccountConfig cfg;
        cfg.idUri = "sip:alice@127.0.0.1";
        cfg.sipConfig.authCreds.push_back(AuthCredInfo("digest", "*", "alice", 0, password));
        acc.create(cfg);
    }

    /* Pumps events until `call` reported state `s`; false after WAIT_SECS. */
    bool until(const AuthCall &call, pjsip_inv_state s) {
        auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(WAIT_SECS);
        while (!call.state(s)) {
            if (std::chrono::steady_clock::now() > deadline)
                return false;
            ep.libHandleEvents(5);
        }
        return true;
    }
};

static void challengedInviteAnswered() {
    Alice alice("secret");
    Sipp sipp("uas_auth_invite.xml", {"-key", "user", "alice"});
    CHECK(sipp.pid > 0);
    AuthCall call(alice.acc);
    call.makeCall("sip:anyone@127.0.0.1:" + std::to_string(sipp.port), CallOpParam(true));
    CHECK(alice.until(call, PJSIP_INV_STATE_CONFIRMED));
    const CallInfo *up = call.state(PJSIP_INV_STATE_CONFIRMED);
    CHECK(up && up->lastStatusCode == PJSIP_SC_OK);
    call.hangup(CallOpParam());
    CHECK(alice.until(call, PJSIP_INV_STATE_DISCONNECTED));
    CHECK(sipp.wait() == 0);
    std::vector<pjsip_inv_state> seen;
    for (const CallInfo &ci : call.states)
        seen.push_back(ci.state);
    CHECK((seen == std::vector<pjsip_inv_state>{PJSIP_INV_STATE_CALLING,
                                                 PJSIP_INV_STATE_CONNECTING,
                                                 PJSIP_INV_STATE_CONFIRMED,
                                                 PJSIP_INV_STATE_DISCONNECTED}));
}

static void wrongPasswordEndsTheCall() {
    Alice alice("wrong");
    Sipp sipp("uas_auth_reject.xml");
    CHECK(sipp.pid > 0);
    AuthCall call(alice.acc);
    call.makeCall("sip:anyone@127.0.0.1:" + std::to_string(sipp.port), CallOpParam(true));
    CHECK(alice.until(call, PJSIP_INV_STATE_DISCONNECTED));
    const CallInfo *end = call.state(PJSIP_INV_STATE_DISCONNECTED);
    CHECK(end && end->lastStatusCode == PJSIP_SC_PROXY_AUTHENTICATION_REQUIRED);
    CHECK(call.states.size() == 2);
    // sipp fails if a third INVITE comes within 2 s of the second 407.
    CHECK(sipp.wait() == 0);
}

int main() {
    run("a 407 to the INVITE answered with authCreds", challengedInviteAnswered);
    run("a wrong password ends the call", wrongPasswordEndsTheCall);
    return finish("test_call_auth");
}
