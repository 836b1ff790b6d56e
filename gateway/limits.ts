import type { RequestHandler } from 'express';
import {
  getNamedType, getNullableType, GraphQLError, isInterfaceType, isListType, isObjectType, Kind, parse,
  type DocumentNode, type FragmentDefinitionNode, type GraphQLNamedType, type GraphQLSchema,
  type OperationDefinitionNode, type SelectionSetNode, type ValueNode,
} from 'graphql';
import { envInt } from '../subgraphs/toolkit/config.js';
import { introspectionOf } from './introspection.js';

/**
 * What one request may ask of the graph, checked on the parsed document before Apollo validates
 * or plans it, so fragment and alias bombs cost nothing downstream. Each refusal is a 400 whose
 * `extensions.code` names the limit.
 */
export interface RequestLimits {
  maxDepth: number;
  maxAliases: number;
  maxRootFields: number;
  maxTokens: number;
  maxDirectives: number;
  /** Upper bound of rows a request may ask for: list sizes (`first`) multiplied down the tree. */
  maxCost: number;
  /** Assumed size of lists without a `first` argument (participants, topics …). */
  assumedListSize: number;
  /** Depth allowed to a document that only reads the schema (see `introspection.ts`). */
  maxIntrospectionDepth: number;
}

export function limitsFromEnv(): RequestLimits {
  return {
    maxDepth: envInt('LIMIT_DEPTH', 10),
    maxAliases: envInt('LIMIT_ALIASES', 30),
    maxRootFields: envInt('LIMIT_ROOT_FIELDS', 20),
    maxTokens: envInt('LIMIT_TOKENS', 5000),
    maxDirectives: envInt('LIMIT_DIRECTIVES', 50),
    maxCost: envInt('LIMIT_COST', 250_000),
    assumedListSize: envInt('LIMIT_ASSUMED_LIST_SIZE', 20),
    maxIntrospectionDepth: envInt('LIMIT_INTROSPECTION_DEPTH', 30),
  };
}

/** Set on `res.locals.graphqlOperation` for the middleware after this one. */
export interface OperationInfo {
  type: 'query' | 'mutation' | 'subscription' | undefined;
  introspection: boolean;
}

export class LimitError extends GraphQLError {
  constructor(code: string, message: string, limit: number, actual?: number) {
    super(message, { extensions: { code, limit, ...(actual === undefined ? {} : { actual }) } });
  }
}

interface Measure {
  depth: number;
  aliases: number;
  directives: number;
  cost: number;
}

const ZERO: Measure = { depth: 0, aliases: 0, directives: 0, cost: 0 };

/** Measures a document; throws a LimitError at the first limit it exceeds. */
export function checkLimits(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown>,
  limits: RequestLimits,
  operationName?: string | null,
): void {
  const fragments = new Map<string, FragmentDefinitionNode>();
  const operations: OperationDefinitionNode[] = [];
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    else if (definition.kind === Kind.OPERATION_DEFINITION) operations.push(definition);
  }
  const selected = operationName ? operations.filter((operation) => operation.name?.value === operationName) : operations;
  const maxDepth = introspectionOf(document, operationName).only ? limits.maxIntrospectionDepth : limits.maxDepth;

  // A fragment measures the same wherever it is spread: memoized, fragment bombs stay linear.
  const fragmentMeasures = new Map<string, Measure>();
  const inProgress = new Set<string>();

  const firstArgument = (args: readonly { name: { value: string }; value: ValueNode }[] | undefined): number | undefined => {
    const first = args?.find((arg) => arg.name.value === 'first');
    if (!first) return undefined;
    const value = first.value.kind === Kind.VARIABLE ? variables[first.value.name.value] : first.value.kind === Kind.INT ? Number(first.value.value) : undefined;
    return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : limits.assumedListSize;
  };

  /** Rows a field may return: `first` of a connection, the assumed size of a plain list, else 1. */
  const rowsOf = (parent: GraphQLNamedType | undefined, fieldName: string, args: Parameters<typeof firstArgument>[0]) => {
    const first = firstArgument(args);
    if (first !== undefined) return first;
    const field = parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[fieldName] : undefined;
    if (!field || !isListType(getNullableType(field.type))) return 1;
    // A connection's edges are already counted by its `first`.
    return parent!.name.endsWith('Connection') ? 1 : limits.assumedListSize;
  };

  const typeOfField = (parent: GraphQLNamedType | undefined, fieldName: string): GraphQLNamedType | undefined => {
    const field = parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[fieldName] : undefined;
    return field ? getNamedType(field.type) : undefined;
  };

  const measure = (selectionSet: SelectionSetNode | undefined, parent: GraphQLNamedType | undefined): Measure => {
    if (!selectionSet) return ZERO;
    let depth = 0;
    let aliases = 0;
    let directives = 0;
    let cost = 0;
    for (const selection of selectionSet.selections) {
      directives += selection.directives?.length ?? 0;
      let inner: Measure;
      if (selection.kind === Kind.FIELD) {
        if (selection.alias) aliases += 1;
        const child = measure(selection.selectionSet, typeOfField(parent, selection.name.value));
        // Only fields with sub-selections fetch rows; their size multiplies what the children ask.
        const rows = selection.selectionSet ? rowsOf(parent, selection.name.value, selection.arguments) : 0;
        inner = { depth: child.depth + 1, aliases: child.aliases, directives: child.directives, cost: rows + rows * child.cost };
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        inner = measure(selection.selectionSet, selection.typeCondition ? schema.getType(selection.typeCondition.name.value) ?? undefined : parent);
      } else {
        inner = measureFragment(selection.name.value);
      }
      depth = Math.max(depth, inner.depth);
      aliases += inner.aliases;
      directives += inner.directives;
      cost += inner.cost;
    }
    return { depth, aliases, directives, cost };
  };

  const measureFragment = (name: string): Measure => {
    const known = fragmentMeasures.get(name);
    if (known) return known;
    const fragment = fragments.get(name);
    if (!fragment || inProgress.has(name)) return ZERO; // unknown or circular: GraphQL validation reports it
    inProgress.add(name);
    const result = measure(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value) ?? undefined);
    inProgress.delete(name);
    fragmentMeasures.set(name, result);
    return result;
  };

  for (const operation of selected) {
    const rootFields = operation.selectionSet.selections.length;
    if (rootFields > limits.maxRootFields) {
      throw new LimitError('ROOT_FIELD_LIMIT', `The operation selects ${rootFields} root fields; at most ${limits.maxRootFields} are allowed`, limits.maxRootFields, rootFields);
    }
    const root = operation.operation === 'mutation' ? schema.getMutationType() : schema.getQueryType();
    const result = measure(operation.selectionSet, root ?? undefined);
    const checks: [string, string, number, number][] = [
      ['QUERY_DEPTH_LIMIT', 'is nested', result.depth, maxDepth],
      ['ALIAS_LIMIT', 'uses aliases', result.aliases, limits.maxAliases],
      ['DIRECTIVE_LIMIT', 'uses directives', result.directives + (operation.directives?.length ?? 0), limits.maxDirectives],
      ['COST_LIMIT', 'may ask for rows', result.cost, limits.maxCost],
    ];
    for (const [code, what, actual, limit] of checks) {
      if (actual > limit) throw new LimitError(code, `The operation ${what} ${Math.round(actual)} times/levels; the limit is ${limit}`, limit, Math.round(actual));
    }
  }
}

