"""A PJSUA2 program that works with config objects: defaults of commonly used members,
nested members changed in place, vectors (append, push_back, index, iterate, clear,
assign a vector), credentials, wrong assignments, and constants.

Usage: config_objects.py <module>   (pjsua2 or pjsua2rs)
Result lines start with "| ".
"""
import importlib
import os
import sys

pj = importlib.import_module(sys.argv[1])


def out(key, value):
    print(f"| {key}: {value}", flush=True)


ep = pj.Endpoint()
ep.libCreate()  # AccountConfig takes some defaults from the created library

ep_cfg = pj.EpConfig()
ua, log, med = ep_cfg.uaConfig, ep_cfg.logConfig, ep_cfg.medConfig
out("UaConfig defaults", (ua.maxCalls, ua.threadCnt, ua.mainThreadOnly, ua.userAgent,
                          list(ua.nameserver), list(ua.stunServer), ua.stunIgnoreFailure,
                          ua.natTypeInSdp, ua.mwiUnsolicitedEnabled))
out("LogConfig defaults", (log.msgLogging, log.level, log.consoleLevel, log.decor,
                           log.filename, log.fileFlags, log.writer))
out("MediaConfig defaults", (med.clockRate, med.sndClockRate, med.channelCount,
                             med.audioFramePtime, med.maxMediaPorts, med.hasIoqueue,
                             med.threadCnt, med.quality, med.ptime, med.noVad, med.ilbcMode,
                             med.ecOptions, med.ecTailLen, med.jbInit, med.jbMax,
                             med.sndAutoCloseTime))
tcfg = pj.TransportConfig()
out("TransportConfig defaults", (tcfg.port, tcfg.portRange, tcfg.publicAddress,
                                 tcfg.boundAddress, tcfg.qosType, tcfg.qosParams.dscp_val,
                                 tcfg.tlsConfig.method, tcfg.tlsConfig.verifyServer,
                                 list(tcfg.tlsConfig.ciphers), tcfg.tlsConfig.CaListFile))
acc = pj.AccountConfig()
out("AccountConfig defaults", (acc.priority, acc.idUri, acc.regConfig.registrarUri,
                               acc.regConfig.registerOnAdd, acc.regConfig.timeoutSec,
                               acc.regConfig.retryIntervalSec, acc.regConfig.proxyUse,
                               acc.sipConfig.transportId, acc.callConfig.timerUse,
                               acc.callConfig.timerMinSESec, acc.callConfig.timerSessExpiresSec,
                               acc.presConfig.publishEnabled, acc.mwiConfig.enabled,
                               acc.natConfig.iceEnabled, acc.natConfig.mediaStunUse,
                               acc.natConfig.turnConnType, acc.natConfig.udpKaData,
                               acc.mediaConfig.transportConfig.port, acc.mediaConfig.srtpUse,
                               acc.mediaConfig.srtpSecureSignaling,
                               acc.videoConfig.defaultCaptureDevice,
                               acc.videoConfig.defaultRenderDevice))
cred = pj.AuthCredInfo()
out("AuthCredInfo defaults", (cred.scheme, cred.realm, cred.username, cred.dataType,
                              cred.data))
out("BuddyConfig defaults", (pj.BuddyConfig().uri, pj.BuddyConfig().subscribe))

# Nested members are live.
ep_cfg.uaConfig.threadCnt = 0
ep_cfg.uaConfig.mainThreadOnly = True
ep_cfg.medConfig.clockRate = 8000
acc.mediaConfig.transportConfig.tlsConfig.verifyServer = True
acc.natConfig.iceEnabled = True
out("nested changes", (ep_cfg.uaConfig.threadCnt, ep_cfg.uaConfig.mainThreadOnly,
                       ep_cfg.medConfig.clockRate,
                       acc.mediaConfig.transportConfig.tlsConfig.verifyServer,
                       acc.natConfig.iceEnabled))
tcfg.port = 6000
acc.mediaConfig.transportConfig = tcfg
tcfg.port = 6001
out("assigned nested copy", acc.mediaConfig.transportConfig.port)

# Vectors.
servers = ep_cfg.uaConfig.stunServer
servers.append("stun1.example.org")
ep_cfg.uaConfig.stunServer.push_back("stun2.example.org")
out("vector len", len(ep_cfg.uaConfig.stunServer))
out("vector index", (ep_cfg.uaConfig.stunServer[0], ep_cfg.uaConfig.stunServer[1]))
out("vector iterate", [s for s in ep_cfg.uaConfig.stunServer])
ep_cfg.uaConfig.stunServer.clear()
out("vector cleared", len(ep_cfg.uaConfig.stunServer))
names = pj.StringVector()
names.append("ns1.example.org")
names.append("ns2.example.org")
ep_cfg.uaConfig.nameserver = names
out("vector assigned", list(ep_cfg.uaConfig.nameserver))

acc.sipConfig.authCreds.append(pj.AuthCredInfo("digest", "example.org", "alice", 0, "pw"))
acc.sipConfig.authCreds.append(pj.AuthCredInfo("digest", "*", "bob", 1, "ha1"))
acc.sipConfig.authCreds[1].username = "robert"
out("credentials", [(c.realm, c.username, c.dataType, c.data)
                    for c in acc.sipConfig.authCreds])
hdr = pj.SipHeader()
hdr.hName = "X-Custom"
hdr.hValue = "42"
acc.regConfig.headers.append(hdr)
out("headers", [(x.hName, x.hValue) for x in acc.regConfig.headers])
acc.mediaConfig.transportConfig.tlsConfig.ciphers.append(1)
acc.mediaConfig.transportConfig.tlsConfig.ciphers.append(49199)
out("int vector", list(acc.mediaConfig.transportConfig.tlsConfig.ciphers))

# Wrong assignments raise the exceptions SWIG raises.
for what, action in (("negative unsigned", lambda: setattr(ua, "maxCalls", -1)),
                     ("str for int", lambda: setattr(ua, "maxCalls", "4")),
                     ("int for str", lambda: setattr(ua, "userAgent", 5)),
                     ("object for LogWriter", lambda: setattr(log, "writer", 5))):
    try:
        action()
        out(what, "accepted")
    except Exception as e:  # noqa: BLE001
        out(what, type(e).__name__)

# Constants.
out("transport types", (pj.PJSIP_TRANSPORT_UDP, pj.PJSIP_TRANSPORT_TCP,
                        pj.PJSIP_TRANSPORT_UDP6, pj.PJSIP_TRANSPORT_TCP6,
                        pj.PJSIP_TRANSPORT_TLS))
out("states", (pj.PJSUA_STATE_NULL, pj.PJSUA_STATE_CREATED, pj.PJSUA_STATE_INIT,
               pj.PJSUA_STATE_STARTING, pj.PJSUA_STATE_RUNNING, pj.PJSUA_STATE_CLOSING))
out("misc", (pj.PJ_SUCCESS, pj.PJSIP_SC_OK, pj.PJSIP_SC_NOT_FOUND, pj.PJSUA_INVALID_ID,
             pj.PJ_LOG_HAS_SENDER, pj.PJMEDIA_SRTP_MANDATORY, pj.PJ_TURN_TP_TCP,
             pj.PJSUA_SIP_TIMER_REQUIRED, pj.PJSIP_CRED_DATA_DIGEST, pj.PJSIP_TLSV1_2_METHOD))

ep.libDestroy()
sys.stdout.flush()
# PJSUA2 2.15.1 asserts when Python finalises its objects after libDestroy; leave here.
os._exit(0)
