import type { Expr, OrderItem, Query, QueryBody, Relation, Select, WindowSpec, FrameBound } from '../ast';
import type { CatalogTable, QueryStorage } from '../catalog';
import { QueryValidationError, positioned } from '../errors';
import { T, fromCatalogType, isIntegral, isInterval, numericResult, type StaticType } from '../static-type';
import { translateCall } from './functions';
import { resolveName, type Scope, type ScopeColumn } from './scope';
import { castType } from './types';
import { durationMicros, intervalLiteral, microsInterval, quoteIdent, quoteString } from './sql-text';

export interface Translated {
  sql: string;
  type: StaticType;
}

export interface TranslatedQuery {
  sql: string;
  columns: ScopeColumn[];
}

export interface TranslatorOptions {
  storage: QueryStorage;
  /** the query's "now": ago(), now(), current_timestamp and @scheduled_runtime all use it */
  now: Date;
}

/** Translates a parsed Timestream query into DuckDB SQL, resolving tables and columns on the way. */
export class Translator {
  /** tables read by the query, by `db.table` */
  readonly tablesRead = new Map<string, CatalogTable>();
  private readonly ctes: Array<Map<string, ScopeColumn[]>> = [];
  private lambdaCounter = 0;

  constructor(private readonly options: TranslatorOptions) {}

  get nowSql(): string {
    const iso = this.options.now.toISOString();
    return `TIMESTAMP_NS '${iso.slice(0, 10)} ${iso.slice(11, 23)}'`;
  }

  freshName(prefix: string): string {
    return `__${prefix}${this.lambdaCounter++}`;
  }

  async query(query: Query, outer?: Scope): Promise<TranslatedQuery> {
    const cteMap = new Map<string, ScopeColumn[]>();
    this.ctes.push(cteMap);
    try {
      const parts: string[] = [];
      for (const cte of query.with) {
        const inner = await this.query(cte.query, outer);
        const columns = cte.columns
          ? inner.columns.map((c, i) => ({ name: cte.columns?.[i] ?? c.name, type: c.type }))
          : inner.columns;
        const columnList = cte.columns ? `(${cte.columns.map(quoteIdent).join(', ')})` : '';
        parts.push(`${quoteIdent(cte.name)}${columnList} AS (${inner.sql})`);
        cteMap.set(cte.name.toLowerCase(), columns);
      }
      const body = await this.body(query.body, outer, query.orderBy);
      let sql = parts.length > 0 ? `WITH ${parts.join(', ')} ${body.sql}` : body.sql;
      if (query.orderBy.length > 0 && query.body.kind !== 'select') {
        const scope: Scope = { relations: [{ columns: body.columns }], parent: outer };
        sql = `SELECT * FROM (${sql}) ORDER BY ${(await this.orderItems(query.orderBy, scope)).join(', ')}`;
      } else if (query.orderBy.length > 0) {
        sql += ` ORDER BY ${body.orderSql}`;
      }
      if (query.limit) sql += ` LIMIT ${await this.limitValue(query.limit)}`;
      if (query.offset) sql += ` OFFSET ${await this.limitValue(query.offset)}`;
      return { sql, columns: body.columns };
    } finally {
      this.ctes.pop();
    }
  }

  private async limitValue(expr: Expr): Promise<string> {
    if (expr.kind !== 'number' || !expr.isInteger) throw positioned(expr.pos, 'LIMIT and OFFSET take a non-negative integer');
    return expr.text;
  }

  private async body(body: QueryBody, outer: Scope | undefined, orderBy: OrderItem[]): Promise<TranslatedQuery & { orderSql?: string }> {
    if (body.kind === 'select') return this.select(body, outer, orderBy);
    if (body.kind === 'nested') {
      const inner = await this.query(body.query, outer);
      return { sql: `(${inner.sql})`, columns: inner.columns };
    }
    const left = await this.body(body.left, outer, []);
    const right = await this.body(body.right, outer, []);
    if (left.columns.length !== right.columns.length) {
      throw positioned(body.pos, `${body.op.toUpperCase()} query has different number of fields: ${left.columns.length}, ${right.columns.length}`);
    }
    const op = `${body.op.toUpperCase()}${body.all ? ' ALL' : ''}`;
    return { sql: `(${left.sql}) ${op} (${right.sql})`, columns: left.columns };
  }