const MAX_VARIABLE_DEPTH = 32;

/** Nesting depth of a JSON value, iteratively: a hostile 5000-level array must not blow the stack. */
function nestingDepth(value: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [current, depth] = stack.pop()!;
    if (depth > deepest) deepest = depth;
    if (deepest > MAX_VARIABLE_DEPTH) break;
    if (current && typeof current === 'object') for (const child of Object.values(current)) stack.push([child, depth + 1]);
  }
  return deepest;
}

function refuse(res: Parameters<RequestHandler>[1], status: number, error: GraphQLError | { message: string; extensions: Record<string, unknown> }) {
  res.status(status).json({ errors: [{ message: error.message, extensions: error.extensions }] });
}

/**
 * Express middleware in front of Apollo: batched requests off, token/depth/alias/root-field/
 * directive/cost limits, and introspection only where `mayIntrospect` allows it.
 */
export function requestLimits(
  schema: () => GraphQLSchema | undefined,
  limits: RequestLimits,
  mayIntrospect: (req: Parameters<RequestHandler>[0]) => boolean | Promise<boolean>,
): RequestHandler {
  return async (req, res, next) => {
    const body = req.method === 'POST' ? req.body : req.query;
    if (Array.isArray(body)) {
      refuse(res, 400, { message: 'Batched requests are not accepted: send one operation per request', extensions: { code: 'BATCHED_REQUESTS_DISABLED' } });
      return;
    }
    const query = body?.query;
    if (typeof query !== 'string') return next(); // Apollo answers with its own 400
    let document: DocumentNode;
    try {
      document = parse(query, { maxTokens: limits.maxTokens, noLocation: true });
    } catch (error) {
      if (error instanceof GraphQLError && /tokens/.test(error.message)) {
        refuse(res, 400, new LimitError('TOKEN_LIMIT', `The document has more than ${limits.maxTokens} tokens`, limits.maxTokens));
        return;
      }
      return next(); // a syntax error: Apollo reports GRAPHQL_PARSE_FAILED with the location
    }
    let variables: Record<string, unknown> = {};
    if (body.variables && typeof body.variables === 'object') variables = body.variables;
    else if (typeof body.variables === 'string') {
      try {
        variables = JSON.parse(body.variables);
      } catch {
        variables = {};
      }
    }
    if (nestingDepth(variables) > MAX_VARIABLE_DEPTH) {
      refuse(res, 400, new LimitError('VARIABLES_DEPTH_LIMIT', `Variables are nested deeper than ${MAX_VARIABLE_DEPTH} levels`, MAX_VARIABLE_DEPTH));
      return;
    }
    try {
      const current = schema();
      if (current) checkLimits(current, document, variables ?? {}, limits, typeof body.operationName === 'string' ? body.operationName : null);
    } catch (error) {
      if (error instanceof LimitError) {
        refuse(res, 400, error);
        return;
      }
      throw error;
    }
    // What later middleware (the response cache) needs to know of the operation.
    const operation = document.definitions.find(
      (definition): definition is OperationDefinitionNode =>
        definition.kind === Kind.OPERATION_DEFINITION && (!body.operationName || definition.name?.value === body.operationName),
    );
    const introspection = introspectionOf(document, typeof body.operationName === 'string' ? body.operationName : null).reads;
    res.locals.graphqlOperation = { type: operation?.operation, introspection } satisfies OperationInfo;
    if (introspection && !(await mayIntrospect(req))) {
      refuse(res, 400, { message: 'Introspection is disabled here; sign in with a partner token to read the schema', extensions: { code: 'INTROSPECTION_DISABLED' } });
      return;
    }
    next();
  };
}
