import type { JsonObject } from '@proseapi/openapi-model';
import { COLLECTIONS } from './collections.js';

/** The token of the root reseller's administrator; the mock always accepts it. */
export const DEMO_TOKEN = 'vY5fwetestK3gJXZH5uHCw';

export interface ResellerNode {
  id: number;
  parentId: number | null;
  name: string;
  domain: string;
  currency: string;
  city: string;
  country: string;
}

export interface ManagerEntry {
  id: number;
  resellerId: number;
  name: string;
  email: string;
  role: string;
  /** `undefined` for managers without API access. */
  token: string | undefined;
}

/** The reseller tree: an operator, two distributors, their resellers and one sub-reseller. */
export const RESELLERS: ResellerNode[] = [
  {
    id: 1,
    parentId: null,
    name: 'Cloud Operator',
    domain: 'cloud-operator.example',
    currency: 'EUR',
    city: 'Amsterdam',
    country: 'NL',
  },
  {
    id: 2,
    parentId: 1,
    name: 'Northwind Distribution',
    domain: 'northwind.example',
    currency: 'EUR',
    city: 'Hamburg',
    country: 'DE',
  },
  {
    id: 3,
    parentId: 1,
    name: 'Southgate Cloud',
    domain: 'southgate.example',
    currency: 'USD',
    city: 'Austin',
    country: 'US',
  },
  {
    id: 4,
    parentId: 2,
    name: 'Fjord IT Services',
    domain: 'fjord-it.example',
    currency: 'EUR',
    city: 'Bergen',
    country: 'NO',
  },
  {
    id: 5,
    parentId: 2,
    name: 'Harbor Systems',
    domain: 'harbor.example',
    currency: 'EUR',
    city: 'Rotterdam',
    country: 'NL',
  },
  {
    id: 6,
    parentId: 3,
    name: 'Sunrise Partners',
    domain: 'sunrise.example',
    currency: 'USD',
    city: 'Phoenix',
    country: 'US',
  },
  {
    id: 7,
    parentId: 4,
    name: 'Little Fjord Retail',
    domain: 'littlefjord.example',
    currency: 'EUR',
    city: 'Stavanger',
    country: 'NO',
  },
];

/** Managers; those with a token can call the API within their reseller's subtree. */
export const MANAGERS: ManagerEntry[] = [
  {
    id: 1,
    resellerId: 1,
    name: 'Olivia Operator',
    email: 'olivia@cloud-operator.example',
    role: 'System administrator',
    token: DEMO_TOKEN,
  },
  {
    id: 2,
    resellerId: 2,
    name: 'Nils Northwind',
    email: 'nils@northwind.example',
    role: 'Reseller administrator',
    token: 'nW7kqRb2Lx9TzP4mVc8sHd',
  },
  {
    id: 3,
    resellerId: 4,
    name: 'Frida Fjord',
    email: 'frida@fjord-it.example',
    role: 'Account manager',
    token: 'fJ3dLq8RwZ2xKp5Tn9vBcY',
  },
  {
    id: 4,
    resellerId: 6,
    name: 'Samuel Sunrise',
    email: 'sam@sunrise.example',
    role: 'Reseller administrator',
    token: 'sU6hGt1MzQ4wRb7Xk2pNfE',
  },
  {
    id: 5,
    resellerId: 7,
    name: 'Lena Little',
    email: 'lena@littlefjord.example',
    role: 'Account manager',
    token: 'lF9cVb3NqW6eTy1Hs4mKjA',
  },
  {
    id: 6,
    resellerId: 3,
    name: 'Grace Southgate',
    email: 'grace@southgate.example',
    role: 'Billing manager',
    token: 'gS2pXr5KdM8vLz3Qw7tBnC',
  },
  {
    id: 7,
    resellerId: 1,
    name: 'Oscar Finance',
    email: 'oscar@cloud-operator.example',
    role: 'Billing manager',
    token: undefined,
  },
];

export interface WorldFact {
  collection: string;
  parents: number[];
  id: string | number;
  attributes: JsonObject;
}

const C = COLLECTIONS;

interface AccountSeed {
  id: number;
  reseller: number;
  name: string;
  first: string;
  last: string;
  city: string;
  country: string;
  balance: string;
}

