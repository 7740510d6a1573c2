import escapeHtml from 'escape-html';

/** Markup that is already safe: produced by `html` or deliberately trusted. */
export class Safe {
  constructor(readonly value: string) {}
  toString() {
    return this.value;
  }
}

const render = (value: unknown): string => {
  if (value instanceof Safe) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
};

/** A template whose interpolations are escaped unless they are `Safe` (nested `html` results). */
export const html = (strings: TemplateStringsArray, ...values: unknown[]) =>
  new Safe(strings.reduce((out, s, i) => out + s + (i < values.length ? render(values[i]) : ''), ''));

/** JSON for a `<script type="application/json">` block: nothing in it can close the element. */
export const jsonBlock = (id: string, data: unknown) =>
  new Safe(`<script type="application/json" id="${id}">${JSON.stringify(data).replace(/</g, '\\u003c')}</script>`);
