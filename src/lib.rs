//! probity: a policy-rules engine for probation law in England and Wales.
//! The pipeline runs one way: syntax -> check -> ir -> eval; see ARCHITECTURE.md.

// A Diagnostic is returned only on the cold error path, and keeping it plain data (not boxed)
// keeps every stage's signature simple.
#![allow(clippy::result_large_err)]
// No panics reachable from input (ARCHITECTURE.md, docs/SECURITY.md): outside tests, no
// unwrap/expect/panic!/unchecked indexing; the few audited exceptions carry an `allow` and are
// listed in docs/SECURITY.md.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

// The WebAssembly modules' allocator: talc, in place of Rust's default there (dlmalloc), is
// smaller and faster (docs/PERFORMANCE.md). The modules are single-threaded, as talc's needs.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

pub mod analyze;
pub mod api;
pub mod batch;
pub mod check;
pub mod compiled;
pub mod dates;
pub mod diag;
pub mod doc;
pub mod eval;
pub mod explore;
pub mod ir;
/// The language server (`probity lsp`): a face, like the CLI, over `api` only.
#[cfg(all(feature = "cli", not(target_arch = "wasm32")))]
pub mod lsp;
pub mod phrases;
pub mod report;
pub mod syntax;
pub mod vocab;
#[cfg(target_arch = "wasm32")]
pub mod wasm;
#[cfg(all(target_arch = "wasm32", feature = "editor"))]
pub mod wasm_editor;
#[cfg(all(target_arch = "wasm32", feature = "explore"))]
pub mod wasm_explore;
