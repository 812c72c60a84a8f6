"""Exits 0 when PJSUA2's published wheel (pjsua2-python 2.15.1) fits this Python.

The wheel exists for CPython 3.10 to 3.12 on x86_64 Linux; scripts/install-deps.sh
installs it there, and scripts/test.sh then requires the side-by-side checks to run.
"""
import platform
import sys

fits = (3, 10) <= sys.version_info[:2] <= (3, 12) and platform.machine() == "x86_64" \
    and sys.platform.startswith("linux") and platform.python_implementation() == "CPython"
sys.exit(0 if fits else 1)
