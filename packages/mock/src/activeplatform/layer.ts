/**
 * The ActivePlatform layer on top of the spec-agnostic engine: manager tokens, the
 * reseller tree that decides what a token reaches, the seeded world, and the
 * actions of API v3 that plain create/read/update/delete does not express.
 */
import type { ActionRule, MockLayer, Principal } from '../engine/layer.js';
import { isObject, type JsonObject } from '../engine/openapi.js';
import { attributesOf } from '../state/stateful.js';
import { normalizeTemplate } from '../state/store.js';
import { COLLECTIONS } from './collections.js';
import {
  DEMO_TOKEN,
  MANAGERS,
  type ManagerEntry,
  RESELLERS,
  type ResellerNode,
  worldFacts,
} from './world.js';

export interface ActivePlatformState {
  resellers: ResellerNode[];
  managers: ManagerEntry[];
}

const C = COLLECTIONS;

/** `PATCH /currency_rates`: each entry of `data.attributes[]` sets the rate of one foreign currency. */
function mergeCurrencyRates(attributes: JsonObject, body: unknown): void {
  const entries =
    isObject(body) && isObject(body.data) && Array.isArray(body.data.attributes)
      ? body.data.attributes.filter(isObject)
      : [];
  const rates = Array.isArray(attributes.rates) ? attributes.rates.filter(isObject) : [];
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
  attributes.rates = rates;
}

const COMPLETED = ['completed', 'paid', 'closed'];
const CANCELLED = ['cancelled', 'canceled'];

/** The actions of API v3 as data: the operation (by path ending) and what it changes. */
export function actionRules(state: () => ActivePlatformState): ActionRule[] {
  const orderKinds: [string, string[]][] = [
    ['sales_order', ['SalesOrder', 'sales_order', 'sales']],
    ['switch_order', ['SwitchOrder', 'switch_order', 'switch']],
    ['change_order', ['ChangeOrder', 'change_order', 'change']],
    ['renewal_order', ['RenewalOrder', 'renewal_order', 'renewal']],
    ['prolong_order', ['ProlongOrder', 'prolong_order', 'prolong']],
  ];
  return [
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
      target: {
        kind: 'lookup',
        collection: C.invoices,
        match: [
          { attribute: 'document_id', from: 'body', name: 'document_id' },
          { attribute: 'account_id', from: 'path', name: 'account_id' },
        ],
      },
      set: { approved: [true] },
    },
    {
      name: 'completeInvoice',
      method: 'POST',
      path: '/accounts/{}/complete_invoices',
      target: {
        kind: 'lookup',
        collection: C.invoices,
        match: [
          { attribute: 'document_id', from: 'body', name: 'document_id' },
          { attribute: 'account_id', from: 'path', name: 'account_id' },
        ],
      },
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
        match: [{ attribute: 'document_id', from: 'path', name: '*' }],
      },
      set: { status: COMPLETED },
    },
    ...orderKinds.map(
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
        where: (resource, path) =>
          state().resellers.find((r) => String(r.id) === String(resource.id))?.parentId ===
          Number(path.reseller_id),
      },
    },
  ];
}

const TASK_STEPS: unknown[][] = [
  ['pending'],
  ['running', 'in_progress', 'processing'],
  ['completed', 'done', 'finished'],
];

/** Builds the ActivePlatform layer (a fresh state each time). */
export function createActivePlatformLayer(): MockLayer & { state(): ActivePlatformState } {
  const initial = (): ActivePlatformState => ({
    resellers: structuredClone(RESELLERS),
    managers: structuredClone(MANAGERS),
  });
  let state = initial();
  const tasksKey = normalizeTemplate(C.asyncTasks);

  const isWithin = (resellerId: number, rootId: number): boolean => {
    let current: number | null | undefined = resellerId;
    const seen = new Set<number>();
    while (current !== null && current !== undefined && !seen.has(current)) {
      if (current === rootId) return true;
      seen.add(current);
      const id: number = current;
      current = state.resellers.find((r) => r.id === id)?.parentId;
    }
    return false;
  };

  return {
    name: 'activeplatform',
    collections: Object.values(C),
    rules: actionRules(() => state),
    state: () => state,
    authenticate(token: string): Principal | undefined {
      const manager = state.managers.find((m) => m.token !== undefined && m.token === token);
      if (!manager) return undefined;
      return { id: String(manager.id), resellerId: manager.resellerId, name: manager.name };
    },
    authorize({ path, principal, stateful }) {
      if (!stateful || !principal || path.reseller_id === undefined) return undefined;
      const resellerId = Number(path.reseller_id);
      if (!state.resellers.some((r) => r.id === resellerId)) {
        return { status: 404, title: 'Reseller not found' };
      }
      if (!isWithin(resellerId, Number(principal.resellerId))) {
        return { status: 403, title: 'Access to this reseller is denied' };
      }
      return undefined;
    },
    onRead({ collection, record, enumValue, now }) {
      if (collection !== tasksKey) return;
      const attributes = attributesOf(record.resource);
      const position = TASK_STEPS.findIndex((step) => step.includes(attributes.status));
      if (position === -1 || position >= TASK_STEPS.length - 1) return;
      attributes.status = enumValue('status', TASK_STEPS[position + 1] as unknown[]);
      if (position + 1 === TASK_STEPS.length - 1) {
        attributes.results = { valid: true, errors: [], application_attributes: {} };
        if ('failure_message' in attributes) attributes.failure_message = null;
      }
      if ('updated_at' in attributes) attributes.updated_at = now.toISOString();
    },
    seed(world) {
      for (const fact of worldFacts()) {
        world.put(fact.collection, fact.parents, fact.id, fact.attributes);
      }
    },
    exportState: () => structuredClone(state),
    importState(value) {
      if (!isObject(value)) return;
      const next = value as Partial<ActivePlatformState>;
      state = {
        resellers: Array.isArray(next.resellers)
          ? structuredClone(next.resellers)
          : initial().resellers,
        managers: Array.isArray(next.managers)
          ? structuredClone(next.managers)
          : initial().managers,
      };
      if (!state.managers.some((m) => m.token === DEMO_TOKEN)) {
        state.managers.push(structuredClone(MANAGERS[0] as ManagerEntry));
      }
    },
    resetState() {
      state = initial();
    },
  };
}
