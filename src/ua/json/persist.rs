//! Objects that save themselves in a JSON document (PJSUA2 `PersistentObject`), and the
//! member readers and writers the config schemas are written with.

use super::document::{
    container, number, string, string_array, to_i32, to_u32, to_u8, type_error, JsonDocument,
    JsonLayout,
};
use super::tree::{Item, NodeId, Tree};
use crate::ua::config::lists::{counted, set_counted, set_str_list};
use crate::ua::config::SipHeader;
use crate::ua::fixed_str::FixedStr;
use crate::ua::status::{PJSUA2RS_ERR_JSON, PJSUA2RS_ERR_NAME_TOO_LONG};
use crate::ua::{Error, Result};
use std::os::raw::c_char;

/// An object that can be written to and read from a document node (PJSUA2
/// `PersistentObject`). Configs write themselves as one member named after their PJSUA2
/// class ("EpConfig", "AccountConfig"...).
pub trait Persistent {
    /// Appends the object to `node`.
    fn write_object(&self, doc: &mut JsonDocument, node: NodeId) -> Result<()>;
    /// Reads the object from the next unread member of `node` that holds it.
    fn read_object(&mut self, doc: &mut JsonDocument, node: NodeId) -> Result<()>;
}

/// A config's JSON schema: its class name and members, in PJSUA2's order.
pub(crate) trait Schema {
    /// The name PJSUA2 writes the object under.
    const CLASS: &'static str;
    /// Writes the members into the object `w` writes.
    fn write_members(&self, w: &mut ObjWriter<'_>) -> Result<()>;
    /// Reads the members present in the object `r` reads; missing ones keep their value.
    fn read_members(&mut self, r: &mut ObjReader<'_>) -> Result<()>;
}

/// Implements [`Persistent`] for configs through their [`Schema`].
macro_rules! persistent_configs {
    ($($t:ty),* $(,)?) => {$(
        impl $crate::ua::json::Persistent for $t {
            fn write_object(
                &self,
                doc: &mut $crate::ua::json::JsonDocument,
                node: $crate::ua::json::NodeId,
            ) -> $crate::ua::Result<()> {
                $crate::ua::json::persist::ObjWriter::new(doc, node).obj(self)
            }

            fn read_object(
                &mut self,
                doc: &mut $crate::ua::json::JsonDocument,
                node: $crate::ua::json::NodeId,
            ) -> $crate::ua::Result<()> {
                let id = doc.read_container(node, <$t as $crate::ua::json::persist::Schema>::CLASS)?;
                <$t as $crate::ua::json::persist::Schema>::read_members(
                    self,
                    &mut $crate::ua::json::persist::ObjReader::new(doc, id),
                )
            }
        }
    )*};
}
pub(crate) use persistent_configs;

/// Writes members into one container of a document.
pub(crate) struct ObjWriter<'a> {
    doc: &'a mut JsonDocument,
    node: NodeId,
}

impl<'a> ObjWriter<'a> {
    /// A writer appending to `node`.
    pub(crate) fn new(doc: &'a mut JsonDocument, node: NodeId) -> Self {
        ObjWriter { doc, node }
    }

    /// A writer for another container of the same document.
    pub(crate) fn at(&mut self, node: NodeId) -> ObjWriter<'_> {
        ObjWriter {
            doc: self.doc,
            node,
        }
    }

    /// Whether the document's layout has members added in `layout`.
    pub(crate) fn since(&self, layout: JsonLayout) -> bool {
        self.doc.layout >= layout
    }

    /// An unsigned member (written exactly).
    pub(crate) fn uint(&mut self, name: &str, v: u32) -> Result<()> {
        self.doc.push(self.node, name, Item::Number(v as f64))
    }

    /// A signed member.
    pub(crate) fn int(&mut self, name: &str, v: i32) -> Result<()> {
        self.doc.push(self.node, name, Item::Number(v as f64))
    }

    /// A bool member.
    pub(crate) fn bool(&mut self, name: &str, v: bool) -> Result<()> {
        self.doc.push(self.node, name, Item::Bool(v))
    }

    /// A string member from a `char[N]` field (`INVALID_ARG` if it is not a string).
    pub(crate) fn str(&mut self, name: &str, v: &[c_char]) -> Result<()> {
        let s = v.get_str(&self.doc.tree.member_path(self.node, name))?;
        self.doc.push(self.node, name, Item::String(s.to_string()))
    }

    /// An inline array of strings from a counted string list.
    pub(crate) fn str_list<const N: usize>(
        &mut self,
        name: &str,
        items: &[[c_char; N]],
        count: u32,
    ) -> Result<()> {
        let path = self.doc.tree.member_path(self.node, name);
        let arr = self.array(name)?;
        for (i, s) in counted(items, count, &path)?.iter().enumerate() {
            let s = s.get_str(&format!("{path}[{i}]"))?;
            self.doc.push(arr, "", Item::String(s.to_string()))?;
        }
        Ok(())
    }

