/**
 * What a stateful CSA mock does with each call:
 *
 * - a send stores one notification per valid recipient (a known person for `PERSON`, a
 *   known organization for `ORGANIZATION`) and answers 200 with `count`, the notifications
 *   and one `errorMessage` per invalid recipient, in the documented wording; when no
 *   recipient is valid nothing is stored and the answer is 404, the status the description
 *   assumes likeliest for its undocumented `4XX`, with the same document (`count` 0);
 * - a party's list shows its notifications, newest first, `maxResults` of them at most;
 * - the login look-ups answer the `<person>` whose first `<id>` is its `userIdentifier`.
 *
 * Answers are XML unless `Accept` asks for JSON, which the description declares without
 * showing (the mock writes the same members).
 */
import type { Outcome, OwnWorld, Principal, Store, WorldRequest } from '@proseapi/mock-engine';
import {
  findResponse,
  isObject,
  type JsonObject,
  type OperationModel,
  type SpecModel,
} from '@proseapi/openapi-model';
import { type Schema, XmlCodec } from '@proseapi/xml-codec';
import { Directory } from './directory.js';
import { ORGANIZATIONS, PEOPLE, PERSON_ARTIFACT_TYPE } from './seed-data.js';

export const XML = 'application/xml';
const JSON_MEDIA = 'application/json';
const POST_RESPONSE: Schema = { $ref: '#/components/schemas/NotificationPostResponse' };

/** The documented wording of the message about a recipient that cannot be used. */
export function invalidRecipientMessage(id: string): string {
  return `Please enter a valid value for the recipient user id = ${id}`;
}

/** A new id in CSA's form: 32 hexadecimal digits. */
function newId(): string {
  return crypto.randomUUID().replace(/-/g, '');
}

/** XML unless `Accept` names JSON first. */
function answerMedia(accept: string | undefined): string {
  for (const part of (accept ?? '').split(',')) {
    const wanted = (part.split(';')[0] ?? '').trim().toLowerCase();
    if (wanted === JSON_MEDIA) return JSON_MEDIA;
    if (wanted === XML || wanted === 'text/xml') return XML;
  }
  return XML;
}

