/** What the orchestrator (run.ts) and the load workers (load-worker.ts) say to each other over IPC. */

export type TargetKind = 'relay' | 'frontdesk';
export type PhaseName = 'warmup' | 'steady' | 'saturate';
export const phases: PhaseName[] = ['warmup', 'steady', 'saturate'];

export interface ClientSpec {
  /** global index: guests 0…G-1, agents 0…A-1 */
  index: number;
  url: string;
  /** socket.io `auth`: `{ token }` for Frontdesk, `{ role, id, index }` for the relay */
  auth: Record<string, unknown>;
}

export interface WorkerInit {
  type: 'init';
  worker: number;
  workers: number;
  kind: TargetKind;
  agentCount: number;
  guests: ClientSpec[];
  agents: ClientSpec[];
  /** an agent answers every n-th guest message of the conversations it holds (0: never) */
  replyEvery: number;
  /** a guest re-sends every n-th message with the same client id after its ack (0: never) */
  retryEvery: number;
  textBytes: number;
  connectConcurrency: number;
}

export interface PhaseCommand {
  type: 'phase';
  phase: PhaseName;
  /** messages per second this worker sends (open loop); 0 with `inflight` for closed loop */
  rate: number;
  /** closed loop: sends kept outstanding by this worker */
  inflight: number;
  /** warmup: every guest sends exactly one message; otherwise for this long */
  durationMs: number;
  drainMs: number;
}

export interface Connected {
  type: 'connected';
  guests: number;
  agents: number;
  failed: number;
  errors: string[];
  ms: number;
}

export interface PhaseDone {
  type: 'phaseDone';
  phase: PhaseName;
  sent: number;
  /** acks that arrived while the phase was sending (not while draining) */
  ackedInWindow: number;
  /** agent replies acked while the phase was sending */
  repliesAckedInWindow: number;
  windowMs: number;
  /** from the end of sending until nothing was outstanding (or the drain limit) */
  drainMs: number;
  outstanding: number;
}

/** Histograms as hdr-histogram-js compressed base64, in microseconds. */
export interface PhaseHistograms {
  guestAck: string;
  guestToAgent: string;
  replyAck: string;
  agentToGuest: string;
}

export interface WorkerReport {
  type: 'report';
  worker: number;
  histograms: Record<PhaseName, PhaseHistograms>;
  /** by local send index (global number = local × workers + worker): 0 no ack, 1 ok, 2 error */
  guestStatus: Uint8Array;
  guestSent: number;
  /** per agent held by this worker: receipts of each global guest message number */
  agentReceipts: { agent: number; counts: Uint8Array }[];
  replyStatus: Uint8Array;
  replySent: number;
  /** receipts of each global reply number by the guests of this worker */
  replyReceipts: Uint8Array;
  errors: Record<string, number>;
  retries: { sent: number; deduplicated: number; wrong: number };
  takes: { ok: number; alreadyTaken: number; failed: number };
  /** acks saying `duplicate: true` for a first send: a stored duplicate */
  firstSendDuplicates: number;
  disconnects: number;
  generator: { cpuPercent: number; loopDelayP99Ms: number; rssBytes: number };
}

export type WorkerMessage = Connected | PhaseDone | WorkerReport | { type: 'error'; message: string };
export type OrchestratorMessage = WorkerInit | PhaseCommand | { type: 'report' } | { type: 'close' };
