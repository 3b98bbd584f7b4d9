/** The part of openapi-overlays-js this tool uses (the package ships no types). */
declare module 'openapi-overlays-js/src/overlay.js' {
  /** Applies an Overlay's actions to a parsed OpenAPI document, in place where it can; returns the result. */
  export function applyOverlay(definition: unknown, overlay: { actions: unknown[] }): unknown;
}
