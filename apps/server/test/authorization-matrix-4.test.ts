// The authorization matrix, shard 4 of 4. The rows are in authorization-matrix/rows.ts (an endpoint's row goes
// there); the case runner and the checks are in authorization-matrix/suite.ts.
import { defineMatrixSuite } from './authorization-matrix/suite.js';

defineMatrixSuite(4);
