// A small Esplora REST gateway over a bcoin (or Bitcoin Core) node's JSON-RPC, for testing Cairn's
// Esplora back end against a real regtest chain: bcoin has no Esplora API of its own.
//
//   node esplora-gateway.mjs RPC_URL API_KEY
//
// Listens on 127.0.0.1 (a free port), prints {"port": N} as its first line of stdout, and serves the
// subset of the Blockstream/mempool.space API that Cairn uses:
//   GET /blocks/tip/height, /blocks/tip/hash, /block-height/:height, /block/:hash,
//   /block/:hash/header, /block/:hash/raw, /block/:hash/txids, /tx/:txid/hex, /tx/:txid/status,
//   /mempool/txids, /fee-estimates; POST /tx (hex body).
// Esplora's conventions: plain-text answers for heights, hashes and hex; 404 for what the node does
// not know; 400 with the reason for a refused transaction (bcoin accepts a broadcast before it decides,
// so the gateway waits for the transaction to reach the mempool, as Esplora's answer implies).
import http from 'node:http';

const [rpcUrl, apiKey] = process.argv.slice(2);
if (!rpcUrl || apiKey === undefined) {
  console.error('usage: node esplora-gateway.mjs RPC_URL API_KEY');
  process.exit(2);
}
const auth = 'Basic ' + Buffer.from('x:' + apiKey).toString('base64');

class RpcError extends Error {
  constructor(message, code) { super(message); this.code = code; }
}

async function rpc(method, ...params) {
  const res = await fetch(rpcUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: auth },
    body: JSON.stringify({ jsonrpc: '1.0', id: 'gw', method, params }),
  });
  const body = await res.json();
  if (body.error) throw new RpcError(body.error.message, body.error.code);
  return body.result;
}

const isNotFound = (e) => e instanceof RpcError && (e.code === -5 || e.code === -8 || /not found|out of range|not in mempool/i.test(e.message));
const HASH = '([0-9a-f]{64})';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function txStatus(txid) {
  const tx = await rpc('getrawtransaction', txid, true);
  if (!tx.blockhash) return { confirmed: false };
  const header = await rpc('getblockheader', tx.blockhash, true);
  return { confirmed: true, block_height: header.height, block_hash: tx.blockhash, block_time: header.time };
}

async function broadcast(hex) {
  const txid = await rpc('sendrawtransaction', hex);
  for (let i = 0; i < 40; i++) {
    try {
      await rpc('getmempoolentry', txid);
      return txid;
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
    try {
      if ((await txStatus(txid)).confirmed) return txid;
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
    await sleep(50);
  }
  throw new RpcError('sendrawtransaction RPC error: the node did not accept ' + txid + ' into its mempool', -26);
}

async function feeEstimates() {
  const out = {};
  for (const target of [1, 2, 3, 4, 5, 6, 10, 25, 144]) {
    let r;
    try {
      r = await rpc('estimatesmartfee', target);
    } catch (e) {
      if (e instanceof RpcError) continue; // bcoin refuses targets beyond its estimator's horizon
      throw e;
    }
    const rate = r.feerate ?? r.fee; // BTC per kvB; bcoin: -1 without data
    if (typeof rate === 'number' && rate > 0) out[String(target)] = rate * 1e5;
  }
  return out;
}

const routes = [
  ['GET', /^\/blocks\/tip\/height$/, async () => String(await rpc('getblockcount'))],
  ['GET', /^\/blocks\/tip\/hash$/, async () => await rpc('getbestblockhash')],
  ['GET', /^\/block-height\/(\d+)$/, async (h) => await rpc('getblockhash', Number(h))],
  ['GET', new RegExp(`^/block/${HASH}$`), async (hash) => {
    const h = await rpc('getblockheader', hash, true);
    return { id: h.hash, height: h.height, version: h.version, timestamp: h.time, merkle_root: h.merkleroot,
      previousblockhash: h.previousblockhash, bits: h.bits, mediantime: h.mediantime };
  }],
  ['GET', new RegExp(`^/block/${HASH}/header$`), async (hash) => await rpc('getblockheader', hash, false)],
  ['GET', new RegExp(`^/block/${HASH}/raw$`), async (hash) => Buffer.from(await rpc('getblock', hash, false), 'hex')],
  ['GET', new RegExp(`^/block/${HASH}/txids$`), async (hash) => (await rpc('getblock', hash, true)).tx.map((t) => (typeof t === 'string' ? t : t.txid))],
  ['GET', new RegExp(`^/tx/${HASH}/hex$`), async (txid) => await rpc('getrawtransaction', txid, false)],
  ['GET', new RegExp(`^/tx/${HASH}/status$`), txStatus],
  ['GET', /^\/mempool\/txids$/, async () => await rpc('getrawmempool')],
  ['GET', /^\/fee-estimates$/, feeEstimates],
];

const server = http.createServer(async (req, res) => {
  const send = (status, body, type) => {
    res.writeHead(status, { 'content-type': type });
    res.end(body);
  };
  try {
    const path = new URL(req.url, 'http://gateway').pathname;
    if (req.method === 'POST' && path === '/tx') {
      const chunks = [];
      for await (const c of req) chunks.push(c);
      const hex = Buffer.concat(chunks).toString('utf8').trim();
      if (!/^([0-9a-f]{2})+$/i.test(hex)) return send(400, 'sendrawtransaction RPC error: TX decode failed', 'text/plain');
      try {
        return send(200, await broadcast(hex), 'text/plain');
      } catch (e) {
        if (e instanceof RpcError) return send(400, 'sendrawtransaction RPC error: ' + e.message, 'text/plain');
        throw e;
      }
    }
    for (const [method, pattern, handler] of routes) {
      const m = req.method === method && path.match(pattern);
      if (!m) continue;
      try {
        const out = await handler(...m.slice(1));
        if (Buffer.isBuffer(out)) return send(200, out, 'application/octet-stream');
        if (typeof out === 'string') return send(200, out, 'text/plain');
        return send(200, JSON.stringify(out), 'application/json');
      } catch (e) {
        if (isNotFound(e)) return send(404, 'Not found', 'text/plain');
        if (e instanceof RpcError) return send(400, e.message, 'text/plain');
        throw e;
      }
    }
    send(404, 'Not found', 'text/plain');
  } catch (e) {
    // the node cannot be reached: Esplora answers 5xx when its own back end is down
    send(502, 'gateway error: ' + e.message, 'text/plain');
  }
});

server.listen(0, '127.0.0.1', () => {
  process.stdout.write(JSON.stringify({ port: server.address().port }) + '\n');
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
