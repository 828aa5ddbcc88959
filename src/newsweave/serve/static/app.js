// newsweave's story page: citations light every span they cite (all of a fact's sources at once), each
// jump is a history entry with its own #span-ARTICLE-START-END address and a way back; sections fold,
// facts filter by status, an in-story search, and forms that confirm and show progress.
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

  function openAround(el) {
    for (var d = el; d; d = d.parentElement) {
      if (d.tagName === 'DETAILS') d.open = true;
    }
  }

  function clear() {
    document.querySelectorAll('mark.hit').forEach(function (mark) {
      var parent = mark.parentNode;
      mark.replaceWith(document.createTextNode(mark.textContent));
      parent.normalize();
    });
    document.querySelectorAll('a.cite.active').forEach(function (a) { a.classList.remove('active'); });
  }

  // Wrap [start, end) (code points into the report's text) in a <mark>; marks already placed are skipped.
  function mark(span) {
    var pre = document.getElementById('text-' + span.article);
    if (!pre) return null;
    var whole = pre.textContent;
    var start = units(whole, span.start), end = units(whole, span.end);
    if (end <= start) return null;
    var walker = document.createTreeWalker(pre, NodeFilter.SHOW_TEXT), node, seen = 0;
    while ((node = walker.nextNode())) {
      var len = node.data.length;
      if (start < seen + len && node.parentNode === pre) {
        var range = document.createRange();
        range.setStart(node, Math.max(start - seen, 0));
        range.setEnd(node, Math.min(end - seen, len));
        var m = document.createElement('mark');
        m.className = 'hit';
        m.tabIndex = -1;
        range.surroundContents(m);
        openAround(pre);
        return m;
      }
      seen += len;
    }
    return null;
  }

  function parse(text) {
    return (text || '').split(' ').filter(Boolean).map(function (part) {
      var bits = part.split(':');
      var end = Number(bits.pop()), start = Number(bits.pop());
      return {article: bits.join(':'), start: start, end: end};
    });
  }

  function fromHash(hash) {
    var found = /^#span-(.+)-(\d+)-(\d+)$/.exec(decodeURIComponent(hash || ''));
    return found ? {article: found[1], start: Number(found[2]), end: Number(found[3])} : null;
  }

  // Light every span of the group; scroll to (and focus) the one that was followed.
  function light(group, focus) {
    clear();
    var target = null;
    group.forEach(function (span) {
      var m = mark(span);
      if (m && span.article === focus.article && span.start === focus.start) target = m;
    });
    target = target || mark(focus);
    if (!target) return false;
    var here = '#span-' + focus.article + '-' + focus.start + '-' + focus.end;
    document.querySelectorAll('a.cite').forEach(function (a) {
      if (a.getAttribute('href') === here) a.classList.add('active');
    });
    target.scrollIntoView({block: 'center'});
    target.focus({preventScroll: true});
    return true;
  }

  function backLink(from) {
    var back = document.getElementById('back-link');
    if (!from) { if (back) back.hidden = true; return; }
    if (!back) {
      back = document.createElement('a');
      back.id = 'back-link';
      back.className = 'back';
      document.body.appendChild(back);
      back.addEventListener('click', function (event) {
        if (history.state && history.state.cite) { event.preventDefault(); history.back(); }
      });
    }
    var inBrief = from.indexOf('brief-') === 0;
    back.textContent = inBrief ? '↩ Back to the brief' : '↩ Back to where you were';
    back.href = '#' + from;
    back.hidden = false;
  }

  document.addEventListener('click', function (event) {
    var link = event.target.closest ? event.target.closest('a.cite') : null;
    if (!link) return;
    var focus = fromHash(link.getAttribute('href'));  // #span-ARTICLE-START-END says what it cites
    if (!focus) return;
    var group = parse(link.dataset.group);
    var holder = link.parentElement.closest('[id]');
    var from = holder ? holder.id : '';
    if (!light(group.length ? group : [focus], focus)) return;
    event.preventDefault();
    history.pushState({cite: true, from: from, group: link.dataset.group || ''}, '', link.getAttribute('href'));
    backLink(from);
  });

  function arrive(state) {
    var focus = fromHash(location.hash);
    if (focus) {
      light(state && state.group ? parse(state.group) : [focus], focus);
      backLink(state && state.from);
      return;
    }
    clear();
    backLink(null);
    var target = location.hash ? document.getElementById(location.hash.slice(1)) : null;
    if (target) { openAround(target); target.scrollIntoView({block: 'start'}); }
  }

  // Facts filtered by status; the in-story search hides what does not hold every word typed.
  document.addEventListener('change', function (event) {
    var box = event.target.closest ? event.target.closest('fieldset.filter') : null;
    if (!box) return;
    var shown = Array.prototype.map.call(box.querySelectorAll('input:checked'), function (i) { return i.value; });
    document.querySelectorAll('li.fact').forEach(function (li) {
      li.classList.toggle('filtered-out', !shown.some(function (s) { return li.classList.contains(s); }));
    });
  });

  var FINDABLE = '#brief li, li.fact, .family, table.entities tbody tr, ol.days li[id^=when-]';
  function find(text) {
    var words = text.toLowerCase().split(/\s+/).filter(Boolean), hits = 0;
    document.querySelectorAll(FINDABLE).forEach(function (el) {
      var ok = words.every(function (w) { return el.textContent.toLowerCase().indexOf(w) >= 0; });
      el.classList.toggle('no-match', !ok);
      if (ok && words.length) { hits += 1; openAround(el); }
    });
    var count = document.getElementById('find-count');
    if (count) count.textContent = words.length ? (hits === 1 ? '1 match' : hits + ' matches') : '';
  }
  var findBox = document.getElementById('find');
  if (findBox) {
    findBox.addEventListener('input', function () { find(findBox.value); });
    findBox.form.addEventListener('submit', function (event) { event.preventDefault(); find(findBox.value); });
  }

  // Forms that change a story: enough ticks first, a check on two quotes of different speakers, a
  // confirmation, then a note that the work is under way (adding a report regroups, which takes a while).
  function say(form, text) {
    var note = form.nextElementSibling;
    if (!note || !note.classList.contains('form-note')) {
      note = document.createElement('p');
      note.className = 'form-note';
      note.setAttribute('role', 'alert');
      form.after(note);
    }
    note.textContent = text;
  }

  function picked(form) {
    return Array.prototype.filter.call(document.querySelectorAll('input[name="' + form.dataset.pick + '"]:checked'),
      function (box) { return box.form === form; }).length;
  }

  function quoteCheck(form, submitter) {
    var picks = form.querySelectorAll('select[name=quotes]');
    if (picks.length !== 2) return true;
    var a = picks[0].selectedOptions[0], b = picks[1].selectedOptions[0];
    if (a.value === b.value) { say(form, 'Pick two different quotes.'); return false; }
    var same = submitter && submitter.value === 'true';
    var sa = a.dataset.speaker, sb = b.dataset.speaker;
    if (same && sa && sb && sa.toLowerCase() !== sb.toLowerCase()) {
      return window.confirm('These quotes are attributed to ' + sa + ' and to ' + sb +
        '. Record them as the same utterance anyway?');
    }
    return true;
  }

  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!form.dataset) return;
    var min = Number(form.dataset.min || 0);
    if (min && picked(form) < min) {
      event.preventDefault();
      say(form, 'Tick at least ' + (min === 1 ? 'one ' : min + ' ') + form.dataset.noun + ' first.');
      return;
    }
    if (form.classList.contains('judge') && !quoteCheck(form, event.submitter)) { event.preventDefault(); return; }
    if (form.dataset.confirm && !window.confirm(form.dataset.confirm)) { event.preventDefault(); return; }
    if (form.classList.contains('add-report')) {
      var given = ['url', 'text', 'html'].filter(function (n) { return form.elements[n].value.trim(); });
      if (given.length !== 1) {
        event.preventDefault();
        say(form, given.length ? 'Give only one of the address, the text or the HTML.' : 'Give the address, the text or the HTML of the report.');
        return;
      }
    }
    if (form.dataset.busy) {
      form.querySelectorAll('button').forEach(function (b) { b.disabled = true; });
      var status = form.querySelector('[role=status]');
      if (status) status.textContent = form.dataset.busy;
    }
  });

  // An entity split can add the mentions to another entity: its list of entities is written once in the
  // page (a <template>) and copied into a split form's picker when the form is opened.
  document.addEventListener('toggle', function (event) {
    var details = event.target;
    if (!details.open || !details.querySelectorAll) return;
    details.querySelectorAll('select[data-choices]').forEach(function (select) {
      var source = document.getElementById(select.dataset.choices);
      if (!source || select.options.length > 1) return;
      Array.prototype.forEach.call(source.content.children, function (option) {
        if (option.value !== select.dataset.self) select.appendChild(option.cloneNode(true));
      });
    });
  }, true);

  var goBack = document.getElementById('go-back');
  if (goBack) goBack.addEventListener('click', function () { history.back(); });

  window.addEventListener('popstate', function (event) { arrive(event.state); });
  window.addEventListener('hashchange', function () { if (!fromHash(location.hash)) arrive(null); });
  if (location.hash) {
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', function () { arrive(history.state); });
    else arrive(history.state);
  }
})();
