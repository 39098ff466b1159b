// Fails unless every public export has a TSDoc summary and an @example, read from TypeDoc's JSON output
// (`npm run docs` writes it). TypeDoc itself only checks that a comment exists.
import { readFileSync } from 'node:fs';

const project = JSON.parse(readFileSync(new URL('../docs/api/api.json', import.meta.url), 'utf8'));
const problems = [];

function commentOf(reflection) {
  if (reflection.comment) return reflection.comment;
  return reflection.signatures?.find((s) => s.comment)?.comment;
}

for (const module of project.children ?? []) {
  for (const reflection of module.children ?? []) {
    const comment = commentOf(reflection);
    const name = `${module.name}.${reflection.name}`;
    if (!comment?.summary?.some((part) => part.text.trim() !== '')) problems.push(`${name}: no summary`);
    else if (!comment.blockTags?.some((tag) => tag.tag === '@example')) {
      problems.push(`${name}: no @example`);
    }
  }
}

if (problems.length > 0) {
  console.error(`TSDoc check: ${problems.length} problem(s)\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log('TSDoc check: every export has a summary and an @example');
