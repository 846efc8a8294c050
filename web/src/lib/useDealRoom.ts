import { useCallback, useEffect, useRef, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import type {
  Ack,
  ClientToServerEvents,
  DealView,
  JoinResult,
  MessageView,
  ServerToClientEvents,
} from '@techbridge/api/deals/deals.events';
import { api, ApiError } from '../api/client';

export type Connection = 'connecting' | 'connected' | 'reconnecting' | 'offline';

export interface PendingMessage {
  clientMsgId: string;
  text: string;
  failed: boolean;
}

type DealSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const newId = () =>
  typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `m${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;

const ackError = (e: { code: string; message: string; field?: string; details?: unknown }, status = 400) =>
  new ApiError(status, e.code, e.message, e.field, e.details);

/**
 * A live negotiation room over the `/deals` namespace: joins with the last seq it saw (again after
 * every reconnect, so nothing is missed), keeps messages ordered by seq without duplicates, and
 * follows offers and status changes pushed by the server.
 */
export function useDealRoom(dealId: string) {
  const [deal, setDeal] = useState<DealView | null>(null);
  const [messages, setMessages] = useState<MessageView[]>([]);
  const [pending, setPending] = useState<PendingMessage[]>([]);
  const [connection, setConnection] = useState<Connection>('connecting');
  const [joinError, setJoinError] = useState<ApiError | null>(null);
  const [typing, setTyping] = useState<Record<string, { name: string; until: number }>>({});
  const [offersTick, setOffersTick] = useState(0);
  const socketRef = useRef<DealSocket | null>(null);
  const lastSeq = useRef(0);

  const merge = useCallback((incoming: MessageView[]) => {
    if (!incoming.length) return;
    setMessages((prev) => {
      const bySeq = new Map(prev.map((m) => [m.seq, m]));
      for (const m of incoming) bySeq.set(m.seq, m);
      const list = [...bySeq.values()].sort((a, b) => a.seq - b.seq);
      lastSeq.current = Math.max(lastSeq.current, list[list.length - 1]?.seq ?? 0);
      return list;
    });
    const ids = new Set(incoming.map((m) => m.clientMsgId));
    setPending((prev) => prev.filter((p) => !ids.has(p.clientMsgId)));
  }, []);

  useEffect(() => {
    lastSeq.current = 0;
    setMessages([]);
    setDeal(null);
    const socket: DealSocket = io('/deals', { withCredentials: true, reconnectionDelayMax: 3000 });
    socketRef.current = socket;

    const join = () => {
      socket.timeout(15_000).emit('deal:join', { dealId, lastSeq: lastSeq.current }, (err: Error | null, res?: Ack<JoinResult>) => {
        if (err || !res) return; // a timeout: the next reconnect joins again
        if (res.error) {
          setJoinError(ackError(res.error, res.error.code === 'not_found' ? 404 : res.error.code === 'forbidden' ? 403 : 400));
          return;
        }
        setJoinError(null);
        setDeal(res.data.deal);
        merge(res.data.messages);
        setConnection('connected');
        // a long absence: fetch the rest of the backlog page by page over REST
        if (res.data.hasMore) void catchUp();
      });
    };
    const catchUp = async () => {
      for (let i = 0; i < 50; i++) {
        const page = await api.get<{ items: MessageView[]; hasMore: boolean }>(`/api/deals/${dealId}/messages`, { after: lastSeq.current, limit: 200 });
        merge(page.items);
        if (!page.hasMore) break;
      }
    };

    socket.on('connect', join);
    socket.on('disconnect', () => setConnection(socket.active ? 'reconnecting' : 'offline'));
    socket.on('connect_error', (err) => {
      const code = (err as Error & { data?: { code?: string } }).data?.code;
      if (code === 'unauthenticated') setJoinError(new ApiError(401, 'unauthenticated', err.message));
      setConnection(socket.active ? 'reconnecting' : 'offline');
    });
    socket.on('message:created', (m) => {
      if (m.dealId === dealId) merge([m]);
    });
    const onDeal = (p: { dealId: string; deal: DealView }) => {
      if (p.dealId !== dealId) return;
      setDeal(p.deal);
      setOffersTick((n) => n + 1);
    };
    socket.on('offer:created', onDeal);
    socket.on('offer:accepted', onDeal);
    socket.on('offer:rejected', onDeal);
    socket.on('offer:withdrawn', onDeal);
    socket.on('deal:transitioned', onDeal);
    socket.on('typing', (p) => {
      if (p.dealId !== dealId) return;
      setTyping((prev) => {
        const next = { ...prev };
        if (p.typing) next[p.userId] = { name: p.name, until: Date.now() + 4000 };
        else delete next[p.userId];
        return next;
      });
    });
    const sweep = setInterval(() => {
      setTyping((prev) => {
        const now = Date.now();
        const live = Object.entries(prev).filter(([, v]) => v.until > now);
        return live.length === Object.keys(prev).length ? prev : Object.fromEntries(live);
      });
    }, 1000);

    return () => {
      clearInterval(sweep);
      socket.removeAllListeners();
      socket.disconnect();
      socketRef.current = null;
    };
  }, [dealId, merge]);

  /** Sends a chat message; the same clientMsgId makes a retry safe (the server stores it once). */
  const send = useCallback(
    (text: string, retryId?: string) => {
      const clientMsgId = retryId ?? newId();
      setPending((prev) => [...prev.filter((p) => p.clientMsgId !== clientMsgId), { clientMsgId, text, failed: false }]);
      const fail = () => setPending((prev) => prev.map((p) => (p.clientMsgId === clientMsgId ? { ...p, failed: true } : p)));
      const viaRest = () =>
        api
          .post<MessageView>(`/api/deals/${dealId}/messages`, { clientMsgId, text })
          .then((m) => merge([m]))
          .catch(fail);
      const socket = socketRef.current;
      if (!socket?.connected) return void viaRest();
      socket.timeout(8000).emit('message:send', { dealId, clientMsgId, text }, (err: Error | null, res?: Ack<MessageView>) => {
        if (err || !res) return void viaRest();
        if (res.error) return fail();
        merge([res.data]);
      });
    },
    [dealId, merge],
  );

  const notifyTyping = useCallback(
    (on: boolean) => {
      socketRef.current?.emit('typing', { dealId, typing: on });
    },
    [dealId],
  );

  return { deal, setDeal, messages, pending, connection, joinError, typing: Object.values(typing).map((v) => v.name), offersTick, send, notifyTyping };
}
