//! Explanations: given a condition and the bindings that made a rule fire, the smallest set of
//! facts (conditions as written, with the values they read and where) that decided it.

use super::render::display;
use super::value::{case_of, eval, list, truth, EResult, Env};
use crate::ir::{Node, NodeKind, Program, Value};
use crate::report::{Fact, FactValue};
use crate::vocab::AggOp;

/// Document paths of bound slots; `None` for slots not bound to a place in the document.
pub type Paths = Vec<Option<String>>;

pub fn root_paths(slots: u32) -> Paths {
    let mut p = vec![None; slots.max(1) as usize];
    if let Some(first) = p.first_mut() {
        *first = Some(String::new());
    }
    p
}

/// Appends `[i]` (a list index) to a path.
pub fn push_index(out: &mut String, i: usize) {
    let mut buf = [0u8; 24];
    let mut at = buf.len() - 1;
    if let Some(b) = buf.get_mut(at) {
        *b = b']';
    }
    let mut n = i;
    loop {
        at -= 1;
        if let Some(b) = buf.get_mut(at) {
            *b = b'0' + (n % 10) as u8;
        }
        n /= 10;
        if n == 0 || at <= 1 {
            break;
        }
    }
    at -= 1;
    if let Some(b) = buf.get_mut(at) {
        *b = b'[';
    }
    if let Some(s) = buf.get(at..).and_then(|b| std::str::from_utf8(b).ok()) {
        out.push_str(s);
    }
}

/// Appends where a node reads from in the document to `out`, if it reads from one place;
/// `false` (and `out` untouched) otherwise. The path is `path_of`'s, written in place.
pub fn write_path(node: &Node, paths: &Paths, out: &mut String) -> bool {
    match &node.kind {
        NodeKind::Var(s) => match paths.get(*s as usize) {
            Some(Some(p)) => {
                out.push_str(p);
                true
            }
            _ => false,
        },
        NodeKind::Field { base, name, .. } => write_field(base, name, paths, out),
        NodeKind::Kind(inner) => write_field(inner, "kind", paths, out),
        NodeKind::Scale(inner, _) | NodeKind::Neg(inner) => write_path(inner, paths, out),
        // `r.hours_per_day * 7`, `order.sentence_date + 3 years`: the one place it reads.
        NodeKind::Arith(_, a, b) => {
            let start = out.len();
            if write_path(a, paths, out) {
                if has_path(b, paths) {
                    out.truncate(start);
                    return false;
                }
                true
            } else {
                write_path(b, paths, out)
            }
        }
        NodeKind::Aggregate(a) => write_path(&a.list, paths, out),
        _ => false,
    }
}

/// `base.field` (or `field` alone when `base` is the document itself).
fn write_field(base: &Node, field: &str, paths: &Paths, out: &mut String) -> bool {
    let start = out.len();
    if !write_path(base, paths, out) {
        return false;
    }
    if out.len() != start {
        out.push('.');
    }
    out.push_str(field);
    true
}

/// Whether `write_path` would write a path, without writing it.
fn has_path(node: &Node, paths: &Paths) -> bool {
    match &node.kind {
        NodeKind::Var(s) => matches!(paths.get(*s as usize), Some(Some(_))),
        NodeKind::Field { base, .. } => has_path(base, paths),
        NodeKind::Kind(inner) | NodeKind::Scale(inner, _) | NodeKind::Neg(inner) => {
            has_path(inner, paths)
        }
        NodeKind::Arith(_, a, b) => has_path(a, paths) != has_path(b, paths),
        NodeKind::Aggregate(a) => has_path(&a.list, paths),
        _ => false,
    }
}

/// Where a node reads from in the document, if it reads from one place.
pub fn path_of(node: &Node, paths: &Paths) -> Option<String> {
    let mut out = String::new();
    write_path(node, paths, &mut out).then_some(out)
}

/// A path, but `None` for the document itself (the empty path).
fn place(node: &Node, paths: &Paths) -> Option<String> {
    let mut out = String::new();
    (write_path(node, paths, &mut out) && !out.is_empty()).then_some(out)
}

/// Source text with every run of whitespace made one space, and none at either end (as
/// `split_whitespace` sees whitespace).
pub fn normalise(source: &str) -> String {
    if is_normal(source) {
        return source.to_owned();
    }
    if !source.is_ascii() {
        let mut out = String::with_capacity(source.len());
        for word in source.split_whitespace() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(word);
        }
        return out;
    }
    // ASCII: whitespace is one byte, and every byte index is a character boundary.
    let bytes = source.as_bytes();
    let mut out = String::with_capacity(source.len());
    let mut word: Option<usize> = None;
    for (i, b) in bytes.iter().enumerate() {
        let space = matches!(b, b' ' | b'\t'..=b'\r');
        match (space, word) {
            (true, Some(start)) => {
                push_word(&mut out, source.get(start..i));
                word = None;
            }
            (false, None) => word = Some(i),
            _ => {}
        }
    }
    if let Some(start) = word {
        push_word(&mut out, source.get(start..));
    }
    out
}

