/**
 * The bilingual technical vocabulary: each entry is one concept in Chinese and English (plus
 * alternate spellings). Both engines get the same list: the embedded engine expands queries with
 * it, Meilisearch receives it as its `synonyms` setting. The seed scale generator draws its topics
 * from it too, grouped by field.
 */
import type { FieldCode } from './taxonomy';
import { tokenize } from './tokenizer';

export interface Concept {
  field: FieldCode;
  zh: string;
  en: string;
  /** Other spellings of the same concept, either language. */
  alt?: readonly string[];
}

export const CONCEPTS: readonly Concept[] = [
  // 人工智能
  { field: 'ai', zh: '人工智能', en: 'artificial intelligence', alt: ['ai'] },
  { field: 'ai', zh: '机器学习', en: 'machine learning' },
  { field: 'ai', zh: '深度学习', en: 'deep learning' },
  { field: 'ai', zh: '神经网络', en: 'neural network' },
  { field: 'ai', zh: '计算机视觉', en: 'computer vision' },
  { field: 'ai', zh: '自然语言处理', en: 'natural language processing', alt: ['nlp'] },
  { field: 'ai', zh: '语音识别', en: 'speech recognition' },
  { field: 'ai', zh: '知识图谱', en: 'knowledge graph' },
  { field: 'ai', zh: '大语言模型', en: 'large language model', alt: ['llm', '大模型'] },
  { field: 'ai', zh: '图像识别', en: 'image recognition' },
  // 新一代信息技术
  { field: 'ict', zh: '区块链', en: 'blockchain' },
  { field: 'ict', zh: '云计算', en: 'cloud computing' },
  { field: 'ict', zh: '边缘计算', en: 'edge computing' },
  { field: 'ict', zh: '物联网', en: 'internet of things', alt: ['iot'] },
  { field: 'ict', zh: '大数据', en: 'big data' },
  { field: 'ict', zh: '网络安全', en: 'cybersecurity', alt: ['network security'] },
  { field: 'ict', zh: '数据库', en: 'database' },
  { field: 'ict', zh: '光纤通信', en: 'optical fiber communication' },
  { field: 'ict', zh: '基站', en: 'base station' },
  { field: 'ict', zh: '密码算法', en: 'cryptographic algorithm' },
  // 集成电路与半导体
  { field: 'semiconductor', zh: '芯片', en: 'chip', alt: ['集成电路'] },
  { field: 'semiconductor', zh: '半导体', en: 'semiconductor' },
  { field: 'semiconductor', zh: '晶圆', en: 'wafer' },
  { field: 'semiconductor', zh: '光刻', en: 'lithography' },
  { field: 'semiconductor', zh: '碳化硅', en: 'silicon carbide', alt: ['sic'] },
  { field: 'semiconductor', zh: '氮化镓', en: 'gallium nitride', alt: ['gan'] },
  { field: 'semiconductor', zh: '封装', en: 'packaging' },
  { field: 'semiconductor', zh: '传感器', en: 'sensor' },
  { field: 'semiconductor', zh: '存储器', en: 'memory chip' },
  // 新能源
  { field: 'new-energy', zh: '光伏', en: 'photovoltaic', alt: ['pv', '太阳能电池'] },
  { field: 'new-energy', zh: '风力发电', en: 'wind power' },
  { field: 'new-energy', zh: '氢能', en: 'hydrogen energy' },
  { field: 'new-energy', zh: '燃料电池', en: 'fuel cell' },
  { field: 'new-energy', zh: '钙钛矿', en: 'perovskite' },
  { field: 'new-energy', zh: '逆变器', en: 'inverter' },
  { field: 'new-energy', zh: '电解水制氢', en: 'water electrolysis' },
  { field: 'new-energy', zh: '智能电网', en: 'smart grid' },
  // 储能与电池
  { field: 'energy-storage', zh: '锂电池', en: 'lithium battery', alt: ['锂离子电池', 'lithium-ion battery', 'li-ion battery'] },
  { field: 'energy-storage', zh: '正极材料', en: 'cathode material' },
  { field: 'energy-storage', zh: '负极材料', en: 'anode material' },
  { field: 'energy-storage', zh: '电解液', en: 'electrolyte' },
  { field: 'energy-storage', zh: '固态电池', en: 'solid-state battery' },
  { field: 'energy-storage', zh: '钠离子电池', en: 'sodium-ion battery' },
  { field: 'energy-storage', zh: '储能', en: 'energy storage' },
  { field: 'energy-storage', zh: '电池管理系统', en: 'battery management system', alt: ['bms'] },
  { field: 'energy-storage', zh: '隔膜', en: 'separator' },
  { field: 'energy-storage', zh: '超级电容', en: 'supercapacitor' },
  // 新材料
  { field: 'new-materials', zh: '石墨烯', en: 'graphene' },
  { field: 'new-materials', zh: '碳纤维', en: 'carbon fiber' },
  { field: 'new-materials', zh: '复合材料', en: 'composite material' },
  { field: 'new-materials', zh: '高分子材料', en: 'polymer' },
  { field: 'new-materials', zh: '陶瓷', en: 'ceramic' },
  { field: 'new-materials', zh: '纳米材料', en: 'nanomaterial' },
  { field: 'new-materials', zh: '涂层', en: 'coating' },
  { field: 'new-materials', zh: '合金', en: 'alloy' },
  { field: 'new-materials', zh: '稀土', en: 'rare earth' },
  // 生物医药
  { field: 'biomedicine', zh: '疫苗', en: 'vaccine' },
  { field: 'biomedicine', zh: '抗体', en: 'antibody' },
  { field: 'biomedicine', zh: '基因编辑', en: 'gene editing' },
  { field: 'biomedicine', zh: '细胞治疗', en: 'cell therapy' },
  { field: 'biomedicine', zh: '靶向药物', en: 'targeted drug' },
  { field: 'biomedicine', zh: '中药', en: 'traditional chinese medicine', alt: ['tcm'] },
  { field: 'biomedicine', zh: '诊断试剂', en: 'diagnostic reagent' },
  { field: 'biomedicine', zh: '蛋白质', en: 'protein' },
  { field: 'biomedicine', zh: '合成生物学', en: 'synthetic biology' },
  // 医疗器械
  { field: 'medical-devices', zh: '医学影像', en: 'medical imaging' },
  { field: 'medical-devices', zh: '手术机器人', en: 'surgical robot' },
  { field: 'medical-devices', zh: '可穿戴设备', en: 'wearable device' },
  { field: 'medical-devices', zh: '超声', en: 'ultrasound' },
  { field: 'medical-devices', zh: '内窥镜', en: 'endoscope' },
  { field: 'medical-devices', zh: '支架', en: 'stent' },
  { field: 'medical-devices', zh: '体外诊断', en: 'in vitro diagnostics', alt: ['ivd'] },
  // 高端装备制造
  { field: 'advanced-manufacturing', zh: '数控机床', en: 'cnc machine tool' },
  { field: 'advanced-manufacturing', zh: '增材制造', en: 'additive manufacturing', alt: ['3d打印', '3d printing'] },
  { field: 'advanced-manufacturing', zh: '智能制造', en: 'intelligent manufacturing', alt: ['smart manufacturing'] },
  { field: 'advanced-manufacturing', zh: '工业互联网', en: 'industrial internet' },
  { field: 'advanced-manufacturing', zh: '精密加工', en: 'precision machining' },
  { field: 'advanced-manufacturing', zh: '焊接', en: 'welding' },
  { field: 'advanced-manufacturing', zh: '轴承', en: 'bearing' },
  { field: 'advanced-manufacturing', zh: '数字孪生', en: 'digital twin' },
  // 机器人与智能控制
  { field: 'robotics', zh: '工业机器人', en: 'industrial robot' },
  { field: 'robotics', zh: '机械臂', en: 'robotic arm' },
  { field: 'robotics', zh: '伺服电机', en: 'servo motor' },
  { field: 'robotics', zh: '减速器', en: 'reducer', alt: ['gearbox'] },
  { field: 'robotics', zh: '机器视觉', en: 'machine vision' },
  { field: 'robotics', zh: '路径规划', en: 'path planning' },
  { field: 'robotics', zh: '控制系统', en: 'control system' },
  { field: 'robotics', zh: '人形机器人', en: 'humanoid robot' },
  // 新能源汽车
  { field: 'new-energy-vehicles', zh: '动力电池', en: 'power battery', alt: ['traction battery'] },
  { field: 'new-energy-vehicles', zh: '电动汽车', en: 'electric vehicle', alt: ['ev'] },
  { field: 'new-energy-vehicles', zh: '自动驾驶', en: 'autonomous driving', alt: ['self-driving'] },
  { field: 'new-energy-vehicles', zh: '充电桩', en: 'charging pile', alt: ['charging station'] },
  { field: 'new-energy-vehicles', zh: '电驱动', en: 'electric drive' },
  { field: 'new-energy-vehicles', zh: '激光雷达', en: 'lidar' },
  { field: 'new-energy-vehicles', zh: '热管理', en: 'thermal management' },
  { field: 'new-energy-vehicles', zh: '电池回收', en: 'battery recycling' },
  // 航空航天
  { field: 'aerospace', zh: '无人机', en: 'drone', alt: ['uav', 'unmanned aerial vehicle'] },
  { field: 'aerospace', zh: '卫星', en: 'satellite' },
  { field: 'aerospace', zh: '航空发动机', en: 'aero engine' },
  { field: 'aerospace', zh: '导航', en: 'navigation' },
  { field: 'aerospace', zh: '遥感', en: 'remote sensing' },
  { field: 'aerospace', zh: '钛合金', en: 'titanium alloy' },
  // 海洋工程
  { field: 'marine', zh: '海水淡化', en: 'desalination' },
  { field: 'marine', zh: '海上风电', en: 'offshore wind' },
  { field: 'marine', zh: '水下机器人', en: 'underwater robot', alt: ['rov'] },
  { field: 'marine', zh: '船舶', en: 'ship' },
  { field: 'marine', zh: '海洋监测', en: 'ocean monitoring' },
  { field: 'marine', zh: '防腐', en: 'anticorrosion', alt: ['corrosion protection'] },
  // 节能环保
  { field: 'environment', zh: '污水处理', en: 'wastewater treatment' },
  { field: 'environment', zh: '碳捕集', en: 'carbon capture', alt: ['ccus'] },
  { field: 'environment', zh: '固废', en: 'solid waste' },
  { field: 'environment', zh: '余热回收', en: 'waste heat recovery' },
  { field: 'environment', zh: '脱硫', en: 'desulfurization' },
  { field: 'environment', zh: '土壤修复', en: 'soil remediation' },
  { field: 'environment', zh: '空气净化', en: 'air purification' },
  // 现代农业
  { field: 'agriculture', zh: '育种', en: 'breeding' },
  { field: 'agriculture', zh: '智慧农业', en: 'smart agriculture', alt: ['precision agriculture'] },
  { field: 'agriculture', zh: '灌溉', en: 'irrigation' },
  { field: 'agriculture', zh: '化肥', en: 'fertilizer' },
  { field: 'agriculture', zh: '农药', en: 'pesticide' },
  { field: 'agriculture', zh: '水产养殖', en: 'aquaculture' },
  { field: 'agriculture', zh: '植物工厂', en: 'plant factory' },
  // 食品科学
  { field: 'food', zh: '保鲜', en: 'preservation' },
  { field: 'food', zh: '发酵', en: 'fermentation' },
  { field: 'food', zh: '益生菌', en: 'probiotic' },
  { field: 'food', zh: '冷链', en: 'cold chain' },
  { field: 'food', zh: '食品安全', en: 'food safety' },
  { field: 'food', zh: '功能食品', en: 'functional food' },
  // 化学化工
  { field: 'chemical', zh: '催化剂', en: 'catalyst' },
  { field: 'chemical', zh: '分离膜', en: 'separation membrane' },
  { field: 'chemical', zh: '精细化工', en: 'fine chemicals' },
  { field: 'chemical', zh: '可降解塑料', en: 'biodegradable plastic' },
  { field: 'chemical', zh: '涂料', en: 'paint' },
  { field: 'chemical', zh: '萃取', en: 'extraction' },
  // 建筑与土木工程
  { field: 'construction', zh: '装配式建筑', en: 'prefabricated building' },
  { field: 'construction', zh: '混凝土', en: 'concrete' },
  { field: 'construction', zh: '隧道', en: 'tunnel' },
  { field: 'construction', zh: '桥梁', en: 'bridge' },
  { field: 'construction', zh: '建筑信息模型', en: 'building information modeling', alt: ['bim'] },
  { field: 'construction', zh: '抗震', en: 'seismic' },
  // 交通运输
  { field: 'transportation', zh: '轨道交通', en: 'rail transit' },
  { field: 'transportation', zh: '智能交通', en: 'intelligent transportation' },
  { field: 'transportation', zh: '物流', en: 'logistics' },
  { field: 'transportation', zh: '车联网', en: 'vehicle networking', alt: ['v2x'] },
  { field: 'transportation', zh: '高速铁路', en: 'high-speed rail' },
  // 光电与激光
  { field: 'optoelectronics', zh: '激光', en: 'laser' },
  { field: 'optoelectronics', zh: '光纤', en: 'optical fiber' },
  { field: 'optoelectronics', zh: '显示面板', en: 'display panel' },
  { field: 'optoelectronics', zh: '发光二极管', en: 'light-emitting diode', alt: ['led'] },
  { field: 'optoelectronics', zh: '红外', en: 'infrared' },
  { field: 'optoelectronics', zh: '光学镜头', en: 'optical lens' },
  // 数字创意
  { field: 'digital-creative', zh: '虚拟现实', en: 'virtual reality', alt: ['vr'] },
  { field: 'digital-creative', zh: '增强现实', en: 'augmented reality', alt: ['ar'] },
  { field: 'digital-creative', zh: '动画', en: 'animation' },
  { field: 'digital-creative', zh: '游戏引擎', en: 'game engine' },
  { field: 'digital-creative', zh: '数字人', en: 'digital human' },
  { field: 'digital-creative', zh: '元宇宙', en: 'metaverse' },
];

