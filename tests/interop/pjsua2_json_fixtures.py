#!/usr/bin/env python3
"""Generates PJSUA2 JSON fixtures with the real PJSUA2 (the `pjsua2` Python module).

Writes into tests/data/json/pjsua2-<version>/ (or the directory given as argv[1]):
defaults and fully non-default EpConfig, AccountConfig, TransportConfig and BuddyConfig,
the pjsua2_demo EpConfig, a pygui-like application document built with the generic
ContainerNode operations, and PJSUA2's own load-then-save of two of them. The Rust tests
(tests/json_pjsua2.rs) check that pjsua2rs writes and reads the same bytes.

Run: python3 tests/interop/pjsua2_json_fixtures.py
"""
import os
import sys

import pjsua2 as pj

# PJSUA2 fills some AccountConfig defaults (timerUse, timerMinSESec,
# timerSessExpiresSec, srtpSecureSignaling) from global state that libCreate()
# initialises: built before libCreate they are 0. So create the library first.
EP = pj.Endpoint()
EP.libCreate()

VERSION = EP.libVersion().full
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    HERE, "..", "data", "json", "pjsua2-" + VERSION)

# Strings that exercise PJSUA2's escaping: quotes, backslash, slash, control
# characters, and non-ASCII (escaped byte by byte as \u00xx).
TRICKY = "Q\"uote\\ back/slash \t tab \u00e9t\u00e9 \u20ac"


def save(name, obj=None, doc=None):
    if doc is None:
        doc = pj.JsonDocument()
        doc.writeObject(obj)
    path = os.path.join(OUT, name)
    doc.saveFile(path)
    print("wrote", os.path.relpath(path))


def header(name, value):
    h = pj.SipHeader()
    h.hName = name
    h.hValue = value
    return h


def sock_opt(level, name, value):
    so = pj.SockOpt()
    so.level = level
    so.optName = name
    so.setOptValInt(value)
    return so


def ep_demo():
    """pjsua2_demo.cpp mainProg2."""
    cfg = pj.EpConfig()
    cfg.uaConfig.maxCalls = 61
    cfg.uaConfig.userAgent = "Just JSON Test"
    cfg.uaConfig.stunServer.append("stun1.pjsip.org")
    cfg.uaConfig.stunServer.append("stun2.pjsip.org")
    cfg.logConfig.filename = "THE.LOG"
    return cfg


def ep_full():
    cfg = pj.EpConfig()
    ua = cfg.uaConfig
    ua.maxCalls = 32
    ua.threadCnt = 0
    ua.mainThreadOnly = True
    ua.nameserver.append("192.0.2.53")
    ua.nameserver.append("ns.example.org:5353")
    ua.userAgent = "pjsua2rs fixture/1.0 " + TRICKY
    ua.stunServer.append("stun.example.org")
    ua.stunTryIpv6 = True
    ua.stunIgnoreFailure = False
    ua.natTypeInSdp = 2
    ua.mwiUnsolicitedEnabled = False
    ua.enableUpnp = True
    ua.upnpIfName = "eth0"
    log = cfg.logConfig
    log.msgLogging = 0
    log.level = 3
    log.consoleLevel = 1
    log.decor = 4096
    log.filename = "/var/log/pjsua2/app log.txt"
    log.fileFlags = 0x1108
    med = cfg.medConfig
    med.clockRate = 48000
    med.sndClockRate = 44100
    med.channelCount = 2
    med.audioFramePtime = 10
    med.maxMediaPorts = 64
    med.hasIoqueue = False
    med.threadCnt = 2
    med.quality = 4
    med.ptime = 30
    med.noVad = True
    med.ilbcMode = 20
    med.txDropPct = 5
    med.rxDropPct = 7
    med.ecOptions = 3
    med.ecTailLen = 0
    med.sndRecLatency = 80
    med.sndPlayLatency = 120
    med.jbInit = 40
    med.jbMinPre = 20
    med.jbMaxPre = 200
    med.jbMax = 500
    # jbDiscardAlgo (pjmedia_jb_discard_algo) is not settable from Python: SWIG wraps
    # the enum as an opaque type.
    med.sndAutoCloseTime = -1
    med.vidPreviewEnableNative = False
    med.sndUseSwClock = True
    return cfg


