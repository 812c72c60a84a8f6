/* sipp as a scripted peer for the C++ tests: a scenario of tests/sipp/ on a free UDP port
 * of 127.0.0.1, e.g. registrar_auth.xml (digest, user alice, password secret; it expects
 * a REGISTER and an un-REGISTER) or a called phone that challenges our INVITE. Its exit
 * status is its verdict on what the client sent. The tests run in tests/cpp (run.sh), so
 * the scenarios are ../sipp/. */
#ifndef PJSUA2RS_TEST_SIPP_HPP
#define PJSUA2RS_TEST_SIPP_HPP

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string>
#include <vector>

extern char **environ;

/* Seconds sipp may take to finish once waited for. */
static const int SIPP_WAIT_SECS = 10;

/* Whether `port` of 127.0.0.1 can be bound (UDP); with port 0, the port it got. */
static int bindUdp(int port) {
    int s = socket(AF_INET, SOCK_DGRAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons(static_cast<uint16_t>(port));
    socklen_t len = sizeof a;
    int got = -1;
    if (bind(s, reinterpret_cast<sockaddr *>(&a), sizeof a) == 0 &&
        getsockname(s, reinterpret_cast<sockaddr *>(&a), &len) == 0)
        got = ntohs(a.sin_port);
    close(s);
    return got;
}

/* sipp running tests/sipp/<scenario> (one call, UDP) on a free port of 127.0.0.1 with
 * extra arguments (`-key` pairs); killed on destruction if still running. */
struct Sipp {
    int port = bindUdp(0);
    pid_t pid = -1;

    Sipp(const std::string &scenario, std::vector<std::string> extra = {}) {
        std::vector<std::string> args = {"sipp", "-sf", "../sipp/" + scenario, "-i",
                                         "127.0.0.1", "-p", std::to_string(port), "-t", "u1",
                                         "-m", "1", "-timeout", "30s", "-timeout_error",
                                         "-nostdin"};
        args.insert(args.end(), extra.begin(), extra.end());
        std::vector<char *> argv;
        for (std::string &a : args)
            argv.push_back(&a[0]);
        argv.push_back(nullptr);
        posix_spawn_file_actions_t fa;
        posix_spawn_file_actions_init(&fa);
        posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
        posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
        if (posix_spawnp(&pid, "sipp", &fa, nullptr, argv.data(), environ) != 0)
            pid = -1;
        posix_spawn_file_actions_destroy(&fa);
        // sipp holds the port once we cannot bind it.
        for (int i = 0; pid > 0 && i < 500 && bindUdp(port) == port; i++)
            usleep(20 * 1000);
    }
    Sipp(const Sipp &) = delete;
    Sipp &operator=(const Sipp &) = delete;

    std::string uri() const { return "sip:127.0.0.1:" + std::to_string(port); }

    /* sipp's exit status (0: the client did everything right); -1 if it is still running
     * after SIPP_WAIT_SECS (the destructor kills it). */
    int wait() {
        int status = 0;
        for (int i = 0; i < SIPP_WAIT_SECS * 50; i++, usleep(20 * 1000))
            if (waitpid(pid, &status, WNOHANG) == pid) {
                pid = -1;
                return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
            }
        return -1;
    }

    ~Sipp() {
        if (pid > 0) {
            kill(pid, SIGKILL);
            waitpid(pid, nullptr, 0);
        }
    }
};

/* sipp's registrar_auth scenario (user alice, password secret). */
struct SippRegistrar : Sipp {
    SippRegistrar()
        : Sipp("registrar_auth.xml", {"-key", "user", "alice", "-key", "password", "secret"}) {}
};

#endif
