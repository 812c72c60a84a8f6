//! The element tree of a JSON document, as PJSUA2's `pj_json_elem` lists: containers
//! (objects and arrays) hold named members in order; array members' names are not
//! written. Containers live in an arena and are addressed by [`NodeId`]; each member has
//! a read flag, which gives PJSUA2's sequential reading.

use crate::ua::status::{PJSUA2RS_ERR_EOF, PJSUA2RS_ERR_INVALID_ARG, PJSUA2RS_ERR_JSON};
use crate::ua::{Error, Result};

/// A container (object or array) of a document; the root object is 0.
pub type NodeId = u32;

/// A member's value.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Item {
    Null,
    Bool(bool),
    /// Numbers written through the API are 32-bit floats or exact integers; parsed ones
    /// keep the parser's f64.
    Number(f64),
    String(String),
    /// A nested object or array.
    Node(NodeId),
}

impl Item {
    /// "a number", "a string"... for error messages.
    pub(crate) fn kind(&self, tree: &Tree) -> &'static str {
        match self {
            Item::Null => "null",
            Item::Bool(_) => "a bool",
            Item::Number(_) => "a number",
            Item::String(_) => "a string",
            Item::Node(id) if tree.node(*id).is_array => "an array",
            Item::Node(_) => "an object",
        }
    }
}

/// A named member of a container. Array members may have names (PJSUA2 keeps them and
/// uses them to choose the array's layout) but they are never written.
#[derive(Clone, Debug)]
pub(crate) struct Member {
    pub(crate) name: String,
    pub(crate) item: Item,
    pub(crate) read: bool,
}

/// An object or array.
#[derive(Clone, Debug)]
pub(crate) struct Node {
    pub(crate) is_array: bool,
    /// Where the node is, for error messages: "AccountConfig.AccountSipConfig.authCreds[0]".
    pub(crate) path: String,
    pub(crate) members: Vec<Member>,
}

/// The arena of containers; node 0 is the root object.
#[derive(Clone, Debug)]
pub(crate) struct Tree {
    nodes: Vec<Node>,
}

impl Default for Tree {
    fn default() -> Self {
        Tree {
            nodes: vec![Node {
                is_array: false,
                path: String::new(),
                members: Vec::new(),
            }],
        }
    }
}

impl Tree {
    /// An empty tree (no root yet), for the parser to fill from node 0.
    pub(crate) fn empty() -> Self {
        Tree { nodes: Vec::new() }
    }

    /// The node `id`; panics on a bad id (callers check with [`Tree::check`]).
    pub(crate) fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id as usize]
    }

    fn node_mut(&mut self, id: NodeId) -> &mut Node {
        &mut self.nodes[id as usize]
    }

    /// `INVALID_ARG` unless `id` names a node of this tree.
    pub(crate) fn check(&self, id: NodeId) -> Result<()> {
        if (id as usize) < self.nodes.len() {
            Ok(())
        } else {
            Err(Error::new(
                PJSUA2RS_ERR_INVALID_ARG,
                "",
                format!("node {id} does not exist in this document"),
            ))
        }
    }

    /// Adds a new empty container and returns its id.
    pub(crate) fn add_node(&mut self, is_array: bool, path: String) -> NodeId {
        self.nodes.push(Node {
            is_array,
            path,
            members: Vec::new(),
        });
        (self.nodes.len() - 1) as NodeId
    }

    /// The path of member `name` of `id`, for error messages.
    pub(crate) fn member_path(&self, id: NodeId, name: &str) -> String {
        child_path(&self.node(id).path, name)
    }

    /// Appends a member to `parent`. Objects need a non-empty name.
    pub(crate) fn push(&mut self, parent: NodeId, name: &str, item: Item) -> Result<()> {
        self.check(parent)?;
        if name.is_empty() && !self.node(parent).is_array {
            return Err(Error::new(
                PJSUA2RS_ERR_INVALID_ARG,
                "",
                format!(
                    "a member of object '{}' needs a name",
                    self.node(parent).path
                ),
            ));
        }
        self.node_mut(parent).members.push(Member {
            name: name.to_string(),
            item,
            read: false,
        });
        Ok(())
    }

    /// Appends a parsed member as it came (any name, even in an object).
    pub(crate) fn push_parsed(&mut self, parent: NodeId, name: String, item: Item) {
        self.node_mut(parent).members.push(Member {
            name,
            item,
            read: false,
        });
    }

    /// Appends a new container named `name` to `parent` and returns it.
    pub(crate) fn push_node(
        &mut self,
        parent: NodeId,
        name: &str,
        is_array: bool,
    ) -> Result<NodeId> {
        self.check(parent)?;
        let path = if self.node(parent).is_array {
            format!(
                "{}[{}]",
                self.node(parent).path,
                self.node(parent).members.len()
            )
        } else {
            self.member_path(parent, name)
        };
        let id = self.nodes.len() as NodeId;
        self.push(parent, name, Item::Node(id))?;
        self.add_node(is_array, path);
        Ok(id)
    }

    /// The index of the next unread member of `id` called `name`: in arrays, and when
    /// `name` is empty, the next unread member whatever its name. `Ok(None)` when there
    /// is none.
    pub(crate) fn find_unread(&self, id: NodeId, name: &str) -> Result<Option<usize>> {
        self.check(id)?;
        let node = self.node(id);
        let any = name.is_empty() || node.is_array;
        Ok(node
            .members
            .iter()
            .position(|m| !m.read && (any || m.name == name)))
    }

    /// Like [`Tree::find_unread`], but a missing member is an error: `EOF` when nothing is
    /// left unread, `JSON` naming the member otherwise.
    pub(crate) fn expect_unread(&self, id: NodeId, name: &str) -> Result<usize> {
        if let Some(i) = self.find_unread(id, name)? {
            return Ok(i);
        }
        let node = self.node(id);
        let where_ = if node.path.is_empty() {
            "the document root".to_string()
        } else {
            format!("'{}'", node.path)
        };
        if node.members.iter().all(|m| m.read) {
            Err(Error::new(
                PJSUA2RS_ERR_EOF,
                "",
                format!("no unread element left in {where_} (looking for '{name}')"),
            ))
        } else {
            Err(Error::new(
                PJSUA2RS_ERR_JSON,
                "",
                format!(
                    "{}: no unread member with this name",
                    self.member_path(id, name)
                ),
            ))
        }
    }

    /// Member `index` of `id`.
    pub(crate) fn member(&self, id: NodeId, index: usize) -> &Member {
        &self.node(id).members[index]
    }

    /// Marks member `index` of `id` as read.
    pub(crate) fn mark_read(&mut self, id: NodeId, index: usize) {
        self.node_mut(id).members[index].read = true;
    }
}

/// `parent.name`, or `name` at the root.
pub(crate) fn child_path(parent: &str, name: &str) -> String {
    if parent.is_empty() {
        name.to_string()
    } else {
        format!("{parent}.{name}")
    }
}
