import type {
  Comparison,
  ComparisonExpression,
  Constant,
  ObjectPath,
  OrderableConstant,
  PathStep,
  StringConstant,
} from './ast.ts';
import { parseCidr } from './cidr.ts';
import type { Cursor } from './cursor.ts';
import { compileMatches } from './regex.ts';
import type { TokenKind } from './tokens.ts';

function join(kind: 'and' | 'or', operands: ComparisonExpression[]): ComparisonExpression {
  if (operands.length === 1 && operands[0] !== undefined) return operands[0];
  return { kind, operands: operands.flatMap((o) => (o.kind === kind ? o.operands : [o])) };
}

/** comparisonExpression: `a OR b`, where AND binds tighter than OR. */
export function parseComparisonExpression(c: Cursor): ComparisonExpression {
  const operands = [parseConjunction(c)];
  while (c.accept('keyword', 'OR')) operands.push(parseConjunction(c));
  return join('or', operands);
}

function parseConjunction(c: Cursor): ComparisonExpression {
  const operands = [parseTest(c)];
  while (c.accept('keyword', 'AND')) operands.push(parseTest(c));
  return join('and', operands);
}

function parseTest(c: Cursor): ComparisonExpression {
  if (c.at('punct', '(')) {
    c.enter();
    c.advance();
    const inner = parseComparisonExpression(c);
    c.expect('punct', ')');
    c.leave();
    return inner;
  }
  if (c.accept('keyword', 'EXISTS')) return { kind: 'comparison', op: 'EXISTS', path: parseObjectPath(c) };
  if (!c.at('ident', undefined, 'object type')) c.fail();
  return parseComparison(c, parseObjectPath(c));
}

const STRING_OPS = ['LIKE', 'MATCHES', 'ISSUBSET', 'ISSUPERSET'] as const;

function parseComparison(c: Cursor, path: ObjectPath): Comparison {
  const negated = c.accept('keyword', 'NOT');
  if (c.at('op', undefined, 'comparison operator')) {
    const op = c.advance().text;
    if (op === '=' || op === '!=') return { kind: 'comparison', op, negated, path, value: parseConstant(c, true) };
    if (op === '<' || op === '<=' || op === '>' || op === '>=') {
      return { kind: 'comparison', op, negated, path, value: parseConstant(c, false) };
    }
  }
  if (c.accept('keyword', 'IN')) return { kind: 'comparison', op: 'IN', negated, path, values: parseSet(c) };
  for (const op of STRING_OPS) {
    if (c.accept('keyword', op)) return { kind: 'comparison', op, negated, path, value: parseStringOperand(c, op) };
  }
  return c.fail();
}

function parseStringOperand(c: Cursor, op: (typeof STRING_OPS)[number]): StringConstant {
  const token = c.expect('string');
  if (op === 'MATCHES') {
    const compiled = compileMatches(token.text);
    if (typeof compiled === 'string') c.reject(token, `invalid regular expression: ${compiled}`);
  }
  if ((op === 'ISSUBSET' || op === 'ISSUPERSET') && parseCidr(token.text) === undefined) {
    c.reject(token, 'not an IP address or CIDR block', ['IPv4 or IPv6 address or CIDR block']);
  }
  return { kind: 'string', value: token.text };
}

function parseSet(c: Cursor): Constant[] {
  c.enter();
  c.expect('punct', '(');
  const values: Constant[] = [];
  if (!c.accept('punct', ')')) {
    do values.push(parseConstant(c, true));
    while (c.accept('punct', ','));
    c.expect('punct', ')');
  }
  c.leave();
  return values;
}

const LITERALS: ReadonlyArray<[TokenKind, string]> = [
  ['string', 'string'],
  ['int', 'integer'],
  ['float', 'float'],
  ['hex', 'hex literal'],
  ['binary', 'binary literal'],
  ['timestamp', 'timestamp'],
];

/** A constant; booleans only when `allowBool` (they are not orderable). */
export function parseConstant(c: Cursor, allowBool: true): Constant;
export function parseConstant(c: Cursor, allowBool: false): OrderableConstant;
export function parseConstant(c: Cursor, allowBool: boolean): Constant {
  for (const [kind, label] of LITERALS) {
    if (!c.at(kind, undefined, label)) continue;
    const t = c.advance();
    if (kind === 'int' || kind === 'float') return { kind, value: t.number };
    if (kind === 'string' || kind === 'hex' || kind === 'binary' || kind === 'timestamp')
      return { kind, value: t.text };
  }
  if (allowBool && c.at('bool', undefined, 'boolean')) return { kind: 'bool', value: c.advance().text === 'true' };
  return c.fail();
}

/** objectPath: `type:prop`, then `.prop`, `.'quoted prop'`, `[n]` or `[*]` steps. */
export function parseObjectPath(c: Cursor): ObjectPath {
  const objectType = c.expect('ident', undefined, 'object type').text;
  c.expect('punct', ':');
  const steps: PathStep[] = [{ kind: 'prop', name: parsePropertyName(c) }];
  for (;;) {
    if (c.accept('punct', '.')) {
      steps.push({ kind: 'prop', name: parsePropertyName(c) });
    } else if (c.accept('punct', '[')) {
      if (c.accept('punct', '*')) {
        steps.push({ kind: 'index', index: '*' });
      } else {
        steps.push({ kind: 'index', index: c.expect('int', undefined, 'list index').number });
      }
      c.expect('punct', ']');
    } else {
      return { objectType, steps };
    }
  }
}

function parsePropertyName(c: Cursor): string {
  if (c.at('ident', undefined, 'property name')) {
    const token = c.advance();
    if (token.text.includes('-')) c.reject(token, "a property name with '-' must be quoted", ['property name']);
    return token.text;
  }
  return c.expect('string', undefined, 'property name').text;
}
