"""A focused parser for include/pjsua2rs.h, the cbindgen output of pjsua2rs.

It understands exactly what cbindgen writes for this crate: doc comments (`/** ... */`),
`#define NAME <integer expression>`, `typedef <type> NAME;`, function-pointer typedefs,
`typedef struct { <fields> } NAME;` and one-line function prototypes, plus the fixed
boilerplate (include guard, system includes, the `extern "C"` block). Anything else is a
`HeaderError` naming the line, so a new kind of declaration cannot slip through unnoticed.

Used by gen_ffi.py (Python ctypes) and bindings/cpp/gen_cpp.py (C++ config classes).
"""
import ast
import re
from dataclasses import dataclass, field
from typing import List, Optional, Tuple

# Scalar C types cbindgen may use, with their ctypes names.
SCALARS = {
    "void": None,
    "bool": "ctypes.c_bool",
    "char": "ctypes.c_char",
    "int": "ctypes.c_int",
    "unsigned int": "ctypes.c_uint",
    "float": "ctypes.c_float",
    "double": "ctypes.c_double",
    "int8_t": "ctypes.c_int8",
    "uint8_t": "ctypes.c_uint8",
    "int16_t": "ctypes.c_int16",
    "uint16_t": "ctypes.c_uint16",
    "int32_t": "ctypes.c_int32",
    "uint32_t": "ctypes.c_uint32",
    "int64_t": "ctypes.c_int64",
    "uint64_t": "ctypes.c_uint64",
    "size_t": "ctypes.c_size_t",
}

# Lines that are boilerplate, recognised exactly and skipped.
BOILERPLATE = {
    "#ifndef PJSUA2RS_H",
    "#define PJSUA2RS_H",
    "#endif  /* PJSUA2RS_H */",
    "#include <stdint.h>",
    "#include <stddef.h>",
    "#include <stdbool.h>",
    "#ifdef __cplusplus",
    'extern "C" {',
    "#endif // __cplusplus",
    "#endif  // __cplusplus",
    '}  // extern "C"',
}

IDENT = r"[A-Za-z_]\w*"


class HeaderError(Exception):
    """The header holds something this parser does not understand."""


@dataclass(frozen=True)
class CType:
    """A C type: a base name, its constness and a pointer depth."""

    base: str
    const: bool = False
    pointers: int = 0
    # Whether each pointer level is itself const (`char *const *`), outermost last.
    const_pointers: Tuple[bool, ...] = ()

    def __str__(self):
        text = ("const " if self.const else "") + self.base
        for is_const in self.const_pointers:
            text += " *const" if is_const else " *"
        return text


@dataclass
class Constant:
    """`#define NAME value`: an integer constant."""

    name: str
    value: int
    expr: str
    doc: List[str]


@dataclass
class Field:
    """A struct member: `type name[dim]...;`. Dims are integers or constant names."""

    name: str
    ctype: CType
    dims: List[str]
    doc: List[str]


@dataclass
class Struct:
    """`typedef struct { ... } NAME;`."""

    name: str
    fields: List[Field]
    doc: List[str]

    def field(self, name):
        """The member called `name`, or None."""
        return next((f for f in self.fields if f.name == name), None)


@dataclass
class Alias:
    """`typedef type NAME;`."""

    name: str
    ctype: CType
    doc: List[str]


@dataclass
class Param:
    """A function parameter."""

    name: str
    ctype: CType


@dataclass
class FuncPtr:
    """`typedef ret (*NAME)(params);`."""

    name: str
    ret: CType
    params: List[Param]
    doc: List[str]


@dataclass
class Function:
    """A function prototype `ret name(params);`."""

    name: str
    ret: CType
    params: List[Param]
    doc: List[str]


@dataclass
class Header:
    """Everything the header declares, each list in header order."""

    constants: List[Constant] = field(default_factory=list)
    types: list = field(default_factory=list)  # Alias, Struct, FuncPtr in order
    functions: List[Function] = field(default_factory=list)

    def constant(self, name):
        """The value of constant `name`, or a HeaderError."""
        for c in self.constants:
            if c.name == name:
                return c.value
        raise HeaderError(f"no constant {name}")

    def struct(self, name):
        """The struct called `name`, or a HeaderError."""
        for t in self.types:
            if isinstance(t, Struct) and t.name == name:
                return t
        raise HeaderError(f"no struct {name}")

    def function(self, name):
        """The function called `name`, or None."""
        return next((f for f in self.functions if f.name == name), None)


