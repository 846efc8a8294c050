import i18n from 'i18next';
import { useCallback, useEffect, useRef, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import type {
  Ack,
  AppErrorBody,
  ClientToServerEvents,
  DealActionResult,
  DealView,
  JoinResult,
  MessageView,
  OfferHistoryItem,
  ServerToClientEvents,
} from '@techbridge/api/deals/deals.events';
import { api, ApiError } from '../api/client';
import { isCurrent, patchHistory } from './dealRoomState';

export type Connection = 'connecting' | 'connected' | 'reconnecting' | 'offline';

export interface PendingMessage {
  clientMsgId: string;
  text: string;
  failed: boolean;
}

type DealSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** The room commands that answer with the changed deal (offers and transitions). */
export type DealCommand = 'offer:create' | 'offer:accept' | 'offer:reject' | 'offer:withdraw' | 'deal:transition';
type CommandPayload<E extends DealCommand> = Omit<Parameters<ClientToServerEvents[E]>[0], 'dealId'>;

const newId = () =>
  typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `m${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;

const ackError = (e: AppErrorBody) =>
  new ApiError(e.status ?? (e.code === 'not_found' ? 404 : e.code === 'forbidden' ? 403 : 400), e.code, e.message, e.field, e.details);

/**
 * A live negotiation room over the `/deals` namespace: joins with the last seq it saw (again after
 * every reconnect, so nothing is missed), keeps messages ordered by seq without duplicates, sends
 * the room commands (messages, offers, transitions) over the socket, and patches the deal and the
 * offer history from what the server sends — the command's ack and the room's broadcasts — never
 * re-reading them. An update older than the deal version held is dropped.
 */
export function useDealRoom(dealId: string) {
  const [deal, setDealState] = useState<DealView | null>(null);
  const [offers, setOffers] = useState<OfferHistoryItem[] | null>(null);
  const [offersError, setOffersError] = useState<unknown>(null);
  const [messages, setMessages] = useState<MessageView[]>([]);
  const [pending, setPending] = useState<PendingMessage[]>([]);
  const [connection, setConnection] = useState<Connection>('connecting');
  const [joinError, setJoinError] = useState<ApiError | null>(null);
  const [typing, setTyping] = useState<Record<string, { name: string; until: number }>>({});
  const socketRef = useRef<DealSocket | null>(null);
  const lastSeq = useRef(0);
  /** The version of the deal held: updates below it are stale. */
  const heldVersion = useRef(0);
  const pendingRef = useRef<PendingMessage[]>([]);
  pendingRef.current = pending;
  /** Offer entries patched in, so a history read that was in flight meanwhile does not lose them. */
  const patched = useRef<OfferHistoryItem[]>([]);

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

  /** Takes a deal (and an offer entry) from the server unless it is older than the deal held; returns whether it was taken. */
  const apply = useCallback((next: DealView, entry?: OfferHistoryItem): boolean => {
    if (next.id !== dealId || !isCurrent(heldVersion.current, next)) return false;
    heldVersion.current = next.version;
    setDealState(next);
    if (entry) {
      patched.current.push(entry);
      setOffers((prev) => (prev ? patchHistory(prev, entry) : prev));
    }
    return true;
  }, [dealId]);

  const loadOffers = useCallback(async () => {
    const from = patched.current.length;
    try {
      const h = await api.get<{ items: OfferHistoryItem[] }>(`/api/deals/${dealId}/offers`);
      setOffers(patched.current.slice(from).reduce(patchHistory, h.items));
      setOffersError(null);
    } catch (err) {
      setOffersError(err);
    }
  }, [dealId]);

  const emitMessage = useCallback(
    (socket: DealSocket, p: PendingMessage) => {
      socket.timeout(8000).emit('message:send', { dealId, clientMsgId: p.clientMsgId, text: p.text }, (err: Error | null, res?: Ack<MessageView>) => {
        // No answer (a dropped connection): it stays pending and goes again after the next join.
        if (err || !res) return;
        if (res.error) return setPending((prev) => prev.map((x) => (x.clientMsgId === p.clientMsgId ? { ...x, failed: true } : x)));
        merge([res.data]);
      });
    },
    [dealId, merge],
  );

  useEffect(() => {
    lastSeq.current = 0;
    heldVersion.current = 0;
    setMessages([]);
    setDealState(null);
    setOffers(null);
    patched.current = [];
    const socket: DealSocket = io('/deals', {
      withCredentials: true,
      reconnectionDelayMax: 3000,
      // the server words refusals in the page's language (asked again at each reconnection)
      auth: (cb) => cb({ lang: i18n.language === 'en' ? 'en' : 'zh' }),
    });
    socketRef.current = socket;

    const join = () => {
      socket.timeout(15_000).emit('deal:join', { dealId, lastSeq: lastSeq.current }, (err: Error | null, res?: Ack<JoinResult>) => {
        if (err || !res) return; // a timeout: the next reconnect joins again
        if (res.error) {
          setJoinError(ackError(res.error));
          return;
        }
        setJoinError(null);
        // The offer history is read on the first join, and again only when the deal changed
        // while this page was away (a rejoin with a newer version); otherwise it is patched.
        const stale = heldVersion.current === 0 || res.data.deal.version > heldVersion.current;
        apply(res.data.deal);
        merge(res.data.messages);
        setConnection('connected');
        if (stale) void loadOffers();
        for (const p of pendingRef.current) if (!p.failed) emitMessage(socket, p);
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
    const onOffer = (p: { dealId: string; deal: DealView; offer: OfferHistoryItem }) => {
      if (p.dealId === dealId) apply(p.deal, p.offer);
    };
    socket.on('offer:created', onOffer);
    socket.on('offer:accepted', onOffer);
    socket.on('offer:rejected', onOffer);
    socket.on('offer:withdrawn', onOffer);
    socket.on('deal:transitioned', (p) => {
      if (p.dealId === dealId) apply(p.deal);
    });
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
  }, [dealId, merge, apply, loadOffers, emitMessage]);

  /** Sends a chat message; the same clientMsgId makes a retry safe (the server stores it once). */
  const send = useCallback(
    (text: string, retryId?: string) => {
      const p = { clientMsgId: retryId ?? newId(), text, failed: false };
      setPending((prev) => [...prev.filter((x) => x.clientMsgId !== p.clientMsgId), p]);
      const socket = socketRef.current;
      // Offline: it waits in `pending` and is sent after the next join.
      if (socket?.connected) emitMessage(socket, p);
    },
    [emitMessage],
  );

  /**
   * Sends an offer or transition command over the socket; resolves with the stored result (already
   * applied to the deal and the history) or rejects with the server's error as an ApiError.
   */
  const command = useCallback(
    <E extends DealCommand>(event: E, payload: CommandPayload<E>): Promise<DealActionResult> =>
      new Promise((resolve, reject) => {
        const socket = socketRef.current;
        if (!socket?.connected) return reject(new ApiError(0, 'offline', 'Not connected to the room; wait for the connection to come back'));
        const timed = socket.timeout(15_000) as unknown as { emit: (e: string, p: unknown, ack: (err: Error | null, res?: Ack<DealActionResult>) => void) => void };
        timed.emit(event, { ...payload, dealId }, (err, res) => {
          if (err || !res) return reject(new ApiError(0, 'timeout', 'The server did not answer in time'));
          if (res.error) return reject(ackError(res.error));
          apply(res.data.deal, res.data.offer);
          merge([res.data.message]);
          resolve(res.data);
        });
      }),
    [dealId, apply, merge],
  );

  const notifyTyping = useCallback(
    (on: boolean) => {
      socketRef.current?.emit('typing', { dealId, typing: on });
    },
    [dealId],
  );

  return {
    deal,
    offers,
    offersError,
    reloadOffers: loadOffers,
    messages,
    pending,
    connection,
    joinError,
    typing: Object.values(typing).map((v) => v.name),
    send,
    command,
    notifyTyping,
  };
}
