// Draws the transparency charts from the figures embedded in the page (Chart.js, loaded just before).
(function () {
  const block = document.getElementById('chart-data');
  if (!block || !window.Chart) return;
  const series = JSON.parse(block.textContent);
  // Still pictures: nothing moves for readers who prefer less motion, and figures are final at once.
  Chart.defaults.animation = false;
  const count = (c) => (c === null || c === undefined ? 0 : typeof c === 'number' ? c : c.max);
  const periods = series.map((p) => p.period);
  const totals = new Map();
  for (const p of series)
    for (const c of p.countries) totals.set(c.name, (totals.get(c.name) || 0) + count(c.requests));
  const top = [...totals.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8)
    .map(([name]) => name);
  const palette = ['#0b5cad', '#d1495b', '#edae49', '#00798c', '#30638e', '#66a182', '#8d6a9f', '#4a5563'];
  new Chart(document.getElementById('chart-countries'), {
    type: 'bar',
    data: {
      labels: periods,
      datasets: top.map((name, i) => ({
        label: name,
        backgroundColor: palette[i % palette.length],
        data: series.map((p) => count((p.countries.find((c) => c.name === name) || {}).requests)),
      })),
    },
    options: { responsive: true, maintainAspectRatio: false, scales: { x: { stacked: true }, y: { stacked: true } } },
  });
  const latest = series[series.length - 1];
  const share = (key) =>
    latest.countries.reduce(
      (sum, c) => sum + (typeof c.requests === 'number' && c[key] !== null ? (c[key] * c.requests) / 100 : 0),
      0,
    );
  new Chart(document.getElementById('chart-outcomes'), {
    type: 'doughnut',
    data: {
      labels: ['Content disclosed', 'Non-content only', 'No data found', 'Rejected or challenged'],
      datasets: [
        {
          data: ['percentage_content', 'percentage_non_content_only', 'percentage_no_data', 'percentage_rejected'].map(
            (k) => Math.round(share(k)),
          ),
          backgroundColor: palette.slice(0, 4),
        },
      ],
    },
    options: { responsive: true, maintainAspectRatio: false },
  });
  new Chart(document.getElementById('chart-notified'), {
    type: 'bar',
    data: {
      labels: periods,
      datasets: [
        {
          label: 'People notified',
          backgroundColor: '#d1495b',
          data: series.map((p) => count(p.notifications && p.notifications.people)),
        },
      ],
    },
    options: { responsive: true, maintainAspectRatio: false },
  });
})();
