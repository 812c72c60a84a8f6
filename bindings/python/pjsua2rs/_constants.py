"""Module-level constants: PJSUA2's names (pj.PJSIP_TRANSPORT_UDP, pj.PJSUA_STATE_RUNNING,
status codes...) and every PJSUA2RS_* constant of the C header."""
from . import _ffi, _names


def _value(source):
    return source if isinstance(source, int) else getattr(_ffi, source)


CONSTANTS = {name: getattr(_ffi, name) for name in dir(_ffi) if name.startswith("PJSUA2RS_")}
CONSTANTS.update({name: _value(source)
                  for _, items in _names.ENUMS for name, source in items})
globals().update(CONSTANTS)
__all__ = sorted(CONSTANTS)
