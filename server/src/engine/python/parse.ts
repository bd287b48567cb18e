import type { SyntaxNode } from '@lezer/common';
import { parser } from '@lezer/python';
import type { Arg, Comprehension, ExceptHandler, Expr, FReplacement, FStringPart, ImportName, Param, PyModule, Span, Stmt } from './ast';

/**
 * Parses Python source into the typed tree of `ast.ts` with `@lezer/python`,
 * an incremental, error-tolerant parser made for editors: a syntax error only
 * spoils the statement it sits in. Never throws.
 */
export function parsePython(text: string): PyModule {
  const tree = parser.parse(text);
  const converter = new Converter(text);
  const body = converter.block(tree.topNode);
  return { text, body, errors: converter.errors };
}

const EXPRESSIONS = new Set([
  'VariableName',
  'String',
  'FormatString',
  'ContinuedString',
  'Number',
  'Boolean',
  'None',
  'Ellipsis',
  'MemberExpression',
  'CallExpression',
  'BinaryExpression',
  'UnaryExpression',
  'ParenthesizedExpression',
  'TupleExpression',
  'ArrayExpression',
  'SetExpression',
  'DictionaryExpression',
  'ArrayComprehensionExpression',
  'ComprehensionExpression',
  'SetComprehensionExpression',
  'DictionaryComprehensionExpression',
  'ConditionalExpression',
  'LambdaExpression',
  'AwaitExpression',
  'YieldExpression',
  'NamedExpression',
]);

const isExpr = (node: SyntaxNode) => EXPRESSIONS.has(node.name);

class Converter {
  readonly errors: Span[] = [];

  constructor(private readonly text: string) {}

  private src(node: { from: number; to: number }): string {
    return this.text.slice(node.from, node.to);
  }

