// What the API answers: the api's contract, derived from its presenters (no shapes are declared
// here; web/test/units.test.ts keeps it that way). Inputs are the zod types from @techbridge/api/schemas.
export type {
  Achievement,
  DealModeCode,
  Demand,
  Interest,
  Invitation,
  LicenseExclusivity,
  Match,
  MatchReason,
  MeResponse,
  ModeTerms,
  Notification,
  NotificationList,
  Org,
  OrgKind,
  OrgRef,
  OutboxMessage,
  Paged,
  Patent,
  RegisterResponse,
  Role,
  SearchHit,
  SearchResponse,
  User,
} from '@techbridge/api/contract';
export type { AchievementStatus, DemandStatus } from '@techbridge/api/contract';
