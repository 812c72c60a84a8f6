/* JSON through the C++ binding: default configs save exactly as PJSUA2 2.15.1 wrote them,
 * files written by PJSUA2 load, and an application PersistentObject (with PJSUA2's NODE_*
 * macros) round-trips. Run from tests/cpp (the fixtures are in ../data/json). */
#include "check.hpp"

#include <cstdio>
#include <fstream>
#include <sstream>

using namespace pj;

static const string FIXTURES = "../data/json/pjsua2-2.15.1/";

static string readFile(const string &path) {
    std::ifstream f(path, std::ios::binary);
    std::stringstream s;
    s << f.rdbuf();
    return s.str();
}

static string save215(const PersistentObject &obj) {
    JsonDocument doc;
    doc.setLayout(PJSUA2RS_JSON_LAYOUT_2_15);
    doc.writeObject(obj);
    return doc.saveString();
}

static void defaultsSaveAsPjsua2() {
    EpConfig ep;
    ep.medConfig.sndUseSwClock = false; // PJSUA2 2.15's default; 2.16 made it true
    CHECK(save215(ep) == readFile(FIXTURES + "ep_config_default.json"));
    CHECK(save215(AccountConfig()) == readFile(FIXTURES + "account_config_default.json"));
    CHECK(save215(TransportConfig()) == readFile(FIXTURES + "transport_config_default.json"));
    CHECK(save215(BuddyConfig()) == readFile(FIXTURES + "buddy_config_default.json"));
}

static void pjsua2FilesLoad() {
    JsonDocument doc;
    doc.loadFile(FIXTURES + "account_config_full.json");
    AccountConfig acc;
    doc.readObject(acc);
    CHECK(!doc.hasUnread());
    CHECK(acc.regConfig.registrarUri == "sip:sip.pjsip.org;transport=tls");
    CHECK(acc.sipConfig.authCreds.size() == 2 && acc.sipConfig.authCreds[0].username == "john");
    CHECK(acc.sipConfig.authCreds[1].username == "j\xc3\xb6hn");
    CHECK(acc.mediaConfig.srtpOpt.keyings == IntVector({1, 0}));
    CHECK(acc.mediaConfig.transportConfig.port == 5000);
    CHECK(acc.natConfig.udpKaData == "ka\r\n");
    CHECK(save215(acc) == readFile(FIXTURES + "account_config_full.json"));

    JsonDocument ep_doc;
    ep_doc.loadString(readFile(FIXTURES + "ep_config_demo.json"));
    EpConfig ep;
    ep_doc.readObject(ep);
    CHECK(ep.uaConfig.maxCalls == 61 && ep.uaConfig.userAgent == "Just JSON Test");
    CHECK(ep.uaConfig.stunServer == StringVector({"stun1.pjsip.org", "stun2.pjsip.org"}));
}

/** An application object, persisted as PJSUA2 apps do it. */
struct AppSettings : public PersistentObject {
    EpConfig epConfig;
    std::vector<TransportConfig> transports;
    unsigned volume = 0;
    bool autoAnswer = false;
    string name;
    StringVector recent;

    void readObject(const ContainerNode &node) PJSUA2_THROW(Error) override {
        ContainerNode app = node.readContainer("AppSettings");
        NODE_READ_OBJ(app, epConfig);
        ContainerNode tps = app.readArray("transports");
        transports.clear();
        while (tps.hasUnread()) {
            TransportConfig tc;
            tps.readObject(tc);
            transports.push_back(tc);
        }
        NODE_READ_UNSIGNED(app, volume);
        NODE_READ_BOOL(app, autoAnswer);
        NODE_READ_STRING(app, name);
        NODE_READ_STRINGV(app, recent);
    }
    void writeObject(ContainerNode &node) const PJSUA2_THROW(Error) override {
        ContainerNode app = node.writeNewContainer("AppSettings");
        NODE_WRITE_OBJ(app, epConfig);
        ContainerNode tps = app.writeNewArray("transports");
        for (const TransportConfig &tc : transports)
            tps.writeObject(tc);
        NODE_WRITE_UNSIGNED(app, volume);
        NODE_WRITE_BOOL(app, autoAnswer);
        NODE_WRITE_STRING(app, name);
        NODE_WRITE_STRINGV(app, recent);
    }
};

static void appObjectRoundTrip() {
    AppSettings s;
    s.epConfig.uaConfig.maxCalls = 12;
    s.transports.resize(2);
    s.transports[1].port = 5070;
    s.volume = 7;
    s.autoAnswer = true;
    s.name = "Caf\xc3\xa9 \"quoted\" / slash";
    s.recent = {"sip:a@example.org", "sip:b@example.org"};
    JsonDocument doc;
    doc.writeObject(s);
    doc.saveFile("/tmp/pjsua2rs-cpp-settings.json");

    JsonDocument doc2;
    doc2.loadFile("/tmp/pjsua2rs-cpp-settings.json");
    AppSettings back;
    doc2.readObject(back);
    CHECK(back.epConfig.uaConfig.maxCalls == 12);
    CHECK(back.transports.size() == 2 && back.transports[1].port == 5070);
    CHECK(back.volume == 7 && back.autoAnswer && back.name == s.name);
    CHECK(back.recent == s.recent);
    CHECK(!doc2.hasUnread());
    std::remove("/tmp/pjsua2rs-cpp-settings.json");
}

static void jsonErrors() {
    JsonDocument bad;
    EXPECT_ERROR(bad.loadString("{ \"a\": "), PJLIB_UTIL_EINJSON);
    JsonDocument doc;
    doc.loadString("{ \"a\": 1 }");
    EXPECT_ERROR(doc.readString("a"), PJLIB_UTIL_EINJSON);
    CHECK(doc.readInt("a") == 1);
    EXPECT_ERROR(doc.readInt("b"), PJ_EEOF);
    JsonDocument out;
    EXPECT_ERROR(out.writeObject(UaConfig()), PJ_ENOTSUP);
}

int main() {
    run("defaultsSaveAsPjsua2", defaultsSaveAsPjsua2);
    run("pjsua2FilesLoad", pjsua2FilesLoad);
    run("appObjectRoundTrip", appObjectRoundTrip);
    run("jsonErrors", jsonErrors);
    return finish("test_json");
}