def parse_type(text, known, where):
    """Parses a C type such as `const char *const *`; `known` holds the typedef names."""
    tokens = re.findall(r"\*|" + IDENT, text)
    if "".join(tokens) != re.sub(r"\s+", "", text):
        raise HeaderError(f"{where}: cannot parse type {text!r}")
    const = False
    if tokens and tokens[0] == "const":
        const = True
        tokens = tokens[1:]
    base_tokens = []
    while tokens and tokens[0] not in ("*", "const"):
        base_tokens.append(tokens.pop(0))
    base = " ".join(base_tokens)
    if base not in SCALARS and base not in known:
        raise HeaderError(f"{where}: unknown type {base!r}")
    const_pointers = []
    while tokens:
        if tokens.pop(0) != "*":
            raise HeaderError(f"{where}: cannot parse type {text!r}")
        is_const = bool(tokens) and tokens[0] == "const"
        if is_const:
            tokens.pop(0)
        const_pointers.append(is_const)
    return CType(base, const, len(const_pointers), tuple(const_pointers))


def split_decl(text, where):
    """Splits `type name[dims]` into (type text, name, [dims])."""
    m = re.fullmatch(r"(.*?[\s*])(" + IDENT + r")((?:\[[^\]]+\])*)", text.strip())
    if not m:
        raise HeaderError(f"{where}: cannot parse declaration {text!r}")
    dims = re.findall(r"\[([^\]]+)\]", m.group(3))
    return m.group(1), m.group(2), [d.strip() for d in dims]


def parse_params(text, known, where):
    """Parses a parameter list; `void` or nothing is no parameters."""
    text = text.strip()
    if text in ("", "void"):
        return []
    if "(" in text:
        raise HeaderError(f"{where}: function-pointer parameters are not supported")
    params = []
    for part in text.split(","):
        type_text, name, dims = split_decl(part, where)
        if dims:
            raise HeaderError(f"{where}: array parameter {name}")
        params.append(Param(name, parse_type(type_text, known, where)))
    return params


def eval_int(expr, constants, where):
    """Evaluates an integer #define value: literals, earlier constants, << >> | & + - ~."""
    ops = {
        ast.LShift: lambda a, b: a << b,
        ast.RShift: lambda a, b: a >> b,
        ast.BitOr: lambda a, b: a | b,
        ast.BitAnd: lambda a, b: a & b,
        ast.Add: lambda a, b: a + b,
        ast.Sub: lambda a, b: a - b,
        ast.Mult: lambda a, b: a * b,
    }

    def ev(node):
        if isinstance(node, ast.Constant) and type(node.value) is int:
            return node.value
        if isinstance(node, ast.Name) and node.id in constants:
            return constants[node.id]
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.Invert)):
            v = ev(node.operand)
            return -v if isinstance(node.op, ast.USub) else ~v
        if isinstance(node, ast.BinOp) and type(node.op) in ops:
            return ops[type(node.op)](ev(node.left), ev(node.right))
        raise HeaderError(f"{where}: unsupported #define value {expr!r}")

    try:
        tree = ast.parse(expr, mode="eval")
    except SyntaxError:
        raise HeaderError(f"{where}: unsupported #define value {expr!r}") from None
    return ev(tree.body)


class _Lines:
    """The header's lines with a cursor, for error messages with line numbers."""

    def __init__(self, text, path):
        self.lines = text.split("\n")
        self.path = path
        self.i = 0

    def where(self):
        return f"{self.path}:{self.i}"

    def next(self):
        if self.i >= len(self.lines):
            raise HeaderError(f"{self.path}: unexpected end of file")
        line = self.lines[self.i]
        self.i += 1
        return line

    def done(self):
        return self.i >= len(self.lines)


def _read_doc(lines):
    """Reads a `/** ... */` block whose opening line was just consumed."""
    doc = []
    while True:
        line = lines.next().strip()
        if line == "*/":
            return doc
        if line == "*":
            doc.append("")
        elif line.startswith("* "):
            doc.append(line[2:].rstrip())
        else:
            raise HeaderError(f"{lines.where()}: unexpected line in doc comment: {line!r}")


