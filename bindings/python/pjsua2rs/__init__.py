"""pjsua2rs: the PJSUA2 Python API on libpjsua2rs (`import pjsua2rs as pj`).

Classes, methods, members and constants have PJSUA2's names: Endpoint, Account, EpConfig,
AccountConfig, JsonDocument, Error, pj.PJSIP_TRANSPORT_UDP... Config objects are live
views of the library's C structs; errors raise pjsua2rs.Error. The library is found via
$PJSUA2RS_LIBRARY, the package directory, the checkout's target/release, then the system
loader (see _ffi.load_library).
"""
from ._account import Account
from ._account_types import AccountInfo, OnRegStartedParam, OnRegStateParam, SipRxData
from ._config import *  # noqa: F401,F403
from ._config import __all__ as _config_all
from ._constants import *  # noqa: F401,F403
from ._constants import __all__ as _constants_all
from ._endpoint import Endpoint, OptionsResult, TransportInfo, Version
from ._errors import Error
from ._ffi import LIBRARY_PATH
from ._json import ContainerNode, JsonDocument, PersistentObject
from ._log import LogEntry, LogWriter
from ._vectors import (AuthCredInfoVector, IntVector, SipHeaderVector, SockOptVector,
                       SrtpCryptoVector, StringVector)

__all__ = sorted(set(_config_all) | set(_constants_all) | {
    "Account", "AccountInfo", "OnRegStartedParam", "OnRegStateParam", "SipRxData",
    "Endpoint", "OptionsResult", "TransportInfo", "Version", "Error", "LIBRARY_PATH",
    "ContainerNode", "JsonDocument", "PersistentObject", "LogEntry", "LogWriter",
    "AuthCredInfoVector", "IntVector", "SipHeaderVector", "SockOptVector",
    "SrtpCryptoVector", "StringVector"})
