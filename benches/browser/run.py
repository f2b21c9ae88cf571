#!/usr/bin/env python3
"""Checks/s of the release WASM in headless Chromium, on the benchmark workload.

    PROBITY_BENCH_MODULE=1 .ci/serve --build-only   # builds www/pkg with the bench module
    python3 benches/browser/run.py    # prints one JSON line of figures

Generates the orders with the compare bench's generator (`cargo bench --bench compare --
--emit-jsonl N`, the same seed as the native figures), serves the repository root on
127.0.0.1, opens benches/browser/index.html in headless Chromium (/usr/bin/chromium, or
$CHROMIUM), waits for the page to post its figures, and prints them. Needs no npm package.
Then runs the same `batch::check_lines` natively (`cargo bench --bench compare -- --lines N`)
and prints the WASM/native ratios (`ratio_decide`, `ratio_report`: native ÷ WASM throughput).
Options: --documents N (default 2000), --timeout SECONDS (default 300), --pkg DIR (the
wasm-bindgen output to load instead of www/pkg), --no-native, --jsonl FILE (check these
documents instead of generating them: to compare two builds on the same input).
"""
import argparse
import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--documents", type=int, default=2000)
    ap.add_argument("--timeout", type=float, default=300)
    ap.add_argument("--pkg", default=os.path.join(ROOT, "www/pkg"))
    ap.add_argument("--no-native", action="store_true", help="skip the native run (no ratio)")
    ap.add_argument("--jsonl", help="check the documents of this JSON Lines file instead of generating them")
    args = ap.parse_args()
    pkg = os.path.abspath(args.pkg)
    wasm = os.path.join(pkg, "probity_bench_bg.wasm")
    if not os.path.exists(wasm):
        sys.exit(f"{wasm} is missing: run `PROBITY_BENCH_MODULE=1 .ci/serve --build-only` first")
    if args.jsonl:
        with open(args.jsonl, "rb") as f:
            jsonl = f.read()
    else:
        jsonl = subprocess.run(
            ["cargo", "bench", "-q", "--bench", "compare", "--", "--emit-jsonl", str(args.documents)],
            cwd=ROOT, check=True, stdout=subprocess.PIPE,
        ).stdout
    result = {}
    done = threading.Event()

    class Handler(http.server.SimpleHTTPRequestHandler):
        extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                          ".wasm": "application/wasm", ".js": "text/javascript"}

        def __init__(self, *a, **kw):
            super().__init__(*a, directory=ROOT, **kw)

        def translate_path(self, path):
            if path.startswith("/pkg/"):
                return os.path.join(pkg, os.path.basename(path.split("?")[0]))
            return super().translate_path(path)

        def do_GET(self):
            if self.path == "/workload.jsonl":
                self.send_response(200)
                self.send_header("Content-Type", "application/x-ndjson")
                self.send_header("Content-Length", str(len(jsonl)))
                self.end_headers()
                self.wfile.write(jsonl)
                return
            super().do_GET()

        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            result.update(json.loads(body or b"{}"))
            self.send_response(204)
            self.end_headers()
            done.set()

        def log_message(self, *a):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/benches/browser/index.html"
    profile = tempfile.mkdtemp(prefix="probity-chromium-")
    chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    browser = subprocess.Popen(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
         "--no-first-run", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", f"--user-data-dir={profile}", "--remote-debugging-port=0", url],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        if not done.wait(args.timeout):
            sys.exit(f"no result from the page within {args.timeout} s")
    finally:
        browser.terminate()
        try:
            browser.wait(10)
        except subprocess.TimeoutExpired:
            browser.kill()
        server.shutdown()
        shutil.rmtree(profile, ignore_errors=True)
    result["wasm_bytes"] = os.path.getsize(wasm)
    if "error" not in result and not args.no_native:
        # The same work natively, right after, on the same machine: the WASM/native ratio.
        native = json.loads(subprocess.run(
            ["cargo", "bench", "-q", "--bench", "compare", "--", "--lines", str(args.documents)],
            cwd=ROOT, check=True, stdout=subprocess.PIPE,
        ).stdout)
        if native["findings"] != result.get("lines_findings"):
            sys.exit(f"native and WASM disagree on findings: {native} vs {result}")
        result["native_decide_per_sec"] = native["decide_per_sec"]
        result["native_report_per_sec"] = native["report_per_sec"]
        result["ratio_decide"] = round(native["decide_per_sec"] / result["lines_decide_per_sec"], 2)
        result["ratio_report"] = round(native["report_per_sec"] / result["lines_report_per_sec"], 2)
    print(json.dumps(result))
    if "error" in result:
        sys.exit(1)


if __name__ == "__main__":
    main()
