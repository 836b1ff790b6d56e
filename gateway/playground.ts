import express, { type Router } from 'express';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PLAYGROUND_TABS } from './playground-examples.js';

/**
 * GraphiQL served from the project's own node_modules: the playground works without internet
 * access. Browsers asking `/` or `/graphql` for HTML get it; API clients get GraphQL.
 */
const require = createRequire(import.meta.url);
const packageDir = (name: string) => path.dirname(require.resolve(`${name}/package.json`));

const ASSETS: Record<string, string> = {
  'graphiql.min.css': path.join(packageDir('graphiql'), 'graphiql.min.css'),
  'graphiql.min.js': path.join(packageDir('graphiql'), 'graphiql.min.js'),
  'react.production.min.js': path.join(packageDir('react'), 'umd', 'react.production.min.js'),
  'react-dom.production.min.js': path.join(packageDir('react-dom'), 'umd', 'react-dom.production.min.js'),
};

/** JSON inside a <script> element: `<` escaped so no data can close the element. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

function page(): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Münsterland regional graph – playground</title>
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <link rel="stylesheet" href="/playground/graphiql.min.css">
  <style>html, body, #playground { height: 100%; margin: 0; }</style>
</head>
<body>
  <div id="playground">Loading the playground…</div>
  <script src="/playground/react.production.min.js"></script>
  <script src="/playground/react-dom.production.min.js"></script>
  <script src="/playground/graphiql.min.js"></script>
  <script>
    const tabs = ${scriptJson(PLAYGROUND_TABS.map((tab) => ({ query: tab.query, variables: 'variables' in tab ? tab.variables : undefined })))};
    const fetcher = GraphiQL.createFetcher({ url: '/graphql' });
    ReactDOM.createRoot(document.getElementById('playground')).render(
      React.createElement(GraphiQL, {
        fetcher,
        defaultTabs: tabs,
        isHeadersEditorEnabled: true,
        shouldPersistHeaders: false,
        defaultEditorToolsVisibility: true,
      }),
    );
  </script>
</body>
</html>`;
}

export function playgroundRouter(): Router {
  const router = express.Router();
  const html = page();
  const wantsHtml = (accept: string | undefined) => Boolean(accept?.includes('text/html'));

  router.get(['/', '/graphql', '/playground'], (req, res, next) => {
    if (req.path === '/graphql' && (!wantsHtml(req.headers.accept) || req.query.query !== undefined)) return next();
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.setHeader('content-security-policy', "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:");
    res.send(html);
  });
  router.get('/playground/:asset', (req, res, next) => {
    // Own properties only: `/playground/__proto__` or `/constructor` name no asset.
    const file = Object.hasOwn(ASSETS, req.params.asset) ? ASSETS[req.params.asset] : undefined;
    if (!file) return next();
    res.sendFile(file, { maxAge: '1d' });
  });
  return router;
}
