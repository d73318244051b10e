import type { Browser, Page } from 'playwright-core';

/** Every console error, page error, failed request and HTTP error response of a page, as text. */
export function watchPage(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()} (${m.location().url})`);
  });
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  return problems;
}

export interface ChartLayout {
  measure: string;
  card: { left: number; right: number };
  /** The chart's root, canvas and legend: each must lie inside the card. */
  parts: Array<{ name: string; left: number; right: number }>;
  /** What the x axis reads (kept on the card by the page), and the plot's width. */
  ticks: string[];
  plotWidth: number;
}

/** Where each chart and its parts are, and what its x axis reads. */
export function chartLayouts(page: Page): Promise<ChartLayout[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('[data-chart]')).map((card) => {
      const box = (el: Element | null) => {
        const r = el?.getBoundingClientRect();
        return r ? { left: r.left, right: r.right } : { left: NaN, right: NaN };
      };
      const parts = ['.uplot', 'canvas', '.u-legend', '.u-over'].map((selector) => ({ name: selector, ...box(card.querySelector(selector)) }));
      const style = getComputedStyle(card);
      const inner = box(card);
      return {
        measure: card.dataset.chart ?? '',
        card: { left: inner.left + parseFloat(style.borderLeftWidth), right: inner.right - parseFloat(style.borderRightWidth) },
        parts,
        ticks: (card.dataset.xTicks ?? '').split('|').filter(Boolean),
        plotWidth: card.querySelector('.u-over')?.getBoundingClientRect().width ?? 0,
      };
    }),
  );
}

/** A time label as the page writes it: HH:MM, HH:MM:SS(.mmm), with MM-DD before it, or a date. */
export const TICK_LABEL = /^(?:(?:\d{2}-\d{2} )?\d{2}:\d{2}(?::\d{2}(?:\.\d{3})?)?|\d{4}-\d{2}-\d{2})$/;

/** The chart problems a user sees: a part sticking out of its card, ticks that repeat or crowd. */
export function layoutProblems(layouts: readonly ChartLayout[], minPxPerTick = 60): string[] {
  const problems: string[] = [];
  for (const l of layouts) {
    for (const p of l.parts) {
      if (!(p.left >= l.card.left - 0.5 && p.right <= l.card.right + 0.5)) problems.push(`${l.measure}: ${p.name} spans ${p.left}..${p.right}, outside its card ${l.card.left}..${l.card.right}`);
    }
    if (l.ticks.length < 2) problems.push(`${l.measure}: ${l.ticks.length} x ticks`);
    if (new Set(l.ticks).size !== l.ticks.length) problems.push(`${l.measure}: repeated x ticks ${l.ticks.join(' ')}`);
    for (const t of l.ticks) if (!TICK_LABEL.test(t)) problems.push(`${l.measure}: unreadable tick ${JSON.stringify(t)}`);
    if (l.ticks.length > 0 && l.plotWidth / l.ticks.length < minPxPerTick) problems.push(`${l.measure}: ${l.ticks.length} ticks in ${l.plotWidth} px`);
  }
  return problems;
}

/** Page and document width: nothing may make the page scroll sideways. */
export function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** Opens the dashboard at a width and waits for its first model; `problems` collects what goes wrong meanwhile. */
export async function openDashboard(browser: Browser, url: string, width: number, height = 1100): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ viewport: { width, height } });
  const problems = watchPage(page);
  await page.goto(url);
  await page.waitForSelector('body[data-loaded="true"]', { timeout: 20_000 });
  return { page, problems };
}
