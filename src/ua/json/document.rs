//! `JsonDocument`: PJSUA2's JSON document and its container-node operations. A document
//! is a tree whose root is an object; containers are addressed by [`NodeId`] (the root
//! is [`PJSUA2RS_JSON_ROOT`]). Writes append members in order; reads take the next unread
//! member with the asked name, so reading in the order of writing gives the values back,
//! as in PJSUA2.

use super::parse::parse;
use super::persist::Persistent;
use super::tree::{child_path, Item, NodeId, Tree};
use super::write::to_string;
use crate::ua::status::{
    self, PJSUA2RS_ERR_INVALID_ARG, PJSUA2RS_ERR_INVALID_OP, PJSUA2RS_ERR_JSON,
};
use crate::ua::{Error, Result};
use std::path::Path;

/// The root container of every document (a node id).
pub const PJSUA2RS_JSON_ROOT: NodeId = 0;
/// A JSON layout value: the newest PJSUA2 member layout (the default).
pub const PJSUA2RS_JSON_LAYOUT_LATEST: u32 = 0;
/// A JSON layout value: the layout PJSUA2 2.15 reads and writes.
pub const PJSUA2RS_JSON_LAYOUT_2_15: u32 = 215;
/// A JSON layout value: the layout PJSUA2 2.16 reads and writes.
pub const PJSUA2RS_JSON_LAYOUT_2_16: u32 = 216;
/// A JSON layout value: the layout PJSUA2 2.17 reads and writes.
pub const PJSUA2RS_JSON_LAYOUT_2_17: u32 = 217;

/// Which PJSUA2 release's member layout config objects are written in. Releases add
/// members in the middle of objects and PJSUA2 reads members in order, so an older
/// PJSUA2 can only read the layout of its own release. Reading accepts every layout.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub enum JsonLayout {
    /// PJSUA2 2.15 (no confThreads, useSharedAuth, siprecUse, iceCheckSrcAddr,
    /// iceManualHost, subscribe_dlg_event...).
    V2_15,
    /// PJSUA2 2.16.
    V2_16,
    /// PJSUA2 2.17 (adds noRefersub).
    V2_17,
    /// The newest PJSUA2 (pjproject master): adds accServerAffinityDefault,
    /// siprecRequireLabel and siprecRequireMetadata. The default.
    #[default]
    Latest,
}

impl JsonLayout {
    /// The layout for a `PJSUA2RS_JSON_LAYOUT_*` value.
    pub fn from_c(v: u32) -> Result<Self> {
        Ok(match v {
            PJSUA2RS_JSON_LAYOUT_LATEST => JsonLayout::Latest,
            PJSUA2RS_JSON_LAYOUT_2_15 => JsonLayout::V2_15,
            PJSUA2RS_JSON_LAYOUT_2_16 => JsonLayout::V2_16,
            PJSUA2RS_JSON_LAYOUT_2_17 => JsonLayout::V2_17,
            _ => {
                return Err(Error::new(
                    PJSUA2RS_ERR_INVALID_ARG,
                    "",
                    format!("unknown JSON layout {v} (use 0, 215, 216 or 217)"),
                ))
            }
        })
    }
}

/// A JSON document in PJSUA2's format (PJSUA2 `JsonDocument` with its root
/// `ContainerNode`).
#[derive(Clone, Debug, Default)]
pub struct JsonDocument {
    pub(crate) tree: Tree,
    pub(crate) layout: JsonLayout,
    has_content: bool,
}

impl JsonDocument {
    /// An empty document: a root object with no members, written in the latest layout.
    pub fn new() -> Self {
        Self::default()
    }

    /// The layout config objects are written in.
    pub fn layout(&self) -> JsonLayout {
        self.layout
    }

    /// Sets the layout later `write_object` calls use.
    pub fn set_layout(&mut self, layout: JsonLayout) {
        self.layout = layout;
    }

    /// Parses `text` into this document. `INVALID_OP` if the document was already loaded
    /// or written to; `JSON` (with line and column) if the text is not a JSON object.
    pub fn load_string(&mut self, text: &str) -> Result<()> {
        if self.has_content {
            return Err(Error::new(
                PJSUA2RS_ERR_INVALID_OP,
                "",
                "the document already has content",
            ));
        }
        self.tree = parse(text)?;
        self.has_content = true;
        Ok(())
    }

