import type { components } from '@proseapi/csa-types';
import { describe, expectTypeOf, it } from 'vitest';
import {
  type CsaClient,
  type CsaError,
  type CsaNoValidRecipientError,
  createCsaClient,
  type Notification,
  type NotificationRecord,
  type Person,
  type SendResult,
} from './index.js';

const csa = createCsaClient({ baseUrl: 'https://csa/csa/rest', username: 'u', password: 'p' });

describe('the client’s types', () => {
  it('take and give the description’s models', () => {
    expectTypeOf(csa).toEqualTypeOf<CsaClient>();
    expectTypeOf<Notification>().toEqualTypeOf<components['schemas']['Notification']>();
    expectTypeOf(csa.sendNotification).parameter(0).toEqualTypeOf<Notification>();
    expectTypeOf(csa.sendNotification).returns.resolves.toEqualTypeOf<SendResult>();
    expectTypeOf(csa.listPartyNotifications).returns.resolves.toEqualTypeOf<NotificationRecord[]>();
    expectTypeOf(csa.getUserIdentifier).returns.resolves.toEqualTypeOf<Person>();
    expectTypeOf(csa.resolveUserIdentifier).returns.resolves.toBeString();
  });

  it('check recipients and tokens at compile time', () => {
    void csa.sendNotification({
      subject: 's',
      // @ts-expect-error a recipient is a PERSON or an ORGANIZATION
      recipient: [{ id: 'x', type: 'GROUP' }],
    });
    // @ts-expect-error a recipient needs its type
    void csa.sendNotification({ recipient: [{ id: 'x' }] });
    // @ts-expect-error tokens are numbered by integers
    void csa.sendNotification({ tokens: [{ tokenSequence: '0', value: 'v' }] });
    // @ts-expect-error the wire spells it notifactionId
    const record: NotificationRecord = { notificationId: 'x' };
    void record;
  });

  it('make the partial success and the errors plain', () => {
    expectTypeOf<SendResult['count']>().toEqualTypeOf<number>();
    expectTypeOf<SendResult['errorMessages']>().toEqualTypeOf<string[]>();
    expectTypeOf<SendResult['refused'][number]['recipient']>().toEqualTypeOf<
      components['schemas']['NotificationRecipient'] | undefined
    >();
    expectTypeOf<CsaNoValidRecipientError>().toExtend<CsaError>();
    expectTypeOf<CsaNoValidRecipientError['errorMessages']>().toEqualTypeOf<string[]>();
    expectTypeOf<CsaError['status']>().toEqualTypeOf<number>();
    expectTypeOf<CsaError['body']>().toEqualTypeOf<unknown>();
  });
});
