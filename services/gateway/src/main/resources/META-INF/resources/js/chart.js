// Tokens per second per agent, as lines on a canvas (no charting library needed).
const COLOURS = { UI: '#5aa9e6', LOGIC: '#6cc070', API: '#e6b35a', OPTIMIZATION: '#c792ea', TESTING: '#e66a5a' };
const WINDOW = 60;

export class RateChart {
  constructor(canvas) {
    this.canvas = canvas;
    this.series = {};
  }

  reset() {
    this.series = {};
    this.draw();
  }

  add(role, tokensPerSecond) {
    const points = this.series[role] ??= [];
    points.push(tokensPerSecond);
    if (points.length > WINDOW) points.shift();
    this.draw();
  }

  draw() {
    const ctx = this.canvas.getContext('2d');
    const { width, height } = this.canvas;
    ctx.clearRect(0, 0, width, height);
    const max = Math.max(10, ...Object.values(this.series).flat());
    ctx.font = '10px sans-serif';
    ctx.fillStyle = '#8a96a3';
    ctx.fillText(`${Math.round(max)} tok/s`, 4, 10);
    let legend = 70;
    for (const [role, points] of Object.entries(this.series)) {
      ctx.strokeStyle = COLOURS[role] ?? '#fff';
      ctx.beginPath();
      points.forEach((v, i) => {
        const x = (i / (WINDOW - 1)) * width;
        const y = height - (v / max) * (height - 14);
        i === 0 ? ctx.moveTo(x, y) : ctx.lineTo(x, y);
      });
      ctx.stroke();
      ctx.fillStyle = COLOURS[role] ?? '#fff';
      const lastX = ((points.length - 1) / (WINDOW - 1)) * width;
      const lastY = height - (points[points.length - 1] / max) * (height - 14);
      ctx.beginPath();
      ctx.arc(lastX, lastY, 2.5, 0, 2 * Math.PI);
      ctx.fill();
      ctx.fillText(role, legend, 10);
      legend += 70;
    }
  }
}
