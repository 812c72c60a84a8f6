#!/usr/bin/env python3
"""Generates pjsua2rs/_ffi.py (ctypes declarations and the library loader) from the C header.

Usage: gen_ffi.py include/pjsua2rs.h bindings/python/pjsua2rs/_ffi.py

The output holds, in header order: the integer constants, the types (aliases, structs
with their doc comments as docstrings and a `_field_docs_` table, function-pointer
types), the prototypes of every function, and a loader that finds libpjsua2rs and sets
restype/argtypes. It is deterministic (no dates, no paths). scripts/gen-header.sh runs
it and, with --check, fails when the committed file differs.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cheader  # noqa: E402  (the parser lives next to this script)

LOADER = '''
_LIB_NAME = {"darwin": "libpjsua2rs.dylib", "win32": "pjsua2rs.dll"}.get(
    sys.platform, "libpjsua2rs.so")
_HERE = os.path.dirname(os.path.abspath(__file__))


def _candidates():
    """Where the library is looked for, in order: (description, path, whether it is a
    file path that must exist; the system loader takes a bare name)."""
    env = os.environ.get("PJSUA2RS_LIBRARY")
    if env:
        # An explicit choice is the only one tried, so a wrong path is never masked.
        return [("$PJSUA2RS_LIBRARY", env, False)]
    checkout = os.path.join(_HERE, os.pardir, os.pardir, os.pardir, "target", "release")
    return [
        ("the package directory", os.path.join(_HERE, _LIB_NAME), True),
        ("the checkout's target/release", os.path.normpath(os.path.join(checkout, _LIB_NAME)),
         True),
        ("the system loader", ctypes.util.find_library("pjsua2rs") or _LIB_NAME, False),
    ]


def load_library():
    """Loads libpjsua2rs and returns (CDLL, path); ImportError lists every place tried."""
    tried = []
    for what, path, must_exist in _candidates():
        if must_exist and not os.path.exists(path):
            tried.append(f"{what}: {path} (no such file)")
            continue
        try:
            return ctypes.CDLL(path), path
        except OSError as e:
            tried.append(f"{what}: {path} ({e})")
    raise ImportError("cannot load the pjsua2rs library; build it with "
                      "`cargo build --release` or set PJSUA2RS_LIBRARY. Tried:\\n  "
                      + "\\n  ".join(tried))


def _bind(cdll):
    """Sets restype and argtypes of every function; ImportError if any is missing."""
    missing = []
    for name, restype, argtypes in PROTOTYPES:
        fn = getattr(cdll, name, None)
        if fn is None:
            missing.append(name)
            continue
        fn.restype = restype
        fn.argtypes = argtypes
    if missing:
        raise ImportError(f"{LIBRARY_PATH} lacks {', '.join(missing)}: the library is older "
                          "than the bindings")
    return cdll


def _check_layout(cdll):
    """ImportError when a versioned config struct of the library differs in size from the
    one generated here (bindings and library from different builds): the library accepts
    exactly our size and refuses one byte more."""
    for struct, default in VERSIONED:
        size = ctypes.sizeof(struct)
        buf = ctypes.cast((ctypes.c_uint8 * (size + 1))(), ctypes.POINTER(struct))
        fn = getattr(cdll, default)
        if fn(buf, size) != 0 or fn(buf, size + 1) == 0:
            raise ImportError(f"{LIBRARY_PATH}: {struct.__name__} differs in size from the "
                              f"bindings' {size} bytes: rebuild the library or regenerate "
                              "the bindings (scripts/gen-header.sh)")


lib, LIBRARY_PATH = load_library()
_bind(lib)
_check_layout(lib)
'''


def doc_text(lines):
    """Joins doc-comment lines into paragraphs separated by blank lines."""
    paragraphs, current = [], []
    for line in lines + [""]:
        if line:
            current.append(line)
        elif current:
            paragraphs.append(" ".join(current))
            current = []
    return "\n\n".join(paragraphs)


def docstring(lines, indent):
    """A triple-quoted docstring for doc-comment lines (escaped; fails on quotes that
    would end it)."""
    text = doc_text(lines).replace("\\", "\\\\")
    if '"""' in text or text.endswith('"'):
        raise cheader.HeaderError(f"doc comment cannot be a docstring: {text!r}")
    if "\n" not in text and len(text) + len(indent) + 6 <= 92:
        return f'{indent}"""{text}"""'
    body = "\n".join((indent + line) if line else "" for line in text.split("\n"))
    return f'{indent}"""\n{body}\n{indent}"""'


def comment(lines, indent):
    """Doc-comment lines as Python comment lines."""
    return [f"{indent}# {line}".rstrip() for line in lines]


