// The analytics panel at the end of a generation: tokens per role and model and time per phase as
// SVG bar charts (no charting library), and the other figures as text.
import { el, clear } from './dom.js';
import { COLOURS } from './chart.js';
import { usageBars, phaseBars, duration, facts } from './analytics.js';

const SVG = 'http://www.w3.org/2000/svg';
const ROW = 22;
const LABEL = 190;
const WIDTH = 520;

function svg(tag, attrs, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

function barChart(rows, title, colour, say) {
  const height = rows.length * ROW + 4;
  const chart = svg('svg', { viewBox: `0 0 ${WIDTH} ${height}`, width: WIDTH, height, role: 'img', class: 'bars',
    'aria-label': `${title}: ${rows.map(r => `${r.label} ${say(r.value)}`).join(', ') || 'none'}` });
  rows.forEach((row, i) => {
    const y = i * ROW + 2;
    const bar = Math.max(1, row.fraction * (WIDTH - LABEL - 80));
    chart.append(svg('text', { x: 0, y: y + 14, fill: '#9aa6b2', 'font-size': 12 }, row.label),
      svg('rect', { x: LABEL, y, width: bar, height: ROW - 6, rx: 2, fill: colour(row), 'data-label': row.label }),
      svg('text', { x: LABEL + bar + 6, y: y + 14, fill: '#d7dde4', 'font-size': 12 }, say(row.value)));
  });
  return el('figure', { className: 'analytics-chart' }, el('figcaption', {}, title), chart);
}

export class AnalyticsPanel {
  constructor(section) {
    this.section = section;
  }

  reset() {
    clear(this.section);
    this.section.hidden = true;
  }

  /** A GenerationAnalytics payload. */
  show(analytics) {
    clear(this.section);
    this.section.append(el('h2', { id: 'analytics-title' }, 'Analytics'),
      barChart(usageBars(analytics.usage), 'Tokens per role and model', r => COLOURS[r.role] ?? '#5aa9e6', v => `${v} tok`),
      barChart(phaseBars(analytics.phaseMillis), 'Time per phase', () => '#5aa9e6', duration),
      el('ul', { className: 'facts' }, facts(analytics).map(f => el('li', {}, f))));
    this.section.hidden = false;
  }
}
