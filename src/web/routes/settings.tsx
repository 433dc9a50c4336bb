import { Hono, type Context } from 'hono'
import { z } from 'zod'
import { ThrottledError, UserInputError } from '../../auth/errors.js'
import { validateUsername } from '../../auth/user-input.js'
import type { User } from '../../db/repositories/users.js'
import { BackupInfoInputError, readBackupInfo, saveBackupInfo, type BackupInfoField } from '../../settings/backup-info.js'
import { VERSION } from '../../version.js'
import type { AppEnv } from '../app-env.js'
import { readForm } from '../form.js'
import { HttpError } from '../http-errors.js'
import { requireAdmin, requireUser } from '../middleware/require-role.js'
import { renderPage } from '../render.js'
import { clientIp } from '../request-facts.js'
import { AccountPage } from '../views/settings-account.js'
import { SettingsPage } from '../views/settings-page.js'

type C = Context<AppEnv>
type Extra = { error?: string; notice?: string; backupDraft?: Partial<Record<BackupInfoField, string>> }

const text = (max: number) => z.string().max(max, 'is too long')
const newUserForm = z.object({
  username: text(256),
  email: text(320).optional(),
  password: text(4096),
  role: z.enum(['admin', 'viewer'], { message: 'must be admin or viewer' }),
})
const roleForm = z.object({ role: z.enum(['admin', 'viewer'], { message: 'must be admin or viewer' }) })
const passwordForm = z.object({ currentPassword: text(4096), newPassword: text(4096), newPasswordRepeat: text(4096) })
// Generous bounds here; backup-info.ts owns the real rules and their messages.
const backupInfoForm = z.object({ destination: text(65536).optional(), plexDataPath: text(65536).optional() })

/**
 * The flash message a redirect asked for, built from fixed texts. Names must look like
 * usernames, so a crafted link cannot make the page say anything else.
 */
function noticeFrom(query: Record<string, string | undefined>): string | undefined {
  const name = (v: string | undefined) => (v !== undefined && validateUsername(v) === null ? v : undefined)
  if (query.password === 'changed' && /^\d{1,6}$/.test(query.ended ?? '')) {
    const n = Number(query.ended)
    return `Password changed; ${n} other ${n === 1 ? 'session' : 'sessions'} signed out`
  }
  if (query.saved === 'backup-info') return 'Backup info saved.'
  const added = name(query.added)
  if (added) return `User ${added} added.`
  const removed = name(query.removed)
  if (removed) return `User ${removed} removed and signed out.`
  const changed = name(query.role)
  if (changed && (query.to === 'admin' || query.to === 'viewer')) return `${changed} is now ${query.to === 'admin' ? 'an admin' : 'a viewer'}.`
  return undefined
}

async function settingsPage(c: C, extra: Extra = {}, status: 200 | 400 = 200) {
  const { services, config } = c.var
  const [users, backupInfo] = await Promise.all([services.users.listUsers(), readBackupInfo(config, services.settings)])
  const page = <SettingsPage user={c.var.user!} csrfToken={c.var.csrfToken} config={config} version={VERSION} users={users} backupInfo={backupInfo} {...extra} />
  return renderPage(c, page, status)
}

function accountPage(c: C, extra: Extra = {}, status: 200 | 400 = 200) {
  return renderPage(c, <AccountPage user={c.var.user!} csrfToken={c.var.csrfToken} {...extra} />, status)
}

/** The user named by `:id`, or a 404 page. */
async function targetUser(c: C): Promise<User> {
  const id = c.req.param('id') ?? ''
  const user = /^\d{1,15}$/.test(id) ? await c.var.services.users.users.findById(Number(id)) : undefined
  if (!user) throw new HttpError(404, 'There is no such user. It may have been removed already.')
  return user
}

