/** The private workspace packages a published mock may bundle. */
export type PrivatePackage =
  | '@proseapi/conformance'
  | '@proseapi/mock-engine'
  | '@proseapi/openapi-model'
  | '@proseapi/xml-codec';

export interface MockBuildInput {
  /** The description's bundle the mock imports (`…/openapi.json`), kept outside the bundle. */
  description: string;
  /** The private packages the mock bundles. */
  bundled: PrivatePackage[];
}

export interface MockBuild {
  /** Options every build of the mock takes. */
  common: {
    format: 'esm'[];
    sourcemap: boolean;
    target: string;
    external: string[];
    noExternal: string[];
    esbuildOptions: (options: { supported?: Record<string, boolean> }) => void;
  };
  /** tsup's `dts` option: declarations with the private packages built in from source. */
  dts: { compilerOptions: { paths: Record<string, string[]> } };
  /** Options of the command's build: one CommonJS file (`dist/cli.cjs`). */
  cli: {
    format: 'cjs'[];
    sourcemap: boolean;
    target: string;
    external: string[];
    noExternal: string[];
    /** Requires the package's own imports (`#description` …) by their paths beside the command. */
    esbuildPlugins: { name: string; setup: (build: unknown) => void }[];
  };
}

/** The tsup options every published mock shares. */
export function mockBuild(input: MockBuildInput): MockBuild;
