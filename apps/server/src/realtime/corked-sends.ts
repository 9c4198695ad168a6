import type { Socket as NetSocket } from 'node:net';
import type { RealtimeServer } from './types.js';

/** What this module uses of an engine.io transport: its name, its `send`, and the ws socket under it. */
interface Transport {
  name: string;
  send(packets: unknown[]): void;
  socket?: { _socket?: NetSocket };
}

interface EngineSocket {
  transport: Transport;
  on(event: 'upgrade', listener: (transport: Transport) => void): void;
}

/**
 * What a node writes to a WebSocket during one turn of the event loop goes out in one write system
 * call, at the end of the turn, instead of one call per packet.
 *
 * ws writes each packet as a frame of its own, one `writev` each, and on this kind of machine
 * system calls are expensive: with 10,000 guests the node made ~57 socket writes per guest message
 * (an agent's socket hears each message, each take and each change as it happens, in callbacks of
 * their own), and `writev` was half of its CPU (bench/README.md, session 19). Now the first packet of
 * a turn corks the socket's TCP stream and the turn's check phase (`setImmediate`) uncorks every
 * socket corked: the turn's packets leave together, after the I/O callbacks of that turn — a delay of
 * well under a millisecond on an idle node, and of the turn's remaining work on a busy one.
 * engine.io keeps what is emitted to a socket while its write is pending and sends it when the write
 * is done: that send, right after the uncork, goes out at once, as one write too.
 *
 * On the embedded database a node's queries run in its own thread, and group commit runs batch
 * after batch without waiting for the turn's end (see GroupCommit.pump): held to the end of the turn,
 * acks waited behind the next batches (the embedded steady p99 rose from 71 to 275 ms). There
 * (`'end of send'`) only what engine.io sends in one call goes in one write, and nothing waits.
 *
 * The TCP socket is ws's (`_socket`, not part of its API); without one (another transport, another
 * version of ws) nothing changes. realtime/corked-sends.test.ts fails if a turn stops being one write.
 */
export function corkBatchedSends(io: RealtimeServer, until: 'end of turn' | 'end of send' = 'end of turn'): void {
  const turn = new CorkedTurn(until === 'end of turn');
  io.engine.on('connection', (socket: EngineSocket) => {
    turn.wrap(socket.transport);
    socket.on('upgrade', (transport) => turn.wrap(transport));
  });
}

class CorkedTurn {
  private corked = new Set<NetSocket>();
  private scheduled = false;
  /** True while the sockets just uncorked run their write callbacks: what they send goes at once. */
  private uncorking = false;
  private readonly wrapped = new WeakSet<Transport>();

  /** False: only what engine.io sends in one call goes in one write, and nothing waits for the turn's end. */
  constructor(private readonly holdForTurn: boolean) {}

  wrap(transport: Transport): void {
    const tcp = transport.socket?._socket;
    if (transport.name !== 'websocket' || typeof tcp?.cork !== 'function' || this.wrapped.has(transport)) return;
    this.wrapped.add(transport);
    const send = transport.send;
    const turn = this;
    transport.send = function (this: Transport, packets: unknown[]) {
      tcp.cork();
      try {
        send.call(this, packets);
      } finally {
        if (!turn.holdForTurn || turn.uncorking || turn.corked.has(tcp)) tcp.uncork();
        else turn.holdUntilCheck(tcp);
      }
    };
  }

  private holdUntilCheck(tcp: NetSocket): void {
    this.corked.add(tcp);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.uncorkAll());
  }

  private uncorkAll(): void {
    this.scheduled = false;
    const sockets = this.corked;
    this.corked = new Set();
    this.uncorking = true;
    for (const tcp of sockets) tcp.uncork();
    // the write callbacks of those writes run as ticks queued by the uncorks, before this one
    process.nextTick(() => {
      this.uncorking = false;
    });
  }
}
