/**
 * The tile SDK (docs/PROTOCOL.md §8), as script text that runs INSIDE a tile frame:
 * `window.SDK.postback(value): Promise` and friends on top of the envelope
 * `{ __INTER_FRAME_SOCKET_MESSAGE: true, workspaceEvent: { type, payload } }`.
 *
 * Two ways in:
 * - {@link tileDocument}: the SDK script is put in front of the tile HTML in a
 *   document of its own (fallback when no tile-frame document is served);
 * - {@link tileFrameDocument}: the tile-frame document (its script) the
 *   endpoint serves with its own CSP; it installs the SDK, then writes the
 *   HTML the workspace posts to it (`{ __acwTileFrame: 1, html }`).
 *
 * The script is plain ES2017 in a string: it runs in the tile's realm, never in
 * the workspace's.
 */

export const ENVELOPE_FLAG = '__INTER_FRAME_SOCKET_MESSAGE';
/** Marks the one message that delivers a tile's HTML to a tile-frame document. */
export const TILE_FRAME_FLAG = '__acwTileFrame';

/**
 * Makes tiles written for the Cognigy workspace work here, before any of the
 * author's scripts run (docs/PROTOCOL.md §8.6):
 * - `window.parent` (a [Replaceable] attribute of the tile's own window)
 *   becomes a stand-in whose `postMessage` reaches the real parent whatever
 *   target origin the tile hard-coded (the browser would drop a message to a
 *   foreign workspace host); `MessageEvent#source` names the stand-in for
 *   messages from the real parent, so `e.source === parent` checks hold;
 * - `document.referrer` always reads as a URL, even when the workspace has an
 *   opaque origin (then the referrer is empty, and a tile that computes
 *   `new URL(document.referrer || window.origin)` would throw on "null").
 * Nothing here widens what the tile can reach: the frame stays sandboxed, it
 * still only talks to its parent, and the workspace still accepts only
 * messages whose source is this tile's window.
 */
const FIELD_SHIMS = String.raw`(function () {
  if (window.__acwShims) return;
  window.__acwShims = true;
  var real = window.parent;
  if (!real || real === window) return;
  var forward = function (message, _target, transfer) {
    return transfer ? real.postMessage(message, '*', transfer) : real.postMessage(message, '*');
  };
  var shim;
  try {
    shim = new Proxy(real, {
      get: function (t, k) {
        if (k === 'postMessage') return forward;
        var v = t[k];
        return typeof v === 'function' ? v.bind(t) : v;
      }
    });
  } catch (e) {
    shim = { postMessage: forward };
  }
  try { window.parent = shim; } catch (e) { /* keep the real one */ }
  if (window.parent === shim) {
    var source = Object.getOwnPropertyDescriptor(MessageEvent.prototype, 'source');
    if (source && source.get) {
      Object.defineProperty(MessageEvent.prototype, 'source', {
        configurable: true,
        enumerable: true,
        get: function () {
          var s = source.get.call(this);
          return s === real ? shim : s;
        }
      });
    }
  }
  var referrer = document.referrer;
  var valid = false;
  try { valid = !!referrer && new URL(referrer).origin !== 'null'; } catch (e) { valid = false; }
  if (!valid) {
    var known = location.ancestorOrigins && location.ancestorOrigins[0];
    var fallback = known && known !== 'null' ? known + '/' : 'https://workspace.invalid/';
    try {
      Object.defineProperty(document, 'referrer', { configurable: true, get: function () { return fallback; } });
    } catch (e) { /* leave it */ }
  }
})();`;

