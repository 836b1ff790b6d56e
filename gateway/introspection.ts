import { Kind, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';

/** The root fields by which a document reads the schema instead of the data. */
const SCHEMA_FIELDS = new Set(['__schema', '__type']);

/**
 * How a document relates to introspection, decided on the parsed document (never on its text):
 * `reads` when any selected operation asks `__schema` or `__type` at its root, `only` when every
 * root field of every selected operation is `__schema`, `__type` or `__typename`.
 *
 * A pure introspection document can only be as large as the schema: graphql-js's
 * `MaxIntrospectionDepthRule` (part of the validation Apollo runs) refuses nested `fields`,
 * `interfaces`, `possibleTypes` and `inputFields` lists, so such a document gets its own depth
 * limit (the introspection query of graphql-js nests 15 levels through `ofType`) instead of the
 * data limits. Tools that read the schema (GraphiQL, code generators, IDE plugins) then work
 * with every limit on.
 */
export function introspectionOf(document: DocumentNode, operationName?: string | null): { reads: boolean; only: boolean } {
  const fragments = new Map<string, FragmentDefinitionNode>();
  const operations: OperationDefinitionNode[] = [];
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    else if (definition.kind === Kind.OPERATION_DEFINITION) operations.push(definition);
  }
  const selected = operationName ? operations.filter((operation) => operation.name?.value === operationName) : operations;

  const rootFields: string[] = [];
  const seen = new Set<string>();
  const collect = (selectionSet: SelectionSetNode) => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) rootFields.push(selection.name.value);
      else if (selection.kind === Kind.INLINE_FRAGMENT) collect(selection.selectionSet);
      else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value); // a circular spread is GraphQL validation's to report
        const fragment = fragments.get(selection.name.value);
        if (fragment) collect(fragment.selectionSet);
      }
    }
  };
  for (const operation of selected) if (operation.operation === 'query') collect(operation.selectionSet);
  const reads = rootFields.some((name) => SCHEMA_FIELDS.has(name));
  const onlyQueries = selected.length > 0 && selected.every((operation) => operation.operation === 'query');
  return { reads, only: reads && onlyQueries && rootFields.every((name) => SCHEMA_FIELDS.has(name) || name === '__typename') };
}
