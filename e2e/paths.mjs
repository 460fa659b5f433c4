// Where the builds under test live. scripts/test.sh builds both before the
// end-to-end tests run; the environment variables let a caller point
// the tests at another build.

import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DIST = path.resolve(process.env.INSYN_DIST || path.join(REPO_ROOT, 'dist'));
export const DIST_SUBPATH = path.resolve(
  process.env.INSYN_DIST_SUBPATH || path.join(REPO_ROOT, 'dist-subpath'),
);
// Must match the --public-url the sub-path build was made with.
export const SUBPATH = process.env.INSYN_SUBPATH || '/insyn/';

/** Throws a readable error instead of letting every test time out. */
export function requireBuild(dir, how) {
  if (!existsSync(path.join(dir, 'index.html'))) {
    throw new Error(`No build in ${dir}; run ${how} first (scripts/test.sh does).`);
  }
}