  private async select(select: Select, outer: Scope | undefined, orderBy: OrderItem[]): Promise<TranslatedQuery & { orderSql?: string }> {
    const scope: Scope = { relations: [], parent: outer };
    const fromSql: string[] = [];
    for (const relation of select.from) fromSql.push(await this.relation(relation, scope));
    const items: string[] = [];
    const columns: ScopeColumn[] = [];
    for (const item of select.items) {
      if (item.kind === 'star') {
        const relations = item.qualifier
          ? scope.relations.filter((r) => r.alias !== undefined && r.alias.toLowerCase() === item.qualifier?.[item.qualifier.length - 1].toLowerCase())
          : scope.relations;
        if (item.qualifier && relations.length === 0) throw positioned(item.pos, `Table '${item.qualifier.join('.')}' not found`);
        if (!item.qualifier && relations.length === 0) throw positioned(item.pos, 'SELECT * not allowed in queries without FROM clause');
        for (const r of relations) {
          for (const c of r.columns) {
            items.push(r.alias !== undefined ? `${quoteIdent(r.alias)}.${quoteIdent(c.name)}` : quoteIdent(c.name));
            columns.push(c);
          }
        }
        continue;
      }
      const translated = await this.expr(item.expr, scope);
      const name = item.alias ?? implicitName(item.expr) ?? `_col${columns.length}`;
      items.push(`${translated.sql} AS ${quoteIdent(name)}`);
      columns.push({ name, type: translated.type, aliased: item.alias !== undefined });
    }
    let sql = `SELECT ${select.distinct ? 'DISTINCT ' : ''}${items.join(', ')}`;
    if (fromSql.length > 0) sql += ` FROM ${fromSql.join(', ')}`;
    if (select.where) sql += ` WHERE ${(await this.expr(select.where, scope)).sql}`;
    if (select.groupBy.length > 0) {
      const keys: string[] = [];
      for (const key of select.groupBy) {
        if (key.kind === 'number' && key.isInteger) {
          const ordinal = Number(key.text);
          if (ordinal < 1 || ordinal > columns.length) throw positioned(key.pos, `GROUP BY position ${ordinal} is not in select list`);
          keys.push(key.text);
        } else keys.push((await this.expr(key, scope)).sql);
      }
      sql += ` GROUP BY ${keys.join(', ')}`;
    }
    if (select.having) sql += ` HAVING ${(await this.expr(select.having, scope)).sql}`;
    let orderSql: string | undefined;
    if (orderBy.length > 0) {
      // ORDER BY sees the output names first, then the input columns.
      const orderScope: Scope = { relations: [{ columns }], parent: scope };
      orderSql = (await this.orderItems(orderBy, orderScope, columns.length)).join(', ');
    }
    return { sql, columns, orderSql };
  }

  private async orderItems(items: OrderItem[], scope: Scope, width?: number): Promise<string[]> {
    const out: string[] = [];
    for (const item of items) {
      let sql: string;
      if (item.expr.kind === 'number' && item.expr.isInteger) {
        const ordinal = Number(item.expr.text);
        if (width !== undefined && (ordinal < 1 || ordinal > width)) throw positioned(item.expr.pos, `ORDER BY position ${ordinal} is not in select list`);
        sql = item.expr.text;
      } else sql = (await this.expr(item.expr, scope)).sql;
      // Trino sorts NULLs last in both directions unless told otherwise.
      out.push(`${sql} ${item.descending ? 'DESC' : 'ASC'} NULLS ${(item.nulls ?? 'last').toUpperCase()}`);
    }
    return out;
  }

  private async relation(relation: Relation, scope: Scope): Promise<string> {
    switch (relation.kind) {
      case 'table':
        return this.table(relation, scope);
      case 'derived': {
        const inner = await this.query(relation.query, scope.parent);
        const columns = relation.columnAliases
          ? inner.columns.map((c, i) => ({ name: relation.columnAliases?.[i] ?? c.name, type: c.type }))
          : inner.columns;
        if (relation.columnAliases && relation.columnAliases.length !== inner.columns.length) {
          throw positioned(relation.pos, `Column alias list has ${relation.columnAliases.length} entries but '${relation.alias}' has ${inner.columns.length} columns available`);
        }
        const alias = relation.alias ?? this.freshName('derived');
        scope.relations.push({ alias, columns });
        return `(${inner.sql}) AS ${quoteIdent(alias)}${relation.columnAliases ? `(${relation.columnAliases.map(quoteIdent).join(', ')})` : ''}`;
      }
      case 'unnest':
        return this.unnest(relation, scope);
      case 'join': {
        const left = await this.relation(relation.left, scope);
        const right = await this.relation(relation.right, scope);
        if (relation.type === 'cross') return `${left} CROSS JOIN ${right}`;
        const kind = relation.type.toUpperCase();
        if (relation.using) return `${left} ${kind} JOIN ${right} USING (${relation.using.map(quoteIdent).join(', ')})`;
        const on = await this.expr(relation.on as Expr, scope);
        return `${left} ${kind} JOIN ${right} ON ${on.sql}`;
      }
    }
  }

