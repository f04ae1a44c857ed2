// Runs graphql-http's server audits against a running gateway and prints one JSON line per audit
// ({id, name, status, reason?}). Usage: node audit.mjs <url> <authorization header value>
// The token goes on every request: the gateway answers nothing without one.
import { auditServer } from 'graphql-http';

const [url, authorization] = process.argv.slice(2);
if (!url || !authorization) {
  console.error('usage: node audit.mjs <url> <authorization>');
  process.exit(2);
}

// auditServer starts all its audits at once (Promise.all); a few at a time keeps the audit a test
// of the protocol, not of load: more than the gateway's shanzhi.admission.max-in-flight in flight
// at once would be answered 503 OVERLOADED, as it should be.
const AT_ONCE = 8;
let running = 0;
const queue = [];
async function slot() {
  if (running < AT_ONCE) {
    running++;
    return;
  }
  await new Promise((resolve) => queue.push(resolve));
}
function release() {
  const next = queue.shift();
  if (next) next(); // the slot passes straight to the next audit
  else running--;
}

const fetchFn = async (input, init = {}) => {
  await slot();
  try {
    const response = await fetch(input, { ...init, headers: { ...(init.headers ?? {}), authorization } });
    // Read the body inside the slot, so the request is over when the slot is given back; the
    // audit reads it again from the copy.
    const body = await response.arrayBuffer();
    const empty = [101, 204, 205, 304].includes(response.status); // statuses a Response may not have a body with
    return new Response(empty ? null : body, { status: response.status, statusText: response.statusText, headers: response.headers });
  } finally {
    release();
  }
};

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
