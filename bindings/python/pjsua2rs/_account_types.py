"""PJSUA2's AccountInfo and the param objects of the Account callbacks (SipRxData,
OnRegStartedParam, OnRegStateParam), built from the C ABI's structs."""
from ._cstr import from_c


def _text(data):
    """A `const char *` member (None when NULL) as str."""
    return from_c(data) if data else ""


class AccountInfo:
    """An account's details (PJSUA2's `AccountInfo`), returned by Account.getInfo()."""

    def __init__(self, id=-1, isDefault=False, uri="",  # noqa: A002 (PJSUA2's name)
                 regIsConfigured=False, regIsActive=False, regExpiresSec=0, regStatus=0,
                 regStatusText="", regLastErr=0, onlineStatus=False, onlineStatusText=""):
        self.id, self.isDefault, self.uri = id, isDefault, uri
        self.regIsConfigured, self.regIsActive = regIsConfigured, regIsActive
        self.regExpiresSec, self.regStatus = regExpiresSec, regStatus
        self.regStatusText, self.regLastErr = regStatusText, regLastErr
        self.onlineStatus, self.onlineStatusText = onlineStatus, onlineStatusText

    @classmethod
    def from_c(cls, c):
        """The AccountInfo of a `pjsua2rs_account_info` struct."""
        return cls(c.id, c.is_default, from_c(c.uri), c.reg_is_configured, c.reg_is_active,
                   c.reg_expires_sec, c.reg_status, from_c(c.reg_status_text),
                   c.reg_last_err, c.online_status, from_c(c.online_status_text))

    def __repr__(self):
        return "AccountInfo(" + ", ".join(f"{k}={v!r}" for k, v in vars(self).items()) + ")"


class SipRxData:
    """A received SIP message (PJSUA2's `SipRxData`): `info` (a one-line description),
    `wholeMsg` (the message text) and `srcAddress` ("ip:port"); all "" when none."""

    def __init__(self, info="", wholeMsg="", srcAddress=""):
        self.info, self.wholeMsg, self.srcAddress = info, wholeMsg, srcAddress

    @classmethod
    def from_c(cls, c):
        """The SipRxData of a `pjsua2rs_sip_rx_data` struct (copied: the C strings live
        only during the callback)."""
        return cls(_text(c.info), _text(c.whole_msg), _text(c.src_address))


class OnRegStartedParam:
    """The param of Account.onRegStarted (PJSUA2's `OnRegStartedParam`): `renew` is True
    when registering or refreshing, False when unregistering."""

    def __init__(self, renew=False):
        self.renew = renew


class OnRegStateParam:
    """The param of Account.onRegState (PJSUA2's `OnRegStateParam`): `status` (0 when a
    final response arrived, else why not), `code` (the SIP status), `reason`, `rdata` (the
    response, a SipRxData) and `expiration` (the granted seconds; 0 when unregistered or
    failed)."""

    def __init__(self, status=0, code=0, reason="", rdata=None, expiration=0):
        self.status, self.code, self.reason = status, code, reason
        self.rdata = rdata if rdata is not None else SipRxData()
        self.expiration = expiration

    @classmethod
    def from_c(cls, c):
        """The OnRegStateParam of a `pjsua2rs_on_reg_state_param` struct (copied)."""
        return cls(c.status, c.code, _text(c.reason), SipRxData.from_c(c.rdata), c.expiration)
