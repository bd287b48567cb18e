/**
 * A small, typed Python syntax tree: the subset of Python that configuration
 * and collector modules use, built from the error-tolerant lezer tree by
 * `parse.ts`. Every node keeps the offsets of its source text (`from`/`to`,
 * UTF-16 offsets into the file) so that findings can point at it. Anything the
 * converter does not understand (syntax errors, rare constructs) becomes an
 * `unknown` node instead of failing.
 */

export interface Span {
  from: number;
  to: number;
}

/** A piece of an f-string: literal text, or a replacement field. */
export type FStringPart = string | FReplacement;

export interface FReplacement extends Span {
  expr: Expr;
  /** `!r`, `!s`, `!a`. */
  conversion?: 'r' | 's' | 'a';
  /** The format spec after `:`, itself an f-string. */
  spec?: FStringPart[];
  /** `{x=}` prints the expression's text before the value. */
  selfDoc?: string;
}

export interface Arg extends Span {
  /** Keyword argument name. */
  name?: string;
  star?: '*' | '**';
  value: Expr;
}

export interface Comprehension {
  target: Expr;
  iter: Expr;
  ifs: Expr[];
}

export interface Param extends Span {
  name: string;
  star?: '*' | '**';
  default?: Expr;
}

export type Expr = Span &
  (
    | { kind: 'name'; id: string }
    /** A string literal whose value is fully known (implicit concatenation of literals included). */
    | { kind: 'str'; value: string; bytes: boolean }
    /** An f-string, or an implicit concatenation that contains one. */
    | { kind: 'fstr'; parts: FStringPart[] }
    | { kind: 'num'; value: number; text: string }
    | { kind: 'const'; value: boolean | null | 'ellipsis' }
    | { kind: 'attr'; value: Expr; attr: string; attrSpan: Span }
    | { kind: 'subscript'; value: Expr; index: Expr }
    | { kind: 'slice'; lower?: Expr; upper?: Expr; step?: Expr }
    | { kind: 'call'; func: Expr; args: Arg[] }
    /** Arithmetic, comparison (`==`, `in`, `not in`, `is`, `is not`, …) and boolean (`and`, `or`) operators. */
    | { kind: 'binop'; op: string; left: Expr; right: Expr }
    | { kind: 'unary'; op: string; operand: Expr }
    | { kind: 'list' | 'tuple' | 'set'; elts: Expr[] }
    | { kind: 'starred'; value: Expr }
    | { kind: 'dict'; entries: ({ key: Expr; value: Expr } | { spread: Expr })[] }
    | { kind: 'comp'; type: 'list' | 'set' | 'gen' | 'dict'; elt: Expr; value?: Expr; generators: Comprehension[] }
    | { kind: 'ifexp'; test: Expr; body: Expr; orelse: Expr }
    | { kind: 'lambda'; params: Param[]; body: Expr }
    | { kind: 'await'; value: Expr }
    | { kind: 'yield'; value?: Expr; isFrom: boolean }
    | { kind: 'unknown'; text: string }
  );

export interface ImportName {
  /** Dotted module path for `import a.b`; the imported name for `from m import x`. */
  name: string;
  asname?: string;
  span: Span;
}

export interface ExceptHandler extends Span {
  type?: Expr;
  name?: string;
  body: Stmt[];
}

export type Stmt = Span &
  (
    | { kind: 'import'; names: ImportName[] }
    | { kind: 'from'; module: string; level: number; names: ImportName[]; star: boolean }
    | { kind: 'assign'; targets: Expr[]; value: Expr; annotation?: Expr }
    /** `x: int` without a value. */
    | { kind: 'annassign'; target: Expr; annotation: Expr }
    | { kind: 'augassign'; target: Expr; op: string; value: Expr }
    | { kind: 'expr'; value: Expr }
    | { kind: 'class'; name: string; nameSpan: Span; bases: Arg[]; body: Stmt[]; decorators: Expr[] }
    | { kind: 'def'; name: string; nameSpan: Span; params: Param[]; body: Stmt[]; decorators: Expr[]; isAsync: boolean }
    | { kind: 'return'; value?: Expr }
    | { kind: 'for'; target: Expr; iter: Expr; body: Stmt[]; orelse: Stmt[] }
    | { kind: 'while'; test: Expr; body: Stmt[]; orelse: Stmt[] }
    | { kind: 'if'; test: Expr; body: Stmt[]; orelse: Stmt[] }
    | { kind: 'with'; items: { expr: Expr; target?: Expr }[]; body: Stmt[] }
    | { kind: 'try'; body: Stmt[]; handlers: ExceptHandler[]; orelse: Stmt[]; finalbody: Stmt[] }
    | { kind: 'global' | 'nonlocal'; names: string[] }
    | { kind: 'raise'; exc?: Expr }
    | { kind: 'del'; targets: Expr[] }
    | { kind: 'assert'; test: Expr }
    | { kind: 'pass' | 'break' | 'continue' }
    /** Statements the converter does not model (match, syntax errors); `children` keeps any nested bodies reachable. */
    | { kind: 'other'; text: string; children: Stmt[] }
  );

export interface PyModule {
  text: string;
  body: Stmt[];
  /** Spans of the parser's error nodes: no finding should be trusted inside them. */
  errors: Span[];
}

/** Visits every statement, depth first, including bodies of classes, functions, loops and branches. */
export function walkStatements(body: readonly Stmt[], visit: (stmt: Stmt, parents: readonly Stmt[]) => boolean | void, parents: Stmt[] = []): void {
  for (const stmt of body) {
    if (visit(stmt, parents) === false) continue;
    const inner = [...parents, stmt];
    for (const child of childBodies(stmt)) walkStatements(child, visit, inner);
  }
}

export function childBodies(stmt: Stmt): Stmt[][] {
  return stmt.kind === 'class' || stmt.kind === 'def' ? [stmt.body] : blockBodies(stmt);
}

/** The statement lists a statement runs as part of itself (branches, loop bodies, handlers): not the bodies of the functions and classes it defines. */
export function blockBodies(stmt: Stmt): Stmt[][] {
  switch (stmt.kind) {
    case 'with':
      return [stmt.body];
    case 'for':
    case 'while':
    case 'if':
      return [stmt.body, stmt.orelse];
    case 'try':
      return [stmt.body, ...stmt.handlers.map((h) => h.body), stmt.orelse, stmt.finalbody];
    case 'other':
      return [stmt.children];
    default:
      return [];
  }
}

/** `a.b.c` → "a.b.c"; undefined for anything that is not a plain dotted name. */
export function dottedName(expr: Expr): string | undefined {
  if (expr.kind === 'name') return expr.id;
  if (expr.kind === 'attr') {
    const base = dottedName(expr.value);
    return base === undefined ? undefined : `${base}.${expr.attr}`;
  }
  return undefined;
}

export type DefStmt = Extract<Stmt, { kind: 'def' }>;
export type ClassStmt = Extract<Stmt, { kind: 'class' }>;
