/*
 * PJSUA2's config classes on the pjsua2rs C structs.
 * Generated from include/pjsua2rs.h by bindings/cpp/gen_cpp.py. Do not edit: run
 * scripts/gen-header.sh. Included by pjsua2rs.hpp.
 */
#ifndef PJSUA2RS_CONFIG_HPP
#define PJSUA2RS_CONFIG_HPP

namespace pj {

/** User-agent settings (PJSUA2 `UaConfig`). */
struct UaConfig : public PersistentObject {
    /** The C struct this class converts to and from. */
    typedef pjsua2rs_c::pjsua2rs_ua_config CStruct;

    /** Maximum number of simultaneous calls. Default 4. */
    unsigned maxCalls;
    /**
     * Worker threads polling SIP events; 0 means the application polls with `handle_events`
     * (poll mode). Default 1.
     */
    unsigned threadCnt;
    /**
     * Run callbacks only in the thread that calls `handle_events` (use with `thread_cnt`
     * 0). Default false.
     */
    bool mainThreadOnly;
    /** DNS name servers ("host[:port]"); none means the system resolver. */
    StringVector nameserver;
    /** Global outbound proxies, put before every account's proxies. Not saved in JSON. */
    StringVector outboundProxies;
    /** The User-Agent header value; empty means the library's own. Default "". */
    string userAgent;
    /** STUN servers ("host[:port]"), tried in order. */
    StringVector stunServer;
    /** Also resolve STUN servers to IPv6 addresses. Default false. */
    bool stunTryIpv6;
    /** Start even when no STUN server answers. Default true. */
    bool stunIgnoreFailure;
    /** Put the NAT type in SDP: 0 no, 1 the type number, 2 number and name. Default 1. */
    int natTypeInSdp;
    /** Handle unsolicited NOTIFY for message waiting (MWI). Default true. */
    bool mwiUnsolicitedEnabled;
    /** Use UPnP to find the public address. Default false. */
    bool enableUpnp;
    /** The network interface for UPnP; empty means any. Default "". */
    string upnpIfName;
    /** Put "norefersub" in the Supported header. Default true. */
    bool noRefersub;
    /** The default of accounts' server affinity for TCP/TLS. Default false. */
    bool accServerAffinityDefault;
    /**
     * RFC 3261 T1, the round-trip estimate, in ms (PJSIP's `pjsip_cfg()->tsx.t1`). Default
     * 500. Not saved in JSON.
     */
    unsigned tsxT1Msec;
    /**
     * RFC 3261 T2, the longest retransmit interval, in ms. Default 4000. Not saved in JSON.
     */
    unsigned tsxT2Msec;
    /**
     * RFC 3261 T4, how long a message may live in the network, in ms. Default 5000. Not
     * saved in JSON.
     */
    unsigned tsxT4Msec;
    /**
     * RFC 3261 Timer D (wait for response retransmissions) in ms; at least 32000. Default
     * 32000. Not saved in JSON.
     */
    unsigned tsxTdMsec;

    /** PJSUA2's defaults, from the library. */
    UaConfig() {
        std::unique_ptr<CStruct> c(new CStruct());
        detail::check(pjsua2rs_c::pjsua2rs_ua_config_default(c.get(), sizeof(CStruct)));
        fromPj(*c);
    }
    /** Sets the members from the C struct. */
    void fromPj(const CStruct &c) {
        maxCalls = c.max_calls;
        threadCnt = c.thread_cnt;
        mainThreadOnly = c.main_thread_only;
        nameserver = detail::fromStrings(c.nameserver, c.nameserver_count);
        outboundProxies = detail::fromStrings(c.outbound_proxies, c.outbound_proxies_count);
        userAgent = detail::fromC(c.user_agent);
        stunServer = detail::fromStrings(c.stun_server, c.stun_server_count);
        stunTryIpv6 = c.stun_try_ipv6;
        stunIgnoreFailure = c.stun_ignore_failure;
        natTypeInSdp = c.nat_type_in_sdp;
        mwiUnsolicitedEnabled = c.mwi_unsolicited_enabled;
        enableUpnp = c.enable_upnp;
        upnpIfName = detail::fromC(c.upnp_if_name);
        noRefersub = c.no_refersub;
        accServerAffinityDefault = c.acc_server_affinity_default;
        tsxT1Msec = c.tsx_t1_msec;
        tsxT2Msec = c.tsx_t2_msec;
        tsxT4Msec = c.tsx_t4_msec;
        tsxTdMsec = c.tsx_td_msec;
    }
    /** Writes the members into the C struct; Error when a string or a list
     *  does not fit. */
    void toPj(CStruct &c) const {
        c.max_calls = maxCalls;
        c.thread_cnt = threadCnt;
        c.main_thread_only = mainThreadOnly;
        detail::toStrings(c.nameserver, c.nameserver_count, nameserver, "UaConfig.nameserver");
        detail::toStrings(c.outbound_proxies, c.outbound_proxies_count, outboundProxies, "UaConfig.outboundProxies");
        detail::toC(c.user_agent, userAgent, "UaConfig.userAgent");
        detail::toStrings(c.stun_server, c.stun_server_count, stunServer, "UaConfig.stunServer");
        c.stun_try_ipv6 = stunTryIpv6;
        c.stun_ignore_failure = stunIgnoreFailure;
        c.nat_type_in_sdp = natTypeInSdp;
        c.mwi_unsolicited_enabled = mwiUnsolicitedEnabled;
        c.enable_upnp = enableUpnp;
        detail::toC(c.upnp_if_name, upnpIfName, "UaConfig.upnpIfName");
        c.no_refersub = noRefersub;
        c.acc_server_affinity_default = accServerAffinityDefault;
        c.tsx_t1_msec = tsxT1Msec;
        c.tsx_t2_msec = tsxT2Msec;
        c.tsx_t4_msec = tsxT4Msec;
        c.tsx_td_msec = tsxTdMsec;
    }
    /** Reads this config from a JSON container. */
    void readObject(const ContainerNode &node) PJSUA2_THROW(Error) override {
        (void)node;
        throw Error(PJ_ENOTSUP, "UaConfig::readObject()",
                    "the C ABI saves and loads only EpConfig, TransportConfig, "
                    "AccountConfig and BuddyConfig", "", 0);
    }
    /** Writes this config to a JSON container. */
    void writeObject(ContainerNode &node) const PJSUA2_THROW(Error) override {
        (void)node;
        throw Error(PJ_ENOTSUP, "UaConfig::writeObject()",
                    "the C ABI saves and loads only EpConfig, TransportConfig, "
                    "AccountConfig and BuddyConfig", "", 0);
    }
};

/** Logging settings (PJSUA2 `LogConfig`). */
struct LogConfig : public PersistentObject {
    /** The C struct this class converts to and from. */
    typedef pjsua2rs_c::pjsua2rs_log_config CStruct;

    /** Log incoming and outgoing SIP messages (non-zero = yes). Default 1. */
    unsigned msgLogging;
    /** Maximum level written to the writer and the file (0-6). Default 5. */
    unsigned level;
    /** Maximum level written to the console (stdout). Default 4. */
    unsigned consoleLevel;
    /**
     * Decoration flags (PJ_LOG_HAS_*). Default 25328 = sender, time, microseconds, newline,
     * space, thread switch and indent.
     */
    unsigned decor;
    /** A log file to append to; empty means none. Default "". */
    string filename;
    /** Flags for opening the log file (PJ_O_APPEND = 0x1108 appends). Default 0. */
    unsigned fileFlags;
    /**
     * A custom writer receiving every entry up to `console_level` (instead of the console;
     * the file still gets everything up to `level`), or NULL. Not saved in JSON.
     */
    LogWriter *writer = nullptr;

    /** PJSUA2's defaults, from the library. */
    LogConfig() {
        std::unique_ptr<CStruct> c(new CStruct());
        detail::check(pjsua2rs_c::pjsua2rs_log_config_default(c.get(), sizeof(CStruct)));
        fromPj(*c);
    }
    /** Sets the members from the C struct. */
    void fromPj(const CStruct &c) {
        msgLogging = c.msg_logging;
        level = c.level;
        consoleLevel = c.console_level;
        decor = c.decor;
        filename = detail::fromC(c.filename);
        fileFlags = c.file_flags;
    }
    /** Writes the members into the C struct; Error when a string or a list
     *  does not fit. */
    void toPj(CStruct &c) const {
        c.msg_logging = msgLogging;
        c.level = level;
        c.console_level = consoleLevel;
        c.decor = decor;
        detail::toC(c.filename, filename, "LogConfig.filename");
        c.file_flags = fileFlags;
    }
    /** Reads this config from a JSON container. */
    void readObject(const ContainerNode &node) PJSUA2_THROW(Error) override {
        (void)node;
        throw Error(PJ_ENOTSUP, "LogConfig::readObject()",
                    "the C ABI saves and loads only EpConfig, TransportConfig, "
                    "AccountConfig and BuddyConfig", "", 0);
    }
    /** Writes this config to a JSON container. */
    void writeObject(ContainerNode &node) const PJSUA2_THROW(Error) override {
        (void)node;
        throw Error(PJ_ENOTSUP, "LogConfig::writeObject()",
                    "the C ABI saves and loads only EpConfig, TransportConfig, "
                    "AccountConfig and BuddyConfig", "", 0);
    }
};

/** Media settings (PJSUA2 `MediaConfig`). */
struct MediaConfig : public PersistentObject {
    /** The C struct this class converts to and from. */
    typedef pjsua2rs_c::pjsua2rs_media_config CStruct;

    /** The conference bridge clock rate in Hz. Default 16000. */
    unsigned clockRate;
    /** The sound device clock rate; 0 means `clock_rate`. Default 0. */
    unsigned sndClockRate;
    /** Drive the sound port from a software clock instead of the device. Default true. */
    bool sndUseSwClock;
    /** Audio channels of the bridge. Default 1. */
    unsigned channelCount;
    /** Milliseconds of audio per bridge frame. Default 20. */
    unsigned audioFramePtime;
    /** Maximum ports of the conference bridge. Default 254. */
    unsigned maxMediaPorts;
    /** Threads mixing the conference bridge. Default 1. */
    unsigned confThreads;
    /** Run a media I/O queue for RTP. Default true. */
    bool hasIoqueue;
    /** Worker threads of the media I/O queue. Default 1. */
    unsigned threadCnt;
    /** Codec and resampling quality, 1 (fastest) to 10 (best). Default 8. */
    unsigned quality;
    /** Codec packet time in ms; 0 means each codec's default. Default 0. */
    unsigned ptime;
    /** Disable voice activity detection. Default false. */
    bool noVad;
    /** The iLBC mode, 20 or 30 ms. Default 30. */
    unsigned ilbcMode;
    /** Percentage of transmitted RTP packets to drop (testing). Default 0. */
    unsigned txDropPct;
    /** Percentage of received RTP packets to drop (testing). Default 0. */
    unsigned rxDropPct;
    /** Echo canceller options (PJMEDIA_ECHO_*). Default 0. */
    unsigned ecOptions;
    /** Echo canceller tail length in ms; 0 disables it. Default 200. */
    unsigned ecTailLen;
    /** Sound capture latency in ms. Default 100. */
    unsigned sndRecLatency;
    /** Sound playback latency in ms. Default 140. */
    unsigned sndPlayLatency;
    /** Jitter buffer initial prefetch in ms; -1 means automatic. Default -1. */
    int jbInit;
    /** Jitter buffer minimum prefetch in ms; -1 means automatic. Default -1. */
    int jbMinPre;
    /** Jitter buffer maximum prefetch in ms; -1 means automatic. Default -1. */
    int jbMaxPre;
    /** Jitter buffer maximum size in ms; -1 means automatic. Default -1. */
    int jbMax;
    /** Jitter buffer discard algorithm (PJSUA2RS_JB_DISCARD_*). Default 2 (progressive). */
    int jbDiscardAlgo;
    /**
     * Seconds of silence before an idle sound device closes; -1 never, 0 at once. Default
     * 1.
     */
    int sndAutoCloseTime;
    /** Use the native video preview of the capture device (video only). Default true. */
    bool vidPreviewEnableNative;

