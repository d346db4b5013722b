// The Open WebUI 0.6.x Alembic revision chain (linear upstream), oldest first, with the first
// release that shipped each one (data-and-auth.md §1.2). Used to name a database's version in
// messages and to decide whether we can upgrade it.
export interface AlembicRevision {
  readonly revision: string;
  /** The Open WebUI release that first shipped it (approximate before 0.6). */
  readonly release: string;
}

export const ALEMBIC_REVISIONS: readonly AlembicRevision[] = [
  { revision: '7e5b5dc7342b', release: '0.3.x' },
  { revision: 'ca81bd47c050', release: '0.3.16' },
  { revision: 'c0fbf31ca0db', release: '0.3.31' },
  { revision: '6a39f3d8e55c', release: '0.3.31' },
  { revision: '242a2047eae0', release: '0.3.33' },
  { revision: '1af9b942657b', release: '0.3.33' },
  { revision: '3ab32c4b8f59', release: '0.3.33' },
  { revision: 'c69f45358db4', release: '0.3.33' },
  { revision: 'c29facfe716b', release: '0.3.33' },
  { revision: 'af906e964978', release: '0.3.33' },
  { revision: '4ace53fd72c8', release: '0.3.33' },
  { revision: '922e7a387820', release: '0.4.0' },
  { revision: '57c599a3cb57', release: '0.5.0' },
  { revision: '7826ab40b532', release: '0.5.0' },
  { revision: '3781e22d8b01', release: '0.5.3' },
  { revision: '9f0c9cd09105', release: '0.6.6' },
  { revision: 'd31026856c01', release: '0.6.16' },
  { revision: '018012973d35', release: '0.6.23' },
  { revision: '3af16a1c9fb6', release: '0.6.23' },
  { revision: '38d63c18f30f', release: '0.6.27' },
  { revision: 'a5c220713937', release: '0.6.32' },
  { revision: '37f288994c47', release: '0.6.37' },
  { revision: '2f1211949ecc', release: '0.6.41' },
  { revision: 'b10670c03dd5', release: '0.6.41' },
  { revision: '90ef40d4714e', release: '0.6.41' },
  { revision: '3e0e00844bb0', release: '0.6.41' },
  { revision: '6283dc0e4d8d', release: '0.6.42' },
  { revision: '81cc2ce44d79', release: '0.6.42' },
  { revision: 'c440947495f3', release: '0.6.42' },
];

/** Head of Open WebUI 0.6.42 and 0.6.43: the schema this server speaks. */
export const ALEMBIC_HEAD = 'c440947495f3';
/** The oldest revision we port the upgrade from (Open WebUI 0.6.32–0.6.36). */
export const OLDEST_UPGRADABLE = 'a5c220713937';
