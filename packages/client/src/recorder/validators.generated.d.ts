// Types of validators.generated.js, which `scripts/build-recorder-validators.mjs` writes at build time.
export declare const specHash: string;
export declare const validators: Record<
  string,
  ((data: unknown) => boolean) & { errors?: import('ajv').ErrorObject[] | null }
>;