    /// An inline array of numbers from a counted list.
    pub(crate) fn int_list(&mut self, name: &str, items: &[i32], count: u32) -> Result<()> {
        let path = self.doc.tree.member_path(self.node, name);
        let arr = self.array(name)?;
        for v in counted(items, count, &path)? {
            self.doc.push(arr, "", Item::Number(*v as f64))?;
        }
        Ok(())
    }

    /// An array of {hname, hvalue} objects (PJSUA2 `writeSipHeaders`).
    pub(crate) fn headers(&mut self, name: &str, items: &[SipHeader], count: u32) -> Result<()> {
        let path = self.doc.tree.member_path(self.node, name);
        let arr = self.array(name)?;
        for h in counted(items, count, &path)? {
            let id = self.doc.write_new_container(arr, "header")?;
            let mut w = self.at(id);
            w.str("hname", &h.hname)?;
            w.str("hvalue", &h.hvalue)?;
        }
        Ok(())
    }

    /// A new array member, returned for writing its elements.
    pub(crate) fn array(&mut self, name: &str) -> Result<NodeId> {
        self.doc.write_new_array(self.node, name)
    }

    /// A new object member, returned for writing its members.
    pub(crate) fn container(&mut self, name: &str) -> Result<NodeId> {
        self.doc.write_new_container(self.node, name)
    }

    /// The path of a container, for error messages.
    pub(crate) fn path_of(&self, node: NodeId) -> String {
        self.doc.tree.node(node).path.clone()
    }

    /// A nested config, as `"<Class>": {...}`.
    pub(crate) fn obj<T: Schema>(&mut self, v: &T) -> Result<()> {
        let id = self.doc.write_new_container(self.node, T::CLASS)?;
        v.write_members(&mut self.at(id))
    }
}

/// Reads members of one container by name, in any order; a missing member leaves the
/// value unchanged, a wrong type or range is a `JSON` error naming the member's path.
pub(crate) struct ObjReader<'a> {
    doc: &'a mut JsonDocument,
    node: NodeId,
}

impl<'a> ObjReader<'a> {
    /// A reader of `node`.
    pub(crate) fn new(doc: &'a mut JsonDocument, node: NodeId) -> Self {
        ObjReader { doc, node }
    }