    /// Reads and parses the file `path`; as [`JsonDocument::load_string`], plus
    /// `NOT_FOUND` or the OS error when the file cannot be read.
    pub fn load_file(&mut self, path: impl AsRef<Path>) -> Result<()> {
        let path = path.as_ref();
        let bytes = std::fs::read(path).map_err(|e| io_error(&e, path))?;
        let text = String::from_utf8(bytes).map_err(|_| {
            Error::new(
                PJSUA2RS_ERR_JSON,
                "",
                format!("{} is not valid UTF-8", path.display()),
            )
        })?;
        self.load_string(&text)
    }

    /// The document as PJSUA2 writes it.
    pub fn save_string(&self) -> String {
        to_string(&self.tree)
    }

    /// Writes the document to `path`, replacing the file.
    pub fn save_file(&self, path: impl AsRef<Path>) -> Result<()> {
        let path = path.as_ref();
        std::fs::write(path, self.save_string()).map_err(|e| io_error(&e, path))
    }

    /// Appends a number (a 32-bit float, as in PJSUA2); `INVALID_ARG` if not finite.
    pub fn write_number(&mut self, node: NodeId, name: &str, value: f32) -> Result<()> {
        if !value.is_finite() {
            return Err(Error::new(
                PJSUA2RS_ERR_INVALID_ARG,
                "",
                format!(
                    "{}: {value} is not a finite number",
                    self.member_path(node, name)
                ),
            ));
        }
        self.push(node, name, Item::Number(value as f64))
    }

    /// Appends an integer (written exactly).
    pub fn write_int(&mut self, node: NodeId, name: &str, value: i32) -> Result<()> {
        self.push(node, name, Item::Number(value as f64))
    }

    /// Appends a bool.
    pub fn write_bool(&mut self, node: NodeId, name: &str, value: bool) -> Result<()> {
        self.push(node, name, Item::Bool(value))
    }

    /// Appends a string.
    pub fn write_string(&mut self, node: NodeId, name: &str, value: &str) -> Result<()> {
        self.push(node, name, Item::String(value.to_string()))
    }

    /// Appends an array of strings (written inline).
    pub fn write_string_vector<S: AsRef<str>>(
        &mut self,
        node: NodeId,
        name: &str,
        values: &[S],
    ) -> Result<()> {
        let arr = self.write_new_array(node, name)?;
        for v in values {
            self.tree
                .push(arr, "", Item::String(v.as_ref().to_string()))?;
        }
        Ok(())
    }

    /// Appends an empty object and returns it.
    pub fn write_new_container(&mut self, node: NodeId, name: &str) -> Result<NodeId> {
        self.has_content = true;
        self.tree.push_node(node, name, false)
    }

    /// Appends an empty array and returns it. Members written into an array keep their
    /// names in memory (as in PJSUA2) but names are never saved; an array whose first
    /// member has no name is saved inline.
    pub fn write_new_array(&mut self, node: NodeId, name: &str) -> Result<NodeId> {
        self.has_content = true;
        self.tree.push_node(node, name, true)
    }

    /// Appends `object` (PJSUA2 `writeObject`): a config appends `"<Class>": {...}`.
    pub fn write_object(&mut self, node: NodeId, object: &dyn Persistent) -> Result<()> {
        self.tree.check(node)?;
        object.write_object(self, node)
    }

    /// Whether `node` has members not read yet.
    pub fn has_unread(&self, node: NodeId) -> Result<bool> {
        self.tree.check(node)?;
        Ok(self.tree.node(node).members.iter().any(|m| !m.read))
    }

    /// The name of the next unread member of `node` (empty for parsed array elements);
    /// `EOF` when all were read.
    pub fn unread_name(&self, node: NodeId) -> Result<&str> {
        let i = self.tree.expect_unread(node, "")?;
        Ok(&self.tree.member(node, i).name)
    }

