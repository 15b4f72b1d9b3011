import { Document, isMap, isScalar, visit } from 'yaml'

/** A `uses:` value and the tag its commit carries, written as `uses: owner/repo@sha # tag`. */
export interface Uses {
  readonly uses: string
  readonly tag: string | null
}

const HEADER = ' Written by `waka github workflows` from waka.yml. Regenerate instead of editing by hand;\n `waka validate --workflows` checks hand-edited files with the same rules.'

/**
 * Renders a workflow object as YAML. Steps carry their pin's tag as a comment next to `uses:`
 * (`tags` maps a `uses` value to its tag).
 */
export const renderWorkflow = (workflow: object, tags: ReadonlyMap<string, string>): string => {
  const document = new Document(workflow)
  visit(document, {
    Map(_key, node) {
      if (!isMap(node)) return
      for (const pair of node.items)
        if (isScalar(pair.key) && pair.key.value === 'uses' && isScalar(pair.value)) {
          const tag = tags.get(String(pair.value.value))
          if (tag) pair.value.comment = ` ${tag}`
        }
    },
  })
  document.commentBefore = HEADER
  return document.toString({ lineWidth: 0 })
}
