/* Quick exit, after the GOV.UK Design System "Exit this page" component.
   A click on the link, or the Shift key pressed three times within 5 seconds (either Shift;
   any other key in between starts the count again; not while typing in a form field),
   blanks the page at once and leaves with location.replace, so Back does not return here.
   Without JavaScript the link still works. Stores nothing, sends nothing. It does not
   erase the browser's history: the page on staying safe online says so. */
(function () {
  'use strict';
  var link = document.querySelector('[data-exit]');
  if (!link || !document.addEventListener) { return; }
  var destination = link.href;
  var presses = 0;
  var timer = null;
  // Shift released right after a combination (Shift+Tab, a capital letter) is not a press.
  var lastKeyModified = false;
  var overlay = null;
  var title = document.title;

  function reset() {
    presses = 0;
    if (timer) { clearTimeout(timer); timer = null; }
  }

  function leave(event) {
    if (event) { event.preventDefault(); }
    reset();
    if (!overlay) {
      overlay = document.createElement('div');
      overlay.className = 'exit-overlay';
      document.body.appendChild(overlay);
    }
    document.documentElement.className += ' exiting';
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
    var shift = event.key === 'Shift' || event.keyCode === 16;
    if (shift && !lastKeyModified && !typingInField(event.target)) {
      presses += 1;
      if (presses >= 3) {
        leave();
      } else if (presses === 1) {
        timer = setTimeout(reset, 5000);
      }
    } else if (presses > 0) {
      reset();
    }
    lastKeyModified = event.shiftKey;
  });

  // A page brought back from the back-forward cache is shown again, not left blank.
  window.addEventListener('pageshow', function (event) {
    if (!event.persisted || !overlay) { return; }
    overlay.parentNode.removeChild(overlay);
    overlay = null;
    document.documentElement.className = document.documentElement.className.replace(/\s*\bexiting\b/g, '');
    document.title = title;
  });
})();