    /// Reads the next unread member called `name` (any name when empty or in an array)
    /// as a number. `EOF` when nothing is left, `JSON` when it is missing or not a number.
    pub fn read_number(&mut self, node: NodeId, name: &str) -> Result<f32> {
        self.take(node, name, |item, tree, path| {
            number(item, tree, path).map(|n| n as f32)
        })
    }

    /// Reads a member as an integer; `JSON` unless it is a whole number in range.
    pub fn read_int(&mut self, node: NodeId, name: &str) -> Result<i32> {
        self.take(node, name, |item, tree, path| {
            to_i32(number(item, tree, path)?, path)
        })
    }

    /// Reads a member as a bool.
    pub fn read_bool(&mut self, node: NodeId, name: &str) -> Result<bool> {
        self.take(node, name, |item, tree, path| match item {
            Item::Bool(b) => Ok(*b),
            other => Err(type_error(path, "a bool", other, tree)),
        })
    }

    /// Reads a member as a string.
    pub fn read_string(&mut self, node: NodeId, name: &str) -> Result<String> {
        self.take(node, name, |item, tree, path| {
            string(item, tree, path).map(str::to_string)
        })
    }

    /// Reads a member as an array of strings.
    pub fn read_string_vector(&mut self, node: NodeId, name: &str) -> Result<Vec<String>> {
        let (arr, count) = self.read_string_vector_node(node, name)?;
        (0..count)
            .map(|i| self.string_at(arr, i).map(str::to_string))
            .collect()
    }

    /// Reads a member that is an array of strings; returns the array and its length.
    pub(crate) fn read_string_vector_node(
        &mut self,
        node: NodeId,
        name: &str,
    ) -> Result<(NodeId, u32)> {
        let arr = self.take(node, name, string_array)?;
        Ok((arr, self.tree.node(arr).members.len() as u32))
    }

    /// String `index` of array `arr` (`INVALID_ARG` when there is none).
    pub(crate) fn string_at(&self, arr: NodeId, index: u32) -> Result<&str> {
        self.tree.check(arr)?;
        let node = self.tree.node(arr);
        match node.members.get(index as usize).map(|m| &m.item) {
            Some(Item::String(s)) if node.is_array => Ok(s),
            _ => Err(Error::new(
                PJSUA2RS_ERR_INVALID_ARG,
                "",
                format!("node {arr} has no string at index {index}"),
            )),
        }
    }

    /// Reads a member as a string and hands it to `f`; the member is marked read only
    /// when `f` succeeds (so a C caller can retry with a larger buffer).
    pub(crate) fn take_string(
        &mut self,
        node: NodeId,
        name: &str,
        f: impl FnOnce(&str) -> Result<()>,
    ) -> Result<()> {
        self.take(node, name, |item, tree, path| f(string(item, tree, path)?))
    }

    /// Like `take_string`, but leaves the member unread (to learn its length first).
    pub(crate) fn peek_string(
        &mut self,
        node: NodeId,
        name: &str,
        f: impl FnOnce(&str) -> Result<()>,
    ) -> Result<()> {
        let i = self.tree.expect_unread(node, name)?;
        let path = self.index_path(node, i);
        f(string(&self.tree.member(node, i).item, &self.tree, &path)?)
    }

    /// Reads a member that is an object and returns it, for reading its members.
    pub fn read_container(&mut self, node: NodeId, name: &str) -> Result<NodeId> {
        self.take(node, name, |item, tree, path| {
            container(item, tree, path, false)
        })
    }

    /// Reads a member that is an array and returns it, for reading its elements.
    pub fn read_array(&mut self, node: NodeId, name: &str) -> Result<NodeId> {
        self.take(node, name, |item, tree, path| {
            container(item, tree, path, true)
        })
    }

    /// Reads `object` from `node` (PJSUA2 `readObject`): a config reads the next unread
    /// `"<Class>"` member. On error `object` is unchanged.
    pub fn read_object<T: Persistent + Clone>(
        &mut self,
        node: NodeId,
        object: &mut T,
    ) -> Result<()> {
        self.tree.check(node)?;
        let mut staged = object.clone();
        staged.read_object(self, node)?;
        *object = staged;
        Ok(())
    }

