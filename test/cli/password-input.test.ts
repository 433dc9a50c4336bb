import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { Readable } from 'node:stream'
import { applyKey, readFirstLine } from '../../src/cli/password-input.js'

describe('hidden password entry', () => {
  it('adds typed and pasted text', () => {
    assert.equal(applyKey('', 'a', { name: 'a', sequence: 'a' }), 'a')
    assert.equal(applyKey('a', 'ü€', undefined), 'aü€')
  })

  it('finishes on Enter and cancels on Ctrl-C, or Ctrl-D before anything is typed', () => {
    assert.equal(applyKey('abc', '\r', { name: 'return' }), 'done')
    assert.equal(applyKey('abc', '\x03', { name: 'c', ctrl: true }), 'cancel')
    assert.equal(applyKey('', '\x04', { name: 'd', ctrl: true }), 'cancel')
    assert.equal(applyKey('abc', '\x04', { name: 'd', ctrl: true }), 'abc')
  })

  it('removes one whole character on backspace', () => {
    assert.equal(applyKey('ab😀', '\x7f', { name: 'backspace' }), 'ab')
    assert.equal(applyKey('', '\x7f', { name: 'backspace' }), '')
  })

  it('ignores arrow keys and control characters', () => {
    assert.equal(applyKey('ab', '\x1b[D', { name: 'left', sequence: '\x1b[D' }), 'ab')
    assert.equal(applyKey('ab', '\t', { name: 'tab' }), 'ab')
  })
})

describe('password on stdin', () => {
  it('takes the first line without its line ending, spaces kept', async () => {
    assert.equal(await readFirstLine(Readable.from([' pass word \r\nsecond\n'])), ' pass word ')
    assert.equal(await readFirstLine(Readable.from(['no newline at all'])), 'no newline at all')
  })

  it('refuses empty input or an empty first line', async () => {
    await assert.rejects(readFirstLine(Readable.from([])), /no password on stdin/)
    await assert.rejects(readFirstLine(Readable.from(['\nsecond\n'])), /no password on stdin/)
  })
})
