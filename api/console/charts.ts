// A dashboard figure: a chart the browser draws (browser/dashboards.js) over the same numbers as the
// table beside it, so every figure reads without scripts, to a screen reader, and in print.
import { escapeHtml as h } from '../../activities/templates/safety.js';

export interface ChartSpec {
  type: 'line' | 'bar';
  /** 'percent': values are 0–100 and the axis says so. */
  unit: 'number' | 'percent';
  labels: string[];
  datasets: { label: string; data: number[] }[];
}

/**
 * The figure: a heading, the canvas (described to assistive technology by its summary), and the table
 * of the same values, first column the labels.
 */
export function chartFigure(options: {
  id: string;
  title: string;
  summary: string;
  spec: ChartSpec;
  /** The table's cells as shown (formatted), one row per label. */
  rows: string[][];
  columns: string[];
  dataLabel: string;
}): string {
  const { id, title, summary, spec, rows, columns, dataLabel } = options;
  const head = columns.map((c, i) => `<th scope="col"${i ? ' class="num"' : ''}>${h(c)}</th>`).join('');
  const body = rows
    .map(
      ([label, ...cells]) =>
        `<tr><th scope="row">${h(label ?? '')}</th>${cells.map((cell) => `<td class="num">${h(cell)}</td>`).join('')}</tr>`,
    )
    .join('');
  return `<section aria-labelledby="${id}-title"><h2 id="${id}-title">${h(title)}</h2><figure data-chart="${h(JSON.stringify(spec))}"><div class="chart"><canvas role="img" aria-label="${h(summary)}"></canvas></div><figcaption>${h(summary)}</figcaption></figure><details><summary>${h(dataLabel)}</summary><div class="table-wrap" role="region" aria-label="${h(title)}" tabindex="0"><table class="striped"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div></details></section>`;
}
