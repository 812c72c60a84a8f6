/* sipp as a scripted server for the C++ tests: a scenario of tests/sipp/ on a free port
 * of 127.0.0.1 (UDP, or TCP with transport "t1"), started in the background and killed
 * on destruction if still running. Its exit status is its verdict on what the client
 * sent (0: everything the scenario expects). SippRegistrar is registrar_auth.xml (digest,
 * user alice, password secret; it expects a REGISTER and an un-REGISTER). The tests run
 * in tests/cpp (run.sh), so the scenarios are ../sipp/. Plain POSIX: also used by the
 * PJSUA2-style programs built against real PJSUA2 (on_pjsua2.sh). */
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

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

extern char **environ;

/* Seconds sipp may take to finish once waited for. */
static const int SIPP_WAIT_SECS = 10;

/* Whether `port` of 127.0.0.1 can be bound (`type` SOCK_DGRAM or SOCK_STREAM); with port
 * 0, the port it got; -1 if it cannot. */
static int bindLoopback(int type, int port) {
    int s = socket(AF_INET, type, 0);
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

static int bindUdp(int port) { return bindLoopback(SOCK_DGRAM, port); }

/* A port of 127.0.0.1 free for UDP and TCP at the time of the call (-1 if none found). */
static int freePort() {
    for (int i = 0; i < 100; i++) {
        int port = bindUdp(0);
        if (port > 0 && bindLoopback(SOCK_STREAM, port) == port)
            return port;
    }
    return -1;
}

/* `sipp -sf ../sipp/<scenario> -i 127.0.0.1 -p <port> -t <transport> -m 1 <args>`. */
struct Sipp {
    int port = freePort();
    pid_t pid = -1;
    bool tcp;

    Sipp(const std::string &scenario, const std::vector<std::string> &args = {},
         const std::string &transport = "u1")
        : tcp(transport[0] == 't') {
        char path[] = "/tmp/pjsua2rs-sipp-XXXXXX";
        int fd = mkstemp(path);
        if (fd >= 0)
            close(fd);
        log_ = path;
        std::vector<std::string> argv = {"sipp", "-sf", "../sipp/" + scenario, "-i",
                                         "127.0.0.1", "-p", std::to_string(port), "-t",
                                         transport, "-m", "1"};
        argv.insert(argv.end(), args.begin(), args.end());
        for (const char *a : {"-timeout", "30s", "-timeout_error", "-nostdin"})
            argv.push_back(a);
        std::vector<char *> cargv;
        for (std::string &a : argv)
            cargv.push_back(&a[0]);
        cargv.push_back(nullptr);
        posix_spawn_file_actions_t fa;
        posix_spawn_file_actions_init(&fa);
        posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
        posix_spawn_file_actions_addopen(&fa, 1, log_.c_str(), O_WRONLY | O_TRUNC, 0);
        posix_spawn_file_actions_adddup2(&fa, 1, 2);
        if (port <= 0 || posix_spawnp(&pid, "sipp", &fa, nullptr, cargv.data(), environ) != 0)
            pid = -1;
        posix_spawn_file_actions_destroy(&fa);
        // sipp holds the port once we cannot bind it (bounded: 10 s).
        int type = tcp ? SOCK_STREAM : SOCK_DGRAM;
        for (int i = 0; pid > 0 && i < 500 && bindLoopback(type, port) == port; i++)
            usleep(20 * 1000);
    }

    Sipp(const Sipp &) = delete;
    Sipp &operator=(const Sipp &) = delete;

    std::string uri() const {
        return "sip:127.0.0.1:" + std::to_string(port) + (tcp ? ";transport=tcp" : "");
    }

    /* Whether sipp still runs (it is reaped when it has ended). */
    bool running() {
        if (pid > 0 && waitpid(pid, &status_, WNOHANG) == pid) {
            pid = -1;
            exited_ = true;
        }
        return pid > 0;
    }

    /* sipp's exit status (0: the client did everything right); -1 if it is still running
     * after `secs` seconds (the destructor kills it) or ended by a signal. */
    int wait(int secs = SIPP_WAIT_SECS) {
        for (int i = 0; running() && i < secs * 50; i++)
            usleep(20 * 1000);
        if (running() || !exited_)
            return -1;
        return WIFEXITED(status_) ? WEXITSTATUS(status_) : -1;
    }

    /* What sipp printed (its screen and errors), for failure messages. */
    std::string output() const {
        std::ifstream f(log_);
        std::stringstream s;
        s << f.rdbuf();
        return s.str();
    }

    ~Sipp() {
        if (pid > 0) {
            kill(pid, SIGKILL);
            waitpid(pid, nullptr, 0);
        }
        unlink(log_.c_str());
    }

  private:
    std::string log_;
    int status_ = 0;
    bool exited_ = false;
};

/* registrar_auth.xml on a free UDP port: digest for alice / secret. */
struct SippRegistrar : Sipp {
    SippRegistrar()
        : Sipp("registrar_auth.xml", {"-key", "user", "alice", "-key", "password", "secret"}) {}
};

#endif