    /** PJSUA2's defaults, from the library. */
    MediaConfig() {
        std::unique_ptr<CStruct> c(new CStruct());
        detail::check(pjsua2rs_c::pjsua2rs_media_config_default(c.get(), sizeof(CStruct)));
        fromPj(*c);
    }
    /** Sets the members from the C struct. */
    void fromPj(const CStruct &c) {
        clockRate = c.clock_rate;
        sndClockRate = c.snd_clock_rate;
        sndUseSwClock = c.snd_use_sw_clock;
        channelCount = c.channel_count;
        audioFramePtime = c.audio_frame_ptime;
        maxMediaPorts = c.max_media_ports;
        confThreads = c.conf_threads;
        hasIoqueue = c.has_ioqueue;
        threadCnt = c.thread_cnt;
        quality = c.quality;
        ptime = c.ptime;
        noVad = c.no_vad;
        ilbcMode = c.ilbc_mode;
        txDropPct = c.tx_drop_pct;
        rxDropPct = c.rx_drop_pct;
        ecOptions = c.ec_options;
        ecTailLen = c.ec_tail_len;
        sndRecLatency = c.snd_rec_latency;
        sndPlayLatency = c.snd_play_latency;
        jbInit = c.jb_init;
        jbMinPre = c.jb_min_pre;
        jbMaxPre = c.jb_max_pre;
        jbMax = c.jb_max;
        jbDiscardAlgo = c.jb_discard_algo;
        sndAutoCloseTime = c.snd_auto_close_time;
        vidPreviewEnableNative = c.vid_preview_enable_native;
    }
    /** Writes the members into the C struct; Error when a string or a list
     *  does not fit. */
    void toPj(CStruct &c) const {
        c.clock_rate = clockRate;
        c.snd_clock_rate = sndClockRate;
        c.snd_use_sw_clock = sndUseSwClock;
        c.channel_count = channelCount;
        c.audio_frame_ptime = audioFramePtime;
        c.max_media_ports = maxMediaPorts;
        c.conf_threads = confThreads;
        c.has_ioqueue = hasIoqueue;
        c.thread_cnt = threadCnt;
        c.quality = quality;
        c.ptime = ptime;
        c.no_vad = noVad;
        c.ilbc_mode = ilbcMode;
        c.tx_drop_pct = txDropPct;
        c.rx_drop_pct = rxDropPct;
        c.ec_options = ecOptions;
        c.ec_tail_len = ecTailLen;
        c.snd_rec_latency = sndRecLatency;
        c.snd_play_latency = sndPlayLatency;
        c.jb_init = jbInit;
        c.jb_min_pre = jbMinPre;
        c.jb_max_pre = jbMaxPre;
        c.jb_max = jbMax;
        c.jb_discard_algo = jbDiscardAlgo;
        c.snd_auto_close_time = sndAutoCloseTime;
        c.vid_preview_enable_native = vidPreviewEnableNative;
    }
    /** Reads this config from a JSON container. */
    void readObject(const ContainerNode &node) PJSUA2_THROW(Error) override {
        (void)node;
        throw Error(PJ_ENOTSUP, "MediaConfig::readObject()",
                    "the C ABI saves and loads only EpConfig, TransportConfig, "
                    "AccountConfig and BuddyConfig", "", 0);
    }
    /** Writes this config to a JSON container. */
    void writeObject(ContainerNode &node) const PJSUA2_THROW(Error) override {
        (void)node;
        throw Error(PJ_ENOTSUP, "MediaConfig::writeObject()",
                    "the C ABI saves and loads only EpConfig, TransportConfig, "
                    "AccountConfig and BuddyConfig", "", 0);
    }
};

/**
 * The endpoint configuration passed to `lib_init` (PJSUA2 `EpConfig`). Initialise it with
 * `pjsua2rs_ep_config_default()`.
 */
struct EpConfig : public PersistentObject {
    /** The C struct this class converts to and from. */
    typedef pjsua2rs_c::pjsua2rs_ep_config CStruct;

    /** User-agent settings. */
    UaConfig uaConfig;
    /** Logging settings. */
    LogConfig logConfig;
    /** Media settings. */
    MediaConfig medConfig;

    /** PJSUA2's defaults, from the library. */
    EpConfig() {
        std::unique_ptr<CStruct> c(new CStruct());
        detail::check(pjsua2rs_c::pjsua2rs_ep_config_default(c.get(), sizeof(CStruct)));
        fromPj(*c);
    }
    /** Sets the members from the C struct. */
    void fromPj(const CStruct &c) {
        uaConfig.fromPj(c.ua_config);
        logConfig.fromPj(c.log_config);
        medConfig.fromPj(c.med_config);
    }
    /** Writes the members into the C struct; Error when a string or a list
     *  does not fit. */
    void toPj(CStruct &c) const {
        c.struct_size = sizeof c;
        uaConfig.toPj(c.ua_config);
        logConfig.toPj(c.log_config);
        medConfig.toPj(c.med_config);
    }
    /** Reads this config from a JSON container. */
    void readObject(const ContainerNode &node) PJSUA2_THROW(Error) override {
        std::unique_ptr<CStruct> c(new CStruct());
        toPj(*c);
        detail::check(
            pjsua2rs_c::pjsua2rs_json_doc_read_ep_config(node.docHandle(), node.nodeId(), c.get()));
        fromPj(*c);
    }
    /** Writes this config to a JSON container. */
    void writeObject(ContainerNode &node) const PJSUA2_THROW(Error) override {
        std::unique_ptr<CStruct> c(new CStruct());
        toPj(*c);
        detail::check(
            pjsua2rs_c::pjsua2rs_json_doc_write_ep_config(node.docHandle(), node.nodeId(), c.get()));
    }
};

/** QoS parameters of a socket (pjlib `pj_qos_params`); JSON keys "qos.flags"... */
struct pj_qos_params : public PersistentObject {
    /** The C struct this class converts to and from. */
    typedef pjsua2rs_c::pjsua2rs_qos_params CStruct;

    /** Which values are set (PJSUA2RS_QOS_PARAM_HAS_*). Default 0. */
    uint8_t flags;
    /** The DSCP value. Default 0. */
    uint8_t dscp_val;
    /** The SO_PRIORITY value. Default 0. */
    uint8_t so_prio;
    /** The WMM priority (0 bulk effort, 1 bulk, 2 video, 3 voice). Default 0. */
    int wmm_prio;

    /** PJSUA2's defaults, from the library. */
    pj_qos_params() {
        std::unique_ptr<CStruct> c(new CStruct());
        detail::check(pjsua2rs_c::pjsua2rs_qos_params_default(c.get(), sizeof(CStruct)));
        fromPj(*c);
    }
    /** Sets the members from the C struct. */
    void fromPj(const CStruct &c) {
        flags = c.flags;
        dscp_val = c.dscp_val;
        so_prio = c.so_prio;
        wmm_prio = c.wmm_prio;
    }
    /** Writes the members into the C struct; Error when a string or a list
     *  does not fit. */
    void toPj(CStruct &c) const {
        c.flags = flags;
        c.dscp_val = dscp_val;
        c.so_prio = so_prio;
        c.wmm_prio = wmm_prio;
    }
    /** Reads this config from a JSON container. */
    void readObject(const ContainerNode &node) PJSUA2_THROW(Error) override {
        (void)node;
        throw Error(PJ_ENOTSUP, "pj_qos_params::readObject()",
                    "the C ABI saves and loads only EpConfig, TransportConfig, "
                    "AccountConfig and BuddyConfig", "", 0);
    }
    /** Writes this config to a JSON container. */
    void writeObject(ContainerNode &node) const PJSUA2_THROW(Error) override {
        (void)node;
        throw Error(PJ_ENOTSUP, "pj_qos_params::writeObject()",
                    "the C ABI saves and loads only EpConfig, TransportConfig, "
                    "AccountConfig and BuddyConfig", "", 0);
    }
};

/** One integer socket option, applied with setsockopt (PJSUA2 `SockOpt`). */
struct SockOpt : public PersistentObject {
    /** The C struct this class converts to and from. */
    typedef pjsua2rs_c::pjsua2rs_sock_opt CStruct;

    /** The option level, e.g. SOL_SOCKET. */
    int level;
    /** The option name, e.g. SO_RCVBUF. */
    int optName;
    /**
     * The option value's length in bytes. Default 4 (an int); JSON carries `optVal` only
     * when it is 4, as PJSUA2 does.
     */
    int optLen;
    /** The option value. */
    int optVal;

    /** PJSUA2's defaults, from the library. */
    SockOpt() {
        std::unique_ptr<CStruct> c(new CStruct());
        detail::check(pjsua2rs_c::pjsua2rs_sock_opt_default(c.get(), sizeof(CStruct)));
        fromPj(*c);
    }
    /** Sets an int option value (PJSUA2's `setOptValInt`). */
    void setOptValInt(int opt_val) {
        optVal = opt_val;
        optLen = static_cast<int>(sizeof(int));
    }
    /** Sets the members from the C struct. */
    void fromPj(const CStruct &c) {
        level = c.level;
        optName = c.opt_name;
        optLen = c.opt_len;
        optVal = c.opt_val;
    }
    /** Writes the members into the C struct; Error when a string or a list
     *  does not fit. */
    void toPj(CStruct &c) const {
        c.level = level;
        c.opt_name = optName;
        c.opt_len = optLen;
        c.opt_val = optVal;
    }
    /** Reads this config from a JSON container. */
    void readObject(const ContainerNode &node) PJSUA2_THROW(Error) override {
        (void)node;
        throw Error(PJ_ENOTSUP, "SockOpt::readObject()",
                    "the C ABI saves and loads only EpConfig, TransportConfig, "
                    "AccountConfig and BuddyConfig", "", 0);
    }
    /** Writes this config to a JSON container. */
    void writeObject(ContainerNode &node) const PJSUA2_THROW(Error) override {
        (void)node;
        throw Error(PJ_ENOTSUP, "SockOpt::writeObject()",
                    "the C ABI saves and loads only EpConfig, TransportConfig, "
                    "AccountConfig and BuddyConfig", "", 0);
    }
};
/** A list of SockOpt (PJSUA2's `SockOptVector`). */
typedef std::vector<SockOpt> SockOptVector;

/** Socket options applied to a transport's sockets (PJSUA2 `SockOptParams`). */
struct SockOptParams : public PersistentObject {
    /** The C struct this class converts to and from. */
    typedef pjsua2rs_c::pjsua2rs_sock_opt_params CStruct;

    /** The options, in order. */
    SockOptVector sockOpts;

