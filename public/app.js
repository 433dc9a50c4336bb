// Small behaviours shared by every page. No inline scripts anywhere (strict CSP).
;(function () {
  var KEY = 'replexon-theme'
  var ORDER = ['auto', 'light', 'dark']
  var LABELS = { auto: 'Theme: system', light: 'Theme: light', dark: 'Theme: dark' }

  function current() {
    try {
      var saved = localStorage.getItem(KEY)
      return saved === 'light' || saved === 'dark' ? saved : 'auto'
    } catch (e) {
      return 'auto'
    }
  }

  function apply(theme) {
    if (theme === 'auto') document.documentElement.removeAttribute('data-theme')
    else document.documentElement.setAttribute('data-theme', theme)
    var button = document.getElementById('theme-toggle')
    if (button) {
      button.setAttribute('data-theme-choice', theme)
      button.setAttribute('aria-label', LABELS[theme] + ' (change)')
      button.title = LABELS[theme]
    }
  }

  document.addEventListener('click', function (event) {
    var target = event.target
    if (!(target instanceof Element)) return
    var toggle = target.closest('#theme-toggle')
    if (toggle) {
      event.preventDefault()
      var next = ORDER[(ORDER.indexOf(current()) + 1) % ORDER.length]
      try {
        if (next === 'auto') localStorage.removeItem(KEY)
        else localStorage.setItem(KEY, next)
      } catch (e) {
        /* storage blocked: still switch for this page */
      }
      apply(next)
    }
  })

  // A history row's "Details" button toggles: a second press folds the details away.
  document.addEventListener('htmx:beforeRequest', function (event) {
    var button = event.detail && event.detail.elt
    if (!(button instanceof HTMLElement) || !button.classList.contains('expand')) return
    var target = document.getElementById(button.getAttribute('aria-controls') || '')
    if (target && target.childElementCount > 0) {
      event.preventDefault()
      target.innerHTML = ''
      button.setAttribute('aria-expanded', 'false')
    } else {
      button.setAttribute('aria-expanded', 'true')
    }
  })

  // Forms that ask before doing something destructive carry data-confirm.
  document.addEventListener('submit', function (event) {
    var form = event.target
    if (form instanceof HTMLFormElement && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
      event.preventDefault()
    }
  })

  // Pages with live parts hear about new runs over server-sent events and let htmx refresh them.
  function listen() {
    var url = document.body.getAttribute('data-live-events')
    if (!url || typeof EventSource === 'undefined') return
    var source = new EventSource(url)
    source.addEventListener('runs-changed', function () {
      if (window.htmx) window.htmx.trigger(document.body, 'runs-changed')
    })
    window.addEventListener('pagehide', function () { source.close() })
  }

  // The same words as formatDuration in src/web/format.ts, for clocks that tick in the page.
  function duration(seconds) {
    var s = Math.max(0, Math.round(seconds))
    if (s < 60) return s + ' s'
    var m = Math.floor(s / 60)
    if (m < 60) return s % 60 === 0 ? m + ' min' : m + ' min ' + (s % 60) + ' s'
    var h = Math.floor(m / 60)
    if (h < 24) return m % 60 === 0 ? h + ' h' : h + ' h ' + (m % 60) + ' min'
    var d = Math.floor(h / 24)
    return h % 24 === 0 ? d + ' d' : d + ' d ' + (h % 24) + ' h'
  }

  function tick() {
    var clocks = document.querySelectorAll('[data-elapsed-since]')
    for (var i = 0; i < clocks.length; i++) {
      var since = Number(clocks[i].getAttribute('data-elapsed-since'))
      if (since > 0) clocks[i].textContent = duration((Date.now() - since) / 1000)
    }
  }

  // A running backup's output arrives over server-sent events and is appended as text
  // (never as HTML). The page keeps the last MAX_CHARS so a long file list cannot bloat it.
  var MAX_CHARS = 256 * 1024

  function append(pre, text) {
    var placeholder = pre.querySelector('[data-placeholder]')
    if (placeholder) placeholder.remove()
    var atBottom = pre.scrollHeight - pre.scrollTop - pre.clientHeight < 40
    pre.appendChild(document.createTextNode(text))
    if (pre.textContent.length > MAX_CHARS) pre.textContent = pre.textContent.slice(-MAX_CHARS)
    if (atBottom) pre.scrollTop = pre.scrollHeight
  }

  function streamOutput(root) {
    var outputs = root.querySelectorAll ? root.querySelectorAll('pre[data-stream]') : []
    for (var i = 0; i < outputs.length; i++) follow(outputs[i])
  }

  function follow(pre) {
    if (pre.getAttribute('data-streaming') || typeof EventSource === 'undefined') return
    pre.setAttribute('data-streaming', 'open')
    var source = new EventSource(pre.getAttribute('data-stream'))
    function finish() {
      source.close()
      pre.setAttribute('data-streaming', 'closed')
      var panel = pre.closest('[hx-get]')
      if (panel && pre.isConnected && window.htmx) window.htmx.trigger(panel, 'run-finished')
    }
    source.addEventListener('output', function (event) {
      if (!pre.isConnected) return source.close()
      append(pre, event.data)
    })
    source.addEventListener('finished', finish)
    // No automatic reconnect: it would replay from the first offset. The panel re-renders instead.
    source.onerror = finish
    window.addEventListener('pagehide', function () { source.close() })
  }

  document.addEventListener('htmx:load', function (event) {
    if (event.detail && event.detail.elt) streamOutput(event.detail.elt)
  })

  document.addEventListener('DOMContentLoaded', function () {
    apply(current())
    listen()
    streamOutput(document)
    setInterval(tick, 1000)
  })
})()
