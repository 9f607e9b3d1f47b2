// Summaries of timing samples: nearest-rank percentiles, no interpolation, so a p95 of
// 20 samples is the 19th smallest (an observed value, never an invented one).

export function percentile(samples, p) {
  if (samples.length === 0) return null;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1];
}

export function summarize(samples) {
  if (samples.length === 0) return { n: 0, median: null, p95: null, min: null, max: null };
  return {
    n: samples.length,
    median: percentile(samples, 50),
    p95: percentile(samples, 95),
    min: Math.min(...samples),
    max: Math.max(...samples),
  };
}

/** 1234.5 → "1 234.5 ms"-like short forms: ms below 10 s, s above. */
export function formatMs(ms) {
  if (ms === null || ms === undefined) return 'n/a';
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  return `${ms.toFixed(2)} ms`;
}

export function formatMB(mb) {
  if (mb === null || mb === undefined) return 'n/a';
  return `${mb.toFixed(0)} MB`;
}

export function formatRatio(value, base) {
  if (value === null || value === undefined || !base) return '–';
  const ratio = value / base;
  if (ratio >= 100) return `×${ratio.toFixed(0)}`;
  if (ratio >= 10) return `×${ratio.toFixed(1)}`;
  if (ratio >= 0.1) return `×${ratio.toFixed(2)}`;
  return `×${ratio.toPrecision(2)}`;
}

/** A plain text table: columns padded to their widest cell (CJK counted double, as a terminal shows it). */
export function table(rows, { align = [] } = {}) {
  const width = (cell) => [...String(cell)].reduce((sum, ch) => sum + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1), 0);
  const widths = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, width(cell))));
  return rows
    .map((row) =>
      row
        .map((cell, i) => {
          const pad = ' '.repeat(widths[i] - width(cell));
          return align[i] === 'right' ? pad + cell : cell + pad;
        })
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
