//! Free-form front matter tables: Zola's `[extra]` and Hugo's `params`, kept as written
//! so templates can read them (`article.extra.*`), and peeked at for the few settings
//! Broadsheet honours (Hugo's `build.render = "never"`). The checked form, `Node`, is a
//! plain tagged enum so the build cache can store it; `Natural` prints it for templates
//! as the table it was.

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeMap, SerializeSeq, Serializer};
use serde::{Deserialize, Serialize};
use std::fmt;

/// One value of a free-form table.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Node {
    /// `true` or `false`.
    Bool(bool),
    /// A whole number.
    Int(i64),
    /// A number with a fraction.
    Float(f64),
    /// Text; TOML dates arrive as their text.
    Text(String),
    /// A list.
    List(Vec<Node>),
    /// A table, keys in the order written.
    Table(Vec<(String, Node)>),
}

impl Default for Node {
    /// An empty table.
    fn default() -> Node {
        Node::Table(Vec::new())
    }
}

impl Node {
    /// The value at `key` of a table.
    pub fn get(&self, key: &str) -> Option<&Node> {
        match self {
            Node::Table(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The text of a `Text` node.
    pub fn as_text(&self) -> Option<&str> {
        match self {
            Node::Text(text) => Some(text),
            _ => None,
        }
    }
}

/// A `Node` as front matter wrote it: any TOML or YAML value.
#[derive(Debug, Clone, PartialEq)]
pub struct Loose(pub Node);

impl<'de> Deserialize<'de> for Loose {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(LooseVisitor)
    }
}

struct LooseVisitor;

impl<'de> Visitor<'de> for LooseVisitor {
    type Value = Loose;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any value")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Loose, E> {
        Ok(Loose(Node::Bool(v)))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Loose, E> {
        Ok(Loose(Node::Int(v)))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Loose, E> {
        Ok(Loose(i64::try_from(v).map_or(Node::Float(v as f64), Node::Int)))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Loose, E> {
        Ok(Loose(Node::Float(v)))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Loose, E> {
        Ok(Loose(Node::Text(v.to_string())))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Loose, E> {
        Ok(Loose(Node::Text(String::new())))
    }
    fn visit_none<E: de::Error>(self) -> Result<Loose, E> {
        self.visit_unit()
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Loose, D::Error> {
        Loose::deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Loose, A::Error> {
        let mut items = Vec::new();
        while let Some(Loose(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(Loose(Node::List(items)))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Loose, A::Error> {
        let mut entries = Vec::new();
        while let Some((key, Loose(value))) = map.next_entry::<String, Loose>()? {
            entries.push((key, value));
        }
        // TOML dates arrive as a one-entry table holding the date's text.
        if let [(key, Node::Text(text))] = entries.as_slice()
            && key.starts_with("$__toml_private")
        {
            return Ok(Loose(Node::Text(text.clone())));
        }
        Ok(Loose(Node::Table(entries)))
    }
}

/// A `Node` printed as the value it stands for (a table as a map, not as a tagged enum).
pub struct Natural<'a>(pub &'a Node);

impl Serialize for Natural<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Node::Bool(b) => s.serialize_bool(*b),
            Node::Int(i) => s.serialize_i64(*i),
            Node::Float(f) => s.serialize_f64(*f),
            Node::Text(t) => s.serialize_str(t),
            Node::List(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(&Natural(item))?;
                }
                seq.end()
            }
            Node::Table(entries) => {
                let mut map = s.serialize_map(Some(entries.len()))?;
                for (k, v) in entries {
                    map.serialize_entry(k, &Natural(v))?;
                }
                map.end()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_toml_tables_with_dates_as_text() {
        let table: std::collections::BTreeMap<String, Loose> =
            toml::from_str("x = { a = 1, when = 2020-01-02, list = [true, 1.5] }").unwrap();
        let x = &table["x"].0;
        assert_eq!(x.get("a"), Some(&Node::Int(1)));
        assert_eq!(x.get("when").and_then(Node::as_text), Some("2020-01-02"));
        let json = serde_json::to_string(&Natural(x)).unwrap();
        assert_eq!(json, r#"{"a":1,"list":[true,1.5],"when":"2020-01-02"}"#);
    }

    #[test]
    fn survives_the_cache_encoding() {
        let node = Node::Table(vec![("k".into(), Node::List(vec![Node::Text("v".into())]))]);
        let bytes = postcard::to_stdvec(&node).unwrap();
        assert_eq!(postcard::from_bytes::<Node>(&bytes).unwrap(), node);
    }
}
