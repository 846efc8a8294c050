import type { z } from 'zod';
import * as R from './responses.schemas';

/** What a route answers on success, for the OpenAPI document. */
export interface RouteResponse {
  status: number;
  description: string;
  summary?: string;
  /** A JSON answer's schema (named with `.meta({ id })`). */
  schema?: z.ZodType;
  /** A non-JSON answer (a file download). */
  contentType?: string;
}

const file = (contentType: string, summary: string): RouteResponse => ({ status: 200, contentType, summary, description: summary });
const ok = (schema: z.ZodType, summary: string, status = 200): RouteResponse => ({ status, schema, summary, description: summary });

/**
 * The described answers, by "METHOD /api/path" as the routes are written. The partner-facing
 * routes — listings read and write, search, the feed, deals read, API keys — carry their schema;
 * `openapi.test.ts` holds real answers against them.
 */
export const ROUTE_RESPONSES: Record<string, RouteResponse> = {
  'GET /api/feed/achievements': ok(R.AchievementFeedPage, 'Achievements changed after the cursor (published ones, and tombstones)'),
  'GET /api/feed/demands': ok(R.DemandFeedPage, 'Demands changed after the cursor (open ones, and tombstones)'),
  'GET /api/search/achievements': ok(R.AchievementSearchResult, 'Search published achievements'),
  'GET /api/search/demands': ok(R.DemandSearchResult, 'Search open demands'),
  'POST /api/achievements': ok(R.Achievement, 'Create a draft achievement of your organisation', 201),
  'GET /api/achievements/mine': ok(R.AchievementList, "Your organisation's achievements"),
  'GET /api/achievements/{id}': ok(R.Achievement, 'One achievement'),
  'PATCH /api/achievements/{id}': ok(R.Achievement, 'Edit an achievement (send the version you saw)'),
  'POST /api/achievements/{id}/publish': ok(R.Achievement, 'Publish an achievement'),
  'POST /api/achievements/{id}/withdraw': ok(R.Achievement, 'Withdraw an achievement'),
  'POST /api/demands': ok(R.Demand, 'Create a draft demand of your organisation', 201),
  'GET /api/demands/mine': ok(R.DemandList, "Your organisation's demands"),
  'GET /api/demands/{id}': ok(R.Demand, 'One demand'),
  'PATCH /api/demands/{id}': ok(R.Demand, 'Edit a demand (send the version you saw)'),
  'POST /api/demands/{id}/publish': ok(R.Demand, 'Publish a demand'),
  'POST /api/demands/{id}/withdraw': ok(R.Demand, 'Withdraw a demand'),
  'POST /api/demands/{id}/close': ok(R.Demand, 'Close a demand'),
  'GET /api/deals': ok(R.DealList, "Your organisation's deals"),
  'GET /api/deals/{id}': ok(R.DealDetail, 'One deal'),
  'POST /api/orgs/{id}/api-keys': ok(R.CreatedApiKey, 'Create an API key (org admins; the key is shown once)', 201),
  'GET /api/orgs/{id}/api-keys': ok(R.ApiKeyList, "The organisation's API keys (org admins)"),
  'POST /api/orgs/{id}/api-keys/{keyId}/revoke': ok(R.ApiKeyView, 'Revoke an API key (refused from the next request on)'),
  // Answers that are not JSON: files, CSV and PDF downloads, the reference page, 204s.
  'GET /api/achievements/import/template': file('text/csv', 'The CSV import template'),
  'GET /api/files/{id}': file('application/octet-stream', 'The file (its own type; always as an attachment)'),
  'GET /api/deals/{id}/contract.pdf': file('application/pdf', 'The contract as PDF'),
  'GET /api/reports/{id}/report.pdf': file('application/pdf', 'The annual report as PDF'),
  'GET /api/reports/{id}/report.csv': file('text/csv', 'The annual report as CSV'),
  'GET /api/indicators/agencies/{orgId}/commission.csv': file('text/csv', "An agency's commission statement as CSV"),
  'GET /api/brokers/docking/{id}/report.csv': file('text/csv', "A docking run's report as CSV"),
  'GET /api/docs': file('text/html', 'This reference, browsable'),
  'GET /api/docs/start.js': file('application/javascript', "The reference page's start script"),
  'GET /api/openapi.json': file('application/json', 'This document (OpenAPI 3.1)'),
  'POST /api/auth/logout': { status: 204, description: 'Signed out', contentType: 'none' },
};

/** Request bodies that are not a JSON document a `validate` checks (uploads, signed webhooks). */
export const REQUEST_BODIES: Record<string, { contentType: string; description: string; schema?: Record<string, unknown> }> = {
  'POST /api/achievements/import': {
    contentType: 'multipart/form-data',
    description: 'One CSV file in the field "file" (the template: GET /api/achievements/import/template)',
    schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] },
  },
  'POST /api/attachments/{kind}/{id}': { contentType: 'application/octet-stream', description: 'The file itself as the raw body (its name in the query)' },
  'POST /api/payments/webhook': { contentType: 'application/json', description: "Stripe's event, signed (Stripe-Signature); read raw", schema: {} },
};

/** Writes that take no body: their input is the path (an action on the named resource). */
export const NO_BODY = new Set([
  'POST /api/auth/logout',
  'DELETE /api/orgs/{id}/invitations/{invitationId}',
  'DELETE /api/files/{id}',
  'POST /api/orgs/{id}/api-keys/{keyId}/revoke',
  'POST /api/deal-proposals/{id}/accept',
  'POST /api/deal-proposals/{id}/decline',
  'POST /api/deal-proposals/{id}/withdraw',
  'POST /api/demands/{id}/rematch',
  'POST /api/achievements/{id}/rematch',
  'DELETE /api/brokers/portfolio/{orgId}',
  'POST /api/orgs/{id}/agencies/{agencyId}/{action}',
  'DELETE /api/orgs/{id}/agencies/{agencyId}',
  'POST /api/brokers/matches/{id}/pin',
  'POST /api/brokers/matches/{id}/unpin',
  'POST /api/brokers/matches/{id}/dismiss',
  'POST /api/deals/{id}/payments/{itemId}/intent',
  'DELETE /api/achievements/{id}',
  'DELETE /api/demands/{id}',
  'DELETE /api/webhooks/{id}',
  'POST /api/webhooks/{id}/deliveries/{deliveryId}/redeliver',
  'DELETE /api/alerts/{id}',
]);
