/* Errors are thrown as pj::Error with PJSUA2's fields and formats: a busy port, stale
 * use after libDestroy, calls out of order, bad arguments; URI checks return statuses. */
#include "check.hpp"

#include <cerrno>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace pj;

/** A UDP socket bound to 127.0.0.1 on a free port; returns the fd and sets `port`. */
static int bindUdp(unsigned &port) {
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    sockaddr_in sa{};
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof sa;
    bind(fd, reinterpret_cast<sockaddr *>(&sa), sizeof sa);
    getsockname(fd, reinterpret_cast<sockaddr *>(&sa), &len);
    port = ntohs(sa.sin_port);
    return fd;
}

static void errorFields() {
    Endpoint ep;
    ep.libCreate();
    ep.libInit(quietConfig());
    unsigned port = 0;
    int fd = bindUdp(port);
    try {
        ep.transportCreate(PJSIP_TRANSPORT_UDP, loopback(port));
        CHECK(!"no Error for a busy port");
    } catch (Error &err) {
        CHECK(err.status == PJ_ERRNO_START_SYS + EADDRINUSE);
        CHECK(err.title.find("transportCreate") != string::npos);
        CHECK(err.reason.find("Address already in use") != string::npos);
        CHECK(!err.srcFile.empty() && err.srcLine > 0);
        CHECK(err.info() == err.title + " error: " + err.reason + " (status=" +
                                std::to_string(err.status) + ") [" + err.srcFile + ":" +
                                std::to_string(err.srcLine) + "]");
        CHECK(err.info(true) == "Title:       " + err.title + "\nCode:        " +
                                    std::to_string(err.status) + "\nDescription: " +
                                    err.reason + "\nLocation:    " + err.srcFile + ":" +
                                    std::to_string(err.srcLine) + "\n");
    }
    close(fd);
}

static void constructedErrors() {
    CHECK(Error().info() == "No error");
    Error e(PJ_EINVAL, "mytitle", "", "f.c", 12);
    CHECK(e.reason.find("PJ_EINVAL") != string::npos);
    CHECK(e.info() == "mytitle error: " + e.reason + " (status=70004) [f.c:12]");
    CHECK(Error(PJ_EINVAL, "", "why", "", 0).info() == "why (status=70004)");
}

static void staleAndOutOfOrder() {
    Endpoint ep;
    EXPECT_ERROR(ep.libInit(quietConfig()), PJ_EINVALIDOP);
    ep.libCreate();
    EXPECT_ERROR(ep.transportCreate(PJSIP_TRANSPORT_UDP, loopback()), PJ_EINVALIDOP);
    ep.libInit(quietConfig());
    EXPECT_ERROR(ep.libInit(quietConfig()), PJ_EINVALIDOP);
    ep.libDestroy();
    EXPECT_ERROR(ep.transportEnum(), PJSUA2RS_ERR_INVALID_HANDLE);
    EXPECT_ERROR(ep.libStart(), PJSUA2RS_ERR_INVALID_HANDLE);
    CHECK(ep.libGetState() == PJSUA_STATE_NULL);
}

static void badArguments() {
    Endpoint ep;
    ep.libCreate();
    ep.libInit(quietConfig());
    TransportConfig bad;
    bad.boundAddress = "not an address";
    EXPECT_ERROR(ep.transportCreate(PJSIP_TRANSPORT_UDP, bad), PJ_EINVAL);
    try {
        ep.transportCreate(static_cast<pjsip_transport_type_e>(99), loopback());
        CHECK(!"no Error for transport type 99");
    } catch (const Error &err) {
        CHECK(err.status != PJ_SUCCESS);
    }
    TransportConfig tooLong;
    tooLong.boundAddress = string(600, 'a');
    try {
        ep.transportCreate(PJSIP_TRANSPORT_UDP, tooLong);
        CHECK(!"no Error for a too long boundAddress");
    } catch (const Error &err) {
        CHECK(err.status == PJ_ENAMETOOLONG && err.title == "TransportConfig.boundAddress");
    }
}

static void uriChecks() {
    Endpoint ep; // no libCreate needed, as in PJSUA2
    CHECK(ep.utilVerifySipUri("sip:alice@example.com") == PJ_SUCCESS);
    CHECK(ep.utilVerifySipUri("\"Bob\" <sip:bob@host>") == PJ_SUCCESS);
    CHECK(ep.utilVerifySipUri("garbage") == PJSIP_EINVALIDURI);
    CHECK(ep.utilVerifySipUri("tel:+123") != PJ_SUCCESS);
    CHECK(ep.utilVerifyUri("tel:+123") == PJ_SUCCESS);
    CHECK(ep.utilStrError(PJ_SUCCESS) == "Success");
    CHECK(ep.utilStrError(PJSIP_EINVALIDURI).find("PJSIP_EINVALIDURI") != string::npos);
}

int main() {
    run("errorFields", errorFields);
    run("constructedErrors", constructedErrors);
    run("staleAndOutOfOrder", staleAndOutOfOrder);
    run("badArguments", badArguments);
    run("uriChecks", uriChecks);
    return finish("test_errors");
}
