// Compiles each MDX document of a JSON list read from stdin with
// @mdx-js/mdx v3, remark-frontmatter and remark-gfm (what Mintlify uses)
// and prints one JSON result per document: {"ok": true, "frontmatter": B}
// or {"ok": false, "line": L, "column": C, "message": "..."}; frontmatter
// says whether remark-frontmatter read a YAML frontmatter block.
// Used by validate/mdx_diff_test.go; one process for every case.
import {compile} from '@mdx-js/mdx'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'

let input = ''
for await (const chunk of process.stdin) input += chunk
const docs = JSON.parse(input)
const out = []
for (const src of docs) {
  let frontmatter = false
  // Runs after remark-frontmatter: the tree's first node is the YAML block
  // when it read one.
  const seeFrontmatter = () => (tree) => { frontmatter = tree.children[0]?.type === 'yaml' }
  try {
    await compile(src, {remarkPlugins: [remarkFrontmatter, remarkGfm, seeFrontmatter]})
    out.push({ok: true, frontmatter})
  } catch (e) {
    const p = e.place && (e.place.start || e.place)
    out.push({ok: false, line: p?.line ?? 0, column: p?.column ?? 0, message: String(e.reason || e.message)})
  }
}
process.stdout.write(JSON.stringify(out))
