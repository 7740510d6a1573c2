import type { CoreContext } from '../../core/context.ts';
import { html } from '../html.ts';
import { page } from '../layout.ts';

export function homePage(ctx: CoreContext) {
  const body = html`<h1>${ctx.config.providerName} and cyber-mercenaries</h1>
    <p>
      Cyber-mercenaries sell spyware and hack-for-hire services that are used against journalists, activists and
      officials. Following the Cybersecurity Tech Accord's principles, we detect their activity and warn the people
      targeted, share what we learn with peers and researchers, handle government requests with safeguards against
      abuse, publish how many requests we receive, and check that our own customers and vendors are not part of this
      market.
    </p>
    <ul>
      <li>
        <a href="/transparency">Our transparency report</a>: government requests for user data and people we warned.
      </li>
      <li><a href="/actors">Actor profiles and advisories</a>.</li>
      <li><a href="/security-warning">Did you receive a security warning from us?</a></li>
    </ul>`;
  return page(ctx, '/', 'About', body);
}
