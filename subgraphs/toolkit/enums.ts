import { registerEnumType } from 'type-graphql';

/**
 * Registers a TypeScript enum as a GraphQL enum, every value with its description. The table is
 * keyed by the enum's values: a new value without a description does not compile.
 */
export function describeEnum<E extends Record<string, string>>(enumObject: E, name: string, description: string, values: { [Value in keyof E]: string }): void {
  const valuesConfig = Object.fromEntries(Object.entries(values).map(([value, text]) => [value, { description: text }]));
  registerEnumType(enumObject, { name, description, valuesConfig: valuesConfig as { [Value in keyof E]: { description: string } } });
}
