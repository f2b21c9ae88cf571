//! the language server's JSON-RPC: raw bytes into the framing reader, sessions of messages into
//! the server; never a panic or hang, every request answered.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| probity_fuzz::targets::lsp(data));
