import type { Prng } from './prng.js'

/**
 * File-list lines as `rsync -v` prints them for a Plex data directory
 * (relative to "Library/Application Support/Plex Media Server/").
 * A fixed pool of item hashes stands for the library, so nightly lists touch the same
 * bundles again and again, as they do on a real server.
 */
export type PlexLibrary = { hashes: readonly string[] }

export const PLEX_DATA_DIR = '/var/lib/plexmediaserver/Library/Application Support/Plex Media Server'

export function createPlexLibrary(rng: Prng, items: number): PlexLibrary {
  const hashes: string[] = []
  for (let i = 0; i < items; i++) {
    let h = ''
    for (let j = 0; j < 5; j++) h += rng.uint32().toString(16).padStart(8, '0')
    hashes.push(h)
  }
  return { hashes }
}

const METADATA_SECTIONS = ['Movies', 'TV Shows', 'Artists', 'Albums'] as const
const COMBINED_FILES = ['Info.xml', 'posters/com.plexapp.agents.imdb_1f3a6b.jpg', 'art/com.plexapp.agents.themoviedb_9c1e0d.jpg', 'thumbs/tv.plex.agents.movie_4ad2.jpg']
const MEDIA_FILES = ['Thumbnails/thumb1.jpg', 'Indexes/index-sd.bif', 'Chapters/chapter1.jpg', 'Thumbnails/thumb2.jpg']
const LOG_FILES = ['Plex Media Server.log', 'Plex Media Server.1.log', 'Plex Media Scanner.log', 'Plex Tuner Service.log', 'PMS Plugin Logs/com.plexapp.system.log']
const DATABASE_FILES = [
  'com.plexapp.plugins.library.db',
  'com.plexapp.plugins.library.blobs.db',
  'com.plexapp.plugins.library.db-wal',
  'com.plexapp.plugins.library.db-shm',
]

const bundle = (hash: string): string => `${hash[0]}/${hash.slice(1)}.bundle`

function metadataLines(rng: Prng, hash: string, withDirs: boolean): string[] {
  const base = `Metadata/${rng.pick(METADATA_SECTIONS)}/${bundle(hash)}`
  const file = `${base}/Contents/_combined/${rng.pick(COMBINED_FILES)}`
  return withDirs ? [`${base}/`, `${base}/Contents/`, `${base}/Contents/_combined/`, file] : [file]
}

function mediaLines(hash: string, rng: Prng, withDirs: boolean): string[] {
  const base = `Media/localhost/${bundle(hash)}`
  const file = `${base}/Contents/${rng.pick(MEDIA_FILES)}`
  return withDirs ? [`${base}/`, `${base}/Contents/`, file] : [file]
}

/**
 * About `count` file-list lines in rsync's order (top-level dirs, then deeper), as batches
 * of at most `batch` lines so a caller can stream millions without holding them.
 * `full` adds directory lines, as a first copy (a snapshot) prints them.
 */
export function* fileListBatches(
  rng: Prng,
  library: PlexLibrary,
  count: number,
  options: { full?: boolean; date?: string; batch?: number } = {},
): Generator<string[]> {
  const full = options.full ?? false
  const batchSize = options.batch ?? 2000
  let written = 0
  let batch: string[] = []
  const emit = (line: string): void => {
    batch.push(line)
    written++
  }
  const opening = ['./', 'Preferences.xml', 'Cache/', 'Logs/', 'Media/', 'Metadata/']
  for (const line of opening) if (written < count) emit(line)
  // Roughly how a night's changes split: transcoder cache, metadata, media thumbnails.
  const remaining = Math.max(0, count - written - 8)
  const cache = Math.floor(remaining * 0.25)
  const media = Math.floor(remaining * 0.2)
  const cacheEnd = written + cache
  while (written < cacheEnd) {
    const h = rng.pick(library.hashes)
    emit(`Cache/PhotoTranscoder/${h.slice(0, 2)}/${h}.jpg`)
    if (batch.length >= batchSize) yield batch.splice(0)
  }
  for (const name of LOG_FILES.slice(0, rng.int(1, 3))) if (written < count) emit(`Logs/${name}`)
  if (full || rng.chance(0.3)) emit('Media/localhost/')
  const mediaEnd = written + media
  while (written < mediaEnd) {
    for (const line of mediaLines(rng.pick(library.hashes), rng, full || rng.chance(0.05))) emit(line)
    if (batch.length >= batchSize) yield batch.splice(0)
  }
  const metadataEnd = Math.max(written, count - 4)
  while (written < metadataEnd) {
    for (const line of metadataLines(rng, rng.pick(library.hashes), full || rng.chance(0.05))) emit(line)
    if (batch.length >= batchSize) yield batch.splice(0)
  }
  emit('Plug-in Support/')
  emit('Plug-in Support/Databases/')
  if (options.date && rng.chance(0.3)) emit(`Plug-in Support/Databases/com.plexapp.plugins.library.db-${options.date}`)
  for (const name of DATABASE_FILES.slice(0, full ? 2 : rng.int(1, 4))) emit(`Plug-in Support/Databases/${name}`)
  if (batch.length > 0) yield batch
}

/** A path inside the Plex data directory, for error messages that quote one. */
export function absolutePlexPath(rng: Prng, library: PlexLibrary): string {
  const h = rng.pick(library.hashes)
  return rng.chance(0.5)
    ? `${PLEX_DATA_DIR}/Cache/PhotoTranscoder/${h.slice(0, 2)}/${h}.jpg`
    : `${PLEX_DATA_DIR}/Media/localhost/${bundle(h)}/Contents/Indexes/index-sd.bif`
}
