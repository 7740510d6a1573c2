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
});
