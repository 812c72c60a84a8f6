#!/usr/bin/env python3
"""Generates the mechanical part of the C++ binding from the C header.

Usage: gen_cpp.py include/pjsua2rs.h OUT_DIR

Writes OUT_DIR/pjsua2rs_enums.hpp (PJSUA2's global constants, e.g. PJSIP_TRANSPORT_UDP,
with the header's values) and OUT_DIR/pjsua2rs_config.hpp (PJSUA2's config classes in
namespace pj: std::string / std::vector members with PJSUA2's names, defaults from the C
`_default()` functions, fromPj/toPj conversions, readObject/writeObject through the C JSON
functions). The names come from bindings/python/pjsua2rs/_names.py, shared with the Python
binding; the header parser is bindings/python/cheader.py. Output is deterministic.
"""
import importlib.util
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PYTHON = os.path.join(HERE, os.pardir, "python")
sys.path.insert(0, PYTHON)
import cheader  # noqa: E402


def _load_names():
    # Loaded by path: importing the pjsua2rs package would load the library.
    spec = importlib.util.spec_from_file_location(
        "pjsua2rs_names", os.path.join(PYTHON, "pjsua2rs", "_names.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


names = _load_names()

# C scalar types -> C++ member types (PJSUA2 uses unsigned/int/bool).
CPP_SCALARS = {"uint32_t": "unsigned", "unsigned int": "unsigned", "int32_t": "int",
               "int": "int", "bool": "bool", "uint8_t": "uint8_t"}

# Members PJSUA2 adds to some classes by hand: (declarations inside the class).
EXTRAS = {
    "AuthCredInfo": [
        "/** A credential from its parts (PJSUA2's constructor). */",
        "AuthCredInfo(const string &param_scheme, const string &param_realm,",
        "             const string &param_user_name, const int param_data_type,",
        "             const string param_data)",
        "    : AuthCredInfo() {",
        "    scheme = param_scheme;",
        "    realm = param_realm;",
        "    username = param_user_name;",
        "    dataType = param_data_type;",
        "    data = param_data;",
        "}",
    ],
    "SockOpt": [
        "/** Sets an int option value (PJSUA2's `setOptValInt`). */",
        "void setOptValInt(int opt_val) {",
        "    optVal = opt_val;",
        "    optLen = static_cast<int>(sizeof(int));",
        "}",
    ],
}

HEAD = """/*
 * {what}
 * Generated from include/pjsua2rs.h by bindings/cpp/gen_cpp.py. Do not edit: run
 * scripts/gen-header.sh. Included by pjsua2rs.hpp.
 */"""


def doc(lines, indent):
    """A /** */ comment (one line when short)."""
    text = " ".join(line for line in lines if line)
    if len(text) + len(indent) + 7 <= 92:
        return [f"{indent}/** {text} */"]
    out, line = [f"{indent}/**"], ""
    for word in text.split():
        if line and len(indent) + 3 + len(line) + 1 + len(word) > 92:
            out.append(f"{indent} * {line}")
            line = word
        else:
            line = f"{line} {word}" if line else word
    out.append(f"{indent} * {line}")
    out.append(f"{indent} */")
    return out


def value_of(source, header):
    """A constant's value: a number, or the value of the header constant it names."""
    return source if isinstance(source, int) else header.constant(source)


def generate_enums(header):
    """The text of pjsua2rs_enums.hpp."""
    out = [HEAD.format(what="PJSUA2's global constants (PJSIP's C enums) with pjsua2rs's "
                            "values."),
           "#ifndef PJSUA2RS_ENUMS_HPP", "#define PJSUA2RS_ENUMS_HPP", ""]
    for group, items in names.ENUMS:
        if group == "pj::":
            continue
        out.append(f"/** {group or 'PJSIP constants'}. */")
        out.append(f"enum {group} {{" if group else "enum {")
        for name, source in items:
            out.append(f"    {name} = {value_of(source, header)},")
        out.append("};")
        out.append("")
    out.append("namespace pj {")
    for group, items in names.ENUMS:
        if group == "pj::":
            out.append("/** PJSUA2's constants in namespace pj. */")
            out.append("enum {")
            for name, source in items:
                out.append(f"    {name} = {value_of(source, header)},")
            out.append("};")
    out.append("} // namespace pj")
    out.append("")
    out.append("#endif /* PJSUA2RS_ENUMS_HPP */")
    return "\n".join(out) + "\n"


class Member:
    """One C field as a C++ member: its declaration and its conversions."""

    def __init__(self, struct, field, header, classes):
        self.c = field.name
        self.name = names.pjsua2_field_name(struct.name, field.name)
        self.label = f"{classes[struct.name]}.{self.name}"
        self.doc = field.doc
        base = field.ctype.base
        dims = field.dims
        if (struct.name, field.name) == names.LOG_WRITER_FIELD:
            self.kind, self.type = "writer", "LogWriter *"
        elif base in classes and not dims:
            self.kind, self.type = "nested", classes[base]
        elif base == "char" and len(dims) == 1:
            self.kind, self.type = "string", "string"
        elif dims:
            if f"{field.name}_count" not in {f.name for f in struct.fields}:
                raise cheader.HeaderError(f"{struct.name}.{field.name}: array without count")
            elem = "char" if base == "char" else base
            self.kind = "vector"
            self.type = names.VECTOR_CLASSES[elem]
            self.elem = ("string" if base == "char"
                         else "int" if base in CPP_SCALARS else classes[base])
        elif base in CPP_SCALARS and field.ctype.pointers == 0:
            self.kind, self.type = "scalar", CPP_SCALARS[base]
        else:
            raise cheader.HeaderError(f"{struct.name}.{field.name}: unsupported type "
                                      f"{field.ctype}")

    def declaration(self):
        """The C++ member declaration."""
        init = " = nullptr" if self.kind == "writer" else ""
        sep = "" if self.type.endswith("*") else " "
        return f"{self.type}{sep}{self.name}{init};"

    def from_pj(self):
        """The statement setting the member from C struct `c` (None: not converted)."""
        c, n = f"c.{self.c}", self.name
        if self.kind == "scalar":
            return f"{n} = {c};"
        if self.kind == "string":
            return f"{n} = detail::fromC({c});"
        if self.kind == "nested":
            return f"{n}.fromPj({c});"
        if self.kind == "vector":
            fn = {"string": "fromStrings", "int": "fromInts"}.get(
                self.elem, f"fromStructs<{self.elem}>")
            return f"{n} = detail::{fn}({c}, {c}_count);"
        return None  # the writer is the Endpoint's business

    def to_pj(self):
        """The statement writing the member into C struct `c` (None: not converted)."""
        c, n = f"c.{self.c}", self.name
        if self.kind == "scalar":
            return f"{c} = {n};"
        if self.kind == "string":
            return f'detail::toC({c}, {n}, "{self.label}");'
        if self.kind == "nested":
            return f"{n}.toPj({c});"
        if self.kind == "vector":
            fn = {"string": "toStrings", "int": "toInts"}.get(self.elem, "toStructs")
            return f'detail::{fn}({c}, {c}_count, {n}, "{self.label}");'
        return None


def emit_class(struct, header, classes, out):
    """Appends the C++ class of config struct `struct` (and its vector typedef) to `out`."""
    cls = classes[struct.name]
    ctype = f"pjsua2rs_c::{struct.name}"
    suffix = struct.name[len("pjsua2rs_"):]
    members = []
    for f in struct.fields:
        counted = f.name.endswith("_count") and struct.field(f.name[:-len("_count")])
        if f.name in names.HIDDEN_FIELDS or counted:
            continue
        members.append(Member(struct, f, header, classes))
    out.extend(doc(struct.doc, ""))
    out.append(f"struct {cls} : public PersistentObject {{")
    out.append("    /** The C struct this class converts to and from. */")
    out.append(f"    typedef {ctype} CStruct;")
    out.append("")
    for m in members:
        out.extend(doc(m.doc, "    "))
        out.append(f"    {m.declaration()}")
    out.append("")
    out.append("    /** PJSUA2's defaults, from the library. */")
    out.append(f"    {cls}() {{")
    out.append("        std::unique_ptr<CStruct> c(new CStruct());")
    out.append(f"        detail::check(pjsua2rs_c::{struct.name}_default(c.get(), sizeof(CStruct)));")
    out.append("        fromPj(*c);")
    out.append("    }")
    for line in EXTRAS.get(cls, []):
        out.append(f"    {line}")
    out.append("    /** Sets the members from the C struct. */")
    out.append("    void fromPj(const CStruct &c) {")
    for m in members:
        if m.from_pj():
            out.append(f"        {m.from_pj()}")
    out.append("    }")
    out.append("    /** Writes the members into the C struct; Error when a string or a list")
    out.append("     *  does not fit. */")
    out.append("    void toPj(CStruct &c) const {")
    if struct.fields[0].name == "struct_size":
        out.append("        c.struct_size = sizeof c;")
    for m in members:
        if m.to_pj():
            out.append(f"        {m.to_pj()}")
    out.append("    }")
    for direction, const, sig in (("read", "", "const ContainerNode &node"),
                                  ("write", " const", "ContainerNode &node")):
        fn = f"pjsua2rs_json_doc_{direction}_{suffix}"
        out.append(f"    /** {direction.capitalize()}s this config "
                   f"{'from' if direction == 'read' else 'to'} a JSON container. */")
        out.append(f"    void {direction}Object({sig}){const} PJSUA2_THROW(Error) override {{")
        if header.function(fn) is None:
            out.append("        (void)node;")
            out.append(f'        throw Error(PJ_ENOTSUP, "{cls}::{direction}Object()",')
            out.append('                    "the C ABI saves and loads only EpConfig, '
                       'TransportConfig, "')
            out.append('                    "AccountConfig and BuddyConfig", "", 0);')
        else:
            out.append("        std::unique_ptr<CStruct> c(new CStruct());")
            out.append("        toPj(*c);")
            out.append("        detail::check(")
            out.append(f"            pjsua2rs_c::{fn}(node.docHandle(), node.nodeId(), c.get()));")
            if direction == "read":
                out.append("        fromPj(*c);")
        out.append("    }")
    out.append("};")
    vector = names.VECTOR_CLASSES.get(struct.name)
    if vector:
        out.append(f"/** A list of {cls} (PJSUA2's `{vector}`). */")
        out.append(f"typedef std::vector<{cls}> {vector};")
    out.append("")


def generate_config(header):
    """The text of pjsua2rs_config.hpp."""
    classes = dict(names.CLASSES)
    out = [HEAD.format(what="PJSUA2's config classes on the pjsua2rs C structs."),
           "#ifndef PJSUA2RS_CONFIG_HPP", "#define PJSUA2RS_CONFIG_HPP", "",
           "namespace pj {", ""]
    for struct_name, _ in names.CLASSES:
        emit_class(header.struct(struct_name), header, classes, out)
    out.append("} // namespace pj")
    out.append("")
    out.append("#endif /* PJSUA2RS_CONFIG_HPP */")
    return "\n".join(out) + "\n"


def main(argv):
    """Command line: gen_cpp.py HEADER OUT_DIR."""
    if len(argv) != 3:
        sys.exit("usage: gen_cpp.py include/pjsua2rs.h OUT_DIR")
    try:
        header = cheader.read_header(argv[1])
        files = {"pjsua2rs_enums.hpp": generate_enums(header),
                 "pjsua2rs_config.hpp": generate_config(header)}
    except cheader.HeaderError as e:
        sys.exit(f"gen_cpp.py: {e}")
    for name, text in files.items():
        with open(os.path.join(argv[2], name), "w", encoding="utf-8", newline="\n") as f:
            f.write(text)


if __name__ == "__main__":
    main(sys.argv)
