/**
 * The tile SDK (PROTOCOL §6), as script text that runs INSIDE a tile frame:
 * `window.SDK.postback(value): Promise` and friends on top of the envelope
 * `{ __INTER_FRAME_SOCKET_MESSAGE: true, workspaceEvent: { type, payload } }`.
 *
 * Two ways in:
 * - {@link tileDocument}: the SDK script is put in front of the tile HTML in a
 *   document of its own (fallback when no tile-frame document is served);
 * - {@link TILE_FRAME_BOOTSTRAP}: the script of the tile-frame document the
 *   endpoint serves with its own CSP; it installs the SDK, then writes the
 *   HTML the workspace posts to it (`{ __acwTileFrame: 1, html }`).
 *
 * The script is plain ES2017 in a string: it runs in the tile's realm, never in
 * the workspace's.
 */

export const ENVELOPE_FLAG = '__INTER_FRAME_SOCKET_MESSAGE';
/** Marks the one message that delivers a tile's HTML to a tile-frame document. */
export const TILE_FRAME_FLAG = '__acwTileFrame';

/** Installs `window.SDK` (unless `window.__acwSdk` already did) and (re)attaches its listener. */
const SDK_CORE = String.raw`(function () {
  var FLAG = '${ENVELOPE_FLAG}';
  var state = window.__acwSdk;
  if (!state) {
    state = window.__acwSdk = { pending: {}, order: [], seq: 0 };
    var target = function () {
      try { return new URL(document.referrer).origin; } catch (e) { return '*'; }
    };
    state.post = function (type, payload, requestId) {
      var event = { type: type, payload: payload };
      if (requestId) event.requestId = requestId;
      var message = {};
      message[FLAG] = true;
      message.workspaceEvent = event;
      parent.postMessage(message, target());
    };
    state.onMessage = function (e) {
      if (e.source !== parent) return;
      var d = e.data;
      if (!d || d[FLAG] !== true || !d.workspaceEvent) return;
      var type = d.workspaceEvent.type;
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
        parent.postMessage({ type: 'replyBoxContent', content: String(content) }, target());
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
  return `<!doctype html><script>${SDK_CORE}${ready}</script>${html}`;
}

/**
 * Script of the tile-frame document: installs the SDK, waits for the HTML
 * from its parent, writes it (document.open keeps `window.SDK` but drops
 * window listeners, so the SDK listener is attached again), then says ready.
 */
export const TILE_FRAME_BOOTSTRAP = String.raw`${SDK_CORE}
(function () {
  var written = false;
  function onHtml(e) {
    if (written || e.source !== parent || !e.data || e.data.${TILE_FRAME_FLAG} !== 1) return;
    if (typeof e.data.html !== 'string') return;
    written = true;
    window.removeEventListener('message', onHtml);
    document.open();
    document.write(e.data.html);
    document.close();
    ${SDK_CORE}
    window.__acwSdk.post('ready');
  }
  window.addEventListener('message', onHtml);
  window.__acwSdk.post('frame-loaded');
})();`;

/** The tile-frame document itself (served by an endpoint with a tile-appropriate CSP). */
export function tileFrameDocument(): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>tile</title><script>${TILE_FRAME_BOOTSTRAP}</script></head><body></body></html>`;
}
