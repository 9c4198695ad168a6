// The authorization matrix, shard 3 of 4: the rows are in authorization/matrix-rows.ts (add an endpoint's row
// there), the case runner in authorization/matrix-suite.ts.
import { defineMatrixSuite } from './authorization/matrix-suite.js';

defineMatrixSuite({ shard: 3, of: 4 });
