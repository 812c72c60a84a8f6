/*
 * pjsua2rs_call_types.hpp: the value types of PJSUA2's Call: CallOpParam, CallSetting,
 * SipTxOption, CallInfo, the SipEvent family and the callback params. Included by
 * pjsua2rs_call.hpp; do not include it alone.
 */
#ifndef PJSUA2RS_CALL_TYPES_HPP
#define PJSUA2RS_CALL_TYPES_HPP

namespace pj {

/** A call id (-1: PJSUA_INVALID_ID). */
typedef int pjsua_call_id;
/** An account id. */
typedef int pjsua_acc_id;
/** Application data (PJSUA2's `Token`). */
typedef void *Token;

/** A duration (PJSUA2's `TimeVal`). */
struct TimeVal {
    /** Seconds. */
    long sec = 0;
    /** Milliseconds. */
    long msec = 0;
};

/** A call's media setting (PJSUA2's `CallSetting`). CallSetting() is all zero, which
 *  means "the account's defaults" in a CallOpParam; CallSetting(true) has PJSUA2's
 *  defaults (one audio stream, PJSUA_CALL_INCLUDE_DISABLED_MEDIA). Video is not supported
 *  (videoCount stays 0); mediaDir and customCallId cannot be passed to the library yet
 *  (PJ_ENOTSUP). */
struct CallSetting {
    /** PJSUA_CALL_* flags. */
    unsigned flag = 0;
    /** Keyframe request method (video). */
    unsigned reqKeyframeMethod = 0;
    /** Audio streams. */
    unsigned audioCount = 0;
    /** Video streams (must be 0). */
    unsigned videoCount = 0;
    /** Media directions per stream (not supported yet). */
    IntVector mediaDir;
    /** A Call-ID of the application's (not supported yet). */
    string customCallId;

    /** All zero, or PJSUA2's defaults with `useDefaultValues`. */
    CallSetting(bool useDefaultValues = false) {
        if (useDefaultValues) {
            flag = PJSUA_CALL_INCLUDE_DISABLED_MEDIA;
            audioCount = 1;
        }
    }
    /** Whether every member is zero or empty. */
    bool isEmpty() const {
        return flag == 0 && reqKeyframeMethod == 0 && audioCount == 0 && videoCount == 0 &&
               mediaDir.empty() && customCallId.empty();
    }
};

/** An SDP (PJSUA2's `SdpSession`). */
struct SdpSession {
    /** The SDP text. */
    string wholeSdp;
};

/** A MIME type (PJSUA2's `SipMediaType`). */
struct SipMediaType {
    /** The type, e.g. "text". */
    string type;
    /** The subtype, e.g. "plain". */
    string subType;
};

/** What to add to an outgoing request (PJSUA2's `SipTxOption`): extra headers and a
 *  body. targetUri, localUri and multipartContentType cannot be passed to the library
 *  yet (PJ_ENOTSUP when set). */
struct SipTxOption {
    /** A target URI (not supported yet). */
    string targetUri;
    /** Extra headers. */
    SipHeaderVector headers;
    /** The body's content type. */
    string contentType;
    /** The body. */
    string msgBody;
    /** A local URI (not supported yet). */
    string localUri;
    /** A multipart body's type (not supported yet). */
    SipMediaType multipartContentType;

    /** Whether nothing is to be added. */
    bool isEmpty() const {
        return targetUri.empty() && headers.empty() && contentType.empty() &&
               msgBody.empty() && localUri.empty() && multipartContentType.type.empty() &&
               multipartContentType.subType.empty();
    }
};

/** The parameters of most Call operations (PJSUA2's `CallOpParam`). */
struct CallOpParam {
    /** The call setting (all zero: the account's defaults). */
    CallSetting opt;
    /** A status code (answer, hangup; 0: the default). */
    pjsip_status_code statusCode = static_cast<pjsip_status_code>(0);
    /** A reason phrase ("" for the standard one). */
    string reason;
    /** PJSUA_XFER_NO_REQUIRE_REPLACES for xferReplaces. */
    unsigned options = 0;
    /** Extra headers and body. */
    SipTxOption txOption;
    /** An SDP of the application's (not supported yet: must stay empty). */
    SdpSession sdp;

