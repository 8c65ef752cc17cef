// Draws a RateSeries: one step line per agent over the events' time, on a canvas (no charting
// library), with a legend in text (also read out: the canvas has a label saying the same).
import { el, clear } from './dom.js';

export const COLOURS = { UI: '#5aa9e6', LOGIC: '#6cc070', API: '#e6b35a', OPTIMIZATION: '#c792ea', TESTING: '#f08a7e' };
const WINDOW_MS = 5 * 60 * 1000;

/** A round top for the y axis at or above `max`. */
export function niceCeiling(max) {
  if (max <= 10) return 10;
  const step = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (m * step >= max) return m * step;
  return 10 * step;
}

export class RateChart {
  constructor(canvas, legend) {
    this.canvas = canvas;
    this.legend = legend;
  }

  draw(series) {
    const canvas = this.canvas;
    const ratio = window.devicePixelRatio || 1;
    const width = canvas.clientWidth || 480;
    const height = canvas.clientHeight || 160;
    if (canvas.width !== Math.round(width * ratio)) canvas.width = Math.round(width * ratio);
    if (canvas.height !== Math.round(height * ratio)) canvas.height = Math.round(height * ratio);
    const ctx = canvas.getContext('2d');
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);

    const top = niceCeiling(series.max());
    const left = 44;
    const bottom = height - 16;
    const plot = { x: left, y: 8, w: width - left - 8, h: bottom - 8 };
    ctx.font = '11px system-ui, sans-serif';
    ctx.strokeStyle = '#2a3440';
    ctx.fillStyle = '#9aa6b2';
    ctx.lineWidth = 1;
    for (const f of [0, 0.5, 1]) {
      const y = plot.y + plot.h * (1 - f);
      ctx.beginPath();
      ctx.moveTo(plot.x, y);
      ctx.lineTo(plot.x + plot.w, y);
      ctx.stroke();
      ctx.fillText(String(Math.round(top * f)), 4, y + 4);
    }
    const span = series.span();
    if (span) {
      const end = span[1];
      const start = Math.max(span[0], end - WINDOW_MS);
      const duration = Math.max(1000, end - start);
      ctx.fillText(`${Math.round(duration / 1000)} s`, plot.x + plot.w - 30, height - 3);
      const x = t => plot.x + ((Math.max(t, start) - start) / duration) * plot.w;
      const y = v => plot.y + plot.h * (1 - v / top);
      ctx.lineWidth = 2;
      for (const role of series.roles()) {
        const points = series.of(role);
        ctx.strokeStyle = COLOURS[role] ?? '#fff';
        ctx.beginPath();
        points.forEach((p, i) => {
          if (i === 0) ctx.moveTo(x(p.t), y(p.v));
          else {
            ctx.lineTo(x(p.t), y(points[i - 1].v)); // a reported rate holds until the next report
            ctx.lineTo(x(p.t), y(p.v));
          }
        });
        ctx.lineTo(x(end), y(points[points.length - 1].v));
        ctx.stroke();
      }
    }
    this.showLegend(series, top);
  }

  showLegend(series, top) {
    const roles = series.roles();
    clear(this.legend);
    for (const role of roles) {
      this.legend.append(el('li', { dataset: { role } },
        el('span', { className: 'swatch', attrs: { 'aria-hidden': 'true' }, style: `background:${COLOURS[role] ?? '#fff'}` }),
        `${role} ${Math.round(series.latest(role))} tok/s`));
    }
    const said = roles.map(r => `${r} ${Math.round(series.latest(r))}`).join(', ');
    this.canvas.setAttribute('aria-label', roles.length
      ? `Tokens per second reported by each agent, now: ${said}. Highest charted: ${Math.round(series.max())}.`
      : 'Tokens per second reported by each agent: nothing reported yet.');
    this.canvas.dataset.max = String(Math.round(series.max()));
    this.canvas.dataset.top = String(top);
  }
}
