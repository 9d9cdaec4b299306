// Progressive enhancement only: every page works without this script.
// Results are put in the page with textContent / DOM nodes, never as HTML.
(function () {
  function debounce(fn, ms) { var t; return function () { clearTimeout(t); t = setTimeout(fn, ms); }; }

  function linkFor(ref) {
    switch (ref.type) {
      case 'KNOWLEDGE_ITEM': return '/items/' + encodeURIComponent(ref.id);
      case 'QUESTION': case 'DISCUSSION': case 'CONVERSATION': return '/questions/' + encodeURIComponent(ref.id);
      case 'SESSION': return '/sessions/' + encodeURIComponent(ref.id);
      default: return '/search?q=' + encodeURIComponent(ref.id);
    }
  }

  // "Already answered?" suggestions on the ask page, updated as the member types
  var title = document.querySelector('input[data-already]');
  if (title) {
    var body = document.getElementById('body');
    var list = document.getElementById('already-list');
    var empty = document.getElementById('already-empty');
    var update = debounce(function () {
      var q = title.value.trim();
      if (q.length < 3) { list.replaceChildren(); empty.hidden = false; return; }
      var url = title.dataset.already + '?title=' + encodeURIComponent(q) + '&body=' + encodeURIComponent(body.value);
      fetch(url, { credentials: 'same-origin' }).then(function (r) { return r.ok ? r.json() : []; }).then(function (hits) {
        list.replaceChildren();
        hits.forEach(function (hit) {
          var li = document.createElement('li');
          li.className = 'already-hit';
          var a = document.createElement('a');
          a.href = linkFor(hit.ref);
          a.textContent = hit.title;
          var badge = document.createElement('span');
          badge.className = 'badge';
          badge.textContent = hit.status;
          li.append(a, ' ', badge);
          list.append(li);
        });
        empty.hidden = hits.length > 0;
      });
    }, 250);
    title.addEventListener('input', update);
    body.addEventListener('input', update);
  }

  // Search suggestions (completions) in a datalist
  var search = document.querySelector('input[data-suggest]');
  if (search) {
    var datalist = document.getElementById(search.getAttribute('list'));
    search.addEventListener('input', debounce(function () {
      var words = search.value.split(/\s+/);
      var last = words[words.length - 1];
      if (last.length < 2) { return; }
      fetch(search.dataset.suggest + '?prefix=' + encodeURIComponent(last), { credentials: 'same-origin' })
        .then(function (r) { return r.ok ? r.json() : []; }).then(function (terms) {
          datalist.replaceChildren();
          terms.forEach(function (term) {
            var option = document.createElement('option');
            option.value = words.slice(0, -1).concat([term]).join(' ');
            datalist.append(option);
          });
        });
    }, 200));
  }
})();