def tls_full():
    tls = pj.TlsConfig()
    tls.CaListFile = "/etc/ssl/certs/ca-bundle.pem"
    tls.certFile = "/etc/pjsua2/cert.pem"
    tls.privKeyFile = "/etc/pjsua2/key.pem"
    tls.password = "key \"pass\""
    tls.CaBuf = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ+ca/A==\n-----END CERTIFICATE-----\n"
    tls.certBuf = "-----BEGIN CERTIFICATE-----\nMIIBtjCCAVygAwIBAgIUS/cert\n-----END CERTIFICATE-----\n"
    tls.privKeyBuf = "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEG\n-----END PRIVATE KEY-----\n"
    tls.method = 33
    for c in (1, 2, 49199):
        tls.ciphers.append(c)
    tls.verifyServer = True
    tls.verifyClient = True
    tls.requireClientCert = True
    tls.msecTimeout = 5000
    tls.qosType = 1
    tls.qosParams.flags = 1
    tls.qosParams.dscp_val = 26
    tls.qosIgnoreError = False
    tls.sockOptParams.sockOpts.append(sock_opt(6, 1, 1))
    tls.sockOptIgnoreError = False
    tls.certLookupType = 2
    tls.certLookupKeyword = "AB:CD:EF:01"
    return tls


def transport_full():
    tp = pj.TransportConfig()
    tp.port = 5061
    tp.portRange = 10
    tp.publicAddress = "203.0.113.7"
    tp.boundAddress = "192.0.2.10"
    tp.qosType = 5
    tp.qosParams.flags = 7
    tp.qosParams.dscp_val = 46
    tp.qosParams.so_prio = 6
    tp.qosParams.wmm_prio = 3
    tp.tlsConfig = tls_full()
    tp.sockOptParams.sockOpts.append(sock_opt(1, 8, 65536))
    tp.sockOptParams.sockOpts.append(sock_opt(1, 7, 131072))
    return tp


def cred(scheme, realm, user, data_type, data, k="", op="", amf=""):
    c = pj.AuthCredInfo(scheme, realm, user, data_type, data)
    c.akaK = k
    c.akaOp = op
    c.akaAmf = amf
    return c


def account_demo():
    """pjsua2_demo.cpp mainProg (USE_TEST 0): the PJSUA2-API.md section 3.3 account."""
    acc = pj.AccountConfig()
    acc.idUri = "\"Just Test\" <sip:test@pjsip.org>"
    acc.regConfig.registrarUri = "sip:sip.pjsip.org"
    acc.regConfig.headers.append(header("X-Header", "User header"))
    acc.sipConfig.proxies.append("<sip:sip.pjsip.org;transport=tcp>")
    acc.sipConfig.proxies.append("<sip:sip.pjsip.org;transport=tls>")
    for c in (1, 2, 3):
        acc.mediaConfig.transportConfig.tlsConfig.ciphers.append(c)
    acc.sipConfig.authCreds.append(cred("digest", "*", "test", 0, "passwd"))
    return acc


