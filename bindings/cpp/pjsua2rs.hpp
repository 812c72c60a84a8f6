/*
 * pjsua2rs.hpp: PJSUA2's C++ API (namespace pj) on the pjsua2rs C ABI, header-only.
 *
 * A PJSUA2 C++ program compiles against it with only its include changed:
 *   #include <pjsua2.hpp>   ->   #include <pjsua2rs.hpp>
 * Link with -lpjsua2rs. Errors are thrown as pj::Error. The config classes and the global
 * PJSIP constants come from the generated pjsua2rs_config.hpp and pjsua2rs_enums.hpp
 * (bindings/cpp/gen_cpp.py; do not edit those).
 *
 * The C API is included inside namespace pjsua2rs_c, because some of its names
 * (TransportInfo, Version) are also PJSUA2 class names. Include this header instead of
 * pjsua2rs.h, not after it.
 */
#ifndef PJSUA2RS_HPP
#define PJSUA2RS_HPP

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cstring>
#include <memory>
#include <string>
#include <vector>

#ifdef PJSUA2RS_H
#error "include pjsua2rs.hpp instead of pjsua2rs.h (the C API then is in namespace pjsua2rs_c)"
#endif
namespace pjsua2rs_c {
#include "pjsua2rs.h"
}

/** PJSIP's status type. */
typedef int pj_status_t;
/** pjlib's 8-bit unsigned integer. */
typedef uint8_t pj_uint8_t;
/** pjlib's 16-bit unsigned integer. */
typedef uint16_t pj_uint16_t;
/** pjlib's 32-bit unsigned integer. */
typedef uint32_t pj_uint32_t;

#include "pjsua2rs_enums.hpp"

/** PJSUA2's exception specification macro (C++17: may throw). */
#ifndef PJSUA2_THROW
#define PJSUA2_THROW(x) noexcept(false)
#endif

/** pjlib's PJ_UNUSED_ARG, which PJSUA2 programs use in their callbacks. */
#ifndef PJ_UNUSED_ARG
#define PJ_UNUSED_ARG(arg) (void)arg
#endif

namespace pj {

using std::string;
using std::vector;

/** A transport id. */
typedef int TransportId;
/** A list of strings. */
typedef std::vector<std::string> StringVector;
/** A list of integers. */
typedef std::vector<int> IntVector;
/** An address as text, "host:port". */
typedef std::string SocketAddress;

/** A failed operation (PJSUA2's `Error`), thrown by every call that fails. */
struct Error {
    /** The status code (PJSIP's numbering). */
    pj_status_t status;
    /** The operation that failed. */
    string title;
    /** Why it failed; filled from the status code when empty. */
    string reason;
    /** The library source file that raised the error. */
    string srcFile;
    /** The line in srcFile. */
    int srcLine;

