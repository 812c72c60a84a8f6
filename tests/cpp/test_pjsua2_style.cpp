/* A program written against PJSUA2's C++ API, in the style of PJSUA2's own samples: the
 * include line is the only change needed to build it on pjsua2rs. It sets up a poll-mode
 * endpoint with a LogWriter and a UDP transport, logs through Endpoint::instance(), saves
 * an EpConfig to JSON, reads it back and checks what it got. Exit status 0 on success. */
#include <pjsua2rs.hpp> // with PJSUA2: #include <pjsua2.hpp>

#include <cstdio>
#include <iostream>

using namespace pj;

class MyLogWriter : public LogWriter {
  public:
    int appLines = 0;
    virtual void write(const LogEntry &entry) {
        if (entry.msg.find("hello from the app") != string::npos)
            appLines++;
    }
};

static MyLogWriter *writer;

static void initEndpoint(Endpoint &ep) {
    EpConfig ep_cfg;
    ep_cfg.uaConfig.threadCnt = 0;
    ep_cfg.uaConfig.mainThreadOnly = true;
    ep_cfg.logConfig.level = 4;
    ep_cfg.logConfig.consoleLevel = 4;
    writer = new MyLogWriter;
    ep_cfg.logConfig.writer = writer;
    ep.libInit(ep_cfg);

    TransportConfig tcfg;
    tcfg.port = 0;
    tcfg.boundAddress = "127.0.0.1";
    TransportId tid = ep.transportCreate(PJSIP_TRANSPORT_UDP, tcfg);
    ep.libStart();

    TransportInfo ti = ep.transportGetInfo(tid);
    if (ti.type != PJSIP_TRANSPORT_UDP || ti.typeName != "UDP")
        throw Error(PJ_EINVAL, "transportGetInfo()", "unexpected transport", __FILE__, __LINE__);
    Endpoint::instance().utilLogWrite(3, "app", "hello from the app");
    for (int i = 0; i < 5; i++)
        ep.libHandleEvents(10);
}

static string saveConfig() {
    EpConfig epCfg;
    JsonDocument jDoc;
    epCfg.uaConfig.maxCalls = 61;
    epCfg.uaConfig.userAgent = "Just JSON Test";
    epCfg.uaConfig.stunServer.push_back("stun1.pjsip.org");
    epCfg.uaConfig.stunServer.push_back("stun2.pjsip.org");
    epCfg.logConfig.filename = "THE.LOG";
    jDoc.writeObject(epCfg);
    jDoc.saveFile("pjsua2rs-style-test.json");
    return jDoc.saveString();
}

static bool loadConfig(const string &json_str) {
    EpConfig fromString, fromFile;
    JsonDocument rDoc;
    rDoc.loadString(json_str);
    rDoc.readObject(fromString);
    JsonDocument fDoc;
    fDoc.loadFile("pjsua2rs-style-test.json");
    fDoc.readObject(fromFile);
    std::remove("pjsua2rs-style-test.json");
    return fromString.uaConfig.maxCalls == 61 && fromFile.uaConfig.maxCalls == 61 &&
           fromFile.uaConfig.userAgent == "Just JSON Test" &&
           fromFile.uaConfig.stunServer.size() == 2 && fromFile.logConfig.filename == "THE.LOG";
}

int main() {
    int ret = 0;
    Endpoint ep;

    try {
        ep.libCreate();
        initEndpoint(ep);
        if (writer->appLines != 1) {
            std::cout << "the LogWriter got " << writer->appLines << " app lines" << std::endl;
            ret = 1;
        }
        if (!loadConfig(saveConfig())) {
            std::cout << "the JSON round trip lost values" << std::endl;
            ret = 1;
        }
    } catch (Error &err) {
        std::cout << "Exception: " << err.info() << std::endl;
        ret = 1;
    }

    try {
        ep.libDestroy(); // deletes the LogWriter, as PJSUA2 does
    } catch (Error &err) {
        std::cout << "Exception: " << err.info() << std::endl;
        ret = 1;
    }
    std::cout << "test_pjsua2_style: " << (ret ? "FAILED" : "ok") << std::endl;
    return ret;
}
