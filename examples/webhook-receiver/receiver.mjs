// A partner app's webhook receiver for the Münsterland regional graph.
//
//   WEBHOOK_SECRET=whsec_… node examples/webhook-receiver/receiver.mjs [--port 8787]
//
// Verifies every delivery with the `standardwebhooks` package (webhook-id, webhook-timestamp,
// webhook-signature: HMAC-SHA256), refuses forged or stale ones with 401, ignores repeats of an
// event it already handled (deliveries are at least once), and prints each change on one line.
import http from 'node:http';
import { Webhook } from 'standardwebhooks';

const secret = process.env.WEBHOOK_SECRET;
if (!secret || !secret.startsWith('whsec_')) {
  console.error('Set WEBHOOK_SECRET to the secret createWebhookSubscription returned (whsec_…).');
  process.exit(2);
}
const portArgument = process.argv.indexOf('--port');
const port = Number(portArgument > 0 ? process.argv[portArgument + 1] : process.env.PORT ?? 8787);
const webhook = new Webhook(secret);

// Event ids already handled: a redelivery (after a timeout, a restart) is acknowledged, not handled twice.
const seen = new Set();
const remember = (id) => {
  seen.add(id);
  if (seen.size > 10_000) seen.delete(seen.values().next().value);
};

const show = (value) => (value == null ? '–' : typeof value === 'string' ? value : JSON.stringify(value));

const server = http.createServer((req, res) => {
  if (req.method !== 'POST') return void res.writeHead(405, { allow: 'POST' }).end();
  const chunks = [];
  let size = 0;
  req.on('data', (chunk) => {
    size += chunk.length;
    if (size > 1_000_000) req.destroy();
    else chunks.push(chunk);
  });
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    let event;
    try {
      // Checks the signature and that the timestamp is within 5 minutes; returns the parsed body.
      event = webhook.verify(body, req.headers);
    } catch {
      console.error(`refused a delivery with an invalid signature (webhook-id ${req.headers['webhook-id'] ?? '?'})`);
      return void res.writeHead(401).end();
    }
    const id = req.headers['webhook-id'];
    if (seen.has(id)) {
      console.log(`${id} again (already handled)`);
      return void res.writeHead(204).end();
    }
    remember(id);
    const { data } = event;
    const who = data.changedBy.organization ? `${data.changedBy.organization.slug} (${data.changedBy.role})` : data.changedBy.role;
    console.log(`${event.type} "${data.recordTitle}" v${data.version} by ${who} at ${data.changedAt} [${id}]`);
    for (const field of data.changedFields) console.log(`  ${field.field}: ${show(field.oldValue)} → ${show(field.newValue)}`);
    // Answer quickly (within 10 s); do slow work after answering.
    res.writeHead(204).end();
  });
});

server.listen(port, () => console.log(`webhook receiver listening on http://localhost:${port}/`));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