    /** PJSUA2's defaults, from the library. */
    SockOptParams() {
        std::unique_ptr<CStruct> c(new CStruct());
        detail::check(pjsua2rs_c::pjsua2rs_sock_opt_params_default(c.get(), sizeof(CStruct)));
        fromPj(*c);
    }
    /** Sets the members from the C struct. */
    void fromPj(const CStruct &c) {
        sockOpts = detail::fromStructs<SockOpt>(c.sock_opts, c.sock_opts_count);
    }
    /** Writes the members into the C struct; Error when a string or a list
     *  does not fit. */
    void toPj(CStruct &c) const {
        detail::toStructs(c.sock_opts, c.sock_opts_count, sockOpts, "SockOptParams.sockOpts");
    }
    /** Reads this config from a JSON container. */
    void readObject(const ContainerNode &node) PJSUA2_THROW(Error) override {
        (void)node;
        throw Error(PJ_ENOTSUP, "SockOptParams::readObject()",
                    "the C ABI saves and loads only EpConfig, TransportConfig, "
                    "AccountConfig and BuddyConfig", "", 0);
    }
    /** Writes this config to a JSON container. */
    void writeObject(ContainerNode &node) const PJSUA2_THROW(Error) override {
        (void)node;
        throw Error(PJ_ENOTSUP, "SockOptParams::writeObject()",
                    "the C ABI saves and loads only EpConfig, TransportConfig, "
                    "AccountConfig and BuddyConfig", "", 0);
    }
};

/** TLS settings of a transport (PJSUA2 `TlsConfig`). */
struct TlsConfig : public PersistentObject {
    /** The C struct this class converts to and from. */
    typedef pjsua2rs_c::pjsua2rs_tls_config CStruct;

    /** A file of trusted CA certificates (PEM). Default "". */
    string CaListFile;
    /** The certificate file (PEM). Default "". */
    string certFile;
    /** The private key file (PEM). Default "". */
    string privKeyFile;
    /** The password of the private key. Default "". */
    string password;
    /** Trusted CA certificates as a PEM buffer (instead of `ca_list_file`). Default "". */
    string CaBuf;
    /** The certificate as a PEM buffer (instead of `cert_file`). Default "". */
    string certBuf;
    /** The private key as a PEM buffer (instead of `priv_key_file`). Default "". */
    string privKeyBuf;
    /** Look the certificate up in the OS store (PJSUA2RS_SSL_CERT_LOOKUP_*). Default 0. */
    int certLookupType;
    /** The subject, fingerprint or name to look up. Default "". */
    string certLookupKeyword;
    /** The TLS method (PJSUA2RS_*_METHOD); 0 means the backend's default. Default 0. */
    int method;
    /**
     * Allowed protocol versions (PJSUA2RS_SSL_PROTO_* bits), used when `method` is 0. Not
     * saved in JSON. Default 28 (TLS 1.0, 1.1 and 1.2).
     */
    unsigned proto;
    /** Allowed cipher ids; none means the backend's default list. */
    IntVector ciphers;
    /** Verify the server's certificate (client side). Default false. */
    bool verifyServer;
    /** Verify the client's certificate (server side). Default false. */
    bool verifyClient;
    /** Reject clients without a certificate (server side). Default false. */
    bool requireClientCert;
    /** The TLS handshake timeout in ms; 0 means none. Default 0. */
    unsigned msecTimeout;
    /** The QoS traffic type of TLS sockets (PJSUA2RS_QOS_TYPE_*). Default 0. */
    int qosType;
    /** Explicit QoS parameters of TLS sockets. */
    pj_qos_params qosParams;
    /** Ignore failures to set QoS. Default true. */
    bool qosIgnoreError;
    /** Socket options of TLS sockets. */
    SockOptParams sockOptParams;
    /** Ignore failures to set socket options. Default true. */
    bool sockOptIgnoreError;
    /** Allow TLS renegotiation. Not saved in JSON. Default true. */
    bool enableRenegotiation;

    /** PJSUA2's defaults, from the library. */
    TlsConfig() {
        std::unique_ptr<CStruct> c(new CStruct());
        detail::check(pjsua2rs_c::pjsua2rs_tls_config_default(c.get(), sizeof(CStruct)));
        fromPj(*c);
    }
    /** Sets the members from the C struct. */
    void fromPj(const CStruct &c) {
        CaListFile = detail::fromC(c.ca_list_file);
        certFile = detail::fromC(c.cert_file);
        privKeyFile = detail::fromC(c.priv_key_file);
        password = detail::fromC(c.password);
        CaBuf = detail::fromC(c.ca_buf);
        certBuf = detail::fromC(c.cert_buf);
        privKeyBuf = detail::fromC(c.priv_key_buf);
        certLookupType = c.cert_lookup_type;
        certLookupKeyword = detail::fromC(c.cert_lookup_keyword);
        method = c.method;
        proto = c.proto;
        ciphers = detail::fromInts(c.ciphers, c.ciphers_count);
        verifyServer = c.verify_server;
        verifyClient = c.verify_client;
        requireClientCert = c.require_client_cert;
        msecTimeout = c.msec_timeout;
        qosType = c.qos_type;
        qosParams.fromPj(c.qos_params);
        qosIgnoreError = c.qos_ignore_error;
        sockOptParams.fromPj(c.sock_opt_params);
        sockOptIgnoreError = c.sock_opt_ignore_error;
        enableRenegotiation = c.enable_renegotiation;
    }
    /** Writes the members into the C struct; Error when a string or a list
     *  does not fit. */
    void toPj(CStruct &c) const {
        detail::toC(c.ca_list_file, CaListFile, "TlsConfig.CaListFile");
        detail::toC(c.cert_file, certFile, "TlsConfig.certFile");
        detail::toC(c.priv_key_file, privKeyFile, "TlsConfig.privKeyFile");
        detail::toC(c.password, password, "TlsConfig.password");
        detail::toC(c.ca_buf, CaBuf, "TlsConfig.CaBuf");
        detail::toC(c.cert_buf, certBuf, "TlsConfig.certBuf");
        detail::toC(c.priv_key_buf, privKeyBuf, "TlsConfig.privKeyBuf");
        c.cert_lookup_type = certLookupType;
        detail::toC(c.cert_lookup_keyword, certLookupKeyword, "TlsConfig.certLookupKeyword");
        c.method = method;
        c.proto = proto;
        detail::toInts(c.ciphers, c.ciphers_count, ciphers, "TlsConfig.ciphers");
        c.verify_server = verifyServer;
        c.verify_client = verifyClient;
        c.require_client_cert = requireClientCert;
        c.msec_timeout = msecTimeout;
        c.qos_type = qosType;
        qosParams.toPj(c.qos_params);
        c.qos_ignore_error = qosIgnoreError;
        sockOptParams.toPj(c.sock_opt_params);
        c.sock_opt_ignore_error = sockOptIgnoreError;
        c.enable_renegotiation = enableRenegotiation;
    }
    /** Reads this config from a JSON container. */
    void readObject(const ContainerNode &node) PJSUA2_THROW(Error) override {
        (void)node;
        throw Error(PJ_ENOTSUP, "TlsConfig::readObject()",
                    "the C ABI saves and loads only EpConfig, TransportConfig, "
                    "AccountConfig and BuddyConfig", "", 0);
    }
    /** Writes this config to a JSON container. */
    void writeObject(ContainerNode &node) const PJSUA2_THROW(Error) override {
        (void)node;
        throw Error(PJ_ENOTSUP, "TlsConfig::writeObject()",
                    "the C ABI saves and loads only EpConfig, TransportConfig, "
                    "AccountConfig and BuddyConfig", "", 0);
    }
};

/**
 * A SIP or media transport's settings (PJSUA2 `TransportConfig`). Initialise it with
 * `pjsua2rs_transport_config_default()`. It is about 28 KB, mostly TLS PEM buffers.
 */
struct TransportConfig : public PersistentObject {
    /** The C struct this class converts to and from. */
    typedef pjsua2rs_c::pjsua2rs_transport_config CStruct;

    /** The local port; 0 means any free port. Default 0 (4000 in `AccountMediaConfig`). */
    unsigned port;
    /** How many ports above `port` may be tried; 0 means no limit. Default 0. */
    unsigned portRange;
    /** Pick a random port within the range. Not saved in JSON. Default false. */
    bool randomizePort;
    /**
     * The address to advertise (e.g. a NAT's public address); empty means the bound one.
     * Default "".
     */
    string publicAddress;
    /** The local address to bind; empty means all interfaces. Default "". */
    string boundAddress;
    /** TLS settings, used by TLS transports. */
    TlsConfig tlsConfig;
    /** The QoS traffic type (PJSUA2RS_QOS_TYPE_*). Default 0. */
    int qosType;
    /** Explicit QoS parameters. */
    pj_qos_params qosParams;
    /** Socket options. */
    SockOptParams sockOptParams;

    /** PJSUA2's defaults, from the library. */
    TransportConfig() {
        std::unique_ptr<CStruct> c(new CStruct());
        detail::check(pjsua2rs_c::pjsua2rs_transport_config_default(c.get(), sizeof(CStruct)));
        fromPj(*c);
    }
    /** Sets the members from the C struct. */
    void fromPj(const CStruct &c) {
        port = c.port;
        portRange = c.port_range;
        randomizePort = c.randomize_port;
        publicAddress = detail::fromC(c.public_address);
        boundAddress = detail::fromC(c.bound_address);
        tlsConfig.fromPj(c.tls_config);
        qosType = c.qos_type;
        qosParams.fromPj(c.qos_params);
        sockOptParams.fromPj(c.sock_opt_params);
    }
    /** Writes the members into the C struct; Error when a string or a list
     *  does not fit. */
    void toPj(CStruct &c) const {
        c.struct_size = sizeof c;
        c.port = port;
        c.port_range = portRange;
        c.randomize_port = randomizePort;
        detail::toC(c.public_address, publicAddress, "TransportConfig.publicAddress");
        detail::toC(c.bound_address, boundAddress, "TransportConfig.boundAddress");
        tlsConfig.toPj(c.tls_config);
        c.qos_type = qosType;
        qosParams.toPj(c.qos_params);
        sockOptParams.toPj(c.sock_opt_params);
    }
    /** Reads this config from a JSON container. */
    void readObject(const ContainerNode &node) PJSUA2_THROW(Error) override {
        std::unique_ptr<CStruct> c(new CStruct());
        toPj(*c);
        detail::check(
            pjsua2rs_c::pjsua2rs_json_doc_read_transport_config(node.docHandle(), node.nodeId(), c.get()));
        fromPj(*c);
    }
    /** Writes this config to a JSON container. */
    void writeObject(ContainerNode &node) const PJSUA2_THROW(Error) override {
        std::unique_ptr<CStruct> c(new CStruct());
        toPj(*c);
        detail::check(
            pjsua2rs_c::pjsua2rs_json_doc_write_transport_config(node.docHandle(), node.nodeId(), c.get()));
    }
};

/** One extra SIP header (PJSUA2 `SipHeader`); JSON keys "hname" and "hvalue". */
struct SipHeader : public PersistentObject {
    /** The C struct this class converts to and from. */
    typedef pjsua2rs_c::pjsua2rs_sip_header CStruct;

    /** The header name, e.g. "X-Custom". */
    string hName;
    /** The header value. */
    string hValue;

    /** PJSUA2's defaults, from the library. */
    SipHeader() {
        std::unique_ptr<CStruct> c(new CStruct());
        detail::check(pjsua2rs_c::pjsua2rs_sip_header_default(c.get(), sizeof(CStruct)));
        fromPj(*c);
    }
    /** Sets the members from the C struct. */
    void fromPj(const CStruct &c) {
        hName = detail::fromC(c.hname);
        hValue = detail::fromC(c.hvalue);
    }
    /** Writes the members into the C struct; Error when a string or a list
     *  does not fit. */
    void toPj(CStruct &c) const {
        detail::toC(c.hname, hName, "SipHeader.hName");
        detail::toC(c.hvalue, hValue, "SipHeader.hValue");
    }
    /** Reads this config from a JSON container. */
    void readObject(const ContainerNode &node) PJSUA2_THROW(Error) override {
        (void)node;
        throw Error(PJ_ENOTSUP, "SipHeader::readObject()",
                    "the C ABI saves and loads only EpConfig, TransportConfig, "
                    "AccountConfig and BuddyConfig", "", 0);
    }
    /** Writes this config to a JSON container. */
    void writeObject(ContainerNode &node) const PJSUA2_THROW(Error) override {
        (void)node;
        throw Error(PJ_ENOTSUP, "SipHeader::writeObject()",
                    "the C ABI saves and loads only EpConfig, TransportConfig, "
                    "AccountConfig and BuddyConfig", "", 0);
    }
};
/** A list of SipHeader (PJSUA2's `SipHeaderVector`). */
typedef std::vector<SipHeader> SipHeaderVector;

/** Registration settings of an account (PJSUA2 `AccountRegConfig`). */
struct AccountRegConfig : public PersistentObject {
    /** The C struct this class converts to and from. */
    typedef pjsua2rs_c::pjsua2rs_account_reg_config CStruct;

