/**
 * The CSA world as records of the mock's store: organizations, people (whose ids are the
 * `userIdentifier`s) and the notifications sent to each party. Everything the dialect knows
 * is read here, so that a snapshot or a state file is the whole truth.
 */
import type { Store, StoredRecord } from '@proseapi/mock-engine';
import type { JsonObject } from '@proseapi/openapi-model';

export const ORGANIZATIONS_TABLE = '/organizations';
export const PEOPLE_TABLE = '/people';
export const NOTIFICATIONS_TABLE = '/notifications';

export interface Organization {
  id: string;
  name: string;
}

export interface Person {
  id: string;
  /** Id of the person's organization. */
  organization: string;
  name: string;
  aliases?: string[];
  displayName?: string;
  email?: string;
}

/** A notification as stored: the party it went to, its place in time, and what the API shows. */
export interface StoredNotification {
  id: string;
  party: string;
  /** Grows with every notification stored: the newest has the highest. */
  sequence: number;
  notification: JsonObject;
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : undefined;

function organizationOf(record: StoredRecord): Organization {
  const { resource } = record;
  return { id: record.id, name: text(resource.name) ?? '' };
}

function personOf(record: StoredRecord): Person {
  const { resource } = record;
  const person: Person = {
    id: record.id,
    organization: text(resource.organization) ?? '',
    name: text(resource.name) ?? '',
  };
  if (Array.isArray(resource.aliases)) {
    person.aliases = resource.aliases.filter((a): a is string => typeof a === 'string');
  }
  const displayName = text(resource.displayName);
  if (displayName !== undefined) person.displayName = displayName;
  const email = text(resource.email);
  if (email !== undefined) person.email = email;
  return person;
}

function notificationOf(record: StoredRecord): StoredNotification {
  const { resource } = record;
  return {
    id: record.id,
    party: text(resource.party) ?? '',
    sequence: typeof resource.sequence === 'number' ? resource.sequence : 0,
    notification: (resource.notification ?? {}) as JsonObject,
  };
}

export class Directory {
  constructor(private readonly store: Store) {}

  organization(id: string): Organization | undefined {
    const record = this.store.table(ORGANIZATIONS_TABLE).get([], id);
    return record && organizationOf(record);
  }

  organizationNamed(name: string): Organization | undefined {
    const record = this.store
      .table(ORGANIZATIONS_TABLE)
      .all()
      .find((r) => r.resource.name === name);
    return record && organizationOf(record);
  }

  person(id: string): Person | undefined {
    const record = this.store.table(PEOPLE_TABLE).get([], id);
    return record && personOf(record);
  }

  /** The person of an organization with this login name (or alias). */
  login(organizationName: string, userName: string): Person | undefined {
    const organization = this.organizationNamed(organizationName);
    if (!organization) return undefined;
    for (const record of this.store.table(PEOPLE_TABLE).values([])) {
      const person = personOf(record);
      if (person.organization !== organization.id) continue;
      if (person.name === userName || person.aliases?.includes(userName)) return person;
    }
    return undefined;
  }

  /** The organization a party belongs to: its own id for an organization, else its person's. */
  organizationOfParty(party: string): string | undefined {
    if (this.organization(party)) return party;
    return this.person(party)?.organization;
  }

  putOrganization(organization: Organization): void {
    this.store
      .table(ORGANIZATIONS_TABLE)
      .put({ id: organization.id, parents: [], resource: { ...organization } });
  }

  putPerson(person: Person): void {
    this.store.table(PEOPLE_TABLE).put({
      id: person.id,
      parents: [],
      resource: structuredClone(person) as unknown as JsonObject,
    });
  }

  /** The notifications of a party, newest first. */
  notifications(party: string): StoredNotification[] {
    return this.store
      .table(NOTIFICATIONS_TABLE)
      .all()
      .filter((r) => r.resource.party === party)
      .map(notificationOf)
      .sort((a, b) => b.sequence - a.sequence);
  }

  /** Stores a notification after every other one. */
  addNotification(id: string, party: string, notification: JsonObject): void {
    const table = this.store.table(NOTIFICATIONS_TABLE);
    let sequence = 0;
    for (const record of table.values([])) {
      sequence = Math.max(sequence, notificationOf(record).sequence);
    }
    table.put({
      id,
      parents: [],
      resource: { id, party, sequence: sequence + 1, notification },
    });
  }
}