/** Shared by /settings and /account: checks the current password, then ends every other session. */
async function changePassword(c: C, again: (error: string) => Response | Promise<Response>, donePath: string) {
  const form = await readForm(c, passwordForm)
  const user = c.var.user!
  if (form.newPassword !== form.newPasswordRepeat) return again('The two new passwords do not match.')
  try {
    const { endedSessions } = await c.var.services.users.changeOwnPassword(user.id, form.currentPassword, form.newPassword, c.var.sessionId!, {
      ip: clientIp(c),
    })
    c.var.logger.info({ user: user.username, endedSessions }, 'password changed')
    return c.redirect(`${donePath}?password=changed&ended=${endedSessions}`, 303)
  } catch (err) {
    if (err instanceof ThrottledError) {
      c.var.logger.warn({ user: user.username }, 'password change throttled')
      throw new HttpError(429, err.message, { 'Retry-After': String(err.retryAfterSeconds) })
    }
    if (!(err instanceof UserInputError)) throw err
    c.var.logger.warn({ user: user.username, field: err.field }, 'password change refused')
    return again(err.message)
  }
}

/** `/settings` (admins only) and `/account` (anyone signed in). */
export function settingsRoutes() {
  const app = new Hono<AppEnv>()
  app.use('/settings', requireAdmin())
  app.use('/settings/*', requireAdmin())
  app.use('/account', requireUser())

  app.get('/settings', (c) => settingsPage(c, { notice: noticeFrom(c.req.query()) }))

  app.post('/settings/users', async (c) => {
    const form = await readForm(c, newUserForm)
    try {
      const user = await c.var.services.users.createUser(form)
      c.var.logger.info({ by: c.var.user!.username, user: user.username, role: user.role }, 'user added')
      return c.redirect(`/settings?added=${encodeURIComponent(user.username)}`, 303)
    } catch (err) {
      if (err instanceof UserInputError) return settingsPage(c, { error: err.message }, 400)
      throw err
    }
  })

  app.post('/settings/users/:id/role', async (c) => {
    const target = await targetUser(c)
    const { role } = await readForm(c, roleForm)
    try {
      await c.var.services.users.setRole(target.id, role)
    } catch (err) {
      if (err instanceof UserInputError) return settingsPage(c, { error: err.message }, 400)
      throw err
    }
    c.var.logger.info({ by: c.var.user!.username, user: target.username, from: target.role, to: role }, 'role changed')
    // An admin who made themselves a viewer can no longer open /settings.
    if (target.id === c.var.user!.id && role !== 'admin') return c.redirect('/dashboard', 303)
    return c.redirect(`/settings?role=${encodeURIComponent(target.username)}&to=${role}`, 303)
  })

  app.post('/settings/users/:id/delete', async (c) => {
    const target = await targetUser(c)
    if (target.id === c.var.user!.id) {
      return settingsPage(c, { error: 'You cannot remove the account you are signed in with: sign in as another admin to remove this account.' }, 400)
    }
    try {
      // Its sessions go with it (ON DELETE CASCADE), so it is signed out everywhere at once.
      await c.var.services.users.deleteUser(target.id)
    } catch (err) {
      if (err instanceof UserInputError) return settingsPage(c, { error: err.message }, 400)
      throw err
    }
    c.var.logger.info({ by: c.var.user!.username, user: target.username }, 'user removed')
    return c.redirect(`/settings?removed=${encodeURIComponent(target.username)}`, 303)
  })

  app.post('/settings/password', (c) => changePassword(c, (error) => settingsPage(c, { error }, 400), '/settings'))

  app.post('/settings/backup-info', async (c) => {
    const form = await readForm(c, backupInfoForm)
    const fromEnv = c.var.config.backupInfoFromEnv
    // The environment wins: a value posted for a field it sets is ignored.
    const input = {
      ...(!fromEnv.destination && form.destination !== undefined && { destination: form.destination }),
      ...(!fromEnv.plexDataPath && form.plexDataPath !== undefined && { plexDataPath: form.plexDataPath }),
    }
    try {
      await saveBackupInfo(c.var.services.settings, input, Date.now())
    } catch (err) {
      if (err instanceof BackupInfoInputError) return settingsPage(c, { error: err.message, backupDraft: input }, 400)
      throw err
    }
    c.var.logger.info({ by: c.var.user!.username, fields: Object.keys(input) }, 'backup info saved')
    return c.redirect('/settings?saved=backup-info', 303)
  })

  app.get('/account', (c) => accountPage(c, { notice: noticeFrom({ password: c.req.query('password'), ended: c.req.query('ended') }) }))
  app.post('/account', (c) => changePassword(c, (error) => accountPage(c, { error }, 400), '/account'))

  return app
}
