/**
 * A small OpenAPI 3.1 document in the shape the ActivePlatform sections are taking
 * (accounts, subscriptions, orders, invoices, payments, notes, currency rates, plans,
 * async tasks, managers, charges, resellers), for testing the stateful world and the
 * action table on operations the bundle does not have yet.
 */
const MT = 'application/vnd.api+json';
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const param = (name: string) => ({ $ref: `#/components/parameters/${name}` });
const err = { $ref: '#/components/responses/Error' };
const errors = { '401': err, '403': err, '404': err, '422': err, '500': err };

const json = (schema: object, examples?: Record<string, { value: unknown }>) => ({
  content: { [MT]: examples ? { schema, examples } : { schema } },
});
const one = (name: string) => ({
  type: 'object',
  required: ['data'],
  properties: { data: ref(name) },
});
const many = (name: string) => ({
  type: 'object',
  required: ['data', 'links'],
  properties: { data: { type: 'array', items: ref(name) }, links: ref('Links') },
});
const resource = (type: string, attributes: object) => ({
  type: 'object',
  required: ['id', 'type', 'attributes'],
  properties: { id: { type: 'string' }, type: { type: 'string', const: type }, attributes },
});
const input = (attributes: object) => ({
  type: 'object',
  required: ['data'],
  properties: {
    data: { type: 'object', required: ['attributes'], properties: { attributes } },
  },
});
const body = (schema: object, example?: unknown) => ({
  required: true,
  content: {
    [MT]: example === undefined ? { schema } : { schema, examples: { one: { value: example } } },
  },
});
const op = (
  operationId: string,
  responses: Record<string, unknown>,
  extra: Record<string, unknown> = {},
) => ({
  operationId,
  summary: operationId,
  responses: { ...responses, ...errors },
  ...extra,
});
const ok = (schema: object, status = '200', examples?: Record<string, { value: unknown }>) => ({
  [status]: { description: 'OK', ...json(schema, examples) },
});
const pageFilter = (...names: string[]) => [
  param('page'),
  {
    name: 'filter',
    in: 'query',
    style: 'deepObject',
    explode: true,
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: Object.fromEntries(names.map((n) => [n, { type: 'string' }])),
    },
  },
];

const stamps = { created_at: ref('DateTime'), updated_at: ref('DateTime') };

