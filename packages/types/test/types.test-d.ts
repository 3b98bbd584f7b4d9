import type { components, operations, paths } from '@activeplatform/types';
import { describe, expectTypeOf, it } from 'vitest';

type Schemas = components['schemas'];
type ItemPath =
  paths['/api/v3/resellers/{reseller_id}/accounts/{account_id}/external_invoices/{external_invoice_id}'];
type UpdateBody = NonNullable<
  operations['updateClosingDocument']['requestBody']
>['content']['application/vnd.api+json'];

describe('generated types', () => {
  it('require every path parameter, as integers', () => {
    expectTypeOf<ItemPath['parameters']['path']>().toEqualTypeOf<{
      reseller_id: number;
      account_id: number;
      external_invoice_id: number;
    }>();
    // @ts-expect-error external_invoice_id is required
    const missing: ItemPath['parameters']['path'] = { reseller_id: 1, account_id: 505 };
    const wrong: ItemPath['parameters']['path'] = {
      // @ts-expect-error ids are numbers, not strings
      reseller_id: '1',
      account_id: 505,
      external_invoice_id: 11,
    };
    void missing;
    void wrong;
  });

  it('type request bodies with their required members', () => {
    expectTypeOf<UpdateBody>().toEqualTypeOf<Schemas['ClosingDocumentInput']>();
    expectTypeOf<UpdateBody['amount']>().toEqualTypeOf<{ total: string; currency: string }>();
    // @ts-expect-error file is required
    const noFile: UpdateBody = {
      key: 'k',
      type: 'act',
      name: 'n',
      amount: { total: '1.00', currency: 'EUR' },
      start_date: '2019-11-01',
      end_date: '2019-11-30',
    };
    void noFile;
  });

  it('narrow enums to their documented values', () => {
    expectTypeOf<Schemas['ClosingDocumentType']>().toEqualTypeOf<
      'invoice' | 'invoice_vat' | 'act'
    >();
    // @ts-expect-error not a closing document type
    const receipt: Schemas['ClosingDocumentType'] = 'receipt';
    void receipt;
    expectTypeOf<Schemas['ClosingDocument']['type']>().toEqualTypeOf<'external_invoices'>();
  });

  it('model deepObject query families as objects', () => {
    type Query = operations['getClosingDocument']['parameters']['query'];
    expectTypeOf<Query>().toEqualTypeOf<{ filter: { key: string } }>();
  });

  it('keep the documented quirks: null success body, object-or-array errors', () => {
    type Sent =
      operations['sendClosingDocumentNotifications']['responses'][200]['content']['application/vnd.api+json'];
    expectTypeOf<Sent>().toEqualTypeOf<null>();
    expectTypeOf<Schemas['ErrorDocument']['errors']>().toEqualTypeOf<
      Schemas['ErrorObject'] | Schemas['ErrorObject'][]
    >();
  });
});