    /// A reader of another container of the same document.
    pub(crate) fn at(&mut self, node: NodeId) -> ObjReader<'_> {
        ObjReader {
            doc: self.doc,
            node,
        }
    }

    /// Runs `f` on the member `name` if there is one unread, then marks it read.
    fn opt<T>(
        &mut self,
        name: &str,
        f: impl FnOnce(&Item, &Tree, &str) -> Result<T>,
    ) -> Result<Option<T>> {
        if self.doc.tree.find_unread(self.node, name)?.is_none() {
            return Ok(None);
        }
        self.doc.take(self.node, name, f).map(Some)
    }

    /// An unsigned member.
    pub(crate) fn uint(&mut self, name: &str, dst: &mut u32) -> Result<()> {
        if let Some(v) = self.opt(name, |i, t, p| to_u32(number(i, t, p)?, p))? {
            *dst = v;
        }
        Ok(())
    }

    /// A signed member.
    pub(crate) fn int(&mut self, name: &str, dst: &mut i32) -> Result<()> {
        if let Some(v) = self.opt(name, |i, t, p| to_i32(number(i, t, p)?, p))? {
            *dst = v;
        }
        Ok(())
    }

    /// A byte-sized member (QoS values).
    pub(crate) fn byte(&mut self, name: &str, dst: &mut u8) -> Result<()> {
        if let Some(v) = self.opt(name, |i, t, p| to_u8(number(i, t, p)?, p))? {
            *dst = v;
        }
        Ok(())
    }

    /// A bool member.
    pub(crate) fn bool(&mut self, name: &str, dst: &mut bool) -> Result<()> {
        let v = self.opt(name, |i, t, p| match i {
            Item::Bool(b) => Ok(*b),
            other => Err(type_error(p, "a bool", other, t)),
        })?;
        if let Some(v) = v {
            *dst = v;
        }
        Ok(())
    }

    /// A string member into a `char[N]` field; too long for the field is a `JSON` error.
    pub(crate) fn str(&mut self, name: &str, dst: &mut [c_char]) -> Result<()> {
        let v = self.opt(name, |i, t, p| {
            let s = string(i, t, p)?;
            let mut staged = vec![0 as c_char; dst.len()];
            store_str(&mut staged, s, p)?;
            Ok(staged)
        })?;
        if let Some(v) = v {
            dst.copy_from_slice(&v);
        }
        Ok(())
    }

    /// An array of strings into a counted string list.
    pub(crate) fn str_list<const N: usize>(
        &mut self,
        name: &str,
        items: &mut [[c_char; N]],
        count: &mut u32,
    ) -> Result<()> {
        let Some(arr) = self.opt(name, string_array)? else {
            return Ok(());
        };
        let path = self.path_of(arr);
        let values: Vec<String> = self.strings(arr);
        check_len(&path, values.len(), items.len())?;
        for (i, v) in values.iter().enumerate() {
            store_str(&mut [0 as c_char; N], v, &format!("{path}[{i}]"))?;
        }
        set_str_list(items, count, &values, &path)
    }

    /// An array of numbers into a counted `i32` list.
    pub(crate) fn int_list(
        &mut self,
        name: &str,
        items: &mut [i32],
        count: &mut u32,
    ) -> Result<()> {
        let Some(arr) = self.array(name)? else {
            return Ok(());
        };
        let mut values = Vec::new();
        for (item, path) in self.elements(arr) {
            values.push(to_i32(number(&item, &self.doc.tree, &path)?, &path)?);
        }
        let path = self.path_of(arr);
        check_len(&path, values.len(), items.len())?;
        set_counted(items, count, &values, &path)
    }

    /// An array of {hname, hvalue} objects into a counted header list.
    pub(crate) fn headers(
        &mut self,
        name: &str,
        items: &mut [SipHeader],
        count: &mut u32,
    ) -> Result<()> {
        let Some(arr) = self.array(name)? else {
            return Ok(());
        };
        let mut values = Vec::new();
        for id in self.objects(arr)? {
            let mut h = SipHeader::default();
            let mut r = self.at(id);
            r.str("hname", &mut h.hname)?;
            r.str("hvalue", &mut h.hvalue)?;
            values.push(h);
        }
        let path = self.path_of(arr);
        check_len(&path, values.len(), items.len())?;
        set_counted(items, count, &values, &path)
    }

    /// The object member `name`, if present.
    pub(crate) fn container(&mut self, name: &str) -> Result<Option<NodeId>> {
        self.opt(name, |i, t, p| container(i, t, p, false))
    }

    /// The array member `name`, if present.
    pub(crate) fn array(&mut self, name: &str) -> Result<Option<NodeId>> {
        self.opt(name, |i, t, p| container(i, t, p, true))
    }

    /// The elements of array `arr` with their paths, all marked read.
    pub(crate) fn elements(&mut self, arr: NodeId) -> Vec<(Item, String)> {
        let n = self.doc.tree.node(arr).members.len();
        (0..n)
            .map(|i| {
                self.doc.tree.mark_read(arr, i);
                let item = self.doc.tree.member(arr, i).item.clone();
                (item, self.doc.index_path(arr, i))
            })
            .collect()
    }

    /// The elements of array `arr`, which must all be objects.
    pub(crate) fn objects(&mut self, arr: NodeId) -> Result<Vec<NodeId>> {
        self.elements(arr)
            .into_iter()
            .map(|(item, path)| container(&item, &self.doc.tree, &path, false))
            .collect()
    }

    /// A nested config `"<Class>": {...}`, if present.
    pub(crate) fn obj<T: Schema>(&mut self, v: &mut T) -> Result<()> {
        if let Some(id) = self.container(T::CLASS)? {
            v.read_members(&mut self.at(id))?;
        }
        Ok(())
    }

    /// The path of a container, for error messages.
    pub(crate) fn path_of(&self, arr: NodeId) -> String {
        self.doc.tree.node(arr).path.clone()
    }

    /// The document's tree, for converting elements.
    pub(crate) fn tree(&self) -> &Tree {
        &self.doc.tree
    }

    fn strings(&self, arr: NodeId) -> Vec<String> {
        self.doc
            .tree
            .node(arr)
            .members
            .iter()
            .filter_map(|m| match &m.item {
                Item::String(s) => Some(s.clone()),
                _ => None,
            })
            .collect()
    }
}

/// `JSON` naming `path` when an array has more elements than the field holds.
pub(crate) fn check_len(path: &str, len: usize, capacity: usize) -> Result<()> {
    if len > capacity {
        return Err(Error::new(
            PJSUA2RS_ERR_JSON,
            "",
            format!("{path}: too many elements ({len}; at most {capacity})"),
        ));
    }
    Ok(())
}

/// Stores a JSON string in a `char[N]` field; too long for it, or holding a NUL, is a
/// `JSON` error naming `path`.
pub(crate) fn store_str(dst: &mut [c_char], s: &str, path: &str) -> Result<()> {
    dst.set_str(s, path).map_err(|e| {
        if e.status != PJSUA2RS_ERR_NAME_TOO_LONG {
            return e;
        }
        let why = if s.as_bytes().contains(&0) {
            "contains a NUL character".to_string()
        } else {
            format!(
                "string of {} bytes is too long (at most {})",
                s.len(),
                dst.len().saturating_sub(1)
            )
        };
        Error::new(PJSUA2RS_ERR_JSON, "", format!("{path}: {why}"))
    })
}
