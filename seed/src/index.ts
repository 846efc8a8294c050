/** @techbridge/seed: deterministic bilingual demo data, the matcher's evaluation set and test factories. */
export * from './types';
export { buildDemoData, achievementKey, DEMO_PASSWORD, ADMIN_PASSWORD } from './demo';
export { EVAL_SET, type EvalCase } from './eval';
export { buildOrgInput, buildUserInput, buildAchievementInput, buildDemandInput, resetFactories, DEFAULT_FACTORY_SEED } from './factories';
export { termsProblem, isCounterpart, sharedKeywords } from './checks';
export { checkDigit, applicationNumber, parsePatentNumber, patentProblem } from './patents';
export { REFERENCE_DATE } from './compose';
