// Runs graphql-http's server audits against a running gateway and prints one JSON line per audit
// ({id, name, status, reason?}). Usage: node audit.mjs <url> <authorization header value>
// The token goes on every request: the gateway answers nothing without one.
import { auditServer } from 'graphql-http';

const [url, authorization] = process.argv.slice(2);
if (!url || !authorization) {
  console.error('usage: node audit.mjs <url> <authorization>');
  process.exit(2);
}

const fetchFn = (input, init = {}) =>
  fetch(input, { ...init, headers: { ...(init.headers ?? {}), authorization } });

const results = await auditServer({ url, fetchFn });
for (const result of results) {
  const line = { id: result.id, name: result.name, status: result.status };
  if (result.status !== 'ok') {
    let body = '';
    try {
      body = await result.response.text();
    } catch {
      // the audit may have read the body already
    }
    line.reason = result.reason;
    line.httpStatus = result.response.status;
    line.body = body.slice(0, 300);
  }
  console.log(JSON.stringify(line));
}
