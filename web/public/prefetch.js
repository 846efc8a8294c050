// Starts the home page's first search request while the app's JavaScript is still downloading.
// It must build exactly the URL the app builds (web/src/lib/searchQuery.ts + toQueryString); the
// app uses the answer only when the URLs are equal, and a unit test keeps the two in step.
(function () {
  try {
    var kind = location.pathname === '/' ? 'achievements' : location.pathname === '/demands' ? 'demands' : null;
    if (!kind || typeof fetch !== 'function') return;
    var sp = new URLSearchParams(location.search);
    var out = new URLSearchParams();
    var num = function (k) {
      var v = sp.get(k);
      if (v === null || v === '') return undefined;
      var n = Number(v);
      return isFinite(n) ? n : undefined;
    };
    var put = function (k, v) {
      if (v === undefined || v === null || v === '') return;
      out.set(k, String(v));
    };
    var putList = function (k) {
      var v = (sp.get(k) || '').split(',').filter(Boolean);
      if (v.length) out.set(k, v.join(','));
    };
    // 万元 → fen as wanToFen (search/src/money.ts) does it: the decimal text shifted by six places,
    // rounded half away from zero; an amount too large to convert is left out, as the app does.
    var fen = function (v) {
      if (v === undefined) return undefined;
      var parts = String(Math.abs(v)).split('e');
      var f = (v < 0 ? -1 : 1) * Math.round(Number(parts[0] + 'e' + (Number(parts[1] || 0) + 6)));
      return isFinite(f) ? f || 0 : undefined;
    };
    put('q', sp.get('q'));
    putList('field');
    putList('region');
    putList('mode');
    if (kind === 'achievements') {
      putList('ipType');
      put('trlMin', num('trlMin'));
      put('trlMax', num('trlMax'));
      put('priceMin', fen(num('priceMin')));
      put('priceMax', fen(num('priceMax')));
    } else {
      put('budgetMin', fen(num('priceMin')));
      put('budgetMax', fen(num('priceMax')));
    }
    put('sort', sp.get('sort'));
    put('page', num('page') === undefined ? 1 : num('page'));
    put('pageSize', 10);
    var qs = out.toString();
    var path = '/api/search/' + kind + (qs ? '?' + qs : '');
    window.__tbPrefetch = { path: path, promise: fetch(path, { credentials: 'same-origin', headers: { Accept: 'application/json' } }) };
  } catch (e) {
    /* the app fetches normally */
  }
})();
