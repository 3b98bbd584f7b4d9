import type { components } from '@proseapi/rambase-types';
import { describe, expectTypeOf, it } from 'vitest';
import {
  createRamBaseClient,
  type Expanded,
  type ExpandPath,
  type Notification,
  type Paging,
  type RamBaseAuthError,
  type RamBaseError,
  type RamBaseErrorBody,
} from './index.js';

const rambase = createRamBaseClient({ auth: { accessToken: 't' } });

describe('the client’s types', () => {
  it('know the eight documented $expand paths', () => {
    expectTypeOf<ExpandPath>().toEqualTypeOf<
      | 'Approval.CurrentUserCanApprove'
      | 'Approval.ApprovalRule'
      | 'Approval.Request.Approver.LastName'
      | 'Approval.Request.Approver.FirstName'
      | 'Approval.Response.ReviewedBy.LastName'
      | 'Approval.Response.ReviewedBy.FirstName'
      | 'CreatedBy.Name'
      | 'CreatedBy.FirstName'
    >();
  });

  it('leave an unexpanded field out of the answer, and put an expanded one in', async () => {
    const plain = await rambase.getNotification(1, 7);
    expectTypeOf(plain.createdBy).toEqualTypeOf<
      { userId?: number; userLink?: string } | undefined
    >();
    // @ts-expect-error createdBy.name comes only with $expand=CreatedBy.Name
    void plain.createdBy?.name;
    // @ts-expect-error the approval rule comes only with $expand=Approval.ApprovalRule
    void plain.approval?.approvalRule;
    const named = await rambase.getNotification(1, 7, { expand: ['CreatedBy.Name'] });
    expectTypeOf(named.createdBy?.name).toEqualTypeOf<string | undefined>();
    // @ts-expect-error FirstName was not asked for
    void named.createdBy?.firstName;
    const ruled = await rambase.getNotification(1, 7, { expand: ['Approval.ApprovalRule'] });
    expectTypeOf(ruled.approval?.approvalRule).toEqualTypeOf<
      NonNullable<Notification['approval']>['approvalRule']
    >();
    const all = await rambase.listNotifications(1, { expand: ['CreatedBy.FirstName'] });
    expectTypeOf(all.notifications[0]?.createdBy?.firstName).toEqualTypeOf<string | undefined>();
    expectTypeOf(all.paging).toEqualTypeOf<Paging | undefined>();
  });

  it('accept any other $expand string, as the API does, without changing the answer', () => {
    expectTypeOf<Expanded<Notification, 'Something.Else'>>().toEqualTypeOf<
      Expanded<Notification>
    >();
    expectTypeOf<Expanded<Notification, ExpandPath>>().toEqualTypeOf<Notification>();
  });

  it('take the described bodies, forms and query', () => {
    void rambase.createNotification(1, { notificationType: { notificationTypeId: 'X' } });
    // @ts-expect-error a new notification needs its notification type
    void rambase.createNotification(1, { regardingItem: { itemId: 1 } });
    // @ts-expect-error html and jsonstream bodies are not shown by any page
    void rambase.getNotification(1, 1, { format: 'html' });
    // @ts-expect-error the client sends the token itself
    void rambase.getNotification(1, 1, { query: { $access_token: 't' } });
    void rambase.listNotifications(1, { query: { regardingItemId: 2, $top: 10 } });
    // @ts-expect-error a client-credentials login needs the client secret
    void createRamBaseClient({ auth: { grant: 'client_credentials', clientId: 'c' } });
  });

  it('type the error bodies', () => {
    expectTypeOf<RamBaseError['body']>().toEqualTypeOf<RamBaseErrorBody | string>();
    expectTypeOf<RamBaseErrorBody>().toEqualTypeOf<components['schemas']['Error']>();
    expectTypeOf<RamBaseAuthError['body']>().toEqualTypeOf<
      components['schemas']['LoginError'] | string
    >();
    expectTypeOf<RamBaseError['status']>().toEqualTypeOf<number>();
  });
});
