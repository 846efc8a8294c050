// What the API answers, as the browser receives it: each type is the return type of the presenter
// (or service) that builds the answer, passed through `Wire` (what JSON makes of it). Type-only
// imports: nothing here reaches the bundle, and a presenter that changes its shape changes these.
import type { presentMe, presentRegistration } from '../auth/auth.presenter';
import type { Role } from '../auth/auth.types';
import type { OrgKind } from '../auth/auth.schemas';
import type { presentOrg, presentOrgCard, presentReview } from '../orgs/orgs.presenter';
import type { presentFile } from '../files/files.presenter';
import type { listFiles } from '../files/files.service';
import type { createInvitation } from '../orgs/orgs.service';
import type { presentApiKey, presentCreatedKey } from '../apikeys/apikeys.presenter';
import type { listOutbox } from '../mail/mail.service';
import type { WebhooksService } from '../webhooks/webhooks.service';
import type { AlertsService } from '../alerts/alerts.service';
import type { presentNotification } from '../notifications/notifications.presenter';
import type { listNotifications } from '../notifications/notifications.service';
import type { presentAchievement, presentOrgRef } from '../achievements/achievements.presenter';
import type { presentDemand } from '../demands/demands.presenter';
import type { presentMatches } from '../matching/matching.service';
import type { presentDemandInterest, presentInterest } from '../matching/matching.presenter';
import type { searchAchievements } from '../search/search.service';
import type { ImportReport as StoredImportReport } from '../achievements/achievements.service';
import type { getPortfolio, leavePortfolio, listOrgAgencies } from '../brokers/portfolio.service';
import type { presentDockingRun } from '../brokers/brokers.presenter';
import type { presentProposal } from '../deals/proposals.service';
import type { presentContract } from '../contracts/contracts.presenter';
import type { RegistrationRow } from '../contracts/contract.registration';
import type { listingFeedback } from '../matching/feedback.service';
import type { listNearMisses } from '../matching/near-misses.service';
import type { presentItem, presentPayments, presentRoyaltyReport } from '../payments/payments.presenter';
import type { PaymentCheckout } from '../payments/checkout.service';
import type { TestCheckout } from '../payments/test-checkout.service';
import type { Royalties } from '../payments/royalties.service';
import type { DealMode } from '../deals/deals.schemas';
import type { IndicatorsService } from '../indicators/indicators.service';
import type { ValidationIssue, errorBody } from '../errors';
import type { presentReportJob } from '../reports/reports.presenter';
import type { ReportsService } from '../reports/reports.service';

/** What JSON makes of `T`: a Date arrives as its ISO string; every other shape is kept. */
export type Wire<T> = T extends Date
  ? string
  : T extends readonly (infer U)[]
    ? Wire<U>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;

/** Every error's body: `{error: ErrorBody}`; a 400's `details` lists ValidationIssues. */
export type ErrorBody = ReturnType<typeof errorBody>['error'];
export type { ValidationIssue };

/** A page of a list (`?page=&pageSize=`). */
export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export type { OrgKind, Role };
export type DealModeCode = DealMode;

/** GET /api/auth/me and the answers that sign in, which add the session's CSRF token. */
export type MeResponse = Wire<ReturnType<typeof presentMe>> & { csrfToken?: string };
export type User = MeResponse['user'];
/** GET /api/session: the signed-in user as GET /api/me answers, or null for a visitor. */
export interface SessionResponse {
  me: MeResponse | null;
}
export type Org = Wire<ReturnType<typeof presentOrg>>;
/** What an organisation submitted for verification and the answer (its admins, platform admins). */
export type OrgReview = Wire<ReturnType<typeof presentReview>>;
/** GET /api/orgs (the verification queue), GET/PUT /api/orgs/:id/verification, POST /api/orgs/:id/verify. */
export type OrgWithReview = Org & { review: OrgReview };
/** GET /api/directory items and GET /api/orgs/:id/profile. */
export type OrgCard = Wire<ReturnType<typeof presentOrgCard>>;
/** An attachment (POST /api/attachments/:kind/:id). */
export type FileInfo = Wire<ReturnType<typeof presentFile>>;
/** GET /api/attachments/:kind/:id: `locked` until the viewer may open them (an achievement's NDA). */
export type FileList = Wire<Awaited<ReturnType<typeof listFiles>>>;
/** POST /api/auth/register: the same for a new and a taken address. */
export type RegisterResponse = Wire<ReturnType<typeof presentRegistration>>;
/** POST /api/orgs/:id/invitations (the token is shown once, here). */
export type Invitation = Wire<Awaited<ReturnType<typeof createInvitation>>>;
/** An organisation's API key as its admins see it (GET /api/orgs/:id/api-keys). */
export type ApiKey = Wire<ReturnType<typeof presentApiKey>>;
/** POST /api/orgs/:id/api-keys: the key itself is in this answer only. */
export type CreatedApiKey = Wire<ReturnType<typeof presentCreatedKey>>;
/** GET /api/dev/outbox (development and test only). */
export type OutboxMessage = Wire<Awaited<ReturnType<typeof listOutbox>>>['items'][number];

