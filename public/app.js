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

  document.addEventListener('DOMContentLoaded', function () {
    apply(current())
    listen()
  })
})()
