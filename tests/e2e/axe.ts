import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/**
 * No WCAG 2 A/AA violation on the page as it is now (axe-core), every violation named with its nodes.
 *
 * axe runs with `axe.run()` in the page itself (AxeBuilder's legacy mode). The default mode runs axe in
 * each frame and then opens a new blank page to merge the frames' results: twice the time per scan, for
 * cross-origin frames, which our pages do not have (checked here: the default mode would be needed if
 * they did). Both modes were compared on every page the browser tests scan: the same rules, and the same
 * violations, passes, incomplete and inapplicable results, node by node.
 */
export async function expectNoAxeViolations(page: Page, label = page.url()) {
  const origin = new URL(page.url()).origin;
  const foreign = page.frames().filter((f) => f !== page.mainFrame() && !f.url().startsWith('about:') && new URL(f.url(), page.url()).origin !== origin).map((f) => f.url());
  expect(foreign, `${label}: cross-origin frames need AxeBuilder's default mode`).toEqual([]);
  // resultTypes: only violations are checked, so axe keeps one node of each passed, incomplete and
  // inapplicable rule instead of describing every node (selectors, HTML) — the violations are the same.
  const results = await new AxeBuilder({ page }).options({ resultTypes: ['violations'] }).withTags(['wcag2a', 'wcag2aa']).setLegacyMode().analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), label).toEqual([]);
}