  private async table(relation: Extract<Relation, { kind: 'table' }>, scope: Scope): Promise<string> {
    const { parts, pos } = relation;
    if (parts.length === 1) {
      for (let i = this.ctes.length - 1; i >= 0; i--) {
        const columns = this.ctes[i].get(parts[0].toLowerCase());
        if (columns) {
          const alias = relation.alias ?? parts[0];
          scope.relations.push({ alias, columns });
          return `${quoteIdent(parts[0])} AS ${quoteIdent(alias)}`;
        }
      }
      throw positioned(pos, `Schema must be specified when session schema is not set`);
    }
    if (parts.length > 2) throw positioned(pos, `Too many dots in table name: ${parts.join('.')}`);
    const [database, tableName] = parts;
    const storage = this.options.storage;
    const table = await storage.getTable(database, tableName);
    if (!table) {
      if (!(await storage.databaseExists(database))) {
        throw new QueryValidationError(`Requested database '${database}' not found for identifier '${parts.join('.')}' at line ${pos.line}:${pos.column}`);
      }
      throw positioned(pos, `Table '${parts.join('.')}' does not exist`);
    }
    this.tablesRead.set(`${database}.${tableName}`, table);
    const alias = relation.alias ?? tableName;
    scope.relations.push({ alias, columns: table.columns.map((c) => ({ name: c.name, type: fromCatalogType(c.type) })) });
    return `${table.relationSql} AS ${quoteIdent(alias)}`;
  }

  private async unnest(relation: Extract<Relation, { kind: 'unnest' }>, scope: Scope): Promise<string> {
    const args = [];
    for (const arg of relation.args) args.push(await this.expr(arg, scope));
    const aliases = relation.columnAliases ?? [];
    const selects: string[] = [];
    const columns: ScopeColumn[] = [];
    const inner: string[] = [];
    args.forEach((arg, i) => {
      const element: StaticType = arg.type.kind === 'array' ? arg.type.element : arg.type.kind === 'timeseries' ? { kind: 'row', fields: [{ name: 'time', type: T.timestamp }, { name: 'value', type: arg.type.value }] } : T.unknown;
      const u = `__u${i}`;
      inner.push(`unnest(${arg.sql}) AS ${u}`);
      if (element.kind === 'row') {
        for (const field of element.fields) {
          const name = aliases[columns.length] ?? field.name;
          selects.push(`${u}.${quoteIdent(field.name)} AS ${quoteIdent(name)}`);
          columns.push({ name, type: field.type });
        }
      } else {
        const name = aliases[columns.length] ?? `_col${columns.length}`;
        selects.push(`${u} AS ${quoteIdent(name)}`);
        columns.push({ name, type: element });
      }
    });
    if (relation.withOrdinality) {
      const name = aliases[columns.length] ?? `_col${columns.length}`;
      inner.push(`unnest(range(1, len(${args[0].sql}) + 1)) AS __ord`);
      selects.push(`__ord AS ${quoteIdent(name)}`);
      columns.push({ name, type: T.bigint });
    }
    if (aliases.length > 0 && aliases.length !== columns.length) {
      throw positioned(relation.pos, `Column alias list has ${aliases.length} entries but '${relation.alias}' has ${columns.length} columns available`);
    }
    // an internal alias when none is given, so SELECT * can qualify the columns
    const alias = relation.alias ?? this.freshName('unnest');
    scope.relations.push({ alias, columns });
    return `LATERAL (SELECT ${selects.join(', ')} FROM (SELECT ${inner.join(', ')})) AS ${quoteIdent(alias)}`;
  }

