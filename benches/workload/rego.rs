//! The benchmark subset in Rego, run by regorus: one engine per rulebook, the policy loaded once;
//! a check sets the input and evaluates `data.probity.<rulebook>.findings`.

use super::Kind;

pub struct Policy {
    pub engine: regorus::Engine,
    rule: String,
}

impl Policy {
    pub fn load(kind: Kind) -> Policy {
        let path = super::dir().join(format!("{}.rego", kind.name()));
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let mut engine = regorus::Engine::new();
        engine
            .add_policy(path.display().to_string(), text)
            .unwrap_or_else(|e| panic!("{} does not load: {e}", path.display()));
        Policy {
            engine,
            rule: format!("data.probity.{}.findings", kind.name()),
        }
    }

    /// Check one document already converted to a regorus value.
    pub fn check(&mut self, input: &regorus::Value) -> regorus::Value {
        self.engine.set_input(input.clone());
        self.engine
            .eval_rule(self.rule.clone())
            .unwrap_or_else(|e| regorus::Value::String(format!("error: {e}").into()))
    }
}

/// A JSON document as a regorus value (done once, outside the timings).
pub fn input(json: &serde_json::Value) -> regorus::Value {
    regorus::Value::from_json_str(&json.to_string()).unwrap_or(regorus::Value::Undefined)
}