    /** With `useDefaultCallSetting`, opt holds CallSetting(true). */
    CallOpParam(bool useDefaultCallSetting = false) : opt(useDefaultCallSetting) {}
};

/** The parameters of Call::sendDtmf (PJSUA2's `CallSendDtmfParam`). */
struct CallSendDtmfParam {
    /** PJSUA_DTMF_METHOD_RFC2833 (needs an audio stream) or _SIP_INFO. */
    pjsua_dtmf_method method = PJSUA_DTMF_METHOD_RFC2833;
    /** Milliseconds per digit. */
    unsigned duration = 160;
    /** The digits (0-9, *, #, A-D). */
    string digits;
};

/** The parameters of Call::sendRequest (PJSUA2's `CallSendRequestParam`). */
struct CallSendRequestParam {
    /** The method, e.g. "INFO". */
    string method;
    /** Extra headers and body. */
    SipTxOption txOption;
};

/** The parameters of Call::sendInstantMessage (PJSUA2's `SendInstantMessageParam`). */
struct SendInstantMessageParam {
    /** The content type. */
    string contentType = "text/plain";
    /** The message. */
    string content;
    /** Extra headers. */
    SipTxOption txOption;
    /** Comes back in onInstantMessageStatus. */
    Token userData = nullptr;
};

/** The parameters of Call::sendTypingIndication (PJSUA2's
 *  `SendTypingIndicationParam`). */
struct SendTypingIndicationParam {
    /** Whether we are typing. */
    bool isTyping = false;
    /** Extra headers. */
    SipTxOption txOption;
};

/** One media line of a call (PJSUA2's `CallMediaInfo`; audio only). */
struct CallMediaInfo {
    /** The line's index in the SDP. */
    unsigned index = 0;
    /** PJMEDIA_TYPE_AUDIO, or PJMEDIA_TYPE_NONE for a line not used. */
    pjmedia_type type = PJMEDIA_TYPE_NONE;
    /** The directions we may use. */
    pjmedia_dir dir = PJMEDIA_DIR_NONE;
    /** PJSUA_CALL_MEDIA_*. */
    pjsua_call_media_status status = PJSUA_CALL_MEDIA_NONE;
    /** The call's conference slot (-1 without audio). */
    int audioConfSlot = -1;
};

/** A list of CallMediaInfo. */
typedef std::vector<CallMediaInfo> CallMediaInfoVector;

/** A snapshot of a call (PJSUA2's `CallInfo`). `setting` and `provMedia` are not
 *  reported by the C ABI (left empty). */
struct CallInfo {
    /** The call id. */
    pjsua_call_id id = PJSUA_INVALID_ID;
    /** PJSIP_ROLE_UAC or PJSIP_ROLE_UAS. */
    pjsip_role_e role = PJSIP_ROLE_UAC;
    /** The account id. */
    pjsua_acc_id accId = PJSUA_INVALID_ID;
    /** Our URI. */
    string localUri;
    /** Our Contact. */
    string localContact;
    /** The peer's URI. */
    string remoteUri;
    /** The peer's Contact. */
    string remoteContact;
    /** The Call-ID. */
    string callIdString;
    /** The call setting (not reported: empty). */
    CallSetting setting;
    /** PJSIP_INV_STATE_*. */
    pjsip_inv_state state = PJSIP_INV_STATE_NULL;
    /** Its name ("CONFIRMED"...). */
    string stateText;
    /** The last status code. */
    pjsip_status_code lastStatusCode = static_cast<pjsip_status_code>(0);
    /** Its reason. */
    string lastReason;
    /** The media lines. */
    CallMediaInfoVector media;
    /** The provisional media (not reported: empty). */
    CallMediaInfoVector provMedia;
    /** Time since the call was answered. */
    TimeVal connectDuration;
    /** Time since the call started. */
    TimeVal totalDuration;
    /** Whether the peer made the last offer. */
    bool remOfferer = false;
    /** Audio streams the peer offered. */
    unsigned remAudioCount = 0;
    /** Video streams the peer offered. */
    unsigned remVideoCount = 0;
};

/* The SipEvent family (PJSUA2's siptypes.hpp), as far as the C ABI reports events. */

/** An outgoing message (PJSUA2's `SipTxData`). */
struct SipTxData {
    /** A one-line description. */
    string info;
    /** The whole message. */
    string wholeMsg;
    /** Where it goes. */
    SocketAddress dstAddress;
};

/** A transaction (PJSUA2's `SipTransaction`). */
struct SipTransaction {
    /** PJSIP_ROLE_UAC: our request; PJSIP_ROLE_UAS: the peer's. */
    pjsip_role_e role = PJSIP_ROLE_UAC;
    /** The method. */
    string method;
    /** The status code (0 for a request). */
    int statusCode = 0;
    /** Its reason. */
    string statusText;
    /** PJSIP_TSX_STATE_*. */
    pjsip_tsx_state_e state = PJSIP_TSX_STATE_NULL;
    /** The last message sent (not reported). */
    SipTxData lastTx;
};

/** What caused a transaction's change (PJSUA2's `TsxStateEventSrc`). */
struct TsxStateEventSrc {
    /** The message received. */
    SipRxData rdata;
    /** The message sent (not reported). */
    SipTxData tdata;
    /** A transport status (not reported). */
    pj_status_t status = 0;
};

/** A transaction's change (PJSUA2's `TsxStateEvent`). */
struct TsxStateEvent {
    /** The cause. */
    TsxStateEventSrc src;
    /** The transaction. */
    SipTransaction tsx;
    /** The previous state (not reported: PJSIP_TSX_STATE_NULL). */
    pjsip_tsx_state_e prevState = PJSIP_TSX_STATE_NULL;
    /** The PJSIP_EVENT_* that caused it. */
    pjsip_event_id_e type = PJSIP_EVENT_UNKNOWN;
};

/** A received message (PJSUA2's `RxMsgEvent`). */
struct RxMsgEvent {
    /** The message. */
    SipRxData rdata;
};

/** A sent message (PJSUA2's `TxMsgEvent`). */
struct TxMsgEvent {
    /** The message. */
    SipTxData tdata;
};

/** A transmission error (PJSUA2's `TxErrorEvent`). */
struct TxErrorEvent {
    /** The message. */
    SipTxData tdata;
    /** The transaction. */
    SipTransaction tsx;
};

/** A timer event (PJSUA2's `TimerEvent`). */
struct TimerEvent {
    /** The timer entry. */
    void *entry = nullptr;
};

/** A user event (PJSUA2's `UserEvent`). */
struct UserEvent {
    /** User data. */
    void *user1 = nullptr, *user2 = nullptr, *user3 = nullptr, *user4 = nullptr;
};

/** The body of a SipEvent (PJSUA2's `SipEventBody`). */
struct SipEventBody {
    /** PJSIP_EVENT_TIMER. */
    TimerEvent timer;
    /** PJSIP_EVENT_TSX_STATE. */
    TsxStateEvent tsxState;
    /** PJSIP_EVENT_TX_MSG. */
    TxMsgEvent txMsg;
    /** PJSIP_EVENT_TRANSPORT_ERROR. */
    TxErrorEvent txError;
    /** PJSIP_EVENT_RX_MSG. */
    RxMsgEvent rxMsg;
    /** PJSIP_EVENT_USER. */
    UserEvent user;
};

/** An event (PJSUA2's `SipEvent`). */
struct SipEvent {
    /** PJSIP_EVENT_*. */
    pjsip_event_id_e type = PJSIP_EVENT_UNKNOWN;
    /** The member `type` names. */
    SipEventBody body;
};

class Call;

/** The param of Call::onCallState (PJSUA2's `OnCallStateParam`). `e` is empty
 *  (PJSIP_EVENT_UNKNOWN): the C ABI does not report the message that caused the change;
 *  getInfo() inside the callback gives the new state. */
struct OnCallStateParam {
    /** The event (empty). */
    SipEvent e;
};

/** The param of Call::onCallTsxState (PJSUA2's `OnCallTsxStateParam`): a
 *  PJSIP_EVENT_TSX_STATE event caused by the received message in
 *  e.body.tsxState.src.rdata. */
struct OnCallTsxStateParam {
    /** The event. */
    SipEvent e;
};

/** The param of Call::onCallMediaState (PJSUA2's `OnCallMediaStateParam`). */
struct OnCallMediaStateParam {};

/** The param of Call::onDtmfDigit (PJSUA2's `OnDtmfDigitParam`). */
struct OnDtmfDigitParam {
    /** PJSUA_DTMF_METHOD_*. */
    pjsua_dtmf_method method = PJSUA_DTMF_METHOD_RFC2833;
    /** The digit. */
    string digit;
    /** Its duration in ms. */
    unsigned duration = 0;
};

/** The param of Call::onCallTransferRequest (PJSUA2's `OnCallTransferRequestParam`): set
 *  statusCode (202: accept) to refuse, newCall to a `new MyCall(acc)` to follow the new
 *  call (the application owns it). `opt` is not passed back yet. */
struct OnCallTransferRequestParam {
    /** The target (may be changed). */
    string dstUri;
    /** The answer (in: 202). */
    pjsip_status_code statusCode = static_cast<pjsip_status_code>(0);
    /** The new call's setting (not passed back yet). */
    CallSetting opt;
    /** The Call object for the new call. */
    Call *newCall = nullptr;
};

/** The param of Call::onCallTransferStatus (PJSUA2's `OnCallTransferStatusParam`). */
struct OnCallTransferStatusParam {
    /** The transferred call's status. */
    pjsip_status_code statusCode = static_cast<pjsip_status_code>(0);
    /** Its reason. */
    string reason;
    /** Whether this is the last report. */
    bool finalNotify = false;
    /** Set to false to stop the reports. */
    bool cont = false;
};

/** The param of Call::onCallReplaceRequest (PJSUA2's `OnCallReplaceRequestParam`). */
struct OnCallReplaceRequestParam {
    /** The INVITE with Replaces. */
    SipRxData rdata;
    /** The answer (in: 200). */
    pjsip_status_code statusCode = static_cast<pjsip_status_code>(0);
    /** The reason of a refusal. */
    string reason;
    /** The new call's setting (not passed back yet). */
    CallSetting opt;
    /** The Call object for the new call. */
    Call *newCall = nullptr;
};

/** The param of Call::onCallReplaced (PJSUA2's `OnCallReplacedParam`). */
struct OnCallReplacedParam {
    /** The new call's id. */
    pjsua_call_id newCallId = 0;
    /** The Call given in onCallReplaceRequest, or NULL. */
    Call *newCall = nullptr;
};

/** The param of Call::onCallRedirected (PJSUA2's `OnCallRedirectedParam`). */
struct OnCallRedirectedParam {
    /** The redirection target. */
    string targetUri;
    /** A PJSIP_EVENT_TSX_STATE event with the 3xx in body.tsxState.src.rdata. */
    SipEvent e;
};

/** The param of Call::onCallRxOffer (PJSUA2's `OnCallRxOfferParam`). pjsua2rs answers
 *  with its capabilities: statusCode and opt are not passed back yet. */
struct OnCallRxOfferParam {
    /** The offer. */
    SdpSession offer;
    /** The answer's status (in: 200). */
    pjsip_status_code statusCode = static_cast<pjsip_status_code>(0);
    /** The call setting (not passed back yet). */
    CallSetting opt;
};

/** The param of Call::onCallRxReinvite (PJSUA2's `OnCallRxReinviteParam`); rdata is not
 *  reported and isAsync, statusCode and opt are not passed back yet. */
struct OnCallRxReinviteParam {
    /** The offer. */
    SdpSession offer;
    /** The re-INVITE (not reported). */
    SipRxData rdata;
    /** Answer later (not supported yet). */
    bool isAsync = false;
    /** The answer's status (in: 200). */
    pjsip_status_code statusCode = static_cast<pjsip_status_code>(0);
    /** The call setting (not passed back yet). */
    CallSetting opt;
};

/** The param of Call::onInstantMessage (PJSUA2's `OnInstantMessageParam`). */
struct OnInstantMessageParam {
    /** From. */
    string fromUri;
    /** To. */
    string toUri;
    /** The sender's Contact. */
    string contactUri;
    /** The content type. */
    string contentType;
    /** The message. */
    string msgBody;
    /** The request. */
    SipRxData rdata;
};

/** The param of Call::onInstantMessageStatus (PJSUA2's `OnInstantMessageStatusParam`). */
struct OnInstantMessageStatusParam {
    /** The SendInstantMessageParam's userData. */
    Token userData = nullptr;
    /** The To URI. */
    string toUri;
    /** The message sent. */
    string msgBody;
    /** The final status. */
    pjsip_status_code code = static_cast<pjsip_status_code>(0);
    /** Its reason. */
    string reason;
    /** The response. */
    SipRxData rdata;
};

/** The param of Call::onTypingIndication (PJSUA2's `OnTypingIndicationParam`). */
struct OnTypingIndicationParam {
    /** From. */
    string fromUri;
    /** To. */
    string toUri;
    /** The sender's Contact. */
    string contactUri;
    /** Whether the peer is typing. */
    bool isTyping = false;
    /** The request. */
    SipRxData rdata;
};

} // namespace pj

#endif /* PJSUA2RS_CALL_TYPES_HPP */
