//! Syntax: rule text to an AST with byte spans, parse diagnostics, and the canonical layout
//! (`format`). Knows nothing of types.

pub mod ast;
pub mod format;
pub mod parse;

pub use format::format;
pub use parse::{parse_expr_at, parse_file};
