//! Syntax: rule text to an AST with byte spans, and parse diagnostics. Knows nothing of types.

pub mod ast;
pub mod parse;

pub use parse::{parse_expr_at, parse_file};
