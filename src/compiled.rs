//! A rulebook compiled at build time, in a compact binary form the engine loads without parsing
//! or checking (`probity build`; `.ci/serve` writes one `.rules.bin` beside each shipped rule
//! file). The rule text stays the source: the binary holds the SHA-256 of each text it was built
//! from and never the text itself, so loading takes the text too, and a text whose hash differs
//! (a stale build) is refused with an error saying so.
//!
//! Layout: the 8 bytes `PROBITY\0`, then a postcard `Header` (format number, engine version,
//! each source file's name and SHA-256), then the postcard `ir::Program` (every IR type derives
//! serde's `Serialize`/`Deserialize`; `Program::sources` is skipped) and the postcard
//! `ir::Translation` (the text in the language not shown, so a loaded rulebook answers in Welsh
//! as well as a compiled one). postcard because it is
//! small and fast (varints, no field names), `no_std`-friendly, has a documented, stable wire
//! format (1.0), and adds little code to the WASM module; it is not self-describing, so a binary
//! is read only by the engine version that wrote it: the header says which, checked first.

use crate::diag::{SourceFile, Sources};
use crate::ir::{Program, Translation};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

const MAGIC: &[u8; 8] = b"PROBITY\0";
/// Bumped when the layout changes in a way the engine version would not show.
const FORMAT: u32 = 3;
const ENGINE: &str = env!("CARGO_PKG_VERSION");

#[derive(Serialize, Deserialize)]
struct Header {
    format: u32,
    engine: String,
    /// Each source file as (name, SHA-256 of its text), in the program's file order.
    files: Vec<(String, String)>,
}

/// The SHA-256 of a rule file's text, as lower-case hex (as `RulebookInfo::sha256`).
pub fn sha256(text: &str) -> String {
    format!("{:x}", Sha256::digest(text.as_bytes()))
}

/// The binary form of a compiled program and its translation.
pub fn write(program: &Program, translation: &Translation) -> Result<Vec<u8>, String> {
    let header = Header {
        format: FORMAT,
        engine: ENGINE.to_string(),
        files: program
            .sources
            .files
            .iter()
            .map(|f| (f.name.clone(), sha256(&f.text)))
            .collect(),
    };
    let mut out = MAGIC.to_vec();
    out = postcard::to_extend(&header, out).map_err(|e| e.to_string())?;
    out = postcard::to_extend(program, out).map_err(|e| e.to_string())?;
    postcard::to_extend(translation, out).map_err(|e| e.to_string())
}

/// Load a binary with the rule text it was built from (`(name, text)` per file, in the order
/// given to `probity build`). Refuses a binary that is not one, was written by another engine
/// version, or whose texts' hashes differ from the texts given.
pub fn read(binary: &[u8], texts: &[(String, String)]) -> Result<(Program, Translation), String> {
    read_hashed(binary, texts, &|_, text| sha256(text))
}

/// As `read`, with each text's SHA-256 (lower-case hex, `sha256s[i]` for `texts[i]`) computed by
/// the caller: the page's `crypto.subtle.digest`, which runs beside the WASM compile and takes
/// 2-6 ms where the cold WASM module's own hashing took 13-24 (docs/PERFORMANCE.md). The caller
/// vouches that each digest is of its text's UTF-8 bytes; a digest that differs from the one
/// the binary carries is refused with the same words as `read`'s.
pub fn read_with_sha256(
    binary: &[u8],
    texts: &[(String, String)],
    sha256s: &[String],
) -> Result<(Program, Translation), String> {
    if sha256s.len() != texts.len() {
        return Err(format!(
            "{} SHA-256 digest(s) given for {} rule file(s)",
            sha256s.len(),
            texts.len()
        ));
    }
    read_hashed(binary, texts, &|i, _| {
        sha256s
            .get(i)
            .map(|d| d.to_ascii_lowercase())
            .unwrap_or_default()
    })
}