const ACCOUNTS: AccountSeed[] = [
  {
    id: 505,
    reseller: 1,
    name: 'Acme Trading LLC',
    first: 'Alice',
    last: 'Meyer',
    city: 'Utrecht',
    country: 'NL',
    balance: '1520.40',
  },
  {
    id: 929,
    reseller: 1,
    name: 'Blue Harbour Logistics',
    first: 'Bram',
    last: 'de Vries',
    city: 'Rotterdam',
    country: 'NL',
    balance: '0.00',
  },
  {
    id: 2003421,
    reseller: 1,
    name: 'Cedar Dental Clinic',
    first: 'Chloe',
    last: 'Bakker',
    city: 'Leiden',
    country: 'NL',
    balance: '87.15',
  },
  {
    id: 2003565,
    reseller: 1,
    name: 'Delta Architects',
    first: 'Daan',
    last: 'Visser',
    city: 'Delft',
    country: 'NL',
    balance: '-42.00',
  },
  {
    id: 2013289,
    reseller: 1,
    name: 'Evergreen Bakery',
    first: 'Eva',
    last: 'Smit',
    city: 'Haarlem',
    country: 'NL',
    balance: '12.90',
  },
  {
    id: 2013459,
    reseller: 1,
    name: 'Falcon Security BV',
    first: 'Finn',
    last: 'Mulder',
    city: 'Eindhoven',
    country: 'NL',
    balance: '310.00',
  },
  {
    id: 3100101,
    reseller: 2,
    name: 'Hanse Maritime GmbH',
    first: 'Hannah',
    last: 'Schulz',
    city: 'Hamburg',
    country: 'DE',
    balance: '250.00',
  },
  {
    id: 3100102,
    reseller: 2,
    name: 'Elbe Consulting',
    first: 'Jonas',
    last: 'Becker',
    city: 'Hamburg',
    country: 'DE',
    balance: '0.00',
  },
  {
    id: 3100201,
    reseller: 3,
    name: 'Lone Star Media',
    first: 'Liam',
    last: 'Garcia',
    city: 'Austin',
    country: 'US',
    balance: '99.99',
  },
  {
    id: 3100401,
    reseller: 4,
    name: 'Nordlys Fishing AS',
    first: 'Ingrid',
    last: 'Hansen',
    city: 'Bergen',
    country: 'NO',
    balance: '45.00',
  },
  {
    id: 3100402,
    reseller: 4,
    name: 'Bryggen Hotel',
    first: 'Ola',
    last: 'Nilsen',
    city: 'Bergen',
    country: 'NO',
    balance: '0.00',
  },
  {
    id: 3100501,
    reseller: 5,
    name: 'Maas Freight',
    first: 'Sanne',
    last: 'Jansen',
    city: 'Rotterdam',
    country: 'NL',
    balance: '17.50',
  },
  {
    id: 3100601,
    reseller: 6,
    name: 'Desert Bloom Florists',
    first: 'Maya',
    last: 'Lopez',
    city: 'Phoenix',
    country: 'US',
    balance: '5.00',
  },
  {
    id: 3100701,
    reseller: 7,
    name: 'Stavanger Surf Shop',
    first: 'Kari',
    last: 'Berg',
    city: 'Stavanger',
    country: 'NO',
    balance: '0.00',
  },
];

interface PlanSeed {
  id: number;
  reseller: number;
  name: string;
  price: string;
  billing: string;
}

const PLANS: PlanSeed[] = [
  {
    id: 2000030,
    reseller: 1,
    name: 'Microsoft 365 Business Standard',
    price: '11.70',
    billing: 'prepay',
  },
  {
    id: 2000031,
    reseller: 1,
    name: 'Google Workspace Business Starter',
    price: '6.80',
    billing: 'prepay',
  },
  { id: 2000032, reseller: 1, name: 'Cloud VPS S', price: '9.00', billing: 'postpay' },
  { id: 2000033, reseller: 1, name: 'Cloud Backup 500 GB', price: '14.50', billing: 'postpay' },
  {
    id: 2000034,
    reseller: 1,
    name: 'Managed Kubernetes Starter',
    price: '49.00',
    billing: 'postpay',
  },
  {
    id: 2000201,
    reseller: 2,
    name: 'Microsoft 365 Business Basic',
    price: '5.60',
    billing: 'prepay',
  },
  { id: 2000202, reseller: 2, name: 'Cloud VPS M', price: '18.00', billing: 'postpay' },
  { id: 2000401, reseller: 4, name: 'Hosted Exchange Plan 1', price: '4.00', billing: 'prepay' },
  { id: 2000601, reseller: 6, name: 'Website Builder Pro', price: '12.00', billing: 'prepay' },
];

