import type { CoreContext } from '../../core/context.ts';
import { noticeVerifyVariables } from '../../core/http/public-url.ts';
import { noticeLanguages, renderNotice, type NoticeLanguage } from '../../notify/service.ts';
import { html, Safe } from '../html.ts';
import { directionOf, page } from '../layout.ts';

// Each language named in itself, so that a reader finds their own.
const languageNames: Record<NoticeLanguage, string> = {
  en: 'English',
  es: 'Español',
  fr: 'Français',
  ar: 'العربية',
  ru: 'Русский',
  zh: '中文',
};
export const isNoticeLanguage = (lang: unknown): lang is NoticeLanguage =>
  typeof lang === 'string' && (noticeLanguages as readonly string[]).includes(lang);

const languageLinks = () =>
  html`<ul class="languages">
    ${noticeLanguages.map(
      (l) =>
        html`<li>
          <a href="/security-warning?lang=${l}" lang="${l}" dir="${directionOf(l)}" hreflang="${l}"
            >${languageNames[l]}</a
          >
        </li>`,
    )}
  </ul>`;

/**
 * Our warning as it reads in `lang`, so that someone holding one can compare it word for word; the page is in that
 * language and direction (Arabic right to left). The rendered notice is our own template, escaped values only.
 */
export function warningSamplePage(ctx: CoreContext, lang: NoticeLanguage) {
  const notice = renderNotice(lang, {
    provider: ctx.config.providerName,
    help_url: ctx.config.notifyHelpUrl,
    ...noticeVerifyVariables(ctx.config),
    date: '…',
  });
  const body = html`<h1>${notice.subject}</h1>
    <div class="notice-sample">${new Safe(notice.html)}</div>
    <h2 lang="en" dir="ltr">Other languages</h2>
    ${languageLinks()}`;
  return page(ctx, '/security-warning', notice.subject, body, [], lang);
}

/** For someone holding a warning that claims to come from us: how to tell it is real, and where to get help. */
export function warningPage(ctx: CoreContext) {
  const provider = ctx.config.providerName;
  const body = html`<h1>Did you receive a security warning from us?</h1>
    <p>
      ${provider} warns people when we believe their account was targeted by a cyber-mercenary: a company or group that
      sells spyware or hacking to governments and others. A warning does not mean your device was infected, and it does
      not mean you did anything wrong.
    </p>
    <p>Our warning, word for word, in:</p>
    ${languageLinks()}
    <h2>How to check that a warning is real</h2>
    <ul>
      <li>
        We never ask for your password, a verification code or payment in a warning, and never ask you to install
        anything.
      </li>
      <li>
        Do not follow links in a message you are unsure about. Instead, type our address yourself and sign in: a real
        warning is also shown in your account.
      </li>
      ${ctx.config.notifyVerifyUrl ? html`<li>You can check a warning at <a href="${ctx.config.notifyVerifyUrl}">${ctx.config.notifyVerifyUrl}</a>.</li>` : ''}
      <li>Our warnings come from our own domain; attackers imitate them with look-alike addresses.</li>
    </ul>
    <h2>What to do now</h2>
    <ul>
      <li>
        Update your phone and computer, and turn on the strongest protections they offer (such as Lockdown Mode on Apple
        devices).
      </li>
      <li>
        Sign in with a second factor, preferably a security key, and review the devices signed in to your account.
      </li>
      <li>Restart your phone regularly; some spyware does not survive a restart.</li>
      <li>
        If you are a journalist, activist or human-rights defender, get expert help before changing anything on a device
        you think is infected: it may hold evidence.
      </li>
    </ul>
    <h2>Where to get help</h2>
    <p>
      Free, confidential help for civil society: <a href="${ctx.config.notifyHelpUrl}">${ctx.config.notifyHelpUrl}</a>.
      Forensic checks of a phone can be done with the Mobile Verification Toolkit by trusted organisations such as
      Amnesty International's Security Lab.
    </p>`;
  return page(ctx, '/security-warning', 'Did you receive a security warning from us?', body);
}
