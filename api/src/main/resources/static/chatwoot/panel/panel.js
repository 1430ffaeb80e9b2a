// The journey panel: asks Chatwoot (its parent frame) for the conversation, then reads and acts on
// the conversation's journey through the engine's panel endpoints. It talks to no other origin:
// context is accepted only from Chatwoot's origin, and the page's CSP limits fetches to the engine.
(function () {
  'use strict';

  const ACTIONS = {
    'stop-follow-ups': 'Stop follow-up calls',
    'call-now': 'Call the customer now',
    'escalate': 'Take over (hand to a human)',
    'hand-back': 'Hand back to automation',
    'retry': 'Retry the refused write'
  };
  const account = Number(document.body.dataset.account);
  const chatwootOrigin = document.body.dataset.chatwootOrigin;
  const key = new URLSearchParams(window.location.search).get('key');
  const $ = (id) => document.getElementById(id);
  let context = null;
  let busy = false;

  function notice(text, refused) {
    $('journey').hidden = true;
    $('notice').hidden = false;
    $('notice').textContent = text;
    $('notice').classList.toggle('refused', Boolean(refused));
  }

  function onContext(data) {
    const conversation = data && data.conversation;
    if (!conversation || !conversation.id) {
      notice('Open a conversation to see its journey.');
      return;
    }
    if (Number(conversation.account_id) !== account) {
      context = null;
      notice('Refused: this panel belongs to Chatwoot account ' + account + ', and this conversation to account '
        + conversation.account_id + '. Nothing is shown or changed.', true);
      return;
    }
    const journey = conversation.custom_attributes && conversation.custom_attributes.handoff_journey_id;
    if (!journey) {
      context = null;
      notice('Not a voice journey: the engine does not follow this conversation.');
      return;
    }
    context = { conversation: conversation.id, journey: journey, agent: data.currentAgent || null };
    load();
  }

  async function call(method, path, body) {
    const response = await fetch(path, {
      method: method,
      cache: 'no-store',
      credentials: 'omit',
      headers: Object.assign({ 'Authorization': 'Bearer ' + key }, body ? { 'Content-Type': 'application/json' } : {}),
      body: body ? JSON.stringify(body) : undefined
    });
    const answer = await response.json().catch(() => ({}));
    if (!response.ok) {
      const error = new Error(answer.detail || ('the engine answered ' + response.status));
      error.status = response.status;
      throw error;
    }
    return answer;
  }

  async function load() {
    if (!context) {
      return;
    }
    const query = new URLSearchParams({ account: String(account), conversation: String(context.conversation), journey: context.journey });
    try {
      render(await call('GET', '/chatwoot/panel/journey?' + query));
    } catch (error) {
      if (error.status === 404) {
        notice('Not a voice journey: ' + error.message);
      } else {
        notice((error.status === 401 || error.status === 403 ? 'Refused: ' : 'The journey could not be read: ') + error.message, true);
      }
    }
  }

  function row(list, label, value) {
    if (value === null || value === undefined || value === '') {
      return;
    }
    const dt = document.createElement('dt');
    dt.textContent = label;
    const dd = document.createElement('dd');
    dd.textContent = String(value);
    list.append(dt, dd);
  }

  function render(view) {
    $('notice').hidden = true;
    $('journey').hidden = false;
    $('journey').dataset.stage = view.stage;
    $('stage').textContent = (view.customerName ? view.customerName + ' · ' : '') + view.stage.replaceAll('_', ' ').toLowerCase();
    $('status-line').textContent = view.statusLine;

    $('problem').hidden = !view.problem;
    $('problem-text').textContent = view.problem || '';

    const followUp = $('follow-up');
    followUp.replaceChildren();
    const f = view.followUp;
    row(followUp, 'Attempts', f.attemptsMade + ' of ' + f.maxAttempts);
    row(followUp, 'Next call', f.nextCallAt || (f.callInProgress ? 'a call is in progress' : 'none planned'));
    row(followUp, 'Stopped', f.stoppedBecause);
    row(followUp, 'Declined', f.customerDeclined ? 'the customer asked not to be called again' : null);

    const e = view.escalation;
    $('escalation').textContent = e.escalated
      ? 'Handed to a human' + (e.at ? ' at ' + e.at : '') + ': ' + (e.reason || 'no reason given')
      : 'Not escalated: the engine is handling this customer.';

    const calls = $('calls');
    calls.replaceChildren();
    view.calls.slice().reverse().forEach((c) => {
      const item = document.createElement('li');
      const meta = document.createElement('div');
      meta.className = 'meta';
      meta.textContent = [c.direction, c.endedAt, c.endedReason, c.duration].filter(Boolean).join(' · ');
      item.append(meta);
      if (c.summary) {
        const summary = document.createElement('p');
        summary.className = 'summary';
        summary.textContent = c.summary;
        item.append(summary);
      }
      if (c.recordingUrl && /^https?:\/\//.test(c.recordingUrl)) {
        const link = document.createElement('a');
        link.href = c.recordingUrl;
        link.target = '_blank';
        link.rel = 'noopener noreferrer';
        link.textContent = 'Recording';
        item.append(link);
      }
      calls.append(item);
    });
    if (view.calls.length === 0) {
      const none = document.createElement('li');
      none.textContent = 'No call recorded yet.';
      calls.append(none);
    }

    const temporal = $('temporal-link');
    temporal.hidden = !view.temporalUrl;
    if (view.temporalUrl) {
      temporal.href = view.temporalUrl;
    }

    const actions = $('actions');
    actions.replaceChildren();
    view.actions.forEach((name) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.dataset.action = name;
      button.textContent = ACTIONS[name] || name;
      button.className = name === 'hand-back' || name === 'retry' ? 'secondary' : '';
      button.disabled = busy;
      button.addEventListener('click', () => act(name));
      actions.append(button);
      if (name === 'call-now') {
        const label = document.createElement('label');
        const box = document.createElement('input');
        box.type = 'checkbox';
        box.id = 'outside-calling-hours';
        label.append(box, ' even outside calling hours');
        actions.append(label);
      }
    });
  }

  async function act(name) {
    if (!context || busy) {
      return;
    }
    busy = true;
    document.querySelectorAll('#actions button').forEach((b) => { b.disabled = true; });
    const result = $('action-result');
    result.classList.remove('error');
    result.textContent = 'Sending…';
    const outside = $('outside-calling-hours');
    try {
      const answer = await call('POST', '/chatwoot/panel/actions/' + name, {
        account: account,
        conversation: context.conversation,
        journey: context.journey,
        agent: context.agent,
        requestId: (window.crypto && crypto.randomUUID) ? crypto.randomUUID() : String(Date.now()),
        outsideCallingHours: Boolean(outside && outside.checked)
      });
      result.textContent = answer.status || 'done';
    } catch (error) {
      result.classList.add('error');
      result.textContent = 'Not done: ' + error.message;
    } finally {
      busy = false;
    }
    // Signals take effect a moment after the engine accepts them: look again shortly.
    await load();
    setTimeout(load, 1000);
    setTimeout(load, 3000);
  }

  window.addEventListener('message', (event) => {
    if (event.origin !== chatwootOrigin || typeof event.data !== 'string') {
      return;
    }
    let message;
    try {
      message = JSON.parse(event.data);
    } catch (notJson) {
      return;
    }
    if (message && message.event === 'appContext') {
      onContext(message.data);
    }
  });

  if (window.parent === window) {
    notice('Open this panel from a conversation in Chatwoot: it shows the journey of the conversation beside it.');
  } else {
    window.parent.postMessage('chatwoot-dashboard-app:fetch-info', chatwootOrigin);
  }
})();
