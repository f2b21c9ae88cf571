#!/usr/bin/env python3
"""What each byte of a WASM module buys: section sizes, and code bytes per crate and module path
(from the `name` section, so run it on cargo's output before wasm-bindgen strips the names:
target/wasm32-unknown-unknown/release/probity.wasm), each also gzipped (-9) on its own, which
over-counts a little against the whole module gzipped but ranks the parts the same way.

    python3 benches/browser/wasm_sizes.py MODULE.wasm [--depth N] [--top N] [--owners]

`--owners` sums the code by what it is for (the parser, the checker, the analysis, ...: OWNERS
below) and prints a Markdown table. Generic code (sorts, B-trees, vectors) is counted with the
crate's own type it was instantiated for when the names carry their generic arguments: build with
`RUSTFLAGS="-C symbol-mangling-version=v0"` and run on `wasm-bindgen --target web` output kept
with its names (no `--remove-name-section`), which also demangles them; what is left unowned is
std's, serde's or instantiated for std's types only (String, usize, ...). `twiggy top` and
`twiggy dominators` (`cargo install twiggy`) read the same files, per function.

No dependencies: this reads the binary format itself."""
import gzip
import re
import sys
from collections import defaultdict


def leb(buf, i):
    result = shift = 0
    while True:
        b = buf[i]
        i += 1
        result |= (b & 0x7F) << shift
        shift += 7
        if b < 0x80:
            return result, i


def sections(buf):
    i = 8
    while i < len(buf):
        sid = buf[i]
        size, j = leb(buf, i + 1)
        yield sid, buf[j:j + size], i, j + size
        i = j + size


NAMES = {0: "custom", 1: "type", 2: "import", 3: "function", 4: "table", 5: "memory", 6: "global",
         7: "export", 8: "start", 9: "element", 10: "code", 11: "data", 12: "datacount"}


def demangle_path(name):
    """A Rust symbol's path, roughly: `_ZN5serde2de...E` legacy mangling -> a::b::c (a name
    wasm-bindgen has demangled already loses only its crates' `[hash]`)."""
    m = re.match(r"_ZN(.*)E$", name)
    if not m:
        return re.sub(r"\[[0-9a-f]+\]", "", name)
    s, parts, i = m.group(1), [], 0
    while i < len(s) and s[i].isdigit():
        j = i
        while s[j].isdigit():
            j += 1
        n = int(s[i:j])
        parts.append(s[j:j + n])
        i = j + n
    parts = [p for p in parts if not re.fullmatch(r"h[0-9a-f]{16}", p)]
    return "::".join(parts)


def group_of(path, depth):
    path = path.replace("$LT$", "<").replace("$GT$", ">").replace("$u20$", " ").replace("..", "::")
    path = re.sub(r"^_<|^<", "", path)
    parts = [p for p in re.split(r"::| as ", path) if p]
    return "::".join(parts[:depth]) if parts else "?"


# What the code is for, first match wins; a name is matched whole, generic arguments included.
OWNERS = [
    ("parser (rule text to syntax tree: pest's grammar, `src/syntax`)", r"probity::syntax|^<?pest|[<:]pest::"),
    ("checker (syntax tree to IR, `src/check`)", r"probity::check"),
    ("editor's smarts (hover, completion, definition, describe, plan)", r"probity::api::editor|probity::plan"),
    ("static analysis (`src/analyze`)", r"probity::analyze"),
    ("explorer (`src/explore`)", r"probity::explore"),
    ("evaluation, reports and their words (`src/eval`, phrases, doc, dates)", r"probity::(eval|phrases|report|doc|dates)"),
    ("compiled rulebooks (`src/compiled.rs`, postcard, sha2)", r"probity::compiled|postcard|sha2"),
    ("IR, diagnostics, the api door, the wasm face", r"probity::"),
    ("serde, serde_json", r"serde"),
    ("decimals and dates (rust_decimal, chrono)", r"rust_decimal|chrono"),
    ("wasm-bindgen, js-sys", r"wasm_bindgen|js_sys"),
    ("allocator (dlmalloc)", r"dlmalloc"),
    ("std's formatting (`core::fmt`, float printing)", r"core::fmt|alloc::fmt|flt2dec"),
]


