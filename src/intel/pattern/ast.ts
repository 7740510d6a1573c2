/**
 * Abstract syntax tree for STIX 2.1 patterns (STIX 2.1 section 9, "STIX Patterning").
 *
 * Canonical form, as produced by `parsePattern`: `and`, `or` and `followedBy` nodes have at least two operands and
 * never directly contain a node of their own kind (a chain `a OR b OR c` is one node with three operands);
 * parentheses are not recorded. `printPattern` prints any canonical tree so that it parses back to an equal tree.
 */

/** A whole pattern: one observation expression. */
export interface Pattern {
  readonly kind: 'pattern';
  readonly expression: ObservationExpression;
}

/** An observation expression: a bracketed comparison expression, a combination of them, or a qualified one. */
export type ObservationExpression =
  ObservationLeaf | ObservationAnd | ObservationOr | ObservationFollowedBy | QualifiedObservation;

/** `[ comparison-expression ]`: what a single observed object must satisfy. */
export interface ObservationLeaf {
  readonly kind: 'observation';
  readonly expression: ComparisonExpression;
}

/** `a AND b`: every operand is matched, by different observations. */
export interface ObservationAnd {
  readonly kind: 'and';
  readonly operands: readonly ObservationExpression[];
}

/** `a OR b`: any operand is matched. */
export interface ObservationOr {
  readonly kind: 'or';
  readonly operands: readonly ObservationExpression[];
}

/** `a FOLLOWEDBY b`: the operands are matched in this order in time. */
export interface ObservationFollowedBy {
  readonly kind: 'followedBy';
  readonly operands: readonly ObservationExpression[];
}

/** An observation expression restricted by one qualifier (several qualifiers nest, innermost first). */
export interface QualifiedObservation {
  readonly kind: 'qualified';
  readonly expression: ObservationExpression;
  readonly qualifier: Qualifier;
}

/** `WITHIN n SECONDS` (n > 0), `REPEATS n TIMES` (integer n > 0) or `START t'…' STOP t'…'`. */
export type Qualifier =
  | { readonly kind: 'within'; readonly seconds: number }
  | { readonly kind: 'repeats'; readonly times: number }
  | { readonly kind: 'startStop'; readonly start: string; readonly stop: string };

/** A boolean combination of comparisons about one observed object. */
export type ComparisonExpression = Comparison | ComparisonAnd | ComparisonOr;

/** `a AND b` inside brackets. */
export interface ComparisonAnd {
  readonly kind: 'and';
  readonly operands: readonly ComparisonExpression[];
}

/** `a OR b` inside brackets. */
export interface ComparisonOr {
  readonly kind: 'or';
  readonly operands: readonly ComparisonExpression[];
}

/** One comparison of an object path, discriminated by `op`. */
export type Comparison = EqualityComparison | OrderComparison | StringComparison | SetComparison | ExistsComparison;

/** Fields shared by comparisons that may be negated with `NOT` (written after the path: `file:name NOT = 'x'`). */
interface NegatableComparison {
  readonly kind: 'comparison';
  readonly path: ObjectPath;
  readonly negated: boolean;
}

/** `path = c` or `path != c` (`==` and `<>` are read as `=` and `!=`). */
export interface EqualityComparison extends NegatableComparison {
  readonly op: '=' | '!=';
  readonly value: Constant;
}

/** `path < c` and friends; booleans are not orderable. */
export interface OrderComparison extends NegatableComparison {
  readonly op: '<' | '<=' | '>' | '>=';
  readonly value: OrderableConstant;
}

/** `LIKE`, `MATCHES`, `ISSUBSET`, `ISSUPERSET`: the right-hand side is always a string. */
export interface StringComparison extends NegatableComparison {
  readonly op: 'LIKE' | 'MATCHES' | 'ISSUBSET' | 'ISSUPERSET';
  readonly value: StringConstant;
}

/** `path IN (c1, c2, …)`; the set may be empty. */
export interface SetComparison extends NegatableComparison {
  readonly op: 'IN';
  readonly values: readonly Constant[];
}

/** `EXISTS path` (the grammar has no `NOT EXISTS`). */
export interface ExistsComparison {
  readonly kind: 'comparison';
  readonly op: 'EXISTS';
  readonly path: ObjectPath;
}

/** Every comparison operator. */
export type ComparisonOperator = Comparison['op'];

/** `type:prop.prop[0].'quoted-prop'[*]`. */
export interface ObjectPath {
  /** The cyber-observable object type, e.g. `file`, `x-usb-device`. */
  readonly objectType: string;
  /** At least one step; the first is always a property. */
  readonly steps: readonly PathStep[];
}

/** A property name, or a list index (`'*'` means any element). */
export type PathStep =
  { readonly kind: 'prop'; readonly name: string } | { readonly kind: 'index'; readonly index: number | '*' };

/** A string constant, unescaped. */
export interface StringConstant {
  readonly kind: 'string';
  readonly value: string;
}

/** A constant other than a boolean. */
export type OrderableConstant =
  | StringConstant
  | { readonly kind: 'int'; readonly value: number }
  | { readonly kind: 'float'; readonly value: number }
  /** Hex digits as written, without `h'` `'`. */
  | { readonly kind: 'hex'; readonly value: string }
  /** Base64 as written, without `b'` `'`. */
  | { readonly kind: 'binary'; readonly value: string }
  /** RFC 3339 UTC timestamp as written, without `t'` `'`. */
  | { readonly kind: 'timestamp'; readonly value: string };

/** Any constant. */
export type Constant = OrderableConstant | { readonly kind: 'bool'; readonly value: boolean };
