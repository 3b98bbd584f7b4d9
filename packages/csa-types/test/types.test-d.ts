import type { components, operations, paths } from '@proseapi/csa-types';
import { describe, expectTypeOf, it } from 'vitest';

type Schemas = components['schemas'];
type SendBody = operations['sendNotification']['requestBody']['content']['application/xml'];
type SendAnswer = operations['sendNotification']['responses'][200]['content']['application/xml'];

describe('generated types', () => {
  it('have the five operations at their documented paths', () => {
    expectTypeOf<paths['/login/{organization_name}/{user_name}/']['get']>().toEqualTypeOf<
      operations['getUserIdentifier']
    >();
    expectTypeOf<paths['/login/{organization_name}/userLookup']['get']>().toEqualTypeOf<
      operations['lookUpUserIdentifier']
    >();
    expectTypeOf<paths['/notification/party']['post']>().toEqualTypeOf<
      operations['sendNotification']
    >();
    expectTypeOf<paths['/notification/party/{party_id}']['post']>().toEqualTypeOf<
      operations['sendNotificationToParty']
    >();
    expectTypeOf<paths['/notification/party/{party_id}']['get']>().toEqualTypeOf<
      operations['listPartyNotifications']
    >();
  });

  it('require userIdentifier on the notification calls and not on the look-ups', () => {
    expectTypeOf<operations['sendNotification']['parameters']['query']>().toEqualTypeOf<{
      userIdentifier: string;
    }>();
    expectTypeOf<operations['listPartyNotifications']['parameters']['query']>().toEqualTypeOf<{
      userIdentifier: string;
      maxResults?: number;
    }>();
    expectTypeOf<operations['getUserIdentifier']['parameters']['path']>().toEqualTypeOf<{
      organization_name: string;
      user_name: string;
    }>();
    expectTypeOf<operations['lookUpUserIdentifier']['parameters']['query']>().toEqualTypeOf<{
      userName: string;
    }>();
    // @ts-expect-error userIdentifier is required
    const noIdentity: operations['sendNotification']['parameters']['query'] = {};
    void noIdentity;
  });

  it('type the XML request body, its recipients repeated and their type an enum', () => {
    expectTypeOf<SendBody>().toEqualTypeOf<Schemas['Notification']>();
    expectTypeOf<Schemas['NotificationRecipient']>().toEqualTypeOf<{
      id: string;
      type: 'PERSON' | 'ORGANIZATION';
    }>();
    expectTypeOf<NonNullable<SendBody['recipient']>>().toEqualTypeOf<
      Schemas['NotificationRecipient'][]
    >();
    expectTypeOf<NonNullable<SendBody['tokens']>>().toEqualTypeOf<Schemas['NotificationToken'][]>();
    const group: Schemas['NotificationRecipient'] = {
      id: 'x',
      // @ts-expect-error only PERSON and ORGANIZATION are recipient types
      type: 'GROUP',
    };
    void group;
  });

  it('keep the misspelled element names of the answers', () => {
    expectTypeOf<SendAnswer>().toEqualTypeOf<Schemas['NotificationPostResponse']>();
    expectTypeOf<SendAnswer['count']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<SendAnswer['errorMessage']>().toEqualTypeOf<string[] | undefined>();
    expectTypeOf<Schemas['NotificationRecord']['notifactionId']>().toEqualTypeOf<
      string | undefined
    >();
    expectTypeOf<Schemas['NotificationRecord']['recepientId']>().toEqualTypeOf<
      string | undefined
    >();
    // @ts-expect-error the wire spells it notifactionId
    const spelledRight: Schemas['NotificationRecord'] = { notificationId: 'x' };
    void spelledRight;
  });

  it('leave the error bodies and the assumed 4XX of a send open', () => {
    expectTypeOf<
      operations['sendNotification']['responses']['4XX']['content']['*/*']
    >().toEqualTypeOf<unknown>();
    expectTypeOf<
      operations['listPartyNotifications']['responses'][404]['content']['*/*']
    >().toEqualTypeOf<unknown>();
    expectTypeOf<
      operations['getUserIdentifier']['responses'][200]['content']['application/xml']
    >().toEqualTypeOf<Schemas['Person']>();
  });
});