  // ---- expressions
  async expr(expr: Expr, scope: Scope): Promise<Translated> {
    switch (expr.kind) {
      case 'number':
        if (expr.isInteger) {
          const n = BigInt(expr.text);
          const fits = n >= -2147483648n && n <= 2147483647n;
          return { sql: fits ? expr.text : `CAST(${expr.text} AS BIGINT)`, type: fits ? T.integer : T.bigint };
        }
        return { sql: `CAST(${expr.text} AS DOUBLE)`, type: T.double };
      case 'string':
        return { sql: quoteString(expr.value), type: T.varchar };
      case 'boolean':
        return { sql: expr.value ? 'true' : 'false', type: T.boolean };
      case 'null':
        return { sql: 'NULL', type: T.unknown };
      case 'typedLiteral': {
        const duck = expr.type === 'timestamp' ? 'TIMESTAMP_NS' : expr.type.toUpperCase();
        return { sql: `CAST(${quoteString(expr.value)} AS ${duck})`, type: T[expr.type] };
      }
      case 'interval': {
        const { sql, yearToMonth } = intervalLiteral(expr.value, expr.sign, expr.unit, expr.toUnit, expr.pos);
        return { sql, type: yearToMonth ? T.yearToMonth : T.dayToSecond };
      }
      case 'duration':
        return { sql: microsInterval(durationMicros(expr.amount, expr.unit, expr.pos)), type: T.dayToSecond };
      case 'column':
        return this.column(expr, scope);
      case 'unary': {
        const operand = await this.expr(expr.operand, scope);
        if (expr.op === 'not') return { sql: `(NOT ${operand.sql})`, type: T.boolean };
        return { sql: `(${expr.op}${operand.sql})`, type: operand.type };
      }
      case 'binary':
        return this.binary(expr, scope);
      case 'between': {
        const [v, lo, hi] = [await this.expr(expr.value, scope), await this.expr(expr.low, scope), await this.expr(expr.high, scope)];
        return { sql: `(${v.sql} ${expr.not ? 'NOT ' : ''}BETWEEN ${lo.sql} AND ${hi.sql})`, type: T.boolean };
      }
      case 'inList': {
        const v = await this.expr(expr.value, scope);
        const list: string[] = [];
        for (const item of expr.list) list.push((await this.expr(item, scope)).sql);
        return { sql: `(${v.sql} ${expr.not ? 'NOT ' : ''}IN (${list.join(', ')}))`, type: T.boolean };
      }
      case 'inQuery': {
        const v = await this.expr(expr.value, scope);
        const q = await this.query(expr.query, scope);
        if (q.columns.length !== 1) throw positioned(expr.pos, 'Multiple columns returned by subquery are not yet supported');
        return { sql: `(${v.sql} ${expr.not ? 'NOT ' : ''}IN (${q.sql}))`, type: T.boolean };
      }
      case 'like': {
        const [v, p] = [await this.expr(expr.value, scope), await this.expr(expr.pattern, scope)];
        const escape = expr.escape ? ` ESCAPE ${(await this.expr(expr.escape, scope)).sql}` : '';
        return { sql: `(${v.sql} ${expr.not ? 'NOT ' : ''}LIKE ${p.sql}${escape})`, type: T.boolean };
      }
      case 'isNull':
        return { sql: `(${(await this.expr(expr.value, scope)).sql} IS ${expr.not ? 'NOT ' : ''}NULL)`, type: T.boolean };
      case 'isDistinct': {
        const [l, r] = [await this.expr(expr.left, scope), await this.expr(expr.right, scope)];
        return { sql: `(${l.sql} IS ${expr.not ? 'NOT ' : ''}DISTINCT FROM ${r.sql})`, type: T.boolean };
      }
      case 'exists':
        return { sql: `(EXISTS (${(await this.query(expr.query, scope)).sql}))`, type: T.boolean };
      case 'subquery': {
        const q = await this.query(expr.query, scope);
        if (q.columns.length !== 1) throw positioned(expr.pos, 'Multiple columns returned by subquery are not yet supported');
        return { sql: `(${q.sql})`, type: q.columns[0].type };
      }
      case 'case': {
        let sql = 'CASE';
        if (expr.operand) sql += ` ${(await this.expr(expr.operand, scope)).sql}`;
        let type: StaticType = T.unknown;
        for (const w of expr.whens) {
          const then = await this.expr(w.then, scope);
          if (type.kind === 'unknown') type = then.type;
          sql += ` WHEN ${(await this.expr(w.when, scope)).sql} THEN ${then.sql}`;
        }
        if (expr.else) {
          const otherwise = await this.expr(expr.else, scope);
          if (type.kind === 'unknown') type = otherwise.type;
          sql += ` ELSE ${otherwise.sql}`;
        }
        return { sql: `${sql} END`, type };
      }
      case 'cast': {
        const target = castType(expr.type);
        const value = await this.expr(expr.expr, scope);
        if (target.type.kind === 'row' && value.type.kind === 'row') {
          // ROW to ROW casts go by position, renaming the fields
          const fields = target.type.fields;
          if (fields.length !== value.type.fields.length) throw positioned(expr.pos, `Cannot cast ${value.type.fields.length}-field row to ${fields.length}-field row`);
          const source = value.type.fields;
          const packed = fields.map((f, i) => `${quoteIdent(f.name)} := ${expr.safe ? 'TRY_CAST' : 'CAST'}((${value.sql}).${quoteIdent(source[i].name)} AS ${castType(expr.type.args[i]).duck})`);
          return { sql: `struct_pack(${packed.join(', ')})`, type: target.type };
        }
        let sql = value.sql;
        // Trino renders DOUBLE to VARCHAR in scientific notation only for huge values; DuckDB's text is close enough.
        if (target.duck === 'TIMESTAMP_NS' && value.type.kind === 'varchar') sql = `CAST(${sql} AS TIMESTAMP)`;
        return { sql: `${expr.safe ? 'TRY_CAST' : 'CAST'}(${sql} AS ${target.duck})`, type: target.type };
      }
      case 'call':
        return translateCall(this, expr, scope);
      case 'lambda':
        throw positioned(expr.pos, 'Lambda expressions are only allowed as function arguments');
      case 'array': {
        const items: Translated[] = [];
        for (const item of expr.items) items.push(await this.expr(item, scope));
        return { sql: `[${items.map((i) => i.sql).join(', ')}]`, type: { kind: 'array', element: items[0]?.type ?? T.unknown } };
      }
      case 'row': {
        const items: Translated[] = [];
        for (const item of expr.items) items.push(await this.expr(item, scope));
        const fields = items.map((item, i) => ({ name: `field${i}`, type: item.type }));
        return { sql: `struct_pack(${items.map((item, i) => `${quoteIdent(fields[i].name)} := ${item.sql}`).join(', ')})`, type: { kind: 'row', fields } };
      }
      case 'subscript': {
        const [v, i] = [await this.expr(expr.value, scope), await this.expr(expr.index, scope)];
        const element = v.type.kind === 'array' ? v.type.element : T.unknown;
        return { sql: `${v.sql}[${i.sql}]`, type: element };
      }
      case 'field': {
        const v = await this.expr(expr.value, scope);
        return { sql: `(${v.sql}).${quoteIdent(expr.field)}`, type: fieldType(v.type, expr.field) };
      }
      case 'extract':
        return translateCall(this, { kind: 'call', name: expr.field, args: [expr.value], distinct: false, star: false, pos: expr.pos }, scope);
      case 'param':
        if (expr.name.toLowerCase() === 'scheduled_runtime') return { sql: this.nowSql, type: T.timestamp };
        throw positioned(expr.pos, `Query parameter '${expr.name}' has no value; parameters are only accepted by PrepareQuery`);
    }
  }