/** The phrases of one concept, Chinese first. */
export function conceptPhrases(c: Concept): string[] {
  return [c.zh, c.en, ...(c.alt ?? [])];
}

/** Synonym classes: each a list of equivalent phrases. */
export const SYNONYM_CLASSES: readonly (readonly string[])[] = CONCEPTS.map(conceptPhrases);

/**
 * The list in Meilisearch's `synonyms` format (mutual: every phrase lists all the others),
 * lower-cased because Meilisearch matches synonyms on normalised text.
 */
export function meiliSynonyms(): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const cls of SYNONYM_CLASSES) {
    const phrases = [...new Set(cls.map((p) => p.toLowerCase()))];
    for (const p of phrases) {
      const others = phrases.filter((q) => q !== p);
      out[p] = [...new Set([...(out[p] ?? []), ...others])];
    }
  }
  return out;
}

/** One concept of a query: alternatives, each a list of terms that must all match. */
export interface QueryGroup {
  /** The terms as the user typed them (after tokenising). */
  source: string[];
  alternatives: string[][];
}

interface PhraseEntry {
  terms: string[];
  classIds: number[];
}

/** Token-sequence index: key = terms joined by a space. */
const phraseIndex = new Map<string, PhraseEntry>();
let maxPhraseTerms = 1;
const classTerms: string[][][] = SYNONYM_CLASSES.map((cls) => cls.map((p) => tokenize(p)).filter((t) => t.length > 0));
classTerms.forEach((phrases, classId) => {
  for (const terms of phrases) {
    const key = terms.join(' ');
    const entry = phraseIndex.get(key);
    if (entry) {
      if (!entry.classIds.includes(classId)) entry.classIds.push(classId);
    } else {
      phraseIndex.set(key, { terms, classIds: [classId] });
    }
    maxPhraseTerms = Math.max(maxPhraseTerms, terms.length);
  }
});

const sameTerms = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((t, i) => t === b[i]);

/**
 * Splits query terms into concept groups, longest synonym phrase first, and gives each group its
 * alternatives in both languages: [锂, 电池] → one group {[锂, 电池], [lithium, battery], …}.
 * Terms outside the list become groups of one alternative.
 */
export function expandSynonyms(terms: readonly string[]): QueryGroup[] {
  const groups: QueryGroup[] = [];
  let i = 0;
  while (i < terms.length) {
    let matched: PhraseEntry | undefined;
    for (let len = Math.min(maxPhraseTerms, terms.length - i); len >= 1 && !matched; len--) {
      matched = phraseIndex.get(terms.slice(i, i + len).join(' '));
    }
    if (!matched) {
      const term = terms[i] as string;
      groups.push({ source: [term], alternatives: [[term]] });
      i += 1;
      continue;
    }
    const alternatives: string[][] = [matched.terms];
    for (const classId of matched.classIds) {
      for (const alt of classTerms[classId] ?? []) {
        if (!alternatives.some((a) => sameTerms(a, alt))) alternatives.push(alt);
      }
    }
    groups.push({ source: matched.terms, alternatives });
    i += matched.terms.length;
  }
  return groups;
}