/// ASCII text without control characters, double spaces or spaces at either end: already
/// normal. (Checked eight bytes at a time: this runs for every fact of every finding.)
fn is_normal(source: &str) -> bool {
    let bytes = source.as_bytes();
    if !source.is_ascii() || bytes.first() == Some(&b' ') || bytes.last() == Some(&b' ') {
        return false;
    }
    const ONES: u64 = u64::from_le_bytes([0x01; 8]);
    const LOW: u64 = u64::from_le_bytes([0x7f; 8]);
    const HIGH: u64 = u64::from_le_bytes([0x80; 8]);
    const SPACES: u64 = u64::from_le_bytes([b' '; 8]);
    let chunks = bytes.chunks_exact(8);
    let tail = chunks.remainder();
    // The high bit of the first byte is set when the byte before this chunk was a space.
    let mut carry = 0u64;
    for c in chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(c);
        let x = u64::from_le_bytes(word);
        // Some byte below 0x20 (every byte is ASCII, so below 0x80).
        if x.wrapping_sub(ONES * 0x20) & !x & HIGH != 0 {
            return false;
        }
        // The high bit of every byte that is a space, then two spaces side by side.
        let t = x ^ SPACES;
        let spaces = !(((t & LOW) + LOW) | t | LOW);
        if spaces & ((spaces << 8) | carry) != 0 {
            return false;
        }
        carry = spaces >> 56;
    }
    let mut after_space = carry != 0;
    for b in tail {
        if *b < b' ' || (*b == b' ' && after_space) {
            return false;
        }
        after_space = *b == b' ';
    }
    true
}

fn push_word(out: &mut String, word: Option<&str>) {
    if let Some(w) = word {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
}

/// How much of each finding's explanation a check writes, from most to least.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Detail {
    /// The facts' words and the routes' reasons as well (`super::check`).
    Words,
    /// The facts' text, values and places, without words (`super::check_without_words`).
    Text,
    /// Only the places each fact read, from which a finding's paths come
    /// (`super::check_places`): no text, no values written.
    Places,
}

impl Detail {
    /// Whether the words of facts and reasons are written (`WORDS`: never in the lint module).
    pub fn writes_words(self) -> bool {
        super::WORDS && self == Detail::Words
    }

    /// Whether only the places of facts are kept: no text, value, message or reason.
    pub fn places_only(self) -> bool {
        self == Detail::Places
    }
}

pub struct Explainer<'p> {
    pub program: &'p Program,
    pub detail: Detail,
}

impl<'p> Explainer<'p> {
    /// `write()`, or nothing when the facts are kept without their words.
    fn say(&self, write: impl FnOnce() -> String) -> String {
        if self.detail.writes_words() {
            write()
        } else {
            String::new()
        }
    }

    /// `write()`, or nothing when only the facts' places are kept.
    fn written(&self, write: impl FnOnce() -> String) -> String {
        if self.detail.places_only() {
            String::new()
        } else {
            write()
        }
    }

    fn text(&self, node: &Node) -> String {
        self.written(|| normalise(self.program.text(node.span)))
    }

    /// A value as a fact shows it (`display`), or nothing when only places are kept.
    fn shown(&self, v: &Value, ty: &crate::ir::Type) -> String {
        self.written(|| display(v, ty, &self.program.schema))
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
        let path = match &node.kind {
            // `a ?? b` read `b` when `a` was absent.
            // A constant default has no place: the missing field is the one to fill in.
            NodeKind::Coalesce(a, b) => match eval(a, env)? {
                Value::Absent => place(b, paths).or_else(|| place(a, paths)),
                _ => place(a, paths),
            },
            _ => place(node, paths),
        };
        Ok(Some(FactValue {
            text: self.text(node),
            words: self.say(|| super::words::phrase(node, &self.program.schema)),
            path,
            value: self.shown(&v, &node.ty),
        }))
    }

