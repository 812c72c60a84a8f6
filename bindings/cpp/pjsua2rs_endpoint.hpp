/*
 * pjsua2rs_endpoint.hpp: PJSUA2's Endpoint (with Version and TransportInfo) on the
 * pjsua2rs C ABI's endpoint handle. Included by pjsua2rs.hpp after pjsua2rs_media.hpp; do
 * not include it alone.
 */
#ifndef PJSUA2RS_ENDPOINT_HPP
#define PJSUA2RS_ENDPOINT_HPP

namespace pj {

class Account;

namespace detail {
/** Shuts down the Accounts of endpoint `ep` after it was destroyed, freeing their stale
 *  handles (defined in pjsua2rs_account.hpp). */
inline void releaseAccounts(pjsua2rs_c::pjsua2rs_endpoint ep);
/** Frees the stale handles of the Calls of endpoint `ep` after it was destroyed (defined
 *  in pjsua2rs_call.hpp). */
inline void releaseCalls(pjsua2rs_c::pjsua2rs_endpoint ep);
/** Records the jitter buffer settings endpoint `ep` was initialised with, for StreamInfo
 *  (defined in pjsua2rs_stream.hpp). */
inline void rememberJb(pjsua2rs_c::pjsua2rs_endpoint ep,
                       const pjsua2rs_c::pjsua2rs_media_config &m);
/** Forgets them when endpoint `ep` is destroyed (defined in pjsua2rs_stream.hpp). */
inline void forgetJb(pjsua2rs_c::pjsua2rs_endpoint ep);
} // namespace detail

/** The library version (PJSUA2's `Version`). */
struct Version {
    /** Major number. */
    int major = 0;
    /** Minor number. */
    int minor = 0;
    /** Patch number. */
    int rev = 0;
    /** A suffix such as "-dev". */
    string suffix;
    /** The whole version, e.g. "0.1.0". */
    string full;
    /** major << 24 | minor << 16 | rev << 8. */
    unsigned numeric = 0;
};

/** A transport's details (PJSUA2's `TransportInfo`). */
struct TransportInfo {
    /** The transport id. */
    TransportId id = -1;
    /** The transport type. */
    pjsip_transport_type_e type = PJSIP_TRANSPORT_UNSPECIFIED;
    /** "UDP", "TCP", "UDP6" or "TCP6". */
    string typeName;
    /** A description. */
    string info;
    /** PJSIP_TRANSPORT_RELIABLE / SECURE / DATAGRAM bits. */
    unsigned flags = 0;
    /** The bound address, "ip:port". */
    SocketAddress localAddress;
    /** The published address, "host:port". */
    SocketAddress localName;
    /** How many objects use the transport. */
    unsigned usageCount = 0;
};

/** pjsua2rs extension: the final response to Endpoint::utilSendOptions. */
struct OptionsResult {
    /** The status code (200, 404...). */
    int statusCode = 0;
    /** The reason phrase. */
    string reason;
    /** The whole response. */
    string wholeMsg;
};

/** The SIP endpoint (PJSUA2's `Endpoint`). Unlike PJSUA2, several may exist at once;
 *  instance() is the one constructed last. Not copyable. */
class Endpoint {
  public:
    /** An endpoint; call libCreate() next. */
    Endpoint() : audDevManager_(&handle_) { current() = this; }
    /** Destroys the library's endpoint (libDestroy) if that was not done. */
    virtual ~Endpoint() {
        try {
            libDestroy();
        } catch (const Error &) {
            // A destructor must not throw; the handle is gone either way.
        }
        if (current() == this)
            current() = nullptr;
    }
    Endpoint(const Endpoint &) = delete;
    Endpoint &operator=(const Endpoint &) = delete;

    /** The Endpoint constructed last; Error (PJ_ENOTFOUND) if there is none. */
    static Endpoint &instance() PJSUA2_THROW(Error) {
        if (!current())
            throw Error(PJ_ENOTFOUND, "instance()", "", "", 0);
        return *current();
    }

    /** The library's Version. */
    Version libVersion() const {
        pjsua2rs_c::pjsua2rs_version_info v;
        detail::check(pjsua2rs_c::pjsua2rs_version(&v));
        Version out;
        out.major = v.major;
        out.minor = v.minor;
        out.rev = v.rev;
        out.suffix = detail::fromC(v.suffix);
        out.full = detail::fromC(v.full);
        out.numeric = v.numeric;
        return out;
    }

    /** Creates the library's endpoint (state CREATED). */
    void libCreate() PJSUA2_THROW(Error) {
        if (handle_ != 0)
            throw Error(PJ_EINVALIDOP, "Endpoint::libCreate()",
                        "the endpoint was already created", "", 0);
        detail::check(pjsua2rs_c::pjsua2rs_endpoint_create(&handle_));
        destroyed_ = false;
    }