    /// Finds the next unread member `name` of `node`, runs `f` on it (with its path for
    /// errors), and marks it read only when `f` succeeds.
    pub(crate) fn take<T>(
        &mut self,
        node: NodeId,
        name: &str,
        f: impl FnOnce(&Item, &Tree, &str) -> Result<T>,
    ) -> Result<T> {
        let i = self.tree.expect_unread(node, name)?;
        let path = self.index_path(node, i);
        let value = f(&self.tree.member(node, i).item, &self.tree, &path)?;
        self.tree.mark_read(node, i);
        Ok(value)
    }

    /// The path of member `i` of `node`: "X.name" in objects, "X[i]" in arrays.
    pub(crate) fn index_path(&self, node: NodeId, i: usize) -> String {
        let n = self.tree.node(node);
        if n.is_array {
            format!("{}[{i}]", n.path)
        } else {
            child_path(&n.path, &n.members[i].name)
        }
    }

    fn member_path(&self, node: NodeId, name: &str) -> String {
        match self.tree.check(node) {
            Ok(()) => self.tree.member_path(node, name),
            Err(_) => name.to_string(),
        }
    }

    pub(crate) fn push(&mut self, node: NodeId, name: &str, item: Item) -> Result<()> {
        self.has_content = true;
        self.tree.push(node, name, item)
    }
}

fn io_error(e: &std::io::Error, path: &Path) -> Error {
    let status = if e.kind() == std::io::ErrorKind::NotFound {
        status::PJSUA2RS_ERR_NOT_FOUND
    } else {
        status::from_io_error(e)
    };
    Error::new(status, "", format!("{}: {e}", path.display()))
}

/// "<path>: expected <want>, got <what the item is>".
pub(crate) fn type_error(path: &str, want: &str, got: &Item, tree: &Tree) -> Error {
    Error::new(
        PJSUA2RS_ERR_JSON,
        "",
        format!("{path}: expected {want}, got {}", got.kind(tree)),
    )
}

/// The item as a number.
pub(crate) fn number(item: &Item, tree: &Tree, path: &str) -> Result<f64> {
    match item {
        Item::Number(n) => Ok(*n),
        other => Err(type_error(path, "a number", other, tree)),
    }
}

/// The item as a string.
pub(crate) fn string<'a>(item: &'a Item, tree: &Tree, path: &str) -> Result<&'a str> {
    match item {
        Item::String(s) => Ok(s),
        other => Err(type_error(path, "a string", other, tree)),
    }
}

/// The item as an object (or an array when `array`).
pub(crate) fn container(item: &Item, tree: &Tree, path: &str, array: bool) -> Result<NodeId> {
    match item {
        Item::Node(id) if tree.node(*id).is_array == array => Ok(*id),
        other => {
            let want = if array { "an array" } else { "an object" };
            Err(type_error(path, want, other, tree))
        }
    }
}

/// The item as an array whose elements are all strings.
pub(crate) fn string_array(item: &Item, tree: &Tree, path: &str) -> Result<NodeId> {
    let arr = container(item, tree, path, true)?;
    for (i, m) in tree.node(arr).members.iter().enumerate() {
        string(&m.item, tree, &format!("{path}[{i}]"))?;
    }
    Ok(arr)
}

fn whole(n: f64, min: f64, max: f64, path: &str) -> Result<f64> {
    if n.fract() != 0.0 || n < min || n > max {
        return Err(Error::new(
            PJSUA2RS_ERR_JSON,
            "",
            format!("{path}: {n} is out of range (a whole number from {min} to {max})"),
        ));
    }
    Ok(n)
}

/// A number as an `i32`; `JSON` naming `path` unless whole and in range.
pub(crate) fn to_i32(n: f64, path: &str) -> Result<i32> {
    whole(n, i32::MIN as f64, i32::MAX as f64, path).map(|n| n as i32)
}

/// A number as a `u32`; `JSON` naming `path` unless whole and in range.
pub(crate) fn to_u32(n: f64, path: &str) -> Result<u32> {
    whole(n, 0.0, u32::MAX as f64, path).map(|n| n as u32)
}

/// A number as a `u8`; `JSON` naming `path` unless whole and in range.
pub(crate) fn to_u8(n: f64, path: &str) -> Result<u8> {
    whole(n, 0.0, u8::MAX as f64, path).map(|n| n as u8)
}
