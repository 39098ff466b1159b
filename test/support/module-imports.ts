import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

/** One import (static, type-only, re-export or dynamic) of a source file that leaves the folder it must stay in. */
export interface EscapingImport {
  readonly file: string;
  readonly specifier: string;
}

/** Every `.ts` file under `dir`, recursively, sorted. */
export function typeScriptFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return typeScriptFiles(path);
      return entry.name.endsWith('.ts') ? [path] : [];
    })
    .sort();
}

/**
 * The module specifiers a TypeScript source imports, as the compiler reads them: `import`, `import type`,
 * `export … from`, `import()` and `require()`, never strings that merely look like paths.
 */
export function importSpecifiers(source: string): string[] {
  const info = ts.preProcessFile(source, true, true);
  return info.importedFiles.map((file) => file.fileName);
}

/**
 * Whether `specifier`, imported by the file at `from`, stays inside `root`: a relative path must resolve
 * under it, a bare specifier must be a `node:` built-in (the package's own name, an absolute path or any
 * installed package would reach outside).
 */
export function staysInside(specifier: string, from: string, root: string): boolean {
  if (specifier.startsWith('node:')) return true;
  if (!specifier.startsWith('./') && !specifier.startsWith('../')) return false;
  const target = resolve(dirname(from), specifier);
  const base = resolve(root);
  return target === base || target.startsWith(base + sep);
}

/** The imports of `source` (the text of the file at `file`) that leave `root`. */
export function escapingImports(file: string, source: string, root: string): EscapingImport[] {
  return importSpecifiers(source)
    .filter((specifier) => !staysInside(specifier, file, root))
    .map((specifier) => ({ file: relative(process.cwd(), file), specifier }));
}

/** The imports of every `.ts` file under `root` that leave `root`. */
export function escapingImportsUnder(root: string): EscapingImport[] {
  return typeScriptFiles(root).flatMap((file) => escapingImports(file, readFileSync(file, 'utf8'), root));
}
