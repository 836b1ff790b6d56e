import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import type { RequestHandler } from 'express';
import {
  getNamedType, getNullableType, getVariableValues, GraphQLError, isCompositeType, isListType, Kind, validate, visit,
  type ArgumentNode, type DocumentNode, type FragmentDefinitionNode, type GraphQLSchema, type OperationDefinitionNode, type SelectionSetNode,
} from 'graphql';
import { getComplexity, type ComplexityEstimatorArgs } from 'graphql-query-complexity';
import { envInt } from '../shared/config.js';
import { introspectionOf } from './introspection.js';

/**
 * What one request may ask of the graph, checked by the admission step (`admission.ts`) on the
 * document Apollo resolved, before it is planned or run. Each refusal is a 400 whose
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

export class LimitError extends GraphQLError {
  constructor(readonly code: string, message: string, readonly limit: number, readonly actual?: number) {
    super(message, { extensions: { code, limit, ...(actual === undefined ? {} : { actual }), http: { status: 400 } } });
  }

  /** A fresh error for each request refused by a remembered measure. */
  again(): LimitError {
    return new LimitError(this.code, this.message, this.limit, this.actual);
  }
}

/** What admission learned of an operation: its cost and how it touches the schema. */
export interface Measured {
  /** Rows the operation may ask for (see `RequestLimits.maxCost`), variable defaults included. */
  cost: number;
  introspection: { reads: boolean; only: boolean };
}

const FOUND = /found (\d+)/;

/** Depth, alias and directive measures depend on the document only: one per parsed document. */
const structureChecked = new WeakMap<DocumentNode, Map<string, LimitError | null>>();

/**
 * Measures the operation a request will run, on the document Apollo resolved (from text, an APQ
 * hash, GET or a trusted document id alike), and throws a LimitError at the first limit it
 * exceeds. Depth, aliases and directives are GraphQL Armor's rules; the cost is
 * graphql-query-complexity's walk with our estimator (`first` × child cost, variables coerced
 * with their defaults).
 */
export function measureOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  limits: RequestLimits,
): Measured {
  const operationName = operation.name?.value ?? null;
  const introspection = introspectionOf(document, operationName);
  checkStructure(schema, document, operation, introspection.only ? limits.maxIntrospectionDepth : limits.maxDepth, limits);

  const cost = costOf(schema, document, operation, variables, limits);
  if (cost > limits.maxCost) {
    throw new LimitError('COST_LIMIT', `The operation may ask for ${Math.round(cost)} rows; the limit is ${limits.maxCost}`, limits.maxCost, Math.round(cost));
  }
  return { cost, introspection };
}

/**
 * Costs measured per parsed document, by the values of the variables a cost can depend on: those
 * given to a `first` argument or to a directive (`@include(if: $x)`). Any other variable (a
 * filter, a cursor) changes what a request reads, never how many rows it may ask for, so varied
 * traffic on one document walks it once instead of once per request.
 */
const measuredCosts = new WeakMap<DocumentNode, { variables: string[]; costs: Map<string, number | LimitError> }>();
/** Distinct cost-relevant variable values remembered per document (then it starts afresh). */
const MAX_COSTS_PER_DOCUMENT = 256;
const NOT_GIVEN = { notGiven: true };

