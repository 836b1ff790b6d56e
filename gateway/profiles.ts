import type { ApolloServer, BaseContext } from '@apollo/server';
import express, { type Request, type Response } from 'express';
import { projectCoverageMap } from './maps-svg.js';
import { profileHtml } from './profile-html.js';
import { profilePdf } from './profile-pdf.js';
import { PROFILE_QUERY, profileSheet, type ProfileData } from './profile-sheet.js';

/** A project slug (lowercase ASCII words joined by hyphens, at most 160 characters) and a format. */
const PROFILE_FILE = /^(?=[a-z0-9-]{1,160}\.)([a-z0-9]+(?:-[a-z0-9]+)*)\.(pdf|html)$/;

/**
 * `GET /profiles/<project-slug>.pdf` and `.html`: the profile sheet of a project ("Diese Übersicht
 * als PDF herunterladen"), built from one GraphQL operation run by this gateway against the
 * supergraph, with the caller's own context (what a caller may not see, the sheet does not show).
 */
export function createProfilesRouter<Context extends BaseContext>(
  apollo: ApolloServer<Context>,
  contextFor: (req: Request, res: Response) => Promise<Context>,
): express.Router {
  const router = express.Router();
  router.get('/profiles/:file', async (req, res, next) => {
    try {
      const match = PROFILE_FILE.exec(String(req.params.file));
      if (!match) return notFound(res, 'No profile here: profiles are at /profiles/<project-slug>.pdf or /profiles/<project-slug>.html.');
      const [, slug, format] = match;

      const response = await apollo.executeOperation<{ project: ProfileData | null }>(
        { query: PROFILE_QUERY, variables: { slug }, operationName: 'ProjectProfile' },
        { contextValue: await contextFor(req, res) },
      );
      const result = response.body.kind === 'single' ? response.body.singleResult : undefined;
      const project = result?.data?.project;
      if (!project) {
        // 404 only when the projects subgraph answered and said "none": a null that came with
        // errors (a subgraph down or slow) is no answer, and must not read as "no such project".
        if (result?.data && result.data.project === null && !result.errors?.length) return notFound(res, `No project with the slug "${slug}".`);
        res.status(502).type('text/plain; charset=utf-8').send('The profile could not be built: a part of the regional graph did not answer. Try again later.\n');
        return;
      }

      // Sample records (`isSample`) stay off the sheet unless asked for, as everywhere else.
      const sheet = profileSheet(project, { includeSamples: req.query.includeSamples === 'true' });
      // The municipalities the project covers, on the map of the coverage maps (GET /maps/coverage/…).
      const map = projectCoverageMap(project.municipalityAgs ?? []);
      if (format === 'pdf') {
        res.type('application/pdf').setHeader('content-disposition', `inline; filename="${slug}.pdf"`);
        res.send(await profilePdf(sheet, map?.pdf));
      } else {
        // Nothing in the page runs or loads anything: data can never become script.
        res.setHeader('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'");
        res.type('text/html; charset=utf-8').send(profileHtml(sheet, `${slug}.pdf`, map?.svg));
      }
    } catch (error) {
      next(error);
    }
  });
  return router;
}

function notFound(res: Response, message: string): void {
  res.status(404).type('text/plain; charset=utf-8').send(`${message}\n`);
}
