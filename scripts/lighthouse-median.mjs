// Prints one line for a page's Lighthouse runs (report JSON files, same page): the median
// performance score with the LCP, CLS and TBT of the run that scored it, and every run's score.
// One run on a shared machine can be off by ten points; Lighthouse's own advice is the median
// of several runs.
//   node scripts/lighthouse-median.mjs run1.json run2.json run3.json
import { readFileSync } from "node:fs";

const runs = process.argv
  .slice(2)
  .flatMap((file) => {
    try {
      const r = JSON.parse(readFileSync(file, "utf8"));
      return r.categories?.performance?.score == null ? [] : [r];
    } catch {
      return [];
    }
  })
  .map((r) => ({ score: Math.round(r.categories.performance.score * 100), audits: r.audits }))
  .sort((a, b) => a.score - b.score);
if (runs.length === 0) {
  console.log("failed");
  process.exit(0);
}
const median = runs[Math.floor((runs.length - 1) / 2)];
const shown = (id) => median.audits[id].displayValue;
console.log(
  `${median.score} (median of ${runs.length}: ${runs.map((r) => r.score).join(", ")}; ` +
    `LCP ${shown("largest-contentful-paint")}, CLS ${shown("cumulative-layout-shift")}, TBT ${shown("total-blocking-time")})`,
);
