/* Minimal test helpers for the C++ binding tests: CHECK counts failures and reports the
 * expression; EXPECT_ERROR checks that a statement throws pj::Error with a status. */
#ifndef PJSUA2RS_TEST_CHECK_HPP
#define PJSUA2RS_TEST_CHECK_HPP

#include <pjsua2rs.hpp>

#include <iostream>

static int failures = 0;

#define CHECK(cond)                                                                       \
    do {                                                                                  \
        if (!(cond)) {                                                                    \
            std::cerr << __FILE__ << ":" << __LINE__ << ": CHECK failed: " #cond "\n";  \
            failures++;                                                                   \
        }                                                                                 \
    } while (0)

#define EXPECT_ERROR(stmt, want_status)                                                   \
    do {                                                                                  \
        try {                                                                             \
            stmt;                                                                         \
            std::cerr << __FILE__ << ":" << __LINE__ << ": no Error from " #stmt "\n";   \
            failures++;                                                                   \
        } catch (const pj::Error &err_) {                                                 \
            if (err_.status != (want_status)) {                                           \
                std::cerr << __FILE__ << ":" << __LINE__ << ": " #stmt ": " << err_.info() \
                          << "\n";                                                        \
                failures++;                                                               \
            }                                                                             \
        }                                                                                 \
    } while (0)

/** Runs a test body, turning an unexpected pj::Error into a failure. */
template <typename F> void run(const char *name, F body) {
    try {
        body();
    } catch (const pj::Error &e) {
        std::cerr << name << ": unexpected " << e.info() << "\n";
        failures++;
    }
}

/** An EpConfig that logs nothing to the console; poll mode unless `poll` is false. */
inline pj::EpConfig quietConfig(bool poll = true) {
    pj::EpConfig cfg;
    cfg.logConfig.level = 1;
    cfg.logConfig.consoleLevel = 1;
    if (poll) {
        cfg.uaConfig.threadCnt = 0;
        cfg.uaConfig.mainThreadOnly = true;
    }
    return cfg;
}

/** A TransportConfig bound to 127.0.0.1 on `port` (0: any). */
inline pj::TransportConfig loopback(unsigned port = 0) {
    pj::TransportConfig tc;
    tc.boundAddress = "127.0.0.1";
    tc.port = port;
    return tc;
}

/** The exit status: 0 when every check passed. */
inline int finish(const char *name) {
    if (failures)
        std::cerr << name << ": " << failures << " failure(s)\n";
    else
        std::cout << name << ": ok\n";
    return failures ? 1 : 0;
}

#endif