    /** The registrar URI; empty means the account does not register. Default "". */
    string registrarUri;
    /** Register when the account is added. Default true. */
    bool registerOnAdd;
    /**
     * `Account::modify` sends no REGISTER: neither the un-REGISTER of the old binding nor
     * the new registration (the application calls `setRegistration`). Not saved in JSON.
     * Default false.
     */
    bool disableRegOnModify;
    /** Extra headers for REGISTER requests. */
    SipHeaderVector headers;
    /** Parameters appended to the Contact header of REGISTER. Default "". */
    string contactParams;
    /**
     * Parameters appended to the Contact URI of REGISTER. Not saved in JSON. Default "".
     */
    string contactUriParams;
    /** The registration expiry asked for, in seconds. Default 300. */
    unsigned timeoutSec;
    /** Seconds before retrying a failed registration; 0 disables retries. Default 300. */
    unsigned retryIntervalSec;
    /** Seconds before the first retry; 0 means `retry_interval_sec`. Default 0. */
    unsigned firstRetryIntervalSec;
    /**
     * Up to this many seconds are randomly added to or taken from retry intervals. Default
     * 10.
     */
    unsigned randomRetryIntervalSec;
    /** Refresh the registration this many seconds before it expires. Default 5. */
    unsigned delayBeforeRefreshSec;
    /**
     * Hang up the account's calls when the registration failed and a retry failed too
     * (needs `retry_interval_sec`; a failure that is not retried drops nothing). Default
     * false.
     */
    bool dropCallsOnFail;
    /** Milliseconds to wait for the un-REGISTER response at shutdown. Default 4000. */
    unsigned unregWaitMsec;
    /** Which proxies REGISTER goes through (PJSUA2RS_REG_USE_* bits). Default 3 (both). */
    unsigned proxyUse;

    /** PJSUA2's defaults, from the library. */
    AccountRegConfig() {
        std::unique_ptr<CStruct> c(new CStruct());
        detail::check(pjsua2rs_c::pjsua2rs_account_reg_config_default(c.get(), sizeof(CStruct)));
        fromPj(*c);
    }
    /** Sets the members from the C struct. */
    void fromPj(const CStruct &c) {
        registrarUri = detail::fromC(c.registrar_uri);
        registerOnAdd = c.register_on_add;
        disableRegOnModify = c.disable_reg_on_modify;
        headers = detail::fromStructs<SipHeader>(c.headers, c.headers_count);
        contactParams = detail::fromC(c.contact_params);
        contactUriParams = detail::fromC(c.contact_uri_params);
        timeoutSec = c.timeout_sec;
        retryIntervalSec = c.retry_interval_sec;
        firstRetryIntervalSec = c.first_retry_interval_sec;
        randomRetryIntervalSec = c.random_retry_interval_sec;
        delayBeforeRefreshSec = c.delay_before_refresh_sec;
        dropCallsOnFail = c.drop_calls_on_fail;
        unregWaitMsec = c.unreg_wait_msec;
        proxyUse = c.proxy_use;
    }
    /** Writes the members into the C struct; Error when a string or a list
     *  does not fit. */
    void toPj(CStruct &c) const {
        detail::toC(c.registrar_uri, registrarUri, "AccountRegConfig.registrarUri");
        c.register_on_add = registerOnAdd;
        c.disable_reg_on_modify = disableRegOnModify;
        detail::toStructs(c.headers, c.headers_count, headers, "AccountRegConfig.headers");
        detail::toC(c.contact_params, contactParams, "AccountRegConfig.contactParams");
        detail::toC(c.contact_uri_params, contactUriParams, "AccountRegConfig.contactUriParams");
        c.timeout_sec = timeoutSec;
        c.retry_interval_sec = retryIntervalSec;
        c.first_retry_interval_sec = firstRetryIntervalSec;
        c.random_retry_interval_sec = randomRetryIntervalSec;
        c.delay_before_refresh_sec = delayBeforeRefreshSec;
        c.drop_calls_on_fail = dropCallsOnFail;
        c.unreg_wait_msec = unregWaitMsec;
        c.proxy_use = proxyUse;
    }
    /** Reads this config from a JSON container. */
    void readObject(const ContainerNode &node) PJSUA2_THROW(Error) override {
        (void)node;
        throw Error(PJ_ENOTSUP, "AccountRegConfig::readObject()",
                    "the C ABI saves and loads only EpConfig, TransportConfig, "
                    "AccountConfig and BuddyConfig", "", 0);
    }
    /** Writes this config to a JSON container. */
    void writeObject(ContainerNode &node) const PJSUA2_THROW(Error) override {
        (void)node;
        throw Error(PJ_ENOTSUP, "AccountRegConfig::writeObject()",
                    "the C ABI saves and loads only EpConfig, TransportConfig, "
                    "AccountConfig and BuddyConfig", "", 0);
    }
};

/**
 * One credential (PJSUA2 `AuthCredInfo`). The default is a digest credential for any realm
 * with an empty user and password.
 */
struct AuthCredInfo : public PersistentObject {
    /** The C struct this class converts to and from. */
    typedef pjsua2rs_c::pjsua2rs_auth_cred_info CStruct;

    /** The authentication scheme. Default "digest". */
    string scheme;
    /** The realm; "*" matches any. Default "*". */
    string realm;
    /** The user name. Default "". */
    string username;
    /** What `data` holds (PJSUA2RS_CRED_DATA_*). Default 0 (plain password). */
    int dataType;
    /** The password or digest. Default "". */
    string data;
    /**
     * The digest algorithm of a hashed `data` (PJSUA2RS_AUTH_ALGORITHM_*). Not saved in
     * JSON. Default 0.
     */
    int algoType;
    /** AKA permanent subscriber key K. Default "". */
    string akaK;
    /** AKA operator variant key OP. Default "". */
    string akaOp;
    /** AKA authentication management field AMF. Default "". */
    string akaAmf;

    /** PJSUA2's defaults, from the library. */
    AuthCredInfo() {
        std::unique_ptr<CStruct> c(new CStruct());
        detail::check(pjsua2rs_c::pjsua2rs_auth_cred_info_default(c.get(), sizeof(CStruct)));
        fromPj(*c);
    }
    /** A credential from its parts (PJSUA2's constructor). */
    AuthCredInfo(const string &param_scheme, const string &param_realm,
                 const string &param_user_name, const int param_data_type,
                 const string param_data)
        : AuthCredInfo() {
        scheme = param_scheme;
        realm = param_realm;
        username = param_user_name;
        dataType = param_data_type;
        data = param_data;
    }
    /** Sets the members from the C struct. */
    void fromPj(const CStruct &c) {
        scheme = detail::fromC(c.scheme);
        realm = detail::fromC(c.realm);
        username = detail::fromC(c.username);
        dataType = c.data_type;
        data = detail::fromC(c.data);
        algoType = c.algo_type;
        akaK = detail::fromC(c.aka_k);
        akaOp = detail::fromC(c.aka_op);
        akaAmf = detail::fromC(c.aka_amf);
    }
    /** Writes the members into the C struct; Error when a string or a list
     *  does not fit. */
    void toPj(CStruct &c) const {
        detail::toC(c.scheme, scheme, "AuthCredInfo.scheme");
        detail::toC(c.realm, realm, "AuthCredInfo.realm");
        detail::toC(c.username, username, "AuthCredInfo.username");
        c.data_type = dataType;
        detail::toC(c.data, data, "AuthCredInfo.data");
        c.algo_type = algoType;
        detail::toC(c.aka_k, akaK, "AuthCredInfo.akaK");
        detail::toC(c.aka_op, akaOp, "AuthCredInfo.akaOp");
        detail::toC(c.aka_amf, akaAmf, "AuthCredInfo.akaAmf");
    }
    /** Reads this config from a JSON container. */
    void readObject(const ContainerNode &node) PJSUA2_THROW(Error) override {
        (void)node;
        throw Error(PJ_ENOTSUP, "AuthCredInfo::readObject()",
                    "the C ABI saves and loads only EpConfig, TransportConfig, "
                    "AccountConfig and BuddyConfig", "", 0);
    }
    /** Writes this config to a JSON container. */
    void writeObject(ContainerNode &node) const PJSUA2_THROW(Error) override {
        (void)node;
        throw Error(PJ_ENOTSUP, "AuthCredInfo::writeObject()",
                    "the C ABI saves and loads only EpConfig, TransportConfig, "
                    "AccountConfig and BuddyConfig", "", 0);
    }
};
/** A list of AuthCredInfo (PJSUA2's `AuthCredInfoVector`). */
typedef std::vector<AuthCredInfo> AuthCredInfoVector;

/** SIP settings of an account (PJSUA2 `AccountSipConfig`). */
struct AccountSipConfig : public PersistentObject {
    /** The C struct this class converts to and from. */
    typedef pjsua2rs_c::pjsua2rs_account_sip_config CStruct;

    /** Credentials for authentication challenges. */
    AuthCredInfoVector authCreds;
    /** Proxies (URIs) requests of this account go through, in order. */
    StringVector proxies;
    /** A Contact URI used instead of the one the library builds. Default "". */
    string contactForced;
    /** Parameters appended to the Contact header. Default "". */
    string contactParams;
    /** Parameters appended to the Contact URI. Default "". */
    string contactUriParams;
    /**
     * Put an empty Authorization header (`nonce=""`, `response=""`) on REGISTER and call
     * requests for each credential not yet answering a challenge. Default false.
     */
    bool authInitialEmpty;
    /**
     * The `algorithm` of that empty Authorization header (a token such as "MD5"); empty
     * leaves it out. Default "".
     */
    string authInitialAlgorithm;
    /** Bind the account to this transport id; -1 means any transport. Default -1. */
    int transportId;
    /** IPv6 use for SIP (PJSUA2RS_IPV6_*). Not saved in JSON. Default 0. */
    int ipv6Use;
    /**
     * TCP/TLS server affinity (PJSUA2RS_SERVER_AFFINITY_*). Not saved in JSON. Default 0.
     */
    int serverAffinity;
    /**
     * The account's calls share its authentication state: their requests carry answers to
     * the challenges the account already met (its REGISTER's too), so fewer 401/407 come
     * back. Otherwise each call answers its own challenges. Default false.
     */
    bool useSharedAuth;
    /** Answer incoming MESSAGE requests with 200 automatically. Default true. */
    bool autoRespondSipMessage;

