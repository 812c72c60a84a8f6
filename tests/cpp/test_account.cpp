/* pj::Account through the C++ binding: registering and unregistering with digest
 * authentication against sipp's scripted registrar (tests/sipp/registrar_auth.xml, whose
 * exit status is its verdict on what the client sent), in poll mode and in thread mode,
 * with the callbacks' params; an exception thrown by a callback; errors as pj::Error;
 * lookup, the default account, shutdown, the destructor and libDestroy. */
#include "check.hpp"
#include "sipp.hpp"

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

using namespace pj;

/* Seconds any one event may take on loopback. */
static const int WAIT_SECS = 10;

/* Records its callbacks; wait() blocks (bounded) until a number of onRegState calls. */
class MyAccount : public Account {
  public:
    std::vector<bool> started;
    std::vector<OnRegStateParam> states;
    std::vector<std::thread::id> threads;
    bool throwInStarted = false;

    ~MyAccount() { shutdown(); } // no callback may reach a half-destroyed object

    virtual void onRegStarted(OnRegStartedParam &prm) {
        std::lock_guard<std::mutex> g(lock);
        started.push_back(prm.renew);
        threads.push_back(std::this_thread::get_id());
        if (throwInStarted)
            throw Error(PJ_EINVAL, "MyAccount::onRegStarted", "thrown on purpose", "", 0);
    }

    virtual void onRegState(OnRegStateParam &prm) {
        std::lock_guard<std::mutex> g(lock);
        states.push_back(prm);
        threads.push_back(std::this_thread::get_id());
        changed.notify_all();
    }

    /* Waits until `n` onRegState calls arrived, pumping libHandleEvents in poll mode. */
    bool wait(Endpoint &ep, size_t n, bool poll) {
        auto until = std::chrono::steady_clock::now() + std::chrono::seconds(WAIT_SECS);
        std::unique_lock<std::mutex> g(lock);
        while (states.size() < n && std::chrono::steady_clock::now() < until) {
            if (poll) {
                g.unlock();
                ep.libHandleEvents(10);
                g.lock();
            } else {
                changed.wait_until(g, until);
            }
        }
        return states.size() >= n;
    }

    std::mutex lock;
    std::condition_variable changed;
};

static AccountConfig accountConfig(const string &id, const string &registrar) {
    AccountConfig cfg;
    cfg.idUri = id;
    cfg.regConfig.registrarUri = registrar;
    cfg.regConfig.timeoutSec = 300;
    cfg.sipConfig.authCreds.push_back(AuthCredInfo("digest", "*", "alice", 0, "secret"));
    return cfg;
}

/* Register, check the params and getInfo, unregister, check sipp's verdict. */
static void registerAndUnregister(bool poll) {
    Endpoint ep;
    ep.libCreate();
    ep.libInit(quietConfig(poll));
    ep.transportCreate(PJSIP_TRANSPORT_UDP, loopback());
    ep.libStart();
    SippRegistrar sipp;
    CHECK(sipp.pid > 0);
    MyAccount acc;
    acc.throwInStarted = !poll; // thread mode: the exception must not stop delivery
    acc.create(accountConfig("\"Alice\" <sip:alice@127.0.0.1>", sipp.uri()));
    CHECK(acc.isValid() && acc.getId() >= 0 && Account::lookup(acc.getId()) == &acc);
    CHECK(acc.wait(ep, 1, poll));
    {
        std::lock_guard<std::mutex> g(acc.lock);
        CHECK(acc.started.size() == 1 && acc.started[0]);
        const OnRegStateParam &ok = acc.states.at(0);
        CHECK(ok.status == PJ_SUCCESS && ok.code == PJSIP_SC_OK && ok.reason == "OK");
        CHECK(ok.expiration == 300);
        CHECK(ok.rdata.wholeMsg.rfind("SIP/2.0 200", 0) == 0);
        CHECK(ok.rdata.srcAddress == "127.0.0.1:" + std::to_string(sipp.port));
        CHECK(ok.rdata.info.find("200/REGISTER") != string::npos);
        for (std::thread::id t : acc.threads)
            CHECK((t == std::this_thread::get_id()) == poll);
    }
    AccountInfo info = acc.getInfo();
    CHECK(info.id == acc.getId() && info.isDefault && acc.isDefault());
    CHECK(info.regIsConfigured && info.regIsActive && info.regStatus == PJSIP_SC_OK);
    CHECK(info.regStatusText == "OK" && info.regLastErr == PJ_SUCCESS);
    CHECK(info.regExpiresSec > 290 && info.regExpiresSec <= 300);
    CHECK(info.uri.find("sip:alice@127.0.0.1") != string::npos);

    acc.setRegistration(false);
    CHECK(acc.wait(ep, 2, poll));
    {
        std::lock_guard<std::mutex> g(acc.lock);
        CHECK(acc.started.size() == 2 && !acc.started[1]);
        CHECK(acc.states.at(1).code == PJSIP_SC_OK && acc.states.at(1).expiration == 0);
    }
    CHECK(!acc.getInfo().regIsActive);
    CHECK(sipp.wait() == 0);
}

