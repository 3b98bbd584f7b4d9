import type { components, operations, paths } from '@proseapi/rambase-types';
import { describe, expectTypeOf, it } from 'vitest';

type Schemas = components['schemas'];
type GetNotification = operations['getSupplierInvoiceNotification'];
type CreateNotification = operations['createSupplierInvoiceNotification'];
type ListNotifications = operations['listSupplierInvoiceNotifications'];
type GetQuery = NonNullable<GetNotification['parameters']['query']>;
type CreateBody = CreateNotification['requestBody']['content'];

describe('generated types', () => {
  it('require both path parameters, as integers', () => {
    type ItemPath =
      paths['/procurement/invoices/{supplierInvoiceId}/notifications/{notificationId}'];
    expectTypeOf<ItemPath['parameters']['path']>().toEqualTypeOf<{
      supplierInvoiceId: number;
      notificationId: number;
    }>();
    // @ts-expect-error notificationId is required
    const missing: ItemPath['parameters']['path'] = { supplierInvoiceId: 100523 };
    const wrong: ItemPath['parameters']['path'] = {
      // @ts-expect-error ids are numbers, not strings
      supplierInvoiceId: '100523',
      notificationId: 7,
    };
    void missing;
    void wrong;
  });

  it('type the $-parameters: lists for $expand and $select, the four formats, the rest', () => {
    expectTypeOf<GetQuery['$expand']>().toEqualTypeOf<string[] | undefined>();
    expectTypeOf<GetQuery['$select']>().toEqualTypeOf<string[] | undefined>();
    expectTypeOf<GetQuery['$format']>().toEqualTypeOf<
      'xml' | 'html' | 'jsonstream' | 'json' | undefined
    >();
    expectTypeOf<GetQuery['$lang']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<GetQuery['$db']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<GetQuery['$showDomainDescriptions']>().toEqualTypeOf<boolean | undefined>();
    expectTypeOf<GetQuery['$useMinimumVersion']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<GetQuery['$access_token']>().toEqualTypeOf<string | undefined>();
    // @ts-expect-error not a format the description lists
    const pdf: GetQuery['$format'] = 'pdf';
    void pdf;
    type ListQuery = NonNullable<ListNotifications['parameters']['query']>;
    expectTypeOf<ListQuery['regardingItemId']>().toEqualTypeOf<number | string | undefined>();
    expectTypeOf<ListQuery['$top']>().toEqualTypeOf<number | string | undefined>();
    expectTypeOf<ListQuery['$inlinecount']>().toEqualTypeOf<'allpages' | 'none' | undefined>();
  });

  it('give the JSON form its wrapper key and the XML form the bare fields', () => {
    expectTypeOf<GetNotification['responses'][200]['content']['application/json']>().toEqualTypeOf<
      Schemas['NotificationDocument']
    >();
    expectTypeOf<GetNotification['responses'][200]['content']['application/xml']>().toEqualTypeOf<
      Schemas['Notification']
    >();
    expectTypeOf<CreateBody['application/json']>().toEqualTypeOf<
      Schemas['NotificationInputDocument']
    >();
    expectTypeOf<CreateBody['application/xml']>().toEqualTypeOf<Schemas['NotificationInput']>();
    expectTypeOf<Schemas['NotificationDocument']['notification']>().toEqualTypeOf<
      Schemas['Notification']
    >();
  });

  it('require only the notification type of a new notification', () => {
    const smallest: CreateBody['application/json'] = {
      notification: { notificationType: { notificationTypeId: 'APPRLIMIT' } },
    };
    void smallest;
    // @ts-expect-error notificationType is required
    const noType: CreateBody['application/xml'] = { regardingItem: { itemId: 2 } };
    void noType;
  });

  it('leave every answer field optional, expandable ones included', () => {
    type Notification = Schemas['Notification'];
    expectTypeOf<Notification['notificationId']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<NonNullable<Notification['createdBy']>['name']>().toEqualTypeOf<
      string | undefined
    >();
    expectTypeOf<NonNullable<Notification['messageParameters']>>().toEqualTypeOf<
      Schemas['MessageParameter'][]
    >();
    const selected: Notification = { notificationId: 7, status: 4 };
    void selected;
  });

  it('tell the token grants apart by grant_type', () => {
    type TokenForm =
      operations['createAccessToken']['requestBody']['content']['application/x-www-form-urlencoded'];
    const password: TokenForm = { grant_type: 'password', username: 'u', password: 'p' };
    void password;
    // @ts-expect-error a password login needs the password
    const noPassword: TokenForm = { grant_type: 'password', username: 'u' };
    void noPassword;
    // @ts-expect-error a refresh needs the refresh token
    const noRefresh: TokenForm = { grant_type: 'refresh_token' };
    void noRefresh;
    type Token = operations['createAccessToken']['responses']['2XX']['content']['application/json'];
    expectTypeOf<Token['expires_in']>().toEqualTypeOf<number | string | undefined>();
  });

  it('share one error body between the statuses', () => {
    type NotFound = GetNotification['responses'][404]['content'];
    expectTypeOf<NotFound['application/json']>().toEqualTypeOf<Schemas['Error']>();
    expectTypeOf<NotFound['application/xml']>().toEqualTypeOf<Schemas['Error']>();
    expectTypeOf<Schemas['Error']['httpStatusCode']>().toEqualTypeOf<number | string | undefined>();
  });
});