/// `read`, with `hash(i, text)` giving the SHA-256 of the `i`th text, asked for only once the
/// header says the binary is one this engine reads. `dyn`, not generic: one copy of the decoding
/// in the WASM module, not one per caller (a generic one cost the start-up module 2 KB gzipped).
fn read_hashed(
    binary: &[u8],
    texts: &[(String, String)],
    hash: &dyn Fn(usize, &str) -> String,
) -> Result<(Program, Translation), String> {
    let body = binary
        .strip_prefix(MAGIC.as_slice())
        .ok_or("this is not a compiled rulebook (it does not start with PROBITY)")?;
    let (header, body): (Header, &[u8]) = postcard::take_from_bytes(body)
        .map_err(|e| format!("the compiled rulebook's header cannot be read: {e}"))?;
    if header.format != FORMAT || header.engine != ENGINE {
        return Err(format!(
            "the compiled rulebook was built by probity {} (format {}), this is probity {ENGINE} \
             (format {FORMAT}): build it again with `probity build`",
            header.engine, header.format
        ));
    }
    if header.files.len() != texts.len() {
        return Err(format!(
            "the compiled rulebook was built from {} rule file(s), {} given",
            header.files.len(),
            texts.len()
        ));
    }
    for (i, ((name, want), (given, text))) in header.files.iter().zip(texts).enumerate() {
        let got = hash(i, text);
        if &got != want {
            return Err(format!(
                "the compiled rulebook does not match its rule text: it was built from {name} \
                 with SHA-256 {want}, but the text of {given} has SHA-256 {got}; the build is \
                 stale: build it again with `probity build`"
            ));
        }
    }
    let (mut program, rest): (Program, &[u8]) = postcard::take_from_bytes(body)
        .map_err(|e| format!("the compiled rulebook cannot be read: {e}"))?;
    let translation: Translation = postcard::from_bytes(rest)
        .map_err(|e| format!("the compiled rulebook's translation cannot be read: {e}"))?;
    program.sources = Sources {
        files: header
            .files
            .iter()
            .zip(texts)
            .map(|((name, _), (_, text))| SourceFile::new(name.clone(), text.clone()))
            .collect(),
    };
    Ok((program, translation))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::Session;

    fn binary(text: &str) -> Vec<u8> {
        let compiled = Session::compile([("rules/x.rules", text)]);
        compiled.session.expect("compiles").to_binary().unwrap()
    }

    const RULES: &str = include_str!("../rules/post_sentence_supervision.rules");

    #[test]
    fn a_binary_loads_back_to_the_same_program() {
        let compiled = Session::compile([("rules/x.rules", RULES)]);
        let session = compiled.session.expect("compiles");
        let bin = session.to_binary().unwrap();
        let back = read(&bin, &[("rules/x.rules".into(), RULES.into())]).unwrap();
        assert_eq!(format!("{:?}", session.program()), format!("{:?}", back.0));
    }

    #[test]
    fn a_binary_refuses_a_text_it_was_not_built_from() {
        let bin = binary(RULES);
        let edited = format!("{RULES}\n// edited\n");
        let e = read(&bin, &[("rules/x.rules".into(), edited)]).unwrap_err();
        assert!(e.contains("does not match its rule text"), "{e}");
        assert!(e.contains("stale"), "{e}");
    }

    #[test]
    fn a_digest_given_by_the_caller_is_checked_as_the_engine_s_own_would_be() {
        let bin = binary(RULES);
        let texts = [("rules/x.rules".to_string(), RULES.to_string())];
        let own = sha256(RULES);
        let loaded = read_with_sha256(&bin, &texts, std::slice::from_ref(&own)).unwrap();
        assert_eq!(
            format!("{:?}", read(&bin, &texts).unwrap().0),
            format!("{:?}", loaded.0)
        );
        // The digest of another text: refused in the words `read` uses for that text.
        let edited = format!("{RULES}\n// edited\n");
        let edited_texts = [("rules/x.rules".to_string(), edited.clone())];
        let want = read(&bin, &edited_texts).unwrap_err();
        let got = read_with_sha256(&bin, &texts, &[sha256(&edited)]).unwrap_err();
        assert_eq!(got, want);
        // As many digests as texts, or a clear error.
        let e = read_with_sha256(&bin, &texts, &[]).unwrap_err();
        assert!(
            e.contains("0 SHA-256 digest(s) given for 1 rule file(s)"),
            "{e}"
        );
        let e = read_with_sha256(&bin, &texts, &[own.clone(), own]).unwrap_err();
        assert!(e.contains("2 SHA-256 digest(s)"), "{e}");
    }

    #[test]
    fn garbage_and_truncated_binaries_are_refused_not_panics() {
        let bin = binary(RULES);
        let texts = [("rules/x.rules".to_string(), RULES.to_string())];
        assert!(read(b"not a rulebook", &texts).is_err());
        for cut in [8, 20, bin.len() / 2, bin.len() - 1] {
            assert!(read(&bin[..cut], &texts).is_err(), "cut at {cut}");
        }
    }
}
