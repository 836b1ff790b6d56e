/**
 * The subgraph services and their default ports. Deliberately free of imports: the `npm start`
 * supervisor reads it without loading any subgraph code. `registry.ts` holds their definitions.
 */
export const SUBGRAPH_SERVICES: readonly { name: string; defaultPort: number }[] = [
  { name: 'organizations', defaultPort: 4001 },
  { name: 'projects', defaultPort: 4002 },
  { name: 'knowledge', defaultPort: 4003 },
];

export function defaultPortOf(name: string): number {
  const service = SUBGRAPH_SERVICES.find((candidate) => candidate.name === name);
  if (!service) throw new Error(`Subgraph ${name} is not listed in shared/services.ts`);
  return service.defaultPort;
}
