/* pj::Account through the C++ binding, against real registrars on loopback: sipp's
 * scripted ones (tests/sipp/registrar_*.xml, whose exit status is their verdict on what
 * the client sent): digest register and unregister in poll and thread mode with the
 * callbacks' params, 423 retried with Min-Expires, a 10 s registration refreshed before
 * it expires, an account removed while its first REGISTER is outstanding (UDP and TCP,
 * poll and thread mode); and kamailio with digest users (kamailio.hpp) over UDP and TCP:
 * register, setRegistration(true) refresh, unregister, a wrong password, two accounts, an
 * account removed mid-registration. Also an exception thrown by a callback; errors as
 * pj::Error; lookup, the default account, shutdown, the destructor and libDestroy. */
#include "check.hpp"
#include "kamailio.hpp"
#include "sipp.hpp"

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>
#include <type_traits>

static_assert(std::is_same<decltype(pj::OnRegStateParam::expiration), unsigned>::value,
              "OnRegStateParam::expiration is unsigned, as in PJSUA2");

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
        changed.notify_all();
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
    bool wait(Endpoint &ep, size_t n, bool poll, int secs = WAIT_SECS) {
        return waitFor(ep, poll, [&] { return states.size() >= n; }, secs);
    }

    /* Waits (at most `secs`) until `done()` holds; `done` runs under the lock. */
    bool waitFor(Endpoint &ep, bool poll, const std::function<bool()> &done,
                 int secs = WAIT_SECS) {
        auto until = std::chrono::steady_clock::now() + std::chrono::seconds(secs);
        std::unique_lock<std::mutex> g(lock);
        while (!done() && std::chrono::steady_clock::now() < until) {
            if (poll) {
                g.unlock();
                ep.libHandleEvents(10);
                g.lock();
            } else {
                changed.wait_until(g, std::min(until, std::chrono::steady_clock::now() +
                                                          std::chrono::milliseconds(20)));
            }
        }
        return done();
    }

    std::mutex lock;
    std::condition_variable changed;
};

static AccountConfig accountConfig(const string &id, const string &registrar,
                                   const string &user = "alice",
                                   const string &password = "secret",
                                   unsigned expires = 300) {
    AccountConfig cfg;
    cfg.idUri = id;
    cfg.regConfig.registrarUri = registrar;
    cfg.regConfig.timeoutSec = expires;
    cfg.sipConfig.authCreds.push_back(AuthCredInfo("digest", "*", user, 0, password));
    return cfg;
}

/* A started endpoint with UDP and TCP transports on 127.0.0.1. */
static void startEndpoint(Endpoint &ep, bool poll = true) {
    ep.libCreate();
    ep.libInit(quietConfig(poll));
    ep.transportCreate(PJSIP_TRANSPORT_UDP, loopback());
    ep.transportCreate(PJSIP_TRANSPORT_TCP, loopback());
    ep.libStart();
}

/* The account's onRegState params so far (a copy, taken under its lock). */
static std::vector<OnRegStateParam> statesOf(MyAccount &acc) {
    std::lock_guard<std::mutex> g(acc.lock);
    return acc.states;
}

static size_t startedCount(MyAccount &acc, bool renew) {
    std::lock_guard<std::mutex> g(acc.lock);
    size_t n = 0;
    for (bool r : acc.started)
        n += r == renew;
    return n;
}