    /// One fact: `node` as written, whether it held, and the values its operands read.
    fn atom<I>(
        &self,
        node: &'p Node,
        holds: bool,
        operands: I,
        env: &mut Env<'p>,
        paths: &mut Paths,
        out: &mut Vec<Fact>,
    ) -> EResult<()>
    where
        I: ExactSizeIterator<Item = &'p Node>,
    {
        let mut values = Vec::with_capacity(operands.len());
        let mut own_text = None;
        for o in operands {
            if let Some(v) = self.operand(o, env, paths)? {
                if std::ptr::eq(o, node) {
                    own_text = Some(v.text.clone());
                }
                values.push(v);
            }
            if let NodeKind::Aggregate(agg) = &o.kind {
                if matches!(agg.op, AggOp::Count | AggOp::Sum | AggOp::Min | AggOp::Max) {
                    // Name the list's place with the items that were counted or summed instead.
                    let list_path = path_of(&agg.list, paths);
                    values.retain(|v| v.path.is_none() || v.path != list_path);
                    self.items(agg, env, paths, &mut values)?;
                }
            }
        }
        out.push(Fact {
            text: own_text.unwrap_or_else(|| self.text(node)),
            words: self.say(|| super::words::condition(node, &self.program.schema)),
            holds,
            values,
        });
        Ok(())
    }

    /// The items an aggregate took in, each with its value and place.
    fn items(
        &self,
        agg: &'p crate::ir::Aggregate,
        env: &mut Env<'p>,
        paths: &mut Paths,
        out: &mut Vec<FactValue>,
    ) -> EResult<()> {
        let items = list(&agg.list, env)?;
        let list_path = path_of(&agg.list, paths);
        // The item's place goes in the aggregate's slot while it is read, and the slot's own
        // place comes back afterwards.
        let saved = paths.get_mut(agg.slot as usize).and_then(Option::take);
        let result = self.each_item(agg, items, list_path.as_deref(), env, paths, out);
        if let Some(s) = paths.get_mut(agg.slot as usize) {
            *s = saved;
        }
        result
    }

    fn each_item(
        &self,
        agg: &'p crate::ir::Aggregate,
        items: &'p [Value],
        list_path: Option<&str>,
        env: &mut Env<'p>,
        paths: &mut Paths,
        out: &mut Vec<FactValue>,
    ) -> EResult<()> {
        for (i, item) in items.iter().enumerate() {
            if agg.case.is_some_and(|c| case_of(item) != Some(c)) {
                continue;
            }
            env.set(agg.slot, item);
            set_item_path(paths, agg.slot, list_path, i);
            if let Some(f) = &agg.filter {
                if !truth(f, env)? {
                    continue;
                }
            }
            match &agg.body {
                Some(b) => {
                    let v = eval(b, env)?;
                    let path = path_of(b, paths);
                    out.push(FactValue {
                        text: self.text(b),
                        words: self.say(|| {
                            path.as_deref().map_or_else(
                                || super::words::phrase(b, &self.program.schema),
                                |p| super::words::place_in(p, self.program),
                            )
                        }),
                        path,
                        value: self.shown(&v, &b.ty),
                    });
                }
                None => {
                    let p = paths.get(agg.slot as usize).cloned().flatten();
                    let v = self.shown(item, &agg.list_elem_type());
                    out.push(FactValue {
                        text: self.written(|| p.clone().unwrap_or_default()),
                        words: self.say(|| {
                            p.as_deref()
                                .map(|p| super::words::place_in(p, self.program))
                                .unwrap_or_default()
                        }),
                        path: p,
                        value: v,
                    });
                }
            }
        }
        Ok(())
    }

