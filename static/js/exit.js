/* Quick exit, after the GOV.UK Design System "Exit this page" component.
   A click on the link, or Shift pressed three times within 5 seconds, blanks the page at
   once and leaves with location.replace, so Back does not return here. Without JavaScript
   the link still works. Stores nothing, sends nothing. */
(function () {
  'use strict';
  var link = document.querySelector('[data-exit]');
  if (!link || !document.addEventListener) { return; }
  var destination = link.href;
  var presses = 0;
  var timer = null;

  function leave(event) {
    if (event) { event.preventDefault(); }
    document.documentElement.className += ' exiting';
    var overlay = document.createElement('div');
    overlay.className = 'exit-overlay';
    document.body.appendChild(overlay);
    document.title = '\u200b';
    window.location.replace(destination);
  }

  function typingInField(target) {
    if (!target || !target.tagName) { return false; }
    var tag = target.tagName.toLowerCase();
    return tag === 'input' || tag === 'textarea' || tag === 'select' || target.isContentEditable;
  }

  link.addEventListener('click', leave);

  document.addEventListener('keyup', function (event) {
    if (event.key !== 'Shift' || typingInField(event.target)) {
      presses = 0;
      return;
    }
    presses += 1;
    clearTimeout(timer);
    if (presses >= 3) {
      presses = 0;
      leave();
      return;
    }
    timer = setTimeout(function () { presses = 0; }, 5000);
  });
})();