function costOf(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>, limits: RequestLimits): number {
  // Variables that do not fit their types: the same answer graphql-js gives when it executes
  // (and graphql-query-complexity's: its last error).
  if (operation.variableDefinitions?.length) {
    const { errors } = getVariableValues(schema, operation.variableDefinitions, variables);
    if (errors?.length) throw new GraphQLError(errors[errors.length - 1].message, { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
  }
  let measured = measuredCosts.get(document);
  if (!measured) measuredCosts.set(document, (measured = { variables: costVariables(document), costs: new Map() }));
  const key = `${operation.name?.value ?? ''}\u0000${JSON.stringify(measured.variables.map((name) => (name in variables ? variables[name] : NOT_GIVEN)))}`;
  const known = measured.costs.get(key);
  if (known instanceof LimitError) throw known.again();
  if (known !== undefined) return known;
  let result: number | LimitError;
  try {
    result = getComplexity({
      schema,
      query: operation.name ? document : { ...document, definitions: document.definitions.filter((definition) => definition.kind !== Kind.OPERATION_DEFINITION || definition === operation) },
      variables,
      operationName: operation.name?.value,
      estimators: [rowsEstimator(limits)],
      maxQueryNodes: MAX_QUERY_NODES,
    });
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    if (!/maximum allowed number of nodes/.test(error.message)) throw new GraphQLError(error.message, { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
    result = new LimitError('COST_LIMIT', `The operation selects more than ${MAX_QUERY_NODES} fields once fragments are spread; the cost limit is ${limits.maxCost}`, limits.maxCost);
  }
  if (measured.costs.size >= MAX_COSTS_PER_DOCUMENT) measured.costs.clear();
  measured.costs.set(key, result);
  if (result instanceof LimitError) throw result.again();
  return result;
}

/** Names of the variables given to a `first` argument or to a directive anywhere in the document. */
function costVariables(document: DocumentNode): string[] {
  const names = new Set<string>();
  const add = (argument: ArgumentNode) => {
    if (argument.value.kind === Kind.VARIABLE) names.add(argument.value.name.value);
  };
  visit(document, {
    Directive(directive) {
      directive.arguments?.forEach(add);
    },
    Field(field) {
      field.arguments?.forEach((argument) => argument.name.value === 'first' && add(argument));
    },
  });
  return [...names].sort();
}

/** Fields a fragment-spread document may expand to before it counts as over the cost limit. */
const MAX_QUERY_NODES = 10_000;

/** Rows a field may return: `first` of a connection, the assumed size of a plain list, else 1. */
function rowsEstimator(limits: RequestLimits) {
  return ({ type, field, args, childComplexity }: ComplexityEstimatorArgs): number => {
    // Only fields with sub-selections fetch rows; their size multiplies what the children ask.
    if (!isCompositeType(getNamedType(field.type))) return 0;
    let rows = 1;
    if ('first' in args) rows = typeof args.first === 'number' && Number.isFinite(args.first) && args.first >= 0 ? args.first : limits.assumedListSize;
    // A connection's edges are already counted by its `first`.
    else if (isListType(getNullableType(field.type))) rows = type.name.endsWith('Connection') ? 1 : limits.assumedListSize;
    return rows + rows * childComplexity;
  };
}

function checkStructure(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, maxDepth: number, limits: RequestLimits): void {
  let checked = structureChecked.get(document);
  const key = `${operation.name?.value ?? ''}\u0000${maxDepth}`;
  const known = checked?.get(key);
  if (known !== undefined) {
    if (known) throw known.again();
    return;
  }
  let refusal: LimitError | null = null;
  const rootFields = countRootFields(document, operation);
  if (rootFields > limits.maxRootFields) {
    refusal = new LimitError('ROOT_FIELD_LIMIT', `The operation selects ${rootFields} root fields; at most ${limits.maxRootFields} are allowed`, limits.maxRootFields, rootFields);
  } else {
    // Armor's rules report through `onReject` instead of throwing, so the first refusal keeps its code.
    const reject = (code: string, what: string, limit: number) => [
      (_context: unknown, error: GraphQLError) => {
        if (refusal) return;
        const actual = Number(FOUND.exec(error.message)?.[1]);
        refusal = new LimitError(code, `The operation ${what} ${Number.isFinite(actual) ? actual : 'more'} times/levels; the limit is ${limit}`, limit, Number.isFinite(actual) ? actual : undefined);
      },
    ];
    const options = { exposeLimits: true, propagateOnRejection: false };
    validate(schema, { ...document, definitions: document.definitions.filter((definition) => definition.kind !== Kind.OPERATION_DEFINITION || definition === operation) }, [
      maxDepthRule({ ...options, n: maxDepth, flattenFragments: true, ignoreIntrospection: false, onReject: reject('QUERY_DEPTH_LIMIT', 'is nested', maxDepth) }),
      maxAliasesRule({ ...options, n: limits.maxAliases, onReject: reject('ALIAS_LIMIT', 'uses aliases', limits.maxAliases) }),
      maxDirectivesRule({ ...options, n: limits.maxDirectives, onReject: reject('DIRECTIVE_LIMIT', 'uses directives', limits.maxDirectives) }),
    ]);
  }
  if (!checked) structureChecked.set(document, (checked = new Map()));
  checked.set(key, refusal);
  if (refusal) throw (refusal as LimitError).again();
}

/** Root fields of an operation, fragments at the root included. */
function countRootFields(document: DocumentNode, operation: OperationDefinitionNode): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const seen = new Set<string>();
  const count = (selectionSet: SelectionSetNode): number => {
    let fields = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) fields += 1;
      else if (selection.kind === Kind.INLINE_FRAGMENT) fields += count(selection.selectionSet);
      else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value); // a circular spread is GraphQL validation's to report
        const fragment = fragments.get(selection.name.value);
        if (fragment) fields += count(fragment.selectionSet);
      }
    }
    return fields;
  };
  return count(operation.selectionSet);
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
 * Express middleware in front of Apollo for what the HTTP body alone decides: batched requests
 * off and variables nested at most 32 levels. Everything measured on the document is the
 * admission step's (`admission.ts`), inside Apollo's pipeline.
 */
export function requestShape(): RequestHandler {
  return (req, res, next) => {
    const body = req.method === 'POST' ? req.body : req.query;
    if (Array.isArray(body)) {
      refuse(res, 400, { message: 'Batched requests are not accepted: send one operation per request', extensions: { code: 'BATCHED_REQUESTS_DISABLED' } });
      return;
    }
    let variables: unknown = body?.variables;
    if (typeof variables === 'string') {
      try {
        variables = JSON.parse(variables);
      } catch {
        variables = undefined; // Apollo answers with its own 400
      }
    }
    if (nestingDepth(variables) > MAX_VARIABLE_DEPTH) {
      refuse(res, 400, { message: `Variables are nested deeper than ${MAX_VARIABLE_DEPTH} levels`, extensions: { code: 'VARIABLES_DEPTH_LIMIT', limit: MAX_VARIABLE_DEPTH } });
      return;
    }
    next();
  };
}