    /** PJSUA2's defaults, from the library. */
    AccountSipConfig() {
        std::unique_ptr<CStruct> c(new CStruct());
        detail::check(pjsua2rs_c::pjsua2rs_account_sip_config_default(c.get(), sizeof(CStruct)));
        fromPj(*c);
    }
    /** Sets the members from the C struct. */
    void fromPj(const CStruct &c) {
        authCreds = detail::fromStructs<AuthCredInfo>(c.auth_creds, c.auth_creds_count);
        proxies = detail::fromStrings(c.proxies, c.proxies_count);
        contactForced = detail::fromC(c.contact_forced);
        contactParams = detail::fromC(c.contact_params);
        contactUriParams = detail::fromC(c.contact_uri_params);
        authInitialEmpty = c.auth_initial_empty;
        authInitialAlgorithm = detail::fromC(c.auth_initial_algorithm);
        transportId = c.transport_id;
        ipv6Use = c.ipv6_use;
        serverAffinity = c.server_affinity;
        useSharedAuth = c.use_shared_auth;
        autoRespondSipMessage = c.auto_respond_sip_message;
    }
    /** Writes the members into the C struct; Error when a string or a list
     *  does not fit. */
    void toPj(CStruct &c) const {
        detail::toStructs(c.auth_creds, c.auth_creds_count, authCreds, "AccountSipConfig.authCreds");
        detail::toStrings(c.proxies, c.proxies_count, proxies, "AccountSipConfig.proxies");
        detail::toC(c.contact_forced, contactForced, "AccountSipConfig.contactForced");
        detail::toC(c.contact_params, contactParams, "AccountSipConfig.contactParams");
        detail::toC(c.contact_uri_params, contactUriParams, "AccountSipConfig.contactUriParams");
        c.auth_initial_empty = authInitialEmpty;
        detail::toC(c.auth_initial_algorithm, authInitialAlgorithm, "AccountSipConfig.authInitialAlgorithm");
        c.transport_id = transportId;
        c.ipv6_use = ipv6Use;
        c.server_affinity = serverAffinity;
        c.use_shared_auth = useSharedAuth;
        c.auto_respond_sip_message = autoRespondSipMessage;
    }
    /** Reads this config from a JSON container. */
    void readObject(const ContainerNode &node) PJSUA2_THROW(Error) override {
        (void)node;
        throw Error(PJ_ENOTSUP, "AccountSipConfig::readObject()",
                    "the C ABI saves and loads only EpConfig, TransportConfig, "
                    "AccountConfig and BuddyConfig", "", 0);
    }
    /** Writes this config to a JSON container. */
    void writeObject(ContainerNode &node) const PJSUA2_THROW(Error) override {
        (void)node;
        throw Error(PJ_ENOTSUP, "AccountSipConfig::writeObject()",
                    "the C ABI saves and loads only EpConfig, TransportConfig, "
                    "AccountConfig and BuddyConfig", "", 0);
    }
};

/** Call settings of an account (PJSUA2 `AccountCallConfig`). */
struct AccountCallConfig : public PersistentObject {
    /** The C struct this class converts to and from. */
    typedef pjsua2rs_c::pjsua2rs_account_call_config CStruct;

    /** How calls are put on hold (PJSUA2RS_CALL_HOLD_TYPE_*). Default 0 (RFC 3264). */
    int holdType;
    /** Reliable provisional responses (PJSUA2RS_100REL_*). Default 0 (not used). */
    int prackUse;
    /** Session timers (PJSUA2RS_SIP_TIMER_*). Default 1 (optional). */
    int timerUse;
    /** SIPREC (PJSUA2RS_SIP_SIPREC_*). Default 0 (inactive). */
    int siprecUse;
    /** Require a label attribute on SIPREC media. Default false. */
    bool siprecRequireLabel;
    /** Require rs-metadata in SIPREC offers. Default false. */
    bool siprecRequireMetadata;
    /** The minimum session interval (Min-SE), in seconds. Default 90. */
    unsigned timerMinSESec;
    /** The session expiry asked for, in seconds. Default 1800. */
    unsigned timerSessExpiresSec;

    /** PJSUA2's defaults, from the library. */
    AccountCallConfig() {
        std::unique_ptr<CStruct> c(new CStruct());
        detail::check(pjsua2rs_c::pjsua2rs_account_call_config_default(c.get(), sizeof(CStruct)));
        fromPj(*c);
    }
    /** Sets the members from the C struct. */
    void fromPj(const CStruct &c) {
        holdType = c.hold_type;
        prackUse = c.prack_use;
        timerUse = c.timer_use;
        siprecUse = c.siprec_use;
        siprecRequireLabel = c.siprec_require_label;
        siprecRequireMetadata = c.siprec_require_metadata;
        timerMinSESec = c.timer_min_se_sec;
        timerSessExpiresSec = c.timer_sess_expires_sec;
    }
    /** Writes the members into the C struct; Error when a string or a list
     *  does not fit. */
    void toPj(CStruct &c) const {
        c.hold_type = holdType;
        c.prack_use = prackUse;
        c.timer_use = timerUse;
        c.siprec_use = siprecUse;
        c.siprec_require_label = siprecRequireLabel;
        c.siprec_require_metadata = siprecRequireMetadata;
        c.timer_min_se_sec = timerMinSESec;
        c.timer_sess_expires_sec = timerSessExpiresSec;
    }
    /** Reads this config from a JSON container. */
    void readObject(const ContainerNode &node) PJSUA2_THROW(Error) override {
        (void)node;
        throw Error(PJ_ENOTSUP, "AccountCallConfig::readObject()",
                    "the C ABI saves and loads only EpConfig, TransportConfig, "
                    "AccountConfig and BuddyConfig", "", 0);
    }
    /** Writes this config to a JSON container. */
    void writeObject(ContainerNode &node) const PJSUA2_THROW(Error) override {
        (void)node;
        throw Error(PJ_ENOTSUP, "AccountCallConfig::writeObject()",
                    "the C ABI saves and loads only EpConfig, TransportConfig, "
                    "AccountConfig and BuddyConfig", "", 0);
    }
};

/** Presence settings of an account (PJSUA2 `AccountPresConfig`). */
struct AccountPresConfig : public PersistentObject {
    /** The C struct this class converts to and from. */
    typedef pjsua2rs_c::pjsua2rs_account_pres_config CStruct;

    /** Extra headers for SUBSCRIBE and PUBLISH requests. */
    SipHeaderVector headers;
    /** Publish the account's presence with PUBLISH. Default false. */
    bool publishEnabled;
    /** Queue PUBLISH requests while one is pending. Default true. */
    bool publishQueue;
    /** Milliseconds to wait for the un-PUBLISH response at shutdown. Default 2000. */
    unsigned publishShutdownWaitMsec;
    /** The PIDF tuple id; empty means a random one. Default "". */
    string pidfTupleId;

    /** PJSUA2's defaults, from the library. */
    AccountPresConfig() {
        std::unique_ptr<CStruct> c(new CStruct());
        detail::check(pjsua2rs_c::pjsua2rs_account_pres_config_default(c.get(), sizeof(CStruct)));
        fromPj(*c);
    }
    /** Sets the members from the C struct. */
    void fromPj(const CStruct &c) {
        headers = detail::fromStructs<SipHeader>(c.headers, c.headers_count);
        publishEnabled = c.publish_enabled;
        publishQueue = c.publish_queue;
        publishShutdownWaitMsec = c.publish_shutdown_wait_msec;
        pidfTupleId = detail::fromC(c.pidf_tuple_id);
    }
    /** Writes the members into the C struct; Error when a string or a list
     *  does not fit. */
    void toPj(CStruct &c) const {
        detail::toStructs(c.headers, c.headers_count, headers, "AccountPresConfig.headers");
        c.publish_enabled = publishEnabled;
        c.publish_queue = publishQueue;
        c.publish_shutdown_wait_msec = publishShutdownWaitMsec;
        detail::toC(c.pidf_tuple_id, pidfTupleId, "AccountPresConfig.pidfTupleId");
    }
    /** Reads this config from a JSON container. */
    void readObject(const ContainerNode &node) PJSUA2_THROW(Error) override {
        (void)node;
        throw Error(PJ_ENOTSUP, "AccountPresConfig::readObject()",
                    "the C ABI saves and loads only EpConfig, TransportConfig, "
                    "AccountConfig and BuddyConfig", "", 0);
    }
    /** Writes this config to a JSON container. */
    void writeObject(ContainerNode &node) const PJSUA2_THROW(Error) override {
        (void)node;
        throw Error(PJ_ENOTSUP, "AccountPresConfig::writeObject()",
                    "the C ABI saves and loads only EpConfig, TransportConfig, "
                    "AccountConfig and BuddyConfig", "", 0);
    }
};

/** Message-waiting indication settings of an account (PJSUA2 `AccountMwiConfig`). */
struct AccountMwiConfig : public PersistentObject {
    /** The C struct this class converts to and from. */
    typedef pjsua2rs_c::pjsua2rs_account_mwi_config CStruct;

    /** Subscribe to message-summary events. Default false. */
    bool enabled;
    /** The subscription expiry asked for, in seconds. Default 3600. */
    unsigned expirationSec;

    /** PJSUA2's defaults, from the library. */
    AccountMwiConfig() {
        std::unique_ptr<CStruct> c(new CStruct());
        detail::check(pjsua2rs_c::pjsua2rs_account_mwi_config_default(c.get(), sizeof(CStruct)));
        fromPj(*c);
    }
    /** Sets the members from the C struct. */
    void fromPj(const CStruct &c) {
        enabled = c.enabled;
        expirationSec = c.expiration_sec;
    }
    /** Writes the members into the C struct; Error when a string or a list
     *  does not fit. */
    void toPj(CStruct &c) const {
        c.enabled = enabled;
        c.expiration_sec = expirationSec;
    }
    /** Reads this config from a JSON container. */
    void readObject(const ContainerNode &node) PJSUA2_THROW(Error) override {
        (void)node;
        throw Error(PJ_ENOTSUP, "AccountMwiConfig::readObject()",
                    "the C ABI saves and loads only EpConfig, TransportConfig, "
                    "AccountConfig and BuddyConfig", "", 0);
    }
    /** Writes this config to a JSON container. */
    void writeObject(ContainerNode &node) const PJSUA2_THROW(Error) override {
        (void)node;
        throw Error(PJ_ENOTSUP, "AccountMwiConfig::writeObject()",
                    "the C ABI saves and loads only EpConfig, TransportConfig, "
                    "AccountConfig and BuddyConfig", "", 0);
    }
};

/** NAT traversal settings of an account (PJSUA2 `AccountNatConfig`). */
struct AccountNatConfig : public PersistentObject {
    /** The C struct this class converts to and from. */
    typedef pjsua2rs_c::pjsua2rs_account_nat_config CStruct;

