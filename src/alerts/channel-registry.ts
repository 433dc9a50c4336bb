import { readdir } from 'node:fs/promises'
import type { ChannelType } from './channel-type.js'

/*
 * Adding a channel is adding one file to ./channels/ that default-exports a ChannelType
 * (see channel-form.ts defineChannel); nothing else lists the channels.
 */

let loading: Promise<ReadonlyMap<string, ChannelType>> | undefined

/** Every channel type in ./channels/, by type id, in the order of their labels. Loaded once. */
export function loadChannelTypes(): Promise<ReadonlyMap<string, ChannelType>> {
  // Under tsx this module is src/alerts/channel-registry.ts and the channels are .ts files;
  // built, it is dist/alerts/channel-registry.js beside .js (and .js.map) files.
  const extension = import.meta.url.endsWith('.ts') ? '.ts' : '.js'
  loading ??= discoverChannelTypes(new URL('./channels/', import.meta.url), extension).catch((error: unknown) => {
    loading = undefined // a file fixed on disk is found on the next call
    throw error
  })
  return loading
}

/** The channel types default-exported by the `extension` files of `dir`; a broken file is an error naming it. */
export async function discoverChannelTypes(dir: URL, extension: '.ts' | '.js'): Promise<ReadonlyMap<string, ChannelType>> {
  const files = (await readdir(dir)).filter((name) => name.endsWith(extension) && !name.endsWith('.d.ts')).sort()
  const types: ChannelType[] = []
  for (const file of files) {
    let exported: unknown
    try {
      exported = ((await import(new URL(file, dir).href)) as { default?: unknown }).default
    } catch (error) {
      throw new Error(`the alert channel file ${file} could not be loaded: ${error instanceof Error ? error.message : String(error)}`, { cause: error })
    }
    const problem = channelTypeProblem(exported)
    if (problem) throw new Error(`the alert channel file ${file} does not default-export a channel type: ${problem}`)
    const type = exported as ChannelType
    const clash = types.find((t) => t.type === type.type)
    if (clash) throw new Error(`the alert channel file ${file} reuses the type id "${type.type}" of "${clash.label}"`)
    types.push(type)
  }
  types.sort((a, b) => a.label.localeCompare(b.label, 'en'))
  return new Map(types.map((t) => [t.type, t]))
}

/** What is missing for `value` to be a ChannelType, or null when it looks like one. */
export function channelTypeProblem(value: unknown): string | null {
  if (!value || typeof value !== 'object') return 'no default export object'
  const v = value as Record<string, unknown>
  for (const key of ['type', 'label', 'description'] as const) {
    if (typeof v[key] !== 'string' || v[key] === '') return `"${key}" must be a non-empty string`
  }
  if (!/^[a-z][a-z0-9-]*$/.test(v.type as string)) return '"type" must be lowercase letters, digits and dashes'
  if (!Array.isArray(v.fields)) return '"fields" must be an array'
  for (const f of v.fields as unknown[]) {
    const fieldName = (f as { name?: unknown } | null)?.name
    if (typeof fieldName !== 'string' || fieldName === '') return 'every field needs a name'
  }
  if (typeof v.parse !== 'function') return '"parse" must be a function'
  if (typeof v.send !== 'function') return '"send" must be a function'
  if (v.available !== undefined && typeof v.available !== 'function') return '"available" must be a function when present'
  return null
}
