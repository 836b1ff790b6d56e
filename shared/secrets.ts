import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { defaultDataDir } from './embedded-postgres.js';

/**
 * The generated secrets of the embedded default, kept in the data folder, never in the repo.
 * Free of GraphQL imports: the `npm start` supervisor creates them before any service starts.
 */

/**
 * A secret kept in the data folder (mode 600), generated when missing. The new secret is written
 * to a temporary file and linked into place, which fails if another process was first: so every
 * process of a start ends up with the same, completely written secret.
 */
export function readOrCreateSecret(name: string, dataDir = defaultDataDir()): string {
  const file = path.join(dataDir, name);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    const temporary = `${file}.${process.pid}.${randomBytes(6).toString('hex')}`;
    fs.writeFileSync(temporary, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
    try {
      fs.linkSync(temporary, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      fs.rmSync(temporary, { force: true });
    }
  }
  return fs.readFileSync(file, 'utf8').trim();
}

/** The secret that proves a request comes from the gateway: `GATEWAY_SECRET`, else generated. */
export function gatewaySecret(): string {
  return process.env.GATEWAY_SECRET || readOrCreateSecret('gateway-secret');
}

/** The HS256 signing secret of the embedded default: `AUTH_SECRET`, else generated. */
export function tokenSecret(): string {
  return process.env.AUTH_SECRET || readOrCreateSecret('jwt-secret');
}

/** True when tokens come from an outside identity provider, so this installation cannot sign any. */
export function usesExternalKeys(): boolean {
  return Boolean(process.env.AUTH_JWKS_URL || process.env.AUTH_PUBLIC_KEY);
}

/** Creates the generated secrets this configuration needs, before the services start. */
export function ensureSecrets(): void {
  if (!process.env.GATEWAY_SECRET) gatewaySecret();
  if (!usesExternalKeys() && !process.env.AUTH_SECRET) tokenSecret();
}
