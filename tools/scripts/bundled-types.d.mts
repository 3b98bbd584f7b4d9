/** The private workspace packages a published package may bundle. */
export type PrivatePackage =
  | '@proseapi/conformance'
  | '@proseapi/mock-engine'
  | '@proseapi/openapi-model'
  | '@proseapi/xml-codec';

/** tsup's `dts` option for a package that bundles the named private packages. */
export function bundledTypes(names: PrivatePackage[]): {
  compilerOptions: { paths: Record<string, string[]> };
};