/* Runs libHandleEvents (poll mode) or sleeps for `msec`. */
static void pump(Endpoint &ep, int msec) {
    for (auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(msec);
         std::chrono::steady_clock::now() < until;)
        ep.libHandleEvents(10);
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

/* registrar_423.xml answers 423 with Min-Expires: 120 to the 30 s asked for; the retry
 * asks for 120 s and gets it. */
static void retriedWith423MinExpires() {
    Endpoint ep;
    startEndpoint(ep);
    Sipp sipp("registrar_423.xml");
    CHECK(sipp.pid > 0);
    MyAccount acc;
    acc.create(accountConfig("sip:alice@127.0.0.1", sipp.uri(), "a", "b", 30));
    CHECK(acc.wait(ep, 1, true));
    std::vector<OnRegStateParam> states = statesOf(acc);
    CHECK(states.size() == 1); // the 423 itself is not reported
    CHECK(!states.empty() && states[0].code == PJSIP_SC_OK && states[0].expiration == 120);
    AccountInfo info = acc.getInfo();
    CHECK(info.regIsActive && info.regExpiresSec > 110 && info.regExpiresSec <= 120);
    CHECK(sipp.wait() == 0);
}

/* registrar_refresh.xml grants 10 s whatever is asked and fails the run unless a refresh
 * arrives within those 10 s; delayBeforeRefreshSec (5) puts it at about 5 s. */
static void refreshedBeforeExpiry() {
    Endpoint ep;
    startEndpoint(ep);
    Sipp sipp("registrar_refresh.xml");
    CHECK(sipp.pid > 0);
    MyAccount acc;
    acc.create(accountConfig("sip:alice@127.0.0.1", sipp.uri()));
    CHECK(acc.wait(ep, 1, true));
    auto registered = std::chrono::steady_clock::now();
    CHECK(statesOf(acc).at(0).code == PJSIP_SC_OK && statesOf(acc).at(0).expiration == 10);
    AccountInfo info = acc.getInfo();
    CHECK(info.regIsActive && info.regExpiresSec > 0 && info.regExpiresSec <= 10);
    CHECK(acc.wait(ep, 2, true, 10));
    double waited = std::chrono::duration<double>(std::chrono::steady_clock::now() -
                                                  registered).count();
    CHECK(waited > 3 && waited < 10);
    std::vector<OnRegStateParam> states = statesOf(acc);
    CHECK(states.size() == 2 && states[1].code == PJSIP_SC_OK && states[1].expiration == 10);
    CHECK(startedCount(acc, true) == 2);
    CHECK(acc.getInfo().regIsActive);
    int verdict = sipp.wait();
    CHECK(verdict == 0);
    if (verdict != 0)
        std::cerr << sipp.output();
}

/* registrar_delay.xml answers the REGISTER after 1.5 s, then expects the binding's
 * removal: the account is shut down while its REGISTER is outstanding. shutdown returns
 * at once, the binding is removed in the background, and no callback comes after it. */
static void removedWhileRegistering(bool poll, const string &transport) {
    Endpoint ep;
    startEndpoint(ep, poll);
    Sipp sipp("registrar_delay.xml", {}, transport);
    CHECK(sipp.pid > 0);
    MyAccount acc;
    acc.create(accountConfig("sip:alice@127.0.0.1", sipp.uri()));
    CHECK(acc.waitFor(ep, poll, [&] { return !acc.started.empty(); }));
    int id = acc.getId();
    acc.shutdown();
    CHECK(!acc.isValid() && Account::lookup(id) == nullptr);
    EXPECT_ERROR(acc.getInfo(), PJSUA2RS_ERR_INVALID_HANDLE);
    for (int i = 0; i < 15 * 50 && sipp.running(); i++)
        pump(ep, 20);
    CHECK(sipp.wait() == 0); // the un-REGISTER came
    pump(ep, 50);
    std::lock_guard<std::mutex> g(acc.lock);
    CHECK(acc.started.size() == 1 && acc.states.empty()); // neither 200 was reported
}

/* kamailio over UDP or TCP: register, refresh on demand, unregister. */
static void kamailioRegisterRefreshUnregister(bool tcp) {
    Kamailio k(KamailioUsers{{"alice", "secret"}});
    CHECK(k.pid > 0);
    Endpoint ep;
    startEndpoint(ep);
    MyAccount acc;
    acc.create(accountConfig(k.aor("alice"), k.uri(tcp), "alice", "secret", 120));
    CHECK(acc.wait(ep, 1, true));
    OnRegStateParam ok = statesOf(acc).at(0);
    CHECK(ok.status == PJ_SUCCESS && ok.code == PJSIP_SC_OK && ok.reason == "OK");
    CHECK(ok.expiration == 120);
    std::vector<string> contacts = k.registeredContacts("alice");
    CHECK(contacts.size() == 1);
    CHECK(!contacts.empty() && contacts[0].find("127.0.0.1") != string::npos);
    CHECK(!contacts.empty() && (contacts[0].find("transport=tcp") != string::npos) == tcp);
    AccountInfo info = acc.getInfo();
    CHECK(info.regIsActive && info.regStatus == PJSIP_SC_OK && info.regLastErr == PJ_SUCCESS);
    CHECK(info.regExpiresSec > 110 && info.regExpiresSec <= 120);

    acc.setRegistration(true); // the same binding, renewed
    CHECK(acc.wait(ep, 2, true));
    CHECK(statesOf(acc).at(1).code == PJSIP_SC_OK && statesOf(acc).at(1).expiration == 120);
    CHECK(startedCount(acc, true) == 2);
    CHECK(k.registeredContacts("alice") == contacts);

    acc.setRegistration(false);
    CHECK(acc.wait(ep, 3, true));
    CHECK(statesOf(acc).at(2).code == PJSIP_SC_OK && statesOf(acc).at(2).expiration == 0);
    CHECK(startedCount(acc, false) == 1);
    CHECK(!acc.getInfo().regIsActive);
    CHECK(k.registeredContacts("alice").empty());
}

/* kamailio refuses a wrong password with 403, once (no retry loop); two accounts with the
 * right ones register side by side. */
static void kamailioWrongPasswordAndTwoAccounts() {
    Kamailio k(KamailioUsers{{"alice", "secret"}, {"bob", "b:o\\b"}});
    CHECK(k.pid > 0);
    Endpoint ep;
    startEndpoint(ep);
    MyAccount bad;
    bad.create(accountConfig(k.aor("alice"), k.uri(), "alice", "wrong", 120));
    CHECK(bad.wait(ep, 1, true));
    pump(ep, 2000);
    std::vector<OnRegStateParam> states = statesOf(bad);
    CHECK(states.size() == 1); // no retry
    CHECK(states.at(0).code == PJSIP_SC_FORBIDDEN && states.at(0).expiration == 0);
    AccountInfo info = bad.getInfo();
    // A final answer arrived, so the transaction did not fail: regLastErr is 0 (as PJSUA2).
    CHECK(!info.regIsActive && info.regStatus == PJSIP_SC_FORBIDDEN && info.regLastErr == 0);
    CHECK(k.registeredContacts("alice").empty());
    bad.shutdown();

    MyAccount alice, bob;
    alice.create(accountConfig(k.aor("alice"), k.uri(), "alice", "secret", 120));
    bob.create(accountConfig(k.aor("bob"), k.uri(true), "bob", "b:o\\b", 120));
    CHECK(alice.wait(ep, 1, true) && bob.wait(ep, 1, true));
    CHECK(statesOf(alice).at(0).code == PJSIP_SC_OK && statesOf(bob).at(0).code == PJSIP_SC_OK);
    CHECK(alice.getId() != bob.getId());
    CHECK(Account::lookup(alice.getId()) == &alice && Account::lookup(bob.getId()) == &bob);
    CHECK(alice.isDefault() && !bob.isDefault());
    CHECK(k.registeredContacts("alice").size() == 1);
    CHECK(k.registeredContacts("bob").size() == 1);
}

/* Removed right after creation, while kamailio's challenge or answer is on its way: the
 * registration completes and the binding is removed in the background, silently. */
static void kamailioRemovedMidRegistration() {
    Kamailio k(KamailioUsers{{"alice", "secret"}});
    CHECK(k.pid > 0);
    Endpoint ep;
    startEndpoint(ep);
    MyAccount acc;
    acc.create(accountConfig(k.aor("alice"), k.uri(), "alice", "secret", 120));
    acc.shutdown();
    CHECK(!acc.isValid());
    // Challenged, authenticated, removed: three REGISTERs, then no binding.
    for (int i = 0; i < WAIT_SECS * 50 && k.registersReceived() < 3; i++)
        pump(ep, 20);
    CHECK(k.registersReceived() >= 3);
    bool removed = false;
    for (int i = 0; i < 5 * 10 && !removed; i++) {
        removed = k.registeredContacts("alice").empty();
        if (!removed)
            pump(ep, 100);
    }
    CHECK(removed);
    pump(ep, 50);
    std::lock_guard<std::mutex> g(acc.lock);
    CHECK(acc.started.empty() && acc.states.empty()); // nothing after shutdown
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
    run("retriedWith423MinExpires", retriedWith423MinExpires);
    run("refreshedBeforeExpiry", refreshedBeforeExpiry);
    run("removedWhileRegistering(poll, udp)", [] { removedWhileRegistering(true, "u1"); });
    run("removedWhileRegistering(thread, udp)", [] { removedWhileRegistering(false, "u1"); });
    run("removedWhileRegistering(poll, tcp)", [] { removedWhileRegistering(true, "t1"); });
    run("removedWhileRegistering(thread, tcp)", [] { removedWhileRegistering(false, "t1"); });
    run("kamailioRegisterRefreshUnregister(udp)", [] { kamailioRegisterRefreshUnregister(false); });
    run("kamailioRegisterRefreshUnregister(tcp)", [] { kamailioRegisterRefreshUnregister(true); });
    run("kamailioWrongPasswordAndTwoAccounts", kamailioWrongPasswordAndTwoAccounts);
    run("kamailioRemovedMidRegistration", kamailioRemovedMidRegistration);
    run("errorsAndLifeCycle", errorsAndLifeCycle);
    return finish("test_account");
}
