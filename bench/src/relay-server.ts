/**
 * The baseline: the smallest Socket.IO chat relay that does what Frontdesk's realtime path does on
 * the wire, with no authentication and no database. A guest's `message:send` is given an id, kept
 * once per client id (so a retried send is not delivered twice, as in Frontdesk), forwarded to the
 * desk (every agent, as Frontdesk's `message:new` goes to the organization's staff room) and acked.
 * An agent's reply goes to the guest's room. It is the ceiling of Node + Socket.IO on this machine.
 *
 * Run as its own process (like a Frontdesk node) so its CPU and memory can be read from /proc:
 * `PORT=3100 tsx bench/src/relay-server.ts`. `RELAY_FANOUT=agent` sends each guest message to one
 * agent only, the one its conversation belongs to.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { Server } from 'socket.io';
import { ownerOf } from './owner.js';

const port = Number(process.env.PORT ?? 3100);
const agents = Number(process.env.RELAY_AGENTS ?? 1);
const fanout = process.env.RELAY_FANOUT === 'agent' ? 'agent' : 'desk';

interface StoredMessage {
  id: string;
  conversationId: string;
  seq: number;
  clientId: string;
  sender: { type: string; id: string; name: string | null };
  text: string;
  event: null;
  createdAt: string;
}

const http = createServer((req, res) => {
  // what the benchmark polls before it starts, like Frontdesk's /readyz
  res.writeHead(req.url === '/readyz' ? 200 : 404).end();
});
const io = new Server(http, { serveClient: false, maxHttpBufferSize: 32 * 1024 });
const seqs = new Map<string, number>();
const sent = new Map<string, StoredMessage>(); // `${sender}|${clientId}` → message: a retry is acked, not re-sent

function store(conversationId: string, senderType: string, senderId: string, clientId: string, text: string) {
  const key = `${senderId}|${clientId}`;
  const earlier = sent.get(key);
  if (earlier) return { message: earlier, duplicate: true };
  const seq = (seqs.get(conversationId) ?? 0) + 1;
  seqs.set(conversationId, seq);
  const message: StoredMessage = {
    id: randomUUID(),
    conversationId,
    seq,
    clientId,
    sender: { type: senderType, id: senderId, name: null },
    text,
    event: null,
    createdAt: new Date().toISOString(),
  };
  sent.set(key, message);
  return { message, duplicate: false };
}

io.on('connection', (socket) => {
  const auth = socket.handshake.auth as { role?: string; id?: string; index?: number };
  const id = String(auth.id ?? socket.id);
  if (auth.role === 'agent') {
    void socket.join(['desk', `agent:${auth.index ?? 0}`]);
    socket.on('conversation:take', (payload: { conversationId: string }, ack?: (r: unknown) => void) => {
      ack?.({ ok: true, data: { id: payload.conversationId, status: 'open' } });
    });
    socket.on('message:send', (payload: { conversationId: string; clientId: string; text: string }, ack) => {
      const { message, duplicate } = store(payload.conversationId, 'staff', id, payload.clientId, payload.text);
      const conversation = { id: payload.conversationId, status: 'open' };
      if (!duplicate) io.to(`guest:${payload.conversationId}`).emit('message:new', { message, conversation });
      if (typeof ack === 'function') ack({ ok: true, data: { message, conversation, duplicate } });
    });
    return;
  }
  // a guest: their "conversation" is their own id
  void socket.join(`guest:${id}`);
  socket.on('message:send', (payload: { clientId: string; text: string }, ack) => {
    const { message, duplicate } = store(id, 'guest', id, payload.clientId, payload.text);
    const conversation = { id, status: message.seq === 1 ? 'queued' : 'open', contact: { kind: 'guest', id } };
    if (!duplicate) {
      const room = fanout === 'desk' ? 'desk' : `agent:${ownerOf(id, agents)}`;
      io.to(room).emit('message:new', { message, conversation });
    }
    if (typeof ack === 'function') ack({ ok: true, data: { message, conversation, duplicate } });
  });
});

http.listen(port, '127.0.0.1', () => console.log(`relay listening on ${port}`));
const stop = () => {
  io.close();
  http.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
