// The simulated Genesys Cloud agent desktop. Its Script "Web Page" component
// is an iframe whose URL is built from a template with {{…}} variables, with
// the sandbox and permissions a Genesys admin sets for embedded apps. It talks
// to the workspace through the host bridge (docs/PROTOCOL.md §9): it says hello (it
// takes insert-text and wrap-up), accepts messages only from its own iframe's
// window (by event.source: a workspace framed without allow-same-origin has
// the origin "null"), its reply box takes insert requests, appending, never
// replacing, and its Wrap-up panel shows the last wrap-up the agent submitted
// in the workspace (as text). `?bridge=off` makes it a host that does not speak the bridge, as
// a real Genesys Script is; `?sandbox=strict` frames the workspace without
// allow-same-origin.
//
// `?app=widget` shows the workspace as an Interaction Widget instead (a client
// app per interaction, docs/PROTOCOL.md §9.4): its URL gets {{gcHostOrigin}},
// {{gcTargetEnv}}, {{pcConversationId}} and {{gcLangTag}} filled in, it speaks
// no acw bridge, and the desktop answers the client-app SDK's postMessage
// protocol as Genesys does: from that frame's window at the workspace's origin,
// protocol "purecloud-client-apps", a proposeInteractionMessage in mode
// "insert" puts its text at the cursor of the reply box; every request is
// recorded in the panel's log (and in `window.proposals`).
(function () {
  'use strict';
  var config = JSON.parse(document.querySelector('meta[name="acw-config"]').content);
  var query = new URLSearchParams(location.search);
  var workspaceOrigin = new URL(config.workspace).origin;
  var instances = Math.max(1, Math.min(3, Number(query.get('instances') || 1)));
  var strict = query.get('sandbox') === 'strict';
  var widget = query.get('app') === 'widget';
  var bridge = query.get('bridge') !== 'off' && !widget;
  var frames = [];
  var proposals = (window.proposals = []);

  function fill(template, vars) {
    return template.replace(/\{\{\s*([\w.]+)\s*\}\}/g, function (_, name) {
      return Object.prototype.hasOwnProperty.call(vars, name) ? encodeURIComponent(vars[name]) : '';
    });
  }

  function post(frame, message) {
    if (!bridge || !frame.contentWindow) return;
    // an opaque-origin workspace cannot be named: the window reference is the address
    frame.contentWindow.postMessage(
      Object.assign({ protocol: 'acw', version: 1 }, message),
      strict ? '*' : workspaceOrigin,
    );
  }

  /** The Script's URL from the template: http(s) only, anything else is refused. */
  function webPageUrl(template, vars) {
    try {
      var url = new URL(fill(template, vars));
      return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
    } catch {
      return null;
    }
  }

  for (var i = 0; i < instances; i++) setUp(i);

  function setUp(index) {
    var panel = document.getElementById('panel').content.cloneNode(true);
    var root = document.createElement('div');
    root.className = 'panel';
    root.append(panel);
    document.getElementById('desktop').append(root);
    var suffix = index ? '-' + (index + 1) : '';
    var el = function (sel) {
      return root.querySelector(sel);
    };

    // unique ids and labels per instance
    el('.conv-title').id = 'conv-title' + suffix;
    el('.conversation').setAttribute('aria-labelledby', 'conv-title' + suffix);
    el('.reply-box').id = 'reply' + suffix;
    el('.reply-label').htmlFor = 'reply' + suffix;
    el('.script').setAttribute('aria-label', 'Script' + (index ? ' ' + (index + 1) : ''));
    el('.wrap-up-title').id = 'wrap-up-title' + suffix;
    el('.wrap-up').setAttribute('aria-labelledby', 'wrap-up-title' + suffix);
    if (index) el('.wrap-up-title').textContent = 'Wrap-up (customer ' + (index + 1) + ')';
    if (index) el('.conv-title').textContent = 'Customer ' + (index + 1) + ' · Web chat';

    var frame = el('.web-page');
    frames.push(frame);
    var sandbox = strict
      ? 'allow-scripts allow-forms allow-modals allow-popups'
      : 'allow-scripts allow-same-origin allow-forms allow-modals allow-popups';
    frame.setAttribute('sandbox', sandbox);
    if (query.get('clipboard') !== 'blocked') frame.setAttribute('allow', 'clipboard-write');

    el('.template').value =
      query.get('template') ||
      config.workspace +
        (widget
          ? // an Interaction Widget's URL has no Script variables: the token is written into it
            '/?userId={{pcConversationId}}&sessionId={{pcConversationId}}&URLToken=' +
            encodeURIComponent(config.token) +
            '&gcHostOrigin={{gcHostOrigin}}&gcTargetEnv={{gcTargetEnv}}&gcLangTag={{gcLangTag}}'
          : '/?userId={{Customer.userId}}&sessionId={{Conversation.id}}&URLToken={{Endpoint.URLToken}}&pcLangTag={{pcLangTag}}');
    if (widget) {
      el('.script-head h2').textContent = 'Interaction Widget: Agent Copilot';
      el('.script').setAttribute(
        'aria-label',
        'Interaction Widget' + (index ? ' ' + (index + 1) : ''),
      );
      el('.settings summary').textContent = 'Interaction Widget (client app)';
      el('.l-session').firstChild.textContent = 'pcConversationId ';
      el('.l-lang').firstChild.textContent = 'gcLangTag (the agent’s language) ';
      el('.l-user').hidden = true;
      el('.l-token').hidden = true;
      el('.bridge-log').setAttribute('aria-label', 'Client-app SDK requests');
      el('.bridge-title').textContent = 'Client-app SDK requests';
    }
    el('.v-user').value = query.get('userId') || 'customer-jane';
    el('.v-session').value =
      (query.get('sessionId') || 'genesys-' + Date.now().toString(36)) + suffix;
    el('.v-token').value = query.get('URLToken') || config.token;
    el('.v-lang').value = query.get('pcLangTag') || 'en-us';
    el('.v-lang').addEventListener('change', function () {
      load();
    });

    function load() {
      var url = webPageUrl(el('.template').value, {
        'Customer.userId': el('.v-user').value,
        'Conversation.id': el('.v-session').value,
        'Endpoint.URLToken': el('.v-token').value,
        // Genesys fills {{pcLangTag}} with the agent's language (en-us, de, pt-br, ja, ar…)
        pcLangTag: el('.v-lang').value,
        // an Interaction Widget's variables
        pcConversationId: el('.v-session').value,
        gcHostOrigin: location.origin,
        gcTargetEnv: 'prod',
        gcLangTag: el('.v-lang').value,
      });
      var status = el('.status');
      if (!url) {
        status.textContent = 'URL template is not an http(s) address';
        status.className = 'status failed';
        return;
      }
      said = false;
      frame.src = url;
    }
    el('.apply').addEventListener('click', load);
    load();

    var reply = el('.reply-box');
    el('.reply').addEventListener('submit', function (e) {
      e.preventDefault();
      if (!reply.value.trim()) return;
      var li = document.createElement('li');
      li.className = 'out';
      li.textContent = reply.value;
      el('.messages').append(li);
      reply.value = '';
      el('.sent').textContent = 'Sent';
    });

    var log = el('.bridge-log');
    function note(text) {
      var item = document.createElement('li');
      item.textContent = text;
      log.append(item);
      log.scrollTop = log.scrollHeight;
      el('.bridge-count').textContent = String(log.children.length);
    }

    /** Puts `text` at the reply box's cursor, leaving the agent's own text as it is. */
    function atCursor(text) {
      var at = reply.selectionEnd;
      var before = reply.value.slice(0, at);
      var after = reply.value.slice(at);
      var lead = before && !/\s$/.test(before) ? ' ' : '';
      var trail = after && !/^\s/.test(after) ? ' ' : '';
      reply.value = before + lead + text + trail + after;
      var end = (before + lead + text).length;
      reply.focus();
      reply.setSelectionRange(end, end);
    }

    if (widget) {
      // the Genesys desktop's side of the client-app SDK: this widget's frame only, at the
      // workspace's origin, the SDK's protocol; anything else is ignored
      window.addEventListener('message', function (e) {
        if (e.source !== frame.contentWindow || e.origin !== workspaceOrigin) return;
        var d = e.data;
        if (!d || d.protocol !== 'purecloud-client-apps' || typeof d.action !== 'string') return;
        if (d.action !== 'proposeInteractionMessage') {
          note(d.action);
          return;
        }
        if (d.mode !== 'insert' || typeof d.message !== 'string') return;
        proposals.push({ mode: d.mode, message: d.message, agent: d.protocolAgentName });
        note('proposeInteractionMessage (insert): ' + d.message.length + ' characters');
        atCursor(d.message);
      });
      frame.addEventListener('load', function () {
        var status = el('.status');
        status.textContent = 'loaded';
        status.className = 'status live';
      });
      return;
    }

    var said = false; // hello, once per workspace document
    window.addEventListener('message', function (e) {
      // only this panel's own frame (by window, not origin: a strict sandbox makes it "null"),
      // only the acw protocol; a host that does not speak the bridge hears nothing
      if (!bridge || e.source !== frame.contentWindow) return;
      if (!strict && e.origin !== workspaceOrigin) return;
      var d = e.data;
      if (!d || d.protocol !== 'acw' || d.version !== 1 || typeof d.type !== 'string') return;
      note(
        d.type +
          (d.phase ? ': ' + d.phase : '') +
          (typeof d.count === 'number' ? ': ' + d.count : '') +
          (d.type === 'wrap-up' ? ': ' + (typeof d.code === 'string' ? d.code : 'no code') : ''),
      );
      if (d.type === 'insert-text' && typeof d.text === 'string') {
        // append at the end, never replace what the agent already typed
        var sep = reply.value && !/\s$/.test(reply.value) ? ' ' : '';
        reply.value = reply.value + sep + d.text;
        reply.focus();
        reply.setSelectionRange(reply.value.length, reply.value.length);
      } else if (d.type === 'connection-changed') {
        var status = el('.status');
        status.textContent = d.phase;
        status.className = 'status ' + d.phase;
      } else if (d.type === 'wrap-up' && typeof d.summary === 'string') {
        // the agent submitted the wrap-up in the workspace: shown as text, never markup
        var code = typeof d.code === 'string' ? d.code : '';
        var label = typeof d.label === 'string' ? d.label : '';
        el('.wrap-up-code').textContent = code || '(none)';
        el('.wrap-up-label').textContent = label || '(none)';
        el('.wrap-up-summary').textContent = d.summary;
        el('.wrap-up-fields').hidden = false;
        el('.wrap-up-empty').textContent = 'Wrap-up received from the workspace.';
      } else if (d.type === 'unread') {
        var badge = el('.unread');
        badge.hidden = !d.count;
        badge.textContent = d.count + ' unread';
      } else if (d.type === 'ready') {
        if (!said) {
          said = true;
          post(frame, { type: 'hello', accepts: ['insert-text', 'wrap-up'] });
        }
        post(frame, {
          type: 'set-theme',
          theme: document.getElementById('dark').checked ? 'dark' : 'auto',
        });
      }
    });
  }

  document.getElementById('dark').addEventListener('change', function (e) {
    frames.forEach(function (f) {
      post(f, { type: 'set-theme', theme: e.target.checked ? 'dark' : 'auto' });
    });
  });
})();
