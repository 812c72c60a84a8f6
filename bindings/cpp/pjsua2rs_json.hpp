/*
 * pjsua2rs_json.hpp: PJSUA2's PersistentDocument and JsonDocument on the pjsua2rs C ABI.
 * Included by pjsua2rs.hpp; do not include it alone.
 */
#ifndef PJSUA2RS_JSON_HPP
#define PJSUA2RS_JSON_HPP

namespace pj {

/** A document with one root container (PJSUA2's `PersistentDocument`); the read and write
 *  methods act on the root container. */
class PersistentDocument {
  public:
    virtual ~PersistentDocument() {}
    /** Loads the document from a file. */
    virtual void loadFile(const string &filename) PJSUA2_THROW(Error) = 0;
    /** Loads the document from a string. */
    virtual void loadString(const string &input) PJSUA2_THROW(Error) = 0;
    /** Writes the document to a file. */
    virtual void saveFile(const string &filename) PJSUA2_THROW(Error) = 0;
    /** Writes the document to a string. */
    virtual string saveString() PJSUA2_THROW(Error) = 0;
    /** The root container. */
    virtual ContainerNode &getRootContainer() const = 0;

    /** Whether the root has unread members. */
    bool hasUnread() const { return getRootContainer().hasUnread(); }
    /** The name of the root's next unread member. */
    string unreadName() const PJSUA2_THROW(Error) { return getRootContainer().unreadName(); }
    /** Reads an integer member of the root. */
    int readInt(const string &name = "") const PJSUA2_THROW(Error) {
        return getRootContainer().readInt(name);
    }
    /** Reads a number member of the root. */
    float readNumber(const string &name = "") const PJSUA2_THROW(Error) {
        return getRootContainer().readNumber(name);
    }
    /** Reads a bool member of the root. */
    bool readBool(const string &name = "") const PJSUA2_THROW(Error) {
        return getRootContainer().readBool(name);
    }
    /** Reads a string member of the root. */
    string readString(const string &name = "") const PJSUA2_THROW(Error) {
        return getRootContainer().readString(name);
    }
    /** Reads an array of strings of the root. */
    StringVector readStringVector(const string &name = "") const PJSUA2_THROW(Error) {
        return getRootContainer().readStringVector(name);
    }
    /** Reads `obj` from the root. */
    void readObject(PersistentObject &obj) const PJSUA2_THROW(Error) {
        getRootContainer().readObject(obj);
    }
    /** Reads an object member of the root. */
    ContainerNode readContainer(const string &name = "") const PJSUA2_THROW(Error) {
        return getRootContainer().readContainer(name);
    }
    /** Reads an array member of the root. */
    ContainerNode readArray(const string &name = "") const PJSUA2_THROW(Error) {
        return getRootContainer().readArray(name);
    }
    /** Appends a number member to the root. */
    void writeNumber(const string &name, float num) PJSUA2_THROW(Error) {
        getRootContainer().writeNumber(name, num);
    }
    /** Appends an integer member to the root. */
    void writeInt(const string &name, int num) PJSUA2_THROW(Error) {
        getRootContainer().writeInt(name, num);
    }
    /** Appends a bool member to the root. */
    void writeBool(const string &name, bool value) PJSUA2_THROW(Error) {
        getRootContainer().writeBool(name, value);
    }
    /** Appends a string member to the root. */
    void writeString(const string &name, const string &value) PJSUA2_THROW(Error) {
        getRootContainer().writeString(name, value);
    }
    /** Appends an array of strings to the root. */
    void writeStringVector(const string &name, const StringVector &arr) PJSUA2_THROW(Error) {
        getRootContainer().writeStringVector(name, arr);
    }
    /** Writes `obj` into the root. */
    void writeObject(const PersistentObject &obj) PJSUA2_THROW(Error) {
        getRootContainer().writeObject(obj);
    }
    /** Appends an empty object member to the root. */
    ContainerNode writeNewContainer(const string &name) PJSUA2_THROW(Error) {
        return getRootContainer().writeNewContainer(name);
    }
    /** Appends an empty array member to the root. */
    ContainerNode writeNewArray(const string &name) PJSUA2_THROW(Error) {
        return getRootContainer().writeNewArray(name);
    }
};

/** A JSON document in PJSUA2's format (PJSUA2's `JsonDocument`). Not copyable. */
class JsonDocument : public PersistentDocument {
  public:
    /** An empty document. */
    JsonDocument() {
        detail::check(pjsua2rs_c::pjsua2rs_json_doc_create(&doc_));
        root_ = ContainerNode(doc_, PJSUA2RS_JSON_ROOT);
    }
    /** Frees the document; its nodes are invalid afterwards. */
    ~JsonDocument() { pjsua2rs_c::pjsua2rs_json_doc_destroy(doc_); }
    JsonDocument(const JsonDocument &) = delete;
    JsonDocument &operator=(const JsonDocument &) = delete;

    /** Parses the file `filename` into the document. */
    void loadFile(const string &filename) PJSUA2_THROW(Error) override {
        detail::check(pjsua2rs_c::pjsua2rs_json_doc_load_file(doc_, filename.c_str()));
    }
    /** Parses the JSON text `input` into the document. */
    void loadString(const string &input) PJSUA2_THROW(Error) override {
        detail::check(pjsua2rs_c::pjsua2rs_json_doc_load_string(doc_, input.c_str()));
    }
    /** Writes the document to the file `filename`. */
    void saveFile(const string &filename) PJSUA2_THROW(Error) override {
        detail::check(pjsua2rs_c::pjsua2rs_json_doc_save_file(doc_, filename.c_str()));
    }
    /** The document as text, in PJSUA2's layout. */
    string saveString() PJSUA2_THROW(Error) override {
        return detail::readText(
            [this](char *b, size_t n, size_t *len) {
                return pjsua2rs_c::pjsua2rs_json_doc_save_string(doc_, b, n, len);
            },
            16384);
    }
    /** The root container. */
    ContainerNode &getRootContainer() const override { return root_; }

    /** pjsua2rs: the PJSUA2 release whose member layout later config writes use
     *  (PJSUA2RS_JSON_LAYOUT_LATEST, _2_15, _2_16, _2_17). */
    void setLayout(unsigned layout) PJSUA2_THROW(Error) {
        detail::check(pjsua2rs_c::pjsua2rs_json_doc_set_layout(doc_, layout));
    }

  private:
    pjsua2rs_c::pjsua2rs_json_doc doc_ = 0;
    mutable ContainerNode root_;
};

} // namespace pj

#endif /* PJSUA2RS_JSON_HPP */
