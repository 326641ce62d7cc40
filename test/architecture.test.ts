import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The tree reads as the pipeline (issue 20): no import cycle between files, no two folders of src/
 * importing each other (type-only imports aside), no file over 400 lines (generated ones aside), no function over 100.
 */
const ROOT = join(import.meta.dirname, '..');
const SRC = join(ROOT, 'src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

interface Edge {
  to: string;
  typeOnly: boolean;
}

function importsOf(file: string, sf: ts.SourceFile): Edge[] {
  const out: Edge[] = [];
  for (const s of sf.statements) {
    if (!(ts.isImportDeclaration(s) || ts.isExportDeclaration(s)) || !s.moduleSpecifier || !ts.isStringLiteral(s.moduleSpecifier)) continue;
    const spec = s.moduleSpecifier.text;
    if (!spec.startsWith('.')) continue;
    const typeOnly = ts.isImportDeclaration(s)
      ? Boolean(s.importClause?.isTypeOnly || (s.importClause && !s.importClause.name && s.importClause.namedBindings && ts.isNamedImports(s.importClause.namedBindings) && s.importClause.namedBindings.elements.length > 0 && s.importClause.namedBindings.elements.every((e) => e.isTypeOnly)))
      : Boolean(s.isTypeOnly);
    const target = join(dirname(file), spec.replace(/\.js$/, '.ts'));
    out.push({ to: target, typeOnly });
  }
  return out;
}

const files = sources(SRC);
const parsed = new Map(files.map((f) => [f, ts.createSourceFile(f, readFileSync(f, 'utf8'), ts.ScriptTarget.Latest, true)]));
const graph = new Map(files.map((f) => [f, importsOf(f, parsed.get(f)!)]));
const rel = (f: string) => relative(ROOT, f);
/** The folder directly under src/ ('' for src/index.ts, the library's entry, which may import anything). */
const folder = (f: string) => relative(SRC, f).split('/').slice(0, -1)[0] ?? '';

describe('architecture', () => {
  it('has no import cycle between files (runtime imports)', () => {
    const cycles: string[][] = [];
    const index = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const on = new Set<string>();
    let n = 0;
    const visit = (v: string): void => {
      index.set(v, n);
      low.set(v, n++);
      stack.push(v);
      on.add(v);
      for (const { to, typeOnly } of graph.get(v) ?? []) {
        if (typeOnly || !graph.has(to)) continue;
        if (!index.has(to)) {
          visit(to);
          low.set(v, Math.min(low.get(v)!, low.get(to)!));
        } else if (on.has(to)) low.set(v, Math.min(low.get(v)!, index.get(to)!));
      }
      if (low.get(v) === index.get(v)) {
        const scc: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          on.delete(w);
          scc.push(rel(w));
        } while (w !== v);
        if (scc.length > 1) cycles.push(scc);
      }
    };
    for (const f of files) if (!index.has(f)) visit(f);
    expect(cycles).toEqual([]);
  });

  it('has no two folders of src/ importing each other (type-only imports aside)', () => {
    const edges = new Map<string, string>();
    for (const [f, deps] of graph) {
      const a = folder(f);
      if (a === '') continue;
      for (const d of deps) {
        const b = folder(d.to);
        if (!d.typeOnly && b !== a) edges.set(`${a} -> ${b}`, `${rel(f)} -> ${rel(d.to)}`);
      }
    }
    const both = [...edges.keys()].filter((e) => {
      const [a, b] = e.split(' -> ');
      return edges.has(`${b} -> ${a}`);
    });
    expect(both.map((e) => edges.get(e))).toEqual([]);
  });

  it('has no file over 400 lines and no function over 100 lines', () => {
    const long: string[] = [];
    for (const [f, sf] of parsed) {
      const lines = sf.getLineAndCharacterOfPosition(sf.end).line + 1;
      // A generated file (the language keys, the contracts) is data written by a script, not a module to read.
      if (lines > 400 && !/^\/\/ Generated /.test(sf.text)) long.push(`${rel(f)}: ${lines} lines`);
      const walk = (node: ts.Node): void => {
        if (ts.isFunctionLike(node) && 'body' in node && node.body) {
          const from = sf.getLineAndCharacterOfPosition(node.getStart()).line;
          const to = sf.getLineAndCharacterOfPosition(node.end).line;
          if (to - from + 1 > 100) long.push(`${rel(f)}:${from + 1}: a function of ${to - from + 1} lines`);
        }
        ts.forEachChild(node, walk);
      };
      walk(sf);
    }
    expect(long).toEqual([]);
  });
});
