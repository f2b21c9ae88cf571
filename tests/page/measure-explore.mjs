// Measures the combination explorer in headless Chromium: the time each part takes in the page
// (the explorer records them on <main data-explore-timings>), above all the exhaustive sweep over
// every combination of requirements (2^22 for the community orders rulebook), as the median of
// several fresh loads of #/explore on the rulebook's 2023 lawful example.
// Run after `.ci/serve --build-only`:  cd tests/page && node measure-explore.mjs [loads]
import { startServer, launch, ORIGIN } from "./harness.mjs";

const loads = Number(process.argv[2] || 9);
const server = await startServer();
const browser = await launch();
try {
  const runs = [];
  for (let i = 0; i < loads; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${ORIGIN}/#/explore`);
    await page.waitForSelector("main[data-explore-done=true]", { timeout: 60_000 });
    runs.push(JSON.parse(await page.evaluate(() => document.querySelector("main").dataset.exploreTimings)));
    if (i === 0) console.log((await page.locator("#sweep-count").innerText()).replace(/\s+/g, " "));
    await context.close();
  }
  const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
  for (const part of Object.keys(runs[0])) {
    const xs = runs.map((r) => r[part]);
    console.log(`${part.padEnd(10)} median ${median(xs).toFixed(1)} ms over ${loads} loads (min ${Math.min(...xs).toFixed(1)}, max ${Math.max(...xs).toFixed(1)})`);
  }
  const totals = runs.map((r) => Object.values(r).reduce((a, b) => a + b, 0));
  console.log(`all parts  median ${median(totals).toFixed(1)} ms`);
} finally {
  await browser.close();
  server.kill();
}
