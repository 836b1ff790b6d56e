import { lookup } from 'node:dns/promises';
import dns from 'node:dns';
import net from 'node:net';
import { Agent } from 'undici';
import { envBool } from '../../shared/config.js';
import { BadUserInputError } from '../../shared/errors.js';

/**
 * Webhook targets are URLs partners choose, so a delivery must not reach into the hub's own
 * network (SSRF): loopback, private, link-local, carrier-grade NAT, multicast and reserved
 * addresses are refused, unless WEBHOOK_ALLOW_PRIVATE=true (tests, the embedded default). The
 * check runs when a subscription is created and again on every connection (DNS may change), and
 * redirects are never followed.
 */

const blocked = new net.BlockList();
for (const [address, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24],
  ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) blocked.addSubnet(address, prefix, 'ipv4');
for (const [address, prefix] of [
  ['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['2001:db8::', 32], ['64:ff9b::', 96], ['100::', 64],
] as const) blocked.addSubnet(address, prefix, 'ipv6');

export function allowPrivateTargets(): boolean {
  return envBool('WEBHOOK_ALLOW_PRIVATE', false);
}

/** Whether an IP address is one a webhook may not reach (IPv4-mapped IPv6 checked as IPv4). */
export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return blocked.check(mapped[1], 'ipv4');
  const family = net.isIP(address);
  if (family === 0) return true;
  return blocked.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** Checks a subscription's URL; BAD_USER_INPUT naming `field` when it may not be used. */
export async function checkWebhookUrl(value: string, field: string, allowPrivate = allowPrivateTargets()): Promise<string> {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new BadUserInputError(`${field} must be an absolute http(s) URL`, field);
  }
  if (value.length > 2000) throw new BadUserInputError(`${field} may have at most 2000 characters`, field);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new BadUserInputError(`${field} must use https (or http)`, field);
  if (url.username || url.password) throw new BadUserInputError(`${field} must not contain credentials; verify the signature instead`, field);
  if (allowPrivate) return url.toString();
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  try {
    addresses = net.isIP(host) ? [host] : (await lookup(host, { all: true, verbatim: true })).map((entry) => entry.address);
  } catch {
    throw new BadUserInputError(`${field}: the host ${host} cannot be resolved`, field);
  }
  if (addresses.length === 0 || addresses.some(isPrivateAddress)) {
    throw new BadUserInputError(`${field} points to a private, loopback or link-local address; webhooks go to public addresses only`, field);
  }
  return url.toString();
}

/** Resolves like the system does, then refuses private addresses: checked on every connection. */
function guardedLookup(hostname: string, options: dns.LookupOptions, callback: (error: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void) {
  dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, '', 0);
    const list = addresses as dns.LookupAddress[];
    const bad = list.find((entry) => isPrivateAddress(entry.address));
    if (bad || list.length === 0) {
      const refused = Object.assign(new Error(`webhook target ${hostname} resolves to a private address`), { code: 'EWEBHOOKPRIVATE' });
      return callback(refused, '', 0);
    }
    if (options.all) return callback(null, list);
    callback(null, list[0].address, list[0].family);
  });
}

/** The HTTP agent for deliveries: guarded lookups unless private targets are allowed. */
export function deliveryAgent(allowPrivate = allowPrivateTargets()): Agent {
  return new Agent({
    connect: allowPrivate ? {} : { lookup: guardedLookup as never },
    keepAliveTimeout: 10_000,
    connections: 16,
  });
}