/** A copy of `value` without its undefined members. */
function defined(value: Record<string, unknown>): JsonObject {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as JsonObject;
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : undefined;

/** The notifications of the description's list example, and the party of its path example. */
function documentedNotifications(
  spec: SpecModel,
  codec: XmlCodec,
): { party: string; notifications: JsonObject[] } | undefined {
  const op = spec.operations.find((o) => o.operationId === 'listPartyNotifications');
  const party = op?.params.find((p) => p.in === 'path')?.example?.value;
  const media = op && findResponse(op, 200)?.content.find((m) => m.mediaType === XML);
  if (typeof party !== 'string' || !media) return undefined;
  const notifications: JsonObject[] = [];
  for (const example of media.examples) {
    if (typeof example.value !== 'string') continue;
    const list = codec.decode(example.value, (media.schema ?? {}) as Schema);
    if (isObject(list) && Array.isArray(list.notification)) {
      notifications.push(...list.notification.filter(isObject));
    }
  }
  return { party, notifications };
}

export interface CsaWorldContext {
  spec: SpecModel;
  store: Store;
  now: () => Date;
}

export function csaWorld({ spec, store, now }: CsaWorldContext): OwnWorld {
  const directory = new Directory(store);
  const codec = new XmlCodec({ document: spec.doc });

  const answer = (status: number, request: WorldRequest, value: JsonObject): Outcome => {
    const mediaType = answerMedia(request.header('accept'));
    if (status === 200 || mediaType === JSON_MEDIA) {
      return { type: 'answer', status, mediaType, value };
    }
    // The error answers declare any content: the document is written here, after its schema.
    return {
      type: 'answer',
      status,
      mediaType,
      value: codec.encode(value, POST_RESPONSE, { standalone: true }),
    };
  };

  const recipientRecord = (
    recipient: JsonObject,
    body: JsonObject,
    sender: Principal | undefined,
  ): JsonObject | undefined => {
    const id = text(recipient.id) ?? '';
    const person = recipient.type === 'PERSON' ? directory.person(id) : undefined;
    const organization = recipient.type === 'ORGANIZATION' ? directory.organization(id) : undefined;
    if (!person && !organization) return undefined;
    const senderIsPerson = sender?.organization !== undefined;
    return defined({
      notifContentBody: text(body.contentBody),
      notifCreatedOn: now().toISOString(),
      notifSubject: text(body.subject),
      notifactionId: newId(),
      recepientArtifactTypeId: person ? PERSON_ARTIFACT_TYPE : undefined,
      recepientArtifactTypeName: recipient.type,
      recepientEmailAddr: person?.email,
      recepientId: id,
      recepientName: person?.name ?? organization?.name,
      senderContextArtifactId: senderIsPerson ? sender?.id : undefined,
      senderContextArtifactTypeId: senderIsPerson ? PERSON_ARTIFACT_TYPE : undefined,
      senderContextArtifactTypeName: senderIsPerson ? 'PERSON' : undefined,
      source: 'EXTERNAL',
      tokens: Array.isArray(body.tokens) ? structuredClone(body.tokens) : undefined,
    });
  };

  const send = (request: WorldRequest): Outcome => {
    const body = isObject(request.body) ? request.body : {};
    const recipients = Array.isArray(body.recipient) ? body.recipient.filter(isObject) : [];
    const delivered: JsonObject[] = [];
    const errorMessage: string[] = [];
    for (const recipient of recipients) {
      const record = recipientRecord(recipient, body, request.principal);
      if (!record) {
        errorMessage.push(invalidRecipientMessage(text(recipient.id) ?? ''));
        continue;
      }
      directory.addNotification(String(record.notifactionId), String(record.recepientId), record);
      delivered.push(record);
    }
    const value = defined({
      count: delivered.length,
      errorMessage: errorMessage.length > 0 ? errorMessage : undefined,
      notification: delivered.length > 0 ? delivered : undefined,
    });
    return answer(delivered.length > 0 ? 200 : 404, request, value);
  };

  const list = (request: WorldRequest): Outcome => {
    const party = request.rawPath.party_id ?? '';
    const max = request.params.query.maxResults;
    let notifications = directory.notifications(party).map((n) => n.notification);
    if (typeof max === 'number' && max >= 0) notifications = notifications.slice(0, max);
    return answer(200, request, notifications.length > 0 ? { notification: notifications } : {});
  };

  const lookUp = (request: WorldRequest, userName: unknown): Outcome => {
    const person = directory.login(
      request.rawPath.organization_name ?? '',
      typeof userName === 'string' ? userName : '',
    );
    if (!person) return { type: 'not-found' };
    return answer(
      200,
      request,
      defined({ id: person.id, name: person.name, displayName: person.displayName }),
    );
  };

  const handlers: Record<string, (request: WorldRequest) => Outcome> = {
    sendNotification: send,
    sendNotificationToParty: send,
    listPartyNotifications: list,
    getUserIdentifier: (request) => lookUp(request, request.rawPath.user_name),
    lookUpUserIdentifier: (request) => lookUp(request, request.params.query.userName),
  };
  const handlerOf = (op: OperationModel) => (op.operationId ? handlers[op.operationId] : undefined);

  return {
    revision: () => store.revision,
    seed(stateful) {
      for (const organization of ORGANIZATIONS) directory.putOrganization(organization);
      for (const person of PEOPLE) directory.putPerson(structuredClone(person));
      if (!stateful) return;
      const documented = documentedNotifications(spec, codec);
      for (const notification of documented?.notifications ?? []) {
        const id = text(notification.notifactionId) ?? newId();
        directory.addNotification(id, documented?.party ?? '', notification);
      }
    },
    handle(request) {
      const handler = handlerOf(request.op);
      return handler ? handler(request) : { type: 'document' };
    },
  };
}

export { Directory };