  private column(expr: Extract<Expr, { kind: 'column' }>, scope: Scope): Translated {
    const resolved = resolveName(scope, expr.parts, expr.pos);
    let sql: string;
    let type: StaticType;
    if (resolved.kind === 'lambda') {
      sql = quoteIdent(resolved.name);
      type = resolved.type;
    } else {
      sql = resolved.qualified && resolved.relationAlias !== undefined
        ? `${quoteIdent(resolved.relationAlias)}.${quoteIdent(resolved.column.name)}`
        : quoteIdent(resolved.column.name);
      type = resolved.column.type;
    }
    for (const field of resolved.fields) {
      sql = `(${sql}).${quoteIdent(field)}`;
      type = fieldType(type, field);
    }
    return { sql, type };
  }

  private async binary(expr: Extract<Expr, { kind: 'binary' }>, scope: Scope): Promise<Translated> {
    const left = await this.expr(expr.left, scope);
    const right = await this.expr(expr.right, scope);
    switch (expr.op) {
      case 'and':
      case 'or':
        return { sql: `(${left.sql} ${expr.op.toUpperCase()} ${right.sql})`, type: T.boolean };
      case '=': case '<>': case '<': case '<=': case '>': case '>=':
        return { sql: `(${comparable(left, right)} ${expr.op} ${comparable(right, left)})`, type: T.boolean };
      case '||':
        if (left.type.kind === 'array' || right.type.kind === 'array') return { sql: `list_concat(${left.sql}, ${right.sql})`, type: left.type };
        return { sql: `(${left.sql} || ${right.sql})`, type: T.varchar };
      case '/':
        if (isIntegral(left.type) && isIntegral(right.type)) {
          return { sql: `(${left.sql} // ${right.sql})`, type: numericResult(left.type, right.type) };
        }
        if (isInterval(left.type)) return { sql: `(${left.sql} / ${right.sql})`, type: left.type };
        return { sql: `(${left.sql} / ${right.sql})`, type: numericResult(left.type, right.type).kind === 'unknown' ? T.unknown : T.double };
      case '+': case '-': case '*': case '%': {
        let type = numericResult(left.type, right.type);
        if (left.type.kind === 'timestamp' || right.type.kind === 'timestamp') type = expr.op === '-' && left.type.kind === right.type.kind ? T.dayToSecond : T.timestamp;
        else if (left.type.kind === 'date' && isInterval(right.type)) type = T.date;
        else if (isInterval(left.type)) type = left.type;
        else if (isInterval(right.type)) type = right.type;
        // DuckDB widens DATE ± INTERVAL to TIMESTAMP; Trino keeps DATE
        if (type.kind === 'date') return { sql: `CAST((${left.sql} ${expr.op} ${right.sql}) AS DATE)`, type };
        return { sql: `(${left.sql} ${expr.op} ${right.sql})`, type };
      }
      default:
        throw positioned(expr.pos, `Operator ${expr.op} is not supported`);
    }
  }