static void errorsAndLifeCycle() {
    Endpoint ep;
    ep.libCreate();
    ep.libInit(quietConfig());
    ep.transportCreate(PJSIP_TRANSPORT_UDP, loopback());
    ep.libStart();

    MyAccount bad;
    try {
        bad.create(accountConfig("not a uri", ""));
        CHECK(!"no Error for a bad idUri");
    } catch (const Error &e) {
        CHECK(e.status == PJSIP_EINVALIDURI);
        CHECK(e.reason.find("AccountConfig.idUri") != string::npos);
    }
    CHECK(!bad.isValid() && bad.getId() == -1);

    MyAccount a, b;
    a.create(accountConfig("sip:a@127.0.0.1", ""));
    b.create(accountConfig("sip:b@127.0.0.1", ""), true);
    CHECK(b.isDefault() && !a.isDefault());
    a.setDefault();
    CHECK(a.isDefault() && !b.isDefault());
    EXPECT_ERROR(b.setRegistration(true), PJ_EINVALIDOP);
    EXPECT_ERROR(b.create(accountConfig("sip:b@127.0.0.1", "")), PJ_EINVALIDOP);
    EXPECT_ERROR(b.modify(accountConfig("bad", "")), PJSIP_EINVALIDURI);
    b.modify(accountConfig("sip:b2@127.0.0.1", ""));
    CHECK(b.getInfo().uri.find("sip:b2@127.0.0.1") != string::npos);
    CHECK(b.getInfo().regExpiresSec == PJSUA2RS_EXPIRES_NOT_SPECIFIED);
    b.setTransport(0);
    EXPECT_ERROR(b.setTransport(77), PJ_ENOTFOUND);

    int bId = b.getId();
    b.shutdown();
    CHECK(!b.isValid() && b.getId() == bId && Account::lookup(bId) == nullptr);
    EXPECT_ERROR(b.getInfo(), PJSUA2RS_ERR_INVALID_HANDLE);
    b.shutdown(); // again: nothing to do

    int cId;
    {
        MyAccount c;
        c.create(accountConfig("sip:c@127.0.0.1", ""));
        cId = c.getId();
        CHECK(Account::lookup(cId) == &c);
    }
    CHECK(Account::lookup(cId) == nullptr); // the destructor shut it down

    ep.libDestroy();
    CHECK(!a.isValid() && Account::lookup(a.getId()) == nullptr);
    EXPECT_ERROR(a.getInfo(), PJSUA2RS_ERR_INVALID_HANDLE);
}

int main() {
    run("registerAndUnregister(poll)", [] { registerAndUnregister(true); });
    run("registerAndUnregister(thread)", [] { registerAndUnregister(false); });
    run("errorsAndLifeCycle", errorsAndLifeCycle);
    return finish("test_account");
}