def ctypes_of(ctype, header):
    """The ctypes expression for a C type (scalars, typedef names, pointers)."""
    if ctype.pointers == 0:
        if ctype.base in cheader.SCALARS:
            expr = cheader.SCALARS[ctype.base]
            if expr is None:
                raise cheader.HeaderError(f"void used as a value type: {ctype}")
            return expr
        return ctype.base
    if ctype.pointers == 1 and ctype.base == "void":
        return "ctypes.c_void_p"
    if ctype.pointers == 1 and ctype.base == "char" and ctype.const:
        return "ctypes.c_char_p"
    inner = cheader.CType(ctype.base, ctype.const, ctype.pointers - 1, ctype.const_pointers[:-1])
    return f"ctypes.POINTER({ctypes_of(inner, header)})"


def restype_of(ctype, header):
    """The ctypes restype of a return type (None for void)."""
    if ctype.pointers == 0 and ctype.base == "void":
        return "None"
    return ctypes_of(ctype, header)


def field_type(f, header):
    """The ctypes type of a struct member, arrays included (`char a[A][B]` is
    `(c_char * B) * A`)."""
    expr = ctypes_of(f.ctype, header)
    for i, dim in enumerate(reversed(f.dims)):
        expr = f"{expr} * {dim}" if i == 0 else f"({expr}) * {dim}"
    return expr


def c_prototype(fn):
    """The C prototype of a function, on one line."""
    params = ", ".join(f"{p.ctype} {p.name}" if not str(p.ctype).endswith("*")
                       else f"{p.ctype}{p.name}" for p in fn.params) or "void"
    ret = str(fn.ret)
    return f"{ret}{'' if ret.endswith('*') else ' '}{fn.name}({params})"


def emit_struct(s, header, out):
    """Appends the ctypes class of struct `s` to the lines `out`."""
    out.append(f"class {s.name}(ctypes.Structure):")
    out.append(docstring(s.doc, "    "))
    out.append("")
    out.append("    _fields_ = [")
    for f in s.fields:
        out.append(f"        ({f.name!r}, {field_type(f, header)}),")
    out.append("    ]")
    out.append("    _field_docs_ = {")
    for f in s.fields:
        out.append(f"        {f.name!r}: {doc_text(f.doc)!r},")
    out.append("    }")


def generate(header):
    """The text of _ffi.py for a parsed header."""
    out = [
        '"""ctypes declarations of libpjsua2rs, generated from include/pjsua2rs.h by',
        "bindings/python/gen_ffi.py. Do not edit: run scripts/gen-header.sh.",
        "",
        "`lib` is the loaded library with restype/argtypes set on every function.",
        '"""',
        "import ctypes",
        "import ctypes.util",
        "import os",
        "import sys",
        "",
        "# Constants",
    ]
    for c in header.constants:
        out.append("")
        out.extend(comment(c.doc, ""))
        out.append(f"{c.name} = {c.value}")
    out.extend(["", "", "# Types"])
    for t in header.types:
        out.extend(["", ""])
        if isinstance(t, cheader.Struct):
            emit_struct(t, header, out)
        elif isinstance(t, cheader.Alias):
            out.extend(comment(t.doc, ""))
            out.append(f"{t.name} = {ctypes_of(t.ctype, header)}")
        else:
            out.extend(comment(t.doc, ""))
            args = ", ".join([restype_of(t.ret, header)]
                             + [ctypes_of(p.ctype, header) for p in t.params])
            out.append(f"{t.name} = ctypes.CFUNCTYPE({args})")
    out.extend(["", "", "# (name, restype, argtypes) of every function, in header order.",
                "PROTOTYPES = ["])
    for fn in header.functions:
        out.extend(comment(fn.doc, "    "))
        out.append(f"    # {c_prototype(fn)}")
        args = "".join(f"{ctypes_of(p.ctype, header)}, " for p in fn.params).rstrip(" ")
        out.append(f"    ({fn.name!r}, {restype_of(fn.ret, header)}, ({args})),")
    out.append("]")
    out.extend(["", "# Config structs that start with `struct_size`, with their `_default` function.",
                "VERSIONED = ["])
    for t in header.types:
        default = f"{t.name}_default"
        if isinstance(t, cheader.Struct) and t.fields[0].name == "struct_size":
            if header.function(default) is None:
                raise cheader.HeaderError(f"{t.name} has struct_size but no {default}()")
            out.append(f"    ({t.name}, {default!r}),")
    out.append("]")
    out.append("")
    out.append(LOADER.rstrip("\n"))
    return "\n".join(out) + "\n"


def main(argv):
    """Command line: gen_ffi.py HEADER OUT."""
    if len(argv) != 3:
        sys.exit("usage: gen_ffi.py include/pjsua2rs.h bindings/python/pjsua2rs/_ffi.py")
    try:
        text = generate(cheader.read_header(argv[1]))
    except cheader.HeaderError as e:
        sys.exit(f"gen_ffi.py: {e}")
    with open(argv[2], "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


if __name__ == "__main__":
    main(sys.argv)
