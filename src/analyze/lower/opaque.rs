// In a routes table (decided one value at a time), a quantifier that reads nothing of the
// document but the items of its own list, lowered as a truth of its own.
//
// Exact because such a quantifier is independent of every other value the table reads: the
// list is read by nothing else in the table (checked both ways: no other dimension lies under
// it, and none is made under it later), so every document's other values can be kept while its
// list is swapped for one where the quantifier holds, or one where it fails. Both are shown by
// documents found and run through `eval` (`search`): a quantifier not found both ways is
// refused. A witness takes its list from the document found for the truth its box asks.

use super::{outside, Lowered, Lowerer};
use crate::analyze::space::{Constraint, Cube, Dim, DimKey, Dnf, Domain, Facet, Root};
use crate::ir::{Aggregate, Node, NodeKind, Type};
use std::sync::Arc;

pub(super) const SHARED: &str = "reads a list that a quantifier in the same table reads as a truth of its own (the two would not be independent)";

/// Whether a dimension at `root`/`path` lies under the list at `list` (a path of the document).
fn under(list: &[Arc<str>], root: &Root, path: &[Arc<str>]) -> bool {
    match root {
        Root::Document => path.starts_with(list),
        Root::Item { list: l, .. } => l.starts_with(list),
    }
}

/// The slots the aggregate and those inside it bind (a few: a list, no set's code to carry).
fn binders(node: &Node, out: &mut Vec<u32>) {
    if let NodeKind::Aggregate(a) = &node.kind {
        out.push(a.slot);
    }
    for child in node.children() {
        binders(child, out);
    }
}

/// Whether `node` reads no slot outside `bound`.
fn reads_only(node: &Node, bound: &[u32]) -> bool {
    match &node.kind {
        NodeKind::Var(slot) => bound.contains(slot),
        _ => node.children().into_iter().all(|c| reads_only(c, bound)),
    }
}

/// Whether the quantifier reads nothing but its own list's items (and lists inside them).
fn closed(agg: &Aggregate) -> bool {
    let mut bound = vec![agg.slot];
    let parts: Vec<&Node> = agg.filter.iter().chain(agg.body.iter()).collect();
    for p in &parts {
        binders(p, &mut bound);
    }
    parts.iter().all(|p| reads_only(p, &bound))
}

fn highest_slot(node: &Node) -> u32 {
    let own = match &node.kind {
        NodeKind::Var(s) => *s,
        NodeKind::Aggregate(a) => a.slot,
        _ => 0,
    };
    node.children()
        .into_iter()
        .map(highest_slot)
        .fold(own, u32::max)
}

impl<'p> Lowerer<'p> {
    /// Whether a dimension at `root`/`path` would lie under a list a quantifier of this
    /// analysis reads as a truth of its own.
    pub(super) fn read_opaquely(&self, root: &Root, path: &[Arc<str>]) -> bool {
        self.space
            .dims
            .iter()
            .any(|d| matches!(d.key.facet, Facet::Opaque(..)) && under(&d.key.path, root, path))
    }

    /// A quantifier in a routes table's row, as a truth of its own (see the module comment).
    pub(super) fn opaque(&mut self, node: &Node, agg: &Aggregate, positive: bool) -> Lowered<Dnf> {
        let refused = "a list quantifier in a routes table's rows that reads more than its own list's items, or was not found both holding and failing (decided in rules)";
        let Some((Root::Document, path, _)) = self.place(&agg.list) else {
            return outside(self.program, node, refused);
        };
        if !closed(agg) {
            return outside(self.program, node, refused);
        }
        let text = self.program.text_on_one_line(node.span);
        let known = self.space.opaque.iter().position(|(t, _)| *t == text);
        let key = |i: usize| DimKey {
            root: Root::Document,
            path: path.clone(),
            facet: Facet::Opaque(i as u32),
        };
        let id = match known.and_then(|i| self.space.find(&key(i))) {
            Some(id) => id,
            None => {
                if self
                    .space
                    .dims
                    .iter()
                    .any(|d| under(&path, &d.key.root, &d.key.path))
                {
                    return outside(self.program, node, SHARED);
                }
                let slots = highest_slot(node) + 1;
                let program = self.program;
                let pools = self
                    .pools
                    .get_or_insert_with(|| Arc::new(crate::analyze::search::pools(program)))
                    .clone();
                let Some((holds, fails)) =
                    crate::analyze::search::both_ways(program, &pools, node, slots)
                else {
                    return outside(self.program, node, refused);
                };
                let i = self.space.opaque.len();
                self.space.opaque.push((text.clone(), [fails, holds]));
                self.space.intern(Dim {
                    key: key(i),
                    domain: Domain::Finite(vec!["false".into(), "true".into()]),
                    label: text,
                    ty: Type::Bool,
                })
            }
        };
        let bits = if positive { 2 } else { 1 };
        Ok(vec![Cube::single(id, Constraint::Set(bits))])
    }
}
