// The ceiling for `bench:rooms`: a bare Socket.IO server with the same event shapes and room
// fan-out as the /deals namespace, but no session, no validation and no database. Prints its port.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';

const parentPid = process.ppid;
setInterval(() => {
  if (process.ppid !== parentPid) process.exit(1);
}, 500).unref();

const http = createServer();
const io = new Server(http, { serveClient: false });
const seqs = new Map<string, number>();
io.of('/deals').on('connection', (socket) => {
  socket.on('deal:join', async (p: { dealId: string }, ack: (r: unknown) => void) => {
    await socket.join(`deal:${p.dealId}`);
    ack({ data: { messages: [], lastSeq: seqs.get(p.dealId) ?? 0 } });
  });
  socket.on('message:send', (p: { dealId: string; clientMsgId: string; text: string }, ack: (r: unknown) => void) => {
    const seq = (seqs.get(p.dealId) ?? 0) + 1;
    seqs.set(p.dealId, seq);
    const m = { id: `${p.dealId}:${seq}`, dealId: p.dealId, seq, kind: 'text', author: { id: socket.handshake.auth.userId, name: '' }, text: p.text, clientMsgId: p.clientMsgId, createdAt: new Date().toISOString() };
    ack({ data: m });
    io.of('/deals').to(`deal:${p.dealId}`).emit('message:created', m);
  });
});
http.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: (http.address() as AddressInfo).port })}\n`);
});
