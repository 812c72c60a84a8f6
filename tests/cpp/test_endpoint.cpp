/* Endpoint life cycle, transports (enum, info, close) and OPTIONS between two endpoints
 * over UDP and TCP on loopback, through the C++ binding. */
#include "check.hpp"

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

int main() {
    run("lifeCycle", lifeCycle);
    run("instanceIsTheLastConstructed", instanceIsTheLastConstructed);
    run("transports", transports);
    run("optionsUdp", [] { optionsBetweenTwoEndpoints(PJSIP_TRANSPORT_UDP, ""); });
    run("optionsTcp", [] { optionsBetweenTwoEndpoints(PJSIP_TRANSPORT_TCP, ";transport=tcp"); });
    return finish("test_endpoint");
}
