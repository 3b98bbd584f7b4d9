/**
 * The actions of API v3 that create/read/update/delete does not express, as data (the
 * operation by its path ending, and what it changes), and the async task that moves on
 * each time it is read.
 */

import type { ActionRule, ReadHook } from '@proseapi/mock-engine';
import { isObject, type JsonObject } from '@proseapi/openapi-model';
import { COLLECTIONS as C } from './collections.js';

/** `PATCH /currency_rates`: each entry of `data.attributes[]` sets the rate of one foreign currency. */
function mergeCurrencyRates(fields: JsonObject, body: unknown): void {
  const entries =
    isObject(body) && isObject(body.data) && Array.isArray(body.data.attributes)
      ? body.data.attributes.filter(isObject)
      : [];
  const rates = Array.isArray(fields.rates) ? fields.rates.filter(isObject) : [];
  for (const entry of entries) {
    const code = entry.foreign_currency;
    if (typeof code !== 'string') continue;
    let rate = rates.find((r) => r.iso_code === code);
    if (!rate) {
      rate = { iso_code: code, unit: code, quantity: 1, rate: '1', show_for_client: false };
      rates.push(rate);
    }
    if (entry.rate !== undefined) rate.rate = String(entry.rate);
    if (typeof entry.quantity === 'number') rate.quantity = entry.quantity;
    if (typeof entry.show_for_client === 'boolean') rate.show_for_client = entry.show_for_client;
  }
  fields.rates = rates;
}

const COMPLETED = ['completed', 'paid', 'closed'];
const CANCELLED = ['cancelled', 'canceled'];
const byDocument = (collection: string): NonNullable<ActionRule['target']> => ({
  kind: 'lookup',
  collection,
  match: [
    { field: 'document_id', from: 'body', name: 'document_id' },
    { field: 'account_id', from: 'path', name: 'account_id' },
  ],
});

const ORDER_KINDS: [string, string[]][] = [
  ['sales_order', ['SalesOrder', 'sales_order', 'sales']],
  ['switch_order', ['SwitchOrder', 'switch_order', 'switch']],
  ['change_order', ['ChangeOrder', 'change_order', 'change']],
  ['renewal_order', ['RenewalOrder', 'renewal_order', 'renewal']],
  ['prolong_order', ['ProlongOrder', 'prolong_order', 'prolong']],
];

export const ACTIONS: readonly ActionRule[] = [
  {
    name: 'stopSubscription',
    method: 'POST',
    path: '/subscriptions/{}/stop_operation',
    set: { status: ['stopped', 'suspended', 'inactive'] },
  },
  {
    name: 'activateSubscription',
    method: 'POST',
    path: '/subscriptions/{}/activate_operation',
    set: { status: ['active'] },
  },
  {
    name: 'deleteSubscription',
    method: 'POST',
    path: '/subscriptions/{}/delete_operation',
    set: { status: ['deleted', 'terminated', 'removed'] },
  },
  {
    name: 'cancelOrder',
    method: 'POST',
    path: '/orders/{}/cancel_operation',
    set: { status: CANCELLED },
  },
  {
    name: 'approveInvoiceById',
    method: 'POST',
    path: '/invoices/{}/approve',
    set: { approved: [true] },
  },
  {
    name: 'completeInvoiceById',
    method: 'POST',
    path: '/invoices/{}/complete',
    set: { status: COMPLETED },
  },
  {
    name: 'revokeInvoiceApproval',
    method: 'POST',
    path: '/invoices/{}/revoke',
    set: { approved: [false] },
  },
  {
    name: 'approveInvoice',
    method: 'POST',
    path: '/accounts/{}/approve_invoices',
    target: byDocument(C.invoices),
    set: { approved: [true] },
  },
  {
    name: 'completeInvoice',
    method: 'POST',
    path: '/accounts/{}/complete_invoices',
    target: byDocument(C.invoices),
    set: { status: COMPLETED },
  },
  {
    name: 'completePayment',
    method: 'PATCH',
    path: '/payments/{}',
    mergeBody: true,
    set: { status: COMPLETED },
  },
  { name: 'cancelPayment', method: 'DELETE', path: '/payments/{}', set: { status: CANCELLED } },
  {
    name: 'completePaymentByDocument',
    method: 'POST',
    path: '/payments/{}',
    target: {
      kind: 'lookup',
      collection: C.payments,
      match: [{ field: 'document_id', from: 'path', name: '*' }],
    },
    set: { status: COMPLETED },
  },
  ...ORDER_KINDS.map(
    ([segment, kinds]): ActionRule => ({
      name: `create ${segment}`,
      method: 'POST',
      path: `/resellers/{}/${segment}`,
      create: {
        collection: C.orders,
        set: { type: kinds, status: ['new', 'pending', 'processing'] },
      },
    }),
  ),
  {
    name: 'validatePlanOrderAttributes',
    method: 'POST',
    path: '/plans/{}/order_attributes_validation',
    create: { collection: C.asyncTasks, id: 'uuid', set: { status: ['pending'] } },
  },
  {
    name: 'updateCurrencyRates',
    method: 'PATCH',
    path: '/resellers/{}/currency_rates',
    target: { kind: 'singleton', collection: C.currencyRates },
    apply: mergeCurrencyRates,
  },
  {
    name: 'listChildResellers',
    method: 'GET',
    path: '/resellers/{}/child_resellers',
    view: {
      collection: C.resellers,
      where: (fields, path) =>
        fields.parent_id !== null &&
        fields.parent_id !== undefined &&
        String(fields.parent_id) === String(path.reseller_id),
    },
  },
];

const TASK_STEPS: unknown[][] = [
  ['pending'],
  ['running', 'in_progress', 'processing'],
  ['completed', 'done', 'finished'],
];

/** Each read of an async task moves it one step on: pending, running, completed (with results). */
export const TASK_PROGRESS: ReadHook = {
  collection: C.asyncTasks,
  update({ fields, enumValue, now }) {
    const position = TASK_STEPS.findIndex((step) => step.includes(fields.status));
    if (position === -1 || position >= TASK_STEPS.length - 1) return false;
    fields.status = enumValue('status', TASK_STEPS[position + 1] as unknown[]);
    if (position + 1 === TASK_STEPS.length - 1) {
      fields.results = { valid: true, errors: [], application_attributes: {} };
      if ('failure_message' in fields) fields.failure_message = null;
    }
    if ('updated_at' in fields) fields.updated_at = now.toISOString();
    return true;
  },
};
