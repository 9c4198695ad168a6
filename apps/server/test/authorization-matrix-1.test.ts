// The authorization matrix, shard 1 of 4: the rows are in authorization/matrix-rows.ts (add an endpoint's row
// there), the case runner in authorization/matrix-suite.ts. This shard also runs the checks that run once:
// over all the rows (OpenAPI completeness, API-key scopes, the customer columns) and beside them.
import { defineChecksThatRunOnce, defineMatrixSuite } from './authorization/matrix-suite.js';

defineMatrixSuite({ shard: 1, of: 4 });
defineChecksThatRunOnce();
