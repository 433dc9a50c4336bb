// Applies the saved theme before first paint (loaded in <head>, not deferred).
// No saved choice means "auto": Pico follows the system's prefers-color-scheme.
(function () {
  try {
    var saved = localStorage.getItem('replexon-theme')
    if (saved === 'light' || saved === 'dark') document.documentElement.setAttribute('data-theme', saved)
  } catch (e) {
    /* storage blocked: follow the system */
  }
})()
