/*
 * pjsua2rs_account.hpp: PJSUA2's Account (with AccountInfo and the params of the
 * registration and incoming-call callbacks) on the pjsua2rs C ABI's account handle. Included by pjsua2rs.hpp after
 * pjsua2rs_endpoint.hpp; do not include it alone.
 *
 * The library calls one static thunk per callback with the Account's address as user
 * data. Every thunk, Account::create, Account::shutdown and Account::lookup take one
 * recursive lock (detail::accountLock) and the thunks dispatch only to accounts still in
 * the live set: so once shutdown() returns, no callback of the account is running or will
 * run (unless shutdown() was called from that callback), and a destroyed Account is never
 * called. Callbacks are one at a time anyway (one library callback thread, or the thread
 * in libHandleEvents), so the lock costs no concurrency.
 */
#ifndef PJSUA2RS_ACCOUNT_HPP
#define PJSUA2RS_ACCOUNT_HPP

#include <atomic>
#include <exception>
#include <iostream>
#include <mutex>
#include <set>

namespace pj {

/** An account's details (PJSUA2's `AccountInfo`). */
struct AccountInfo {
    /** The account id. */
    int id = -1;
    /** Whether it is the default account. */
    bool isDefault = false;
    /** The account's URI (its idUri). */
    string uri;
    /** Whether it has a registrar. */
    bool regIsConfigured = false;
    /** Whether a binding is in place now. */
    bool regIsActive = false;
    /** Seconds until the binding expires; PJSUA2RS_EXPIRES_NOT_SPECIFIED without a
     *  registrar, 0 when not bound. */
    unsigned regExpiresSec = 0;
    /** The last REGISTER status: 0 never sent, 100 in progress, else the final code. */
    pjsip_status_code regStatus = static_cast<pjsip_status_code>(0);
    /** Its text. */
    string regStatusText;
    /** The last registration error, 0 if none. */
    pj_status_t regLastErr = 0;
    /** Presence: online. */
    bool onlineStatus = false;
    /** Presence text. */
    string onlineStatusText;
};

/** A received SIP message (PJSUA2's `SipRxData`). */
struct SipRxData {
    /** A one-line description ("Response msg 200/REGISTER/cseq=2"); "" when none. */
    string info;
    /** The whole message as received; "" when none. */
    string wholeMsg;
    /** Where it came from, "ip:port"; "" when none. */
    SocketAddress srcAddress;
};

/** The param of Account::onRegStarted (PJSUA2's `OnRegStartedParam`). */
struct OnRegStartedParam {
    /** True when registering or refreshing, false when unregistering. */
    bool renew = false;
};

/** The param of Account::onRegState (PJSUA2's `OnRegStateParam`). */
struct OnRegStateParam {
    /** 0 when a final response arrived, else why not. */
    pj_status_t status = 0;
    /** The SIP status (408 for no answer, 503 for a transport error). */
    pjsip_status_code code = static_cast<pjsip_status_code>(0);
    /** The reason phrase. */
    string reason;
    /** The response, when one arrived. */
    SipRxData rdata;
    /** The granted binding time in seconds (0 when unregistered or failed). */
    unsigned expiration = 0;
};

/** The param of Account::onIncomingCall (PJSUA2's `OnIncomingCallParam`). */
struct OnIncomingCallParam {
    /** The new call's id: take the call with `new MyCall(acc, callId)` now, or it is
     *  refused with 500, as PJSUA2 does. */
    int callId = 0;
    /** The INVITE. */
    SipRxData rdata;
};

class Account;

namespace detail {

/** The lock of account creation, shutdown, lookup and callback dispatch. */
inline std::recursive_mutex &accountLock() {
    static std::recursive_mutex lock;
    return lock;
}

/** The created, not shut down Accounts (guarded by accountLock). */
inline std::set<Account *> &liveAccounts() {
    static std::set<Account *> live;
    return live;
}

} // namespace detail

/** A SIP account (PJSUA2's `Account`): subclass it and override the onXxx callbacks.
 *  They run on the library's callback thread, or inside Endpoint::libHandleEvents in poll
 *  mode; an exception they throw is printed to stderr and goes no further. The account
 *  belongs to the Endpoint that was Endpoint::instance() at create(); libDestroy shuts it
 *  down. The destructor shuts it down too; in thread mode a subclass should call
 *  shutdown() in its own destructor (as PJSUA2 advises), so no callback can reach a
 *  half-destroyed object. Not copyable. */
class Account {
  public:
    /** An account object; call create() next. */
    Account() {}
    /** Shuts the account down (shutdown()). */
    virtual ~Account() { shutdown(); }
    Account(const Account &) = delete;
    Account &operator=(const Account &) = delete;

