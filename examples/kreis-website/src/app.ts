import type { GraphQLClient } from 'graphql-request';
import http from 'node:http';
import { KreisHeaderDocument, KreisProjectsDocument, type KreisProjectsQuery } from './generated/graphql.js';

/**
 * The projects page of a Kreis website: the Kreis's projects (and those of its municipalities)
 * from the Münsterland regional graph, with German full-text search and a link to each
 * project's profile sheet. Server-side rendered HTML, no JavaScript needed in the browser.
 */
export interface KreisWebsiteOptions {
  client: GraphQLClient;
  /** Amtlicher Gemeindeschlüssel of the Kreis, e.g. 05554 for Kreis Borken. */
  ags: string;
  pageSize?: number;
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const number = new Intl.NumberFormat('de-DE');

type Edge = KreisProjectsQuery['projects']['edges'][number];

function card({ node, snippet }: Edge): string {
  // The snippet comes HTML-escaped from the graph, with the matches in <mark>…</mark>.
  return `<li class="project">
  <h2><a href="${escape(node.profileUrl)}">${escape(node.title)}</a></h2>
  <p>${snippet ?? escape(node.summary)}</p>
  <p class="meta">${node.lead ? `Federführung: ${escape(node.lead.name)} · ` : ''}${node.topics.map((topic) => escape(topic.name)).join(', ')}</p>
  <p><a href="${escape(node.profileUrl)}">Projektprofil (PDF)</a></p>
</li>`;
}

/** Renders the page for one request: `?q=` searches, `?after=` pages on. */
export async function renderProjectsPage({ client, ags, pageSize = 10 }: KreisWebsiteOptions, query: URLSearchParams): Promise<string> {
  const text = query.get('q')?.trim() || null;
  const after = query.get('after') || null;
  const [{ organization: kreis }, { projects }] = await Promise.all([
    client.request(KreisHeaderDocument, { ags }),
    client.request(KreisProjectsDocument, { ags, text, first: pageSize, after }),
  ]);
  if (!kreis) throw new Error(`No organization with AGS ${ags} in the regional graph`);
  const population = kreis.population
    ? `${number.format(kreis.population.value)} Einwohnerinnen und Einwohner (${escape(kreis.population.source)}, Stand ${escape(kreis.population.referenceDate)})`
    : '';
  const next = projects.pageInfo.hasNextPage && projects.pageInfo.endCursor
    ? `<a rel="next" href="?${new URLSearchParams({ ...(text ? { q: text } : {}), after: projects.pageInfo.endCursor })}">Weitere Projekte</a>`
    : '';
  return `<!doctype html>
<html lang="de">
<head><meta charset="utf-8"><title>Projekte – ${escape(kreis.name)}</title></head>
<body>
<header><h1>Regionale Projekte: ${escape(kreis.name)}</h1><p>${population}</p></header>
<form method="get"><input type="search" name="q" value="${escape(text ?? '')}" placeholder="Projekte durchsuchen"><button>Suchen</button></form>
<p class="count">${projects.totalCount} ${projects.totalCount === 1 ? 'Projekt' : 'Projekte'}${text ? ` für „${escape(text)}“` : ''}</p>
<ul>
${projects.edges.map(card).join('\n')}
</ul>
${next}
<footer>Daten: Münsterland regional graph</footer>
</body>
</html>`;
}

/** The website's HTTP handler: `/` is the projects page; a graph that does not answer is a 502. */
export function createKreisWebsite(options: KreisWebsiteOptions): http.Server {
  return http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== '/') {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Nicht gefunden');
      return;
    }
    try {
      const html = await renderProjectsPage(options, url.searchParams);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
    } catch (error) {
      console.error(error);
      res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' }).end('Die Projektdaten sind gerade nicht erreichbar.');
    }
  });
}
