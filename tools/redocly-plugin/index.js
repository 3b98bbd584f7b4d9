// @ts-check
/**
 * Redocly plugin with the house rules that need code: they look at the path of an
 * operation or at whether a response is a reference to a shared component, which the
 * configurable rules of redocly.yaml cannot see.
 */

/** @typedef {{ $ref?: string } & Record<string, unknown>} MaybeRef */
/** @typedef {{ report: (problem: { message: string, location?: unknown }) => void, location: { child: (key: string | number | (string | number)[]) => unknown }, key: string | number }} Ctx */

const SHARED_ALWAYS = /** @type {const} */ ({
  401: 'Unauthorized',
  403: 'Forbidden',
  '4XX': 'ClientError',
  500: 'InternalServerError',
});

/**
 * True when a response is a reference to the shared component `name`, before bundling
 * (`…/shared/responses/Name.yaml`) or after (`#/components/responses/Name`).
 * @param {unknown} response
 * @param {string} name
 */
function isSharedRef(response, name) {
  const ref = /** @type {MaybeRef | undefined} */ (response)?.$ref;
  if (typeof ref !== 'string') return false;
  return ref.endsWith(`shared/responses/${name}.yaml`) || ref === `#/components/responses/${name}`;
}

/**
 * Path template parameters other than `reseller_id`: an operation on such a path names
 * a resource that may not exist, so it must document 404.
 * @param {string} path
 */
function hasResourceId(path) {
  return [...path.matchAll(/\{([^}]+)\}/g)].some((m) => m[1] !== 'reseller_id');
}

/**
 * Every operation declares the shared error responses: 401, 403, 4XX and 500 by reference
 * to `shared/responses`, 404 when its path names a resource, 422 when it takes a body.
 */
function SharedErrorResponses() {
  let path = '';
  return {
    PathItem: {
      /** @param {unknown} _node @param {Ctx} ctx */
      enter(_node, ctx) {
        path = String(ctx.key);
      },
      Operation: {
        /**
         * @param {{ responses?: Record<string, unknown>, requestBody?: unknown }} operation
         * @param {Ctx} ctx
         */
        enter(operation, ctx) {
          const responses = operation.responses ?? {};
          for (const [code, name] of Object.entries(SHARED_ALWAYS)) {
            if (!(code in responses)) {
              ctx.report({
                message: `Operation must declare the shared ${code} response ($ref to shared/responses/${name}.yaml).`,
                location: ctx.location.child('responses'),
              });
            } else if (!isSharedRef(responses[code], name)) {
              ctx.report({
                message: `Response ${code} must be a $ref to shared/responses/${name}.yaml.`,
                location: ctx.location.child(['responses', code]),
              });
            }
          }
          if (hasResourceId(path) && !('404' in responses)) {
            ctx.report({
              message: `Operation on a path with a resource id (${path}) must declare a 404 response.`,
              location: ctx.location.child('responses'),
            });
          }
          if (operation.requestBody !== undefined && !('422' in responses)) {
            ctx.report({
              message: 'Operation with a request body must declare a 422 response.',
              location: ctx.location.child('responses'),
            });
          }
        },
      },
    },
  };
}

/**
 * The Redocly plugin. `rules.oas3` holds the rules; enable them in redocly.yaml as
 * `activeplatform/<rule>`.
 */
export default function activeplatformPlugin() {
  return {
    id: 'activeplatform',
    rules: {
      oas3: {
        'shared-error-responses': SharedErrorResponses,
      },
    },
  };
}
