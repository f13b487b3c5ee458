'use strict';
/**
 * Stands in, inside htg's Lambda bundles only, for the packages Bolt requires when it loads but a Lambda never
 * runs: Express (ExpressReceiver), Socket Mode with its WebSocket client (SocketModeReceiver), OAuth (the
 * installer of HTTPReceiver and ExpressReceiver) and raw-body (HTTPReceiver's body reader). The ingress gives
 * Bolt an AwsLambdaReceiver and a static authorize, so none of them is constructed or called; if one ever were,
 * this fails loudly instead of misbehaving. lib/bundling.ts lists the packages; test/e2e/ingress-bundle.test.ts
 * drives every listener type through the bundle with it in place.
 */
function notBundled(name) {
  return function unavailable() {
    throw new Error(`${name} is not bundled into htg's Lambda functions (see lib/bundling.ts)`);
  };
}

const root = notBundled('This Bolt component');
module.exports = new Proxy(root, {
  get(target, key) {
    // CommonJS interop helpers ask whether this is a transpiled ES module; it is not.
    if (key === '__esModule') return false;
    if (typeof key === 'symbol' || key in target) return target[key];
    return notBundled(`Bolt's dependency export "${key}"`);
  },
});