    /** No error (status 0). */
    Error() : status(0), srcLine(0) {}
    /** An error; an empty reason gets the status code's description. */
    Error(pj_status_t prm_status, const string &prm_title, const string &prm_reason,
          const string &prm_src_file, int prm_src_line);
    /** The error as text: "<title> error: <reason> (status=N) [file:line]", or Title,
     *  Code, Description and Location lines; "No error" for status 0. */
    string info(bool multi_line = false) const;
};

namespace detail {

/** The library's description of a status code. */
inline string strError(pj_status_t status) {
    char buf[512];
    if (pjsua2rs_c::pjsua2rs_strerror(status, buf, sizeof buf) != 0)
        return "Unknown error " + std::to_string(status);
    return buf;
}

/** Throws the calling thread's last Error when `status` is not success. */
inline void check(pjsua2rs_c::pjsua2rs_status status) {
    if (status == PJ_SUCCESS)
        return;
    pjsua2rs_c::pjsua2rs_error_info e;
    if (pjsua2rs_c::pjsua2rs_last_error(&e) != 0 || e.status != status)
        throw Error(status, "", "", "", 0);
    throw Error(e.status, e.title, e.reason, e.src_file, e.src_line);
}

/** A C string field as a std::string (up to its NUL or its size). */
template <size_t L> string fromC(const char (&s)[L]) {
    const void *nul = std::memchr(s, 0, L);
    return string(s, nul ? static_cast<size_t>(static_cast<const char *>(nul) - s) : L);
}

/** Copies `value` into a C string field; Error naming `label` when it does not fit or
 *  holds a NUL. */
template <size_t L> void toC(char (&dst)[L], const string &value, const char *label) {
    if (value.find('\0') != string::npos)
        throw Error(PJ_EINVAL, label, "the text contains a NUL character", "", 0);
    if (value.size() >= L)
        throw Error(PJ_ENAMETOOLONG, label,
                    std::to_string(value.size()) + " bytes, but the field holds at most " +
                        std::to_string(L - 1),
                    "", 0);
    std::memset(dst, 0, L);
    std::memcpy(dst, value.data(), value.size());
}

/** Error naming `label` when `n` elements do not fit in `cap`; else `n`. */
inline uint32_t checkCount(size_t n, size_t cap, const char *label) {
    if (n > cap)
        throw Error(PJ_ETOOMANY, label,
                    std::to_string(n) + " elements, but the field holds at most " +
                        std::to_string(cap),
                    "", 0);
    return static_cast<uint32_t>(n);
}

/** The first `count` strings of a C string array. */
template <size_t N, size_t L> StringVector fromStrings(const char (&src)[N][L], uint32_t count) {
    StringVector out;
    for (uint32_t i = 0; i < count && i < N; i++)
        out.push_back(fromC(src[i]));
    return out;
}

/** Copies strings into a C string array and its count. */
template <size_t N, size_t L>
void toStrings(char (&dst)[N][L], uint32_t &count, const StringVector &v, const char *label) {
    count = checkCount(v.size(), N, label);
    for (size_t i = 0; i < v.size(); i++)
        toC(dst[i], v[i], label);
}

/** The first `count` integers of a C array. */
template <typename T, size_t N> IntVector fromInts(const T (&src)[N], uint32_t count) {
    return IntVector(src, src + (count < N ? count : N));
}

/** Copies integers into a C array and its count. */
template <typename T, size_t N>
void toInts(T (&dst)[N], uint32_t &count, const IntVector &v, const char *label) {
    count = checkCount(v.size(), N, label);
    for (size_t i = 0; i < v.size(); i++)
        dst[i] = static_cast<T>(v[i]);
}

/** The first `count` structs of a C array as config objects of class E. */
template <typename E, typename C, size_t N>
std::vector<E> fromStructs(const C (&src)[N], uint32_t count) {
    std::vector<E> out;
    for (uint32_t i = 0; i < count && i < N; i++) {
        E item;
        item.fromPj(src[i]);
        out.push_back(item);
    }
    return out;
}

/** Copies config objects into a C struct array and its count. */
template <typename E, typename C, size_t N>
void toStructs(C (&dst)[N], uint32_t &count, const std::vector<E> &v, const char *label) {
    count = checkCount(v.size(), N, label);
    for (size_t i = 0; i < v.size(); i++)
        v[i].toPj(dst[i]);
}

/** Text from a C function that copies into a caller buffer and reports
 *  PJSUA2RS_ERR_NAME_TOO_LONG with the needed length; retried with a buffer that fits. */
template <typename F> string readText(F call, size_t size = 256) {
    for (;;) {
        std::vector<char> buf(size);
        size_t len = 0;
        pjsua2rs_c::pjsua2rs_status st = call(buf.data(), buf.size(), &len);
        if (st == PJSUA2RS_ERR_NAME_TOO_LONG && len >= size) {
            size = len + 1;
            continue;
        }
        check(st);
        return string(buf.data(), len);
    }
}

} // namespace detail

inline Error::Error(pj_status_t prm_status, const string &prm_title, const string &prm_reason,
                    const string &prm_src_file, int prm_src_line)
    : status(prm_status), title(prm_title), reason(prm_reason), srcFile(prm_src_file),
      srcLine(prm_src_line) {
    if (reason.empty() && status != PJ_SUCCESS)
        reason = detail::strError(status);
}

inline string Error::info(bool multi_line) const {
    if (status == PJ_SUCCESS)
        return "No error";
    string out;
    if (multi_line) {
        out = "Title:       " + title + "\nCode:        " + std::to_string(status) +
              "\nDescription: " + reason + "\n";
        if (!srcFile.empty())
            out += "Location:    " + srcFile + ":" + std::to_string(srcLine) + "\n";
        return out;
    }
    out = title;
    if (!reason.empty())
        out += (out.empty() ? "" : " error: ") + reason;
    out += " (status=" + std::to_string(status) + ")";
    if (!srcFile.empty())
        out += " [" + srcFile + ":" + std::to_string(srcLine) + "]";
    return out;
}

class ContainerNode;

/** An object that can be saved to and loaded from a document (PJSUA2's
 *  `PersistentObject`). */
class PersistentObject {
  public:
    virtual ~PersistentObject() {}
    /** Reads this object from a container node. */
    virtual void readObject(const ContainerNode &node) PJSUA2_THROW(Error) = 0;
    /** Writes this object to a container node. */
    virtual void writeObject(ContainerNode &node) const PJSUA2_THROW(Error) = 0;
};

/** An object or array in a JsonDocument (PJSUA2's `ContainerNode`). Reads take the next
 *  unread member (by name in objects, in order in arrays); writes append. The document
 *  must outlive its nodes. */
class ContainerNode {
  public:
    /** A node of document `doc` (pjsua2rs: the C handle and node id). */
    ContainerNode(pjsua2rs_c::pjsua2rs_json_doc doc = 0, uint32_t node = 0)
        : doc_(doc), node_(node) {}

