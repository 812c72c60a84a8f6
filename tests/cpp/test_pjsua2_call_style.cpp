/* A program written against PJSUA2's C++ API in the style of PJSUA2's pjsua2_demo.cpp and
 * its book (call.rst): the include line is the only change needed to build it on
 * pjsua2rs (it also compiles against pjproject's real pjsua2.hpp). Two accounts in one
 * endpoint (poll mode, null sound device); alice's MyCall calls bob, bob's MyAccount
 * answers its incoming calls with `new MyCall(*this, iprm.callId)`, alice holds and
 * resumes the call and sends DTMF over INFO, then hangupAllCalls ends it and each MyCall
 * deletes itself at DISCONNECTED. Exit status 0 when the expected states were seen. */
#include <pjsua2rs.hpp> // with PJSUA2: #include <pjsua2.hpp>

#include <iostream>
#include <string>
#include <vector>

using namespace pj;

class MyAccount;

static int confirmed = 0;
static int disconnected = 0;
static int holds = 0;
static std::string digits;

class MyCall : public Call {
  private:
    MyAccount *myAcc;

  public:
    MyCall(Account &acc, int call_id = PJSUA_INVALID_ID) : Call(acc, call_id) {
        myAcc = (MyAccount *)&acc;
    }

    virtual void onCallState(OnCallStateParam &prm);
    virtual void onCallMediaState(OnCallMediaStateParam &prm);
    virtual void onDtmfDigit(OnDtmfDigitParam &prm);
};

class MyAccount : public Account {
  public:
    std::vector<Call *> calls;

  public:
    MyAccount() {}

    ~MyAccount() { std::cout << "*** Account is being deleted: No of calls=" << calls.size() << std::endl; }

    void removeCall(Call *call) {
        for (std::vector<Call *>::iterator it = calls.begin(); it != calls.end(); ++it) {
            if (*it == call) {
                calls.erase(it);
                break;
            }
        }
    }

    virtual void onIncomingCall(OnIncomingCallParam &iprm) {
        Call *call = new MyCall(*this, iprm.callId);
        CallInfo ci = call->getInfo();
        CallOpParam prm;

        std::cout << "*** Incoming Call: " << ci.remoteUri << " [" << ci.stateText << "]"
                  << std::endl;

        calls.push_back(call);
        prm.statusCode = (pjsip_status_code)200;
        call->answer(prm);
    }
};

void MyCall::onCallState(OnCallStateParam &prm) {
    PJ_UNUSED_ARG(prm);

    CallInfo ci = getInfo();
    std::cout << "*** Call: " << ci.remoteUri << " [" << ci.stateText << "]" << std::endl;

    if (ci.state == PJSIP_INV_STATE_CONFIRMED)
        confirmed++;
    if (ci.state == PJSIP_INV_STATE_DISCONNECTED) {
        disconnected++;
        myAcc->removeCall(this);
        /* Delete the call */
        delete this;
    }
}

void MyCall::onCallMediaState(OnCallMediaStateParam &prm) {
    PJ_UNUSED_ARG(prm);

    CallInfo ci = getInfo();
    for (unsigned i = 0; i < ci.media.size(); i++) {
        if (ci.media[i].type == PJMEDIA_TYPE_AUDIO &&
            (ci.media[i].status == PJSUA_CALL_MEDIA_LOCAL_HOLD ||
             ci.media[i].status == PJSUA_CALL_MEDIA_REMOTE_HOLD))
            holds++;
    }
}

void MyCall::onDtmfDigit(OnDtmfDigitParam &prm) { digits += prm.digit; }

static void pump(Endpoint &ep, int msec) {
    for (int i = 0; i < msec / 10; i++)
        ep.libHandleEvents(10);
}

int main() {
    Endpoint ep;
    int ret = 0;

    try {
        ep.libCreate();

        EpConfig ep_cfg;
        ep_cfg.logConfig.level = 1;
        ep_cfg.logConfig.consoleLevel = 1;
        ep_cfg.uaConfig.threadCnt = 0;
        ep_cfg.uaConfig.mainThreadOnly = true;
        ep.libInit(ep_cfg);

        TransportConfig tcfg;
        tcfg.boundAddress = "127.0.0.1";
        TransportId tid = ep.transportCreate(PJSIP_TRANSPORT_UDP, tcfg);
        std::string local = ep.transportGetInfo(tid).localAddress;
        std::string port = local.substr(local.rfind(':') + 1);

        ep.libStart();
        ep.audDevManager().setNullDev();
        std::cout << "*** PJSUA2 STARTED ***" << std::endl;

        AccountConfig acfg;
        acfg.idUri = "sip:alice@127.0.0.1";
        MyAccount *alice = new MyAccount;
        alice->create(acfg);
        acfg.idUri = "sip:bob@127.0.0.1";
        MyAccount *bob = new MyAccount;
        bob->create(acfg);

        Call *call = new MyCall(*alice);
        alice->calls.push_back(call);
        CallOpParam prm(true);
        prm.opt.audioCount = 1;
        prm.opt.videoCount = 0;
        call->makeCall("sip:bob@127.0.0.1:" + port, prm);
        pump(ep, 500);

        call->setHold(CallOpParam(true));
        pump(ep, 300);
        CallOpParam unhold(true);
        unhold.opt.flag |= PJSUA_CALL_UNHOLD;
        call->reinvite(unhold);
        pump(ep, 300);

        CallSendDtmfParam dtmf;
        dtmf.method = PJSUA_DTMF_METHOD_SIP_INFO;
        dtmf.digits = "42";
        call->sendDtmf(dtmf);
        pump(ep, 300);

        ep.hangupAllCalls();
        pump(ep, 500);

        std::cout << "*** confirmed=" << confirmed << " holds=" << holds
                  << " digits=" << digits << " disconnected=" << disconnected
                  << " calls left=" << alice->calls.size() + bob->calls.size() << std::endl;
        if (confirmed != 2 || holds < 2 || digits != "42" || disconnected != 2 ||
            !alice->calls.empty() || !bob->calls.empty())
            ret = 1;

        /* Explicitly delete the accounts. This is necessary because the Endpoint
         * destructor would not know about them. */
        delete alice;
        delete bob;
    } catch (Error &err) {
        std::cout << "Exception: " << err.info() << std::endl;
        ret = 1;
    }

    try {
        ep.libDestroy();
    } catch (Error &err) {
        std::cout << "Exception: " << err.info() << std::endl;
        ret = 1;
    }

    if (ret == 0)
        std::cout << "Success" << std::endl;
    else
        std::cout << "Error Found" << std::endl;
    return ret;
}
