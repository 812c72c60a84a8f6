"""pjsua2rs: the PJSUA2 Python API on libpjsua2rs (`import pjsua2rs as pj`).

Classes, methods, members and constants have PJSUA2's names: Endpoint, Account, Call,
AudioMedia, AudioMediaPlayer, AudioMediaRecorder, AudioMediaPort, ToneGenerator,
AudDevManager, CodecInfo, CodecParam, StreamInfo, StreamStat, EpConfig, AccountConfig,
CallOpParam, CallInfo, JsonDocument, Error,
pj.PJSIP_TRANSPORT_UDP, pj.PJSIP_INV_STATE_CONFIRMED... Config objects are live
views of the library's C structs; errors raise pjsua2rs.Error. The library is found via
$PJSUA2RS_LIBRARY, the package directory, the checkout's target/release, then the system
loader (see _ffi.load_library).
"""
from ._account import Account
from ._account_types import AccountInfo, OnRegStartedParam, OnRegStateParam, SipRxData
from ._call import Call
from ._call_types import (CallInfo, CallMediaInfo, CallOpParam, CallSendDtmfParam,
                          CallSendRequestParam, CallSetting, OnCallMediaStateParam,
                          OnCallRedirectedParam, OnCallReplacedParam,
                          OnCallReplaceRequestParam, OnCallRxOfferParam,
                          OnCallRxReinviteParam, OnCallStateParam, OnCallTransferRequestParam,
                          OnCallTransferStatusParam, OnCallTsxStateParam, OnDtmfDigitParam,
                          OnIncomingCallParam, OnInstantMessageParam,
                          OnInstantMessageStatusParam, OnTypingIndicationParam, RxMsgEvent,
                          SdpSession, SendInstantMessageParam, SendTypingIndicationParam,
                          SipEvent, SipEventBody, SipMediaType, SipTransaction, SipTxData,
                          SipTxOption, TimerEvent, TimeVal, TsxStateEvent, TsxStateEventSrc,
                          TxErrorEvent, TxMsgEvent, UserEvent)
from ._codec import CodecFmtp, CodecInfo, CodecParam, CodecParamInfo, CodecParamSetting
from ._config import *  # noqa: F401,F403
from ._config import __all__ as _config_all
from ._constants import *  # noqa: F401,F403
from ._constants import __all__ as _constants_all
from ._endpoint import Endpoint, OptionsResult, TransportInfo, Version
from ._errors import Error
from ._ffi import LIBRARY_PATH
from ._json import ContainerNode, JsonDocument, PersistentObject
from ._log import LogEntry, LogWriter
from ._media import (AudDevManager, AudioDevInfo, AudioMedia, AudioMediaTransmitParam,
                     ConfPortInfo, Media, MediaFormatAudio)
from ._media_objects import (AudioMediaPlayer, AudioMediaPlayerInfo, AudioMediaRecorder,
                             ToneDesc, ToneDigit, ToneDigitMapDigit, ToneGenerator)
from ._media_port import AudioMediaPort, AudioMediaPortStats, MediaFrame
from ._stream import (JbufState, LossType, MathStat, RtcpSdes, RtcpStat, RtcpStreamStat,
                      StreamInfo, StreamStat)
from ._vectors import (AudioDevInfoVector2, AudioMediaVector2, AuthCredInfoVector,
                       ByteVector, CallMediaInfoVector, CodecFmtpVector, CodecInfoVector2,
                       IntVector, MediaFormatAudioVector, SipHeaderVector, SockOptVector,
                       SrtpCryptoVector, StringVector, ToneDescVector, ToneDigitMapVector,
                       ToneDigitVector)

_CALL_NAMES = {
    "Call", "CallInfo", "CallMediaInfo", "CallMediaInfoVector", "CallOpParam",
    "CallSendDtmfParam", "CallSendRequestParam", "CallSetting", "OnCallMediaStateParam",
    "OnCallRedirectedParam", "OnCallReplacedParam", "OnCallReplaceRequestParam",
    "OnCallRxOfferParam", "OnCallRxReinviteParam", "OnCallStateParam",
    "OnCallTransferRequestParam", "OnCallTransferStatusParam", "OnCallTsxStateParam",
    "OnDtmfDigitParam", "OnIncomingCallParam", "OnInstantMessageParam",
    "OnInstantMessageStatusParam", "OnTypingIndicationParam", "RxMsgEvent", "SdpSession",
    "SendInstantMessageParam", "SendTypingIndicationParam", "SipEvent", "SipEventBody",
    "SipMediaType", "SipTransaction", "SipTxData", "SipTxOption", "TimerEvent", "TimeVal",
    "TsxStateEvent", "TsxStateEventSrc", "TxErrorEvent", "TxMsgEvent", "UserEvent"}

_MEDIA_NAMES = {
    "AudDevManager", "AudioDevInfo", "AudioDevInfoVector2", "AudioMedia",
    "AudioMediaPlayer", "AudioMediaPlayerInfo", "AudioMediaPort", "AudioMediaPortStats",
    "AudioMediaRecorder", "AudioMediaTransmitParam", "AudioMediaVector2", "ByteVector",
    "ConfPortInfo", "Media", "MediaFormatAudio", "MediaFormatAudioVector", "MediaFrame",
    "ToneDesc", "ToneDescVector", "ToneDigit", "ToneDigitMapDigit", "ToneDigitMapVector",
    "ToneDigitVector", "ToneGenerator"}

_CODEC_AND_STREAM_NAMES = {
    "CodecFmtp", "CodecFmtpVector", "CodecInfo", "CodecInfoVector2", "CodecParam",
    "CodecParamInfo", "CodecParamSetting", "JbufState", "LossType", "MathStat", "RtcpSdes",
    "RtcpStat", "RtcpStreamStat", "StreamInfo", "StreamStat"}

__all__ = sorted(set(_config_all) | set(_constants_all) | _CALL_NAMES | _MEDIA_NAMES |
                 _CODEC_AND_STREAM_NAMES | {
    "Account", "AccountInfo", "OnRegStartedParam", "OnRegStateParam", "SipRxData",
    "Endpoint", "OptionsResult", "TransportInfo", "Version", "Error", "LIBRARY_PATH",
    "ContainerNode", "JsonDocument", "PersistentObject", "LogEntry", "LogWriter",
    "AuthCredInfoVector", "IntVector", "SipHeaderVector", "SockOptVector",
    "SrtpCryptoVector", "StringVector"})
