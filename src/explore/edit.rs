//! Edits to a JSON document in the style of JSON Patch (RFC 6902: add, replace, remove at a JSON Pointer), and applying them.

use serde::{Deserialize, Serialize};
use serde_json::Value as Json;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum EditOp {
    /// Set an object member (present or not) or insert into an array (`/-` appends).
    Add,
    /// Set a value that is already there.
    Replace,
    /// Remove an object member or an array item.
    Remove,
}

/// One change, ready to apply in order with the others of its fix.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Edit {
    pub op: EditOp,
    /// A JSON Pointer: `/requirements/0/hours_per_day`, `/requirements/-`, `/fine`.
    pub path: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Json>,
    /// For rule authors (the CLI shows it beside the sentence): `set requirements[0].hours_per_day
    /// to 16`, by paths and in English only; faces show `sentence`.
    #[serde(default)]
    pub describe: String,
    /// The change as a court would say it: `Reduce the curfew requirement's hours per day from
    /// 21 hours to 16 hours`, `Remove the curfew requirement`.
    #[serde(default)]
    pub sentence: String,
}

fn unescape(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

/// Apply edits in order to a copy of `doc`. Errors name the edit that could not be applied.
pub fn apply_edits(doc: &Json, edits: &[Edit]) -> Result<Json, super::Refusal> {
    let mut out = doc.clone();
    for (n, e) in edits.iter().enumerate() {
        apply_one(&mut out, e)
            .map_err(|m| super::refuse("X0005", format!("edit {} ({}): {m}", n + 1, e.path)))?;
    }
    Ok(out)
}

fn apply_one(doc: &mut Json, e: &Edit) -> Result<(), String> {
    let Some(rest) = e.path.strip_prefix('/') else {
        return Err("a path must start with `/`".into());
    };
    let tokens: Vec<String> = rest.split('/').map(unescape).collect();
    let Some((last, parents)) = tokens.split_last() else {
        return Err("empty path".into());
    };
    let mut here = doc;
    for t in parents {
        here = match here {
            Json::Object(map) => map.get_mut(t).ok_or_else(|| format!("no member `{t}`"))?,
            Json::Array(items) => {
                let i: usize = t.parse().map_err(|_| format!("`{t}` is not an index"))?;
                items.get_mut(i).ok_or_else(|| format!("no item {i}"))?
            }
            _ => return Err(format!("`{t}` is inside a value that is not a container")),
        };
    }
    let value = || {
        e.value
            .clone()
            .ok_or_else(|| "the edit has no value".to_string())
    };
    match (here, e.op) {
        (Json::Object(map), EditOp::Add | EditOp::Replace) => {
            map.insert(last.clone(), value()?);
        }
        (Json::Object(map), EditOp::Remove) => {
            map.remove(last)
                .ok_or_else(|| format!("no member `{last}`"))?;
        }
        (Json::Array(items), EditOp::Add) if last == "-" => items.push(value()?),
        (Json::Array(items), op) => {
            let i: usize = last
                .parse()
                .map_err(|_| format!("`{last}` is not an index"))?;
            match op {
                EditOp::Add if i <= items.len() => items.insert(i, value()?),
                EditOp::Replace if i < items.len() => {
                    if let Some(slot) = items.get_mut(i) {
                        *slot = value()?;
                    }
                }
                EditOp::Remove if i < items.len() => {
                    items.remove(i);
                }
                _ => return Err(format!("no item {i}")),
            }
        }
        _ => return Err("the parent is not an object or an array".into()),
    }
    Ok(())
}