  /** Children without comments; error nodes are recorded and dropped. */
  private kids(node: SyntaxNode): SyntaxNode[] {
    const out: SyntaxNode[] = [];
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.type.isError) {
        this.errors.push({ from: child.from, to: Math.max(child.to, child.from + 1) });
        continue;
      }
      if (child.name === 'Comment') continue;
      out.push(child);
    }
    return out;
  }

  private unknown(node: { from: number; to: number }): Expr {
    return { kind: 'unknown', text: this.src(node), from: node.from, to: node.to };
  }

  // ---- statements

  /** The statements of a Script or a Body node. */
  block(node: SyntaxNode | null | undefined): Stmt[] {
    if (!node) return [];
    const out: Stmt[] = [];
    for (const child of this.kids(node)) {
      if (child.name === 'StatementGroup') out.push(...this.block(child));
      else if (child.name !== ':' && child.name !== ';') {
        const stmt = this.stmt(child);
        if (stmt) out.push(stmt);
      }
    }
    return out;
  }

  private stmt(node: SyntaxNode): Stmt | undefined {
    const span = { from: node.from, to: node.to };
    try {
      switch (node.name) {
        case 'ImportStatement':
          return this.importStmt(node);
        case 'AssignStatement':
          return this.assign(node);
        case 'UpdateStatement': {
          const k = this.kids(node);
          const op = k.find((c) => c.name === 'UpdateOp');
          const exprs = k.filter(isExpr);
          if (!op || exprs.length < 2) return { kind: 'other', text: this.src(node), children: [], ...span };
          return { kind: 'augassign', target: this.expr(exprs[0]), op: this.src(op).slice(0, -1), value: this.expr(exprs[exprs.length - 1]), ...span };
        }
        case 'ExpressionStatement': {
          const e = this.kids(node).find(isExpr);
          return e ? { kind: 'expr', value: this.expr(e), ...span } : undefined;
        }
        case 'YieldStatement':
          return { kind: 'expr', value: this.yieldExpr(node), ...span };
        case 'ReturnStatement': {
          const value = this.tupleOf(this.kids(node).filter(isExpr), node);
          return { kind: 'return', value, ...span };
        }
        case 'PassStatement':
          return { kind: 'pass', ...span };
        case 'BreakStatement':
          return { kind: 'break', ...span };
        case 'ContinueStatement':
          return { kind: 'continue', ...span };
        case 'RaiseStatement': {
          const e = this.kids(node).find(isExpr);
          return { kind: 'raise', exc: e ? this.expr(e) : undefined, ...span };
        }
        case 'DeleteStatement':
          return { kind: 'del', targets: this.kids(node).filter(isExpr).map((c) => this.expr(c)), ...span };
        case 'AssertStatement': {
          const e = this.kids(node).find(isExpr);
          return e ? { kind: 'assert', test: this.expr(e), ...span } : { kind: 'pass', ...span };
        }
        case 'ScopeStatement': {
          const k = this.kids(node);
          const kind = k[0]?.name === 'nonlocal' ? 'nonlocal' : 'global';
          return { kind, names: k.filter((c) => c.name === 'VariableName').map((c) => this.src(c)), ...span };
        }
        case 'IfStatement':
          return this.ifStmt(node);
        case 'WhileStatement': {
          const k = this.kids(node);
          const bodies = k.filter((c) => c.name === 'Body');
          const test = k.find(isExpr);
          return { kind: 'while', test: test ? this.expr(test) : this.unknown(node), body: this.block(bodies[0]), orelse: this.block(bodies[1]), ...span };
        }
        case 'ForStatement':
          return this.forStmt(node);
        case 'TryStatement':
          return this.tryStmt(node);
        case 'WithStatement':
          return this.withStmt(node);
        case 'FunctionDefinition':
          return this.funcDef(node, []);
        case 'ClassDefinition':
          return this.classDef(node, []);
        case 'DecoratedStatement': {
          const k = this.kids(node);
          const decorators = k.filter((c) => c.name === 'Decorator').map((d) => this.decorator(d));
          const target = k.find((c) => c.name === 'FunctionDefinition' || c.name === 'ClassDefinition');
          if (!target) return { kind: 'other', text: this.src(node), children: [], ...span };
          const stmt = target.name === 'FunctionDefinition' ? this.funcDef(target, decorators) : this.classDef(target, decorators);
          return { ...stmt, from: node.from } as Stmt;
        }
        default: {
          // Statements not modelled (match, print, type aliases): keep nested bodies reachable.
          const children: Stmt[] = [];
          const visit = (n: SyntaxNode) => {
            for (const c of this.kids(n)) {
              if (c.name === 'Body') children.push(...this.block(c));
              else if (c.name === 'MatchBody' || c.name === 'MatchClause') visit(c);
            }
          };
          visit(node);
          return { kind: 'other', text: this.src(node), children, ...span };
        }
      }
    } catch {
      // A tree shape the converter did not expect: keep the statement as text.
      return { kind: 'other', text: this.src(node), children: [], ...span };
    }
  }

  private decorator(node: SyntaxNode): Expr {
    const k = this.kids(node).filter((c) => c.name !== 'At');
    if (k.length === 0) return this.unknown(node);
    // `@a.b(args)` comes as a flat sequence: names, dots, ArgList.
    let expr: Expr | undefined;
    for (const c of k) {
      if (c.name === 'VariableName' && !expr) expr = { kind: 'name', id: this.src(c), from: c.from, to: c.to };
      else if ((c.name === 'VariableName' || c.name === 'PropertyName') && expr) {
        expr = { kind: 'attr', value: expr, attr: this.src(c), attrSpan: { from: c.from, to: c.to }, from: expr.from, to: c.to };
      } else if (c.name === 'ArgList' && expr) expr = { kind: 'call', func: expr, args: this.args(c), from: expr.from, to: c.to };
      else if (isExpr(c) && !expr) expr = this.expr(c);
    }
    return expr ?? this.unknown(node);
  }

  private importStmt(node: SyntaxNode): Stmt {
    const span = { from: node.from, to: node.to };
    const k = this.kids(node);
    if (k[0]?.name === 'from') {
      let i = 1;
      let level = 0;
      let module = '';
      for (; i < k.length && k[i].name !== 'import'; i++) {
        if (k[i].name === '.') {
          if (module) module += '.';
          else level++;
        } else if (k[i].name === 'Ellipsis') level += 3;
        else if (k[i].name === 'VariableName') module += this.src(k[i]);
      }
      const names: ImportName[] = [];
      let star = false;
      for (i++; i < k.length; i++) {
        const c = k[i];
        if (c.name === '*') star = true;
        else if (c.name === 'VariableName') {
          if (k[i - 1]?.name === 'as' && names.length) {
            const last = names[names.length - 1];
            last.asname = this.src(c);
            last.span = { from: last.span.from, to: c.to };
          } else names.push({ name: this.src(c), span: { from: c.from, to: c.to } });
        }
      }
      return { kind: 'from', module, level, names, star, ...span };
    }
    const names: ImportName[] = [];
    let current: ImportName | undefined;
    let afterAs = false;
    for (const c of k.slice(1)) {
      if (c.name === ',') {
        current = undefined;
        afterAs = false;
      } else if (c.name === 'as') afterAs = true;
      else if (c.name === 'VariableName') {
        if (afterAs && current) {
          current.asname = this.src(c);
          current.span = { from: current.span.from, to: c.to };
        } else if (current) {
          current.name += '.' + this.src(c);
          current.span = { from: current.span.from, to: c.to };
        } else {
          current = { name: this.src(c), span: { from: c.from, to: c.to } };
          names.push(current);
        }
      }
    }
    return { kind: 'import', names, ...span };
  }

  private assign(node: SyntaxNode): Stmt {
    const span = { from: node.from, to: node.to };
    const k = this.kids(node);
    // Segments separated by `=`: all but the last are targets; each may be a bare tuple `a, b`.
    const segments: SyntaxNode[][] = [[]];
    let annotation: Expr | undefined;
    for (const c of k) {
      if (c.name === 'AssignOp') segments.push([]);
      else if (c.name === 'TypeDef') {
        const t = this.kids(c).find(isExpr);
        if (t) annotation = this.expr(t);
      } else segments[segments.length - 1].push(c);
    }
    const toExpr = (seg: SyntaxNode[]): Expr | undefined => this.tupleOf(seg.filter(isExpr), node);
    if (segments.length === 1) {
      const target = toExpr(segments[0]);
      if (target && annotation) return { kind: 'annassign', target, annotation, ...span };
      return { kind: 'other', text: this.src(node), children: [], ...span };
    }
    const value = toExpr(segments[segments.length - 1]) ?? this.unknown(node);
    const targets = segments.slice(0, -1).map((s) => toExpr(s) ?? this.unknown(node));
    return { kind: 'assign', targets, value, annotation, ...span };
  }

  /** One expression, or a bare tuple (`return a, b`) of several. */
  private tupleOf(nodes: SyntaxNode[], parent: SyntaxNode): Expr | undefined {
    if (nodes.length === 0) return undefined;
    if (nodes.length === 1) {
      // `return *a, b` and friends are rare; a single node is the common case.
      return this.expr(nodes[0]);
    }
    return { kind: 'tuple', elts: nodes.map((n) => this.expr(n)), from: nodes[0].from, to: nodes[nodes.length - 1].to ?? parent.to };
  }

  private ifStmt(node: SyntaxNode): Stmt {
    const k = this.kids(node);
    // if test Body (elif test Body)* (else Body)?
    const clauses: { test?: SyntaxNode; body?: SyntaxNode; from: number }[] = [];
    for (const c of k) {
      if (c.name === 'if' || c.name === 'elif' || c.name === 'else') clauses.push({ from: c.from });
      else if (c.name === 'Body') {
        if (clauses.length) clauses[clauses.length - 1].body = c;
      } else if (isExpr(c) && clauses.length && !clauses[clauses.length - 1].test) clauses[clauses.length - 1].test = c;
    }
    const build = (i: number): Stmt[] => {
      if (i >= clauses.length) return [];
      const clause = clauses[i];
      if (!clause.test) return this.block(clause.body);
      return [
        {
          kind: 'if',
          test: this.expr(clause.test),
          body: this.block(clause.body),
          orelse: build(i + 1),
          from: clause.from,
          to: node.to,
        },
      ];
    };
    const built = build(0)[0];
    return built && built.kind === 'if' ? { ...built, from: node.from } : { kind: 'other', text: this.src(node), children: [], from: node.from, to: node.to };
  }

  private forStmt(node: SyntaxNode): Stmt {
    const k = this.kids(node);
    const inAt = k.findIndex((c) => c.name === 'in');
    const bodies = k.filter((c) => c.name === 'Body');
    const targets = k.slice(0, inAt < 0 ? 0 : inAt).filter(isExpr);
    const iters = inAt < 0 ? [] : k.slice(inAt + 1).filter(isExpr);
    return {
      kind: 'for',
      target: this.tupleOf(targets, node) ?? this.unknown(node),
      iter: this.tupleOf(iters, node) ?? this.unknown(node),
      body: this.block(bodies[0]),
      orelse: this.block(bodies[1]),
      from: node.from,
      to: node.to,
    };
  }

  private tryStmt(node: SyntaxNode): Stmt {
    const k = this.kids(node);
    let body: Stmt[] = [];
    const handlers: ExceptHandler[] = [];
    let orelse: Stmt[] = [];
    let finalbody: Stmt[] = [];
    let mode: 'try' | 'except' | 'else' | 'finally' = 'try';
    let handler: { type?: Expr; name?: string; from: number } | undefined;
    let afterAs = false;
    for (const c of k) {
      if (c.name === 'try') mode = 'try';
      else if (c.name === 'except') {
        mode = 'except';
        handler = { from: c.from };
        afterAs = false;
      } else if (c.name === 'else') mode = 'else';
      else if (c.name === 'finally') mode = 'finally';
      else if (c.name === 'as') afterAs = true;
      else if (c.name === 'Body') {
        const stmts = this.block(c);
        if (mode === 'try') body = stmts;
        else if (mode === 'except' && handler) handlers.push({ ...handler, body: stmts, to: c.to });
        else if (mode === 'else') orelse = stmts;
        else if (mode === 'finally') finalbody = stmts;
      } else if (mode === 'except' && handler && isExpr(c)) {
        if (afterAs && c.name === 'VariableName') handler.name = this.src(c);
        else handler.type = this.expr(c);
      }
    }
    return { kind: 'try', body, handlers, orelse, finalbody, from: node.from, to: node.to };
  }

  private withStmt(node: SyntaxNode): Stmt {
    const k = this.kids(node);
    const items: { expr: Expr; target?: Expr }[] = [];
    let afterAs = false;
    let body: Stmt[] = [];
    for (const c of k) {
      if (c.name === ',') afterAs = false;
      else if (c.name === 'as') afterAs = true;
      else if (c.name === 'Body') body = this.block(c);
      else if (isExpr(c)) {
        if (afterAs && items.length) items[items.length - 1].target = this.expr(c);
        else items.push({ expr: this.expr(c) });
      }
    }
    return { kind: 'with', items, body, from: node.from, to: node.to };
  }

  private funcDef(node: SyntaxNode, decorators: Expr[]): Stmt {
    const k = this.kids(node);
    const nameNode = k.find((c) => c.name === 'VariableName');
    const params = k.find((c) => c.name === 'ParamList');
    const body = k.find((c) => c.name === 'Body');
    return {
      kind: 'def',
      name: nameNode ? this.src(nameNode) : '',
      nameSpan: nameNode ? { from: nameNode.from, to: nameNode.to } : { from: node.from, to: node.from },
      params: params ? this.params(params) : [],
      body: this.block(body),
      decorators,
      isAsync: k[0]?.name === 'async',
      from: node.from,
      to: node.to,
    };
  }

  private classDef(node: SyntaxNode, decorators: Expr[]): Stmt {
    const k = this.kids(node);
    const nameNode = k.find((c) => c.name === 'VariableName');
    const argList = k.find((c) => c.name === 'ArgList');
    const body = k.find((c) => c.name === 'Body');
    return {
      kind: 'class',
      name: nameNode ? this.src(nameNode) : '',
      nameSpan: nameNode ? { from: nameNode.from, to: nameNode.to } : { from: node.from, to: node.from },
      bases: argList ? this.args(argList) : [],
      body: this.block(body),
      decorators,
      from: node.from,
      to: node.to,
    };
  }

  private params(node: SyntaxNode): Param[] {
    const out: Param[] = [];
    let star: '*' | '**' | undefined;
    let afterEq = false;
    for (const c of this.kids(node)) {
      if (c.name === ',') {
        star = undefined;
        afterEq = false;
      } else if (c.name === '*' || c.name === '**') star = c.name;
      else if (c.name === 'AssignOp') afterEq = true;
      else if (c.name === 'VariableName' && !afterEq) out.push({ name: this.src(c), star, from: c.from, to: c.to });
      else if (isExpr(c) && afterEq && out.length) out[out.length - 1].default = this.expr(c);
    }
    return out;
  }

  // ---- expressions

  expr(node: SyntaxNode): Expr {
    const span = { from: node.from, to: node.to };
    switch (node.name) {
      case 'VariableName':
        return { kind: 'name', id: this.src(node), ...span };
      case 'String':
      case 'FormatString':
      case 'ContinuedString':
        return this.string(node);
      case 'Number':
        return { kind: 'num', value: parseNumber(this.src(node)), text: this.src(node), ...span };
      case 'Boolean':
        return { kind: 'const', value: this.src(node) === 'True', ...span };
      case 'None':
        return { kind: 'const', value: null, ...span };
      case 'Ellipsis':
        return { kind: 'const', value: 'ellipsis', ...span };
      case 'ParenthesizedExpression': {
        const inner = this.kids(node).filter((c) => c.name !== '(' && c.name !== ')');
        const e = inner.find(isExpr);
        if (inner.some((c) => c.name === 'for')) return this.comprehension(node, 'gen');
        return e ? { ...this.expr(e), from: node.from, to: node.to } : this.unknown(node);
      }
      case 'MemberExpression':
        return this.member(node);
      case 'CallExpression': {
        const k = this.kids(node);
        const argList = k.find((c) => c.name === 'ArgList');
        const func = k.find(isExpr);
        return { kind: 'call', func: func ? this.expr(func) : this.unknown(node), args: argList ? this.args(argList) : [], ...span };
      }
      case 'BinaryExpression': {
        const k = this.kids(node);
        const operands = k.filter(isExpr);
        if (operands.length < 2) return this.unknown(node);
        const left = operands[0];
        const right = operands[operands.length - 1];
        const op = k
          .filter((c) => c.from >= left.to && c.to <= right.from && !isExpr(c))
          .map((c) => this.src(c))
          .join(' ');
        return { kind: 'binop', op, left: this.expr(left), right: this.expr(right), ...span };
      }
      case 'UnaryExpression': {
        const k = this.kids(node);
        const operand = k.find(isExpr);
        if (!operand) return this.unknown(node);
        const op = k
          .filter((c) => c.to <= operand.from)
          .map((c) => this.src(c))
          .join(' ');
        return { kind: 'unary', op, operand: this.expr(operand), ...span };
      }
      case 'TupleExpression':
      case 'ArrayExpression':
      case 'SetExpression':
        return { kind: node.name === 'TupleExpression' ? 'tuple' : node.name === 'ArrayExpression' ? 'list' : 'set', elts: this.elements(node), ...span };
      case 'DictionaryExpression':
        return this.dict(node);
      case 'ArrayComprehensionExpression':
        return this.comprehension(node, 'list');
      case 'ComprehensionExpression':
        return this.comprehension(node, 'gen');
      case 'SetComprehensionExpression':
        return this.comprehension(node, 'set');
      case 'DictionaryComprehensionExpression':
        return this.comprehension(node, 'dict');
      case 'ConditionalExpression': {
        const e = this.kids(node).filter(isExpr);
        if (e.length < 3) return this.unknown(node);
        return { kind: 'ifexp', body: this.expr(e[0]), test: this.expr(e[1]), orelse: this.expr(e[2]), ...span };
      }
      case 'LambdaExpression': {
        const k = this.kids(node);
        const params = k.find((c) => c.name === 'ParamList');
        const colon = k.findIndex((c) => c.name === ':');
        const body = k.slice(colon + 1).find(isExpr);
        return { kind: 'lambda', params: params ? this.params(params) : [], body: body ? this.expr(body) : this.unknown(node), ...span };
      }
      case 'AwaitExpression': {
        const e = this.kids(node).find(isExpr);
        return e ? { kind: 'await', value: this.expr(e), ...span } : this.unknown(node);
      }
      case 'YieldExpression':
        return this.yieldExpr(node);
      case 'NamedExpression': {
        const e = this.kids(node).filter(isExpr);
        return e.length ? this.expr(e[e.length - 1]) : this.unknown(node);
      }
      default:
        return this.unknown(node);
    }
  }

  private yieldExpr(node: SyntaxNode): Expr {
    const k = this.kids(node);
    const isFrom = k.some((c) => c.name === 'from');
    const value = this.tupleOf(k.filter(isExpr), node);
    return { kind: 'yield', value, isFrom, from: node.from, to: node.to };
  }

  private member(node: SyntaxNode): Expr {
    const span = { from: node.from, to: node.to };
    const k = this.kids(node);
    const base = k[0] && isExpr(k[0]) ? this.expr(k[0]) : this.unknown(node);
    const prop = k.find((c) => c.name === 'PropertyName');
    if (prop) return { kind: 'attr', value: base, attr: this.src(prop), attrSpan: { from: prop.from, to: prop.to }, ...span };
    // Subscript: `[` index parts `]`, where `:` makes slices and `,` tuples.
    const open = k.findIndex((c) => c.name === '[');
    const inner = k.slice(open + 1).filter((c) => c.name !== ']');
    const items: SyntaxNode[][] = [[]];
    for (const c of inner) {
      if (c.name === ',') items.push([]);
      else items[items.length - 1].push(c);
    }
    const item = (parts: SyntaxNode[]): Expr => {
      if (!parts.some((c) => c.name === ':')) {
        const e = parts.find(isExpr);
        return e ? this.expr(e) : this.unknown(node);
      }
      const slots: (Expr | undefined)[] = [undefined, undefined, undefined];
      let slot = 0;
      for (const c of parts) {
        if (c.name === ':') slot++;
        else if (isExpr(c) && slot < 3) slots[slot] = this.expr(c);
      }
      const from = parts[0].from;
      const to = parts[parts.length - 1].to;
      return { kind: 'slice', lower: slots[0], upper: slots[1], step: slots[2], from, to };
    };
    const nonEmpty = items.filter((p) => p.length);
    const index: Expr =
      nonEmpty.length === 1 && items.length === 1
        ? item(nonEmpty[0])
        : { kind: 'tuple', elts: nonEmpty.map(item), from: inner[0]?.from ?? node.from, to: inner[inner.length - 1]?.to ?? node.to };
    return { kind: 'subscript', value: base, index, ...span };
  }

  private args(node: SyntaxNode): Arg[] {
    const k = this.kids(node).filter((c) => c.name !== '(' && c.name !== ')');
    if (k.some((c) => c.name === 'for')) {
      // `f(x for x in y)`: a lone generator expression argument.
      const gen = this.comprehensionFrom(k, node, 'gen');
      return [{ value: gen, from: gen.from, to: gen.to }];
    }
    const out: Arg[] = [];
    let pending: { star?: '*' | '**'; name?: string; from?: number } = {};
    for (let i = 0; i < k.length; i++) {
      const c = k[i];
      if (c.name === ',') pending = {};
      else if (c.name === '*' || c.name === '**') pending = { star: c.name, from: c.from };
      else if (c.name === 'VariableName' && k[i + 1]?.name === 'AssignOp') {
        pending = { name: this.src(c), from: c.from };
        i++;
      } else if (isExpr(c)) {
        out.push({ name: pending.name, star: pending.star, value: this.expr(c), from: pending.from ?? c.from, to: c.to });
        pending = {};
      }
    }
    return out;
  }

  private elements(node: SyntaxNode): Expr[] {
    const out: Expr[] = [];
    let star = false;
    for (const c of this.kids(node)) {
      if (c.name === '*') star = true;
      else if (c.name === ',') star = false;
      else if (isExpr(c)) {
        const value = this.expr(c);
        out.push(star ? { kind: 'starred', value, from: c.from - 1, to: c.to } : value);
        star = false;
      }
    }
    return out;
  }

  private dict(node: SyntaxNode): Expr {
    const entries: ({ key: Expr; value: Expr } | { spread: Expr })[] = [];
    let key: Expr | undefined;
    let spread = false;
    for (const c of this.kids(node)) {
      if (c.name === '**') spread = true;
      else if (c.name === ',') {
        key = undefined;
        spread = false;
      } else if (isExpr(c)) {
        if (spread) {
          entries.push({ spread: this.expr(c) });
          spread = false;
        } else if (!key) key = this.expr(c);
        else {
          entries.push({ key, value: this.expr(c) });
          key = undefined;
        }
      }
    }
    return { kind: 'dict', entries, from: node.from, to: node.to };
  }

  private comprehension(node: SyntaxNode, type: 'list' | 'set' | 'gen' | 'dict'): Expr {
    const k = this.kids(node).filter((c) => !['(', ')', '[', ']', '{', '}'].includes(c.name));
    return this.comprehensionFrom(k, node, type);
  }

  private comprehensionFrom(k: SyntaxNode[], node: SyntaxNode, type: 'list' | 'set' | 'gen' | 'dict'): Expr {
    const firstFor = k.findIndex((c) => c.name === 'for' || c.name === 'async');
    const head = k.slice(0, firstFor).filter(isExpr);
    const generators: Comprehension[] = [];
    let mode: 'target' | 'iter' | 'if' | undefined;
    let targets: SyntaxNode[] = [];
    let current: Comprehension | undefined;
    for (const c of k.slice(firstFor)) {
      if (c.name === 'for') {
        mode = 'target';
        targets = [];
      } else if (c.name === 'in' && mode === 'target') {
        current = { target: this.tupleOf(targets, node) ?? this.unknown(node), iter: this.unknown(node), ifs: [] };
        generators.push(current);
        mode = 'iter';
      } else if (c.name === 'if') mode = 'if';
      else if (isExpr(c)) {
        if (mode === 'target') targets.push(c);
        else if (mode === 'iter' && current) current.iter = this.expr(c);
        else if (mode === 'if' && current) current.ifs.push(this.expr(c));
      }
    }
    const elt = head[0] ? this.expr(head[0]) : this.unknown(node);
    const value = type === 'dict' && head[1] ? this.expr(head[1]) : undefined;
    return { kind: 'comp', type, elt, value, generators, from: node.from, to: node.to };
  }

  // ---- strings

  private string(node: SyntaxNode): Expr {
    const span = { from: node.from, to: node.to };
    const pieces = node.name === 'ContinuedString' ? this.kids(node).filter((c) => c.name === 'String' || c.name === 'FormatString') : [node];
    const parts: FStringPart[] = [];
    let bytes = false;
    let formatted = false;
    for (const piece of pieces) {
      const raw = this.src(piece);
      const lit = splitLiteral(raw);
      if (lit.prefix.includes('b')) bytes = true;
      if (!lit.prefix.includes('f')) {
        pushText(parts, lit.raw ? lit.body : decodeEscapes(lit.body));
        continue;
      }
      formatted = true;
      const bodyStart = piece.from + lit.bodyOffset;
      const bodyEnd = bodyStart + lit.body.length;
      parts.push(...this.fstringParts(piece, bodyStart, bodyEnd, lit.raw));
    }
    if (!formatted) return { kind: 'str', value: parts.map((p) => p as string).join(''), bytes, ...span };
    return { kind: 'fstr', parts: mergeText(parts), ...span };
  }

  /** The parts of an f-string between `from` and `to`: literal text around the FormatReplacement children. */
  private fstringParts(node: SyntaxNode, from: number, to: number, raw: boolean): FStringPart[] {
    const parts: FStringPart[] = [];
    let at = from;
    const literal = (a: number, b: number) => {
      if (b <= a) return;
      const text = this.text.slice(a, b).replace(/\{\{/g, '{').replace(/\}\}/g, '}');
      pushText(parts, raw ? text : decodeEscapes(text));
    };
    for (const c of this.kids(node)) {
      if (c.name !== 'FormatReplacement' || c.from < from || c.to > to) continue;
      literal(at, c.from);
      parts.push(this.replacement(c, raw));
      at = c.to;
    }
    literal(at, to);
    return parts;
  }

  private replacement(node: SyntaxNode, raw: boolean): FReplacement {
    const k = this.kids(node);
    const e = k.find(isExpr);
    const out: FReplacement = { expr: e ? this.expr(e) : this.unknown(node), from: node.from, to: node.to };
    const conversion = k.find((c) => c.name === 'FormatConversion');
    if (conversion) {
      const letter = this.src(conversion).slice(1);
      if (letter === 'r' || letter === 's' || letter === 'a') out.conversion = letter;
    }
    if (k.some((c) => c.name === 'FormatSelfDoc') && e) out.selfDoc = this.src({ from: node.from + 1, to: k.find((c) => c.name === 'FormatSelfDoc')!.to });
    const spec = k.find((c) => c.name === 'FormatSpec');
    if (spec) out.spec = mergeText(this.fstringParts(spec, spec.from + 1, spec.to, raw));
    return out;
  }
}

