import { describe, expect, it } from 'vitest';
import { noticeLanguages, NoticeTemplateError, renderNotice, type NoticeVariables } from './render-notice.ts';

const values: NoticeVariables = {
  name: 'Amira <script>alert(1)</script> **bold**',
  provider: 'ExampleMail',
  help_url: 'https://www.accessnow.org/help/',
  verify_url: 'https://mail.example/security/notices',
  date: '2026-11-23',
};

describe('notices', () => {
  it.each(noticeLanguages)(
    '%s: every variable filled, the help line and the verification advice present',
    (language) => {
      const notice = renderNotice(language, values);
      for (const part of [notice.subject, notice.text, notice.html]) expect(part).not.toMatch(/\{\{|\}\}/);
      expect(notice.subject).toContain('ExampleMail');
      expect(notice.text).toContain('https://www.accessnow.org/help/');
      expect(notice.text).toContain('https://mail.example/security/notices');
      expect(notice.html).toMatch(/<h2[^>]*>/);
      expect(notice.html).toMatch(/<li>/);
      expect(renderNotice(language, { ...values, name: 'Amira' }).text).not.toMatch(/^#|\*\*/m);
    },
  );

  it('renders Arabic right to left, the others left to right', () => {
    const ar = renderNotice('ar', values);
    expect(ar.dir).toBe('rtl');
    expect(ar.html).toMatch(/^<div lang="ar" dir="rtl">/);
    expect(renderNotice('en', values).html).toMatch(/^<div lang="en" dir="ltr">/);
  });

  it('never lets a value inject markup, and keeps Markdown in a value as text', () => {
    const html = renderNotice('en', values).html;
    expect(html).not.toContain('<script>');
    expect(html).toContain('Amira &lt;script&gt;alert(1)&lt;/script&gt; **bold**');
  });

  it('says nothing an attacker could use: no indicators, no attribution', () => {
    for (const language of noticeLanguages) {
      expect(renderNotice(language, values).text).not.toMatch(
        /\b(Pegasus|Predator|NSO|Intellexa|indicators?|domains?)\b/i,
      );
    }
  });

  it('refuses to render with a variable missing', () => {
    expect(() => renderNotice('fr', { ...values, verify_url: ' ' })).toThrow(NoticeTemplateError);
  });

  const neutral: Record<(typeof noticeLanguages)[number], string> = {
    en: 'Hello,',
    es: 'Hola:',
    fr: 'Bonjour,',
    ar: 'مرحبًا،',
    ru: 'Здравствуйте!',
    zh: '您好：',
  };

  it.each(noticeLanguages)('%s: without a display name, a neutral greeting; with one, the name', (language) => {
    const { name: _, ...unnamed } = values;
    const text = renderNotice(language, unnamed).text;
    expect(text.split('\n')[0]).toBe(neutral[language]);
    expect(renderNotice(language, { ...unnamed, name: ' ' }).text.split('\n')[0]).toBe(neutral[language]);
    const named = renderNotice(language, { ...unnamed, name: 'Amira' }).text.split('\n')[0];
    expect(named).toContain('Amira');
    expect(named).not.toBe(neutral[language]);
  });

  it.each(noticeLanguages)(
    "%s: without the provider's sign-in page, the check points at the public page and asks nobody to sign in",
    (language) => {
      const verify = (v: NoticeVariables) =>
        renderNotice(language, v)
          .text.split('\n')
          .filter((line) => line.includes('https://'))
          .at(-1)!;
      const publicPage = { ...values, verify_url: 'https://accord.example/security-warning' };
      const line = verify(publicPage);
      expect(line).toContain('https://accord.example/security-warning');
      // The sign-in sentence names the provider; the public-page sentence does not.
      expect(line).not.toContain('ExampleMail');
      if (language === 'en') expect(line).not.toMatch(/sign(ing)? in to/i);
      const signIn = verify({ ...publicPage, account_url: 'https://mail.example/security/notices' });
      expect(signIn).toContain('ExampleMail');
      expect(signIn).toContain('https://mail.example/security/notices');
    },
  );
});
