// newsweave: clicking a citation highlights the cited span in the report it comes from.
// Offsets are Unicode code points (Python's); the DOM counts UTF-16 units, so they are converted.
(function () {
  'use strict';

  function units(text, points) {
    var i = 0, n = 0;
    while (n < points && i < text.length) {
      var c = text.charCodeAt(i);
      i += (c >= 0xD800 && c <= 0xDBFF) ? 2 : 1;
      n += 1;
    }
    return i;
  }

  function clear() {
    document.querySelectorAll('mark.hit').forEach(function (mark) {
      var parent = mark.parentNode;
      mark.replaceWith(document.createTextNode(mark.textContent));
      parent.normalize();
    });
    document.querySelectorAll('a.cite.active').forEach(function (a) { a.classList.remove('active'); });
  }

  function highlight(link) {
    var pre = document.getElementById('text-' + link.dataset.article);
    if (!pre) return false;
    clear();
    pre.normalize();
    var node = pre.firstChild;
    if (!node || node.nodeType !== Node.TEXT_NODE) return false;
    var text = node.data;
    var start = Math.min(units(text, Number(link.dataset.start)), text.length);
    var end = Math.min(units(text, Number(link.dataset.end)), text.length);
    if (end <= start) return false;
    var range = document.createRange();
    range.setStart(node, start);
    range.setEnd(node, end);
    var mark = document.createElement('mark');
    mark.className = 'hit';
    mark.tabIndex = -1;
    range.surroundContents(mark);
    link.classList.add('active');
    mark.scrollIntoView({block: 'center'});
    mark.focus({preventScroll: true});
    return true;
  }

  document.addEventListener('click', function (event) {
    var link = event.target.closest ? event.target.closest('a.cite') : null;
    if (link && highlight(link)) event.preventDefault();
  });
})();