    /** The PJSUA_STATE_* state; PJSUA_STATE_NULL before libCreate and after
     *  libDestroy. */
    pjsua_state libGetState() const {
        if (handle_ == 0 || destroyed_)
            return PJSUA_STATE_NULL;
        int state = PJSUA_STATE_NULL;
        detail::check(pjsua2rs_c::pjsua2rs_endpoint_lib_get_state(handle_, &state));
        return static_cast<pjsua_state>(state);
    }

    /** Applies an EpConfig and starts the library's threads (state INIT). The endpoint
     *  takes ownership of logConfig.writer and deletes it in libDestroy, as PJSUA2. */
    void libInit(const EpConfig &prmEpConfig) PJSUA2_THROW(Error) {
        std::unique_ptr<pjsua2rs_c::pjsua2rs_ep_config> c(new pjsua2rs_c::pjsua2rs_ep_config());
        detail::check(pjsua2rs_c::pjsua2rs_ep_config_default(c.get(), sizeof(*c)));
        prmEpConfig.toPj(*c);
        LogWriter *writer = prmEpConfig.logConfig.writer;
        if (writer) {
            c->log_config.writer = &Endpoint::logThunk;
            c->log_config.writer_user_data = writer;
        }
        detail::check(pjsua2rs_c::pjsua2rs_endpoint_lib_init(handle("libInit"), c.get()));
        writer_ = writer;
        detail::rememberJb(handle_, c->med_config);
    }

    /** Starts the endpoint (state RUNNING). */
    void libStart() PJSUA2_THROW(Error) {
        detail::check(pjsua2rs_c::pjsua2rs_endpoint_lib_start(handle("libStart")));
    }

    /** PJSUA2 requires threads it did not create to register before calling it. Here any
     *  thread may call any method, so this does nothing and never throws. */
    void libRegisterThread(const string &name) PJSUA2_THROW(Error) { (void)name; }

    /** Always true: every thread may call the library (see libRegisterThread). */
    bool libIsThreadRegistered() { return true; }

    /** Poll mode: waits up to `msec_timeout` ms and runs the queued callbacks on this
     *  thread; returns how many ran (0 with a library callback thread). */
    int libHandleEvents(unsigned msec_timeout) {
        unsigned count = 0;
        detail::check(pjsua2rs_c::pjsua2rs_endpoint_handle_events(handle("libHandleEvents"),
                                                                   msec_timeout, &count));
        return static_cast<int>(count);
    }

    /** Shuts the endpoint down: sockets closed, threads joined, no callback after it
     *  returns; its calls are hung up, its accounts unregistered, its media objects
     *  destroyed, and those objects become invalid; deletes the LogWriter. Calling it again does nothing. `prmFlags` is
     *  accepted for PJSUA2 compatibility and ignored. */
    void libDestroy(unsigned prmFlags = 0) PJSUA2_THROW(Error) {
        (void)prmFlags;
        if (handle_ == 0 || destroyed_)
            return;
        destroyed_ = true;
        pjsua2rs_c::pjsua2rs_status st = pjsua2rs_c::pjsua2rs_endpoint_destroy(handle_);
        detail::releaseAccounts(handle_);
        detail::releaseCalls(handle_);
        detail::forgetJb(handle_);
        delete writer_;
        writer_ = nullptr;
        detail::check(st);
    }

    /** The text of status code `prmErr`. */
    string utilStrError(pj_status_t prmErr) { return detail::strError(prmErr); }

    /** Logs `prmMsg` from `prmSender` at `prmLevel` through the log configuration. */
    void utilLogWrite(int prmLevel, const string &prmSender, const string &prmMsg) {
        detail::check(pjsua2rs_c::pjsua2rs_endpoint_log_write(
            handle("utilLogWrite"), prmLevel, prmSender.c_str(), prmMsg.c_str()));
    }

    /** Hands `e` straight to the LogWriter on the calling thread, as PJSUA2 does. */
    void utilLogWrite(LogEntry &e) {
        if (writer_)
            writer_->write(e);
    }

    /** PJ_SUCCESS if `prmUri` is a valid sip:/sips: URI, else the error status. */
    pj_status_t utilVerifySipUri(const string &prmUri) {
        return pjsua2rs_c::pjsua2rs_verify_sip_uri(prmUri.c_str());
    }

    /** PJ_SUCCESS if `prmUri` is a valid URI of any scheme, else the error status. */
    pj_status_t utilVerifyUri(const string &prmUri) {
        return pjsua2rs_c::pjsua2rs_verify_uri(prmUri.c_str());
    }

