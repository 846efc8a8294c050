/**
 * Shared vocabularies: technology fields, regions, deal modes and IP types. Every package (api, web,
 * seed, the matcher) uses these codes, never free text, so filters and facets line up.
 */

export interface Label {
  zh: string;
  en: string;
}

export const FIELDS = [
  { code: 'ai', zh: '人工智能', en: 'Artificial intelligence' },
  { code: 'ict', zh: '新一代信息技术', en: 'Information & communication technology' },
  { code: 'semiconductor', zh: '集成电路与半导体', en: 'Integrated circuits & semiconductors' },
  { code: 'new-energy', zh: '新能源', en: 'New energy' },
  { code: 'energy-storage', zh: '储能与电池', en: 'Energy storage & batteries' },
  { code: 'new-materials', zh: '新材料', en: 'Advanced materials' },
  { code: 'biomedicine', zh: '生物医药', en: 'Biomedicine' },
  { code: 'medical-devices', zh: '医疗器械', en: 'Medical devices' },
  { code: 'advanced-manufacturing', zh: '高端装备制造', en: 'Advanced manufacturing' },
  { code: 'robotics', zh: '机器人与智能控制', en: 'Robotics & intelligent control' },
  { code: 'new-energy-vehicles', zh: '新能源汽车', en: 'New energy vehicles' },
  { code: 'aerospace', zh: '航空航天', en: 'Aerospace' },
  { code: 'marine', zh: '海洋工程', en: 'Marine engineering' },
  { code: 'environment', zh: '节能环保', en: 'Energy saving & environmental protection' },
  { code: 'agriculture', zh: '现代农业', en: 'Modern agriculture' },
  { code: 'food', zh: '食品科学', en: 'Food science' },
  { code: 'chemical', zh: '化学化工', en: 'Chemical engineering' },
  { code: 'construction', zh: '建筑与土木工程', en: 'Construction & civil engineering' },
  { code: 'transportation', zh: '交通运输', en: 'Transportation' },
  { code: 'optoelectronics', zh: '光电与激光', en: 'Optoelectronics & lasers' },
  { code: 'digital-creative', zh: '数字创意', en: 'Digital creative industries' },
] as const satisfies readonly (Label & { code: string })[];

export type FieldCode = (typeof FIELDS)[number]['code'];
export const FIELD_CODES = FIELDS.map((f) => f.code) as unknown as readonly [FieldCode, ...FieldCode[]];

/** Provinces by their GB/T 2260 code. */
export const REGIONS = [
  { code: '110000', zh: '北京市', en: 'Beijing' },
  { code: '120000', zh: '天津市', en: 'Tianjin' },
  { code: '130000', zh: '河北省', en: 'Hebei' },
  { code: '140000', zh: '山西省', en: 'Shanxi' },
  { code: '150000', zh: '内蒙古自治区', en: 'Inner Mongolia' },
  { code: '210000', zh: '辽宁省', en: 'Liaoning' },
  { code: '220000', zh: '吉林省', en: 'Jilin' },
  { code: '230000', zh: '黑龙江省', en: 'Heilongjiang' },
  { code: '310000', zh: '上海市', en: 'Shanghai' },
  { code: '320000', zh: '江苏省', en: 'Jiangsu' },
  { code: '330000', zh: '浙江省', en: 'Zhejiang' },
  { code: '340000', zh: '安徽省', en: 'Anhui' },
  { code: '350000', zh: '福建省', en: 'Fujian' },
  { code: '360000', zh: '江西省', en: 'Jiangxi' },
  { code: '370000', zh: '山东省', en: 'Shandong' },
  { code: '410000', zh: '河南省', en: 'Henan' },
  { code: '420000', zh: '湖北省', en: 'Hubei' },
  { code: '430000', zh: '湖南省', en: 'Hunan' },
  { code: '440000', zh: '广东省', en: 'Guangdong' },
  { code: '450000', zh: '广西壮族自治区', en: 'Guangxi' },
  { code: '460000', zh: '海南省', en: 'Hainan' },
  { code: '500000', zh: '重庆市', en: 'Chongqing' },
  { code: '510000', zh: '四川省', en: 'Sichuan' },
  { code: '520000', zh: '贵州省', en: 'Guizhou' },
  { code: '530000', zh: '云南省', en: 'Yunnan' },
  { code: '540000', zh: '西藏自治区', en: 'Tibet' },
  { code: '610000', zh: '陕西省', en: 'Shaanxi' },
  { code: '620000', zh: '甘肃省', en: 'Gansu' },
  { code: '630000', zh: '青海省', en: 'Qinghai' },
  { code: '640000', zh: '宁夏回族自治区', en: 'Ningxia' },
  { code: '650000', zh: '新疆维吾尔自治区', en: 'Xinjiang' },
] as const satisfies readonly (Label & { code: string })[];

export type RegionCode = (typeof REGIONS)[number]['code'];
export const REGION_CODES = REGIONS.map((r) => r.code) as unknown as readonly [RegionCode, ...RegionCode[]];

export const DEAL_MODES = [
  { code: 'license', zh: '许可', en: 'License' },
  { code: 'transfer', zh: '转让', en: 'Transfer (assignment)' },
  { code: 'equity', zh: '作价入股', en: 'Equity investment' },
] as const satisfies readonly (Label & { code: string })[];

export type DealMode = (typeof DEAL_MODES)[number]['code'];
export const DEAL_MODE_CODES = ['license', 'transfer', 'equity'] as const;

export const IP_TYPES = [
  { code: 'invention-patent', zh: '发明专利', en: 'Invention patent' },
  { code: 'utility-model', zh: '实用新型专利', en: 'Utility model patent' },
  { code: 'design-patent', zh: '外观设计专利', en: 'Design patent' },
  { code: 'software-copyright', zh: '软件著作权', en: 'Software copyright' },
  { code: 'ic-layout', zh: '集成电路布图设计', en: 'IC layout design' },
  { code: 'plant-variety', zh: '植物新品种', en: 'New plant variety' },
  { code: 'know-how', zh: '技术秘密', en: 'Know-how' },
] as const satisfies readonly (Label & { code: string })[];

export type IpType = (typeof IP_TYPES)[number]['code'];
export const IP_TYPE_CODES = IP_TYPES.map((t) => t.code) as unknown as readonly [IpType, ...IpType[]];

const byCode = <T extends { code: string }>(list: readonly T[]) => new Map(list.map((x) => [x.code, x]));
const fieldMap = byCode(FIELDS);
const regionMap = byCode(REGIONS);
const modeMap = byCode(DEAL_MODES);
const ipMap = byCode(IP_TYPES);

/** The bilingual label of a field code, or undefined for an unknown code. */
export const fieldLabel = (code: string): Label | undefined => fieldMap.get(code as FieldCode);
/** The bilingual label of a region code. */
export const regionLabel = (code: string): Label | undefined => regionMap.get(code as RegionCode);
/** The bilingual label of a deal mode. */
export const modeLabel = (code: string): Label | undefined => modeMap.get(code as DealMode);
/** The bilingual label of an IP type. */
export const ipTypeLabel = (code: string): Label | undefined => ipMap.get(code as IpType);
