// Measures the page: the gzipped size of the .wasm modules and of everything the order checker loads
// before its first findings (the idle fetches come after), and
// the time from navigation to the first findings shown (the page's `probity:first-findings`
// performance mark), as the median of several cold loads in headless Chromium.
// Run after `.ci/serve --build-only`:  cd tests/page && node measure.mjs [loads]
import { gzipSync } from "node:zlib";
import { readFileSync } from "node:fs";
import path from "node:path";
import { startServer, launch, ORIGIN, ROOT } from "./harness.mjs";

const loads = Number(process.argv[2] || 9);
const server = await startServer();
const browser = await launch();
try {
  const times = [];
  let files = [];
  for (let i = 0; i < loads; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const urls = new Set();
    page.on("requestfinished", (r) => urls.add(r.url()));
    await page.goto(`${ORIGIN}/#/check`);
    await page.waitForSelector("#verdict");
    const t = await page.evaluate(() => performance.getEntriesByName("probity:first-findings")[0]?.startTime);
    times.push(t);
    files = [...urls].filter((u) => u.startsWith(ORIGIN)).map((u) => new URL(u).pathname.replace(/\/$/, "/index.html"));
    await context.close();
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  const gz = (p) => gzipSync(readFileSync(path.join(ROOT, "www", p)), { level: 9 }).length;
  const raw = (p) => readFileSync(path.join(ROOT, "www", p)).length;
  const total = files.reduce((n, f) => n + gz(f), 0);
  const totalRaw = files.reduce((n, f) => n + raw(f), 0);
  console.log(`wasm (start-up module): ${raw("pkg/probity_bg.wasm")} bytes, ${gz("pkg/probity_bg.wasm")} gzipped`);
  console.log(`wasm (tools module, loaded later): ${raw("pkg/probity_tools_bg.wasm")} bytes, ${gz("pkg/probity_tools_bg.wasm")} gzipped`);
  console.log(`page (${files.length} files loaded by #/check): ${totalRaw} bytes, ${total} gzipped`);
  console.log(`navigation to first findings: median ${median.toFixed(0)} ms over ${loads} loads (min ${times[0].toFixed(0)}, max ${times[times.length - 1].toFixed(0)})`);
} finally {
  await browser.close();
  server.kill();
}
