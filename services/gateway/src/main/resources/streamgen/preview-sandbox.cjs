// Loaded with --require before a generated app's own code (streamgen's preview runner). Node's
// permission model already denies file writes, child processes and workers; this keeps the app's
// network on loopback: its servers listen on 127.0.0.1 whatever host it asks for, and it cannot
// connect anywhere but loopback. It runs in the app's own process, so it is a guard rail against
// mistakes and casual misuse, not a kernel boundary (see README "Preview").
'use strict';
const net = require('node:net');

const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3}|localhost)$/i;

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function loopbackListen(...args) {
  if (args.length === 0 || typeof args[0] === 'function') {
    args.unshift({ port: 0, host: '127.0.0.1' });
  } else if (typeof args[0] === 'object' && args[0] !== null) {
    if (args[0].path !== undefined) throw new Error('the preview sandbox allows TCP servers on loopback only');
    args[0] = { ...args[0], host: '127.0.0.1' };
  } else {
    // listen(port[, host][, backlog][, callback])
    args.splice(1, typeof args[1] === 'string' ? 1 : 0, '127.0.0.1');
  }
  return listen.apply(this, args);
};

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function loopbackConnect(...args) {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  const host = typeof first === 'object' && first !== null ? (first.path !== undefined ? null : first.host ?? 'localhost')
    : typeof args[1] === 'string' ? args[1] : 'localhost';
  if (host === null || !LOOPBACK.test(host)) {
    const error = new Error(`the preview sandbox allows connections to loopback only, not ${host ?? 'a local socket'}`);
    error.code = 'ECONNREFUSED';
    process.nextTick(() => this.destroy(error));
    return this;
  }
  return connect.apply(this, args);
};
