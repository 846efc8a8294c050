/**
 * The topic banks for all 21 fields, plus per-field profiles (what kind of IP a field mostly
 * produces, how a field prices its technology).
 */
import type { FieldCode, IpType } from '../../../search/src/taxonomy';
import { ENERGY_TOPICS } from './energy';
import { INFORMATION_TOPICS } from './information';
import { INDUSTRY_TOPICS } from './industry';
import { LIFE_TOPICS } from './life';
import { MATERIALS_TOPICS } from './materials';
import type { Topic } from './topic';

export type { Pair, Topic, Variant } from './topic';

/** All topics in a stable order (the order fixes the demo data). */
export const TOPICS: readonly Topic[] = [
  ...INFORMATION_TOPICS,
  ...ENERGY_TOPICS,
  ...MATERIALS_TOPICS,
  ...LIFE_TOPICS,
  ...INDUSTRY_TOPICS,
];

/** What the confidential details of a field talk about. */
export type TechKind = 'material' | 'device' | 'software' | 'bio' | 'process';

export interface FieldProfile {
  kind: TechKind;
  /** Default IP types, most likely first. */
  ip: readonly IpType[];
  /** Multiplier on the base price (biomedicine and chips sell dearer than road materials). */
  price: number;
}

export const FIELD_PROFILES: Record<FieldCode, FieldProfile> = {
  ai: { kind: 'software', ip: ['software-copyright', 'invention-patent'], price: 0.8 },
  ict: { kind: 'software', ip: ['software-copyright', 'invention-patent'], price: 0.8 },
  semiconductor: { kind: 'device', ip: ['invention-patent', 'ic-layout'], price: 2 },
  'new-energy': { kind: 'material', ip: ['invention-patent', 'know-how'], price: 1.3 },
  'energy-storage': { kind: 'material', ip: ['invention-patent', 'know-how'], price: 1.4 },
  'new-materials': { kind: 'material', ip: ['invention-patent', 'know-how'], price: 1 },
  biomedicine: { kind: 'bio', ip: ['invention-patent', 'know-how'], price: 2.5 },
  'medical-devices': { kind: 'device', ip: ['invention-patent', 'utility-model'], price: 1.5 },
  'advanced-manufacturing': { kind: 'device', ip: ['invention-patent', 'utility-model'], price: 1 },
  robotics: { kind: 'device', ip: ['invention-patent', 'utility-model'], price: 1 },
  'new-energy-vehicles': { kind: 'device', ip: ['invention-patent', 'utility-model'], price: 1.3 },
  aerospace: { kind: 'device', ip: ['invention-patent', 'know-how'], price: 1.5 },
  marine: { kind: 'device', ip: ['invention-patent', 'utility-model'], price: 1 },
  environment: { kind: 'process', ip: ['invention-patent', 'know-how'], price: 0.8 },
  agriculture: { kind: 'bio', ip: ['invention-patent', 'plant-variety'], price: 0.5 },
  food: { kind: 'process', ip: ['invention-patent', 'know-how'], price: 0.5 },
  chemical: { kind: 'process', ip: ['invention-patent', 'know-how'], price: 1.1 },
  construction: { kind: 'material', ip: ['invention-patent', 'utility-model'], price: 0.6 },
  transportation: { kind: 'device', ip: ['invention-patent', 'software-copyright'], price: 0.7 },
  optoelectronics: { kind: 'device', ip: ['invention-patent', 'utility-model'], price: 1.3 },
  'digital-creative': { kind: 'software', ip: ['software-copyright', 'design-patent'], price: 0.5 },
};

/** The topics of one field. */
export const topicsOf = (field: FieldCode): Topic[] => TOPICS.filter((t) => t.field === field);
