import { GraphQLClient } from 'graphql-request';
import fs from 'node:fs';

/** An Apollo persisted query manifest, as `npm run persist` writes it. */
interface Manifest {
  format: 'apollo-persisted-query-manifest';
  operations: { id: string; name: string }[];
}

/**
 * A graphql-request client that sends our operations as trusted documents: instead of the query
 * text it sends `documentId: "sha256:<id>"` from the manifest (GraphQL over HTTP, persisted
 * documents). The gateway runs exactly the text we registered, and nothing else in our name.
 */
export function trustedDocumentClient(gatewayUrl: string, manifestPath: string | URL, headers: Record<string, string> = {}): GraphQLClient {
  const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as Manifest;
  if (manifest.format !== 'apollo-persisted-query-manifest') throw new Error(`${manifestPath} is not a persisted query manifest`);
  const ids = new Map(manifest.operations.map((operation) => [operation.name, operation.id]));
  return new GraphQLClient(gatewayUrl, {
    headers,
    requestMiddleware: (request) => {
      const id = request.operationName ? ids.get(request.operationName) : undefined;
      if (!id) throw new Error(`Operation ${request.operationName ?? '(anonymous)'} is not in ${manifestPath}: run npm run persist (see README)`);
      return { ...request, body: JSON.stringify({ documentId: `sha256:${id}`, operationName: request.operationName, variables: request.variables }) };
    },
  });
}
