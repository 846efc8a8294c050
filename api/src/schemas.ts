// Every input schema the browser shares with the server. Imports only zod and the taxonomy, so
// web/ can bundle it.
export * from './common/schemas';
export * from './auth/auth.schemas';
export * from './orgs/orgs.schemas';
export * from './notifications/notifications.schemas';
export * from './achievements/achievements.schemas';
export * from './demands/demands.schemas';
export * from './search/search.schemas';
export * from './deals/deals.schemas';
export * from './matching/matching.schemas';
export * from './payments/payments.schemas';
export * from './contracts/contracts.schemas';
export * from './reports/reports.schemas';
export * from './indicators/indicators.schemas';
export * from './webhooks/webhooks.schemas';
export * from './alerts/alerts.schemas';
export * from './apikeys/apikeys.schemas';