    /** Creates a SIP transport and returns its id. */
    TransportId transportCreate(pjsip_transport_type_e type, const TransportConfig &cfg)
        PJSUA2_THROW(Error) {
        std::unique_ptr<pjsua2rs_c::pjsua2rs_transport_config> c(
            new pjsua2rs_c::pjsua2rs_transport_config());
        detail::check(pjsua2rs_c::pjsua2rs_transport_config_default(c.get(), sizeof(*c)));
        cfg.toPj(*c);
        int id = -1;
        detail::check(pjsua2rs_c::pjsua2rs_endpoint_transport_create(handle("transportCreate"),
                                                                      type, c.get(), &id));
        return id;
    }

    /** The ids of the transports. */
    IntVector transportEnum() const PJSUA2_THROW(Error) {
        std::vector<int> ids(16);
        size_t count = 0;
        for (;;) {
            pjsua2rs_c::pjsua2rs_status st = pjsua2rs_c::pjsua2rs_endpoint_transport_enum(
                handle("transportEnum"), ids.data(), ids.size(), &count);
            if (st == PJSUA2RS_ERR_TOO_SMALL && count > ids.size()) {
                ids.resize(count);
                continue;
            }
            detail::check(st);
            ids.resize(count);
            return ids;
        }
    }

    /** The details of transport `id`. */
    TransportInfo transportGetInfo(TransportId id) const PJSUA2_THROW(Error) {
        pjsua2rs_c::pjsua2rs_transport_info t;
        detail::check(
            pjsua2rs_c::pjsua2rs_endpoint_transport_get_info(handle("transportGetInfo"), id, &t));
        TransportInfo out;
        out.id = t.id;
        out.type = static_cast<pjsip_transport_type_e>(t.type);
        out.typeName = detail::fromC(t.type_name);
        out.info = detail::fromC(t.info);
        out.flags = t.flags;
        out.localAddress = detail::fromC(t.local_address);
        out.localName = detail::fromC(t.local_name);
        out.usageCount = t.usage_count;
        return out;
    }

    /** Closes transport `id` now (also one shutting down after transportShutdown). */
    void transportClose(TransportId id) PJSUA2_THROW(Error) {
        detail::check(pjsua2rs_c::pjsua2rs_endpoint_transport_close(handle("transportClose"), id));
    }

    /** Graceful close of transport `id` (PJSUA2 takes a TransportHandle from
     *  onTransportState; this library has no such pointer and takes the id). It leaves
     *  transportEnum at once and no new request uses it; its socket stays open for the
     *  transactions already using it and closes when the last one ends (at once when
     *  unused). */
    void transportShutdown(TransportId id) PJSUA2_THROW(Error) {
        detail::check(
            pjsua2rs_c::pjsua2rs_endpoint_transport_shutdown(handle("transportShutdown"), id));
    }

    /** Disables transport `id` (it keeps its socket but drops what it receives, sends
     *  nothing and is not used for new requests) or enables it again. PJSUA2 declares this
     *  without implementing it (`#if 0` in endpoint.hpp). */
    void transportSetEnable(TransportId id, bool enabled) PJSUA2_THROW(Error) {
        detail::check(pjsua2rs_c::pjsua2rs_endpoint_transport_set_enable(
            handle("transportSetEnable"), id, enabled));
    }

    /** pjsua2rs extension: sends an OPTIONS request to `uri` outside any dialog and waits
     *  for the final response. Blocks the caller. */
    OptionsResult utilSendOptions(const string &uri, unsigned timeoutMsec = 5000)
        PJSUA2_THROW(Error) {
        pjsua2rs_c::pjsua2rs_request_result r;
        // Large enough for any response: the call cannot be repeated to learn the size.
        std::vector<char> msg(256 * 1024);
        size_t len = 0;
        detail::check(pjsua2rs_c::pjsua2rs_endpoint_send_options(
            handle("utilSendOptions"), uri.c_str(), timeoutMsec, &r, msg.data(), msg.size(),
            &len));
        OptionsResult out;
        out.statusCode = r.status_code;
        out.reason = detail::fromC(r.reason);
        out.wholeMsg.assign(msg.data(), len);
        return out;
    }

    /** The codecs, highest priority first (disabled ones, priority 0, last). */
    CodecInfoVector2 codecEnum2() const PJSUA2_THROW(Error) {
        pjsua2rs_c::pjsua2rs_endpoint ep = handle("codecEnum2");
        size_t count = 0;
        detail::check(pjsua2rs_c::pjsua2rs_endpoint_codec_enum2(ep, nullptr, 0, &count));
        std::vector<pjsua2rs_c::pjsua2rs_codec_info> infos(count);
        detail::check(
            pjsua2rs_c::pjsua2rs_endpoint_codec_enum2(ep, infos.data(), infos.size(), &count));
        CodecInfoVector2 out;
        for (size_t i = 0; i < count && i < infos.size(); i++)
            out.push_back(detail::codecInfoFromC(infos[i]));
        return out;
    }

