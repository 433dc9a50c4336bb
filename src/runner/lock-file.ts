import crypto from 'node:crypto'
import fs from 'node:fs'

/** What the lock file says: `pid` is the process whose life holds the lock (the script once started). */
export type LockOwner = {
  pid: number
  /** The manual trigger it belongs to; null while the script is being started. */
  triggerId: number | null
  startedAt: number
  /** The kernel's boot id, so a lock left by a previous boot is stale even if its pid is reused. */
  bootId: string | null
}

export type HeldLock = {
  readonly file: string
  /** Records the script's pid (and trigger) in the lock once it runs. */
  update(owner: Pick<LockOwner, 'pid' | 'triggerId'>): void
  /** Removes the lock if it is still this one. */
  release(): void
}

export type LockAttempt = { held: HeldLock } | { heldBy: LockOwner }

function currentBootId(): string | null {
  try {
    return fs.readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || null
  } catch {
    return null
  }
}

/** Whether a process with this pid exists (EPERM: it does, but belongs to someone else). */
export function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function parse(text: string): LockOwner | null {
  try {
    const v = JSON.parse(text) as Partial<LockOwner>
    if (typeof v.pid !== 'number' || typeof v.startedAt !== 'number') return null
    return { pid: v.pid, triggerId: typeof v.triggerId === 'number' ? v.triggerId : null, startedAt: v.startedAt, bootId: v.bootId ?? null }
  } catch {
    return null
  }
}

/** Writes `owner` to a temp file beside `file`, then links (new lock) or renames (update) it into place: never half-written. */
function writeAtomically(file: string, owner: LockOwner, mode: 'create' | 'replace'): boolean {
  const temp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}`
  fs.writeFileSync(temp, `${JSON.stringify(owner)}\n`, { mode: 0o640 })
  try {
    if (mode === 'replace') {
      fs.renameSync(temp, file)
      return true
    }
    fs.linkSync(temp, file) // fails with EEXIST when someone holds it: O_EXCL with the content already in
    return true
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw err
  } finally {
    fs.rmSync(temp, { force: true })
  }
}

/**
 * The lock's owner while it is valid: null when there is no lock, or it is stale (its
 * process is gone, it is from an earlier boot, or it is unreadable and older than a minute).
 */
export function readLock(file: string, now = Date.now()): LockOwner | null {
  let text: string
  try {
    text = fs.readFileSync(file, 'utf8')
  } catch {
    return null
  }
  const owner = parse(text)
  if (!owner) {
    const age = now - (fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0)
    return age < 60_000 ? { pid: -1, triggerId: null, startedAt: now, bootId: null } : null
  }
  const boot = currentBootId()
  if (owner.bootId && boot && owner.bootId !== boot) return null
  return isAlive(owner.pid) ? owner : null
}

/** Removes a stale lock, guarded so two processes taking it over cannot remove each other's fresh one. */
function takeOverStale(file: string, now: number): void {
  const guard = `${file}.takeover`
  try {
    const age = now - (fs.statSync(guard, { throwIfNoEntry: false })?.mtimeMs ?? now)
    if (age > 10_000) fs.rmSync(guard, { force: true }) // left by a process that died mid-takeover
    fs.writeFileSync(guard, String(process.pid), { flag: 'wx' })
  } catch {
    return // someone else is taking it over
  }
  try {
    if (fs.existsSync(file) && readLock(file, now) === null) fs.rmSync(file, { force: true })
  } finally {
    fs.rmSync(guard, { force: true })
  }
}

/**
 * Takes the lock file (exclusive create), first taking over a stale one. Returns the held
 * lock, or who holds it.
 */
export function tryAcquireLock(file: string, now = Date.now()): LockAttempt {
  const owner: LockOwner = { pid: process.pid, triggerId: null, startedAt: now, bootId: currentBootId() }
  for (let attempt = 0; attempt < 2; attempt++) {
    if (writeAtomically(file, owner, 'create')) return { held: heldLock(file, owner) }
    const current = readLock(file, now)
    if (current) return { heldBy: current }
    takeOverStale(file, now)
  }
  return { heldBy: readLock(file, now) ?? owner }
}

function heldLock(file: string, initial: LockOwner): HeldLock {
  let mine = initial
  const stillMine = () => {
    try {
      const current = parse(fs.readFileSync(file, 'utf8'))
      return current !== null && current.pid === mine.pid && current.startedAt === mine.startedAt
    } catch {
      return false
    }
  }
  return {
    file,
    update(owner) {
      if (!stillMine()) return
      mine = { ...mine, ...owner }
      writeAtomically(file, mine, 'replace')
    },
    release() {
      if (stillMine()) fs.rmSync(file, { force: true })
    },
  }
}