    /** STUN for SIP (PJSUA2RS_STUN_*). Default 0 (global setting). */
    int sipStunUse;
    /** STUN for media (PJSUA2RS_STUN_*). Default 2 (retry on failure). */
    int mediaStunUse;
    /** UPnP for SIP (PJSUA2RS_UPNP_USE_*). Default 0. */
    int sipUpnpUse;
    /** UPnP for media (PJSUA2RS_UPNP_USE_*). Default 0. */
    int mediaUpnpUse;
    /** NAT64 handling (PJSUA2RS_NAT64_*). Default 0. */
    int nat64Opt;
    /** Use ICE for media. Default false. */
    bool iceEnabled;
    /** Trickle ICE (PJSUA2RS_ICE_TRICKLE_*). Default 0. */
    int iceTrickle;
    /** Maximum ICE host candidates; -1 means no limit. Default -1. */
    int iceMaxHostCands;
    /** Extra host candidate addresses ("ip"), each on the base candidate's port. */
    StringVector iceManualHost;
    /** Use aggressive nomination as the controlling agent. Default true. */
    bool iceAggressiveNomination;
    /** Milliseconds the controlling agent waits before nominating. Default 400. */
    unsigned iceNominatedCheckDelayMsec;
    /**
     * Milliseconds the controlled agent waits for a nomination; -1 waits forever. Default
     * 10000.
     */
    int iceWaitNominationTimeoutMsec;
    /**
     * Check that incoming media comes from a checked candidate (non-zero = yes). Default 1.
     */
    unsigned iceCheckSrcAddr;
    /** Do not use ICE for RTCP. Default false. */
    bool iceNoRtcp;
    /** Always send a re-INVITE/UPDATE after ICE negotiation. Default true. */
    bool iceAlwaysUpdate;
    /** Use TURN relay candidates. Default false. */
    bool turnEnabled;
    /** The TURN server ("host[:port]"). Default "". */
    string turnServer;
    /** The connection to the TURN server (PJSUA2RS_TURN_TP_*). Default 17 (UDP). */
    int turnConnType;
    /** The TURN user name. Default "". */
    string turnUserName;
    /** The TURN password type (0 = plain). Default 0. */
    int turnPasswordType;
    /** The TURN password. Default "". */
    string turnPassword;
    /**
     * Rewrite the registration's Contact when the registrar saw us at another address (the
     * `received` and `rport` of our Via in its response, or the sent-by when it only added
     * `rport`), on every transport: 0 never; 1 yes, except when our Contact and the
     * registrar are public but the address seen is private, or only the port differs and
     * the address seen is private; 2 on any difference. Default 1.
     */
    int contactRewriteUse;
    /**
     * How the Contact is rewritten (PJSUA2RS_CONTACT_REWRITE_* bits): UNREGISTER removes
     * the old Contact with an un-REGISTER and registers the new one under a new Call-ID;
     * otherwise one REGISTER binds the new Contact and removes the old one (`expires=0`);
     * ALWAYS_UPDATE also takes the address from final responses of 400 and more (a 401
     * too), for the next REGISTER. Default 6 (NO_UNREG | ALWAYS_UPDATE).
     */
    int contactRewriteMethod;
    /**
     * PJSUA: put the TCP connection's source port in the initial Contact. Accepted and
     * saved but without effect here: the connection's local port is chosen when it opens,
     * after the REGISTER is built, so the Contact names the listening port (PJSUA turns the
     * option off likewise when it cannot learn the port). A registrar that reports the
     * source port in `rport` gets the Contact rewritten to it under `contact_rewrite_use`.
     * Default 1.
     */
    int contactUseSrcPort;
    /** Rewrite the Via sent-by with the address the server saw. Default 1. */
    int viaRewriteUse;
    /** Rewrite the SDP connection address with the address the registrar saw. Default 0. */
    int sdpNatRewriteUse;
    /** Use SIP outbound (RFC 5626). Default 1. */
    int sipOutboundUse;
    /** The SIP outbound +sip.instance; empty means generated. Default "". */
    string sipOutboundInstanceId;
    /** The SIP outbound reg-id; empty means 1. Default "". */
    string sipOutboundRegId;
    /**
     * Seconds between keep-alives to the registrar after a UDP registration; 0 disables
     * them. A registrar's Flow-Timer (RFC 5626) sets the interval instead, on TCP too;
     * without one, TCP registrations get CRLFCRLF every 90 s. Default 15.
     */
    unsigned udpKaIntervalSec;
    /** The UDP keep-alive payload; empty disables UDP keep-alives. Default "\r\n". */
    string udpKaData;

    /** PJSUA2's defaults, from the library. */
    AccountNatConfig() {
        std::unique_ptr<CStruct> c(new CStruct());
        detail::check(pjsua2rs_c::pjsua2rs_account_nat_config_default(c.get(), sizeof(CStruct)));
        fromPj(*c);
    }
    /** Sets the members from the C struct. */
    void fromPj(const CStruct &c) {
        sipStunUse = c.sip_stun_use;
        mediaStunUse = c.media_stun_use;
        sipUpnpUse = c.sip_upnp_use;
        mediaUpnpUse = c.media_upnp_use;
        nat64Opt = c.nat64_opt;
        iceEnabled = c.ice_enabled;
        iceTrickle = c.ice_trickle;
        iceMaxHostCands = c.ice_max_host_cands;
        iceManualHost = detail::fromStrings(c.ice_manual_host, c.ice_manual_host_count);
        iceAggressiveNomination = c.ice_aggressive_nomination;
        iceNominatedCheckDelayMsec = c.ice_nominated_check_delay_msec;
        iceWaitNominationTimeoutMsec = c.ice_wait_nomination_timeout_msec;
        iceCheckSrcAddr = c.ice_check_src_addr;
        iceNoRtcp = c.ice_no_rtcp;
        iceAlwaysUpdate = c.ice_always_update;
        turnEnabled = c.turn_enabled;
        turnServer = detail::fromC(c.turn_server);
        turnConnType = c.turn_conn_type;
        turnUserName = detail::fromC(c.turn_user_name);
        turnPasswordType = c.turn_password_type;
        turnPassword = detail::fromC(c.turn_password);
        contactRewriteUse = c.contact_rewrite_use;
        contactRewriteMethod = c.contact_rewrite_method;
        contactUseSrcPort = c.contact_use_src_port;
        viaRewriteUse = c.via_rewrite_use;
        sdpNatRewriteUse = c.sdp_nat_rewrite_use;
        sipOutboundUse = c.sip_outbound_use;
        sipOutboundInstanceId = detail::fromC(c.sip_outbound_instance_id);
        sipOutboundRegId = detail::fromC(c.sip_outbound_reg_id);
        udpKaIntervalSec = c.udp_ka_interval_sec;
        udpKaData = detail::fromC(c.udp_ka_data);
    }
    /** Writes the members into the C struct; Error when a string or a list
     *  does not fit. */
    void toPj(CStruct &c) const {
        c.sip_stun_use = sipStunUse;
        c.media_stun_use = mediaStunUse;
        c.sip_upnp_use = sipUpnpUse;
        c.media_upnp_use = mediaUpnpUse;
        c.nat64_opt = nat64Opt;
        c.ice_enabled = iceEnabled;
        c.ice_trickle = iceTrickle;
        c.ice_max_host_cands = iceMaxHostCands;
        detail::toStrings(c.ice_manual_host, c.ice_manual_host_count, iceManualHost, "AccountNatConfig.iceManualHost");
        c.ice_aggressive_nomination = iceAggressiveNomination;
        c.ice_nominated_check_delay_msec = iceNominatedCheckDelayMsec;
        c.ice_wait_nomination_timeout_msec = iceWaitNominationTimeoutMsec;
        c.ice_check_src_addr = iceCheckSrcAddr;
        c.ice_no_rtcp = iceNoRtcp;
        c.ice_always_update = iceAlwaysUpdate;
        c.turn_enabled = turnEnabled;
        detail::toC(c.turn_server, turnServer, "AccountNatConfig.turnServer");
        c.turn_conn_type = turnConnType;
        detail::toC(c.turn_user_name, turnUserName, "AccountNatConfig.turnUserName");
        c.turn_password_type = turnPasswordType;
        detail::toC(c.turn_password, turnPassword, "AccountNatConfig.turnPassword");
        c.contact_rewrite_use = contactRewriteUse;
        c.contact_rewrite_method = contactRewriteMethod;
        c.contact_use_src_port = contactUseSrcPort;
        c.via_rewrite_use = viaRewriteUse;
        c.sdp_nat_rewrite_use = sdpNatRewriteUse;
        c.sip_outbound_use = sipOutboundUse;
        detail::toC(c.sip_outbound_instance_id, sipOutboundInstanceId, "AccountNatConfig.sipOutboundInstanceId");
        detail::toC(c.sip_outbound_reg_id, sipOutboundRegId, "AccountNatConfig.sipOutboundRegId");
        c.udp_ka_interval_sec = udpKaIntervalSec;
        detail::toC(c.udp_ka_data, udpKaData, "AccountNatConfig.udpKaData");
    }
    /** Reads this config from a JSON container. */
    void readObject(const ContainerNode &node) PJSUA2_THROW(Error) override {
        (void)node;
        throw Error(PJ_ENOTSUP, "AccountNatConfig::readObject()",
                    "the C ABI saves and loads only EpConfig, TransportConfig, "
                    "AccountConfig and BuddyConfig", "", 0);
    }
    /** Writes this config to a JSON container. */
    void writeObject(ContainerNode &node) const PJSUA2_THROW(Error) override {
        (void)node;
        throw Error(PJ_ENOTSUP, "AccountNatConfig::writeObject()",
                    "the C ABI saves and loads only EpConfig, TransportConfig, "
                    "AccountConfig and BuddyConfig", "", 0);
    }
};

/** One SRTP crypto suite (PJSUA2 `SrtpCrypto`). */
struct SrtpCrypto : public PersistentObject {
    /** The C struct this class converts to and from. */
    typedef pjsua2rs_c::pjsua2rs_srtp_crypto CStruct;

    /** The master key (base64 in SDES); empty means a random one. */
    string key;
    /** The suite name, e.g. "AES_CM_128_HMAC_SHA1_80". */
    string name;
    /** PJSUA2RS_SRTP_NO_* bits. */
    unsigned flags;

    /** PJSUA2's defaults, from the library. */
    SrtpCrypto() {
        std::unique_ptr<CStruct> c(new CStruct());
        detail::check(pjsua2rs_c::pjsua2rs_srtp_crypto_default(c.get(), sizeof(CStruct)));
        fromPj(*c);
    }
    /** Sets the members from the C struct. */
    void fromPj(const CStruct &c) {
        key = detail::fromC(c.key);
        name = detail::fromC(c.name);
        flags = c.flags;
    }
    /** Writes the members into the C struct; Error when a string or a list
     *  does not fit. */
    void toPj(CStruct &c) const {
        detail::toC(c.key, key, "SrtpCrypto.key");
        detail::toC(c.name, name, "SrtpCrypto.name");
        c.flags = flags;
    }
    /** Reads this config from a JSON container. */
    void readObject(const ContainerNode &node) PJSUA2_THROW(Error) override {
        (void)node;
        throw Error(PJ_ENOTSUP, "SrtpCrypto::readObject()",
                    "the C ABI saves and loads only EpConfig, TransportConfig, "
                    "AccountConfig and BuddyConfig", "", 0);
    }
    /** Writes this config to a JSON container. */
    void writeObject(ContainerNode &node) const PJSUA2_THROW(Error) override {
        (void)node;
        throw Error(PJ_ENOTSUP, "SrtpCrypto::writeObject()",
                    "the C ABI saves and loads only EpConfig, TransportConfig, "
                    "AccountConfig and BuddyConfig", "", 0);
    }
};
/** A list of SrtpCrypto (PJSUA2's `SrtpCryptoVector`). */
typedef std::vector<SrtpCrypto> SrtpCryptoVector;

/**
 * SRTP options (PJSUA2 `SrtpOpt`). Empty lists mean every supported crypto suite and keying
 * method.
 */
struct SrtpOpt : public PersistentObject {
    /** The C struct this class converts to and from. */
    typedef pjsua2rs_c::pjsua2rs_srtp_opt CStruct;

    /** Crypto suites to offer or accept, in order of preference. */
    SrtpCryptoVector cryptos;
    /** Keying methods (PJSUA2RS_SRTP_KEYING_*), in order of preference. */
    IntVector keyings;

    /** PJSUA2's defaults, from the library. */
    SrtpOpt() {
        std::unique_ptr<CStruct> c(new CStruct());
        detail::check(pjsua2rs_c::pjsua2rs_srtp_opt_default(c.get(), sizeof(CStruct)));
        fromPj(*c);
    }
    /** Sets the members from the C struct. */
    void fromPj(const CStruct &c) {
        cryptos = detail::fromStructs<SrtpCrypto>(c.cryptos, c.cryptos_count);
        keyings = detail::fromInts(c.keyings, c.keyings_count);
    }
    /** Writes the members into the C struct; Error when a string or a list
     *  does not fit. */
    void toPj(CStruct &c) const {
        detail::toStructs(c.cryptos, c.cryptos_count, cryptos, "SrtpOpt.cryptos");
        detail::toInts(c.keyings, c.keyings_count, keyings, "SrtpOpt.keyings");
    }
    /** Reads this config from a JSON container. */
    void readObject(const ContainerNode &node) PJSUA2_THROW(Error) override {
        (void)node;
        throw Error(PJ_ENOTSUP, "SrtpOpt::readObject()",
                    "the C ABI saves and loads only EpConfig, TransportConfig, "
                    "AccountConfig and BuddyConfig", "", 0);
    }
    /** Writes this config to a JSON container. */
    void writeObject(ContainerNode &node) const PJSUA2_THROW(Error) override {
        (void)node;
        throw Error(PJ_ENOTSUP, "SrtpOpt::writeObject()",
                    "the C ABI saves and loads only EpConfig, TransportConfig, "
                    "AccountConfig and BuddyConfig", "", 0);
    }
};

/**
 * One RTCP feedback capability (PJSUA2 `RtcpFbCap`): an `a=rtcp-fb` line (RFC 4585 §4.2) of
 * our SDP.
 */
struct RtcpFbCap : public PersistentObject {
    /** The C struct this class converts to and from. */
    typedef pjsua2rs_c::pjsua2rs_rtcp_fb_cap CStruct;

