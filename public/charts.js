// Draws the dashboard's charts from data-series attributes (no inline scripts: strict CSP).
// Runs on load and again whenever htmx swaps in a fresh dashboard body.
;(function () {
  var charts = []

  function css(name, fallback) {
    var v = getComputedStyle(document.documentElement).getPropertyValue(name).trim()
    return v || fallback
  }

  function palette() {
    return {
      ok: css('--replexon-ok', '#2e8540'),
      fail: css('--replexon-fail', '#c62828'),
      warn: css('--replexon-warn', '#b26a00'),
      run: css('--replexon-run', '#1565c0'),
      missed: css('--replexon-missed', '#f4a261'),
      none: css('--replexon-none', 'rgba(127,127,127,0.15)'),
      primary: css('--pico-primary', '#0172ad'),
      text: css('--pico-muted-color', '#7b8495'),
      grid: css('--pico-muted-border-color', 'rgba(127,127,127,0.2)'),
    }
  }

  var UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB']
  function bytes(v) {
    var i = 0
    while (Math.abs(v) >= 1000 && i < UNITS.length - 1) {
      v /= 1000
      i++
    }
    return (i === 0 ? Math.round(v) : v.toFixed(v >= 100 ? 0 : 1)) + ' ' + UNITS[i]
  }
  function duration(s) {
    if (s < 60) return Math.round(s) + ' s'
    var m = Math.floor(s / 60)
    if (m < 60) return m + ' min ' + Math.round(s % 60) + ' s'
    return Math.floor(m / 60) + ' h ' + (m % 60) + ' min'
  }

  function statusColor(p, status) {
    return status === 'success' ? p.ok : status === 'failed' ? p.fail : status === 'running' ? p.run : p.warn
  }

  function timeOptions(p, format) {
    return {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      parsing: false,
      plugins: {
        legend: { display: false },
        tooltip: { callbacks: { label: function (ctx) { return format(ctx.parsed.y) } } },
      },
      scales: {
        x: { type: 'time', time: { tooltipFormat: 'yyyy-MM-dd HH:mm' }, ticks: { color: p.text, maxRotation: 0, autoSkip: true }, grid: { color: p.grid } },
        y: { beginAtZero: true, ticks: { color: p.text, callback: function (v) { return format(v) } }, grid: { color: p.grid } },
      },
    }
  }

  function points(series) {
    return series.map(function (d) {
      return { x: typeof d.x === 'number' ? d.x : Date.parse(d.x), y: d.y, status: d.status, id: d.id }
    })
  }

  function calendar(canvas, series, p) {
    // One column per week, one row per weekday (Monday on top), like a contribution calendar.
    var first = new Date(series.length ? series[0].date + 'T00:00:00' : Date.now())
    var offset = (first.getDay() + 6) % 7
    var data = series.map(function (d, i) {
      var n = i + offset
      return { x: Math.floor(n / 7), y: n % 7, date: d.date, state: d.state }
    })
    var weeks = data.length ? data[data.length - 1].x + 1 : 1
    var colors = { success: p.ok, failed: p.fail, missed: p.missed, none: p.none }
    return new Chart(canvas, {
      type: 'matrix',
      data: {
        datasets: [{
          data: data,
          backgroundColor: function (ctx) { var d = ctx.raw; return d ? colors[d.state] : p.none },
          borderWidth: 0,
          width: function (ctx) { var a = ctx.chart.chartArea; return a ? Math.max(2, a.width / weeks - 2) : 8 },
          height: function (ctx) { var a = ctx.chart.chartArea; return a ? Math.max(2, a.height / 7 - 2) : 8 },
        }],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: {
          legend: { display: false },
          tooltip: { callbacks: { title: function () { return '' }, label: function (ctx) { return ctx.raw.date + ': ' + ctx.raw.state } } },
        },
        scales: {
          x: { type: 'linear', min: -0.5, max: weeks - 0.5, offset: false, display: false },
          y: { type: 'linear', min: -0.5, max: 6.5, reverse: true, offset: false, display: false },
        },
      },
    })
  }

  function draw(canvas) {
    if (canvas.dataset.drawn) return
    canvas.dataset.drawn = '1'
    var series = JSON.parse(canvas.dataset.series || '[]')
    var p = palette()
    var kind = canvas.dataset.chart
    var chart
    if (kind === 'size') {
      chart = new Chart(canvas, { type: 'line', data: { datasets: [{ data: points(series), borderColor: p.primary, backgroundColor: p.primary, pointRadius: 2, tension: 0.2 }] }, options: timeOptions(p, bytes) })
    } else if (kind === 'transferred' || kind === 'duration') {
      var pts = points(series)
      chart = new Chart(canvas, {
        type: 'bar',
        data: { datasets: [{ data: pts, backgroundColor: pts.map(function (d) { return statusColor(p, d.status) }), barThickness: 'flex', maxBarThickness: 14 }] },
        options: timeOptions(p, kind === 'duration' ? duration : bytes),
      })
    } else if (kind === 'kinds') {
      chart = new Chart(canvas, {
        type: 'doughnut',
        data: { labels: series.map(function (d) { return d.label }), datasets: [{ data: series.map(function (d) { return d.y }), backgroundColor: [p.primary, p.ok, p.warn, p.missed] }] },
        options: { responsive: true, maintainAspectRatio: false, animation: false, plugins: { legend: { position: 'right', labels: { color: p.text } } } },
      })
    } else if (kind === 'calendar') {
      chart = calendar(canvas, series, p)
    }
    if (chart) charts.push(chart)
  }

  function drawAll(root) {
    if (typeof window.Chart === 'undefined') return
    ;(root || document).querySelectorAll('canvas[data-chart]').forEach(draw)
  }

  // Charts whose canvas left the page are destroyed so their memory is freed.
  function prune() {
    charts = charts.filter(function (c) {
      if (document.body.contains(c.canvas)) return true
      c.destroy()
      return false
    })
  }

  document.addEventListener('DOMContentLoaded', function () { drawAll(document) })
  document.addEventListener('htmx:afterSwap', function () { prune(); drawAll(document) })
})()
