"""PJSUA2's `Error` exception, raised from the library's last-error detail."""
import ctypes

from . import _ffi


def strerror(status):
    """The library's text for a status code (PJSUA2's `Endpoint.utilStrError`)."""
    buf = ctypes.create_string_buffer(512)
    if _ffi.lib.pjsua2rs_strerror(status, buf, len(buf)) != _ffi.PJSUA2RS_SUCCESS:
        return f"Unknown error {status}"
    return buf.value.decode("utf-8", "replace")


class Error(Exception):
    """A failed operation, as PJSUA2's `Error`: `status` (a PJSIP status code), `title`
    (the operation), `reason`, `srcFile` and `srcLine`. An empty reason is filled with the
    status code's description, as PJSUA2 does."""

    def __init__(self, status=0, title="", reason="", srcFile="", srcLine=0):
        if status != _ffi.PJSUA2RS_SUCCESS and not reason:
            reason = strerror(status)
        super().__init__(status, title, reason, srcFile, srcLine)
        self.status = status
        self.title = title
        self.reason = reason
        self.srcFile = srcFile
        self.srcLine = srcLine

    def info(self, multiLine=False):
        """The error as text, in PJSUA2's formats: one line
        `<title> error: <reason> (status=N) [file:line]`, or Title/Code/Description/Location
        lines; "No error" for a success status."""
        if self.status == _ffi.PJSUA2RS_SUCCESS:
            return "No error"
        if multiLine:
            text = (f"Title:       {self.title}\nCode:        {self.status}\n"
                    f"Description: {self.reason}\n")
            if self.srcFile:
                text += f"Location:    {self.srcFile}:{self.srcLine}\n"
            return text
        text = self.title
        if self.reason:
            text += (" error: " if text else "") + self.reason
        text += f" (status={self.status})"
        if self.srcFile:
            text += f" [{self.srcFile}:{self.srcLine}]"
        return text

    def __str__(self):
        return self.info()


def last_error(status):
    """The Error of the calling thread's last failure, which returned `status`."""
    info = _ffi.pjsua2rs_error_info()
    if _ffi.lib.pjsua2rs_last_error(ctypes.byref(info)) != _ffi.PJSUA2RS_SUCCESS \
            or info.status != status:
        return Error(status)
    return Error(info.status, info.title.decode("utf-8", "replace"),
                 info.reason.decode("utf-8", "replace"),
                 info.src_file.decode("utf-8", "replace"), info.src_line)


def check(status):
    """Raises the calling thread's last Error when `status` is not success."""
    if status != _ffi.PJSUA2RS_SUCCESS:
        raise last_error(status)
