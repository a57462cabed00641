// Runs Lighthouse (mobile, simulated throttling: its defaults) on each address given, in
// one Chromium, and prints one JSON line per address for tools/audit.py.
//   node tools/lighthouse.mjs CHROMIUM FLAGS_JSON PORT URL...   (PORT 0: a free one)
import lighthouse from "lighthouse";
import * as chromeLauncher from "chrome-launcher";

const [chromePath, flagsJson, port, ...urls] = process.argv.slice(2);
const chrome = await chromeLauncher.launch({
  chromePath,
  port: Number(port) || undefined,
  chromeFlags: ["--headless=new", ...JSON.parse(flagsJson)],
});
const categories = ["performance", "accessibility", "best-practices", "seo"];
try {
  // The 404 page is audited as it is (ignoreStatusCode); a failed trace is tried again once.
  const run = (url) => lighthouse(url, {
    port: chrome.port,
    output: "json",
    logLevel: "error",
    onlyCategories: categories,
    ignoreStatusCode: true,
  });
  for (const url of urls) {
    let { lhr } = await run(url);
    if (lhr.runtimeError) ({ lhr } = await run(url));
    const summary = { url, categories: {}, audits: {} };
    for (const name of categories) {
      const category = lhr.categories[name];
      summary.categories[name] = {
        score: category.score,
        refs: category.auditRefs.map((ref) => ({ id: ref.id, weight: ref.weight })),
      };
      for (const ref of category.auditRefs) {
        const audit = lhr.audits[ref.id];
        // Some audits' details hold no list of items (a chain, a screenshot…).
        const items = Array.isArray(audit.details && audit.details.items) ? audit.details.items : [];
        const found = audit.score === 0
          ? items.slice(0, 3).map((item) => item.description || item.url || item.source || "").filter(Boolean)
          : [];
        summary.audits[ref.id] = { score: audit.score, title: audit.title, mode: audit.scoreDisplayMode, found };
      }
    }
    summary.cls = lhr.audits["cumulative-layout-shift"].numericValue ?? null;
    summary.benchmarkIndex = lhr.environment.benchmarkIndex ?? null;
    summary.runtimeError = lhr.runtimeError ? lhr.runtimeError.message : null;
    process.stdout.write(JSON.stringify(summary) + "\n");
  }
} finally {
  await chrome.kill();
}