    /**
     * The codec it is for, as a codec id or its start (`PCMU/8000`, `opus`), or `*` for
     * every payload type. Default "".
     */
    string codecId;
    /** The feedback type (PJSUA2RS_RTCP_FB_*). Default PJSUA2RS_RTCP_FB_OTHER. */
    int type;
    /**
     * The type's name when `type` is PJSUA2RS_RTCP_FB_OTHER (`ccm`, `goog-remb`...).
     * Default "".
     */
    string typeName;
    /**
     * The type's parameter (`pli` for `nack pli`, the interval of `trr-int`). Default "".
     */
    string param;

    /** PJSUA2's defaults, from the library. */
    RtcpFbCap() {
        std::unique_ptr<CStruct> c(new CStruct());
        detail::check(pjsua2rs_c::pjsua2rs_rtcp_fb_cap_default(c.get(), sizeof(CStruct)));
        fromPj(*c);
    }
    /** Sets the members from the C struct. */
    void fromPj(const CStruct &c) {
        codecId = detail::fromC(c.codec_id);
        type = c.type;
        typeName = detail::fromC(c.type_name);
        param = detail::fromC(c.param);
    }
    /** Writes the members into the C struct; Error when a string or a list
     *  does not fit. */
    void toPj(CStruct &c) const {
        detail::toC(c.codec_id, codecId, "RtcpFbCap.codecId");
        c.type = type;
        detail::toC(c.type_name, typeName, "RtcpFbCap.typeName");
        detail::toC(c.param, param, "RtcpFbCap.param");
    }
    /** Reads this config from a JSON container. */
    void readObject(const ContainerNode &node) PJSUA2_THROW(Error) override {
        (void)node;
        throw Error(PJ_ENOTSUP, "RtcpFbCap::readObject()",
                    "the C ABI saves and loads only EpConfig, TransportConfig, "
                    "AccountConfig and BuddyConfig", "", 0);
    }
    /** Writes this config to a JSON container. */
    void writeObject(ContainerNode &node) const PJSUA2_THROW(Error) override {
        (void)node;
        throw Error(PJ_ENOTSUP, "RtcpFbCap::writeObject()",
                    "the C ABI saves and loads only EpConfig, TransportConfig, "
                    "AccountConfig and BuddyConfig", "", 0);
    }
};
/** A list of RtcpFbCap (PJSUA2's `RtcpFbCapVector`). */
typedef std::vector<RtcpFbCap> RtcpFbCapVector;

/**
 * RTCP feedback settings (PJSUA2 `RtcpFbConfig`, RFC 4585). With `dont_use_avpf` false our
 * offers use the `RTP/AVPF` profile and offers and answers on AVPF lines carry an
 * `a=rtcp-fb` line for each capability. Not saved in JSON.
 */
struct RtcpFbConfig : public PersistentObject {
    /** The C struct this class converts to and from. */
    typedef pjsua2rs_c::pjsua2rs_rtcp_fb_config CStruct;

    /** Offer plain `RTP/AVP` and no feedback. Default true. */
    bool dontUseAvpf;
    /** The feedback capabilities. */
    RtcpFbCapVector caps;

    /** PJSUA2's defaults, from the library. */
    RtcpFbConfig() {
        std::unique_ptr<CStruct> c(new CStruct());
        detail::check(pjsua2rs_c::pjsua2rs_rtcp_fb_config_default(c.get(), sizeof(CStruct)));
        fromPj(*c);
    }
    /** Sets the members from the C struct. */
    void fromPj(const CStruct &c) {
        dontUseAvpf = c.dont_use_avpf;
        caps = detail::fromStructs<RtcpFbCap>(c.caps, c.caps_count);
    }
    /** Writes the members into the C struct; Error when a string or a list
     *  does not fit. */
    void toPj(CStruct &c) const {
        c.dont_use_avpf = dontUseAvpf;
        detail::toStructs(c.caps, c.caps_count, caps, "RtcpFbConfig.caps");
    }
    /** Reads this config from a JSON container. */
    void readObject(const ContainerNode &node) PJSUA2_THROW(Error) override {
        (void)node;
        throw Error(PJ_ENOTSUP, "RtcpFbConfig::readObject()",
                    "the C ABI saves and loads only EpConfig, TransportConfig, "
                    "AccountConfig and BuddyConfig", "", 0);
    }
    /** Writes this config to a JSON container. */
    void writeObject(ContainerNode &node) const PJSUA2_THROW(Error) override {
        (void)node;
        throw Error(PJ_ENOTSUP, "RtcpFbConfig::writeObject()",
                    "the C ABI saves and loads only EpConfig, TransportConfig, "
                    "AccountConfig and BuddyConfig", "", 0);
    }
};

/** Media settings of an account (PJSUA2 `AccountMediaConfig`). */
struct AccountMediaConfig : public PersistentObject {
    /** The C struct this class converts to and from. */
    typedef pjsua2rs_c::pjsua2rs_account_media_config CStruct;

    /** The RTP transports' settings; `port` is the base RTP port. Default port 4000. */
    TransportConfig transportConfig;
    /** Keep only the first codec of a multi-codec answer (re-offering it). Default true. */
    bool lockCodecEnabled;
    /** Send keep-alive packets on media streams. Default false. */
    bool streamKaEnabled;
    /** SRTP use (PJSUA2RS_SRTP_DISABLED/OPTIONAL/MANDATORY). Default 0. */
    int srtpUse;
    /** Signalling security SRTP needs: 0 none, 1 TLS, 2 end-to-end SIPS. Default 1. */
    int srtpSecureSignaling;
    /** SRTP crypto suites and keying methods. */
    SrtpOpt srtpOpt;
    /** IPv6 use for media (PJSUA2RS_IPV6_*). Default 0. */
    int ipv6Use;
    /** Offer and accept RTCP multiplexed on the RTP port. Default false. */
    bool rtcpMuxEnabled;
    /** Send RTCP extended reports. Default false. */
    bool rtcpXrEnabled;
    /** Use a loopback media transport (no network). Default false. */
    bool useLoopMedTp;
    /** With the loopback transport, loop sent media back. Default false. */
    bool enableLoopback;
    /** RTCP feedback (AVPF) settings. Not saved in JSON. */
    RtcpFbConfig rtcpFbConfig;

    /** PJSUA2's defaults, from the library. */
    AccountMediaConfig() {
        std::unique_ptr<CStruct> c(new CStruct());
        detail::check(pjsua2rs_c::pjsua2rs_account_media_config_default(c.get(), sizeof(CStruct)));
        fromPj(*c);
    }
    /** Sets the members from the C struct. */
    void fromPj(const CStruct &c) {
        transportConfig.fromPj(c.transport_config);
        lockCodecEnabled = c.lock_codec_enabled;
        streamKaEnabled = c.stream_ka_enabled;
        srtpUse = c.srtp_use;
        srtpSecureSignaling = c.srtp_secure_signaling;
        srtpOpt.fromPj(c.srtp_opt);
        ipv6Use = c.ipv6_use;
        rtcpMuxEnabled = c.rtcp_mux_enabled;
        rtcpXrEnabled = c.rtcp_xr_enabled;
        useLoopMedTp = c.use_loop_med_tp;
        enableLoopback = c.enable_loopback;
        rtcpFbConfig.fromPj(c.rtcp_fb_config);
    }
    /** Writes the members into the C struct; Error when a string or a list
     *  does not fit. */
    void toPj(CStruct &c) const {
        transportConfig.toPj(c.transport_config);
        c.lock_codec_enabled = lockCodecEnabled;
        c.stream_ka_enabled = streamKaEnabled;
        c.srtp_use = srtpUse;
        c.srtp_secure_signaling = srtpSecureSignaling;
        srtpOpt.toPj(c.srtp_opt);
        c.ipv6_use = ipv6Use;
        c.rtcp_mux_enabled = rtcpMuxEnabled;
        c.rtcp_xr_enabled = rtcpXrEnabled;
        c.use_loop_med_tp = useLoopMedTp;
        c.enable_loopback = enableLoopback;
        rtcpFbConfig.toPj(c.rtcp_fb_config);
    }
    /** Reads this config from a JSON container. */
    void readObject(const ContainerNode &node) PJSUA2_THROW(Error) override {
        (void)node;
        throw Error(PJ_ENOTSUP, "AccountMediaConfig::readObject()",
                    "the C ABI saves and loads only EpConfig, TransportConfig, "
                    "AccountConfig and BuddyConfig", "", 0);
    }
    /** Writes this config to a JSON container. */
    void writeObject(ContainerNode &node) const PJSUA2_THROW(Error) override {
        (void)node;
        throw Error(PJ_ENOTSUP, "AccountMediaConfig::writeObject()",
                    "the C ABI saves and loads only EpConfig, TransportConfig, "
                    "AccountConfig and BuddyConfig", "", 0);
    }
};

/**
 * Video settings of an account (PJSUA2 `AccountVideoConfig`); video is not supported yet,
 * the settings are kept and saved.
 */
struct AccountVideoConfig : public PersistentObject {
    /** The C struct this class converts to and from. */
    typedef pjsua2rs_c::pjsua2rs_account_video_config CStruct;

    /** Show incoming video automatically. Default false. */
    bool autoShowIncoming;
    /** Transmit video automatically on outgoing calls. Default false. */
    bool autoTransmitOutgoing;
    /** Flags of the video windows. Default 0. */
    unsigned windowFlags;
    /** The capture device index; -1 means the default. Default -1. */
    int defaultCaptureDevice;
    /** The render device index; -2 means the default. Default -2. */
    int defaultRenderDevice;
    /** The rate control method (0 none, 1 simple blocking). Default 0. */
    int rateControlMethod;
    /** The rate control bandwidth in bps; 0 means the codec's. Default 0. */
    unsigned rateControlBandwidth;
    /** Keyframes sent at the start of a stream. Default 0. */
    unsigned startKeyframeCount;
    /** Milliseconds between those keyframes. Default 0. */
    unsigned startKeyframeInterval;

