/* LogWriter: in poll mode write() runs only inside libHandleEvents on the calling thread;
 * in thread mode on the library's thread; the Endpoint deletes the writer in libDestroy. */
#include "check.hpp"

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>

using namespace pj;

struct Seen {
    std::mutex lock;
    std::vector<std::pair<int, string>> entries;
    std::vector<std::thread::id> threads;
    std::atomic<bool> deleted{false};
};

/** Records the application's entries (msg starting with "app:") into a Seen. */
class Recorder : public LogWriter {
  public:
    explicit Recorder(Seen &seen) : seen_(seen) {}
    ~Recorder() override { seen_.deleted = true; }
    void write(const LogEntry &entry) override {
        if (entry.msg.rfind("app:", 0) != 0)
            return;
        std::lock_guard<std::mutex> g(seen_.lock);
        seen_.entries.push_back({entry.level, entry.msg});
        seen_.threads.push_back(std::this_thread::get_id());
    }

  private:
    Seen &seen_;
};

static void start(Endpoint &ep, bool poll, Seen &seen) {
    EpConfig cfg = quietConfig(poll);
    cfg.logConfig.writer = new Recorder(seen); // PJSUA2 style: the Endpoint deletes it
    cfg.logConfig.level = 5;
    cfg.logConfig.consoleLevel = 3;
    cfg.logConfig.decor = 0;
    ep.libCreate();
    ep.libInit(cfg);
    ep.libStart();
}

static size_t count(Seen &seen) {
    std::lock_guard<std::mutex> g(seen.lock);
    return seen.entries.size();
}

static void pollMode() {
    Seen seen;
    {
        Endpoint ep;
        start(ep, true, seen);
        ep.utilLogWrite(3, "test", "app: hello");
        ep.utilLogWrite(4, "test", "app: above consoleLevel");
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        CHECK(count(seen) == 0); // queued until the application polls
        CHECK(ep.libHandleEvents(100) >= 1);
        CHECK(count(seen) == 1);
        CHECK(seen.entries[0] == std::make_pair(3, string("app: hello")));
        CHECK(seen.threads[0] == std::this_thread::get_id());
        LogEntry e;
        e.level = 2;
        e.msg = "app: entry";
        ep.utilLogWrite(e); // straight to the writer
        CHECK(count(seen) == 2 && seen.entries[1].second == "app: entry");
        ep.libDestroy();
        CHECK(seen.deleted);
    }
}

static void threadMode() {
    Seen seen;
    Endpoint ep;
    start(ep, false, seen);
    ep.utilLogWrite(2, "test", "app: from the library thread");
    for (int i = 0; i < 500 && count(seen) == 0; i++)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    CHECK(count(seen) == 1);
    CHECK(seen.threads[0] != std::this_thread::get_id());
    CHECK(ep.libHandleEvents(10) == 0);
    for (int i = 0; i < 100; i++)
        ep.utilLogWrite(3, "test", "app: burst");
    ep.libDestroy();
    CHECK(seen.deleted); // no callback can come after libDestroy: the writer is gone
}

int main() {
    run("pollMode", pollMode);
    run("threadMode", threadMode);
    return finish("test_logwriter");
}