export const fixtureSpec = {
  openapi: '3.1.0',
  info: { title: 'ActivePlatform-like fixture', version: '1.0.0' },
  servers: [{ url: 'https://fixture.example' }],
  security: [{ ApiToken: [] }],
  paths: {
    '/api/v3/resellers/{reseller_id}': {
      parameters: [param('reseller_id')],
      get: op('getReseller', ok(one('Reseller'))),
    },
    '/api/v3/resellers/{reseller_id}/child_resellers': {
      parameters: [param('reseller_id')],
      get: op('listChildResellers', ok(many('Reseller')), { parameters: [param('page')] }),
    },
    '/api/v3/resellers/{reseller_id}/accounts': {
      parameters: [param('reseller_id')],
      get: op('listAccounts', ok(many('Account')), { parameters: pageFilter('status', 'name') }),
      post: op('createAccount', ok(one('Account'), '201'), {
        requestBody: body(
          input({
            type: 'object',
            additionalProperties: false,
            required: ['name'],
            properties: {
              name: { type: 'string', minLength: 1 },
              email: { type: 'string', format: 'email' },
            },
          }),
          {
            data: { attributes: { name: 'New Customer Ltd', email: 'owner@new-customer.example' } },
          },
        ),
      }),
    },
    '/api/v3/resellers/{reseller_id}/accounts/{account_id}': {
      parameters: [param('reseller_id'), param('account_id')],
      get: op(
        'getAccount',
        ok(one('Account'), '200', {
          found: {
            value: {
              data: {
                id: '505',
                type: 'accounts',
                attributes: {
                  created_at: '2023-03-27T11:35:12.509+03:00',
                  updated_at: '2023-03-27T11:35:12.509+03:00',
                  reseller_id: 1,
                  name: 'Example account',
                  email: 'owner@example.com',
                  status: 'active',
                  balance: '0.0',
                },
              },
            },
          },
        }),
      ),
      patch: op('updateAccount', ok(one('Account')), {
        requestBody: body(
          input({
            type: 'object',
            additionalProperties: false,
            properties: {
              name: { type: 'string', minLength: 1 },
              email: { type: 'string', format: 'email' },
            },
          }),
        ),
      }),
    },
    '/api/v3/resellers/{reseller_id}/subscriptions': {
      parameters: [param('reseller_id')],
      get: op('listSubscriptions', ok(many('Subscription')), {
        parameters: pageFilter('status', 'account_id', 'plan_id'),
      }),
    },
    '/api/v3/resellers/{reseller_id}/subscriptions/{subscription_id}': {
      parameters: [param('reseller_id'), param('subscription_id')],
      get: op('getSubscription', ok(one('Subscription'))),
      patch: op('updateSubscription', ok(one('Subscription')), {
        requestBody: body(
          input({ type: 'object', properties: { autorenew: { type: 'boolean' } } }),
        ),
      }),
    },
    '/api/v3/resellers/{reseller_id}/subscriptions/{subscription_id}/stop_operation': {
      parameters: [param('reseller_id'), param('subscription_id')],
      post: op('stopSubscription', ok(one('Subscription'))),
    },
    '/api/v3/resellers/{reseller_id}/subscriptions/{subscription_id}/activate_operation': {
      parameters: [param('reseller_id'), param('subscription_id')],
      post: op('activateSubscription', ok(one('Subscription'))),
    },
    '/api/v3/resellers/{reseller_id}/subscriptions/{subscription_id}/delete_operation': {
      parameters: [param('reseller_id'), param('subscription_id')],
      post: op('deleteSubscription', { '200': { description: 'Deleted; no body.' } }),
    },
    '/api/v3/resellers/{reseller_id}/orders': {
      parameters: [param('reseller_id')],
      get: op('listOrders', ok(many('Order')), { parameters: pageFilter('status', 'account_id') }),
    },
    '/api/v3/resellers/{reseller_id}/orders/{order_id}': {
      parameters: [param('reseller_id'), param('order_id')],
      get: op('getOrder', ok(one('Order'))),
    },
    '/api/v3/resellers/{reseller_id}/orders/{order_id}/cancel_operation': {
      parameters: [param('reseller_id'), param('order_id')],
      post: op('cancelOrder', { '200': { description: 'Cancelled; empty body.' } }),
    },
    '/api/v3/resellers/{reseller_id}/sales_order': {
      parameters: [param('reseller_id')],
      post: op('createSalesOrder', ok(one('Order'), '201'), {
        requestBody: body(
          input({
            type: 'object',
            required: ['account_id', 'plan_id'],
            properties: {
              account_id: { type: 'integer' },
              plan_id: { type: 'integer' },
              plan_period_id: { type: 'integer' },
            },
          }),
          { data: { attributes: { account_id: 505, plan_id: 2000031, plan_period_id: 20000311 } } },
        ),
      }),
    },
    '/api/v3/resellers/{reseller_id}/invoices': {
      parameters: [param('reseller_id')],
      get: op('listInvoices', ok(many('Invoice')), {
        parameters: pageFilter('status', 'account_id'),
      }),
    },
    '/api/v3/resellers/{reseller_id}/invoices/{invoice_id}': {
      parameters: [param('reseller_id'), param('invoice_id')],
      get: op('getInvoice', ok(one('Invoice'))),
    },
    '/api/v3/resellers/{reseller_id}/invoices/{invoice_id}/complete': {
      parameters: [param('reseller_id'), param('invoice_id')],
      post: op('completeInvoiceById', ok(one('Invoice'))),
    },
    '/api/v3/resellers/{reseller_id}/invoices/{invoice_id}/revoke': {
      parameters: [param('reseller_id'), param('invoice_id')],
      post: op('revokeInvoiceApproval', ok(one('Invoice'))),
    },
    '/api/v3/resellers/{reseller_id}/accounts/{account_id}/approve_invoices': {
      parameters: [param('reseller_id'), param('account_id')],
      post: op('approveInvoice', ok(one('Invoice')), {
        requestBody: body(
          {
            type: 'object',
            required: ['document_id'],
            properties: { document_id: { type: 'string' }, billing_date: ref('Date') },
          },
          { document_id: 'INV-2099-00042', billing_date: '2099-11-01' },
        ),
      }),
    },
    '/api/v3/resellers/{reseller_id}/payments': {
      parameters: [param('reseller_id')],
      get: op('listPayments', ok(many('Payment')), {
        parameters: pageFilter('status', 'account_id'),
      }),
      post: op('createPayment', ok(one('Payment'), '201'), {
        requestBody: body(
          input({
            type: 'object',
            required: ['account_id', 'total'],
            properties: {
              account_id: { type: 'integer' },
              total: ref('Decimal'),
              comment: { type: 'string' },
            },
          }),
          { data: { attributes: { account_id: 505, total: '100.00', comment: 'Top-up' } } },
        ),
      }),
    },
    '/api/v3/resellers/{reseller_id}/payments/{payment_id}': {
      parameters: [param('reseller_id'), param('payment_id')],
      get: op('getPayment', ok(one('Payment'))),
      patch: op('completePayment', ok(one('Payment')), {
        requestBody: body({
          oneOf: [
            input({
              type: 'object',
              required: ['payment_method_id'],
              additionalProperties: false,
              properties: { payment_method_id: { type: 'integer' } },
            }),
            input({
              type: 'object',
              required: ['status'],
              additionalProperties: false,
              properties: { status: { const: 'completed' } },
            }),
          ],
        }),
      }),
      delete: op('cancelPayment', ok(one('Payment'))),
    },
    '/api/v3/resellers/{reseller_id}/notes': {
      parameters: [param('reseller_id')],
      get: op('listNotes', ok(many('Note')), {
        parameters: pageFilter('original_id', 'original_type'),
      }),
      post: op('createNote', ok(one('Note'), '201'), {
        requestBody: body(
          input({
            type: 'object',
            required: ['content'],
            properties: {
              id: { type: 'integer' },
              type: { type: 'string', enum: ['Account', 'Subscription', 'Order'] },
              content: { type: 'string', minLength: 1 },
            },
          }),
        ),
      }),
    },
    '/api/v3/resellers/{reseller_id}/notes/{note_id}': {
      parameters: [param('reseller_id'), param('note_id')],
      get: op('getNote', ok(one('Note'))),
      delete: op('deleteNote', { '204': { description: 'Deleted.' } }),
    },
    '/api/v3/resellers/{reseller_id}/currency_rates': {
      parameters: [param('reseller_id')],
      get: op('listCurrencyRates', ok(one('CurrencyRates'))),
      patch: op(
        'updateCurrencyRates',
        ok(
          {
            type: 'object',
            required: ['data'],
            properties: { data: { type: 'array', items: ref('CurrencyRate') } },
          },
          '200',
          {
            updated: {
              value: {
                data: [
                  {
                    id: '14',
                    type: 'currency_rates',
                    attributes: { from_id: 1, to_id: 2, rate: '1.22', current: true },
                  },
                ],
              },
            },
          },
        ),
        {
          requestBody: body({
            type: 'object',
            required: ['data'],
            properties: {
              data: {
                type: 'object',
                required: ['attributes'],
                properties: {
                  attributes: {
                    type: 'array',
                    items: {
                      type: 'object',
                      required: ['base_currency', 'foreign_currency', 'rate'],
                      properties: {
                        base_currency: { type: 'string' },
                        foreign_currency: { type: 'string' },
                        quantity: { type: 'integer' },
                        rate: { type: 'number' },
                        show_for_client: { type: 'boolean' },
                      },
                    },
                  },
                },
              },
            },
          }),
        },
      ),
    },
    '/api/v3/resellers/{reseller_id}/plans': {
      parameters: [param('reseller_id')],
      get: op('listPlans', ok(many('Plan')), { parameters: [param('page')] }),
    },
    '/api/v3/resellers/{reseller_id}/plans/{plan_id}': {
      parameters: [param('reseller_id'), param('plan_id')],
      get: op('getPlan', ok(one('Plan'))),
    },
    '/api/v3/resellers/{reseller_id}/plans/{plan_id}/order_attributes_validation': {
      parameters: [param('reseller_id'), param('plan_id')],
      post: op('validatePlanOrderAttributes', ok(one('AsyncTask'), '201'), {
        requestBody: body(
          {
            type: 'object',
            required: ['data'],
            properties: {
              data: { type: 'object', properties: { account_id: { type: 'integer' } } },
            },
          },
          { data: { account_id: 505 } },
        ),
      }),
    },
    '/api/v3/resellers/{reseller_id}/async_tasks/{async_task_id}': {
      parameters: [
        param('reseller_id'),
        {
          name: 'async_task_id',
          in: 'path',
          required: true,
          schema: { type: 'string' },
          example: '9b68427b-52d5-4c01-9b77-eb1b70517414',
        },
      ],
      get: op(
        'getAsyncTask',
        ok(one('AsyncTask'), '200', {
          done: {
            value: {
              data: {
                id: '9b68427b-52d5-4c01-9b77-eb1b70517414',
                type: 'async_tasks',
                attributes: {
                  status: 'completed',
                  failure_message: null,
                  results: { valid: true, errors: [], application_attributes: {} },
                },
              },
            },
          },
        }),
      ),
    },
    '/api/v3/resellers/{reseller_id}/managers': {
      parameters: [param('reseller_id')],
      get: op('listManagers', ok(many('Manager')), { parameters: [param('page')] }),
      post: op('createManager', ok(one('Manager'), '201'), {
        requestBody: body(
          input({
            type: 'object',
            required: ['name', 'email'],
            properties: {
              name: { type: 'string' },
              email: { type: 'string', format: 'email' },
              manager_role_id: { type: 'integer' },
            },
          }),
        ),
      }),
    },
    '/api/v3/resellers/{reseller_id}/managers/{manager_id}': {
      parameters: [param('reseller_id'), param('manager_id')],
      get: op('getManager', ok(one('Manager'))),
      patch: op('updateManager', ok(one('Manager')), {
        requestBody: body(
          input({
            type: 'object',
            properties: {
              name: { type: 'string' },
              status: { type: 'string', enum: ['active', 'inactive'] },
            },
          }),
        ),
      }),
    },
    '/api/v3/resellers/{reseller_id}/charges': {
      parameters: [param('reseller_id')],
      get: op('listCharges', ok(many('Charge')), { parameters: [param('page')] }),
    },
    '/api/v3/resellers/{reseller_id}/charges/{charge_id}': {
      parameters: [param('reseller_id'), param('charge_id')],
      get: op('getCharge', ok(one('Charge'))),
    },
  },
  components: {
    securitySchemes: { ApiToken: { type: 'apiKey', in: 'header', name: 'X-Api-Token' } },
    parameters: {
      reseller_id: {
        name: 'reseller_id',
        in: 'path',
        required: true,
        schema: { type: 'integer' },
        example: 1,
      },
      account_id: {
        name: 'account_id',
        in: 'path',
        required: true,
        schema: { type: 'integer' },
        example: 505,
      },
      subscription_id: {
        name: 'subscription_id',
        in: 'path',
        required: true,
        schema: { type: 'integer' },
        example: 3007095,
      },
      order_id: {
        name: 'order_id',
        in: 'path',
        required: true,
        schema: { type: 'integer' },
        example: 4200,
      },
      invoice_id: {
        name: 'invoice_id',
        in: 'path',
        required: true,
        schema: { type: 'integer' },
        example: 6001,
      },
      payment_id: {
        name: 'payment_id',
        in: 'path',
        required: true,
        schema: { type: 'integer' },
        example: 7002,
      },
      note_id: {
        name: 'note_id',
        in: 'path',
        required: true,
        schema: { type: 'integer' },
        example: 8001,
      },
      plan_id: {
        name: 'plan_id',
        in: 'path',
        required: true,
        schema: { type: 'integer' },
        example: 2999999,
      },
      manager_id: {
        name: 'manager_id',
        in: 'path',
        required: true,
        schema: { type: 'integer' },
        example: 1,
      },
      charge_id: {
        name: 'charge_id',
        in: 'path',
        required: true,
        schema: { type: 'integer' },
        example: 5200,
      },
      page: {
        name: 'page',
        in: 'query',
        style: 'deepObject',
        explode: true,
        schema: {
          type: 'object',
          additionalProperties: false,
          properties: {
            size: { type: 'integer', minimum: 1, maximum: 1000, default: 50 },
            number: { type: 'integer', minimum: 1 },
          },
        },
      },
    },
    responses: {
      Error: {
        description: 'An error.',
        content: { [MT]: { schema: ref('ErrorDocument') } },
      },
    },
    schemas: {
      DateTime: {
        type: 'string',
        pattern:
          '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?(Z|[+-][0-9]{2}:?[0-9]{2})$',
        examples: ['2024-01-01T10:00:00.000+00:00'],
      },
      Date: { type: 'string', format: 'date', examples: ['2024-11-01'] },
      Decimal: { type: 'string', pattern: '^-?[0-9]+(\\.[0-9]+)?$', examples: ['10.00'] },
      ErrorDocument: {
        type: 'object',
        required: ['errors'],
        properties: {
          errors: {
            oneOf: [ref('ErrorObject'), { type: 'array', minItems: 1, items: ref('ErrorObject') }],
          },
        },
      },
      ErrorObject: {
        type: 'object',
        required: ['title', 'status'],
        properties: {
          title: { type: 'string' },
          status: { type: 'string', pattern: '^[1-5][0-9]{2}$' },
        },
      },
      Links: {
        type: 'object',
        required: ['self', 'first', 'last'],
        properties: {
          self: { type: 'string', format: 'uri' },
          first: { type: 'string', format: 'uri' },
          last: { type: 'string', format: 'uri' },
          prev: { type: ['string', 'null'], format: 'uri' },
          next: { type: 'string', format: 'uri' },
        },
      },
      Reseller: resource('resellers', {
        type: 'object',
        required: ['parent_id', 'general'],
        properties: {
          parent_id: { type: ['string', 'null'] },
          general: {
            type: 'object',
            required: ['name'],
            properties: { name: { type: 'string' }, currency: { type: 'string' } },
          },
        },
      }),
      Account: resource('accounts', {
        type: 'object',
        additionalProperties: false,
        required: ['created_at', 'updated_at', 'reseller_id', 'name', 'status'],
        properties: {
          ...stamps,
          reseller_id: { type: 'integer' },
          name: { type: 'string' },
          email: { type: 'string' },
          status: { type: 'string', enum: ['active', 'blocked'] },
          balance: ref('Decimal'),
        },
      }),
      Subscription: resource('subscriptions', {
        type: 'object',
        required: ['status', 'account_id', 'plan_id'],
        properties: {
          ...stamps,
          plan_id: { type: 'integer' },
          account_id: { type: 'integer' },
          name: { type: 'string' },
          status: { type: 'string', enum: ['pending', 'active', 'stopped', 'deleted'] },
          trial: { type: 'boolean' },
          autorenew: { type: 'boolean' },
        },
      }),
      Order: resource('orders', {
        type: 'object',
        required: ['status', 'type', 'account_id'],
        properties: {
          ...stamps,
          document_id: { type: 'string' },
          status: { type: 'string', enum: ['new', 'completed', 'cancelled'] },
          type: {
            type: 'string',
            enum: ['SalesOrder', 'SwitchOrder', 'ChangeOrder', 'RenewalOrder', 'ProlongOrder'],
          },
          account_id: { type: 'integer' },
          plan_id: { type: 'integer' },
          total: ref('Decimal'),
        },
      }),
      Invoice: resource('invoices', {
        type: 'object',
        required: ['document_id', 'status', 'account_id', 'approved'],
        properties: {
          ...stamps,
          document_id: { type: 'string' },
          status: { type: 'string', enum: ['new', 'paid'] },
          total: ref('Decimal'),
          account_id: { type: 'integer' },
          approved: { type: 'boolean' },
        },
      }),
      Payment: resource('payments', {
        type: 'object',
        required: ['account_id', 'total', 'status'],
        properties: {
          ...stamps,
          account_id: { type: 'integer' },
          total: ref('Decimal'),
          currency_code: { type: 'string', pattern: '^[A-Z]{3}$' },
          status: { type: 'string', enum: ['new', 'completed', 'cancelled'] },
          document_id: { type: 'string' },
          payment_method_id: { type: 'integer' },
          comment: { type: 'string' },
        },
      }),
      Note: resource('notes', {
        type: 'object',
        required: ['content'],
        properties: {
          ...stamps,
          content: { type: 'string' },
          creator: { type: 'string' },
          original_id: { type: 'integer' },
          original_type: { type: 'string' },
        },
      }),
      CurrencyRates: resource('currency_rates', {
        type: 'object',
        required: ['reseller_currency_iso_code', 'rates'],
        properties: {
          reseller_currency_iso_code: { type: 'string' },
          rates: {
            type: 'array',
            items: {
              type: 'object',
              required: ['iso_code', 'rate'],
              properties: {
                iso_code: { type: 'string' },
                quantity: { type: 'integer' },
                rate: ref('Decimal'),
                show_for_client: { type: 'boolean' },
              },
            },
          },
        },
      }),
      CurrencyRate: resource('currency_rates', {
        type: 'object',
        properties: {
          from_id: { type: 'integer' },
          to_id: { type: 'integer' },
          rate: ref('Decimal'),
          current: { type: 'boolean' },
        },
      }),
      Plan: resource('plans', {
        type: 'object',
        required: ['name', 'status'],
        properties: {
          name: { type: 'string' },
          status: { type: 'string' },
          reseller_id: { type: 'integer' },
          billing_type: { type: 'string' },
          fixed_price: ref('Decimal'),
        },
      }),
      AsyncTask: resource('async_tasks', {
        type: 'object',
        required: ['status'],
        properties: {
          status: { type: 'string', enum: ['pending', 'running', 'completed', 'failed'] },
          failure_message: { type: ['string', 'null'] },
          results: {
            type: 'object',
            properties: {
              valid: { type: 'boolean' },
              errors: { type: 'array', items: { type: 'string' } },
              application_attributes: { type: 'object' },
            },
          },
        },
      }),
      Manager: resource('managers', {
        type: 'object',
        required: ['name', 'email', 'status'],
        properties: {
          ...stamps,
          reseller_id: { type: 'integer' },
          name: { type: 'string' },
          email: { type: 'string' },
          status: { type: 'string', enum: ['active', 'inactive'] },
          manager_role: {
            type: 'object',
            properties: { id: { type: 'integer' }, name: { type: 'string' } },
          },
        },
      }),
      Charge: resource('charges', {
        type: 'object',
        required: ['subscription_id', 'total'],
        properties: {
          subscription_id: { type: 'integer' },
          quantity: { type: 'integer' },
          total: ref('Decimal'),
        },
      }),
    },
  },
};