interface SubscriptionSeed {
  id: number;
  reseller: number;
  account: number;
  plan: number;
  status: string;
  start: string;
}

const SUBSCRIPTIONS: SubscriptionSeed[] = [
  { id: 3007095, reseller: 1, account: 505, plan: 2000030, status: 'active', start: '2024-01-15' },
  { id: 3007096, reseller: 1, account: 505, plan: 2000032, status: 'active', start: '2024-02-01' },
  { id: 3007097, reseller: 1, account: 929, plan: 2000031, status: 'stopped', start: '2023-11-20' },
  {
    id: 3007098,
    reseller: 1,
    account: 2003421,
    plan: 2000033,
    status: 'active',
    start: '2024-03-05',
  },
  {
    id: 3007099,
    reseller: 1,
    account: 2003565,
    plan: 2000030,
    status: 'active',
    start: '2024-04-12',
  },
  {
    id: 3007100,
    reseller: 1,
    account: 2013289,
    plan: 2000034,
    status: 'active',
    start: '2024-05-01',
  },
  {
    id: 3007101,
    reseller: 2,
    account: 3100101,
    plan: 2000201,
    status: 'active',
    start: '2024-01-10',
  },
  {
    id: 3007102,
    reseller: 2,
    account: 3100102,
    plan: 2000202,
    status: 'active',
    start: '2024-06-18',
  },
  {
    id: 3007103,
    reseller: 4,
    account: 3100401,
    plan: 2000401,
    status: 'active',
    start: '2024-02-22',
  },
  {
    id: 3007104,
    reseller: 6,
    account: 3100601,
    plan: 2000601,
    status: 'active',
    start: '2024-07-07',
  },
];

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Every resource of the seeded world, ids and relations consistent across collections. */
export function worldFacts(): WorldFact[] {
  const facts: WorldFact[] = [];
  for (const r of RESELLERS) {
    const admin = MANAGERS.find((m) => m.resellerId === r.id);
    facts.push({
      collection: C.resellers,
      parents: [],
      id: r.id,
      attributes: {
        parent_id: r.parentId === null ? null : String(r.parentId),
        created_at: '2019-06-03T10:00:00.000+00:00',
        updated_at: '2024-01-08T09:30:00.000+00:00',
        general: {
          name: r.name,
          domain: r.domain,
          currency: r.currency,
          manager: admin?.name ?? '',
        },
        company: {
          name: r.name,
          address_line_1: `${r.id}0 Harbour Street`,
          address_line_2: '',
          city: r.city,
          state: '',
          zip: `${1000 + r.id * 11}`,
          country: r.country,
          phone: `+31 20 555 ${pad(r.id, 4)}`,
          fax: '',
          email: `billing@${r.domain}`,
        },
        contacts: {
          first_name: admin?.name.split(' ')[0] ?? '',
          last_name: admin?.name.split(' ')[1] ?? '',
        },
      },
    });
  }
  for (const m of MANAGERS) {
    facts.push({
      collection: C.managers,
      parents: [m.resellerId],
      id: m.id,
      attributes: {
        reseller_id: m.resellerId,
        name: m.name,
        status: 'active',
        email: m.email,
        manager_role: { id: m.role === 'System administrator' ? 1 : 2, name: m.role },
        phone: `+31 6 1234 ${pad(m.id, 4)}`,
        manager_key: `mgr-${pad(m.id, 3)}`,
        mfa_required: false,
        custom_attributes: {},
      },
    });
  }
  for (const a of ACCOUNTS) {
    facts.push({
      collection: C.accounts,
      parents: [a.reseller],
      id: a.id,
      attributes: {
        reseller_id: a.reseller,
        name: a.name,
        primary_name: a.name,
        first_name: a.first,
        middle_name: '',
        last_name: a.last,
        country: a.country,
        city: a.city,
        street: 'Main Street',
        building: String((a.id % 90) + 1),
        zip: String(1000 + (a.id % 8999)),
        phone: `+31 30 ${pad(a.id % 10000000, 7)}`,
        email: `${a.first.toLowerCase()}@${a.name
          .toLowerCase()
          .replace(/[^a-z]+/g, '-')
          .replace(/-+$/, '')}.example`,
        status: 'active',
        balance: a.balance,
        usable_balance: a.balance,
        account_class_id: 1,
      },
    });
  }
  for (const p of PLANS) {
    facts.push({
      collection: C.plans,
      parents: [p.reseller],
      id: p.id,
      attributes: {
        reseller_id: p.reseller,
        status: 'active',
        name: p.name,
        description: `${p.name}, billed monthly.`,
        public: true,
        plan_class_id: 1,
        product_id: p.id - 1990000,
        billing_type: p.billing,
        fixed_price: p.price,
      },
    });
  }
  for (const s of SUBSCRIPTIONS) {
    const plan = PLANS.find((p) => p.id === s.plan);
    const year = Number(s.start.slice(0, 4)) + 1;
    facts.push({
      collection: C.subscriptions,
      parents: [s.reseller],
      id: s.id,
      attributes: {
        plan_id: s.plan,
        account_id: s.account,
        name: plan?.name ?? 'Subscription',
        trial: false,
        status: s.status,
        start_date: s.start,
        expiration_date: `${year}${s.start.slice(4)}`,
        plan_period_id: s.plan * 10 + 1,
        payment_model: plan?.billing ?? 'prepay',
        renewal_settings: { autorenew: true },
      },
    });
  }
  SUBSCRIPTIONS.forEach((s, index) => {
    const plan = PLANS.find((p) => p.id === s.plan);
    const orderId = 4100 + index;
    facts.push({
      collection: C.orders,
      parents: [s.reseller],
      id: orderId,
      attributes: {
        document_id: `SO-${pad(orderId, 7)}`,
        status: 'completed',
        account_id: s.account,
        type: 'SalesOrder',
        total: plan?.price ?? '0.00',
        manager_id: MANAGERS.find((m) => m.resellerId === s.reseller)?.id ?? 1,
        provisioning_date: s.start,
        closed_at: `${s.start}T12:00:00.000+00:00`,
      },
    });
    facts.push({
      collection: C.charges,
      parents: [s.reseller],
      id: 5200 + index,
      attributes: {
        subscription_id: s.id,
        subscription_resource_id: s.id * 10 + 1,
        quantity: 1 + (index % 3),
        operate_from: s.start,
        duration: 1,
        total: plan?.price ?? '0.00',
        status: 'closed',
      },
    });
  });
  // Open orders that can still be cancelled.
  facts.push(
    {
      collection: C.orders,
      parents: [1],
      id: 4200,
      attributes: {
        document_id: 'SO-0004200',
        status: 'new',
        account_id: 929,
        type: 'SalesOrder',
        total: '6.80',
        manager_id: 1,
      },
    },
    {
      collection: C.orders,
      parents: [2],
      id: 4201,
      attributes: {
        document_id: 'SO-0004201',
        status: 'new',
        account_id: 3100102,
        type: 'SalesOrder',
        total: '18.00',
        manager_id: 2,
      },
    },
  );
  const invoices: [number, number, number, string, string, boolean][] = [
    [6001, 1, 505, 'new', '20.70', false],
    [6002, 1, 505, 'paid', '20.70', true],
    [6003, 1, 929, 'new', '6.80', false],
    [6004, 1, 2003421, 'new', '14.50', false],
    [6005, 2, 3100101, 'new', '5.60', false],
    [6006, 4, 3100401, 'new', '4.00', false],
  ];
  for (const [id, reseller, account, status, total, approved] of invoices) {
    facts.push({
      collection: C.invoices,
      parents: [reseller],
      id,
      attributes: {
        document_id: `INV-2024-${pad(id, 5)}`,
        status,
        total,
        account_id: account,
        from_date: '2024-10-01',
        to_date: '2024-10-31',
        payment_model: 'prepay',
        approved,
      },
    });
  }
  const payments: [number, number, number, string, string, string][] = [
    [7001, 1, 505, 'completed', '20.70', 'Invoice INV-2024-06002'],
    [7002, 1, 505, 'new', '20.70', 'Invoice INV-2024-06001'],
    [7003, 1, 929, 'new', '6.80', 'Invoice INV-2024-06003'],
    [7004, 1, 2013459, 'completed', '310.00', 'Balance top-up'],
    [7005, 2, 3100101, 'new', '5.60', 'Invoice INV-2024-06005'],
    [7006, 4, 3100401, 'new', '4.00', 'Invoice INV-2024-06006'],
  ];
  for (const [id, reseller, account, status, total, purpose] of payments) {
    const currency = RESELLERS.find((r) => r.id === reseller)?.currency ?? 'EUR';
    facts.push({
      collection: C.payments,
      parents: [reseller],
      id,
      attributes: {
        account_id: account,
        total,
        initial_total: total,
        discount_amount: '0.00',
        amount_paid_from_balance: '0.00',
        currency_code: currency,
        comment: purpose,
        status,
        document_id: `PAY-${pad(id, 6)}`,
        purpose,
        manager_id: 1,
        due_date: '2024-11-15',
      },
    });
  }
  const closing: [number, number, number, string, string, string][] = [
    [301, 1, 505, 'act', 'Act of acceptance, October 2024', '20.70'],
    [302, 1, 505, 'invoice_vat', 'VAT invoice, October 2024', '20.70'],
    [303, 1, 929, 'invoice', 'Invoice, October 2024', '6.80'],
    [304, 2, 3100101, 'act', 'Act of acceptance, October 2024', '5.60'],
  ];
  for (const [id, reseller, account, kind, name, total] of closing) {
    facts.push({
      collection: C.closingDocuments,
      parents: [reseller, account],
      id,
      attributes: {
        key: `erp-2024-10-${pad(id, 6)}`,
        type: kind,
        name,
        amount: { total, currency: 'EUR' },
        start_date: '2024-10-01',
        end_date: '2024-10-31',
        created_at: '2024-11-01T08:00:00.000+00:00',
        updated_at: '2024-11-01T08:00:00.000+00:00',
        file: 'data:application/pdf;base64,JVBERi0xLjQKJcfsj6IKJSVFT0YK',
      },
    });
  }
  const notes: [number, number, number, string, string][] = [
    [8001, 1, 505, 'Account', 'Customer asked for quarterly invoicing from January.'],
    [8002, 1, 3007095, 'Subscription', 'Licence count to be reviewed after the migration.'],
    [8003, 1, 4100, 'Order', 'Order placed by phone; confirmation sent by e-mail.'],
    [8004, 2, 3100101, 'Account', 'Prefers contact in German.'],
    [8005, 4, 3100401, 'Account', 'Seasonal business: expect lower usage in winter.'],
  ];
  for (const [id, reseller, target, kind, content] of notes) {
    facts.push({
      collection: C.notes,
      parents: [reseller],
      id,
      attributes: {
        content,
        creator: MANAGERS.find((m) => m.resellerId === reseller)?.name ?? 'Olivia Operator',
        original_id: target,
        original_type: kind,
        original_link: `/${kind.toLowerCase()}s/${target}`,
      },
    });
  }
  for (const reseller of [1, 2, 3, 4]) {
    const base = RESELLERS.find((r) => r.id === reseller)?.currency ?? 'EUR';
    const rates =
      base === 'EUR'
        ? [
            { iso_code: 'USD', unit: '$', quantity: 1, rate: '1.08', show_for_client: true },
            { iso_code: 'NOK', unit: 'kr', quantity: 10, rate: '0.86', show_for_client: true },
            { iso_code: 'GBP', unit: '£', quantity: 1, rate: '1.17', show_for_client: false },
          ]
        : [
            { iso_code: 'EUR', unit: '€', quantity: 1, rate: '0.93', show_for_client: true },
            { iso_code: 'CAD', unit: '$', quantity: 1, rate: '1.36', show_for_client: false },
          ];
    facts.push({
      collection: C.currencyRates,
      parents: [reseller],
      id: reseller,
      attributes: {
        reseller_currency_iso_code: base,
        reseller_currency_unit: base === 'EUR' ? '€' : '$',
        rates,
      },
    });
  }
  facts.push({
    collection: C.asyncTasks,
    parents: [1],
    id: '9b68427b-52d5-4c01-9b77-eb1b70517414',
    attributes: {
      status: 'completed',
      failure_message: null,
      results: { valid: true, errors: [], application_attributes: {} },
    },
  });
  return facts;
}
