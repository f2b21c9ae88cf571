//! Explanations: given a condition and the bindings that made a rule fire, the smallest set of
//! facts (conditions as written, with the values they read and where) that decided it.

use super::render::display;
use super::value::{case_of, eval, list, truth, EResult, Env};
use crate::ir::{Node, NodeKind, Program, Value};
use crate::report::{Fact, FactValue};
use crate::syntax::ast::AggOp;

/// Document paths of bound slots; `None` for slots not bound to a place in the document.
pub type Paths = Vec<Option<String>>;

pub fn root_paths(slots: u32) -> Paths {
    let mut p = vec![None; slots.max(1) as usize];
    if let Some(first) = p.first_mut() {
        *first = Some(String::new());
    }
    p
}

pub fn join(base: &str, field: &str) -> String {
    if base.is_empty() {
        field.to_string()
    } else {
        format!("{base}.{field}")
    }
}

/// Where a node reads from in the document, if it reads from one place.
pub fn path_of(node: &Node, paths: &Paths) -> Option<String> {
    match &node.kind {
        NodeKind::Var(s) => paths.get(*s as usize).cloned().flatten(),
        NodeKind::Field { base, name, .. } => path_of(base, paths).map(|b| join(&b, name)),
        NodeKind::Kind(inner) => path_of(inner, paths).map(|b| join(&b, "kind")),
        NodeKind::Scale(inner, _) | NodeKind::Neg(inner) => path_of(inner, paths),
        // `r.hours_per_day * 7`, `order.sentence_date + 3 years`: the one place it reads.
        NodeKind::Arith(_, a, b) => match (path_of(a, paths), path_of(b, paths)) {
            (Some(p), None) | (None, Some(p)) => Some(p),
            _ => None,
        },
        NodeKind::Aggregate(a) => path_of(&a.list, paths),
        _ => None,
    }
}

pub struct Explainer<'p> {
    pub program: &'p Program,
}

