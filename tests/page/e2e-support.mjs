// Shared by the task-based page tests (e2e-*.test.mjs): axe-core on the page as it is (every impact,
// colour contrast on), and the views to visit.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
export const AXE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

/** Every axe-core violation on the page (any impact; WCAG 2.0-2.2 A and AA, with colour
 *  contrast), as "rule (impact): targets" lines. The page's CSP refuses axe's inline script, so
 *  the context is opened with `bypassCSP: true`. */
export async function axeViolations(page) {
  if (!(await page.evaluate(() => typeof window.axe !== "undefined"))) await page.addScriptTag({ content: AXE });
  return page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
      rules: { "color-contrast": { enabled: true } },
    });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 4).map((n) => n.target.join(" ")).join("; ")}`);
  });
}
