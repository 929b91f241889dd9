// A keyboard walk through a whole page, as a person with only a keyboard goes through it: Tab from the
// top to the end. At each stop: is the focus indicator visible (the element looks different focused than
// not), is it on screen, and does the order follow the page's visual order (no jump back up the page);
// the walk must leave the page after its last element (no trap) without visiting an element twice.
import type { Page } from 'playwright-core';

export interface Stop {
  n: number;
  element: string;
  top: number;
  left: number;
  width: number;
  height: number;
  /** Style properties that differ between focused and unfocused, '' when none (invisible focus). */
  indicator: string;
  /** The focused element is at least partly inside the viewport after the browser scrolled to it. */
  onScreen: boolean;
  /** On a map, where places sit by geography and Tab follows the list of places instead. */
  inMap: boolean;
}

export interface Walk {
  stops: Stop[];
  problems: string[];
}

const STOP = `(() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const props = ['outline-style', 'outline-width', 'outline-color', 'box-shadow', 'background-color', 'color', 'border-top-color', 'border-bottom-color', 'border-bottom-width', 'text-decoration-line'];
  const read = () => { const cs = getComputedStyle(el); return props.map((p) => cs.getPropertyValue(p)); };
  const focused = read();
  const outlineShows = focused[0] !== 'none' && parseFloat(focused[1]) > 0 && !/rgba\\(.*, 0\\)|transparent/.test(focused[2]);
  // A date or time field cannot be blurred and refocused without sending focus back to its first part
  // (day), which would make Tab go round its parts for ever: there an outline or shadow must show.
  let indicator;
  if (el.tagName === 'INPUT' && ['date', 'time', 'datetime-local', 'month', 'week'].includes(el.type)) {
    indicator = outlineShows ? 'outline' : focused[3] !== 'none' ? 'box-shadow' : '';
  } else {
    el.blur();
    const unfocused = read();
    // Focus back where it was: after keyboard use Chromium keeps :focus-visible for a programmatic focus.
    el.focus({ preventScroll: true });
    const changed = props.filter((p, i) => focused[i] !== unfocused[i]);
    indicator = changed.filter((p) => !p.startsWith('outline') || outlineShows).join(' ');
  }
  const box = el.getBoundingClientRect();
  const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.getAttribute('name') ? '[name=' + el.getAttribute('name') + ']' : '') + ' "' + (el.innerText || el.value || el.getAttribute('aria-label') || '').replace(/\\s+/g, ' ').trim().slice(0, 40) + '"';
  return { inMap: !!el.closest('.leaflet-container'), element: name, top: box.top + scrollY, left: box.left + scrollX, width: box.width, height: box.height, indicator, onScreen: box.bottom > 0 && box.top < innerHeight && box.right > 0 && box.left < innerWidth };
})()`;

/**
 * Tabs through the page from where focus is now (the top after loading) until focus leaves the document.
 * `maxStops` bounds a page with very many links; reaching it is reported as a possible trap.
 */
export async function walkWithKeyboard(page: Page, maxStops = 250): Promise<Walk> {
  const stops: Stop[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  let repeats = 0;
  for (let n = 1; n <= maxStops; n++) {
    await page.keyboard.press('Tab');
    const stop = await page.evaluate<Omit<Stop, 'n'> | null>(STOP);
    if (!stop) return { stops, problems };
    const s = { n, ...stop };
    const key = `${s.element} @${Math.round(s.top)},${Math.round(s.left)}`;
    // A date or time field keeps focus while Tab moves through its day, month and year parts.
    const last = stops[stops.length - 1];
    if (last && key === `${last.element} @${Math.round(last.top)},${Math.round(last.left)}`) {
      if (++repeats <= 4) continue;
      problems.push(`focus stays on ${s.element} after ${repeats} more Tab presses: a keyboard trap`);
      return { stops, problems };
    }
    repeats = 0;
    // Back at the first stop: the browser went round the page (headless Chromium has no toolbar to go to).
    if (stops.length > 0 && key === `${stops[0]!.element} @${Math.round(stops[0]!.top)},${Math.round(stops[0]!.left)}`) return { stops, problems };
    if (seen.has(key)) {
      problems.push(`focus came back to ${s.element} at stop ${n}: a keyboard trap or a loop`);
      return { stops, problems };
    }
    seen.add(key);
    if (s.width > 0 || s.height > 0) {
      if (!s.indicator) problems.push(`stop ${n}: ${s.element} shows no visible focus (no outline, shadow, colour or border change)`);
      if (!s.onScreen) problems.push(`stop ${n}: ${s.element} is focused off screen`);
    } else if (n > 1) {
      problems.push(`stop ${n}: ${s.element} takes focus but has no size`);
    }
    const previous = stops[stops.length - 1];
    // Visual order: the next stop is not wholly above the previous one, unless it starts a column to the
    // right of it (a two-column layout reads down the left column, then down the right one).
    const newColumn = previous && s.left >= previous.left + previous.width - 2;
    if (previous && previous.height > 0 && s.height > 0 && s.top + s.height <= previous.top - 2 && !newColumn && !s.inMap && !previous.inMap) {
      problems.push(`stop ${n}: ${s.element} is above the previous stop ${previous.element}: Tab order goes back up the page`);
    }
    stops.push(s);
  }
  problems.push(`after ${maxStops} Tab presses focus is still in the page: a keyboard trap or too long a page`);
  return { stops, problems };
}
