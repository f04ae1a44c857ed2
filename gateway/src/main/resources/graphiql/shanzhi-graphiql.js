/*
 * Shanzhi's GraphiQL page: signs the user in, keeps the token fresh, and gives GraphiQL a fetcher
 * that sends the token over HTTP and in the graphql-ws connection_init. Plain browser JavaScript
 * on the globals of the vendored bundles (React, ReactDOM, GraphiQL, graphqlWs): no build step.
 */
(function () {
  'use strict';

  var settings = JSON.parse(document.getElementById('shanzhi-graphiql-settings').textContent);
  var STORE = 'shanzhi.graphiql.session';
  var PENDING = 'shanzhi.graphiql.pending-sign-in';
  // Renew this long before the token expires (or at 3/4 of its life when that is shorter).
  var RENEW_AHEAD_MS = 60 * 1000;

  var session = null;          // { accessToken, refreshToken, expiresAt (ms), claims, renew }
  var renewTimer = null;
  var wsClient = null;
  var header = document.getElementById('shanzhi-session');
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));

  // ---- the token -------------------------------------------------------------------------

  function claimsOf(token) {
    try {
      var part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
      var text = atob(part + '==='.slice((part.length + 3) % 4));
      return JSON.parse(decodeURIComponent(Array.prototype.map.call(text, function (c) {
        return '%' + ('00' + c.charCodeAt(0).toString(16)).slice(-2);
      }).join('')));
    } catch (e) {
      return {};
    }
  }

  function setSession(next) {
    session = next;
    if (next) {
      sessionStorage.setItem(STORE, JSON.stringify(next));
    } else {
      sessionStorage.removeItem(STORE);
    }
    scheduleRenewal();
    resetWebSocket();
    showSession();
    renderGraphiQL();
  }

  function newSession(accessToken, refreshToken, renew) {
    var claims = claimsOf(accessToken);
    var expiresAt = claims.exp ? claims.exp * 1000 : Date.now() + 5 * 60 * 1000;
    return { accessToken: accessToken, refreshToken: refreshToken || null, expiresAt: expiresAt, claims: claims,
      renew: renew };
  }

  function scheduleRenewal() {
    clearTimeout(renewTimer);
    if (!session) {
      return;
    }
    var left = session.expiresAt - Date.now();
    var wait = Math.max(0, Math.min(left - RENEW_AHEAD_MS, left * 3 / 4));
    renewTimer = setTimeout(function () {
      renew().catch(function (e) {
        showMessage('Could not renew the token: ' + e.message + '. Sign in again.');
      });
    }, wait);
  }

  function renew() {
    if (!session) {
      return Promise.resolve();
    }
    if (session.renew && session.renew.demo) {
      return demoToken(session.renew.demo).then(function (token) {
        setSession(newSession(token, null, session.renew));
      });
    }
    if (session.refreshToken) {
      return oidcToken({ grant_type: 'refresh_token', refresh_token: session.refreshToken, client_id: settings.oidc.clientId })
        .then(function (answer) {
          setSession(newSession(answer.access_token, answer.refresh_token || session.refreshToken, session.renew));
        });
    }
    // No refresh token (some providers give none to public clients): go through the provider
    // again; its own session signs the user straight back in, and GraphiQL keeps the editors.
    return oidcSignIn();
  }

  // ---- demo sign-in ----------------------------------------------------------------------

  function demoToken(choice) {
    var query = new URLSearchParams({ role: choice.role, region: choice.region, client: 'graphiql' });
    if (choice.worker) {
      query.set('worker', choice.worker);
    }
    return fetch(settings.demoTokenPath + '?' + query, { credentials: 'same-origin' }).then(function (response) {
      return response.text().then(function (text) {
        if (!response.ok) {
          throw new Error(text.trim() || 'the demo token endpoint answered ' + response.status);
        }
        return text.trim();
      });
    });
  }

  function demoPanel() {
    var form = element('form', { id: 'shanzhi-demo-sign-in', className: 'shanzhi-sign-in' });
    var role = element('select', { id: 'shanzhi-role', name: 'role', title: 'Role' });
    settings.roles.forEach(function (name) {
      role.appendChild(element('option', { value: name, textContent: name }));
    });
    role.value = 'DISTRICT_ADMIN';
    var region = element('input', { id: 'shanzhi-region', name: 'region', value: '440513', size: 17,
      title: 'Region code (district 6 digits, town 9, village 12, party grid 14)' });
    var worker = element('input', { id: 'shanzhi-worker', name: 'worker', placeholder: 'worker id (GRID_WORKER)',
      size: 22 });
    var button = element('button', { id: 'shanzhi-sign-in', type: 'submit', textContent: 'Sign in' });
    form.append(label('Demo sign-in: role', role), label('region', region), label('worker', worker), button);
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var choice = { role: role.value, region: region.value.trim(), worker: worker.value.trim() };
      showMessage('Signing in...');
      demoToken(choice).then(function (token) {
        setSession(newSession(token, null, { demo: choice }));
      }, function (e) {
        showMessage('Sign-in refused: ' + e.message);
      });
    });
    return form;
  }

  // ---- OpenID Connect: authorization code with PKCE -----------------------------------------

  var discovery = null;

  function provider() {
    if (!discovery) {
      var issuer = settings.oidc.issuer.replace(/\/$/, '');
      discovery = fetch(issuer + '/.well-known/openid-configuration').then(function (response) {
        if (!response.ok) {
          throw new Error('the provider\'s discovery document answered ' + response.status);
        }
        return response.json();
      });
      discovery.catch(function () { discovery = null; });
    }
    return discovery;
  }

  function randomText(bytes) {
    var values = crypto.getRandomValues(new Uint8Array(bytes));
    return base64Url(values);
  }

  function base64Url(bytes) {
    return btoa(String.fromCharCode.apply(null, new Uint8Array(bytes)))
      .replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  function redirectUri() {
    return location.origin + location.pathname;
  }

  function oidcSignIn() {
    var verifier = randomText(32);
    var state = randomText(16);
    return Promise.all([provider(), crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))])
      .then(function (results) {
        sessionStorage.setItem(PENDING, JSON.stringify({ verifier: verifier, state: state }));
        var query = new URLSearchParams({
          response_type: 'code', client_id: settings.oidc.clientId, redirect_uri: redirectUri(),
          scope: settings.oidc.scope, state: state, code_challenge: base64Url(results[1]),
          code_challenge_method: 'S256'
        });
        location.assign(results[0].authorization_endpoint + '?' + query);
      });
  }

  function oidcToken(form) {
    return provider().then(function (document) {
      return fetch(document.token_endpoint, {
        method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form)
      });
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (answer) {
        if (!response.ok || !answer.access_token) {
          throw new Error(answer.error_description || answer.error || 'the token endpoint answered ' + response.status);
        }
        return answer;
      });
    });
  }

  /** Back from the provider with ?code=...&state=...: exchange the code, then clean the URL. */
  function completeOidcSignIn() {
    var query = new URLSearchParams(location.search);
    if (!query.has('code') && !query.has('error')) {
      return Promise.resolve(false);
    }
    var pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null');
    sessionStorage.removeItem(PENDING);
    history.replaceState(null, '', location.pathname);
    if (query.has('error')) {
      return Promise.reject(new Error(query.get('error_description') || query.get('error')));
    }
    if (!pending || pending.state !== query.get('state')) {
      return Promise.reject(new Error('the answer from the provider does not match a sign-in started here'));
    }
    return oidcToken({
      grant_type: 'authorization_code', code: query.get('code'), redirect_uri: redirectUri(),
      client_id: settings.oidc.clientId, code_verifier: pending.verifier
    }).then(function (answer) {
      setSession(newSession(answer.access_token, answer.refresh_token, { oidc: true }));
      return true;
    });
  }

  function oidcPanel() {
    var button = element('button', { id: 'shanzhi-sign-in', type: 'button',
      textContent: 'Sign in with ' + new URL(settings.oidc.issuer).host });
    button.addEventListener('click', function () {
      showMessage('Redirecting to the sign-in provider...');
      oidcSignIn().catch(function (e) { showMessage('Sign-in failed: ' + e.message); });
    });
    return element('div', { className: 'shanzhi-sign-in' }, [button]);
  }

  // ---- the header: who is signed in ------------------------------------------------------

  function showSession() {
    header.replaceChildren();
    header.dataset.state = session ? 'signed-in' : 'signed-out';
    if (session) {
      var c = session.claims;
      var who = element('span', { id: 'shanzhi-who', textContent: 'Signed in: ' + (c.sub || '?') + ' - '
          + [].concat(c.roles || []).join(', ') + ' in ' + (c.region || '?')
          + (c.worker_id ? ', worker ' + c.worker_id : '')
          + '; token valid until ' + new Date(session.expiresAt).toLocaleTimeString() });
      who.dataset.tokenId = c.jti || c.iat || '';
      if (!purpose) {
        purpose = initialPurpose();
      }
      var declared = element('input', { id: 'shanzhi-purpose', name: 'purpose', value: purpose, size: 28,
        placeholder: 'purpose, e.g. STATISTICS or CASE_HANDLING; case=...', title: 'Purpose of access (Shanzhi-Purpose)' });
      declared.addEventListener('input', function () { purpose = declared.value.trim(); });
      var out = element('button', { id: 'shanzhi-sign-out', type: 'button', textContent: 'Sign out' });
      out.addEventListener('click', function () { purpose = ''; setSession(null); });
      header.append(who, declared, out);
    } else if (settings.signIn === 'demo') {
      header.append(demoPanel());
    } else if (settings.signIn === 'oidc') {
      header.append(oidcPanel());
    } else {
      header.append(element('span', { textContent: 'No sign-in is configured for this page (shanzhi.graphiql.oidc.*): '
          + 'queries carry the Authorization header from the Headers tab only.' }));
    }
    header.append(element('span', { id: 'shanzhi-message', role: 'status' }));
  }

  function showMessage(text) {
    var message = document.getElementById('shanzhi-message');
    if (message) {
      message.textContent = text;
    }
  }

  function howToSignIn() {
    if (settings.signIn === 'demo') {
      return 'Sign in with the panel at the top of the page: pick a role and a region (and a worker id for '
        + 'GRID_WORKER), then press "Sign in".';
    }
    if (settings.signIn === 'oidc') {
      return 'Sign in with the "Sign in" button at the top of the page (your organisation\'s account).';
    }
    return 'Put {"Authorization": "Bearer <token>"} in the Headers tab.';
  }

  // ---- the fetcher -----------------------------------------------------------------------

  // The purpose of access the signed-in user declares (README, "Purpose of access"): typed in the
  // header's purpose field and sent as Shanzhi-Purpose; a Shanzhi-Purpose in the Headers tab wins.
  // A demo sign-in starts with one fitting its role, so the example queries that list residents run.
  var DEMO_PURPOSES = { GRID_WORKER: 'RESIDENT_SERVICE', TOWN_OFFICER: 'STATISTICS', DISTRICT_ADMIN: 'STATISTICS',
    POLICE: 'PUBLIC_SAFETY', JUDICIAL: 'CASE_HANDLING; case=DEMO-1', PARTNER: 'CASE_HANDLING; case=DEMO-1' };
  var purpose = '';

  function initialPurpose() {
    if (!session || !session.renew || !session.renew.demo) {
      return '';
    }
    return DEMO_PURPOSES[[].concat(session.claims.roles || [])[0]] || '';
  }

  function purposeHeader() {
    return session && purpose ? { 'Shanzhi-Purpose': purpose } : {};
  }

  function authorization() {
    return session ? { Authorization: 'Bearer ' + session.accessToken } : {};
  }

  /** 401 and 403 as GraphQL errors GraphiQL shows, with the gateway's own errors when it sent any. */
  function refusal(status, body) {
    var errors = body && Array.isArray(body.errors) ? body.errors : [];
    var message = status === 401
      ? 'HTTP 401 Unauthorized: ' + (session ? 'the gateway did not accept your token (expired or from another issuer?). '
        : 'you are not signed in. ') + howToSignIn()
      : 'HTTP 403 Forbidden: the gateway refused this request for the signed-in user'
        + (session ? ' (' + [].concat(session.claims.roles || []).join(', ') + ')' : '') + '. ' + howToSignIn();
    return { errors: [{ message: message, extensions: { code: status === 401 ? 'UNAUTHENTICATED' : 'FORBIDDEN', status: status } }]
      .concat(errors) };
  }

  function httpFetch(params, options) {
    var headers = Object.assign({ 'Content-Type': 'application/json',
      Accept: 'application/graphql-response+json, application/json' }, purposeHeader(),
    (options && options.headers) || {}, authorization());
    return fetch(settings.graphqlPath, { method: 'POST', headers: headers, body: JSON.stringify(params) })
      .then(function (response) {
        return response.text().then(function (text) {
          var body = null;
          try {
            body = text ? JSON.parse(text) : null;
          } catch (e) {
            body = null;
          }
          if (response.status === 401 || response.status === 403) {
            return refusal(response.status, body);
          }
          if (body === null) {
            return { errors: [{ message: 'HTTP ' + response.status + ' from the gateway: ' + (text.slice(0, 500) || 'empty body') }] };
          }
          return body;
        });
      });
  }

  function resetWebSocket() {
    if (wsClient) {
      wsClient.dispose();
      wsClient = null;
    }
  }

  function webSocket() {
    if (!wsClient) {
      var url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + settings.webSocketPath;
      wsClient = graphqlWs.createClient({ url: url, lazy: true, connectionParams: authorization, retryAttempts: 0 });
    }
    return wsClient;
  }

  function isSubscription(params, options) {
    var ast = options && options.documentAST;
    if (ast && ast.definitions) {
      var operations = ast.definitions.filter(function (d) { return d.kind === 'OperationDefinition'; });
      var chosen = operations.find(function (d) { return d.name && d.name.value === params.operationName; }) || operations[0];
      return Boolean(chosen && chosen.operation === 'subscription');
    }
    return /^\s*subscription\b/.test(params.query || '');
  }

  /** graphql-ws events as an async iterable GraphiQL shows one by one. */
  function subscribe(params) {
    if (!settings.webSocketPath) {
      return Promise.resolve({ errors: [{ message: 'This gateway serves no graphql-ws endpoint.' }] });
    }
    if (!session) {
      return Promise.resolve(refusal(401, null));
    }
    var iterator = webSocket().iterate(params);
    return {
      [Symbol.asyncIterator]: function () {
        return {
          next: function () {
            return iterator.next().catch(function (e) {
              return { done: false, value: socketError(e) };
            }).then(function (step) {
              return step;
            });
          },
          return: function () { return iterator.return ? iterator.return() : Promise.resolve({ done: true }); }
        };
      }
    };
  }

  function socketError(e) {
    if (e && e.code === 4401) {
      return refusal(401, null);
    }
    if (Array.isArray(e)) {
      return { errors: e };
    }
    if (e && typeof e.code === 'number') {
      return { errors: [{ message: 'The subscription socket closed (' + e.code + (e.reason ? ': ' + e.reason : '') + ')' }] };
    }
    return { errors: [{ message: String((e && e.message) || e) }] };
  }

  function fetcherFor() {
    // A new function per session: GraphiQL fetches the schema again with the new token.
    return function (params, options) {
      return isSubscription(params, options) ? subscribe(params) : httpFetch(params, options);
    };
  }

  function renderGraphiQL() {
    root.render(React.createElement(GraphiQL, { fetcher: fetcherFor(), defaultEditorToolsVisibility: false }));
  }

  // ---- small DOM helpers -----------------------------------------------------------------

  function element(tag, properties, children) {
    var node = document.createElement(tag);
    Object.keys(properties || {}).forEach(function (key) { node[key] = properties[key]; });
    (children || []).forEach(function (child) { node.appendChild(child); });
    return node;
  }

  function label(text, input) {
    var node = element('label', { textContent: text + ' ' });
    node.appendChild(input);
    return node;
  }

  // ---- start -----------------------------------------------------------------------------

  function restore() {
    var stored = JSON.parse(sessionStorage.getItem(STORE) || 'null');
    return stored && stored.expiresAt > Date.now() + 5000 ? stored : null;
  }

  session = restore();
  showSession();
  renderGraphiQL();
  scheduleRenewal();
  if (settings.signIn === 'oidc') {
    completeOidcSignIn().catch(function (e) { showMessage('Sign-in failed: ' + e.message); });
  }
}());
