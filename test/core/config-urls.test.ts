import { expect, it } from 'vitest';
import { loadConfig } from '../../src/core/config/index.ts';

const urlSettings = [
  'ACCORD_PUBLIC_URL',
  'ACCORD_GITHUB_RAW_URL',
  'ACCORD_NOTIFY_WEBHOOK_URL',
  'ACCORD_NOTIFY_HELP_URL',
  'ACCORD_NOTIFY_VERIFY_URL',
];

it('every URL setting takes http or https only, and says so naming the variable', () => {
  for (const variable of urlSettings) {
    for (const bad of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'ftp://example.org/',
      'data:text/html,x',
      'https:///x',
    ]) {
      expect(() => loadConfig({ [variable]: bad }), `${variable}=${bad}`).toThrow(
        new RegExp(`${variable}.*expected an http or https URL`),
      );
    }
    expect(() => loadConfig({ [variable]: 'https://accord.example.org/x' })).not.toThrow();
    expect(() => loadConfig({ [variable]: 'HTTP://accord.example.org' })).not.toThrow();
  }
});
