/* Endpoint life cycle, thread registration, transports (enum, info, close, graceful
 * shutdown, disabling) and OPTIONS between two endpoints over UDP and TCP on loopback,
 * through the C++ binding. */
#include "check.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <sstream>
#include <thread>

using namespace pj;

static void lifeCycle() {
    Endpoint ep;
    CHECK(&Endpoint::instance() == &ep);
    CHECK(ep.libGetState() == PJSUA_STATE_NULL);
    ep.libCreate();
    CHECK(ep.libGetState() == PJSUA_STATE_CREATED);
    EXPECT_ERROR(ep.libCreate(), PJ_EINVALIDOP);
    ep.libInit(quietConfig());
    CHECK(ep.libGetState() == PJSUA_STATE_INIT);
    ep.libStart();
    CHECK(ep.libGetState() == PJSUA_STATE_RUNNING);
    CHECK(ep.libHandleEvents(1) >= 0);
    ep.libDestroy();
    CHECK(ep.libGetState() == PJSUA_STATE_NULL);
    ep.libDestroy(); // again: nothing to do
    Version v = ep.libVersion();
    CHECK(v.full.find(std::to_string(v.major) + "." + std::to_string(v.minor)) == 0);
    CHECK(v.numeric == (unsigned)(v.major << 24 | v.minor << 16 | v.rev << 8));
}

static void instanceIsTheLastConstructed() {
    Endpoint a;
    {
        Endpoint b;
        CHECK(&Endpoint::instance() == &b);
    }
    EXPECT_ERROR(Endpoint::instance(), PJ_ENOTFOUND);
}

static void transports() {
    Endpoint ep;
    ep.libCreate();
    ep.libInit(quietConfig());
    ep.libStart();
    TransportId udp = ep.transportCreate(PJSIP_TRANSPORT_UDP, loopback());
    TransportId tcp = ep.transportCreate(PJSIP_TRANSPORT_TCP, loopback());
    IntVector ids = ep.transportEnum();
    CHECK(ids == IntVector({udp, tcp}));
    TransportInfo u = ep.transportGetInfo(udp);
    CHECK(u.id == udp && u.type == PJSIP_TRANSPORT_UDP && u.typeName == "UDP");
    CHECK(u.flags == PJSIP_TRANSPORT_DATAGRAM);
    CHECK(u.localAddress.rfind("127.0.0.1:", 0) == 0 && u.localAddress.size() > 10);
    TransportInfo t = ep.transportGetInfo(tcp);
    CHECK(t.type == PJSIP_TRANSPORT_TCP && t.typeName == "TCP");
    CHECK(t.flags == PJSIP_TRANSPORT_RELIABLE);
    for (int i = 0; i < 20; i++)
        ep.transportCreate(PJSIP_TRANSPORT_UDP, loopback());
    CHECK(ep.transportEnum().size() == 22); // more than the first buffer holds
    ep.transportClose(udp);
    CHECK(ep.transportEnum()[0] == tcp);
    EXPECT_ERROR(ep.transportGetInfo(udp), PJ_ENOTFOUND);
}

static void optionsBetweenTwoEndpoints(pjsip_transport_type_e type, const string &params) {
    Endpoint a, b;
    for (Endpoint *ep : {&a, &b}) {
        ep->libCreate();
        ep->libInit(quietConfig());
        ep->libStart();
    }
    TransportId aId = a.transportCreate(type, loopback());
    TransportId bId = b.transportCreate(type, loopback());
    OptionsResult r = a.utilSendOptions("sip:bob@" + b.transportGetInfo(bId).localAddress + params);
    CHECK(r.statusCode == PJSIP_SC_OK && r.reason == "OK");
    CHECK(r.wholeMsg.rfind("SIP/2.0 200 OK\r\n", 0) == 0);
    CHECK(r.wholeMsg.find("\r\nAllow: ") != string::npos);
    OptionsResult back =
        b.utilSendOptions("sip:" + a.transportGetInfo(aId).localAddress + params, 3000);
    CHECK(back.statusCode == 200);
}

static void anyThreadMayCall() {
    Endpoint ep;
    ep.libCreate();
    ep.libInit(quietConfig());
    ep.libStart();
    CHECK(ep.libIsThreadRegistered());
    bool before = false, after = false;
    size_t transports = 99;
    std::thread own([&] {
        before = ep.libIsThreadRegistered();
        ep.libRegisterThread("app-thread");
        after = ep.libIsThreadRegistered();
        transports = ep.transportEnum().size(); // and it may call the library anyway
    });
    own.join();
    CHECK(before && after && transports == 0);
}

/* A UDP socket on 127.0.0.1 playing a SIP peer by hand. */
struct UdpPeer {
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    int port = 0;
    sockaddr_in last{};

    UdpPeer() {
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t len = sizeof a;
        bind(fd, reinterpret_cast<sockaddr *>(&a), sizeof a);
        getsockname(fd, reinterpret_cast<sockaddr *>(&a), &len);
        port = ntohs(a.sin_port);
        timeval tv{5, 0};
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    }
    ~UdpPeer() { close(fd); }

    /* The next datagram (empty after 5 s); its sender becomes `last`. */
    string receive() {
        char buf[4096];
        socklen_t len = sizeof last;
        ssize_t n = recvfrom(fd, buf, sizeof buf, 0, reinterpret_cast<sockaddr *>(&last), &len);
        return n > 0 ? string(buf, static_cast<size_t>(n)) : string();
    }

