// The QA console: drives the reference endpoint through its control API
// (same origin, JSON) and shows the workspace under test beside the controls.
(function () {
  'use strict';
  var $ = function (id) {
    return document.getElementById(id);
  };
  var toast = function (text) {
    $('toast').textContent = text;
  };

  function key() {
    return { URLToken: $('token').value, userId: $('user').value, sessionId: $('sid').value };
  }

  function api(method, path, body) {
    var init = { method: method, headers: {} };
    var url = '/__control/' + path;
    if (method === 'GET') url += '?' + new URLSearchParams(body || {});
    else {
      init.headers['content-type'] = 'application/json';
      init.body = JSON.stringify(body || {});
    }
    return fetch(url, init).then(function (res) {
      return res.json().then(function (data) {
        if (!res.ok) {
          var err = new Error(data.error || res.statusText);
          err.status = res.status;
          throw err;
        }
        return data;
      });
    });
  }

  function fail(e) {
    toast('Error: ' + e.message);
  }

  // --------------------------------------------------------------- session
  function newSessionId() {
    $('sid').value = 'qa-' + new Date().toISOString().replace(/\D/g, '').slice(4, 14);
  }

  function openWorkspace() {
    lastCount = -1;
    lastLedger = '';
    lastWrapUps = '';
    var u = new URL('/', location.href);
    var k = key();
    Object.keys(k).forEach(function (name) {
      u.searchParams.set(name, k[name]);
    });
    if ($('locale').value) u.searchParams.set('locale', $('locale').value);
    $('ws').src = u.href;
    toast('Workspace opened for ' + k.sessionId);
    refreshSent();
    refreshLedger();
    refreshWrapUps();
  }

  $('session').addEventListener('submit', function (e) {
    e.preventDefault();
    openWorkspace();
  });
  // another language: the same session, opened again in it
  $('locale').addEventListener('change', openWorkspace);
  $('new-session').addEventListener('click', function () {
    newSessionId();
    openWorkspace();
  });

  // --------------------------------------------------------------- scenario
  document.querySelectorAll('[data-script]').forEach(function (b) {
    b.addEventListener('click', function () {
      api('POST', 'script', Object.assign(key(), { action: b.dataset.script }))
        .then(function (r) {
          $('script-state').textContent =
            'Step ' + r.step + (r.done ? ' (done)' : r.running ? ' (playing)' : '');
        })
        .catch(fail);
    });
  });

  // --------------------------------------------------------------- handoff brief
  var BRIEF_SENT = {
    inline: 'Brief sent inline',
    url: 'Brief sent by URL',
    'failing-url': 'Brief sent by a failing URL',
  };
  document.querySelectorAll('[data-brief]').forEach(function (b) {
    b.addEventListener('click', function () {
      api('POST', 'brief', Object.assign(key(), { mode: b.dataset.brief }))
        .then(function (r) {
          toast(BRIEF_SENT[b.dataset.brief] + ' (version ' + r.version + ')');
        })
        .catch(fail);
    });
  });

  // --------------------------------------------------------------- messages
  document.querySelectorAll('[data-sample]').forEach(function (b) {
    b.addEventListener('click', function () {
      var t = $('msg-text');
      t.value = (t.value ? t.value.replace(/\s*$/, ' ') : '') + b.dataset.sample;
      t.focus();
    });
  });
  function sendMessage() {
    var text = $('msg-text').value;
    if (!text.trim()) return;
    api('POST', 'message', Object.assign(key(), { text: text, source: $('msg-source').value }))
      .then(function (m) {
        toast('Sent as: ' + m.text);
        $('msg-text').value = '';
      })
      .catch(fail);
  }
  $('message').addEventListener('submit', function (e) {
    e.preventDefault();
    sendMessage();
  });
  $('msg-text').addEventListener('keydown', function (e) {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      sendMessage();
    }
  });

  // --------------------------------------------------------------- tiles
  var PRESETS = {
    html: {
      html: '<h3 style="font:600 14px system-ui;margin:8px">Hello from QA</h3><button onclick="SDK.postback({ clicked: true }).then(function(){document.body.append(\' accepted\')}, function(e){document.body.append(\' rejected: \' + e.message)})">Post back</button>',
      metadata: { from: 'qa' },
    },
    iframe: { url: 'https://example.com/' },
    card: {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [
        { type: 'TextBlock', text: 'QA card', weight: 'Bolder' },
        { type: 'Input.Text', id: 'note', label: 'Note' },
      ],
      actions: [{ type: 'Action.Submit', title: 'Submit', data: { from: 'qa' } }],
    },
    transcript: {
      messages: [
        {
          _id: 'qa-' + Date.now(),
          source: 'user',
          text: 'A message pushed as a transcript tile update',
        },
      ],
    },
    sendTileData: { hello: 'tile' },
    unknown: { anything: true },
    malformed: { id: 42, version: 'one' },
  };
  function preset() {
    var type = $('tile-type').value;
    $('tile-data').value = JSON.stringify(PRESETS[type], null, 2);
    if (type === 'transcript') $('tile-id').value = 'transcript';
  }
  $('tile-type').addEventListener('change', preset);
  $('tile').addEventListener('submit', function (e) {
    e.preventDefault();
    var type = $('tile-type').value;
    var data;
    try {
      data = JSON.parse($('tile-data').value || 'null');
    } catch (err) {
      return toast('Data is not JSON: ' + err.message);
    }
    var call =
      type === 'malformed'
        ? api('POST', 'emit', Object.assign(key(), { event: 'tileUpdate', payload: data }))
        : api(
            'POST',
            'tile',
            Object.assign(key(), {
              update: {
                id: $('tile-id').value,
                version: Number($('tile-version').value),
                type: type === 'unknown' ? 'qa-unknown' : type,
                data: data,
              },
            }),
          );
    call
      .then(function () {
        toast('Pushed ' + type);
      })
      .catch(fail);
  });
  $('place-tile').addEventListener('click', function () {
    api('GET', 'session', key())
      .then(function (s) {
        var layout = s.layout;
        layout.tiles[$('tile-id').value] = {};
        return api('POST', 'layout', Object.assign(key(), { layout: layout }));
      })
      .then(function (l) {
        $('layout-json').value = JSON.stringify(l, null, 2);
        toast('Tile added to the layout');
      })
      .catch(fail);
  });

  // --------------------------------------------------------------- layout
  $('layout').addEventListener('submit', function (e) {
    e.preventDefault();
    var layout;
    try {
      layout = JSON.parse($('layout-json').value);
    } catch (err) {
      return toast('Layout is not JSON: ' + err.message);
    }
    api('POST', 'layout', Object.assign(key(), { layout: layout }))
      .then(function () {
        toast('Layout applied');
      })
      .catch(fail);
  });
  $('layout-reset').addEventListener('click', function () {
    api('POST', 'layout', Object.assign(key(), { layout: null }))
      .then(function (l) {
        $('layout-json').value = JSON.stringify(l, null, 2);
        toast('Default layout');
      })
      .catch(fail);
  });
  $('layout-load').addEventListener('click', function () {
    api('GET', 'session', key())
      .then(function (s) {
        $('layout-json').value = JSON.stringify(s.layout, null, 2);
      })
      .catch(fail);
  });

  // --------------------------------------------------------------- settings
  var SETTINGS = [
    'enableTranscriptTile',
    'enableTranscriptTileChatInput',
    'redactTranscriptTileMessages',
  ];
  function loadSettings() {
    return api('GET', 'endpoints').then(function (list) {
      var current = $('token').value;
      $('token').replaceChildren();
      list.forEach(function (e) {
        var o = document.createElement('option');
        o.value = e.URLToken;
        o.textContent = e.name + ' (' + e.URLToken.slice(0, 8) + '…)';
        $('token').append(o);
      });
      if (current) $('token').value = current;
      var e =
        list.find(function (x) {
          return x.URLToken === $('token').value;
        }) || list[0];
      if (!e) return;
      $('s-copilotType').value = e.settings.copilotType;
      SETTINGS.forEach(function (name) {
        $('s-' + name).checked = !!e.settings[name];
      });
    });
  }
  $('settings').addEventListener('change', function () {
    var settings = { copilotType: $('s-copilotType').value };
    SETTINGS.forEach(function (name) {
      settings[name] = $('s-' + name).checked;
    });
    api('PATCH', 'endpoint', { URLToken: $('token').value, settings: settings })
      .then(function () {
        toast('Settings saved');
      })
      .catch(fail);
  });
  $('token').addEventListener('change', loadSettings);

  // --------------------------------------------------------------- faults
  $('drop').addEventListener('click', function () {
    api('POST', 'drop', key())
      .then(function (r) {
        toast('Dropped ' + r.dropped + ' socket(s)');
      })
      .catch(fail);
  });
  $('restart').addEventListener('click', function () {
    api('POST', 'restart', {})
      .then(function () {
        toast('Endpoint restarting…');
      })
      .catch(fail);
  });

  // --------------------------------------------------------------- what the agent sent
  var lastCount = -1;
  function refreshSent() {
    if (!$('sid').value) return;
    api('GET', 'sent', key())
      .then(function (list) {
        if (list.length === lastCount) return;
        lastCount = list.length;
        $('sent').replaceChildren.apply(
          $('sent'),
          list.map(function (a) {
            var li = document.createElement('li');
            li.textContent = a.at.slice(11, 19) + ' ' + a.kind + ': ' + sentText(a);
            return li;
          }),
        );
      })
      .catch(function () {
        /* the endpoint may be restarting */
      });
  }
  /** A ledger batch is summed up (its facts are in the ledger below), anything else shown whole. */
  function sentText(a) {
    if (a.kind === 'message') return JSON.stringify(a.payload.text);
    var action = a.payload.action;
    if (action && action.type === 'ledger' && Array.isArray(action.events))
      return 'ledger, ' + action.events.length + ' fact(s)';
    return JSON.stringify(action);
  }

  // --------------------------------------------------------------- suggestion ledger
  // One row per suggestion version, folded by the endpoint from the workspace's
  // ledger postbacks (GET /__control/ledger), polled with the sent list.
  var NONE = '—';
  var lastLedger = '';
  function clock(ms) {
    return ms === undefined ? NONE : new Date(ms).toISOString().slice(11, 19);
  }
  function seconds(ms) {
    return ms === undefined ? NONE : (ms / 1000).toFixed(1);
  }
  function sentCell(r) {
    if (r.sent === 'as-is') return 'as is';
    if (r.sent === 'not-sent') return 'not sent';
    if (r.sent === 'edited')
      return r.similarity === undefined
        ? 'edited'
        : 'edited, ' + Math.round(r.similarity * 100) + ' %';
    return NONE;
  }
  function ledgerCells(r) {
    return [
      r.tileId,
      String(r.version),
      clock(r.seenAt),
      seconds(r.visibleMs),
      clock(r.copiedAt),
      r.insertedAt === undefined ? NONE : clock(r.insertedAt) + ' (' + r.insertedWhere + ')',
      sentCell(r),
      clock(r.dismissedAt),
      r.judged || NONE,
      seconds(r.seenToUseMs),
    ];
  }
  function totalsText(t) {
    var median = t.medianTimeToUseMs;
    return [
      'Shown ' + t.shown,
      'used ' + t.used,
      'sent as is ' + t.sentAsIs,
      'edited ' + t.edited,
      'not sent ' + t.notSent,
      'dismissed ' + t.dismissed,
      'up ' + t.up + ' / down ' + t.down,
      'median seen→use ' + (median === undefined ? NONE : seconds(median) + ' s'),
    ].join(' · ');
  }
  /** Shows a session's ledger; null: the endpoint does not know the session (yet). */
  function showLedger(ledger) {
    var rows = ledger ? ledger.rows : [];
    var body = $('ledger-rows');
    // nothing to export from a session the endpoint does not know
    $('ledger-export').hidden = !ledger;
    if (!rows.length) {
      var td = document.createElement('td');
      td.colSpan = 10;
      td.textContent = 'No suggestion events yet';
      var tr = document.createElement('tr');
      tr.append(td);
      body.replaceChildren(tr);
      $('ledger-totals').textContent = 'No suggestion events yet';
      return;
    }
    body.replaceChildren.apply(
      body,
      rows.map(function (r) {
        var tr = document.createElement('tr');
        ledgerCells(r).forEach(function (text, i) {
          // the tile id and version name the row
          var cell = document.createElement(i === 0 ? 'th' : 'td');
          if (i === 0) cell.scope = 'row';
          cell.textContent = text;
          tr.append(cell);
        });
        return tr;
      }),
    );
    $('ledger-totals').textContent = totalsText(ledger.totals);
  }
  function refreshLedger() {
    if (!$('sid').value) return;
    var query = new URLSearchParams(key());
    $('ledger-csv').href = '/__control/ledger?' + query + '&format=csv';
    $('ledger-json').href = '/__control/ledger?' + query + '&format=json';
    api('GET', 'ledger', key())
      .then(function (ledger) {
        var text = JSON.stringify(ledger);
        if (text === lastLedger) return;
        lastLedger = text;
        showLedger(ledger);
      })
      .catch(function (e) {
        // a session nobody joined yet has no ledger; else the endpoint may be restarting
        if (e.status !== 404 || lastLedger === 'none') return;
        lastLedger = 'none';
        showLedger(null);
      });
  }

  // --------------------------------------------------------------- wrap-ups
  // The wrap-ups the agent submitted (GET /__control/wrap-ups), the first of each submission.
  var lastWrapUps = '';
  function showWrapUps(list) {
    var body = $('wrap-up-rows');
    if (!list.length) {
      var td = document.createElement('td');
      td.colSpan = 6;
      td.textContent = 'No wrap-up yet';
      var tr = document.createElement('tr');
      tr.append(td);
      body.replaceChildren(tr);
      return;
    }
    body.replaceChildren.apply(
      body,
      list.map(function (w) {
        var tr = document.createElement('tr');
        [
          w.at.slice(11, 19),
          w.code ? w.code + (w.label ? ' (' + w.label + ')' : '') : NONE,
          w.summary,
          w.edited ? 'yes' : 'no',
          w.draftVersion === undefined ? NONE : String(w.draftVersion),
          w.submissionId,
        ].forEach(function (text, i) {
          // the time names the row
          var cell = document.createElement(i === 0 ? 'th' : 'td');
          if (i === 0) cell.scope = 'row';
          cell.textContent = text;
          tr.append(cell);
        });
        return tr;
      }),
    );
  }
  function refreshWrapUps() {
    if (!$('sid').value) return;
    api('GET', 'wrap-ups', key())
      .then(function (r) {
        var text = JSON.stringify(r.wrapUps);
        if (text === lastWrapUps) return;
        lastWrapUps = text;
        showWrapUps(r.wrapUps);
      })
      .catch(function (e) {
        // a session nobody joined yet has none; else the endpoint may be restarting
        if (e.status !== 404 || lastWrapUps === '[]') return;
        lastWrapUps = '[]';
        showWrapUps([]);
      });
  }

  setInterval(function () {
    refreshSent();
    refreshLedger();
    refreshWrapUps();
  }, 1000);

  newSessionId();
  preset();
  loadSettings().then(openWorkspace).catch(fail);
})();
