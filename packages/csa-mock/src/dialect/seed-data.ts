/**
 * The seeded world: the organizations and people a fresh mock knows, and the integration
 * account it accepts. Ids and names the documentation's examples use are kept, so that
 * each documented request finds what it names; the rest is made up for the mock.
 */

/** An integration account: the HTTP Basic credentials of every call. */
export interface TransportUser {
  username: string;
  password: string;
}

/**
 * The account a fresh mock accepts: the documentation's default integration account name,
 * with a password of the mock's own (a real installation chooses its password when it is
 * installed).
 */
export const TRANSPORT_USER: TransportUser = {
  username: 'csaTransportUser',
  password: 'csa-mock-transport',
};

export interface OrganizationSeed {
  id: string;
  name: string;
}

export interface PersonSeed {
  /** The `userIdentifier` of the person. */
  id: string;
  /** Id of the person's organization. */
  organization: string;
  /** Login name, as the look-ups take it. */
  name: string;
  /** Further login names that find the same person. */
  aliases?: string[];
  displayName?: string;
  email?: string;
}

export const ORGANIZATIONS: OrganizationSeed[] = [
  // The consumer organization of the older guides; its id is made up.
  { id: '4c8f0e2a9b3d4f61a7e5c2d9b8a61f03', name: 'CSA_CONSUMER' },
  // The organization of the look-up examples; its id is made up.
  { id: '7d2b5e9c1a4f48e3b6c0d8f2a5e7b914', name: 'MyOrganization' },
];

export const PEOPLE: PersonSeed[] = [
  {
    // The userIdentifier of the send example, and the recipient its answer shows.
    id: '90cec3a03a93ef89013a93f07b880001',
    organization: '4c8f0e2a9b3d4f61a7e5c2d9b8a61f03',
    name: 'acctgconsumer',
    displayName: 'Accounting Consumer',
    email: 'acctgconsumer@econ-csa.com',
  },
  {
    // The party of the list example, named `consumer` there.
    id: 'BFA0DB53DA414B90E04059106D1A24B5',
    organization: '4c8f0e2a9b3d4f61a7e5c2d9b8a61f03',
    name: 'consumer',
    displayName: 'Consumer',
    email: 'consumer@econ-csa.com',
  },
  {
    // Both look-up examples (`admin`, and `admin/domain` by userLookup) answer this id.
    id: '90s96588670da0c701360da0f1d540a1',
    organization: '7d2b5e9c1a4f48e3b6c0d8f2a5e7b914',
    name: 'admin',
    aliases: ['admin/domain'],
    displayName: 'Administrator',
  },
];

/** The id of the PERSON artifact type, as the send example's answer shows it. */
export const PERSON_ARTIFACT_TYPE = '90d96588360da0c701360da0ef03002c';
