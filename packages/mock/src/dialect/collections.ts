/** Where each kind of ActivePlatform resource lives (collection paths of API v3). */
export const COLLECTIONS = {
  resellers: '/api/v3/resellers',
  accounts: '/api/v3/resellers/{reseller_id}/accounts',
  managers: '/api/v3/resellers/{reseller_id}/managers',
  plans: '/api/v3/resellers/{reseller_id}/plans',
  subscriptions: '/api/v3/resellers/{reseller_id}/subscriptions',
  orders: '/api/v3/resellers/{reseller_id}/orders',
  charges: '/api/v3/resellers/{reseller_id}/charges',
  invoices: '/api/v3/resellers/{reseller_id}/invoices',
  payments: '/api/v3/resellers/{reseller_id}/payments',
  closingDocuments: '/api/v3/resellers/{reseller_id}/accounts/{account_id}/external_invoices',
  notes: '/api/v3/resellers/{reseller_id}/notes',
  currencyRates: '/api/v3/resellers/{reseller_id}/currency_rates',
  asyncTasks: '/api/v3/resellers/{reseller_id}/async_tasks',
} as const;
