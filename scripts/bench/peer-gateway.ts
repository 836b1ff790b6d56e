import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { createGatewayRuntime } from '@graphql-hive/gateway';
import fs from 'node:fs';
import http from 'node:http';
import { GATEWAY_SECRET_HEADER, gatewaySecret } from '../../subgraphs/toolkit/auth.js';
import { envPrefix } from '../../subgraphs/toolkit/config.js';

/**
 * A peer gateway serving the same supergraph, for comparison: `hive` (@graphql-hive/gateway
 * with default settings) or `apollo` (@apollo/gateway in a plain ApolloServer, untuned). Run as
 * its own process by the bench: `peer-gateway.ts <hive|apollo> <port>`.
 *
 * Both get exactly two things beyond their defaults, because they would not reach our subgraphs
 * otherwise: the subgraph URLs of this run (written into the supergraph), and the gateway secret
 * header that our subgraphs require of every caller.
 */

const [kind, portText] = process.argv.slice(2);
const port = Number(portText);
const secret = gatewaySecret();

// The `url:` of each `@join__graph(name:, url:)` replaced by `<NAME>_URL` of this run.
const supergraphSdl = fs
  .readFileSync(process.env.SUPERGRAPH_PATH || 'schema/supergraph.graphql', 'utf8')
  .replace(/@join__graph\(name: "([^"]+)", url: "[^"]*"\)/g, (match, name: string) => {
    const url = process.env[`${envPrefix(name)}_URL`];
    return url ? `@join__graph(name: "${name}", url: "${url}")` : match;
  });

if (kind === 'hive') {
  const gateway = createGatewayRuntime({
    supergraph: supergraphSdl,
    transportEntries: { '*.http': { headers: [[GATEWAY_SECRET_HEADER, secret]] } },
  });
  const server = http.createServer(gateway);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  process.on('SIGTERM', () => process.exit(0));
  console.log(`hive gateway ready at http://127.0.0.1:${port}/graphql`);
} else if (kind === 'apollo') {
  const gateway = new ApolloGateway({
    supergraphSdl,
    // Only sets the secret header; everything else is RemoteGraphQLDataSource's default.
    buildService: ({ url }) => new RemoteGraphQLDataSource({
      url,
      willSendRequest: ({ request }) => {
        request.http?.headers.set(GATEWAY_SECRET_HEADER, secret);
      },
    }),
  });
  const server = new ApolloServer({ gateway });
  const { url } = await startStandaloneServer(server, { listen: { port, host: '127.0.0.1' } });
  console.log(`apollo gateway (untuned) ready at ${url}`);
} else {
  console.error('usage: peer-gateway.ts <hive|apollo> <port>');
  process.exit(2);
}
