// Open-loop load at a fixed request rate (requests are sent on schedule, whether or not earlier
// ones have answered) with latency measured from each request's scheduled send time, so a stall
// is not hidden (no coordinated omission). Every response is checked: a 503 whose body says
// OVERLOADED is a refusal by admission control (counted apart, with its own latencies); any other
// status than 200, or a body containing "errors", is an error. Prints one line "BENCH {json}"
// (p50/p95/p99 over every request; admitted_* over the 200s, refused_* over the refusals).
// usage: node openloop.js <url> <body.json> <token|-> <GET|POST> <rate> <seconds>
// Why not autocannon -R: its rate limit is per connection per wall-clock second (requests leave in
// bursts at each second tick, lib/httpClient.js) and its coordinated-omission correction uses a
// 1 ms interval (lib/run.js), so it is not a fixed-rate open loop. wrk2 and vegeta are not packaged
// in Debian 12. Node's own http client is enough at these rates (<= a few hundred per second).
const http = require('http');
const fs = require('fs');
const [url, bodyFile, token, method, rateArg, secondsArg] = process.argv.slice(2);
const rate = Number(rateArg), seconds = Number(secondsArg);
const template = fs.readFileSync(bodyFile, 'utf8');
const keyed = template.includes('__KEY__');
const run = Date.now().toString(36) + Math.random().toString(36).slice(2, 8);
const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
const u = new URL(url);
const total = Math.round(rate * seconds);
const lat = [], service = [], admitted = [], refusedLat = [];
let sent = 0, done = 0, errors = 0, refused = 0, sample = '', maxInFlight = 0, inFlight = 0;
const t0 = performance.now() + 50;

function fire(i) {
  const scheduled = t0 + (i * 1000) / rate;
  const body = method === 'GET' ? null : (keyed ? template.replace('__KEY__', `bench-ol-${run}-${i}`) : template);
  const headers = { 'content-type': 'application/json' };
  if (token !== '-') headers.authorization = 'Bearer ' + token;
  if (body) headers['content-length'] = Buffer.byteLength(body);
  const start = performance.now();
  inFlight++; maxInFlight = Math.max(maxInFlight, inFlight);
  const req = http.request({ host: u.hostname, port: u.port, path: u.pathname + u.search, method, headers, agent, timeout: 10000 }, res => {
    const chunks = [];
    res.on('data', c => chunks.push(c));
    res.on('end', () => {
      const end = performance.now();
      const text = Buffer.concat(chunks).toString('utf8');
      if (res.statusCode === 503 && text.includes('OVERLOADED')) {
        refused++; refusedLat.push(end - scheduled);
      } else if (res.statusCode !== 200 || text.includes('"errors"')) {
        errors++;
        if (!sample) sample = (res.statusCode + ' ' + text.slice(0, 160)).replace(/["\\\n\r\t]/g, ' ');
      } else {
        admitted.push(end - scheduled);
      }
      lat.push(end - scheduled); service.push(end - start);
      finish();
    });
  });
  req.on('timeout', () => req.destroy(new Error('timeout')));
  req.on('error', e => { errors++; if (!sample) sample = 'socket ' + e.message; lat.push(performance.now() - scheduled); finish(); });
  if (body) req.write(body);
  req.end();
}

function finish() {
  inFlight--; done++;
  if (done === total) report();
}

function pct(a, p) {
  if (!a.length) return 0;
  const s = Float64Array.from(a).sort();
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

function report() {
  const elapsed = (lastSend - t0) / 1000;
  const out = {
    target_rps: rate, requests: total, achieved_send_rps: +(total / Math.max(elapsed, 1e-9)).toFixed(1),
    p50_ms: +pct(lat, 50).toFixed(2), p95_ms: +pct(lat, 95).toFixed(2), p99_ms: +pct(lat, 99).toFixed(2),
    max_ms: +pct(lat, 100).toFixed(2), service_p99_ms: +pct(service, 99).toFixed(2),
    admitted: admitted.length, admitted_p50_ms: +pct(admitted, 50).toFixed(2), admitted_p99_ms: +pct(admitted, 99).toFixed(2),
    refused, refused_p50_ms: +pct(refusedLat, 50).toFixed(2), refused_p99_ms: +pct(refusedLat, 99).toFixed(2),
    errors, max_in_flight: maxInFlight, sample,
  };
  console.log('BENCH ' + JSON.stringify(out));
  agent.destroy();
  process.exit(0);
}

let lastSend = t0;
function tick() {
  const now = performance.now();
  while (sent < total && t0 + (sent * 1000) / rate <= now) { fire(sent++); lastSend = now; }
  if (sent < total) setImmediate(tick);
}
setTimeout(tick, 50);
setTimeout(() => { console.error('open loop: gave up waiting for answers'); errors += total - done; done = total; report(); }, (seconds + 12) * 1000);