    /* Answers `request` with 200 (its Via, From, To with a tag, Call-ID and CSeq). */
    void answer200(const string &request) {
        std::ostringstream out;
        out << "SIP/2.0 200 OK\r\n";
        std::istringstream lines(request);
        for (string line; std::getline(lines, line) && line != "\r";) {
            string name = line.substr(0, line.find(':'));
            for (char &c : name)
                c = static_cast<char>(tolower(c));
            if (name == "via" || name == "from" || name == "call-id" || name == "cseq")
                out << line << "\n";
            else if (name == "to")
                out << line.substr(0, line.size() - 1) << ";tag=peer\r\n";
        }
        out << "Content-Length: 0\r\n\r\n";
        string msg = out.str();
        sendto(fd, msg.data(), msg.size(), 0, reinterpret_cast<sockaddr *>(&last), sizeof last);
    }
};

/* Whether "127.0.0.1:port" can be bound for UDP now. */
static bool udpPortFree(const string &address) {
    int port = std::stoi(address.substr(address.rfind(':') + 1));
    int s = socket(AF_INET, SOCK_DGRAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons(static_cast<uint16_t>(port));
    bool free = bind(s, reinterpret_cast<sockaddr *>(&a), sizeof a) == 0;
    close(s);
    return free;
}

static void transportShutdownIsGraceful() {
    Endpoint ep;
    ep.libCreate();
    EpConfig cfg = quietConfig();
    cfg.uaConfig.tsxT4Msec = 300; // Timer K: how long the finished transaction lingers
    ep.libInit(cfg);
    ep.libStart();
    TransportId udp = ep.transportCreate(PJSIP_TRANSPORT_UDP, loopback());
    string local = ep.transportGetInfo(udp).localAddress;
    UdpPeer peer;
    string uri = "sip:127.0.0.1:" + std::to_string(peer.port);
    int status = 0;
    std::thread asking([&] {
        try {
            status = ep.utilSendOptions(uri, 5000).statusCode;
        } catch (const Error &e) {
            status = -e.status;
        }
    });
    string request = peer.receive();
    CHECK(request.rfind("OPTIONS ", 0) == 0);
    ep.transportShutdown(udp);
    CHECK(ep.transportEnum().empty()); // gone from the list at once
    EXPECT_ERROR(ep.transportGetInfo(udp), PJ_ENOTFOUND);
    CHECK(!udpPortFree(local)); // open while the OPTIONS transaction uses it
    EXPECT_ERROR(ep.utilSendOptions(uri, 2000), PJ_ENOTFOUND); // no transport left
    peer.answer200(request);
    asking.join();
    CHECK(status == 200); // the answer came in on it
    bool closed = false;
    for (int i = 0; i < 250 && !closed; i++) { // 5 s
        closed = udpPortFree(local);
        if (!closed)
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    CHECK(closed); // once its transaction ended
    EXPECT_ERROR(ep.transportShutdown(udp), PJ_ENOTFOUND);
    TransportId idle = ep.transportCreate(PJSIP_TRANSPORT_UDP, loopback());
    string idleAddress = ep.transportGetInfo(idle).localAddress;
    ep.transportShutdown(idle);
    CHECK(udpPortFree(idleAddress)); // unused: closed before transportShutdown returned
    ep.libDestroy();
    EXPECT_ERROR(ep.transportShutdown(idle), PJSUA2RS_ERR_INVALID_HANDLE);
}

static void disabledTransport() {
    Endpoint a, b;
    for (Endpoint *ep : {&a, &b}) {
        ep->libCreate();
        ep->libInit(quietConfig());
        ep->libStart();
    }
    a.transportCreate(PJSIP_TRANSPORT_UDP, loopback());
    TransportId bUdp = b.transportCreate(PJSIP_TRANSPORT_UDP, loopback());
    string uri = "sip:" + b.transportGetInfo(bUdp).localAddress;
    b.transportSetEnable(bUdp, false);
    b.transportSetEnable(bUdp, false); // idempotent
    CHECK(b.transportEnum() == IntVector({bUdp})); // still listed
    EXPECT_ERROR(a.utilSendOptions(uri, 700), PJ_ETIMEDOUT); // b dropped the request
    auto start = std::chrono::steady_clock::now();
    EXPECT_ERROR(b.utilSendOptions(uri, 5000), PJ_ENOTFOUND);
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(1)); // no UDP left
    b.transportSetEnable(bUdp, true);
    CHECK(a.utilSendOptions(uri, 5000).statusCode == 200);
    EXPECT_ERROR(b.transportSetEnable(99, true), PJ_ENOTFOUND);
    b.libDestroy();
    EXPECT_ERROR(b.transportSetEnable(bUdp, true), PJSUA2RS_ERR_INVALID_HANDLE);
}

int main() {
    run("lifeCycle", lifeCycle);
    run("instanceIsTheLastConstructed", instanceIsTheLastConstructed);
    run("transports", transports);
    run("optionsUdp", [] { optionsBetweenTwoEndpoints(PJSIP_TRANSPORT_UDP, ""); });
    run("optionsTcp", [] { optionsBetweenTwoEndpoints(PJSIP_TRANSPORT_TCP, ";transport=tcp"); });
    run("anyThreadMayCall", anyThreadMayCall);
    run("transportShutdownIsGraceful", transportShutdownIsGraceful);
    run("disabledTransport", disabledTransport);
    return finish("test_endpoint");
}