function pushText(parts: FStringPart[], text: string): void {
  if (!text) return;
  if (typeof parts[parts.length - 1] === 'string') parts[parts.length - 1] = (parts[parts.length - 1] as string) + text;
  else parts.push(text);
}

function mergeText(parts: FStringPart[]): FStringPart[] {
  const out: FStringPart[] = [];
  for (const p of parts) {
    if (typeof p === 'string') pushText(out, p);
    else out.push(p);
  }
  return out;
}

/** Splits a string literal into prefix, quotes and body (the body may be unterminated after a syntax error). */
export function splitLiteral(raw: string): { prefix: string; body: string; bodyOffset: number; raw: boolean } {
  let i = 0;
  while (i < raw.length && /[rRbBuUfF]/.test(raw[i])) i++;
  const prefix = raw.slice(0, i).toLowerCase();
  const quote = raw.startsWith('"""', i) || raw.startsWith("'''", i) ? raw.slice(i, i + 3) : raw.slice(i, i + 1);
  const bodyOffset = i + quote.length;
  let end = raw.length;
  if (raw.length - bodyOffset >= quote.length && raw.endsWith(quote)) end = raw.length - quote.length;
  return { prefix, body: raw.slice(bodyOffset, Math.max(bodyOffset, end)), bodyOffset, raw: prefix.includes('r') };
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\n': '',
};

