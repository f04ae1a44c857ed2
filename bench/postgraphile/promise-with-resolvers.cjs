// Preloaded into PostGraphile 5 with `node --require` (bench/run.sh). PostGraphile 5 (grafast,
// grafserv) calls Promise.withResolvers, which arrived in Node 22; this machine's Node is 20 (Debian's,
// which also runs PostGraphile 4.14.1 and the load generators). A scan of the installed 5.x dist
// found no other Node 22 API in use (one Set#union, commented out), so a polyfill of the one
// function keeps both PostGraphile versions on the same V8 and the comparison about the library.
// Spec behaviour: https://tc39.es/proposal-promise-with-resolvers/ (uses `this`, so subclasses work).
'use strict';
if (typeof Promise.withResolvers !== 'function') {
  Object.defineProperty(Promise, 'withResolvers', {
    configurable: true,
    writable: true,
    value: function withResolvers() {
      let resolve, reject;
      const promise = new this((res, rej) => { resolve = res; reject = rej; });
      return { promise, resolve, reject };
    },
  });
}
