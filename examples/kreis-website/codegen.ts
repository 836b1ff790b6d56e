import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * `npm run codegen` (here) or `npm run -s codegen:example` (in the hub's repository): reads the
 * schema from the running gateway and writes TypeScript types for our operations.
 */
const out = process.env.CODEGEN_OUT ?? 'src/generated'; // the hub's tests generate elsewhere and compare

const config: CodegenConfig = {
  schema: process.env.GATEWAY_URL ?? 'http://localhost:4000/graphql',
  documents: 'src/operations/*.graphql',
  generates: {
    // Every type of the regional graph (for code that handles whole objects or inputs).
    [`${out}/schema.ts`]: {
      plugins: ['typescript'],
      config: { enumsAsTypes: true, scalars: { Date: 'string', DateTimeISO: 'string' } },
    },
    // Our operations: their variables and results exactly as selected, and typed documents
    // that graphql-request understands (`client.request(KreisProjectsDocument, variables)`).
    [`${out}/graphql.ts`]: {
      plugins: ['typescript-operations', 'typed-document-node'],
      config: { useTypeImports: true, scalars: { Date: 'string', DateTimeISO: 'string' } },
    },
  },
};

export default config;