/** Decodes Python backslash escapes; unknown escapes keep their backslash, as Python does. */
export function decodeEscapes(body: string): string {
  if (!body.includes('\\')) return body;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== '\\' || i + 1 >= body.length) {
      out += c;
      continue;
    }
    const n = body[i + 1];
    if (n in SIMPLE_ESCAPES) {
      out += SIMPLE_ESCAPES[n];
      i++;
    } else if (n === '\r') {
      i += body[i + 2] === '\n' ? 2 : 1;
    } else if (n === 'x' && /^[0-9a-fA-F]{2}$/.test(body.slice(i + 2, i + 4))) {
      out += String.fromCharCode(parseInt(body.slice(i + 2, i + 4), 16));
      i += 3;
    } else if (n === 'u' && /^[0-9a-fA-F]{4}$/.test(body.slice(i + 2, i + 6))) {
      out += String.fromCharCode(parseInt(body.slice(i + 2, i + 6), 16));
      i += 5;
    } else if (n === 'U' && /^[0-9a-fA-F]{8}$/.test(body.slice(i + 2, i + 10))) {
      const cp = parseInt(body.slice(i + 2, i + 10), 16);
      out += cp <= 0x10ffff ? String.fromCodePoint(cp) : '\uFFFD';
      i += 9;
    } else if (/[0-7]/.test(n)) {
      const m = /^[0-7]{1,3}/.exec(body.slice(i + 1))![0];
      out += String.fromCharCode(parseInt(m, 8));
      i += m.length;
    } else {
      out += c;
    }
  }
  return out;
}

function parseNumber(text: string): number {
  const t = text.replace(/_/g, '').toLowerCase();
  if (/[jJ]$/.test(t)) return NaN;
  if (t.startsWith('0x')) return parseInt(t.slice(2), 16);
  if (t.startsWith('0o')) return parseInt(t.slice(2), 8);
  if (t.startsWith('0b')) return parseInt(t.slice(2), 2);
  const value = Number(t.endsWith('l') ? t.slice(0, -1) : t);
  return Number.isNaN(value) ? NaN : value;
}