/** Installs `window.SDK` (unless `window.__acwSdk` already did) and (re)attaches its listener. */
const SDK_CORE = String.raw`(function () {
  var FLAG = '${ENVELOPE_FLAG}';
  var state = window.__acwSdk;
  if (!state) {
    state = window.__acwSdk = { pending: {}, order: [], seq: 0, inserts: [] };
    state.post = function (type, payload, requestId) {
      var event = { type: type, payload: payload };
      if (requestId) event.requestId = requestId;
      var message = {};
      message[FLAG] = true;
      message.workspaceEvent = event;
      // the parent is a window reference: the message goes nowhere else
      parent.postMessage(message, '*');
    };
    state.onMessage = function (e) {
      if (e.source !== parent) return;
      var d = e.data;
      if (!d || d[FLAG] !== true || !d.workspaceEvent) return;
      var type = d.workspaceEvent.type;
      if (type === 'theme') {
        var t = d.workspaceEvent.payload || {};
        var root = document.documentElement;
        if (t.scheme === 'light' || t.scheme === 'dark') {
          root.style.colorScheme = t.scheme;
          root.setAttribute('data-acw-theme', t.scheme);
        }
        var tokens = t.tokens || {};
        for (var name in tokens) {
          if (/^--acw-[a-z0-9-]+$/.test(name) && typeof tokens[name] === 'string')
            root.style.setProperty(name, tokens[name]);
        }
        // the workspace's own message: tile scripts (field tiles read every message as
        // their data) never see it; they hear the acw-theme event instead
        e.stopImmediatePropagation();
        window.dispatchEvent(new CustomEvent('acw-theme', { detail: t }));
        return;
      }
      if (type === 'insert-result') {
        var done = state.inserts.shift();
        if (done) done(d.workspaceEvent.payload);
        return;
      }
      if (type !== 'postback-accepted' && type !== 'postback-rejected') return;
      var id = d.workspaceEvent.requestId;
      if (!id || !state.pending[id]) id = state.order[0];
      var p = id && state.pending[id];
      if (!p) return;
      delete state.pending[id];
      state.order.splice(state.order.indexOf(id), 1);
      if (type === 'postback-accepted') p.resolve(d.workspaceEvent.payload);
      else {
        var reason = d.workspaceEvent.payload && d.workspaceEvent.payload.reason;
        p.reject(new Error(typeof reason === 'string' ? reason : 'The postback was rejected.'));
      }
    };
    window.SDK = {
      postback: function (value) {
        return new Promise(function (resolve, reject) {
          var id = 'pb-' + (++state.seq) + '-' + Math.random().toString(36).slice(2, 10);
          state.pending[id] = { resolve: resolve, reject: reject };
          state.order.push(id);
          state.post('postback', value, id);
        });
      },
      sendMessage: function (text) { state.post('sendMessage', { text: String(text) }); },
      insertIntoReply: function (content) {
        return new Promise(function (resolve) {
          state.inserts.push(resolve);
          parent.postMessage({ type: 'replyBoxContent', content: String(content) }, '*');
        });
      }
    };
    state.post('sdk-loaded');
  }
  window.removeEventListener('message', state.onMessage);
  window.addEventListener('message', state.onMessage);
})();`;

/**
 * The fallback document of an html tile (loaded from a `blob:` URL): the SDK
 * first, so it exists before the author's scripts run.
 */
export function tileDocument(html: string): string {
  const ready = `window.addEventListener('load', function () { window.__acwSdk && window.__acwSdk.post('ready'); });`;
  return `<!doctype html><script>${FIELD_SHIMS}${SDK_CORE}${ready}</script>${html}`;
}

/**
 * Script of the tile-frame document: installs the shims and the SDK, waits
 * for the HTML from its parent, writes it (document.open keeps `window.SDK`
 * and the shims but drops window listeners, so the SDK listener is attached
 * again), and says ready once the written document has loaded: its
 * stylesheets (field tiles start with a CDN `<link>`), and so its scripts,
 * are done, and their listeners exist.
 */
const tileFrameBootstrap = () => String.raw`${FIELD_SHIMS}${SDK_CORE}
(function () {
  var written = false;
  function onHtml(e) {
    if (written || e.source !== parent || !e.data || e.data.${TILE_FRAME_FLAG} !== 1) return;
    if (typeof e.data.html !== 'string') return;
    written = true;
    window.removeEventListener('message', onHtml);
    document.open();
    // the SDK's listener again (document.open dropped it), before the author's scripts add theirs:
    // it sees the workspace's own messages first (and keeps its theme from them)
    ${SDK_CORE}
    document.write(e.data.html);
    document.close();
    var said = false;
    var ready = function () {
      if (said) return;
      said = true;
      window.__acwSdk.post('ready');
    };
    if (document.readyState === 'complete') ready();
    else window.addEventListener('load', ready);
  }
  window.addEventListener('message', onHtml);
  window.__acwSdk.post('frame-loaded');
})();`;

/** The tile-frame document itself (served by an endpoint with a tile-appropriate CSP). */
export function tileFrameDocument(): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>tile</title><script>${tileFrameBootstrap()}</script></head><body></body></html>`;
}