def account_full():
    acc = pj.AccountConfig()
    acc.priority = 7
    acc.idUri = "\"J\u00f6hn \\\"Q\\\" Test\" <sip:john/test@pjsip.org>"
    reg = acc.regConfig
    reg.registrarUri = "sip:sip.pjsip.org;transport=tls"
    reg.registerOnAdd = False
    reg.timeoutSec = 600
    reg.retryIntervalSec = 120
    reg.firstRetryIntervalSec = 5
    reg.randomRetryIntervalSec = 3
    reg.delayBeforeRefreshSec = 7
    reg.dropCallsOnFail = True
    reg.unregWaitMsec = 1500
    reg.proxyUse = 1
    reg.contactParams = ";+sip.instance=\"<urn:uuid:1>\""
    reg.headers.append(header("X-Header", "User header"))
    reg.headers.append(header("X-\u00dcnicode", "v\u00e4lue / " + TRICKY))
    sip = acc.sipConfig
    sip.proxies.append("<sip:proxy1.pjsip.org;lr>")
    sip.proxies.append("<sip:proxy2.pjsip.org;transport=tcp;lr>")
    sip.contactForced = "<sip:john@192.0.2.1:5070>"
    sip.contactParams = ";expires=60"
    sip.contactUriParams = ";ob"
    sip.authInitialEmpty = True
    sip.authInitialAlgorithm = "SHA-256"
    sip.transportId = 2
    sip.authCreds.append(cred("digest", "pjsip.org", "john", 0, "s3cr\"et/\\pass"))
    sip.authCreds.append(cred("Digest", "*", "j\u00f6hn", 1, "0123456789abcdef0123456789abcdef",
                              "k/key", "op\"value", "amf"))
    call = acc.callConfig
    call.holdType = 1
    call.prackUse = 2
    call.timerUse = 2
    call.timerMinSESec = 120
    call.timerSessExpiresSec = 900
    pres = acc.presConfig
    pres.publishEnabled = True
    pres.publishQueue = False
    pres.publishShutdownWaitMsec = 500
    pres.pidfTupleId = "tuple-1"
    pres.headers.append(header("X-Pres", "1"))
    acc.mwiConfig.enabled = True
    acc.mwiConfig.expirationSec = 1800
    nat = acc.natConfig
    nat.sipStunUse = 1
    nat.mediaStunUse = 0
    nat.sipUpnpUse = 1
    nat.mediaUpnpUse = 1
    nat.nat64Opt = 1
    nat.iceEnabled = True
    nat.iceTrickle = 2
    nat.iceMaxHostCands = 3
    nat.iceAggressiveNomination = False
    nat.iceNominatedCheckDelayMsec = 200
    nat.iceWaitNominationTimeoutMsec = -1
    nat.iceNoRtcp = True
    nat.iceAlwaysUpdate = False
    nat.turnEnabled = True
    nat.turnServer = "turn.pjsip.org:3478"
    nat.turnConnType = 6
    nat.turnUserName = "turn user"
    nat.turnPasswordType = 1
    nat.turnPassword = "turn/pass"
    nat.contactRewriteUse = 2
    nat.contactRewriteMethod = 1
    nat.viaRewriteUse = 0
    nat.sdpNatRewriteUse = 1
    nat.sipOutboundUse = 0
    nat.sipOutboundInstanceId = "<urn:uuid:00000000-0000-0000-0000-000000000001>"
    nat.sipOutboundRegId = "2"
    nat.udpKaIntervalSec = 30
    nat.udpKaData = "ka\r\n"
    nat.contactUseSrcPort = 0
    med = acc.mediaConfig
    med.lockCodecEnabled = False
    med.streamKaEnabled = True
    med.srtpUse = 2
    med.srtpSecureSignaling = 0
    # Strings inside arrays (cryptos, proxies, string vectors) avoid escapes and "":
    # PJSUA2's parser takes array strings raw (no unescaping) and rejects an empty
    # one, so it could not read such a file back, even its own.
    for key, name, flags in (("WSJ+Q6fZ+9PRZ0+b2PqYBzEtGYkmEAMeXVMwBCr", "AES_CM_128_HMAC_SHA1_80", 0),
                             ("c2Vjb25kIGtleQ==", "AES_CM_128_HMAC_SHA1_32", 2)):
        c = pj.SrtpCrypto()
        c.key = key
        c.name = name
        c.flags = flags
        med.srtpOpt.cryptos.append(c)
    med.srtpOpt.keyings.append(1)
    med.srtpOpt.keyings.append(0)
    med.ipv6Use = 1
    med.transportConfig = transport_full()
    med.transportConfig.port = 5000
    med.rtcpMuxEnabled = True
    med.useLoopMedTp = True
    med.enableLoopback = True
    med.rtcpXrEnabled = True
    vid = acc.videoConfig
    vid.autoShowIncoming = True
    vid.autoTransmitOutgoing = True
    vid.windowFlags = 3
    vid.defaultCaptureDevice = 1
    vid.defaultRenderDevice = 2
    vid.rateControlMethod = 1
    vid.rateControlBandwidth = 256000
    vid.startKeyframeCount = 5
    vid.startKeyframeInterval = 1000
    return acc