    /** Whether members remain unread. */
    bool hasUnread() const {
        bool out = false;
        detail::check(pjsua2rs_c::pjsua2rs_json_doc_has_unread(doc_, node_, &out));
        return out;
    }
    /** The name of the next unread member ("" for array elements). */
    string unreadName() const PJSUA2_THROW(Error) {
        return detail::readText([this](char *b, size_t n, size_t *len) {
            return pjsua2rs_c::pjsua2rs_json_doc_unread_name(doc_, node_, b, n, len);
        });
    }
    /** Reads an integer member. */
    int readInt(const string &name = "") const PJSUA2_THROW(Error) {
        int32_t out = 0;
        detail::check(pjsua2rs_c::pjsua2rs_json_doc_read_int(doc_, node_, name.c_str(), &out));
        return out;
    }
    /** Reads a number member. */
    float readNumber(const string &name = "") const PJSUA2_THROW(Error) {
        float out = 0;
        detail::check(
            pjsua2rs_c::pjsua2rs_json_doc_read_number(doc_, node_, name.c_str(), &out));
        return out;
    }
    /** Reads a bool member. */
    bool readBool(const string &name = "") const PJSUA2_THROW(Error) {
        bool out = false;
        detail::check(pjsua2rs_c::pjsua2rs_json_doc_read_bool(doc_, node_, name.c_str(), &out));
        return out;
    }
    /** Reads a string member. */
    string readString(const string &name = "") const PJSUA2_THROW(Error) {
        return detail::readText([&](char *b, size_t n, size_t *len) {
            return pjsua2rs_c::pjsua2rs_json_doc_read_string(doc_, node_, name.c_str(), b, n,
                                                             len);
        });
    }
    /** Reads an array of strings. */
    StringVector readStringVector(const string &name = "") const PJSUA2_THROW(Error) {
        uint32_t vec = 0, count = 0;
        detail::check(pjsua2rs_c::pjsua2rs_json_doc_read_string_vector(
            doc_, node_, name.c_str(), &vec, &count));
        StringVector out;
        for (uint32_t i = 0; i < count; i++)
            out.push_back(detail::readText([&](char *b, size_t n, size_t *len) {
                return pjsua2rs_c::pjsua2rs_json_doc_string_at(doc_, vec, i, b, n, len);
            }));
        return out;
    }
    /** Reads `obj` from this container (obj.readObject(*this)). */
    void readObject(PersistentObject &obj) const PJSUA2_THROW(Error) { obj.readObject(*this); }
    /** Reads an object member. */
    ContainerNode readContainer(const string &name = "") const PJSUA2_THROW(Error) {
        return child(pjsua2rs_c::pjsua2rs_json_doc_read_container, name);
    }
    /** Reads an array member. */
    ContainerNode readArray(const string &name = "") const PJSUA2_THROW(Error) {
        return child(pjsua2rs_c::pjsua2rs_json_doc_read_array, name);
    }
    /** Appends a number member (a 32-bit float, as PJSUA2). */
    void writeNumber(const string &name, float num) PJSUA2_THROW(Error) {
        detail::check(pjsua2rs_c::pjsua2rs_json_doc_write_number(doc_, node_, name.c_str(), num));
    }
    /** Appends an integer member. */
    void writeInt(const string &name, int num) PJSUA2_THROW(Error) {
        detail::check(pjsua2rs_c::pjsua2rs_json_doc_write_int(doc_, node_, name.c_str(), num));
    }
    /** Appends a bool member. */
    void writeBool(const string &name, bool value) PJSUA2_THROW(Error) {
        detail::check(
            pjsua2rs_c::pjsua2rs_json_doc_write_bool(doc_, node_, name.c_str(), value));
    }
    /** Appends a string member. */
    void writeString(const string &name, const string &value) PJSUA2_THROW(Error) {
        detail::check(pjsua2rs_c::pjsua2rs_json_doc_write_string(doc_, node_, name.c_str(),
                                                                 value.c_str()));
    }
    /** Appends an array of strings. */
    void writeStringVector(const string &name, const StringVector &arr) PJSUA2_THROW(Error) {
        std::vector<const char *> ptrs;
        for (const string &s : arr)
            ptrs.push_back(s.c_str());
        detail::check(pjsua2rs_c::pjsua2rs_json_doc_write_string_vector(
            doc_, node_, name.c_str(), ptrs.data(), ptrs.size()));
    }
    /** Writes `obj` into this container (obj.writeObject(*this)). */
    void writeObject(const PersistentObject &obj) PJSUA2_THROW(Error) { obj.writeObject(*this); }
    /** Appends an empty object member and returns it. */
    ContainerNode writeNewContainer(const string &name) PJSUA2_THROW(Error) {
        return child(pjsua2rs_c::pjsua2rs_json_doc_write_new_container, name);
    }
    /** Appends an empty array member and returns it. */
    ContainerNode writeNewArray(const string &name) PJSUA2_THROW(Error) {
        return child(pjsua2rs_c::pjsua2rs_json_doc_write_new_array, name);
    }

