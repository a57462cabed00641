// Runs Lighthouse (mobile, simulated throttling) on each address given, in one Chromium,
// and prints one JSON line per address for tools/audit.py.
//
// The CPU slowdown is calibrated to the machine, as DevTools' calibration and PageSpeed
// Insights do: Lighthouse's default 4x assumes a host about four times as fast as the
// phone it emulates (benchmark index about 264, DevTools' low-tier device). A host busy
// with other work (CI runs the tests beside the audit) measures a lower index, and 4x of
// it would emulate a far slower phone. Each page is slowed by its host's index / 264
// (at most 4x, at least 1x), from the index measured by the run before it; the first
// page is run once more, to calibrate.
//   node tools/lighthouse.mjs CHROMIUM FLAGS_JSON PORT URL...   (PORT 0: a free one)
import lighthouse from "lighthouse";
import * as constants from "lighthouse/core/config/constants.js";
import * as chromeLauncher from "chrome-launcher";

const [chromePath, flagsJson, port, ...urls] = process.argv.slice(2);
const chrome = await chromeLauncher.launch({
  chromePath,
  port: Number(port) || undefined,
  chromeFlags: ["--headless=new", ...JSON.parse(flagsJson)],
});
const categories = ["performance", "accessibility", "best-practices", "seo"];
try {
  // The 404 page is audited as it is (ignoreStatusCode); a failed trace is tried twice more
  // (Lighthouse's NO_NAVSTART and the like come and go on a busy host).
  const LOW_TIER_INDEX = 264;
  let slowdown = 4;
  const calibrate = (lhr) => {
    const index = lhr.environment.benchmarkIndex;
    if (index) slowdown = Math.min(4, Math.max(1, index / LOW_TIER_INDEX));
  };
  const run = (url) => lighthouse(url, {
    port: chrome.port,
    output: "json",
    logLevel: "error",
    onlyCategories: categories,
    ignoreStatusCode: true,
  }, {
    extends: "lighthouse:default",
    settings: { throttling: { ...constants.throttling.mobileSlow4G, cpuSlowdownMultiplier: slowdown } },
  });
  if (urls.length) calibrate((await run(urls[0])).lhr);
  for (const url of urls) {
    const used = slowdown;
    let { lhr } = await run(url);
    for (let again = 0; again < 2 && lhr.runtimeError; again++) ({ lhr } = await run(url));
    calibrate(lhr);
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
    summary.cpuSlowdown = used;
    summary.runtimeError = lhr.runtimeError ? lhr.runtimeError.message : null;
    process.stdout.write(JSON.stringify(summary) + "\n");
  }
} finally {
  await chrome.kill();
}
