// The home page's chart: classified tools by category, stacked by risk, drawn as SVG on the server (no chart library, no CDN).
import { html, raw } from "hono/html";
import { CATEGORIES, RISKS } from "../../classifier/taxonomy.js";
import type { CategoryRiskCount } from "../../db/browse.js";

const RISK_FILL: Record<string, string> = { low: "#1a7f37", medium: "#9a6700", high: "#bc4c00", critical: "#cf222e" };

/** Bar geometry, pure: one row per category, one segment per risk, widths proportional to the largest row. */
export function chartRows(counts: readonly CategoryRiskCount[], width: number) {
  const rows = CATEGORIES.map((category) => {
    const segments = RISKS.map((risk) => ({ risk, tools: counts.find((c) => c.category === category && c.risk === risk)?.tools ?? 0 })).filter((s) => s.tools > 0);
    return { category, total: segments.reduce((n, s) => n + s.tools, 0), segments };
  });
  const max = Math.max(1, ...rows.map((r) => r.total));
  return rows.map((r) => {
    let x = 0;
    const segments = r.segments.map((s) => {
      const w = (s.tools / max) * width;
      const seg = { ...s, x, width: w };
      x += w;
      return seg;
    });
    return { ...r, segments };
  });
}

/**
 * The chart in words, its accessible name: an image's parts are hidden from a screen reader (role="img"), so the name
 * carries every number the bars and their titles show, "read: 98 (98 low); write: 60 (59 medium, 1 high); …".
 */
function chartLabel(rows: readonly { category: string; total: number; segments: readonly { risk: string; tools: number }[] }[]): string {
  const row = (r: (typeof rows)[number]) => `${r.category}: ${r.total}${r.segments.length ? ` (${r.segments.map((s) => `${s.tools} ${s.risk}`).join(", ")})` : ""}`;
  return `Classified tools by category and risk: ${rows.map(row).join("; ")}`;
}

export function categoryRiskChart(counts: readonly CategoryRiskCount[]) {
  const label = 90;
  const bar = 300;
  const rowHeight = 28;
  const rows = chartRows(counts, bar);
  const height = rows.length * rowHeight + 30;
  const body = rows
    .map((r, i) => {
      const y = i * rowHeight;
      const segs = r.segments
        .map((s) => `<rect x="${(label + s.x).toFixed(1)}" y="${y + 4}" width="${Math.max(s.width, 1).toFixed(1)}" height="${rowHeight - 10}" fill="${RISK_FILL[s.risk]}"><title>${r.category} / ${s.risk}: ${s.tools}</title></rect>`)
        .join("");
      return `<text x="0" y="${y + 18}" font-size="13">${r.category}</text>${segs}<text x="${(label + (r.segments.at(-1)?.x ?? 0) + (r.segments.at(-1)?.width ?? 0) + 6).toFixed(1)}" y="${y + 18}" font-size="12" fill="#59636e">${r.total}</text>`;
    })
    .join("");
  const legend = RISKS.map((risk, i) => `<rect x="${label + i * 80}" y="${height - 18}" width="12" height="12" fill="${RISK_FILL[risk]}"/><text x="${label + i * 80 + 16}" y="${height - 8}" font-size="12">${risk}</text>`).join("");
  // Only numbers and the fixed vocabulary go into this markup: no catalog text.
  return html`<svg class="chart" role="img" aria-label="${chartLabel(rows)}" viewBox="0 0 ${label + bar + 50} ${height}" width="${label + bar + 50}" height="${height}" xmlns="http://www.w3.org/2000/svg">${raw(body + legend)}</svg>`;
}