    /** pjsua2rs: the document's C handle. */
    pjsua2rs_c::pjsua2rs_json_doc docHandle() const { return doc_; }
    /** pjsua2rs: this node's id in the document. */
    uint32_t nodeId() const { return node_; }

  private:
    template <typename F> ContainerNode child(F fn, const string &name) const {
        uint32_t out = 0;
        detail::check(fn(doc_, node_, name.c_str(), &out));
        return ContainerNode(doc_, out);
    }

    pjsua2rs_c::pjsua2rs_json_doc doc_;
    uint32_t node_;
};

/* PJSUA2's helpers for readObject/writeObject: the member's name is the JSON key. */
#define NODE_READ_BOOL(node, item) item = node.readBool(#item)
#define NODE_READ_UNSIGNED(node, item) item = (unsigned)node.readNumber(#item)
#define NODE_READ_INT(node, item) item = (int)node.readNumber(#item)
#define NODE_READ_FLOAT(node, item) item = node.readNumber(#item)
#define NODE_READ_NUM_T(node, T, item) item = (T)(int)node.readNumber(#item)
#define NODE_READ_STRING(node, item) item = node.readString(#item)
#define NODE_READ_STRINGV(node, item) item = node.readStringVector(#item)
#define NODE_READ_OBJ(node, item) node.readObject(item)
#define NODE_WRITE_BOOL(node, item) node.writeBool(#item, item)
#define NODE_WRITE_UNSIGNED(node, item) node.writeNumber(#item, (float)item)
#define NODE_WRITE_INT(node, item) node.writeNumber(#item, (float)item)
#define NODE_WRITE_NUM_T(node, T, item) node.writeNumber(#item, (float)item)
#define NODE_WRITE_FLOAT(node, item) node.writeNumber(#item, item)
#define NODE_WRITE_STRING(node, item) node.writeString(#item, item)
#define NODE_WRITE_STRINGV(node, item) node.writeStringVector(#item, item)
#define NODE_WRITE_OBJ(node, item) node.writeObject(item)

/** One log message (PJSUA2's `LogEntry`). */
struct LogEntry {
    /** The verbosity level (1 error ... 6 very detailed). */
    int level = 0;
    /** The message, decorated as LogConfig.decor asks. */
    string msg;
    /** The id of the thread that logged it. */
    long threadId = 0;
    /** The name of that thread. */
    string threadName;
};

/** Receives log messages (PJSUA2's `LogWriter`): set a `new` instance as
 *  EpConfig.logConfig.writer. As in PJSUA2, the Endpoint deletes it in libDestroy. write
 *  runs on the library's callback thread, or inside libHandleEvents in poll mode. */
class LogWriter {
  public:
    virtual ~LogWriter() {}
    /** Called for each message up to LogConfig.consoleLevel. */
    virtual void write(const LogEntry &entry) = 0;
};

} // namespace pj

#include "pjsua2rs_config.hpp"
#include "pjsua2rs_json.hpp"
#include "pjsua2rs_codec.hpp"
#include "pjsua2rs_media.hpp"
#include "pjsua2rs_endpoint.hpp"
#include "pjsua2rs_media_objects.hpp"
#include "pjsua2rs_media_port.hpp"
#include "pjsua2rs_account.hpp"
#include "pjsua2rs_call.hpp"

#endif /* PJSUA2RS_HPP */
