// The authorization matrix, shard 1 of 4. The rows are in authorization-matrix/rows.ts (an endpoint's row goes
// there); the case runner and the checks are in authorization-matrix/suite.ts.
// This shard also runs the checks that run once: over all the rows (OpenAPI completeness, API-key scopes,
// the customer columns, one file per shard) and the ones beside the rows.
import { defineChecksThatRunOnce, defineMatrixSuite } from './authorization-matrix/suite.js';

defineMatrixSuite(1);
defineChecksThatRunOnce();
