// Test harness for the page: serves www/ with .ci/serve on a local port and launches Debian's
// Chromium through playwright-core (never a downloaded browser). Records every request so tests
// can prove nothing leaves the page's origin.
import { before, after } from "node:test";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { chromium } from "playwright-core";

export const ROOT = process.env.PAGE_ROOT ? path.resolve(process.env.PAGE_ROOT) : path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const PORT = Number(process.env.PAGE_PORT || 8765);
export const ORIGIN = `http://127.0.0.1:${PORT}`;

export const CHROMIUM_ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--no-first-run",
];

export async function startServer() {
  const server = spawn(path.join(ROOT, ".ci/serve"), ["--no-build"], {
    cwd: ROOT, env: { ...process.env, PORT: String(PORT) }, stdio: ["ignore", "ignore", "inherit"],
  });
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      const res = await fetch(`${ORIGIN}/pkg/probity_bg.wasm`, { method: "HEAD" });
      if (res.ok) break;
    } catch { /* not up yet */ }
    if (Date.now() > deadline) {
      server.kill();
      throw new Error(`the page server did not start on ${ORIGIN}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return server;
}

export function launch() {
  return chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args: CHROMIUM_ARGS });
}

/** A fresh context and page; `requests` collects every URL the page asks for, `problems` every
 *  page error and CSP violation reported on the console. */
export async function open(browser, hash = "#/check", options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, ...options });
  const page = await context.newPage();
  const requests = [];
  const problems = [];
  page.on("request", (r) => requests.push(r.url()));
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error" || /Content.Security.Policy/i.test(m.text())) problems.push(`console ${m.type()}: ${m.text()}`);
  });
  await page.goto(`${ORIGIN}/${hash}`);
  await ready(page);
  return { context, page, requests, problems };
}

export async function ready(page) {
  await page.waitForSelector("html[data-ready=true]", { timeout: 15_000 });
}

/** The rule editor (CodeMirror) started again from the shipped rulebook `base`, compiled. */
export async function editorFrom(page, base) {
  await page.waitForSelector("#editor-host[data-editor=codemirror]");
  await page.selectOption("#editor-base", base);
  await page.click("#editor-reset");
  await page.waitForSelector("#compile-ok");
}

/** The element whose id is exactly `id` (ids hold JSON paths, so no CSS escaping games). */
export function byId(page, id) {
  return page.locator(`[id="${id}"]`);
}

/// One test file's browser and server, started before its tests and stopped after them; every
/// request any page makes is recorded in `allRequests` (for the same-origin checks).
export function suite() {
  let server;
  let browser;
  const allRequests = [];
  before(async () => {
    server = await startServer();
    browser = await launch();
  });
  after(async () => {
    if (browser) await browser.close();
    if (server) server.kill();
  });
  async function session(hash, options) {
    const s = await open(browser, hash, options);
    allRequests.push(...s.requests);
    s.page.on("request", (r) => allRequests.push(r.url()));
    return s;
  }
  return { session, allRequests };
}
