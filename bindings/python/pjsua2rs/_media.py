"""PJSUA2's AudDevManager, as far as pjsua2rs has audio devices: not yet.

pjsua2rs has no audio streams and no sound devices yet; they come with media support.
Until then the only device setting a program can make is PJSUA2's `setNullDev()` (the
usual first call on a machine without a sound card), which records the choice; no other
device method is provided, so a program that needs a real device fails loudly rather
than being handed made-up device data.
"""


class AudDevManager:
    """The sound device manager of an Endpoint (PJSUA2's `AudDevManager`, from
    Endpoint.audDevManager()). Only setNullDev() exists until pjsua2rs has audio devices."""

    def __init__(self):
        self._null_dev = False

    def setNullDev(self):
        """Uses no sound device: the conference bridge runs on its own clock. This is what
        pjsua2rs does anyway today (it has no sound devices yet); the choice is recorded so
        it still holds once devices exist."""
        self._null_dev = True
