import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults } from 'axe-core';
import type { Page } from 'playwright-core';
import { settle } from './browser.ts';

const AXE_SCRIPT = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
let axeSource: string | undefined;

/** The impacts that fail a screen: a person using a screen reader or keyboard cannot get past them. */
const BLOCKING = ['serious', 'critical'];

export interface Violation {
  id: string;
  impact: string;
  help: string;
  helpUrl: string;
  /** Each offending element: its selector, the words it shows, and what would fix it. */
  nodes: { target: string; text: string; fix: string }[];
}

export interface ScreenAudit {
  screen: string;
  url: string;
  violations: Violation[];
}

/** Runs axe-core's WCAG 2 A and AA rules over the page as it is now and keeps the serious and critical findings. */
export async function auditScreen(page: Page, screen: string): Promise<ScreenAudit> {
  await settle(page);
  // Evaluated through the browser's debugging protocol, not added as a <script>: the pages' strict
  // CSP refuses inline scripts, as it should.
  if (!(await page.evaluate(() => 'axe' in window)))
    await page.evaluate((axeSource ??= readFileSync(AXE_SCRIPT, 'utf8')));
  const violations = await page.evaluate(async (blocking) => {
    const { axe } = window as unknown as { axe: { run(context: Document, options: object): Promise<AxeResults> } };
    const results = await axe.run(document, { runOnly: ['wcag2a', 'wcag2aa'] });
    // Mantine's class names say nothing to a reader: name each element by the words it shows,
    // and by the part of the screen it is in (a dialog, a notification, a region…).
    const squeeze = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim().slice(0, 80);
    const wordsOf = (selector: string) => {
      const element = document.querySelector(selector);
      if (!element) return '';
      const part = element.closest(
        '[role="dialog"], [role="alert"], [role="region"], section, nav, aside, header, main, form',
      );
      const labelledBy = part?.getAttribute('aria-labelledby');
      const partName = squeeze(
        part?.getAttribute('aria-label') ??
          (labelledBy
            ? document.getElementById(labelledBy)?.textContent
            : part?.querySelector('h1, h2, h3')?.textContent),
      );
      const where = part
        ? ` in ${part.getAttribute('role') ?? part.tagName.toLowerCase()}${partName ? ` "${partName}"` : ''}`
        : '';
      return `"${squeeze(element.textContent)}"${where}`;
    };
    return results.violations
      .filter((violation) => blocking.includes(violation.impact ?? ''))
      .map((violation) => ({
        id: violation.id,
        impact: violation.impact ?? '',
        help: violation.help,
        helpUrl: violation.helpUrl,
        nodes: violation.nodes.map((node) => {
          const target = node.target.map(String).join(' ');
          return { target, text: wordsOf(target), fix: node.failureSummary?.replace(/\s+/g, ' ').trim() ?? '' };
        }),
      }));
  }, BLOCKING);
  return { screen, url: page.url(), violations };
}

/** The findings written for a person to act on: rule, what it asks, and which elements break it. */
export function describeViolations(audit: ScreenAudit): string {
  const lines = [
    `${audit.screen} (${audit.url}): ${audit.violations.length} serious or critical accessibility rule(s) broken`,
  ];
  for (const violation of audit.violations) {
    lines.push(`- [${violation.impact}] ${violation.id}: ${violation.help} (${violation.helpUrl})`);
    for (const node of violation.nodes.slice(0, 10)) {
      lines.push(`    ${node.text} at ${node.target}`, `      ${node.fix}`);
    }
    if (violation.nodes.length > 10) lines.push(`    … and ${violation.nodes.length - 10} more`);
  }
  return lines.join('\n');
}