export type Notification = Wire<ReturnType<typeof presentNotification>>;
/** GET /api/notifications. */
export type NotificationList = Wire<Awaited<ReturnType<typeof listNotifications>>>;

/** A listing's organisation as listings present it (only `id` when it was not loaded). */
export type OrgRef = Wire<ReturnType<typeof presentOrgRef>>;
export type Achievement = Wire<ReturnType<typeof presentAchievement>>;
export type ModeTerms = Achievement['modes'][number];
export type LicenseExclusivity = Extract<ModeTerms, { mode: 'license' }>['exclusivity'][number];
export type Patent = Achievement['patents'][number];
export type Demand = Wire<ReturnType<typeof presentDemand>>;
/** `DELETE /api/achievements/:id` and `/api/demands/:id`: the draft is gone. */
export interface ListingDeleted {
  id: string;
  deleted: true;
}

export type Match = Wire<Awaited<ReturnType<typeof presentMatches>>[number]>;
export type MatchReason = Match['reasons'][number];
/** `GET /api/demands/:id/near-misses`: candidates that break one of the demand's hard constraints, each with what it breaks. */
export type NearMisses = Wire<Awaited<ReturnType<typeof listNearMisses>>>;
export type Interest = Wire<ReturnType<typeof presentInterest>>;
/** A supplier's interest in a demand, as either party sees it. */
export type DemandInterest = Wire<ReturnType<typeof presentDemandInterest>>;

type AchievementSearch = Wire<Awaited<ReturnType<typeof searchAchievements>>>;
/** A search hit: the listing as the API presents it, with highlighted text (escaped, <mark> only). */
export type SearchHit<T> = Omit<AchievementSearch['hits'][number], 'listing'> & { listing: T };
/** GET /api/search/achievements and /api/search/demands. */
export type SearchResponse<T> = Omit<AchievementSearch, 'hits'> & { hits: SearchHit<T>[] };

/** POST /api/achievements/import: the per-row report. */
export type ImportReport = Wire<StoredImportReport>;
export type ImportRow = ImportReport['rows'][number];
/** What a listing drew, for its owner (GET /api/feedback/:kind/:id). */
export type ListingFeedback = Wire<Awaited<ReturnType<typeof listingFeedback>>>;

/** GET /api/brokers/portfolio: the agency's consented organisations and pending invitations. */
export type Portfolio = Wire<Awaited<ReturnType<typeof getPortfolio>>>;
export type PortfolioLeft = Wire<Awaited<ReturnType<typeof leavePortfolio>>>;
/** GET /api/orgs/:id/agencies: an agency's link to the organisation. */
export type AgencyLink = Wire<Awaited<ReturnType<typeof listOrgAgencies>>>['items'][number];
/** A batch docking (批量对接) run; `rows` on GET /api/brokers/docking/:id. */
export type DockingRun = Wire<ReturnType<typeof presentDockingRun>>;
/** A broker's deal proposal as the enterprise and the agency see it (GET /api/deal-proposals). */
export type DealProposal = Wire<ReturnType<typeof presentProposal>>;

