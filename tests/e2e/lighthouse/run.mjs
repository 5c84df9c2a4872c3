// Lighthouse (mobile preset: Moto G Power screen, simulated slow 4G and 4x CPU slowdown)
// on each URL given, in one Chromium (CHROME_PATH, Debian's /usr/bin/chromium; no browser
// is downloaded). Prints {url: {scores, cls, failing}} as JSON on stdout: the category
// scores (0-100), the Cumulative Layout Shift and the audits of those categories that
// did not pass, for the test to report.
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  chromeFlags: [
    '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run',
  ],
});
const results = {};
try {
  for (const url of process.argv.slice(2)) {
    const {lhr} = await lighthouse(url, {
      port: chrome.port, logLevel: 'error', output: 'json', onlyCategories: CATEGORIES,
    });
    const failing = [];
    for (const id of CATEGORIES) {
      for (const ref of lhr.categories[id].auditRefs) {
        const audit = lhr.audits[ref.id];
        if (ref.weight > 0 && audit.score !== null && audit.score < 1) {
          failing.push(`${id}: ${ref.id} (${audit.displayValue || audit.score})`);
        }
      }
    }
    results[url] = {
      scores: Object.fromEntries(CATEGORIES.map((id) => [id, Math.round(lhr.categories[id].score * 100)])),
      cls: lhr.audits['cumulative-layout-shift'].numericValue,
      metrics: Object.fromEntries(
        ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'speed-index']
          .map((id) => [id, Math.round(lhr.audits[id].numericValue)])),
      benchmarkIndex: Math.round(lhr.environment.benchmarkIndex),
      // Where the blocking time comes from, when there is some: long tasks (simulated
      // durations) and the main thread's work by kind.
      longTasks: (lhr.audits['long-tasks'].details?.items || [])
        .map((task) => `${task.url} @${Math.round(task.startTime)} ${Math.round(task.duration)} ms`),
      mainThread: Object.fromEntries((lhr.audits['mainthread-work-breakdown'].details?.items || [])
        .map((item) => [item.group, Math.round(item.duration)])),
      runtimeError: lhr.runtimeError ? lhr.runtimeError.message : null,
      failing,
    };
  }
} finally {
  await chrome.kill();
}
process.stdout.write(JSON.stringify(results));
