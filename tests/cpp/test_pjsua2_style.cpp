/* A program written against PJSUA2's C++ API, in the style of PJSUA2's own samples: the
 * include line is the only change needed to build it on pjsua2rs. It sets up a poll-mode
 * endpoint with a LogWriter and a UDP transport, logs through Endpoint::instance(), saves
 * an EpConfig to JSON, reads it back and checks what it got, and registers an Account
 * subclass as pjsua2_demo.cpp does (to sipp's registrar, started by the test harness in
 * sipp.hpp), then deletes it, which unregisters. Exit status 0 on success. */
#include <pjsua2rs.hpp> // with PJSUA2: #include <pjsua2.hpp>

#include "sipp.hpp" // test harness: the registrar

#include <cstdio>
#include <iostream>

using namespace pj;

class MyAccount : public Account {
  public:
    int registered = 0;
    int unregistered = 0;

    MyAccount() {}
    ~MyAccount() { std::cout << "*** Account is being deleted" << std::endl; }

    virtual void onRegState(OnRegStateParam &prm) {
        AccountInfo ai = getInfo();
        std::cout << (ai.regIsActive ? "*** Register: code=" : "*** Unregister: code=")
                  << prm.code << std::endl;
        if (ai.regIsActive)
            registered++;
        else
            unregistered++;
    }
};

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

static bool registerAccount(Endpoint &ep, const string &registrar) {
    AccountConfig acc_cfg;
    acc_cfg.idUri = "sip:alice@127.0.0.1";
    acc_cfg.regConfig.registrarUri = registrar;
    acc_cfg.sipConfig.authCreds.push_back(AuthCredInfo("digest", "*", "alice", 0, "secret"));
    MyAccount *acc(new MyAccount);
    try {
        acc->create(acc_cfg);
    } catch (...) {
        std::cout << "Adding account failed" << std::endl;
    }
    for (int i = 0; i < 1000 && acc->registered == 0; i++)
        ep.libHandleEvents(10);
    bool ok = acc->registered == 1 && acc->unregistered == 0;
    // Delete the account. This will unregister from server
    delete acc;
    return ok;
}

int main() {
    int ret = 0;
    SippRegistrar registrar;
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
        if (!registerAccount(ep, registrar.uri())) {
            std::cout << "the account did not register" << std::endl;
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
    if (registrar.wait() != 0) {
        std::cout << "sipp's registrar did not see a REGISTER and an un-REGISTER" << std::endl;
        ret = 1;
    }
    std::cout << "test_pjsua2_style: " << (ret ? "FAILED" : "ok") << std::endl;
    return ret;
}