    /** Adds the account with `cfg`; registration starts when it has a registrar and
     *  regConfig.registerOnAdd. The first account, or one with `make_default`, becomes
     *  the default. */
    void create(const AccountConfig &cfg, bool make_default = false) PJSUA2_THROW(Error) {
        std::lock_guard<std::recursive_mutex> guard(detail::accountLock());
        if (handle_ != 0)
            throw Error(PJ_EINVALIDOP, "Account::create()", "the account was already created",
                        "", 0);
        pjsua2rs_c::pjsua2rs_endpoint ep = Endpoint::instance().handle_;
        if (ep == 0)
            throw Error(PJ_EINVALIDOP, "Account::create()", "libCreate() has not been called",
                        "", 0);
        std::unique_ptr<pjsua2rs_c::pjsua2rs_account_config> c = cConfig(cfg);
        pjsua2rs_c::pjsua2rs_account_callbacks cb;
        detail::check(pjsua2rs_c::pjsua2rs_account_callbacks_default(&cb, sizeof cb));
        cb.on_reg_started = &Account::regStartedThunk;
        cb.on_reg_state = &Account::regStateThunk;
        cb.on_incoming_call = &Account::incomingCallThunk;
        pjsua2rs_c::pjsua2rs_account handle = 0;
        // The thunks wait on the lock we hold, so they see the handle and id set.
        detail::check(pjsua2rs_c::pjsua2rs_account_create(ep, c.get(), make_default, &cb, this,
                                                          &handle));
        int id = -1;
        pjsua2rs_c::pjsua2rs_account_get_id(handle, &id);
        handle_ = handle;
        id_ = id;
        ep_ = ep;
        detail::liveAccounts().insert(this);
    }

    /** Replaces the account's config; a new registrar, identity or proxy list
     *  re-registers. */
    void modify(const AccountConfig &cfg) PJSUA2_THROW(Error) {
        detail::check(pjsua2rs_c::pjsua2rs_account_modify(handle_, cConfig(cfg).get()));
    }

    /** Whether the account exists in the library (created, not shut down, its Endpoint
     *  not destroyed). */
    bool isValid() const { return handle_ != 0; }

    /** Makes this the default account. */
    void setDefault() PJSUA2_THROW(Error) {
        detail::check(pjsua2rs_c::pjsua2rs_account_set_default(handle_));
    }

    /** Whether this is the default account (false when it is not valid). */
    bool isDefault() const {
        pjsua2rs_c::pjsua2rs_account_info info;
        return pjsua2rs_c::pjsua2rs_account_get_info(handle_, &info) == PJ_SUCCESS &&
               info.is_default;
    }

    /** The account id; -1 before create(). Kept after shutdown(), as PJSUA2 does. */
    int getId() const { return id_; }

    /** The live Account with id `acc_id` of Endpoint::instance(), or NULL. */
    static Account *lookup(int acc_id) {
        std::lock_guard<std::recursive_mutex> guard(detail::accountLock());
        Endpoint *ep = Endpoint::current();
        if (!ep || ep->handle_ == 0)
            return nullptr;
        for (Account *a : detail::liveAccounts())
            if (a->ep_ == ep->handle_ && a->id_ == acc_id)
                return a;
        return nullptr;
    }

    /** The account's details. */
    AccountInfo getInfo() const PJSUA2_THROW(Error) {
        pjsua2rs_c::pjsua2rs_account_info i;
        detail::check(pjsua2rs_c::pjsua2rs_account_get_info(handle_, &i));
        AccountInfo out;
        out.id = i.id;
        out.isDefault = i.is_default;
        out.uri = detail::fromC(i.uri);
        out.regIsConfigured = i.reg_is_configured;
        out.regIsActive = i.reg_is_active;
        out.regExpiresSec = i.reg_expires_sec;
        out.regStatus = static_cast<pjsip_status_code>(i.reg_status);
        out.regStatusText = detail::fromC(i.reg_status_text);
        out.regLastErr = i.reg_last_err;
        out.onlineStatus = i.online_status;
        out.onlineStatusText = detail::fromC(i.online_status_text);
        return out;
    }

    /** Registers (or refreshes) now when `renew`, else removes the binding; the outcome
     *  comes to onRegState. Error PJ_EINVALIDOP without a registrar. */
    void setRegistration(bool renew) PJSUA2_THROW(Error) {
        detail::check(pjsua2rs_c::pjsua2rs_account_set_registration(handle_, renew));
    }

    /** Pins the account to transport `tp_id` (-1: any), from its next request on. */
    void setTransport(TransportId tp_id) PJSUA2_THROW(Error) {
        detail::check(pjsua2rs_c::pjsua2rs_account_set_transport(handle_, tp_id));
    }