def buddy_full():
    b = pj.BuddyConfig()
    b.uri = "\"B\u00fcddy\" <sip:buddy/1@pjsip.org>"
    b.subscribe = True
    return b


def app_document():
    """A pygui-like settings file built with the generic node operations."""
    doc = pj.JsonDocument()
    doc.writeObject(ep_demo())
    root = doc.getRootContainer()
    tps = root.writeNewArray("transports")
    for ttype, enabled, port in ((1, True, 5060), (2, False, 5060)):
        t = tps.writeNewContainer("transport")
        t.writeNumber("type", ttype)
        t.writeBool("enabled", enabled)
        tc = pj.TransportConfig()
        tc.port = port
        t.writeObject(tc)
    accs = root.writeNewArray("accounts")
    a = accs.writeNewContainer("account")
    a.writeBool("enabled", True)
    a.writeObject(account_demo())
    buddies = a.writeNewArray("buddies")
    buddies.writeObject(buddy_full())
    buddies.writeObject(pj.BuddyConfig())
    root.writeNumber("volume", 0.75)
    root.writeNumber("ratio", 1.0 / 3.0)
    root.writeNumber("big", 1e10)
    root.writeNumber("negative", -2.5)
    root.writeNumber("tiny", 1e-7)
    root.writeInt("count", -42)
    root.writeString("note", TRICKY)
    root.writeStringVector("recent", ["sip:a@example.org", "sip:b@example.org"])
    root.writeStringVector("empty", [])
    nums = root.writeNewArray("numbers")
    nums.writeNumber("", 1.5)
    nums.writeNumber("", 2)
    nums.writeBool("", True)
    named = root.writeNewArray("named")
    named.writeString("first", "x")
    named.writeBool("second", False)
    root.writeNewContainer("emptyObject")
    root.writeNewArray("emptyArray")
    return doc


def reloaded(name):
    """PJSUA2's own load-then-save of a fixture (parsed array elements lose names)."""
    doc = pj.JsonDocument()
    doc.loadFile(os.path.join(OUT, name))
    return doc


def main():
    os.makedirs(OUT, exist_ok=True)
    save("ep_config_default.json", pj.EpConfig())
    save("ep_config_demo.json", ep_demo())
    save("ep_config_full.json", ep_full())
    save("account_config_default.json", pj.AccountConfig())
    save("account_config_demo.json", account_demo())
    save("account_config_full.json", account_full())
    save("transport_config_default.json", pj.TransportConfig())
    save("transport_config_full.json", transport_full())
    save("buddy_config_default.json", pj.BuddyConfig())
    save("buddy_config_full.json", buddy_full())
    save("app_document.json", doc=app_document())
    save("account_config_full.reloaded.json", doc=reloaded("account_config_full.json"))
    save("app_document.reloaded.json", doc=reloaded("app_document.json"))


if __name__ == "__main__":
    main()
    # libDestroy() from Python aborts in this wheel (pj_thread_this on an unregistered
    # thread); the process exits here anyway, so skip it.
    sys.stdout.flush()
    os._exit(0)
