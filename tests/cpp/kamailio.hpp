/* A real kamailio registrar for the C++ tests, started as tests/common/kamailio.rs and
 * bindings/python/tests/kamailio.py do: the template ../kamailio/kamailio.cfg and the
 * db_text tables of ../kamailio/db/ (the tests run in tests/cpp) are filled into a temp
 * folder, the subscriber table gets the users, and `kamailio -DD -E -f <cfg>` runs in the
 * foreground in its own process group on a free port of 127.0.0.1 (UDP and TCP) until it
 * answers OPTIONS. The destructor stops it (SIGTERM, then SIGKILL to its group) and
 * removes the folder. What it does with each request is described in kamailio.cfg: digest
 * realm DOMAIN, 403 for a wrong password, 423 below MIN_EXPIRES.
 *
 *     Kamailio k(KamailioUsers{{"alice", "secret"}});
 *     cfg.idUri = k.aor("alice"); cfg.regConfig.registrarUri = k.uri();
 *     ... k.registeredContacts("alice") ... */
#ifndef PJSUA2RS_TEST_KAMAILIO_HPP
#define PJSUA2RS_TEST_KAMAILIO_HPP

#include "sipp.hpp" // freePort

#include <stdio.h>
#include <stdlib.h>

#include <chrono>
#include <filesystem>
#include <thread>
#include <utility>

namespace kamailio_detail {

/* `text` escaped for a db_text column (its separator is ':'). */
inline std::string dbTextField(const std::string &text) {
    std::string out;
    for (char c : text) {
        switch (c) {
        case '\\': out += "\\\\"; break;
        case ':': out += "\\:"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default: out += c;
        }
    }
    return out;
}

inline std::string readFile(const std::string &path) {
    std::ifstream f(path);
    std::stringstream s;
    s << f.rdbuf();
    return s.str();
}

inline void writeFile(const std::string &path, const std::string &text) {
    std::ofstream(path) << text;
}

/* Whether an OPTIONS to 127.0.0.1:port gets a 200 within `msec`. */
inline bool answersOptions(int port, int msec) {
    int s = socket(AF_INET, SOCK_DGRAM, 0);
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    to.sin_port = htons(static_cast<uint16_t>(port));
    timeval tv{msec / 1000, (msec % 1000) * 1000};
    setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    std::string p = std::to_string(port);
    std::string probe = "OPTIONS sip:127.0.0.1:" + p + " SIP/2.0\r\n" +
                        "Via: SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bKprobe" + p + ";rport\r\n" +
                        "From: <sip:probe@127.0.0.1>;tag=probe\r\nTo: <sip:127.0.0.1:" + p +
                        ">\r\nCall-ID: probe-" + p + "\r\nCSeq: 1 OPTIONS\r\n" +
                        "Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n";
    char buf[2048];
    bool ok = sendto(s, probe.data(), probe.size(), 0, reinterpret_cast<sockaddr *>(&to),
                     sizeof to) > 0;
    ssize_t n = ok ? recv(s, buf, sizeof buf - 1, 0) : -1;
    close(s);
    return n > 0 && std::string(buf, static_cast<size_t>(n)).rfind("SIP/2.0 200 ", 0) == 0;
}

} // namespace kamailio_detail

/* The subscribers: {name, password}. */
using KamailioUsers = std::vector<std::pair<std::string, std::string>>;

/* A running kamailio with `users` {name, password} in DOMAIN; `pid` <= 0 if it could
 * not start (then `log()` says why). */
class Kamailio {
  public:
    static constexpr const char *DOMAIN = "pjsua2rs.test";
    static const int MIN_EXPIRES = 60;
    static const int MAX_EXPIRES = 3600;
    int port = -1;
    pid_t pid = -1;

    explicit Kamailio(const KamailioUsers &users) {
        char dir[] = "/tmp/pjsua2rs-kamailio-XXXXXX";
        if (mkdtemp(dir) == nullptr)
            return;
        dir_ = dir;
        // A port picked free may be taken before kamailio binds it: try another.
        for (int attempt = 0; attempt < 3 && pid <= 0; attempt++) {
            port = freePort();
            start(users);
            if (!ready()) {
                stop();
                pid = -1;
            }
        }
    }

    Kamailio(const Kamailio &) = delete;
    Kamailio &operator=(const Kamailio &) = delete;

    ~Kamailio() {
        stop();
        std::error_code ignored;
        std::filesystem::remove_all(dir_, ignored);
    }

    /* The registrar URI over UDP, or TCP. */
    std::string uri(bool tcp = false) const {
        return "sip:127.0.0.1:" + std::to_string(port) + (tcp ? ";transport=tcp" : "");
    }

    /* sip:user@DOMAIN */
    std::string aor(const std::string &user) const {
        return "sip:" + user + "@" + DOMAIN;
    }