    /** Removes the account (a binding in place is removed in the background). When it
     *  returns, no callback of the account runs or will run (unless called from one).
     *  Does nothing when the account is not valid; never throws, as PJSUA2's. */
    void shutdown() {
        std::lock_guard<std::recursive_mutex> guard(detail::accountLock());
        detail::liveAccounts().erase(this);
        if (handle_ != 0)
            pjsua2rs_c::pjsua2rs_account_shutdown(handle_);
        handle_ = 0;
    }

    /** A REGISTER round starts. Does nothing unless overridden. */
    virtual void onRegStarted(OnRegStartedParam &prm) { (void)prm; }

    /** A REGISTER round ended. Does nothing unless overridden. */
    virtual void onRegState(OnRegStateParam &prm) { (void)prm; }

    /** A call arrived: take it with `new MyCall(*this, prm.callId)` during the callback,
     *  else it is refused with 500, as PJSUA2 does. Does nothing unless overridden. */
    virtual void onIncomingCall(OnIncomingCallParam &prm) { (void)prm; }

  private:
    friend void detail::releaseAccounts(pjsua2rs_c::pjsua2rs_endpoint ep);
    friend class Call; // a Call is made on its account's handle

    /** `cfg` as a C struct (about 64 KB, so on the heap). */
    static std::unique_ptr<pjsua2rs_c::pjsua2rs_account_config> cConfig(const AccountConfig &cfg) {
        std::unique_ptr<pjsua2rs_c::pjsua2rs_account_config> c(
            new pjsua2rs_c::pjsua2rs_account_config());
        detail::check(pjsua2rs_c::pjsua2rs_account_config_default(c.get(), sizeof(*c)));
        cfg.toPj(*c);
        return c;
    }

    /** Runs `call` on the live Account `user_data` under the lock; an exception is
     *  printed, never passed to the library. */
    template <typename F> static void dispatch(void *user_data, const char *what, F call) {
        std::lock_guard<std::recursive_mutex> guard(detail::accountLock());
        Account *acc = static_cast<Account *>(user_data);
        if (detail::liveAccounts().count(acc) == 0)
            return;
        try {
            call(*acc);
        } catch (const Error &e) {
            std::cerr << "pjsua2rs: Account::" << what << " threw " << e.info() << std::endl;
        } catch (const std::exception &e) {
            std::cerr << "pjsua2rs: Account::" << what << " threw " << e.what() << std::endl;
        } catch (...) {
            std::cerr << "pjsua2rs: Account::" << what << " threw" << std::endl;
        }
    }

    static void regStartedThunk(void *user_data,
                                const pjsua2rs_c::pjsua2rs_on_reg_started_param *p) {
        OnRegStartedParam prm;
        prm.renew = p->renew;
        dispatch(user_data, "onRegStarted", [&](Account &a) { a.onRegStarted(prm); });
    }

    static void regStateThunk(void *user_data, const pjsua2rs_c::pjsua2rs_on_reg_state_param *p) {
        OnRegStateParam prm;
        prm.status = p->status;
        prm.code = static_cast<pjsip_status_code>(p->code);
        prm.reason = p->reason ? p->reason : "";
        prm.rdata.info = p->rdata.info ? p->rdata.info : "";
        prm.rdata.wholeMsg = p->rdata.whole_msg ? p->rdata.whole_msg : "";
        prm.rdata.srcAddress = p->rdata.src_address ? p->rdata.src_address : "";
        prm.expiration = p->expiration;
        dispatch(user_data, "onRegState", [&](Account &a) { a.onRegState(prm); });
    }

    static void incomingCallThunk(void *user_data,
                                  const pjsua2rs_c::pjsua2rs_on_incoming_call_param *p) {
        OnIncomingCallParam prm;
        prm.callId = p->call_id;
        prm.rdata.info = p->rdata.info ? p->rdata.info : "";
        prm.rdata.wholeMsg = p->rdata.whole_msg ? p->rdata.whole_msg : "";
        prm.rdata.srcAddress = p->rdata.src_address ? p->rdata.src_address : "";
        dispatch(user_data, "onIncomingCall", [&](Account &a) { a.onIncomingCall(prm); });
    }

    std::atomic<pjsua2rs_c::pjsua2rs_account> handle_{0};
    int id_ = -1;
    pjsua2rs_c::pjsua2rs_endpoint ep_ = 0;
};

namespace detail {

inline void releaseAccounts(pjsua2rs_c::pjsua2rs_endpoint ep) {
    std::lock_guard<std::recursive_mutex> guard(accountLock());
    std::set<Account *> live = liveAccounts();
    for (Account *a : live)
        if (a->ep_ == ep)
            a->shutdown(); // frees the stale handle in the library
}

} // namespace detail

} // namespace pj

#endif /* PJSUA2RS_ACCOUNT_HPP */