def _skip_comment(lines, first):
    """Skips a plain `/* ... */` comment starting on line `first`."""
    line = first
    while "*/" not in line:
        line = lines.next()


def _read_struct(lines, doc, known, header):
    """Reads the members of `typedef struct {` up to `} NAME;`."""
    fields = []
    field_doc = []
    while True:
        raw = lines.next()
        line = raw.strip()
        if line == "/**":
            field_doc = _read_doc(lines)
            continue
        m = re.fullmatch(r"\}\s*(" + IDENT + r");", line)
        if m:
            if not fields:
                raise HeaderError(f"{lines.where()}: empty struct {m.group(1)}")
            return Struct(m.group(1), fields, doc)
        if not line.endswith(";"):
            raise HeaderError(f"{lines.where()}: unexpected line in struct: {line!r}")
        type_text, name, dims = split_decl(line[:-1], lines.where())
        for d in dims:
            if not d.isdigit() and d not in {c.name for c in header.constants}:
                raise HeaderError(f"{lines.where()}: unknown array size {d!r}")
        if any(f.name == name for f in fields):
            raise HeaderError(f"{lines.where()}: duplicate member {name}")
        fields.append(Field(name, parse_type(type_text, known, lines.where()), dims, field_doc))
        field_doc = []


def parse_header(text, path="pjsua2rs.h"):
    """Parses the header text into a `Header`; raises HeaderError on anything unknown."""
    header = Header()
    lines = _Lines(text, path)
    known = set()  # typedef names declared so far
    values = {}  # constant values so far
    doc = []

    def declare(name):
        if name in known or name in SCALARS:
            raise HeaderError(f"{lines.where()}: {name} declared twice")
        known.add(name)

    while not lines.done():
        line = lines.next().rstrip()
        stripped = line.strip()
        if not stripped or stripped in BOILERPLATE:
            continue
        if stripped == "/**":
            doc = _read_doc(lines)
            continue
        if stripped.startswith("/*"):
            _skip_comment(lines, stripped)
            continue
        m = re.fullmatch(r"#define (" + IDENT + r")\s+(.+)", stripped)
        if m:
            name, expr = m.group(1), m.group(2).strip()
            if name in values:
                raise HeaderError(f"{lines.where()}: {name} defined twice")
            values[name] = eval_int(expr, values, lines.where())
            header.constants.append(Constant(name, values[name], expr, doc))
        elif stripped == "typedef struct {":
            struct = _read_struct(lines, doc, known, header)
            declare(struct.name)
            header.types.append(struct)
        elif (m := re.fullmatch(r"typedef (.+?)\s*\(\*(" + IDENT + r")\)\((.*)\);", stripped)):
            ret = parse_type(m.group(1), known, lines.where())
            params = parse_params(m.group(3), known, lines.where())
            declare(m.group(2))
            header.types.append(FuncPtr(m.group(2), ret, params, doc))
        elif stripped.startswith("typedef "):
            type_text, name, dims = split_decl(stripped[len("typedef "):-1], lines.where())
            if dims or not stripped.endswith(";"):
                raise HeaderError(f"{lines.where()}: unsupported typedef {stripped!r}")
            ctype = parse_type(type_text, known, lines.where())
            declare(name)
            header.types.append(Alias(name, ctype, doc))
        elif (m := re.fullmatch(r"(.+?[\s*])(" + IDENT + r")\((.*)\);", stripped)):
            name = m.group(2)
            if header.function(name) is not None:
                raise HeaderError(f"{lines.where()}: function {name} declared twice")
            ret = parse_type(m.group(1), known, lines.where())
            params = parse_params(m.group(3), known, lines.where())
            header.functions.append(Function(name, ret, params, doc))
        else:
            raise HeaderError(f"{lines.where()}: unsupported line: {stripped!r}")
        doc = []
    if not header.functions or not header.types:
        raise HeaderError(f"{path}: no declarations found")
    return header


def read_header(path):
    """Parses the header file at `path`."""
    with open(path, encoding="utf-8") as f:
        return parse_header(f.read(), path)


def find_type(header, name) -> Optional[object]:
    """The Alias, Struct or FuncPtr called `name`, or None."""
    return next((t for t in header.types if t.name == name), None)
