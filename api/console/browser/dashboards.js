// Draws each dashboard figure with Chart.js (served beside this file as chart.umd.min.js). The numbers
// come from the page itself (a figure's data-chart attribute, the same rows as its table), so a
// browser without scripts still shows every figure as a table and nothing here fetches anything.
const PALETTE = ['#1d4ed8', '#b45309', '#047857', '#9d174d', '#4b5563'];

for (const figure of document.querySelectorAll('figure[data-chart]')) {
  const spec = JSON.parse(figure.getAttribute('data-chart'));
  const canvas = figure.querySelector('canvas');
  const percent = spec.unit === 'percent';
  new window.Chart(canvas, {
    type: spec.type,
    data: {
      labels: spec.labels,
      datasets: spec.datasets.map((dataset, i) => ({
        ...dataset,
        backgroundColor: PALETTE[i % PALETTE.length],
        borderColor: PALETTE[i % PALETTE.length],
        tension: 0.2,
      })),
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      plugins: { legend: { display: spec.datasets.length > 1 } },
      scales: {
        y: {
          beginAtZero: true,
          ticks: { callback: (value) => (percent ? `${value}%` : value) },
        },
      },
    },
  });
  figure.classList.add('drawn');
}
