import { byFaqOrder } from '../data/schemas';
import type { Report } from './build-report';

/**
 * The report as one self-contained HTML page (no scripts, no external files), with a stacked
 * bar chart of daily volume per label drawn as inline SVG.
 */

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** Distinct colours for the FAQ entries in their order (category10 and its light tints); more entries wrap around. */
const PALETTE = [
  '#1f77b4',
  '#aec7e8',
  '#ff7f0e',
  '#ffbb78',
  '#2ca02c',
  '#98df8a',
  '#d62728',
  '#ff9896',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#c49c94',
  '#f7b6d2',
  '#9edae5',
];
const FIXED_COLORS: Record<string, string> = {
  smalltalk: '#7f7f7f',
  fallback: '#bcbd22',
  // A clarifying question (the bot asked which of two answers was meant): counted in the totals, so drawn too.
  clarify: '#17becf',
};

/** The labels the report holds, FAQ entries in their order first, each with its colour: none is listed in code. */
function colourLabels(report: Report): Map<string, string> {
  const labels = [...new Set(report.daily.map((row) => row.label))].sort(byFaqOrder);
  const faq = labels.filter((label) => !(label in FIXED_COLORS));
  const colours = new Map(faq.map((label, index) => [label, PALETTE[index % PALETTE.length]!]));
  for (const label of labels) if (label in FIXED_COLORS) colours.set(label, FIXED_COLORS[label]!);
  return colours;
}

function dailyChart(report: Report): string {
  const COLORS = colourLabels(report);
  const LABELS = [...COLORS.keys()];
  const days = [...new Set(report.daily.map((row) => row.day))].sort();
  if (days.length === 0) return '<p>No turns in this period.</p>';
  const totals = new Map<string, number>();
  for (const row of report.daily) totals.set(row.day, (totals.get(row.day) ?? 0) + row.count);
  const max = Math.max(...totals.values());
  const width = 720;
  const height = 260;
  const left = 40;
  const bottom = 40;
  const barWidth = Math.max(4, Math.min(40, (width - left - 10) / days.length - 4));
  const step = (width - left - 10) / days.length;
  const bars: string[] = [];
  days.forEach((day, index) => {
    let y = height - bottom;
    for (const label of LABELS) {
      const count = report.daily.find((row) => row.day === day && row.label === label)?.count ?? 0;
      if (count === 0) continue;
      const barHeight = ((height - bottom - 10) * count) / max;
      y -= barHeight;
      bars.push(
        `<rect x="${(left + index * step).toFixed(1)}" y="${y.toFixed(1)}" width="${barWidth.toFixed(1)}" height="${barHeight.toFixed(1)}" fill="${COLORS.get(label)}"><title>${escapeHtml(`${day} ${label}: ${count}`)}</title></rect>`,
      );
    }
    if (days.length <= 31) {
      bars.push(
        `<text x="${(left + index * step + barWidth / 2).toFixed(1)}" y="${height - bottom + 14}" font-size="9" text-anchor="middle">${escapeHtml(day.slice(5))}</text>`,
      );
    }
  });
  const legend = LABELS.map(
    (label, index) =>
      `<rect x="${left + index * 52}" y="${height - 16}" width="10" height="10" fill="${COLORS.get(label)}"/><text x="${left + index * 52 + 13}" y="${height - 7}" font-size="10">${label}</text>`,
  ).join('');
  return `<svg role="img" aria-label="Daily volume per label" viewBox="0 0 ${width + 40} ${height}" width="100%"><text x="4" y="14" font-size="10">${max}</text><line x1="${left - 4}" y1="${height - bottom}" x2="${width}" y2="${height - bottom}" stroke="#999"/>${bars.join('')}${legend}</svg>`;
}

function table(headers: string[], rows: Array<Array<string | number>>): string {
  return `<table><thead><tr>${headers.map((header) => `<th>${escapeHtml(header)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((row) => `<tr>${row.map((cell) => `<td>${escapeHtml(String(cell))}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

export function renderReportHtml(report: Report): string {
  const channels = [...new Set(report.byLabelAndChannel.map((row) => row.channel))].sort();
  const labels = [...new Set(report.byLabelAndChannel.map((row) => row.label))];
  const volume = labels.map((label) => [
    label,
    ...channels.map((channel) => report.byLabelAndChannel.find((row) => row.label === label && row.channel === channel)?.count ?? 0),
  ]);
  return `<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><title>会話レポート ${escapeHtml(report.from)} – ${escapeHtml(report.to)}</title>
<style>body{font-family:sans-serif;margin:2rem;max-width:60rem}table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left}td:nth-child(n+2){text-align:right}h2{margin-top:2rem}</style>
</head><body>
<h1>会話レポート ${escapeHtml(report.from)} – ${escapeHtml(report.to)}</h1>
<p>${report.total} turns. Message text is stored masked: personal data shows as [電話番号], [氏名] and the like.</p>
<h2>Daily volume per label</h2>
${dailyChart(report)}
<h2>Volume per label and channel</h2>
${table(['label', ...channels], volume)}
<h2>Most frequent unanswered questions</h2>
${table(
  ['count', 'example', 'similar'],
  report.unanswered.map((group) => [group.count, group.example, group.variants.length - 1]),
)}
<h2>Low-confidence answers</h2>
${table(
  ['label', 'confidence', 'text'],
  report.lowConfidence.map((row) => [row.label, row.confidence.toFixed(2), row.text]),
)}
<h2>Feedback per FAQ entry</h2>
${table(
  ['label', 'answers', 'yes', 'no'],
  report.feedback.map((row) => [row.label, row.answers, row.yes, row.no]),
)}
</body></html>
`;
}
