//! A small JSON reader for the documents written inside rule files: the tree with the byte
//! place of every key and string (the parser keeps `serde_json::Value`, which has none), so a
//! field's or enum value's uses in examples and tests are found and renamed. Lenient: it stops
//! at the first thing it does not read and returns what it has.

/// A JSON value with the places (relative to the text read) of keys and strings, inside the
/// quotes.
#[derive(Debug)]
pub enum Node {
    Object(Vec<(String, (u32, u32), Node)>),
    Array(Vec<Node>),
    Str(String, (u32, u32)),
    Other,
}

pub struct Scanner<'a> {
    bytes: &'a [u8],
    text: &'a str,
    at: usize,
    depth: usize,
}

const MAX_DEPTH: usize = 64;

impl<'a> Scanner<'a> {
    pub fn new(text: &'a str) -> Scanner<'a> {
        Scanner {
            bytes: text.as_bytes(),
            text,
            at: 0,
            depth: 0,
        }
    }

    fn skip_space(&mut self) {
        while self
            .bytes
            .get(self.at)
            .is_some_and(|b| b.is_ascii_whitespace())
        {
            self.at += 1;
        }
    }

    fn eat(&mut self, b: u8) -> bool {
        self.skip_space();
        if self.bytes.get(self.at) == Some(&b) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    pub fn value(&mut self) -> Option<Node> {
        self.skip_space();
        match self.bytes.get(self.at)? {
            b'{' => self.nested(Self::object),
            b'[' => self.nested(Self::array),
            b'"' => self.string().map(|(s, at)| Node::Str(s, at)),
            _ => {
                while self
                    .bytes
                    .get(self.at)
                    .is_some_and(|b| !matches!(b, b',' | b'}' | b']') && !b.is_ascii_whitespace())
                {
                    self.at += 1;
                }
                Some(Node::Other)
            }
        }
    }

    fn nested(&mut self, read: fn(&mut Self) -> Option<Node>) -> Option<Node> {
        if self.depth >= MAX_DEPTH {
            return None;
        }
        self.depth += 1;
        let node = read(self);
        self.depth -= 1;
        node
    }

    fn string(&mut self) -> Option<(String, (u32, u32))> {
        if !self.eat(b'"') {
            return None;
        }
        let start = self.at;
        while let Some(b) = self.bytes.get(self.at) {
            match b {
                b'\\' => self.at += 2,
                b'"' => {
                    let s = self.text.get(start..self.at)?.to_string();
                    self.at += 1;
                    return Some((s, (start as u32, (self.at - 1) as u32)));
                }
                _ => self.at += 1,
            }
        }
        None
    }

    fn object(&mut self) -> Option<Node> {
        self.eat(b'{');
        let mut members = Vec::new();
        if self.eat(b'}') {
            return Some(Node::Object(members));
        }
        loop {
            let Some((key, at)) = self.string() else {
                return Some(Node::Object(members));
            };
            if !self.eat(b':') {
                return Some(Node::Object(members));
            }
            let Some(value) = self.value() else {
                return Some(Node::Object(members));
            };
            members.push((key, at, value));
            if !self.eat(b',') {
                self.eat(b'}');
                return Some(Node::Object(members));
            }
        }
    }

    fn array(&mut self) -> Option<Node> {
        self.eat(b'[');
        let mut items = Vec::new();
        if self.eat(b']') {
            return Some(Node::Array(items));
        }
        loop {
            let Some(v) = self.value() else {
                return Some(Node::Array(items));
            };
            items.push(v);
            if !self.eat(b',') {
                self.eat(b']');
                return Some(Node::Array(items));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_strings_keep_their_places() {
        let text = r#"{ "kind": "curfew", "list": [ {"a": 1} ] }"#;
        let Some(Node::Object(m)) = Scanner::new(text).value() else {
            panic!("an object")
        };
        assert_eq!(m[0].0, "kind");
        assert_eq!(&text[m[0].1 .0 as usize..m[0].1 .1 as usize], "kind");
        let Node::Str(s, at) = &m[0].2 else {
            panic!("a string")
        };
        assert_eq!(
            (s.as_str(), &text[at.0 as usize..at.1 as usize]),
            ("curfew", "curfew")
        );
        assert!(matches!(&m[1].2, Node::Array(items) if items.len() == 1));
    }

    #[test]
    fn broken_json_gives_what_was_read() {
        let text = r#"{ "a": 1, "b": "#;
        let Some(Node::Object(m)) = Scanner::new(text).value() else {
            panic!("an object")
        };
        assert_eq!(m.len(), 1);
        let deep = "[".repeat(10_000);
        let _ = Scanner::new(&deep).value();
    }
}
