// One contract with the browser: what the API answers (types derived from its presenters), the
// state tables and the money helper. Shared by api, web, seed; nothing here may import a server
// module at run time (contract.test.ts checks), so Vite bundles it as it is.
export * from './money';
export * from './states';
export type * from './responses';
export type {
  Ack,
  AppErrorBody,
  Bilingual,
  ClientToServerEvents,
  DealActionResult,
  DealMode,
  DealView,
  JoinResult,
  MessagePage,
  MessageView,
  NotificationEvents,
  OfferHistoryItem,
  OfferSnapshot,
  OfferStatus,
  OfferTerms,
  OfferView,
  OrgRef as DealOrgRef,
  ServerToClientEvents,
  SystemEvent,
  TermChange,
} from '../deals/deals.events';
