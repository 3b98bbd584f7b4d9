export declare const CHROMIUM_NAMES: readonly string[];
export declare const CHROMIUM_ARGS: string[];
export declare const INSTALL_COMMAND: string;
export declare function probeChromium(file: string): string | undefined;
export declare function chromiumCandidates(env: NodeJS.ProcessEnv): string[];
export declare function findChromium(options?: {
  env?: NodeJS.ProcessEnv;
  probe?: (file: string) => string | undefined;
}): { path: string; version: string } | undefined;
export declare function missingChromiumMessage(env: NodeJS.ProcessEnv): string;
export declare function requireChromium(env?: NodeJS.ProcessEnv): string;
