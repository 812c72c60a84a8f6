"""The header parser and the _ffi.py generator: deterministic, current, complete, and
loud about anything they do not understand."""
import ctypes
import os
import sys

import pytest
from conftest import BINDINGS, REPO

sys.path.insert(0, BINDINGS)
import cheader  # noqa: E402
import gen_ffi  # noqa: E402

from pjsua2rs import _ffi  # noqa: E402

HEADER = os.path.join(REPO, "include", "pjsua2rs.h")


def test_committed_ffi_is_current_and_deterministic():
    text = gen_ffi.generate(cheader.read_header(HEADER))
    assert text == gen_ffi.generate(cheader.read_header(HEADER))
    with open(os.path.join(BINDINGS, "pjsua2rs", "_ffi.py"), encoding="utf-8") as f:
        assert f.read() == text, "run scripts/gen-header.sh"


def test_committed_cpp_is_current(tmp_path):
    import subprocess
    subprocess.run([sys.executable, os.path.join(REPO, "bindings", "cpp", "gen_cpp.py"),
                    HEADER, str(tmp_path)], check=True)
    for name in ("pjsua2rs_enums.hpp", "pjsua2rs_config.hpp"):
        with open(os.path.join(REPO, "bindings", "cpp", name), encoding="utf-8") as f:
            assert (tmp_path / name).read_text(encoding="utf-8") == f.read(), name


def test_every_header_constant_is_exported():
    import pjsua2rs as pj
    for c in cheader.read_header(HEADER).constants:
        if c.name.startswith("PJSUA2RS_"):
            assert getattr(pj, c.name) == c.value


def test_everything_in_the_header_is_bound():
    header = cheader.read_header(HEADER)
    assert [p[0] for p in _ffi.PROTOTYPES] == [f.name for f in header.functions]
    for fn in header.functions:
        assert len(getattr(_ffi.lib, fn.name).argtypes) == len(fn.params), fn.name
    for c in header.constants:
        assert getattr(_ffi, c.name) == c.value
    for t in header.types:
        if isinstance(t, cheader.Struct):
            assert [f[0] for f in getattr(_ffi, t.name)._fields_] == [f.name for f in t.fields]


def test_struct_layout_matches_the_library():
    # The library accepts our sizeof, stamps it, and refuses a larger struct.
    for struct, default in _ffi.VERSIONED:
        c = struct()
        fn = getattr(_ffi.lib, default)
        assert fn(ctypes.byref(c), ctypes.sizeof(struct)) == 0
        assert c.struct_size == ctypes.sizeof(struct)
        assert fn(ctypes.byref(c), ctypes.sizeof(struct) + 1) == _ffi.PJSUA2RS_ERR_INVALID_ARG


def test_parser_reads_each_kind_of_declaration():
    h = cheader.parse_header(
        "#define A 3\n"
        "/**\n * Doc of B.\n */\n#define B (A << 2)\n"
        "typedef int32_t st;\n"
        "typedef struct {\n  /**\n   * A field.\n   */\n  char name[B][A];\n"
        "  const char *text;\n} S;\n"
        "typedef void (*cb)(void *user, const S *s);\n"
        "st f(S *out, const char *const *v, size_t n);\n")
    assert [(c.name, c.value) for c in h.constants] == [("A", 3), ("B", 12)]
    assert h.constants[1].doc == ["Doc of B."]
    s = h.struct("S")
    assert (s.fields[0].name, s.fields[0].dims, s.fields[0].doc) == ("name", ["B", "A"],
                                                                    ["A field."])
    assert str(s.fields[1].ctype) == "const char *"
    f = h.functions[0]
    assert [str(p.ctype) for p in f.params] == ["S *", "const char *const *", "size_t"]
    assert gen_ffi.field_type(s.fields[0], h) == "(ctypes.c_char * A) * B"


@pytest.mark.parametrize("text,message", [
    ("enum e { X };\n", "unsupported line"),
    ("typedef struct {\n  widget w;\n} S;\nint f(void);\n", "unknown type 'widget'"),
    ("#define A \"text\"\n", "unsupported #define value"),
    ("typedef struct {\n  int a[N];\n} S;\n", "unknown array size 'N'"),
    ("int f(int (*cb)(void));\n", "function-pointer parameters"),
    ("typedef int32_t s;\ntypedef int32_t s;\n", "declared twice"),
])
def test_parser_fails_loudly(text, message):
    with pytest.raises(cheader.HeaderError) as e:
        cheader.parse_header(text, "test.h")
    assert message in str(e.value)
    assert str(e.value).startswith("test.h")