    /// The facts that made `node` come out as it did, appended to `out`.
    pub fn facts(
        &self,
        node: &'p Node,
        env: &mut Env<'p>,
        paths: &mut Paths,
        out: &mut Vec<Fact>,
    ) -> EResult<()> {
        let holds = truth(node, env)?;
        match &node.kind {
            NodeKind::Not(inner) => self.facts(inner, env, paths, out),
            NodeKind::And(items) | NodeKind::Or(items) => {
                let is_and = matches!(node.kind, NodeKind::And(_));
                // The deciding operand alone when one operand settles it; otherwise all of them.
                let short_circuits = holds != is_and;
                for i in items {
                    if short_circuits {
                        if truth(i, env)? == holds {
                            return self.facts(i, env, paths, out);
                        }
                    } else {
                        self.facts(i, env, paths, out)?;
                    }
                }
                Ok(())
            }
            NodeKind::Implies(a, b) => {
                let a_holds = truth(a, env)?;
                if !holds {
                    self.facts(a, env, paths, out)?;
                    self.facts(b, env, paths, out)
                } else if !a_holds {
                    self.facts(a, env, paths, out)
                } else {
                    self.facts(b, env, paths, out)
                }
            }
            NodeKind::Compare(_, a, b) => {
                self.atom(node, holds, [&**a, &**b].into_iter(), env, paths, out)
            }
            NodeKind::InSet { value, .. } | NodeKind::Is(value, _) => {
                self.atom(node, holds, std::iter::once(&**value), env, paths, out)
            }
            NodeKind::InList { value, list } => self.atom(
                node,
                holds,
                [&**value, &**list].into_iter(),
                env,
                paths,
                out,
            ),
            NodeKind::Call(_, args) => self.atom(node, holds, args.iter(), env, paths, out),
            NodeKind::Aggregate(agg) if matches!(agg.op, AggOp::Any | AggOp::All) => {
                // any() that holds and all() that fails each have one item that decides them.
                let decided_by_one = (agg.op == AggOp::Any) == holds;
                self.atom(node, holds, std::iter::once(&agg.list), env, paths, out)?;
                if !decided_by_one {
                    return Ok(());
                }
                let items = list(&agg.list, env)?;
                let list_path = path_of(&agg.list, paths);
                for (i, item) in items.iter().enumerate() {
                    if agg.case.is_some_and(|c| case_of(item) != Some(c)) {
                        continue;
                    }
                    env.set(agg.slot, item);
                    set_item_path(paths, agg.slot, list_path.as_deref(), i);
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
                        if let Some(f) = &agg.filter {
                            self.facts(f, env, paths, out)?;
                        }
                        if let Some(b) = &agg.body {
                            self.facts(b, env, paths, out)?;
                        } else if let Some(p) = paths.get(agg.slot as usize).cloned().flatten() {
                            let v = self.shown(item, &agg.list_elem_type());
                            out.push(Fact {
                                text: self.written(|| p.clone()),
                                words: self.say(|| super::words::place_in(&p, self.program)),
                                holds: true,
                                values: vec![FactValue {
                                    text: self.written(|| p.clone()),
                                    words: self.say(|| super::words::place_in(&p, self.program)),
                                    path: Some(p),
                                    value: v,
                                }],
                            });
                        }
                        return Ok(());
                    }
                }
                Ok(())
            }
            _ => {
                let is_bool = matches!(eval(node, env)?, Value::Bool(_));
                let at = out.len();
                self.atom(node, holds, std::iter::once(node), env, paths, out)?;
                if is_bool {
                    if let Some(f) = out.get_mut(at) {
                        f.values.retain(|fv| fv.path.is_some());
                    }
                }
                Ok(())
            }
        }
    }
}

/// Puts `list[i]` (or nothing, when the list has no place) in a slot's path, reusing its buffer.
fn set_item_path(paths: &mut Paths, slot: u32, list_path: Option<&str>, i: usize) {
    if let Some(s) = paths.get_mut(slot as usize) {
        match (list_path, s.as_mut()) {
            (None, _) => *s = None,
            (Some(p), Some(buf)) => {
                buf.clear();
                buf.push_str(p);
                push_index(buf, i);
            }
            (Some(p), None) => {
                let mut buf = String::with_capacity(p.len() + 4);
                buf.push_str(p);
                push_index(&mut buf, i);
                *s = Some(buf);
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

#[cfg(test)]
mod tests {
    use super::{normalise, push_index};

    fn reference(source: &str) -> String {
        source.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn normalise_is_split_whitespace_joined_by_spaces() {
        let alphabet = [
            " ", " ", "a", "b", "x", "\t", "\n", "\r", "\x0B", "\x0C", "\x1F", "\u{A0}", "é", "==",
        ];
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..20_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let len = (seed % 40) as usize;
            let mut text = String::new();
            let mut s = seed;
            for _ in 0..len {
                s = s.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                // Every other text only letters and spaces, to reach the already-normal path.
                let n = if seed & 1 == 0 { 5 } else { alphabet.len() };
                let pick = (s >> 33) as usize % n;
                text.push_str(alphabet.get(pick).copied().unwrap_or(" "));
            }
            assert_eq!(normalise(&text), reference(&text), "{text:?}");
        }
        for text in [
            "",
            " ",
            "a",
            "a b",
            "abcdefgh ijklmnop",
            "abcdefg  h",
            "abcdefgh  ij",
        ] {
            assert_eq!(normalise(text), reference(text), "{text:?}");
        }
    }

    #[test]
    fn push_index_writes_brackets_and_decimal() {
        for i in [0, 1, 9, 10, 99, 100, 12_345, usize::MAX] {
            let mut s = String::from("a");
            push_index(&mut s, i);
            assert_eq!(s, format!("a[{i}]"));
        }
    }
}
