import type { ObservationExpression, Pattern, Qualifier } from './ast.ts';
import { Cursor } from './cursor.ts';
import { PatternSyntaxError } from './errors.ts';
import { compareTimestampKeys, timestampKey } from './literals.ts';
import { parseComparisonExpression } from './parse-comparison.ts';

/**
 * Parses STIX 2.1 pattern text into its syntax tree (see `ast.ts` for the canonical form).
 *
 * Precedence follows the STIX 2.1 ANTLR grammar: qualifiers bind tightest, then `AND`, then `OR`, and `FOLLOWEDBY`
 * is the loosest observation operator; inside brackets `AND` binds tighter than `OR`. Keywords are case-sensitive.
 * Whitespace and `/* *\/` and `//` comments may separate tokens.
 *
 * @throws PatternSyntaxError for any text that is not a valid pattern, and never anything else.
 */
export function parsePattern(source: string): Pattern {
  try {
    const c = new Cursor(source);
    const expression = parseFollowedBy(c);
    c.expect('eof', undefined, 'end of input');
    return { kind: 'pattern', expression };
  } catch (e) {
    if (e instanceof PatternSyntaxError) throw e;
    // Only reachable through resource exhaustion, which the depth limit should already prevent.
    throw new PatternSyntaxError(0, [], 'the whole pattern', e instanceof Error ? e.message : 'internal error');
  }
}

function join(kind: 'and' | 'or' | 'followedBy', operands: ObservationExpression[]): ObservationExpression {
  if (operands.length === 1 && operands[0] !== undefined) return operands[0];
  return { kind, operands: operands.flatMap((o) => (o.kind === kind ? o.operands : [o])) };
}

function parseFollowedBy(c: Cursor): ObservationExpression {
  const operands = [parseOr(c)];
  while (c.accept('keyword', 'FOLLOWEDBY')) operands.push(parseOr(c));
  return join('followedBy', operands);
}

function parseOr(c: Cursor): ObservationExpression {
  const operands = [parseAnd(c)];
  while (c.accept('keyword', 'OR')) operands.push(parseAnd(c));
  return join('or', operands);
}

function parseAnd(c: Cursor): ObservationExpression {
  const operands = [parseQualified(c)];
  while (c.accept('keyword', 'AND')) operands.push(parseQualified(c));
  return join('and', operands);
}

function parseQualified(c: Cursor): ObservationExpression {
  let expression = parseAtom(c);
  let levels = 0;
  for (let qualifier = parseQualifier(c); qualifier !== undefined; qualifier = parseQualifier(c)) {
    c.enter();
    levels += 1;
    expression = { kind: 'qualified', expression, qualifier };
  }
  c.leave(levels);
  return expression;
}

function parseAtom(c: Cursor): ObservationExpression {
  if (c.at('punct', '[')) {
    c.enter();
    c.advance();
    const expression = parseComparisonExpression(c);
    c.expect('punct', ']');
    c.leave();
    return { kind: 'observation', expression };
  }
  if (c.at('punct', '(')) {
    c.enter();
    c.advance();
    const inner = parseFollowedBy(c);
    c.expect('punct', ')');
    c.leave();
    return inner;
  }
  return c.fail();
}

function parseQualifier(c: Cursor): Qualifier | undefined {
  if (c.accept('keyword', 'START')) {
    const start = c.expect('timestamp');
    c.expect('keyword', 'STOP');
    const stop = c.expect('timestamp');
    const order = compareTimestampKeys(timestampKey(start.text) ?? '', timestampKey(stop.text) ?? '');
    if (order >= 0) c.reject(stop, 'STOP must be later than START');
    return { kind: 'startStop', start: start.text, stop: stop.text };
  }
  if (c.accept('keyword', 'WITHIN')) {
    if (!c.at('int', undefined, 'positive number') && !c.at('float', undefined, 'positive number')) c.fail();
    const n = c.advance();
    if (!(n.number > 0)) c.reject(n, 'WITHIN needs a positive number of seconds', ['positive number']);
    c.expect('keyword', 'SECONDS');
    return { kind: 'within', seconds: n.number };
  }
  if (c.accept('keyword', 'REPEATS')) {
    const n = c.expect('int', undefined, 'positive integer');
    if (!(n.number > 0)) c.reject(n, 'REPEATS needs a positive integer', ['positive integer']);
    c.expect('keyword', 'TIMES');
    return { kind: 'repeats', times: n.number };
  }
  return undefined;
}