def owner_of(name):
    for label, pattern in OWNERS:
        if re.search(pattern, name):
            return label
    return "std's generic code for std's types (sorts, B-trees, vectors, hashing), and the rest"


def owners_table(bodies, names, imported, data, gz):
    groups = defaultdict(list)
    for k, b in enumerate(bodies):
        groups[owner_of(demangle_path(names.get(imported + k, "?")))].append(b)
    rows = [(gz(b"".join(bs)), sum(map(len, bs)), g) for g, bs in groups.items()]
    rows.append((gz(data), len(data), "data (messages, words, tables)"))
    parts = sum(z for z, _, _ in rows)
    print(f"\n| owner | raw B | gzipped alone B | share |\n|---|--:|--:|--:|")
    for z, raw, g in sorted(rows, reverse=True):
        print(f"| {g} | {raw:,} | {z:,} | {100 * z / parts:.0f}% |")


def main():
    args = sys.argv[1:]
    depth = int(args[args.index("--depth") + 1]) if "--depth" in args else 2
    top = int(args[args.index("--top") + 1]) if "--top" in args else 25
    path = args[0]
    owners = "--owners" in args
    buf = open(path, "rb").read()
    gz = lambda b: len(gzip.compress(bytes(b), 9))
    print(f"{path}: {len(buf):,} B, {gz(buf):,} B gzipped")
    bodies, imported, names, data = [], 0, {}, b""
    for sid, body, start, end in sections(buf):
        label = NAMES.get(sid, str(sid))
        if sid == 0:
            n, k = leb(body, 0)
            label = "custom " + body[k:k + n].decode("utf-8", "replace")
            if label == "custom name":
                k += n
                while k < len(body):
                    sub = body[k]
                    size, k2 = leb(body, k + 1)
                    if sub == 1:
                        count, p = leb(body, k2)
                        for _ in range(count):
                            idx, p = leb(body, p)
                            ln, p = leb(body, p)
                            names[idx] = body[p:p + ln].decode("utf-8", "replace")
                            p += ln
                    k = k2 + size
        if sid == 2:
            count, p = leb(body, 0)
            for _ in range(count):
                for _ in range(2):
                    ln, p = leb(body, p)
                    p += ln
                kind = body[p]
                p += 1
                if kind == 0:
                    _, p = leb(body, p)
                    imported += 1
                elif kind == 1:
                    p += 1
                    flags = body[p]
                    _, p = leb(body, p + 1)
                    if flags & 1:
                        _, p = leb(body, p)
                elif kind == 2:
                    flags = body[p]
                    _, p = leb(body, p + 1)
                    if flags & 1:
                        _, p = leb(body, p)
                elif kind == 3:
                    p += 2
        if sid == 11:
            data = body
        if sid == 10:
            count, p = leb(body, 0)
            for _ in range(count):
                size, q = leb(body, p)
                bodies.append(body[q:q + size])
                p = q + size
        print(f"  section {label:24} {end - start:>10,} B {gz(buf[start:end]):>9,} B gzipped")
    if not names:
        print("  (no name section: code is not split by crate)")
        return
    if owners:
        owners_table(bodies, names, imported, data, gz)
        return
    groups = defaultdict(list)
    for k, b in enumerate(bodies):
        groups[group_of(demangle_path(names.get(imported + k, "?")), depth)].append(b)
    rows = sorted(((sum(map(len, bs)), gz(b"".join(bs)), g, len(bs)) for g, bs in groups.items()), reverse=True)
    print(f"  code by path (first {depth} parts), top {top}: raw B, gzipped B, functions")
    for raw, z, g, n in rows[:top]:
        print(f"    {raw:>9,} {z:>8,} {n:>5}  {g}")


main()