impl<'p> Explainer<'p> {
    fn text(&self, node: &Node) -> String {
        let source = self.program.text(node.span);
        let mut out = String::with_capacity(source.len());
        for word in source.split_whitespace() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(word);
        }
        out
    }

    fn operand(
        &self,
        node: &'p Node,
        env: &mut Env<'p>,
        paths: &Paths,
    ) -> EResult<Option<FactValue>> {
        if matches!(node.kind, NodeKind::Const(_)) {
            return Ok(None);
        }
        let v = eval(node, env)?;
        let mut path = match &node.kind {
            // `a ?? b` read `b` when `a` was absent.
            NodeKind::Coalesce(a, b) => match eval(a, env)? {
                Value::Absent => path_of(b, paths),
                _ => path_of(a, paths),
            },
            _ => path_of(node, paths),
        };
        if path.as_deref() == Some("") {
            path = None;
        }
        Ok(Some(FactValue {
            text: self.text(node),
            path,
            value: display(&v, &node.ty, &self.program.schema),
        }))
    }

    fn atom(
        &self,
        node: &'p Node,
        holds: bool,
        operands: &[&'p Node],
        env: &mut Env<'p>,
        paths: &Paths,
    ) -> EResult<Vec<Fact>> {
        let mut values = Vec::new();
        for o in operands {
            if let Some(v) = self.operand(o, env, paths)? {
                values.push(v);
            }
            if let NodeKind::Aggregate(agg) = &o.kind {
                if matches!(agg.op, AggOp::Count | AggOp::Sum | AggOp::Min | AggOp::Max) {
                    // Name the list's place with the items that were counted or summed instead.
                    let list_path = path_of(&agg.list, paths);
                    values.retain(|v| v.path.is_none() || v.path != list_path);
                    values.extend(self.items(agg, env, paths)?);
                }
            }
        }
        Ok(vec![Fact {
            text: self.text(node),
            holds,
            values,
        }])
    }

    /// The items an aggregate took in, each with its value and place.
    fn items(
        &self,
        agg: &'p crate::ir::Aggregate,
        env: &mut Env<'p>,
        paths: &Paths,
    ) -> EResult<Vec<FactValue>> {
        let mut out = Vec::new();
        let items = list(&agg.list, env)?;
        let list_path = path_of(&agg.list, paths);
        let mut local = paths.clone();
        for (i, item) in items.iter().enumerate() {
            if agg.case.is_some_and(|c| case_of(item) != Some(c)) {
                continue;
            }
            env.set(agg.slot, item);
            if let Some(s) = local.get_mut(agg.slot as usize) {
                *s = list_path.as_ref().map(|p| format!("{p}[{i}]"));
            }
            if let Some(f) = &agg.filter {
                if !truth(f, env)? {
                    continue;
                }
            }
            match &agg.body {
                Some(b) => {
                    let v = eval(b, env)?;
                    out.push(FactValue {
                        text: self.text(b),
                        path: path_of(b, &local),
                        value: display(&v, &b.ty, &self.program.schema),
                    });
                }
                None => {
                    let p = local.get(agg.slot as usize).cloned().flatten();
                    let v = display(item, &agg.list_elem_type(), &self.program.schema);
                    out.push(FactValue {
                        text: p.clone().unwrap_or_default(),
                        path: p,
                        value: v,
                    });
                }
            }
        }
        Ok(out)
    }

    /// The facts that made `node` come out as it did.
    pub fn facts(
        &self,
        node: &'p Node,
        env: &mut Env<'p>,
        paths: &mut Paths,
    ) -> EResult<Vec<Fact>> {
        let holds = truth(node, env)?;
        match &node.kind {
            NodeKind::Not(inner) => self.facts(inner, env, paths),
            NodeKind::And(items) | NodeKind::Or(items) => {
                let is_and = matches!(node.kind, NodeKind::And(_));
                // The deciding operand alone when one operand settles it; otherwise all of them.
                let short_circuits = holds != is_and;
                let mut out = Vec::new();
                for i in items {
                    if short_circuits {
                        if truth(i, env)? == holds {
                            return self.facts(i, env, paths);
                        }
                    } else {
                        out.extend(self.facts(i, env, paths)?);
                    }
                }
                Ok(out)
            }
            NodeKind::Implies(a, b) => {
                let a_holds = truth(a, env)?;
                if !holds {
                    let mut out = self.facts(a, env, paths)?;
                    out.extend(self.facts(b, env, paths)?);
                    Ok(out)
                } else if !a_holds {
                    self.facts(a, env, paths)
                } else {
                    self.facts(b, env, paths)
                }
            }
            NodeKind::Compare(_, a, b) => self.atom(node, holds, &[a, b], env, paths),
            NodeKind::InSet { value, .. } | NodeKind::Is(value, _) => {
                self.atom(node, holds, &[value], env, paths)
            }
            NodeKind::InList { value, list } => self.atom(node, holds, &[value, list], env, paths),
            NodeKind::Call(_, args) => {
                let refs: Vec<&Node> = args.iter().collect();
                self.atom(node, holds, &refs, env, paths)
            }
            NodeKind::Aggregate(agg) if matches!(agg.op, AggOp::Any | AggOp::All) => {
                // any() that holds and all() that fails each have one item that decides them.
                let decided_by_one = (agg.op == AggOp::Any) == holds;
                let summary = self.atom(node, holds, &[&agg.list], env, paths)?;
                if !decided_by_one {
                    return Ok(summary);
                }
                let items = list(&agg.list, env)?;
                let list_path = path_of(&agg.list, paths);
                for (i, item) in items.iter().enumerate() {
                    if agg.case.is_some_and(|c| case_of(item) != Some(c)) {
                        continue;
                    }
                    env.set(agg.slot, item);
                    if let Some(s) = paths.get_mut(agg.slot as usize) {
                        *s = list_path.as_ref().map(|p| format!("{p}[{i}]"));
                    }
                    let passes_filter = match &agg.filter {
                        Some(f) => truth(f, env)?,
                        None => true,
                    };
                    if !passes_filter {
                        continue;
                    }
                    let body = match &agg.body {
                        Some(b) => truth(b, env)?,
                        None => true,
                    };
                    if body == (agg.op == AggOp::Any) {
                        let mut out = summary;
                        if let Some(f) = &agg.filter {
                            out.extend(self.facts(f, env, paths)?);
                        }
                        if let Some(b) = &agg.body {
                            out.extend(self.facts(b, env, paths)?);
                        } else if let Some(p) = paths.get(agg.slot as usize).cloned().flatten() {
                            let v = display(item, &agg.list_elem_type(), &self.program.schema);
                            out.push(Fact {
                                text: p.clone(),
                                holds: true,
                                values: vec![FactValue {
                                    text: p.clone(),
                                    path: Some(p),
                                    value: v,
                                }],
                            });
                        }
                        return Ok(out);
                    }
                }
                Ok(summary)
            }
            _ => {
                let v = eval(node, env)?;
                let mut f = self.atom(node, holds, &[node], env, paths)?;
                if matches!(v, Value::Bool(_)) {
                    if let Some(first) = f.first_mut() {
                        first.values.retain(|fv| fv.path.is_some());
                    }
                }
                Ok(f)
            }
        }
    }
}

trait ElemType {
    fn list_elem_type(&self) -> crate::ir::Type;
}

impl ElemType for crate::ir::Aggregate {
    fn list_elem_type(&self) -> crate::ir::Type {
        match &self.list.ty {
            crate::ir::Type::List(t) => match (&**t, self.case) {
                (crate::ir::Type::Variant(v, _), Some(c)) => crate::ir::Type::Variant(*v, Some(c)),
                (t, _) => t.clone(),
            },
            t => t.clone(),
        }
    }
}
