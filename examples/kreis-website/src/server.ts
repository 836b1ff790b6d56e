import { createKreisWebsite } from './app.js';
import { trustedDocumentClient } from './client.js';

/** `npm start` here: the Kreis website on http://localhost:5173, reading the regional graph. */
const gatewayUrl = process.env.GATEWAY_URL ?? 'http://localhost:4000/graphql';
const manifest = process.env.MANIFEST ?? new URL('../../../trusted-documents/kreis-website.json', import.meta.url);
const port = Number(process.env.PORT ?? 5173);

const server = createKreisWebsite({ client: trustedDocumentClient(gatewayUrl, manifest), ags: process.env.KREIS_AGS ?? '05554' });
server.listen(port, () => console.log(`Kreis website on http://localhost:${port}/ (data from ${gatewayUrl})`));