    /** Sets the priority (0 disables) of every codec whose id starts with `codec_id`
     *  ("PCMU", "opus/48000/2"; "" for every codec); Error(PJ_ENOTFOUND) if none matches.
     *  New calls offer and accept the codecs in the new order. */
    void codecSetPriority(const string &codec_id, pj_uint8_t priority) PJSUA2_THROW(Error) {
        detail::check(pjsua2rs_c::pjsua2rs_endpoint_codec_set_priority(
            handle("codecSetPriority"), codec_id.c_str(), priority));
    }

    /** The parameters new calls use for codec `codec_id` (an id or its prefix);
     *  Error(PJ_ENOTFOUND) if there is no such codec. */
    CodecParam codecGetParam(const string &codec_id) const PJSUA2_THROW(Error) {
        pjsua2rs_c::pjsua2rs_codec_param c;
        detail::check(pjsua2rs_c::pjsua2rs_endpoint_codec_get_param(handle("codecGetParam"),
                                                                     codec_id.c_str(), &c));
        return detail::codecParamFromC(c);
    }

    /** Sets the parameters new calls use for codec `codec_id`. */
    void codecSetParam(const string &codec_id, const CodecParam param) PJSUA2_THROW(Error) {
        pjsua2rs_c::pjsua2rs_endpoint ep = handle("codecSetParam");
        pjsua2rs_c::pjsua2rs_codec_param c =
            detail::codecParamToC(param, "Endpoint::codecSetParam()");
        detail::check(pjsua2rs_c::pjsua2rs_endpoint_codec_set_param(ep, codec_id.c_str(), &c));
    }

    /** Hangs up every call of the endpoint. */
    void hangupAllCalls() PJSUA2_THROW(Error) {
        detail::check(pjsua2rs_c::pjsua2rs_endpoint_hangup_all_calls(handle("hangupAllCalls")));
    }

    /** The sound device manager (the sound device is conference slot 0). */
    AudDevManager &audDevManager() { return audDevManager_; }

    /** The bridge's ports (slot 0, the sound device, first). */
    AudioMediaVector2 mediaEnumPorts2() const PJSUA2_THROW(Error) {
        pjsua2rs_c::pjsua2rs_endpoint ep = handle("mediaEnumPorts2");
        size_t count = 0;
        detail::check(pjsua2rs_c::pjsua2rs_endpoint_media_enum_ports2(ep, nullptr, 0, &count));
        std::vector<int> slots(count);
        detail::check(
            pjsua2rs_c::pjsua2rs_endpoint_media_enum_ports2(ep, slots.data(), count, &count));
        AudioMediaVector2 out;
        for (size_t i = 0; i < count && i < slots.size(); i++)
            out.push_back(detail::audioMedia(ep, slots[i]));
        return out;
    }

    /** How many ports the bridge has (slot 0 included). */
    unsigned mediaActivePorts() const PJSUA2_THROW(Error) {
        unsigned n = 0;
        detail::check(
            pjsua2rs_c::pjsua2rs_endpoint_media_active_ports(handle("mediaActivePorts"), &n));
        return n;
    }

  private:
    friend class Account; // Account::create and lookup use the current endpoint's handle
    friend class Call;    // Call::lookup too
    friend pjsua2rs_c::pjsua2rs_endpoint detail::instanceHandle(const char *what);

    static Endpoint *&current() {
        static Endpoint *endpoint = nullptr;
        return endpoint;
    }

    pjsua2rs_c::pjsua2rs_endpoint handle(const char *what) const {
        if (handle_ == 0)
            throw Error(PJ_EINVALIDOP, string("Endpoint::") + what + "()",
                        "libCreate() has not been called", "", 0);
        return handle_;  // after libDestroy it is stale and the library reports that
    }

    static void logThunk(void *user_data, const pjsua2rs_c::pjsua2rs_log_entry *e) {
        LogEntry entry;
        entry.level = e->level;
        entry.msg = e->msg ? e->msg : "";
        entry.threadId = static_cast<long>(e->thread_id);
        entry.threadName = e->thread_name ? e->thread_name : "";
        try {
            static_cast<LogWriter *>(user_data)->write(entry);
        } catch (...) {
            // Nothing may propagate into the library.
        }
    }

    pjsua2rs_c::pjsua2rs_endpoint handle_ = 0;
    bool destroyed_ = false;
    LogWriter *writer_ = nullptr;
    AudDevManager audDevManager_;
};

namespace detail {
inline pjsua2rs_c::pjsua2rs_endpoint instanceHandle(const char *what) {
    pjsua2rs_c::pjsua2rs_endpoint h = Endpoint::instance().handle_;
    if (h == 0)
        throw Error(PJ_EINVALIDOP, string(what) + "()", "libCreate() has not been called", "",
                    0);
    return h;
}
} // namespace detail

} // namespace pj

#endif /* PJSUA2RS_ENDPOINT_HPP */
