import type { CoreContext } from '../../core/context.ts';
import { webLink } from '../../core/http/web-link.ts';
import { publicProfile, publicProfiles } from '../../intel/service.ts';
import { html } from '../html.ts';
import { page } from '../layout.ts';

export async function actorsPage(ctx: CoreContext) {
  const profiles = await publicProfiles(ctx);
  const body = html`<h1>Actor profiles and advisories</h1>
    <p>
      Who sells or uses commercial spyware and hack-for-hire services against journalists, activists and officials, as
      our threat-intelligence team has chosen to describe publicly.
    </p>
    ${
      profiles.length === 0
        ? html`<p>No profiles have been published yet.</p>`
        : html`<ul>
            ${profiles.map(
              (p) =>
                html`<li>
                  <a href="/actors/${p.id}">${p.name}</a>
                  <small>(${p.type.replace('-', ' ')}${p.aliases.length ? `; also ${p.aliases.join(', ')}` : ''})</small
                  ><br />${p.summary}
                </li>`,
            )}
          </ul>`
    }`;
  return page(ctx, '/actors', 'Actor profiles', body);
}

export async function actorPage(ctx: CoreContext, id: string) {
  const p = await publicProfile(ctx, id);
  const body = html`<h1>${p.name}</h1>
    <p><em>${p.type.replace('-', ' ')}</em>${p.aliases.length ? html` · also known as ${p.aliases.join(', ')}` : ''}</p>
    ${p.description ? html`<p>${p.description}</p>` : ''}
    ${
      p.techniques.length
        ? html`<h2>Techniques</h2>
            <ul>
              ${p.techniques.map((t) => html`<li>${t}</li>`)}
            </ul>`
        : ''
    }
    ${
      p.related.length
        ? html`<h2>Related</h2>
            <ul>
              ${p.related.map((r) => html`<li>${r.relationship.replace('-', ' ')} ${r.name} <small>(${r.type})</small></li>`)}
            </ul>`
        : ''
    }
    ${
      p.indicators.length
        ? html`<h2>Indicators (${p.indicator_count})</h2>
            <p>Check your own logs against these; a match is worth a closer look, not proof.</p>
            <ul>
              ${p.indicators.map((i) => html`<li><code>${i.pattern}</code></li>`)}
            </ul>`
        : ''
    }
    ${
      p.references.length
        ? html`<h2>References</h2>
            <ul>
              ${p.references.map((r) => {
                const href = webLink(r.url);
                return html`<li>
                  ${href ? html`<a href="${href}" rel="noopener noreferrer">${r.source}</a>` : r.source}${r.description ? html`: ${r.description}` : ''}
                </li>`;
              })}
            </ul>`
        : ''
    }`;
  return page(ctx, '/actors', p.name, body);
}