    /* Everything kamailio logged so far. */
    std::string log() const { return kamailio_detail::readFile(dir_ + "/kamailio.log"); }

    /* How many REGISTERs it received (its script logs each one). */
    size_t registersReceived() const {
        std::string text = log();
        size_t n = 0;
        for (size_t at = text.find("<script>: REGISTER sip:"); at != std::string::npos;
             at = text.find("<script>: REGISTER sip:", at + 1))
            n++;
        return n;
    }

    /* The unexpired contact URIs registered for `user` (usrloc's ul.lookup). */
    std::vector<std::string> registeredContacts(const std::string &user) const {
        std::string cmd = "kamcmd -s unix:" + dir_ + "/ctl.sock ul.lookup location " + user +
                          " 2>&1 </dev/null";
        std::string text;
        if (FILE *p = popen(cmd.c_str(), "r")) {
            char buf[512];
            while (fgets(buf, sizeof buf, p))
                text += buf;
            pclose(p);
        }
        std::vector<std::string> contacts;
        std::istringstream lines(text);
        for (std::string line; std::getline(lines, line);) {
            size_t at = line.find("Address: ");
            if (at != std::string::npos)
                contacts.push_back(line.substr(at + 9));
        }
        return contacts;
    }

  private:
    std::string dir_;

    void start(const KamailioUsers &users) {
        using namespace kamailio_detail;
        std::string db = dir_ + "/db";
        std::filesystem::create_directories(db);
        writeFile(db + "/version", readFile("../kamailio/db/version"));
        std::string subscriber = readFile("../kamailio/db/subscriber");
        int n = 1;
        for (const auto &u : users) // ha1 and ha1b are unused (calculate_ha1), not empty
            subscriber += std::to_string(n++) + ":" + dbTextField(u.first) + ":" + DOMAIN +
                          ":" + dbTextField(u.second) + ":x:x\n";
        writeFile(db + "/subscriber", subscriber);
        std::string cfg = readFile("../kamailio/kamailio.cfg");
        const std::pair<std::string, std::string> values[] = {
            {"DOMAIN", DOMAIN},
            {"PORT", std::to_string(port)},
            {"MIN_EXPIRES", std::to_string(MIN_EXPIRES)},
            {"MAX_EXPIRES", std::to_string(MAX_EXPIRES)},
            {"DB_DIR", db},
            {"CTL_SOCKET", dir_ + "/ctl.sock"}};
        for (const auto &v : values)
            for (size_t at; (at = cfg.find("{{" + v.first + "}}")) != std::string::npos;)
                cfg.replace(at, v.first.size() + 4, v.second);
        std::string cfgPath = dir_ + "/kamailio.cfg";
        writeFile(cfgPath, cfg);
        std::string logPath = dir_ + "/kamailio.log";
        // -DD: foreground (our child); -E: log to stderr (the log file); -m/-M: small
        // memory. Its own process group: its workers go with it.
        std::vector<std::string> argv = {"kamailio", "-DD", "-E", "-m", "64", "-M", "8",
                                         "-f", cfgPath};
        std::vector<char *> cargv;
        for (std::string &a : argv)
            cargv.push_back(&a[0]);
        cargv.push_back(nullptr);
        posix_spawn_file_actions_t fa;
        posix_spawn_file_actions_init(&fa);
        posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
        posix_spawn_file_actions_addopen(&fa, 1, logPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                         0644);
        posix_spawn_file_actions_adddup2(&fa, 1, 2);
        posix_spawnattr_t attr;
        posix_spawnattr_init(&attr);
        posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
        posix_spawnattr_setpgroup(&attr, 0);
        if (port <= 0 ||
            posix_spawnp(&pid, "kamailio", &fa, &attr, cargv.data(), environ) != 0)
            pid = -1;
        posix_spawnattr_destroy(&attr);
        posix_spawn_file_actions_destroy(&fa);
    }

    /* Waits (at most 10 s) until it answers OPTIONS; false if it died or never did. */
    bool ready() {
        auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while (pid > 0 && std::chrono::steady_clock::now() < until) {
            if (waitpid(pid, nullptr, WNOHANG) == pid) {
                pid = -1;
                return false;
            }
            if (kamailio_detail::answersOptions(port, 200))
                return true;
            usleep(50 * 1000); // a refused probe returns at once
        }
        return false;
    }

    void stop() {
        if (pid <= 0)
            return;
        kill(pid, SIGTERM);
        bool reaped = false;
        for (int i = 0; i < 250 && !reaped; i++) { // 5 s
            reaped = waitpid(pid, nullptr, WNOHANG) == pid;
            if (!reaped)
                usleep(20 * 1000);
        }
        kill(-pid, SIGKILL); // any worker left over
        if (!reaped)
            waitpid(pid, nullptr, 0);
        pid = -1;
    }
};

#endif