/** GET /api/deals/:id/contract (and the answers of its particulars and sign routes). */
export type Contract = Wire<ReturnType<typeof presentContract>>;
export type ContractContent = Contract['content'];
export type ContractSignature = Contract['signatures'][number];
/** 技术合同登记 data of a signed contract (GET /api/deals/:id/contract/registration, /api/contracts/registrations). */
export type ContractRegistration = Wire<RegistrationRow>;

/** GET /api/deals/:id/payments: items with their fee split, totals, royalty reports, what the reader may do. */
export type DealPayments = Wire<ReturnType<typeof presentPayments>>;
export type PaymentItem = Wire<ReturnType<typeof presentItem>>;
export type PaymentFees = PaymentItem['fees'];
export type PaymentItemStatus = PaymentItem['status'];
export type RoyaltyReport = Wire<ReturnType<typeof presentRoyaltyReport>>;
/** POST /api/deals/:id/payments/:itemId/intent: the client secret (test mode) or the hosted Checkout's address. */
export type PaymentStart = Wire<Awaited<ReturnType<PaymentCheckout['start']>>>;
/** POST /api/deals/:id/payments/:itemId/test-checkout (test mode only). */
export type TestCheckoutResult = Wire<Awaited<ReturnType<TestCheckout['pay']>>>;
/** POST /api/deals/:id/royalty-reports. */
export type RoyaltyReportFiled = Wire<Awaited<ReturnType<Royalties['report']>>>;

/** POST /api/reports/annual (202), GET /api/reports/:id and the `report:progress` push: an annual report's job. */
export type ReportJob = Wire<ReturnType<typeof presentReportJob>>;
/** GET /api/reports: the latest jobs, newest first. */
export type ReportJobList = Wire<Awaited<ReturnType<ReportsService['list']>>>;
/** GET /api/indicators: the zone indicators of a period and region (platform admins). Money in fen. */
export type IndicatorsResponse = Wire<Awaited<ReturnType<IndicatorsService['indicators']>>>;
/** Every figure of a cell, a month or a breakdown row (money in fen). */
export type IndicatorFigures = IndicatorsResponse['totals'];
/** A row of a breakdown (by month, field, province, city, mode, organisation kind): its key, label and figures. */
export type IndicatorBreakdownRow = IndicatorsResponse['byField'][number];
export type IndicatorFunnelStep = IndicatorsResponse['funnel'][number];
/** GET /api/indicators/public: the public summary (no fees or commissions; nothing per organisation). */
export type PublicIndicatorsResponse = Wire<Awaited<ReturnType<IndicatorsService['publicSummary']>>>;
/** GET /api/indicators/agencies: agency and broker performance with their ranks (platform admins). */
export type AgencyPerformanceResponse = Wire<Awaited<ReturnType<IndicatorsService['agencies']>>>;
export type AgencyPerformance = AgencyPerformanceResponse['agencies'][number];
export type BrokerPerformance = AgencyPerformanceResponse['brokers'][number];
/** GET /api/indicators/agencies/:orgId/commission (JSON; `.csv` for the file): an agency's commission statement. */
export type CommissionStatementResponse = Wire<Awaited<ReturnType<IndicatorsService['statement']>>>;
export type CommissionStatementRow = CommissionStatementResponse['rows'][number];

/** GET /api/webhooks: an organisation's outgoing webhooks (org admins; never the secret). */
export type WebhookList = Wire<Awaited<ReturnType<WebhooksService['list']>>>;
export type Webhook = WebhookList['items'][number];
/** POST /api/webhooks (201): the webhook and its signing secret, shown this once. */
export type WebhookCreated = Wire<Awaited<ReturnType<WebhooksService['create']>>>;
/** GET /api/webhooks/:id/deliveries: the delivery log, each delivery with its attempts. */
export type WebhookDeliveryList = Wire<Awaited<ReturnType<WebhooksService['deliveries']>>>;
export type WebhookDelivery = WebhookDeliveryList['items'][number];
/** GET /api/alerts: the user's saved searches and follows. */
export type AlertList = Wire<Awaited<ReturnType<AlertsService['list']>>>;
export type Alert = AlertList['items'][number];
/** GET /api/alerts/hits: the newest listings the user's alerts found. */
export type AlertHitList = Wire<Awaited<ReturnType<AlertsService['hits']>>>;
