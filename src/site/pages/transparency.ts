import type { CoreContext } from '../../core/context.ts';
import { exportFormats, publicSeries, releases } from '../../transparency/service.ts';
import { formatCount } from '../../transparency/banding.ts';
import { html, jsonBlock } from '../html.ts';
import { page } from '../layout.ts';

const formatLabel: Record<string, string> = {
  'google-csv': 'CSV (Google layout)',
  'google-national-security-csv': 'National-security bands (CSV)',
  microsoft: 'CSV (Microsoft layout)',
  json: 'JSON',
};

/** The published transparency report: figures, charts (drawn by Chart.js) and every download. */
export async function transparencyPage(ctx: CoreContext) {
  const series = await publicSeries(ctx);
  const all = await releases(ctx, 'public');
  const latest = series.at(-1);
  const body = latest
    ? html`<h1>Transparency report</h1>
        <p>
          Government requests for user data and people we warned of suspected cyber-mercenary targeting. Latest period:
          <strong>${latest.period}</strong> (to ${latest.ending}).
        </p>
        <div class="figures">
          <div class="figure">
            <strong data-figure="requests">${formatCount(latest.totals.requests)}</strong>requests for user data
          </div>
          <div class="figure"><strong>${formatCount(latest.totals.accounts)}</strong>accounts specified</div>
          <div class="figure">
            <strong>${latest.totals.percentage_disclosed ?? '–'}%</strong>with some data disclosed
          </div>
          <div class="figure">
            <strong data-figure="notified">${formatCount(latest.notifications?.people ?? null) || '–'}</strong>people
            warned of suspected cyber-mercenary targeting
          </div>
        </div>
        <h2>Requests per country over time</h2>
        <div class="chart">
          <canvas
            id="chart-countries"
            role="img"
            aria-label="Requests per country for each published period; the same figures are in the table below"
          ></canvas>
        </div>
        <h2>Outcomes in ${latest.period}</h2>
        <div class="chart">
          <canvas id="chart-outcomes" role="img" aria-label="Share of requests by outcome"></canvas>
        </div>
        <h2>People warned of targeting</h2>
        <div class="chart">
          <canvas id="chart-notified" role="img" aria-label="People notified per period"></canvas>
        </div>
        <h2>${latest.period} by country</h2>
        <div class="table-scroll" role="region" aria-label="Requests by country" tabindex="0">
          <table>
            <caption>
              Requests by country, ${latest.period}
            </caption>
            <thead>
              <tr>
                <th scope="col">Country or region</th>
                <th scope="col">Requests</th>
                <th scope="col">Accounts</th>
                <th scope="col">Some data disclosed</th>
                <th scope="col">Content</th>
                <th scope="col">Rejected or challenged</th>
              </tr>
            </thead>
            <tbody>
              ${latest.countries.map(
                (c) =>
                  html`<tr>
                    <td>${c.name}</td>
                    <td>${formatCount(c.requests)}</td>
                    <td>${formatCount(c.accounts)}</td>
                    <td>${c.percentage_disclosed ?? '–'}%</td>
                    <td>${c.percentage_content ?? '–'}%</td>
                    <td>${c.percentage_rejected ?? '–'}%</td>
                  </tr>`,
              )}
            </tbody>
          </table>
        </div>
        <h2>Downloads</h2>
        <ul>
          ${exportFormats.map((f) => html`<li><a href="/api/public/transparency/export?format=${f}" download>${formatLabel[f]}: every period</a></li>`)}
        </ul>
        <h2>Releases</h2>
        <ul>
          ${all.map(
            (r) =>
              html`<li>
                ${r.period} version ${r.version}${r.change_note ? html`: <em>${r.change_note}</em>` : ''} ·
                ${exportFormats.map(
                  (f) => html` <a href="/api/public/transparency/releases/${r.id}/export?format=${f}">${f}</a>`,
                )}
                · <small>SHA-256 <code>${r.content_hash}</code></small>
              </li>`,
          )}
        </ul>
        <p>
          How we count:
          <a href="/api/public/transparency/releases/${latest.release_id}">the rules stated in the report</a>.
        </p>
        ${jsonBlock('chart-data', series)}`
    : html`<h1>Transparency report</h1>
        <p>No report has been published yet.</p>`;
  return page(
    ctx,
    '/transparency',
    'Transparency report',
    body,
    latest ? ['/site/vendor/chart.umd.js', '/site/transparency.js'] : [],
  );
}