    /** PJSUA2's defaults, from the library. */
    AccountVideoConfig() {
        std::unique_ptr<CStruct> c(new CStruct());
        detail::check(pjsua2rs_c::pjsua2rs_account_video_config_default(c.get(), sizeof(CStruct)));
        fromPj(*c);
    }
    /** Sets the members from the C struct. */
    void fromPj(const CStruct &c) {
        autoShowIncoming = c.auto_show_incoming;
        autoTransmitOutgoing = c.auto_transmit_outgoing;
        windowFlags = c.window_flags;
        defaultCaptureDevice = c.default_capture_device;
        defaultRenderDevice = c.default_render_device;
        rateControlMethod = c.rate_control_method;
        rateControlBandwidth = c.rate_control_bandwidth;
        startKeyframeCount = c.start_keyframe_count;
        startKeyframeInterval = c.start_keyframe_interval;
    }
    /** Writes the members into the C struct; Error when a string or a list
     *  does not fit. */
    void toPj(CStruct &c) const {
        c.auto_show_incoming = autoShowIncoming;
        c.auto_transmit_outgoing = autoTransmitOutgoing;
        c.window_flags = windowFlags;
        c.default_capture_device = defaultCaptureDevice;
        c.default_render_device = defaultRenderDevice;
        c.rate_control_method = rateControlMethod;
        c.rate_control_bandwidth = rateControlBandwidth;
        c.start_keyframe_count = startKeyframeCount;
        c.start_keyframe_interval = startKeyframeInterval;
    }
    /** Reads this config from a JSON container. */
    void readObject(const ContainerNode &node) PJSUA2_THROW(Error) override {
        (void)node;
        throw Error(PJ_ENOTSUP, "AccountVideoConfig::readObject()",
                    "the C ABI saves and loads only EpConfig, TransportConfig, "
                    "AccountConfig and BuddyConfig", "", 0);
    }
    /** Writes this config to a JSON container. */
    void writeObject(ContainerNode &node) const PJSUA2_THROW(Error) override {
        (void)node;
        throw Error(PJ_ENOTSUP, "AccountVideoConfig::writeObject()",
                    "the C ABI saves and loads only EpConfig, TransportConfig, "
                    "AccountConfig and BuddyConfig", "", 0);
    }
};

/**
 * Real-time text settings of an account (PJSUA2 `AccountTextConfig`). Not saved in JSON.
 */
struct AccountTextConfig : public PersistentObject {
    /** The C struct this class converts to and from. */
    typedef pjsua2rs_c::pjsua2rs_account_text_config CStruct;

    /** Redundant generations sent with each text packet (RFC 4103). Default 2. */
    int redundancyLevel;

    /** PJSUA2's defaults, from the library. */
    AccountTextConfig() {
        std::unique_ptr<CStruct> c(new CStruct());
        detail::check(pjsua2rs_c::pjsua2rs_account_text_config_default(c.get(), sizeof(CStruct)));
        fromPj(*c);
    }
    /** Sets the members from the C struct. */
    void fromPj(const CStruct &c) {
        redundancyLevel = c.redundancy_level;
    }
    /** Writes the members into the C struct; Error when a string or a list
     *  does not fit. */
    void toPj(CStruct &c) const {
        c.redundancy_level = redundancyLevel;
    }
    /** Reads this config from a JSON container. */
    void readObject(const ContainerNode &node) PJSUA2_THROW(Error) override {
        (void)node;
        throw Error(PJ_ENOTSUP, "AccountTextConfig::readObject()",
                    "the C ABI saves and loads only EpConfig, TransportConfig, "
                    "AccountConfig and BuddyConfig", "", 0);
    }
    /** Writes this config to a JSON container. */
    void writeObject(ContainerNode &node) const PJSUA2_THROW(Error) override {
        (void)node;
        throw Error(PJ_ENOTSUP, "AccountTextConfig::writeObject()",
                    "the C ABI saves and loads only EpConfig, TransportConfig, "
                    "AccountConfig and BuddyConfig", "", 0);
    }
};

/**
 * What the account does when the IP address changes (PJSUA2 `AccountIpChangeConfig`). Not
 * saved in JSON.
 */
struct AccountIpChangeConfig : public PersistentObject {
    /** The C struct this class converts to and from. */
    typedef pjsua2rs_c::pjsua2rs_account_ip_change_config CStruct;

    /** Shut the registration's transport down. Default true. */
    bool shutdownTp;
    /** Hang up the account's calls. Default false. */
    bool hangupCalls;
    /**
     * Flags of the re-INVITE sent to calls (PJSUA2RS_CALL_* bits). Default 50 (REINIT_MEDIA
     * | UPDATE_CONTACT | UPDATE_VIA).
     */
    unsigned reinviteFlags;
    /** Send UPDATE instead of re-INVITE (non-zero = yes). Default 0. */
    unsigned reinvUseUpdate;

    /** PJSUA2's defaults, from the library. */
    AccountIpChangeConfig() {
        std::unique_ptr<CStruct> c(new CStruct());
        detail::check(pjsua2rs_c::pjsua2rs_account_ip_change_config_default(c.get(), sizeof(CStruct)));
        fromPj(*c);
    }
    /** Sets the members from the C struct. */
    void fromPj(const CStruct &c) {
        shutdownTp = c.shutdown_tp;
        hangupCalls = c.hangup_calls;
        reinviteFlags = c.reinvite_flags;
        reinvUseUpdate = c.reinv_use_update;
    }
    /** Writes the members into the C struct; Error when a string or a list
     *  does not fit. */
    void toPj(CStruct &c) const {
        c.shutdown_tp = shutdownTp;
        c.hangup_calls = hangupCalls;
        c.reinvite_flags = reinviteFlags;
        c.reinv_use_update = reinvUseUpdate;
    }
    /** Reads this config from a JSON container. */
    void readObject(const ContainerNode &node) PJSUA2_THROW(Error) override {
        (void)node;
        throw Error(PJ_ENOTSUP, "AccountIpChangeConfig::readObject()",
                    "the C ABI saves and loads only EpConfig, TransportConfig, "
                    "AccountConfig and BuddyConfig", "", 0);
    }
    /** Writes this config to a JSON container. */
    void writeObject(ContainerNode &node) const PJSUA2_THROW(Error) override {
        (void)node;
        throw Error(PJ_ENOTSUP, "AccountIpChangeConfig::writeObject()",
                    "the C ABI saves and loads only EpConfig, TransportConfig, "
                    "AccountConfig and BuddyConfig", "", 0);
    }
};

/**
 * An account's settings (PJSUA2 `AccountConfig`). Initialise it with
 * `pjsua2rs_account_config_default()`. It is about 64 KB (the TLS PEM buffers of the media
 * transport take 24 KB): mind small thread stacks.
 */
struct AccountConfig : public PersistentObject {
    /** The C struct this class converts to and from. */
    typedef pjsua2rs_c::pjsua2rs_account_config CStruct;

    /**
     * Priority when choosing the account for an incoming request; higher wins. Default 0.
     */
    int priority;
    /** The account's URI, e.g. "\"Alice\" <sip:alice@example.com>". Default "". */
    string idUri;
    /** Registration settings. */
    AccountRegConfig regConfig;
    /** SIP settings. */
    AccountSipConfig sipConfig;
    /** Call settings. */
    AccountCallConfig callConfig;
    /** Presence settings. */
    AccountPresConfig presConfig;
    /** Message-waiting indication settings. */
    AccountMwiConfig mwiConfig;
    /** NAT traversal settings. */
    AccountNatConfig natConfig;
    /** Media settings. */
    AccountMediaConfig mediaConfig;
    /** Video settings. */
    AccountVideoConfig videoConfig;
    /** Real-time text settings. Not saved in JSON. */
    AccountTextConfig textConfig;
    /** What to do when the IP address changes. Not saved in JSON. */
    AccountIpChangeConfig ipChangeConfig;

    /** PJSUA2's defaults, from the library. */
    AccountConfig() {
        std::unique_ptr<CStruct> c(new CStruct());
        detail::check(pjsua2rs_c::pjsua2rs_account_config_default(c.get(), sizeof(CStruct)));
        fromPj(*c);
    }
    /** Sets the members from the C struct. */
    void fromPj(const CStruct &c) {
        priority = c.priority;
        idUri = detail::fromC(c.id_uri);
        regConfig.fromPj(c.reg_config);
        sipConfig.fromPj(c.sip_config);
        callConfig.fromPj(c.call_config);
        presConfig.fromPj(c.pres_config);
        mwiConfig.fromPj(c.mwi_config);
        natConfig.fromPj(c.nat_config);
        mediaConfig.fromPj(c.media_config);
        videoConfig.fromPj(c.video_config);
        textConfig.fromPj(c.text_config);
        ipChangeConfig.fromPj(c.ip_change_config);
    }
    /** Writes the members into the C struct; Error when a string or a list
     *  does not fit. */
    void toPj(CStruct &c) const {
        c.struct_size = sizeof c;
        c.priority = priority;
        detail::toC(c.id_uri, idUri, "AccountConfig.idUri");
        regConfig.toPj(c.reg_config);
        sipConfig.toPj(c.sip_config);
        callConfig.toPj(c.call_config);
        presConfig.toPj(c.pres_config);
        mwiConfig.toPj(c.mwi_config);
        natConfig.toPj(c.nat_config);
        mediaConfig.toPj(c.media_config);
        videoConfig.toPj(c.video_config);
        textConfig.toPj(c.text_config);
        ipChangeConfig.toPj(c.ip_change_config);
    }
    /** Reads this config from a JSON container. */
    void readObject(const ContainerNode &node) PJSUA2_THROW(Error) override {
        std::unique_ptr<CStruct> c(new CStruct());
        toPj(*c);
        detail::check(
            pjsua2rs_c::pjsua2rs_json_doc_read_account_config(node.docHandle(), node.nodeId(), c.get()));
        fromPj(*c);
    }
    /** Writes this config to a JSON container. */
    void writeObject(ContainerNode &node) const PJSUA2_THROW(Error) override {
        std::unique_ptr<CStruct> c(new CStruct());
        toPj(*c);
        detail::check(
            pjsua2rs_c::pjsua2rs_json_doc_write_account_config(node.docHandle(), node.nodeId(), c.get()));
    }
};

/**
 * A buddy's settings (PJSUA2 `BuddyConfig`). Initialise it with
 * `pjsua2rs_buddy_config_default()`.
 */
struct BuddyConfig : public PersistentObject {
    /** The C struct this class converts to and from. */
    typedef pjsua2rs_c::pjsua2rs_buddy_config CStruct;

    /** The buddy's URI, e.g. "sip:alice@example.com". Default "". */
    string uri;
    /** Subscribe to the buddy's presence when it is added. Default false. */
    bool subscribe;
    /** Subscribe to the buddy's dialog events when it is added. Default false. */
    bool subscribe_dlg_event;

    /** PJSUA2's defaults, from the library. */
    BuddyConfig() {
        std::unique_ptr<CStruct> c(new CStruct());
        detail::check(pjsua2rs_c::pjsua2rs_buddy_config_default(c.get(), sizeof(CStruct)));
        fromPj(*c);
    }
    /** Sets the members from the C struct. */
    void fromPj(const CStruct &c) {
        uri = detail::fromC(c.uri);
        subscribe = c.subscribe;
        subscribe_dlg_event = c.subscribe_dlg_event;
    }
    /** Writes the members into the C struct; Error when a string or a list
     *  does not fit. */
    void toPj(CStruct &c) const {
        c.struct_size = sizeof c;
        detail::toC(c.uri, uri, "BuddyConfig.uri");
        c.subscribe = subscribe;
        c.subscribe_dlg_event = subscribe_dlg_event;
    }
    /** Reads this config from a JSON container. */
    void readObject(const ContainerNode &node) PJSUA2_THROW(Error) override {
        std::unique_ptr<CStruct> c(new CStruct());
        toPj(*c);
        detail::check(
            pjsua2rs_c::pjsua2rs_json_doc_read_buddy_config(node.docHandle(), node.nodeId(), c.get()));
        fromPj(*c);
    }
    /** Writes this config to a JSON container. */
    void writeObject(ContainerNode &node) const PJSUA2_THROW(Error) override {
        std::unique_ptr<CStruct> c(new CStruct());
        toPj(*c);
        detail::check(
            pjsua2rs_c::pjsua2rs_json_doc_write_buddy_config(node.docHandle(), node.nodeId(), c.get()));
    }
};

} // namespace pj

#endif /* PJSUA2RS_CONFIG_HPP */