  // ---- shared helpers for function translation
  async window(spec: WindowSpec, scope: Scope): Promise<string> {
    const parts: string[] = [];
    if (spec.partitionBy.length > 0) {
      const keys: string[] = [];
      for (const key of spec.partitionBy) keys.push((await this.expr(key, scope)).sql);
      parts.push(`PARTITION BY ${keys.join(', ')}`);
    }
    if (spec.orderBy.length > 0) parts.push(`ORDER BY ${(await this.orderItems(spec.orderBy, scope)).join(', ')}`);
    if (spec.frame) {
      const bound = async (b: FrameBound): Promise<string> => {
        switch (b.kind) {
          case 'unboundedPreceding': return 'UNBOUNDED PRECEDING';
          case 'unboundedFollowing': return 'UNBOUNDED FOLLOWING';
          case 'currentRow': return 'CURRENT ROW';
          case 'preceding': return `${(await this.expr(b.offset, scope)).sql} PRECEDING`;
          case 'following': return `${(await this.expr(b.offset, scope)).sql} FOLLOWING`;
        }
      };
      const type = spec.frame.type.toUpperCase();
      parts.push(spec.frame.end ? `${type} BETWEEN ${await bound(spec.frame.start)} AND ${await bound(spec.frame.end)}` : `${type} ${await bound(spec.frame.start)}`);
    }
    return `OVER (${parts.join(' ')})`;
  }

  async orderBySql(items: OrderItem[], scope: Scope): Promise<string> {
    return (await this.orderItems(items, scope)).join(', ');
  }
}

/** `time > '2020-01-01 00:00:00'`: a string literal compared with a timestamp is read as a timestamp. */
function comparable(side: Translated, other: Translated): string {
  if (side.type.kind === 'varchar' && other.type.kind === 'timestamp' && side.sql.startsWith("'")) return `CAST(${side.sql} AS TIMESTAMP_NS)`;
  return side.sql;
}

function fieldType(type: StaticType, field: string): StaticType {
  if (type.kind === 'row') return type.fields.find((f) => f.name.toLowerCase() === field.toLowerCase())?.type ?? T.unknown;
  return T.unknown;
}

/** Trino names a plain column reference (or field dereference) after the column; other expressions get `_col<i>`. */
function implicitName(expr: Expr): string | undefined {
  if (expr.kind === 'column') return expr.parts[expr.parts.length - 1];
  if (expr.kind === 'field') return expr.field;
  return undefined;
}

