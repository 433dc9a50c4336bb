import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { at, engineHarness, PUBLIC_ORIGIN, T0 } from './engine-harness.js'
import { startHookListener } from './engine-hooks.js'
import { RSYNC_ERROR } from './engine-log.js'

const FAILED_TITLE = '[RePlexOn] Backup FAILED on 2026-03-10 (exit 23)'

describe('alert engine through ntfy and webhooks', () => {
  it('pushes the failure to ntfy and a webhook, retries a receiver that answered 500, and spares one that wants only recoveries', async (t) => {
    // The "flaky" receiver fails its first request, as a proxy restarting would.
    const hooks = await startHookListener((path, nth) => (path === '/flaky' && nth === 1 ? 500 : 200))
    const h = await engineHarness({ start: T0 })
    t.after(async () => {
      await h.close()
      await hooks.close()
    })
    await h.addChannel('ntfy', { server: `${hooks.origin}/ntfy`, topic: 'plex-backup-7f3k', token: 'tk_ntfy-secret' })
    await h.addChannel('webhook', { url: `${hooks.origin}/hook`, authorization: 'Bearer hook-secret' })
    const flaky = await h.addChannel('webhook', { url: `${hooks.origin}/flaky` })
    await h.addChannel('webhook', { url: `${hooks.origin}/recoveries` }, ['recovered'])
    await h.startFollowing()

    h.log.append({ status: 'failed', exitCode: 23, startedAt: at('01:01'), endedAt: at('01:05') })
    h.advanceTo(at('01:06'))
    await h.importLog()
    assert.deepEqual(await h.engine.check(), { sent: 2, retrying: 1, failed: 0 })

    const [failedRun] = await h.runs()
    const link = `${PUBLIC_ORIGIN}/logs/${failedRun!.id}`
    const [ntfy] = hooks.to('/ntfy')
    assert.equal(ntfy?.headers.authorization, 'Bearer tk_ntfy-secret', 'the sealed token is opened for the send')
    const push = ntfy.body as Record<string, unknown>
    assert.deepEqual({ topic: push.topic, title: push.title, click: push.click, priority: push.priority }, { topic: 'plex-backup-7f3k', title: FAILED_TITLE, click: link, priority: 4 })
    assert.ok(String(push.message).includes(RSYNC_ERROR))

    const [hook] = hooks.to('/hook')
    assert.equal(hook?.headers.authorization, 'Bearer hook-secret')
    const json = hook.body as { event: string; title: string; url: string; occurredAt: string; facts: Record<string, string> }
    assert.deepEqual(
      { event: json.event, title: json.title, url: json.url, occurredAt: json.occurredAt },
      { event: 'failed', title: FAILED_TITLE, url: link, occurredAt: '2026-03-10T01:05:00.000Z' },
    )
    assert.equal(json.facts['Exit code'], '23 (partial transfer: some files or attributes were not transferred)')
    assert.equal(json.facts.Error, RSYNC_ERROR)

    assert.deepEqual(hooks.to('/flaky').map((r) => r.status), [500])
    assert.deepEqual(hooks.to('/recoveries'), [], 'a channel for recoveries only gets nothing about the failure')
    assert.equal((await h.channel(flaky.id))?.consecutiveFailures, 1)

    // The first retry waits 30 s.
    h.advanceTo(at('01:06') + 29_000)
    await h.engine.check()
    assert.equal(hooks.to('/flaky').length, 1, 'not retried before its time')
    h.advanceTo(at('01:06') + 30_000)
    assert.deepEqual(await h.engine.check(), { sent: 1, retrying: 0, failed: 0 })
    const retried = hooks.to('/flaky')
    assert.deepEqual(retried.map((r) => r.status), [500, 200])
    assert.equal((retried[1]!.body as { title: string }).title, FAILED_TITLE)
    assert.equal((await h.channel(flaky.id))?.consecutiveFailures, 0)
    const [alert] = await h.history()
    const toFlaky = alert?.deliveries.find((d) => d.channelId === flaky.id)
    assert.deepEqual({ status: toFlaky?.status, attempts: toFlaky?.attempts, lastResult: toFlaky?.lastResult }, { status: 'sent', attempts: 2, lastResult: 'HTTP 200 OK' })

    h.log.append({ status: 'success', startedAt: at('02:00'), endedAt: at('02:10') })
    h.advanceTo(at('02:11'))
    await h.importLog()
    await h.engine.check()
    assert.deepEqual(hooks.to('/recoveries').map((r) => (r.body as { event: string; title: string }).title), ['[RePlexOn] Backups recovered'])
    assert.deepEqual(hooks.to('/ntfy').map((r) => (r.body as { priority: number }).priority), [4, 3])
    assert.deepEqual(h.errors, [])
  })
})
