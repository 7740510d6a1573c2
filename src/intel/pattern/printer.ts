import type {
  Comparison,
  ComparisonExpression,
  Constant,
  ObjectPath,
  ObservationExpression,
  Pattern,
  PathStep,
  Qualifier,
} from './ast.ts';
import { KEYWORDS } from './tokens.ts';

/**
 * Prints a pattern as canonical text: single spaces around operators, `=`/`!=` for `==`/`<>`, parentheses only
 * where precedence needs them, property names quoted only when they must be. For a canonical tree (see `ast.ts`)
 * `parsePattern(printPattern(p))` deep-equals `p`.
 */
export function printPattern(p: Pattern): string {
  return printObservation(p.expression);
}

const OBSERVATION_RANK = { followedBy: 0, or: 1, and: 2, qualified: 3, observation: 3 } as const;

function printObservation(e: ObservationExpression): string {
  switch (e.kind) {
    case 'observation':
      return `[${printComparisonExpression(e.expression)}]`;
    case 'qualified':
      return `${observationOperand(e.expression, 3)} ${printQualifier(e.qualifier)}`;
    case 'and':
    case 'or':
    case 'followedBy': {
      const rank = OBSERVATION_RANK[e.kind];
      const word = e.kind === 'followedBy' ? 'FOLLOWEDBY' : e.kind.toUpperCase();
      return e.operands.map((o) => observationOperand(o, rank + 1)).join(` ${word} `);
    }
  }
}

/** Prints `e`, parenthesised when it binds more loosely than `minRank`. */
function observationOperand(e: ObservationExpression, minRank: number): string {
  const text = printObservation(e);
  return OBSERVATION_RANK[e.kind] < minRank ? `(${text})` : text;
}

function printQualifier(q: Qualifier): string {
  switch (q.kind) {
    case 'within':
      return `WITHIN ${formatNumber(q.seconds, Number.isInteger(q.seconds) ? 'int' : 'float')} SECONDS`;
    case 'repeats':
      return `REPEATS ${formatNumber(q.times, 'int')} TIMES`;
    case 'startStop':
      return `START t'${q.start}' STOP t'${q.stop}'`;
  }
}

/** Prints a comparison expression as it appears between the brackets. */
export function printComparisonExpression(e: ComparisonExpression): string {
  switch (e.kind) {
    case 'comparison':
      return printComparison(e);
    case 'or':
      return e.operands
        .map((o) => (o.kind === 'or' ? `(${printComparisonExpression(o)})` : printComparisonExpression(o)))
        .join(' OR ');
    case 'and':
      return e.operands
        .map((o) => (o.kind === 'comparison' ? printComparison(o) : `(${printComparisonExpression(o)})`))
        .join(' AND ');
  }
}

function printComparison(c: Comparison): string {
  const path = printObjectPath(c.path);
  if (c.op === 'EXISTS') return `EXISTS ${path}`;
  const not = c.negated ? ' NOT' : '';
  const operand = c.op === 'IN' ? `(${c.values.map(printConstant).join(', ')})` : printConstant(c.value);
  return `${path}${not} ${c.op} ${operand}`;
}

/** Quotes a string constant, escaping `\` and `'`. */
export function quote(value: string): string {
  // Most values hold neither character: skip the replace (a regular expression run and a callback per match).
  if (!value.includes("'") && !value.includes('\\')) return `'${value}'`;
  return `'${value.replace(/[\\']/g, (ch) => `\\${ch}`)}'`;
}

/** Prints a constant in the literal syntax its kind needs. */
export function printConstant(c: Constant): string {
  switch (c.kind) {
    case 'string':
      return quote(c.value);
    case 'int':
    case 'float':
      return formatNumber(c.value, c.kind);
    case 'bool':
      return String(c.value);
    case 'hex':
      return `h'${c.value}'`;
    case 'binary':
      return `b'${c.value}'`;
    case 'timestamp':
      return `t'${c.value}'`;
  }
}

/** Writes a finite number without exponent; floats always carry a fractional part. */
function formatNumber(value: number, kind: 'int' | 'float'): string {
  const sign = value < 0 || Object.is(value, -0) ? '-' : '';
  const abs = Math.abs(value);
  if (Number.isInteger(abs)) return `${sign}${BigInt(abs).toString()}${kind === 'float' ? '.0' : ''}`;
  const [mantissa = '0', exp = '0'] = abs.toString().split('e');
  const e = Number(exp);
  if (e === 0) return `${sign}${mantissa}`;
  // Only tiny numbers reach here: abs < 1e-6 gives a negative exponent (large ones are integers).
  const digits = mantissa.replace('.', '');
  return `${sign}0.${'0'.repeat(-e - 1)}${digits}`;
}

const BARE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Prints a property name bare when the grammar allows it, quoted otherwise. */
export function printPropertyName(name: string): string {
  return BARE_NAME.test(name) && !KEYWORDS.has(name) ? name : quote(name);
}

/** Prints the part of a path after the colon, e.g. `hashes.'SHA-256'` or `sections[*].entropy`. */
export function printSteps(steps: readonly PathStep[]): string {
  // Concatenated in a loop rather than mapped and joined: every simple indicator's path is printed on import.
  let text = '';
  for (let i = 0; i < steps.length; i++) {
    const s = steps[i]!;
    if (s.kind === 'index') text += `[${s.index === '*' ? '*' : formatNumber(s.index, 'int')}]`;
    else text += `${i === 0 ? '' : '.'}${printPropertyName(s.name)}`;
  }
  return text;
}

/** Prints a whole object path, `type:steps`. */
export function printObjectPath(path: ObjectPath): string {
  return `${path.objectType}:${printSteps(path.steps)}`;
}
