import type { TestProject } from 'vitest/node';
import { startPostgres } from './postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin URL of the PostgreSQL 15 cluster shared by the server tests ('' when not started). */
    cassaforteTestPostgres: string;
  }
}

/**
 * vitest globalSetup: one PostgreSQL cluster for the whole run; each server test file creates
 * its own database in it (server/tests/harness.ts). Stopped (and its temp dir removed) at the end.
 * Set CASSAFORTE_TEST_PG=skip to run without PostgreSQL (refused when CI=true).
 */
export default async function setup(project: TestProject) {
  if (process.env.CASSAFORTE_TEST_PG === 'skip' && process.env.CI !== 'true') {
    project.provide('cassaforteTestPostgres', '');
    return;
  }
  const cluster = await startPostgres();
  project.provide('cassaforteTestPostgres', cluster.url);
  return async () => {
    await cluster.stop();
  };
}
