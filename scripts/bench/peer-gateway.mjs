// A peer gateway serving the same supergraph as ours, for `npm run bench`. Plain JavaScript: the
// bench copies it into the peers' cache folder (scripts/bench/peers.ts) and runs it from there,
// so its imports resolve to the pinned peer packages installed in that folder.
//
//   node peer-gateway.mjs <hive-rust|hive|apollo> <port>
//   env: PEER_SUPERGRAPH (file, subgraph URLs already those of the run),
//        PEER_SECRET_HEADER / PEER_SECRET (our subgraphs answer only callers with the gateway secret)
//
// Beyond each product's documented defaults, each peer gets only what it needs to reach our
// subgraphs: the secret header on every subgraph request, and the documented header propagation
// of `authorization` and `x-partner-organization-id` from the client, so writes work as on ours.
import fs from 'node:fs';
import http from 'node:http';

const [kind, portText] = process.argv.slice(2);
const port = Number(portText);
const supergraph = fs.readFileSync(process.env.PEER_SUPERGRAPH, 'utf8');
const secretHeader = process.env.PEER_SECRET_HEADER;
const secret = process.env.PEER_SECRET;
const PROPAGATED = ['authorization', 'x-partner-organization-id'];

if (kind === 'hive' || kind === 'hive-rust') {
  const { createGatewayRuntime } = await import('@graphql-hive/gateway');
  const rust = kind === 'hive-rust' ? { unifiedGraphHandler: (await import('@graphql-hive/router-runtime')).unifiedGraphHandler } : {};
  const gateway = createGatewayRuntime({
    supergraph,
    ...rust,
    transportEntries: { '*.http': { headers: [[secretHeader, secret]] } },
    propagateHeaders: {
      fromClientToSubgraphs: ({ request }) => Object.fromEntries(PROPAGATED.map((name) => [name, request.headers.get(name)]).filter(([, value]) => value)),
    },
    logging: 'error',
  });
  const server = http.createServer(gateway);
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  console.log(`${kind} gateway ready at http://127.0.0.1:${port}/graphql`);
} else if (kind === 'apollo') {
  const { ApolloGateway, RemoteGraphQLDataSource } = await import('@apollo/gateway');
  const { ApolloServer } = await import('@apollo/server');
  const { startStandaloneServer } = await import('@apollo/server/standalone');
  const gateway = new ApolloGateway({
    supergraphSdl: supergraph,
    buildService: ({ url }) =>
      new RemoteGraphQLDataSource({
        url,
        willSendRequest: ({ request, context }) => {
          request.http?.headers.set(secretHeader, secret);
          for (const name of PROPAGATED) {
            const value = context?.headers?.[name];
            if (typeof value === 'string') request.http?.headers.set(name, value);
          }
        },
      }),
  });
  const server = new ApolloServer({ gateway });
  const { url } = await startStandaloneServer(server, { listen: { port, host: '127.0.0.1' }, context: async ({ req }) => ({ headers: req.headers }) });
  console.log(`apollo gateway (untuned) ready at ${url}`);
} else {
  console.error('usage: peer-gateway.mjs <hive-rust|hive|apollo> <port>');
  process.exit(2);
}
process.on('SIGTERM', () => process.exit(0));
