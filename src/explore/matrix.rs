//! The compatibility matrix: for the facts of a document, each case alone and each pair of cases together (default lawful parameters), lawful or not, and the rules that forbid each forbidden pair.

use super::{error_rules, Explorer};
use crate::ir::Value;
use serde::Serialize;
use serde_json::Value as Json;

#[derive(Clone, Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Matrix {
    pub list: String,
    pub cases: Vec<String>,
    /// The default item of each case (the parameters that suit the facts best).
    pub defaults: Vec<Json>,
    /// Each case on its own, in case order.
    pub alone: Vec<SingleCell>,
    /// Every pair of different cases (`a` before `b` in case order).
    pub pairs: Vec<PairCell>,
    /// Empty facts taken as given: the rules waiting on them are in no cell above.
    pub missing: Vec<super::MissingFact>,
}

#[derive(Clone, Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct SingleCell {
    pub case: String,
    pub lawful: bool,
    /// Rules with error findings for the facts with this item alone.
    pub rules: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct PairCell {
    pub a: String,
    pub b: String,
    /// Both items together leave the document free of error findings.
    pub lawful: bool,
    /// Rules with error findings for the pair.
    pub rules: Vec<String>,
    /// Those of `rules` that neither item gives on its own: what forbids the combination as such.
    pub pair_rules: Vec<String>,
}

impl Explorer<'_> {
    /// Which pairs of cases may be combined for the facts of `doc` (its list is ignored).
    pub fn matrix(&self, doc: &Value) -> Matrix {
        let (base, defaults) = self.defaults(doc);
        let items: Vec<Value> = defaults.iter().map(|(v, _)| v.clone()).collect();
        let mut alone = Vec::new();
        let mut alone_rules = Vec::new();
        for (c, item) in items.iter().enumerate() {
            let r = error_rules(&self.check(&self.with_items(&base, vec![item.clone()])));
            alone.push(SingleCell {
                case: self.case_name(c as u32),
                lawful: r.is_empty(),
                rules: r.iter().cloned().collect(),
            });
            alone_rules.push(r);
        }
        let mut pairs = Vec::new();
        for (a, ia) in items.iter().enumerate() {
            for (b, ib) in items.iter().enumerate().skip(a + 1) {
                let r =
                    error_rules(&self.check(&self.with_items(&base, vec![ia.clone(), ib.clone()])));
                let pair_rules = r
                    .iter()
                    .filter(|x| {
                        !alone_rules.get(a).is_some_and(|s| s.contains(*x))
                            && !alone_rules.get(b).is_some_and(|s| s.contains(*x))
                    })
                    .cloned()
                    .collect();
                pairs.push(PairCell {
                    a: self.case_name(a as u32),
                    b: self.case_name(b as u32),
                    lawful: r.is_empty(),
                    rules: r.into_iter().collect(),
                    pair_rules,
                });
            }
        }
        Matrix {
            list: self.list.field.clone(),
            cases: self.list.cases.clone(),
            defaults: items.iter().map(|i| self.item_json(i)).collect(),
            alone,
            pairs,
            missing: Vec::new(),
        }
    }

    pub fn matrix_json(&self, json: &Json) -> Result<Matrix, super::Refusal> {
        let as_is = self.read_as_is(json)?;
        let mut m = self.matrix(&self.given(&as_is));
        m.missing = self.missing(&as_is);
        Ok(m)
    }
}
