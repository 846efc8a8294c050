/**
 * The blind evaluation set's own listings (issue 18): 82 achievements that exist only for the
 * evaluation — never in the demo catalogue, never loaded by `npm run seed`. Each is written in ONE
 * language, the way a university's technology-transfer office lists it: 43 Chinese only, 39 English
 * only (the other language '' in title, summary and details; keywords and patent titles in the
 * listing's language), 29 without keywords. Prices are fen, as in the demo.
 *
 * Besides the answers to the set's demands the catalogue holds confusers: listings that share
 * surface words with a demand or with its answer but are about something else — "film" (an
 * anti-glare film, a breathable film), "display" (an e-paper label), 快速检测 (milk antibiotics,
 * malachite green), 巡检 (substation robots, transmission-line channels, PV hot-spot drones),
 * ultra-thin glass beside the Chinese-only colourless-polyimide cover film, "oil" sensors beside
 * gearbox-oil debris monitoring, acoustic cameras beside transformer acoustics. A few listings are
 * on exactly a demand's subject but break its hard constraints (the `trap` of a constraint-trap case).
 *
 * Keys are `blind-ach-NN`; organisations are the demo's universities and institutes.
 */
import { wanToFen } from '@techbridge/search/money';
import { INSTITUTES, UNIVERSITIES } from '../orgs';
import { applicationNumber, patentTermYears, type PatentKind } from '../patents';
import type { DemoAchievement, DemoModeTerms, DemoPatent, FieldCode, IpType, RegionCode, Trl } from '../types';

const REGION = new Map<string, RegionCode>([...UNIVERSITIES, ...INSTITUTES].map((r) => [`org-${r[0]}`, r[3]]));

/** Licence with an upfront fee in 万元 (and a minimum royalty in %), or negotiable. */
const lic = (wan?: number, royalty?: number): DemoModeTerms => ({
  mode: 'license',
  ...(wan != null ? { askingPrice: wanToFen(wan) } : {}),
  ...(royalty != null ? { minRoyaltyRate: royalty } : {}),
});
/** Assignment at a price in 万元, or negotiable. */
const xfer = (wan?: number): DemoModeTerms => ({ mode: 'transfer', ...(wan != null ? { askingPrice: wanToFen(wan) } : {}) });
/** Technology as equity: valuation in 万元, at most `pct` % of the shares. */
const eq = (valuationWan: number, pct: number): DemoModeTerms => ({ mode: 'equity', equity: { valuation: wanToFen(valuationWan), maxSharePct: pct } });

/** A patent filed on `date` (YYYY-MM-DD): granted carries ZL, pending has no prefix. */
function patent(kind: PatentKind, date: string, serial: number, title: string, granted: boolean): DemoPatent {
  const year = Number(date.slice(0, 4));
  return {
    number: `${granted ? 'ZL' : ''}${applicationNumber(year, kind, serial)}`,
    title,
    status: granted ? 'granted' : 'pending',
    expiry: `${year + patentTermYears(kind, date)}${date.slice(4)}`,
  };
}
const inv = (date: string, serial: number, title: string, granted = true) => patent('invention', date, serial, title, granted);
const um = (date: string, serial: number, title: string) => patent('utility-model', date, serial, title, true);

interface Terms {
  trl: Trl;
  ip: IpType;
  modes: DemoModeTerms[];
  patents?: DemoPatent[];
}

function listing(n: number, lang: 'zh' | 'en', orgKey: string, field: FieldCode, text: [string, string, string], keywords: string[], t: Terms): DemoAchievement {
  const region = REGION.get(orgKey);
  if (!region) throw new Error(`blind-ach-${n}: ${orgKey} is not a demo university or institute`);
  const one = (s: string) => (lang === 'zh' ? { zh: s, en: '' } : { zh: '', en: s });
  return {
    key: `blind-ach-${String(n).padStart(2, '0')}`,
    orgKey,
    title: one(text[0]),
    summary: one(text[1]),
    details: one(text[2]),
    field,
    keywords,
    trl: t.trl,
    ipType: t.ip,
    patents: t.patents ?? [],
    modes: t.modes,
    region,
    status: 'published',
  };
}
const zh = (n: number, org: string, field: FieldCode, text: [string, string, string], kw: string[], t: Terms) => listing(n, 'zh', org, field, text, kw, t);
const en = (n: number, org: string, field: FieldCode, text: [string, string, string], kw: string[], t: Terms) => listing(n, 'en', org, field, text, kw, t);

export const BLIND_CATALOGUE: DemoAchievement[] = [
  // ── materials and display ─────────────────────────────────────────────────────────────────
  zh(1, 'org-iam-nc', 'new-materials', [
    '折叠屏手机用无色透明聚酰亚胺（CPI）盖板薄膜及其硬化涂层',
    '采用含氟二酐/脂环族二胺共聚体系和化学亚胺化工艺，制得厚度25–50微米的无色透明聚酰亚胺薄膜，可见光透过率≥90%，黄度指数≤2.5，雾度≤0.8%。表面涂布有机-无机杂化硬化层后铅笔硬度达4H，在弯折半径1.5毫米条件下动态内折、外折各20万次无裂纹、无折痕可见。可替代进口产品用作折叠屏手机、折叠笔记本的柔性盖板。',
    '聚合固含量18%，化学亚胺化后在280 ℃双向拉伸定型；硬化层为含硅氧烷的丙烯酸酯体系，UV固化能量800 mJ/cm²。已在一家模组厂完成可靠性验证（85 ℃/85%RH 500 h）。',
  ], ['无色聚酰亚胺', '柔性盖板', '折叠屏', '硬化涂层'], {
    trl: 6, ip: 'invention-patent', modes: [lic(180, 3), xfer(650)],
    patents: [inv('2022-04-18', 9301221, '一种无色透明聚酰亚胺薄膜及其制备方法'), inv('2023-09-06', 9412087, '一种柔性盖板用有机-无机杂化硬化涂层', false)],
  }),
  en(2, 'org-jhut', 'new-materials', [
    'Chemically strengthened ultra-thin glass (UTG) for foldable display cover windows',
    'Down-draw glass thinned to 30–70 µm by slimming and edge-polished, then ion-exchanged in KNO3 to a surface compressive stress of 700 MPa. The cover window survives 200,000 folds at a 2 mm radius and a 20 cm pen drop with a protective film laminated on top. Surface hardness and flatness are those of glass; the supply chain is domestic.',
    'Slimming in HF/HCl at 35 °C with laser-cut, acid-etched edges; two-step ion exchange 390 °C / 420 °C. Yield of the 30 µm grade is the open issue (62 % at pilot scale).',
  ], ['ultra-thin glass', 'UTG', 'foldable display', 'cover window', 'chemical strengthening'], {
    trl: 6, ip: 'invention-patent', modes: [lic(200, 3), xfer(800)],
    patents: [inv('2021-11-02', 9276403, 'Ultra-thin glass with a two-step ion-exchanged surface and method for producing it')],
  }),
  en(3, 'org-sleu', 'optoelectronics', [
    'Anti-glare, anti-fingerprint hard-coat film for automotive centre displays',
    'A PET-based optical film with a micro-textured anti-glare layer (haze 8–25 % selectable, sparkle below 3 %) and a fluorinated top coat (water contact angle > 110°). It passes automotive tests: 1,000 h at 85 °C/85 % RH, −40 to 95 °C thermal shock, steel-wool abrasion 5,000 cycles. Laminated on curved centre and passenger displays up to 15 inches.',
    'Silica/PMMA bead blend in a urethane-acrylate binder, slot-die coated at 30 m/min; the sparkle model links bead size to pixel pitch.',
  ], [], { trl: 7, ip: 'invention-patent', modes: [lic(60, 2), xfer(260)], patents: [inv('2020-05-20', 9182614, 'Anti-glare film with low sparkle for vehicle displays')] }),
  zh(4, 'org-scut-js', 'new-materials', [
    '高导热绝缘有机硅导热垫片（氮化硼/氧化铝复配）',
    '以球形氧化铝与片状氮化硼复配填充加成型有机硅，经取向压延制得厚度0.5–5毫米的导热垫片，热导率6–12 W/(m·K)，邵氏OO硬度35–60，击穿电压≥8 kV/mm，体积电阻率≥10¹³ Ω·cm，低渗油、低挥发（D4–D10合计<100 ppm）。用于电驱逆变器功率模块与壳体之间、车载充电机和储能变流器的散热，可压缩性好、装配应力低。',
    '氮化硼经硅烷偶联剂表面处理，填充量88 wt%；取向压延后切片，使片状填料沿厚度方向排列。已通过1000 h 150 ℃老化和-40～125 ℃ 1000次冷热冲击。',
  ], [], { trl: 7, ip: 'invention-patent', modes: [lic(90, 3), xfer(320)], patents: [inv('2021-07-12', 9213550, '一种高导热取向型有机硅导热垫片及其制备方法')] }),
  en(5, 'org-qcust', 'chemical', [
    'Halogen-free intumescent flame retardant for polypropylene (UL94 V-0 at 1.6 mm)',
    'A phosphorus–nitrogen intumescent system (modified ammonium polyphosphate, a triazine charring agent and a synergist) that makes homopolymer and copolymer PP reach UL94 V-0 at 1.6 mm and a glow-wire ignition temperature of 775 °C at a 22–25 % loading. No bromine or antimony; RoHS and REACH compliant. Water-resistant grade keeps V-0 after 168 h in 70 °C water. For housings of appliances, sockets and battery boxes.',
    'Charring agent synthesised in one pot from cyanuric chloride and ethanolamine; APP micro-encapsulated with melamine-formaldehyde. Compounded on a twin-screw at 190–210 °C.',
  ], ['flame retardant', 'polypropylene', 'halogen-free', 'UL94 V-0', 'intumescent'], {
    trl: 7, ip: 'invention-patent', modes: [lic(120, 3), xfer(450)], patents: [inv('2020-03-09', 9150331, 'Triazine charring agent and halogen-free flame-retardant polypropylene composition')],
  }),
  zh(6, 'org-gjut', 'new-materials', [
    '高频高速覆铜板用低介电碳氢树脂体系及层压工艺',
    '以改性聚丁二烯/苯乙烯类碳氢树脂为基体，配合球形二氧化硅和低轮廓铜箔，10 GHz下介电常数3.0–3.5、介质损耗≤0.002；铜箔剥离强度≥0.8 N/mm，288 ℃浸锡30秒不分层、不起泡，吸水率≤0.08%。适用于5G基站天线、毫米波雷达和服务器高速板。',
    '树脂经马来酸酐接枝提高与铜箔和玻纤的界面结合；层压升温速率1.5–2.5 ℃/min，210 ℃保温90 min，真空度≤1 kPa。',
  ], ['覆铜板', '高频高速', '低介电', '碳氢树脂'], {
    trl: 6, ip: 'invention-patent', modes: [lic(150, 3), xfer(500), eq(3000, 20)], patents: [inv('2021-03-30', 9201778, '一种低介电损耗碳氢树脂组合物及其覆铜板')],
  }),
  zh(7, 'org-jgut', 'chemical', [
    '聚丙烯等低表面能塑料免底涂结构胶',
    '双组分改性丙烯酸酯结构胶，以有机硼烷引发体系在聚丙烯、聚乙烯表面直接形成界面结合，无需火焰、等离子或底涂处理。PP/PP搭接剪切强度≥6 MPa（基材破坏），-40～80 ℃下保持率≥80%，室温20分钟定位、24小时完全固化。用于汽车内外饰件、家电塑料件和储水箱的粘接。',
    '有机硼烷-胺络合物与解络合剂分装于两组分，混合比10:1；添加核壳增韧剂12%。',
  ], [], { trl: 6, ip: 'invention-patent', modes: [lic(50, 3), xfer(200)], patents: [inv('2022-06-21', 9322410, '一种低表面能材料用免处理丙烯酸酯结构胶')] }),
  en(8, 'org-scut-js', 'chemical', [
    'Thermally conductive polyurethane structural adhesive for cell-to-pack battery bonding',
    'A two-part polyurethane adhesive that bonds prismatic cells to the cooling plate and pack floor: thermal conductivity 1.5–2.0 W/(m·K), lap shear 10 MPa on e-coated aluminium, elongation 40 %, V-0 flammability, open time 15 min. Bond lines stay crack-free after 1,000 thermal cycles (−40 to 85 °C). Replaces thermal pads plus bolts in CTP packs.',
    'Aluminium hydroxide / alumina filler at 78 wt %, polyether polyol with castor-oil segments; meter-mix dispensing at 1:1 by volume.',
  ], ['structural adhesive', 'thermally conductive', 'cell-to-pack', 'polyurethane'], { trl: 6, ip: 'know-how', modes: [lic(80, 3)] }),
  zh(9, 'org-jzust', 'construction', [
    '钢结构超薄膨胀型防火涂料',
    '水性丙烯酸乳液基超薄膨胀型防火涂料，涂层厚度2.0毫米时钢构件耐火极限达2.0小时（GB 14907），膨胀倍率≥25倍，炭层致密不脱落。涂层附着力≥0.5 MPa，经冻融循环15次和湿热试验后不开裂、不起鼓、不剥落。适用于厂房、体育场馆和机场的钢梁钢柱。',
    '炭化剂为季戊四醇与改性淀粉复配，发泡剂三聚氰胺；成膜物中引入核壳弹性乳液吸收温变应力。',
  ], ['钢结构防火涂料', '超薄型', '膨胀型'], { trl: 7, ip: 'invention-patent', modes: [lic(40, 3), xfer(150)], patents: [inv('2020-09-14', 9170452, '一种水性超薄膨胀型钢结构防火涂料')] }),

  // ── energy storage ───────────────────────────────────────────────────────────────────────
  zh(10, 'org-iam-nc', 'energy-storage', [
    '硅氧负极材料预锂化技术',
    '针对氧化亚硅负极首次库伦效率低（约75%）的问题，采用固相热处理预锂化并进行表面包覆，使首效提升至88%以上，可逆比容量1450 mAh/g，与石墨复配（15%掺量）后全电池首效与纯石墨体系相当，1000次循环容量保持率≥80%。材料耐水性好，可直接用于水系匀浆。',
    '锂源为氢化锂，惰性气氛650 ℃热处理；包覆层为沥青碳+磷酸盐双层。吨级中试完成。',
  ], [], { trl: 5, ip: 'invention-patent', modes: [lic(120, 4), eq(4000, 20)], patents: [inv('2023-02-15', 9387604, '一种预锂化氧化亚硅负极材料及其制备方法', false)] }),
  en(11, 'org-jhuut', 'energy-storage', [
    'Solvent-free dry electrode process for lithium-ion batteries',
    'Active material, conductive carbon and PTFE binder are mixed dry, the binder fibrillated by shear and the powder calendered into a free-standing film that is laminated onto foil — no NMP, no drying oven, no solvent recovery. Electrodes reach 6 mAh/cm² loading with uniform porosity; the line footprint is about a third of a slurry-coating line and energy use falls by roughly 40 %.',
    'Fibrillation in a jet mill at controlled temperature, multi-roll calender with differential speeds; PTFE stabilised at the anode by a thin primer.',
  ], ['dry electrode', 'solvent-free', 'PTFE fibrillation', 'lithium-ion battery', 'calendering'], {
    trl: 5, ip: 'invention-patent', modes: [lic(150, 4), xfer(600), eq(5000, 20)], patents: [inv('2022-10-11', 9355281, 'Dry electrode film formed by PTFE fibrillation and its calendering method', false)],
  }),
  zh(12, 'org-pcust', 'energy-storage', [
    '能量回馈式锂电池化成分容设备',
    '锂电池化成分容工序中放电能量通过双向DC/DC与双向AC/DC回馈至车间电网或在电芯间直接转移，整线节电60%以上；单通道电流精度±0.02%FS，电压精度±0.5 mV，支持1000通道以上集中控制与MES对接，化成负压工艺可选。已在多家电芯企业量产线运行。',
    '母线直流耦合方案，通道间能量内部转移效率≥92%；充放电切换时间<5 ms。',
  ], ['化成分容', '能量回馈', '锂电池', '双向DC/DC'], { trl: 8, ip: 'invention-patent', modes: [lic(80, 3), xfer(360)], patents: [inv('2019-08-27', 9128807, '一种直流母线耦合的电池化成分容能量回馈系统')] }),
  en(13, 'org-ifc-bh', 'chemical', [
    'Low-temperature electrolyte for LFP cells down to −40 °C',
    'A carbonate–ester co-solvent electrolyte with a fluorinated lithium salt blend and an interphase-forming additive pair. LFP/graphite cells keep 80 % of their room-temperature capacity at −30 °C (0.2 C) and still discharge at −40 °C; cycle life at 25 °C and storage at 60 °C are unchanged. Drop-in for existing cell lines; no heater film needed for outdoor cabinets.',
    'Methyl propionate / ethyl acetate with EC below 15 %; LiPF6 + LiFSI 0.7 + 0.5 M; additives are a cyclic sulfate and a borate.',
  ], [], { trl: 5, ip: 'invention-patent', modes: [lic(70, 3), xfer(260)], patents: [inv('2022-12-01', 9368095, 'Electrolyte for lithium iron phosphate batteries operating at low temperature')] }),
  zh(14, 'org-sznev', 'energy-storage', [
    '储能电池舱全氟己酮与细水雾组合灭火抑爆系统',
    '针对锂电池储能舱热失控起火后易复燃的问题，提出全氟己酮Pack级精准喷放与舱级细水雾持续降温的组合方案，实验室单模组燃烧试验中明火在10秒内扑灭，30分钟内无复燃。目前完成实验室原理样机验证。',
    '喷放压力2.5 MPa；细水雾粒径≤100 μm，持续降温时间30 min。',
  ], ['储能', '灭火', '全氟己酮', '细水雾'], { trl: 4, ip: 'invention-patent', modes: [lic(40, 3)], patents: [inv('2024-05-10', 9456620, '一种储能电池舱组合式灭火抑爆系统', false)] }),
  zh(15, 'org-mhust', 'energy-storage', [
    '预制舱式储能电站Pack级气溶胶灭火与浸没防复燃系统',
    '每个电池包内置感温启动的气溶胶灭火装置，舱级设置可燃气体、烟雾、温度三级探测联动；确认热失控后对故障电池簇注入冷却介质实施浸没，彻底阻断复燃。已在3座百兆瓦时级储能电站投运，通过第三方整舱燃烧试验，相邻电池簇未发生蔓延。',
    '气溶胶启动温度170 ℃，浸没介质为阻燃冷却液，注液时间<3 min。',
  ], [], { trl: 8, ip: 'invention-patent', modes: [lic(90, 3), xfer(300)], patents: [inv('2020-11-23', 9189966, '一种储能预制舱分级消防及浸没防复燃系统')] }),
  zh(16, 'org-mhust', 'energy-storage', [
    '椰壳基钠离子电池硬碳负极材料',
    '以椰壳为前驱体，经酸洗除杂、预氧化和高温碳化制备钠离子电池硬碳负极，实验室扣式电池可逆比容量330 mAh/g，首次库伦效率88%。目前处于实验室小试阶段。',
    '碳化温度1400 ℃，酸洗采用盐酸/氢氟酸两步法。',
  ], ['钠离子电池', '硬碳', '负极', '椰壳'], { trl: 3, ip: 'invention-patent', modes: [lic(20, 2)], patents: [inv('2024-08-02', 9478213, '一种椰壳基硬碳负极材料的制备方法', false)] }),
  en(17, 'org-jyut', 'energy-storage', [
    'Argyrodite sulfide solid electrolyte produced on a 10-tonne-per-year line',
    'Li6PS5Cl-type electrolyte made by a liquid-phase route instead of ball milling: ionic conductivity 4–6 mS/cm at 25 °C, D50 of 1–3 µm, and H2S release below 0.1 cc/g after 30 min in dry-room air thanks to an oxide-doped surface. A 10 t/yr line has run for a year and supplied pouch-cell makers; cells with high-nickel cathodes pass 500 cycles.',
    'Ethyl propionate / ethanol solvent system, 550 °C heat treatment; surface doping with a few per cent of oxide.',
  ], ['solid-state battery', 'sulfide electrolyte', 'argyrodite', 'scale-up'], {
    trl: 7, ip: 'invention-patent', modes: [lic(300, 4), xfer(1200)], patents: [inv('2021-05-18', 9209337, 'Liquid-phase synthesis of air-stable argyrodite sulfide electrolyte')],
  }),
  en(18, 'org-ifc-bh', 'energy-storage', [
    'High-current-density vanadium flow battery stack (250 mA/cm²)',
    'A 64-kW stack design with thin compressed felt electrodes and flow-through channels that runs at 250 mA/cm² with 82 % energy efficiency, cutting stack cost per kW by about 40 %. A 250 kW / 1 MWh demonstration has operated for two years. The team seeks a partner to build stacks, contributing the technology as equity.',
    'Felt thermally activated at 450 °C; bipolar plates of carbon-plastic composite; manifold design cuts shunt current losses below 2 %.',
  ], ['vanadium flow battery', 'stack', 'long-duration storage'], {
    trl: 6, ip: 'invention-patent', modes: [lic(200, 4), eq(6000, 20)], patents: [inv('2020-06-29', 9163310, 'Flow battery stack with thin compressed felt electrodes')],
  }),

  // ── new energy ───────────────────────────────────────────────────────────────────────────
  zh(19, 'org-zjut-gd', 'new-energy', [
    '光伏电站组件隐裂夜间电致发光（EL）快速检测系统',
    '利用夜间对组串反向注入电流，使电池片发光，由车载或无人机搭载的近红外相机逐块拍摄，自动识别隐裂、碎片、断栅和黑心片，单台设备每晚可检测5 MW。识别准确率≥95%，检测结果带组件坐标，可直接生成更换清单。用于电站验收、质保索赔和极端天气后的排查。',
    '注入电源为移动式可调恒流源（最大15 A）；深度学习模型在12万张标注图像上训练。',
  ], ['光伏组件', '隐裂', '电致发光', '夜间检测'], { trl: 6, ip: 'invention-patent', modes: [lic(45, 3), xfer(180)], patents: [inv('2021-08-16', 9231146, '一种光伏电站组件电致发光夜间检测方法及系统')] }),
  zh(20, 'org-qcut', 'new-energy', [
    '光伏电站无人机红外热斑智能巡检系统',
    '无人机按预设航线自动飞行，红外相机采集组件温度分布，识别热斑、二极管失效和组串掉线，并与电站地图自动匹配定位，单架次巡检20 MW。适用于大型地面电站和分布式屋顶电站的日常运维。',
    '热斑判定阈值为同串温差>10 ℃；航线高度30–50 m。',
  ], ['光伏电站', '无人机巡检', '红外热斑'], { trl: 7, ip: 'software-copyright', modes: [lic(30, 2)] }),
  en(21, 'org-qcut', 'new-energy', [
    'Waterless cleaning robot for utility-scale PV arrays in deserts',
    'A rail-free robot that travels along a row of panels and removes dust with a rotating microfibre brush and airflow — no water. One robot cleans a 100 m row in 15 minutes, runs on its own PV panel and battery, and crosses gaps between tables with a shuttle vehicle. In a desert plant it kept the soiling loss below 2 % against 8–12 % for monthly manual washing.',
    'Brush speed and pressure adjusted to dust load; anti-sand sealing to IP65; scheduling from a soiling sensor and wind forecast.',
  ], ['PV cleaning robot', 'waterless', 'desert', 'soiling'], { trl: 7, ip: 'utility-model', modes: [lic(60, 3), xfer(240)], patents: [um('2022-03-15', 9044715, 'Self-powered waterless cleaning robot for photovoltaic panels')] }),
  zh(22, 'org-hhou', 'new-energy', [
    '风电机组齿轮箱油液磨粒在线监测技术',
    '在齿轮箱润滑油路旁路安装电感式磨粒传感器和油品综合传感器，实时计量铁磁性与非铁磁性金属颗粒（最小可检70 μm），同时监测水分、黏度和介电常数，结合磨粒增长趋势预警齿面点蚀、轴承剥落，比振动监测提前1–3个月发现早期磨损。已在海上和陆上风场300余台机组应用。',
    '传感器激励频率与信号处理算法自研；数据经风机主控或独立4G回传至云平台。',
  ], [], { trl: 6, ip: 'invention-patent', modes: [lic(55, 3), xfer(220)], patents: [inv('2020-10-19', 9176892, '一种风电齿轮箱油液金属磨粒在线监测装置及方法')] }),
  zh(23, 'org-jyut', 'environment', [
    '退役晶硅光伏组件物理法拆解与高值回收技术',
    '先热刀分离铝边框与接线盒，再以低温热解去除封装胶膜，实现玻璃、电池片、铜带的完整分离，玻璃回收率≥95%，硅回收纯度≥99.9%，银回收率≥90%，全程不使用氢氟酸等强酸。单线处理能力每年2万吨组件。',
    '热解温度480–520 ℃，尾气经催化燃烧处理；银采用电化学选择性浸出。',
  ], ['退役光伏组件', '组件回收', '封装胶膜', '贵金属回收'], {
    trl: 5, ip: 'invention-patent', modes: [lic(80, 3), xfer(300), eq(3000, 20)], patents: [inv('2022-07-25', 9335540, '一种退役晶硅光伏组件的无酸回收方法')],
  }),
  en(24, 'org-jhuut', 'new-energy', [
    'Fast palladium-alloy thin-film hydrogen leak sensor for refuelling stations',
    'A MEMS hydrogen sensor with a Pd–Ni alloy film on a micro-heater: detects 0.1–4 % H2 in air with a response time (t90) below 1 s, no cross-sensitivity to methane or CO, and stable after 10,000 hydrogen cycles. Explosion-proof heads for refuelling stations, electrolyser rooms and fuel-cell vehicles.',
    'Film thickness 40 nm, self-heating at 80 °C to avoid water condensation; ASIC compensates temperature and humidity.',
  ], ['hydrogen sensor', 'leak detection', 'palladium', 'refuelling station'], { trl: 6, ip: 'invention-patent', modes: [lic(40, 3), xfer(150)], patents: [inv('2021-12-08', 9281670, 'Palladium–nickel alloy thin-film hydrogen sensor with fast response')] }),
  en(25, 'org-scce', 'new-energy', [
    'Membrane electrode assembly for PEM water electrolysers with 0.3 mg/cm² iridium',
    'An MEA built on a catalyst-coated membrane with an iridium loading of 0.3 mg/cm² (about a sixth of common practice) and a platinum-coated titanium felt: 2.0 A/cm² at 1.85 V and 80 °C, degradation below 5 µV/h over 5,000 h. Produced on a roll-to-roll coating line; a 1 MW stack runs on these MEAs. Offered for assignment with the coating line know-how.',
    'Ir catalyst supported on a conductive oxide; decal transfer at 130 °C; ionomer-to-catalyst ratio 0.15.',
  ], [], { trl: 7, ip: 'invention-patent', modes: [lic(120, 4), xfer(400)], patents: [inv('2021-02-22', 9196058, 'Low-iridium catalyst-coated membrane for water electrolysis')] }),

  // ── manufacturing, inspection and testing ────────────────────────────────────────────────
  zh(26, 'org-nwari', 'aerospace', [
    '蜂窝夹层结构蒙皮脱粘数字化敲击检测仪',
    '以小型电磁激振头对蒙皮逐点敲击，采集接触力时程和声振响应，通过接触时间和频谱特征量化判断蒙皮与蜂窝芯之间的脱粘，可检出直径≥10毫米的脱粘区，检测结果自动成像并存档，避免人工听音判断的主观性。适用于飞机舵面、整流罩、直升机旋翼等蜂窝夹层件的出厂检验和外场维护。',
    '激振能量可调，接触时间分辨率1 μs；设备重量<2 kg，可单人手持作业。',
  ], [], { trl: 6, ip: 'invention-patent', modes: [lic(45, 3), xfer(160)], patents: [inv('2020-04-27', 9157123, '一种蜂窝夹层结构脱粘缺陷的数字化敲击检测方法')] }),
  zh(27, 'org-ljut', 'advanced-manufacturing', [
    '碳纤维复合材料层合板分层缺陷激光超声在线检测',
    '脉冲激光在构件表面激发超声波，激光干涉仪非接触接收回波，无需耦合剂、无需接触，可对曲面复合材料层合板进行快速扫描成像，检出埋深0.2–8毫米、直径≥3毫米的分层和孔隙缺陷，扫描速度0.5平方米/分钟，可集成于固化后生产线。',
    '激发激光波长1064 nm、脉宽10 ns；接收采用双波混合干涉仪；机械臂路径由CAD模型自动生成。',
  ], ['激光超声', '复合材料', '分层', '无损检测'], { trl: 5, ip: 'invention-patent', modes: [lic(60, 3)], patents: [inv('2022-01-17', 9289944, '一种复合材料层合板分层缺陷的激光超声检测方法')] }),
  zh(28, 'org-ctut', 'construction', [
    '基于无人机红外热像的建筑外墙饰面空鼓检测技术',
    '无人机搭载高分辨率红外热像仪在日照升温或降温时段拍摄外墙，依据饰面层与基层粘结不良处的温度差异识别空鼓、脱粘区域，检测精度≥90%，单栋百米高层半天完成，无需搭设脚手架或吊篮。输出带楼层定位的空鼓分布图和面积统计，可作为维修和安全评估依据。',
    '温差判定阈值0.5–1.5 ℃随墙面朝向与时段自适应；热像与可见光影像自动拼接。',
  ], ['外墙', '空鼓', '红外热像', '无人机'], { trl: 6, ip: 'invention-patent', modes: [lic(35, 3), xfer(120)], patents: [inv('2021-04-06', 9203315, '一种基于无人机红外热成像的外墙空鼓检测方法')] }),
  zh(29, 'org-qcust', 'advanced-manufacturing', [
    '齿轮磨削烧伤巴克豪森噪声无损检测',
    '利用巴克豪森磁噪声信号对表层残余应力和显微组织变化敏感的特性，快速、无损地检测渗碳淬火齿轮和轴承套圈磨削后的烧伤（回火烧伤和二次淬火烧伤），可替代酸洗检验，检测时间每齿1–2秒，与酸洗结果一致率≥95%，可实现100%在线检验。',
    '励磁频率125 Hz，信号分析带宽70–200 kHz；针对不同模数设计专用探头。',
  ], [], { trl: 6, ip: 'invention-patent', modes: [lic(50, 3), xfer(180)], patents: [inv('2019-12-03', 9139918, '一种齿轮磨削烧伤的巴克豪森噪声检测方法')] }),
  en(30, 'org-pcust', 'advanced-manufacturing', [
    'In-process quality monitoring of ultrasonic metal welding for battery tabs',
    'Power, horn displacement, force and acoustic emission are captured at 50 kHz during each ultrasonic weld of tab-to-busbar and foil stacks; a trained model flags cold welds, over-welding and missing foils in real time (detection rate 99.2 %, false alarms 0.3 %). Replaces destructive peel sampling and sends a pass/fail to the PLC within 50 ms.',
    'Signal features from the first 30 ms; transfer learning between welders of different makes with 200 labelled welds.',
  ], ['ultrasonic welding', 'battery tabs', 'process monitoring', 'weld quality'], { trl: 6, ip: 'invention-patent', modes: [lic(70, 3), xfer(260)], patents: [inv('2022-05-30', 9318876, 'Method for monitoring ultrasonic metal welding quality in real time')] }),
  zh(31, 'org-iim-nl', 'advanced-manufacturing', [
    '注塑模具随形冷却水路设计与金属3D打印镶件制造',
    '根据制品壁厚与热点分布自动生成贴合型腔表面的随形冷却水路，以选区激光熔化打印模具钢镶件并与传统模架组合，冷却时间缩短30–60%，翘曲变形减少40%以上，镶件硬度HRC 50–52，寿命满足50万模次。已为汽车、家电和医疗注塑件企业改造模具200余套。',
    '水路直径3–8 mm、距型腔表面4–6 mm；打印材料为马氏体时效钢，打印后固溶+时效处理。',
  ], ['注塑模具', '随形冷却', '金属3D打印', '缩短周期'], {
    trl: 7, ip: 'invention-patent', modes: [lic(40, 3), xfer(150), eq(2000, 15)], patents: [inv('2019-06-11', 9117263, '一种注塑模具随形冷却水路的自动生成方法')],
  }),
  zh(32, 'org-lhpu', 'advanced-manufacturing', [
    '大型焊接结构焊接变形预测与反变形控制软件',
    '基于固有应变法快速计算中厚板拼焊、箱形梁和船体分段的焊接变形，一个分段的计算时间由数天缩短到半小时以内，预测误差≤15%；据此优化焊接顺序并给出反变形量和刚性固定方案，现场火工矫正工作量减少50%以上。',
    '固有应变数据库覆盖CO2气保焊、埋弧焊和激光焊，板厚6–40 mm。',
  ], [], { trl: 6, ip: 'software-copyright', modes: [lic(30, 2), xfer(90)] }),
  zh(33, 'org-cgio', 'optoelectronics', [
    '千瓦级高功率脉冲激光除锈除漆清洗头及工艺',
    '配套1–2千瓦脉冲光纤激光器的大幅面振镜清洗头，除锈效率达每小时20平方米以上，基材无损伤，处理后表面清洁度达Sa2.5级，可直接涂装。已在船舶、轨道交通车体和桥梁钢结构现场应用，替代喷砂，无粉尘和废砂。',
    '扫描宽度最大300 mm，脉冲能量100 mJ级；带烟尘吸附装置。',
  ], ['激光清洗', '除锈', '脉冲激光'], { trl: 7, ip: 'invention-patent', modes: [lic(50, 3), xfer(150)], patents: [inv('2020-08-03', 9166451, '一种大幅面高功率激光清洗头')] }),
  zh(34, 'org-byut', 'new-energy-vehicles', [
    '长玻纤增强聚丙烯汽车座椅骨架一体化注塑技术',
    '以长玻纤增强聚丙烯替代钢制座椅靠背骨架，结合局部嵌入连续纤维增强带和拓扑优化筋位，一体注塑成型，单件减重35–45%，零件数由十余个减至2个，综合成本降低10–15%，满足GB 15083座椅强度和行李冲击要求。',
    '长玻纤含量40%，保留纤维长度≥3 mm；连续纤维带局部嵌件预热后包覆注塑。',
  ], [], { trl: 6, ip: 'invention-patent', modes: [lic(60, 3), xfer(220)], patents: [inv('2021-09-28', 9245083, '一种长纤维增强热塑性座椅骨架及其成型方法')] }),
  zh(35, 'org-iic-yrd', 'semiconductor', [
    '功率模块芯片连接用低压纳米铜烧结工艺',
    '以抗氧化处理的纳米铜膏替代焊料和银烧结，在5–10 MPa低压、260 ℃、氮气氛下完成芯片与覆铜陶瓷基板的连接，剪切强度≥40 MPa，连接层热导率≥150 W/(m·K)，-40～200 ℃ 1000次热循环后剪切强度下降<15%。材料成本约为银烧结的五分之一，适用于碳化硅车规模块。',
    '铜颗粒粒径50–100 nm，表面有机包覆；烧结时间5 min。',
  ], ['功率模块', '芯片烧结', '纳米铜', '高温封装'], { trl: 6, ip: 'invention-patent', modes: [lic(50, 3)], patents: [inv('2022-11-14', 9361742, '一种功率器件用纳米铜膏及其低压烧结方法')] }),
  zh(36, 'org-gjut', 'environment', [
    '陶瓷辊道窑烟气余热梯级回收与燃烧优化节能技术',
    '对陶瓷辊道窑冷却带和烟气余热进行梯级回收，分别用于干燥窑、喷雾干燥塔和助燃空气预热，同时采用分区空燃比闭环控制，吨瓷综合能耗降低15–20%，天然气消耗降低12%以上，烟气排放温度降至120 ℃以下。已在8家建筑陶瓷企业实施。',
    '助燃风预热至250 ℃；分区氧含量在线分析控制在2–4%。',
  ], [], { trl: 7, ip: 'invention-patent', modes: [lic(60, 3), xfer(240)], patents: [inv('2019-10-21', 9134028, '一种陶瓷辊道窑余热梯级利用系统')] }),
  zh(37, 'org-jhuut', 'new-energy', [
    '燃料电池超薄不锈钢金属双极板精密冲压与涂层一体化技术',
    '0.1毫米厚316L不锈钢板多工位精密冲压成形流场，流道深宽比达0.6，平面度≤0.1 mm；配套碳基导电防腐涂层，接触电阻≤5 mΩ·cm²，腐蚀电流≤1 μA/cm²。已完成千片级试制和电堆验证。团队希望以技术作价入股方式共建双极板生产线。',
    '冲压采用两步成形+整形，模具寿命30万次；激光焊接密封。',
  ], ['燃料电池', '金属双极板', '超薄不锈钢', '冲压成形'], {
    trl: 6, ip: 'invention-patent', modes: [lic(90, 3), eq(5000, 25)], patents: [inv('2021-06-07', 9211376, '一种燃料电池超薄金属双极板的冲压成形方法')],
  }),

  // ── information and AI ──────────────────────────────────────────────────────────────────
  zh(38, 'org-jjjai', 'ai', [
    '基于声纹识别的电力变压器运行状态监测与故障诊断',
    '在变压器油箱外壁布置声学与振动传感器，连续采集运行声纹，通过深度学习模型识别铁芯松动、绕组变形、直流偏磁和局部放电等异常，早于油色谱发现早期故障，诊断准确率≥92%。非侵入安装，不停电即可部署，适用于110 kV及以上变电站。',
    '采样率48 kHz，特征为梅尔谱与谐波比；模型在2000余台变压器数据上训练。',
  ], ['变压器', '声纹', '故障诊断', '局部放电'], { trl: 6, ip: 'invention-patent', modes: [lic(40, 3), xfer(150)], patents: [inv('2021-10-25', 9262319, '一种基于声纹特征的变压器故障诊断方法')] }),
  zh(39, 'org-ljut', 'robotics', [
    '变电站室外轮式智能巡检机器人',
    '机器人搭载可见光与红外双光云台，按预设路线自动巡检变电站设备，完成表计读数识别、设备红外测温、开关分合位置判断和异常声音检测，识别准确率≥98%，可替代70%以上的人工例行巡视。适应-30～50 ℃和雨雪天气。',
    '激光SLAM导航，定位精度±2 cm；续航8 h，自动回充。',
  ], ['变电站', '巡检机器人', '红外测温', '表计识别'], { trl: 7, ip: 'invention-patent', modes: [lic(80, 3), xfer(300)], patents: [inv('2019-05-14', 9110587, '一种变电站巡检机器人的表计识别方法')] }),
  zh(40, 'org-bcist', 'ai', [
    '输电线路通道可视化隐患智能识别系统',
    '在杆塔上安装低功耗图像监拍装置，通过边缘AI识别线路通道内的吊车、塔吊、烟火、异物悬挂和树木超高等外破隐患，告警准确率≥90%，告警推送到运维人员手机，减少人工巡线频次。',
    '终端功耗<1 W，太阳能供电；模型在设备端量化部署。',
  ], [], { trl: 7, ip: 'software-copyright', modes: [lic(25, 2), xfer(90)] }),
  en(41, 'org-sjust', 'ai', [
    'Recognition of handwritten Chinese medical records for hospital digitisation',
    'A recognition pipeline tuned for doctors’ handwriting in Chinese inpatient and outpatient records: layout analysis of forms, line recognition with a medical vocabulary language model, and structuring into fields (diagnosis, medication, dosage). Character accuracy of 93 % on cursive notes and 98 % on neat ones; 1 million archived pages processed in a pilot hospital. Deployable on-premise.',
    'Transformer recognizer trained on 3 million synthesised and 200,000 annotated lines; drug-name correction against a formulary.',
  ], ['handwriting recognition', 'medical records', 'OCR', 'digitisation'], { trl: 6, ip: 'software-copyright', modes: [lic(50, 3), xfer(150)] }),
  en(42, 'org-thust', 'ict', [
    'Anomaly-based intrusion detection for industrial control networks',
    'A passive appliance that learns the normal traffic of a plant’s control network (Modbus, S7, OPC UA, DNP3) and alerts on unknown devices, abnormal commands, parameter changes outside a learned envelope and lateral movement. No agents on PLCs or HMIs, no effect on the process. Deployed at power plants and chemical sites; detection rate 97 % on a red-team exercise.',
    'Deep packet inspection of 20 industrial protocols; whitelist plus sequence model of operator commands.',
  ], [], { trl: 7, ip: 'software-copyright', modes: [lic(70, 3), xfer(280)] }),
  en(43, 'org-qtut', 'ict', [
    'Predicting elevator door faults from door-motor current',
    'A retrofit module clamps onto the door-operator supply, records motor current through every open–close cycle and learns each car’s normal profile; it flags worn rollers, misaligned tracks, dirty sills and loose belts days before a car traps passengers. In 3,000 elevators door-related entrapments fell by 60 %. Works with any brand; results in the maintenance company’s app.',
    'Current sampled at 2 kHz; cycle segmentation and a per-car autoencoder; 4G or LoRa uplink.',
  ], ['elevator', 'door operator', 'predictive maintenance', 'motor current'], { trl: 6, ip: 'invention-patent', modes: [lic(35, 3), xfer(120)], patents: [inv('2022-02-28', 9301118, 'Method for predicting elevator door faults from motor current')] }),
  en(44, 'org-cgio', 'optoelectronics', [
    'Acoustic camera for locating compressed-air and gas leaks in factories',
    'A handheld array of 128 MEMS microphones overlays ultrasound sources on a video image and quantifies leak rates, finding compressed-air, steam and vacuum leaks from 10 m away in noisy plants. A typical audit recovers 20–30 % of compressor energy.',
    'Beamforming 20–100 kHz; leak-rate estimation calibrated on orifices of 0.2–3 mm.',
  ], ['acoustic camera', 'compressed air', 'leak detection', 'ultrasound imaging'], { trl: 8, ip: 'know-how', modes: [lic(45, 3)] }),
  en(45, 'org-mhust', 'optoelectronics', [
    'Four-colour e-paper display for electronic shelf labels',
    'A black-white-red-yellow electrophoretic display module with a refresh of 12 s and a standby consumption of microwatts, so that a shelf label runs five years on a coin cell. Readable in direct sunlight at 180°. Modules from 1.5 to 7.5 inches for supermarket and warehouse labels.',
    'Particle formulation with charge control agents; waveform tuned per temperature band.',
  ], ['e-paper', 'electronic shelf label', 'display'], { trl: 8, ip: 'invention-patent', modes: [lic(100, 3), xfer(400)], patents: [inv('2019-07-08', 9121954, 'Four-colour electrophoretic display and its driving waveform')] }),

  // ── life sciences and medical ────────────────────────────────────────────────────────────
  zh(46, 'org-ibt-w', 'agriculture', [
    '非洲猪瘟病毒抗原胶体金快速检测试纸条',
    '基于针对非洲猪瘟病毒p72蛋白的单克隆抗体对，建立双抗体夹心胶体金检测试纸，采集血液、口鼻拭子或环境样品后10–15分钟肉眼判读结果，无需仪器和实验室，检测灵敏度与荧光定量PCR一致率≥92%，特异性≥99%。适合猪场、屠宰场和运输车辆的现场筛查。',
    '单抗经杂交瘤筛选，配对亲和常数>10⁹；试纸常温保存18个月。',
  ], [], { trl: 7, ip: 'invention-patent', modes: [lic(60, 3), xfer(200)], patents: [inv('2020-02-17', 9147735, '一种检测非洲猪瘟病毒p72抗原的胶体金试纸条')] }),
  zh(47, 'org-yzut', 'food', [
    '生鲜乳中β-内酰胺类和四环素类抗生素残留快速检测卡',
    '基于受体竞争法的胶体金检测卡，一次检测同时覆盖β-内酰胺类与四环素类抗生素，检出限低于国家限量标准，检测时间8分钟，可在奶站收奶现场使用，配套读卡仪可上传数据实现溯源。',
    '受体蛋白为重组青霉素结合蛋白；检测卡常温保存12个月。',
  ], ['牛奶', '抗生素残留', '快速检测', '胶体金'], { trl: 8, ip: 'invention-patent', modes: [lic(30, 3), xfer(110)], patents: [inv('2018-11-26', 9092268, '一种同时检测牛奶中β-内酰胺类和四环素类抗生素的检测卡')] }),
  zh(48, 'org-pjou', 'food', [
    '水产品中孔雀石绿及其代谢物现场快速检测方法',
    '采用免疫层析试纸条结合简易前处理，15分钟内完成鱼、虾肌肉中孔雀石绿与隐色孔雀石绿的定性筛查，检出限0.5 μg/kg，适合水产市场和养殖场的现场快速检测。',
    '前处理为乙腈提取+固相净化小柱，无需离心机。',
  ], [], { trl: 7, ip: 'invention-patent', modes: [lic(20, 2), xfer(70)], patents: [inv('2019-04-01', 9106022, '一种水产品中孔雀石绿的快速检测方法')] }),
  en(49, 'org-sjust', 'medical-devices', [
    'Lateral-flow combination test for SARS-CoV-2 and influenza A/B antigens',
    'A single cassette that distinguishes SARS-CoV-2, influenza A and influenza B from one nasal swab in 15 minutes; sensitivity 92–95 % against RT-PCR for samples with Ct ≤ 30 and specificity above 99 %. Stable for 24 months at room temperature; suited for pharmacies and home use.',
    'Latex and gold dual-label system; antibody pairs against nucleocapsid proteins.',
  ], ['lateral flow', 'rapid test', 'influenza', 'SARS-CoV-2', 'antigen'], { trl: 8, ip: 'invention-patent', modes: [lic(80, 3), xfer(300)], patents: [inv('2022-09-19', 9349957, 'Combined lateral-flow device for coronavirus and influenza antigens')] }),
  en(50, 'org-zjut-gd', 'biomedicine', [
    'Dissolving hyaluronic-acid microneedle patch for painless delivery of skincare actives',
    'Patches of 300–600 µm microneedles made of cross-linked and native hyaluronic acid pierce only the outer skin layer, dissolve in 2 hours and release the loaded actives (peptides, niacinamide, tranexamic acid) into the skin without injection or pain. Clinical test on 60 volunteers: wrinkle depth down 22 % after 8 weeks. Cosmetic-grade production on a vacuum casting line.',
    'PDMS moulds from a laser-machined master; two-layer casting puts 85 % of the active in the tips.',
  ], ['microneedle', 'hyaluronic acid', 'transdermal', 'cosmetics'], {
    trl: 6, ip: 'invention-patent', modes: [lic(90, 4), xfer(300), eq(3000, 20)], patents: [inv('2021-01-11', 9192384, 'Dissolving hyaluronic acid microneedle patch with a tip-loaded active layer')],
  }),
  zh(51, 'org-sjust', 'biomedicine', [
    '桌面式全封闭半自动CAR-T细胞制备一体机',
    '将细胞分选、激活、病毒转导、扩增和洗涤浓缩集成于一次性全封闭管路耗材和桌面设备中，在C级背景洁净区即可运行，单批制备周期7–9天，人工操作时间减少70%，批次间差异显著降低。已完成3家医院临床研究样品的工艺验证。',
    '扩增采用摇摆式生物反应器，转导效率30–50%；耗材为自主设计的无菌连接管路。',
  ], ['CAR-T细胞', '细胞制备', '封闭式', '自动化'], { trl: 6, ip: 'invention-patent', modes: [lic(180, 4)], patents: [inv('2022-08-15', 9342061, '一种全封闭细胞制备系统及其耗材')] }),
  zh(52, 'org-xjust', 'medical-devices', [
    '可降解锌合金骨科内固定螺钉',
    'Zn-Li-Mn系可降解锌合金螺钉，抗拉强度≥400 MPa、延伸率≥20%，在体内12–24个月逐步降解吸收，降解速率与骨愈合相匹配，无需二次手术取出，降解过程中无明显气体产生。已完成大动物实验和型式检验，准备进入临床试验。',
    '合金经热挤压+拉拔加工，表面微弧氧化控制早期降解。',
  ], [], { trl: 6, ip: 'invention-patent', modes: [lic(150, 4), xfer(500)], patents: [inv('2020-12-14', 9190613, '一种可降解锌锂锰合金及其骨科植入器械')] }),
  en(53, 'org-thust', 'semiconductor', [
    'High-SNR MEMS microphone: sensor die, ASIC and wafer-level package',
    'A dual-backplate MEMS capacitive microphone with 70 dB(A) signal-to-noise ratio, 135 dB SPL acoustic overload point and ±1 dB sensitivity matching, in a 3.5 × 2.65 mm package. The design transfer includes the MEMS process flow for an 8-inch line, the low-noise ASIC and the test program. Suited to earbuds, smart speakers and automotive voice.',
    'Membrane of low-stress poly-silicon; charge pump at 12 V; sigma-delta PDM output.',
  ], ['MEMS microphone', 'acoustic sensor', 'SNR', 'wafer-level packaging'], { trl: 7, ip: 'invention-patent', modes: [lic(200, 4), xfer(900)], patents: [inv('2021-03-01', 9198470, 'Dual-backplate MEMS microphone with high signal-to-noise ratio')] }),

  // ── environment ─────────────────────────────────────────────────────────────────────────
  zh(54, 'org-zjut-gd', 'environment', [
    '市政污泥低温带式热泵干化技术',
    '采用闭式循环热泵回收干化尾气的显热和潜热，在40–75 ℃低温条件下将含水率80%的脱水污泥干化至30%以下，单位能耗≤0.25 kWh/kg水，比传统热干化节能60%以上，无粉尘爆炸风险，臭气收集处理后达标排放。已建成日处理100吨以上项目10余个。',
    '带式干化机两层网带，切条成型提高比表面积；热泵采用R134a双级压缩。',
  ], ['污泥干化', '热泵', '低温干化', '减量化'], { trl: 8, ip: 'invention-patent', modes: [lic(70, 3), xfer(260)], patents: [inv('2018-09-10', 9081936, '一种污泥低温带式热泵干化系统')] }),
  en(55, 'org-lyau', 'environment', [
    'Biotrickling filter for odour control at pig and poultry houses',
    'Exhaust air from livestock houses passes a packed bed trickled with recirculating water that carries nitrifying and sulphide-oxidising bacteria; ammonia removal 85–95 %, hydrogen sulphide 90 %, odour concentration down 70 %, at 3–5 s contact time. Modular towers fit at the end of tunnel-ventilated houses; operating cost a few cents per pig per day.',
    'Polyurethane foam and lava-rock packing; pH held at 6.5–7.5 by bleed-off; nutrient dosing from the farm’s own effluent.',
  ], ['odour control', 'biotrickling filter', 'ammonia', 'livestock'], { trl: 7, ip: 'utility-model', modes: [lic(25, 2), xfer(80)], patents: [um('2021-05-24', 9061183, 'Modular biotrickling filter for livestock house exhaust air')] }),
  en(56, 'org-thust', 'environment', [
    'Acoustic leak detection and localisation for buried water mains',
    'Battery-powered noise loggers on valves and hydrants listen to the pipe network every night; cross-correlation between neighbouring loggers pinpoints leaks to within 1–2 m on metal and plastic pipes. In a district of 300 km of mains, non-revenue water fell from 28 % to 15 % in a year. Data arrive over NB-IoT on a map-based platform.',
    'Hydrophones for plastic pipes; frequency band 100–1,500 Hz; leak/no-leak classifier trained on 4,000 confirmed digs.',
  ], [], { trl: 7, ip: 'invention-patent', modes: [lic(60, 3), xfer(220)], patents: [inv('2020-07-13', 9164289, 'Method for locating leaks in buried water pipes by correlating noise loggers')] }),
  zh(57, 'org-scce', 'environment', [
    '燃煤锅炉湿法脱硫后烟气冷凝消白技术',
    '在湿法脱硫塔出口设置烟气冷凝器，以循环冷却水将饱和湿烟气降温3–8 ℃，析出大量水分并协同脱除细颗粒物和可溶盐，再经烟气换热器升温，使烟囱出口白色烟羽在冬季也基本消除；回收水可回用于脱硫系统补水，颗粒物排放降低40%以上。',
    '冷凝器为氟塑料管束，防腐免维护；升温采用烟气-烟气换热。',
  ], ['烟气消白', '湿法脱硫', '冷凝', '白色烟羽'], { trl: 7, ip: 'invention-patent', modes: [lic(50, 3), xfer(200)], patents: [inv('2018-12-17', 9095564, '一种湿法脱硫烟气冷凝再热消白系统')] }),
  zh(58, 'org-iae-hh', 'environment', [
    '畜禽粪污密闭式高温好氧发酵生产有机肥技术',
    '采用立式密闭发酵罐对猪、牛、鸡粪进行高温好氧发酵，7天完成无害化，发酵温度65–75 ℃，杀灭病原菌和杂草种子，臭气集中收集处理；产品符合有机肥料标准，每吨粪污处理成本比堆肥场降低30%，占地减少80%。',
    '接种自主筛选的耐高温复合菌剂；罐内曝气与搅拌由氧含量和温度联动控制。',
  ], [], { trl: 7, ip: 'invention-patent', modes: [lic(30, 3), xfer(100), eq(1500, 20)], patents: [inv('2019-03-18', 9103346, '一种畜禽粪污密闭式好氧发酵系统')] }),
  en(59, 'org-jgut', 'chemical', [
    'Supercritical CO2 waterless dyeing of polyester fabric and yarn',
    'Disperse dyes dissolved in supercritical carbon dioxide at 120 °C and 25 MPa dye polyester without any water, auxiliaries or drying; 95 % of the CO2 and excess dye are recycled. Compared with conventional jet dyeing, energy use falls by about 50 % and wastewater to zero; colour fastness meets grade 4–5. A 200 kg-per-batch industrial unit is in operation.',
    'Beam dyeing vessel with internal circulation; dye dosing by solubility model; separator recovers dye powder.',
  ], ['supercritical CO2', 'waterless dyeing', 'polyester', 'textile'], {
    trl: 6, ip: 'invention-patent', modes: [lic(150, 4), xfer(600), eq(5000, 20)], patents: [inv('2019-11-04', 9136605, 'Supercritical carbon dioxide dyeing apparatus with dye recovery')],
  }),
  en(60, 'org-scce', 'environment', [
    'Drying wood chips and agricultural residues with boiler flue-gas heat',
    'A low-temperature belt dryer recovers heat from the flue gas of biomass boilers to dry wood chips and straw from 50 % to 20 % moisture before combustion, raising boiler efficiency by 8–12 % and reducing stack losses. Modules of 2–10 t/h.',
    'Flue gas at 150–180 °C through a finned heat exchanger; dryer air at 70–90 °C.',
  ], [], { trl: 7, ip: 'know-how', modes: [lic(30, 2)] }),
  en(61, 'org-jyut', 'environment', [
    'Co-processing end-of-life wind turbine blades in cement kilns',
    'Decommissioned glass-fibre blades are cut on site, shredded and fed to a cement kiln: the resin is burnt as fuel and the glass fibre becomes raw material for clinker, so nothing is landfilled. A mobile cutting unit handles a 60 m blade in a day.',
    'Shredded fraction below 50 mm dosed at the calciner; chlorine and boron limits checked per batch.',
  ], ['wind turbine blade', 'recycling', 'cement kiln', 'glass fibre'], { trl: 6, ip: 'know-how', modes: [lic(40, 3), xfer(150)] }),
  en(62, 'org-ctut', 'construction', [
    'Screening tempered curtain-wall glass for nickel-sulphide inclusions',
    'A scanning instrument detects nickel-sulphide inclusions — the cause of spontaneous breakage of tempered glass — in installed curtain-wall panes by polarised-light imaging, from inside the building, so that high-risk panes can be replaced before they shatter. Checks a pane in under a minute.',
    'Line-scan camera with crossed polarisers; inclusion classifier distinguishes bubbles, stones and NiS.',
  ], ['curtain wall', 'tempered glass', 'spontaneous breakage', 'nickel sulphide'], { trl: 6, ip: 'know-how', modes: [lic(30, 2)] }),

  // ── agriculture and food ─────────────────────────────────────────────────────────────────
  zh(63, 'org-ccafu', 'agriculture', [
    '羊肚菌设施化高产栽培技术',
    '筛选适合设施栽培的梯棱羊肚菌菌株，配套菌种三级扩繁、外源营养袋配方和大棚温湿度光照管理规程，亩产鲜菇400–600公斤，出菇稳定性显著提高，技术已在西南多地推广2万余亩。',
    '外源营养袋为麦粒+稻壳+石膏配方，播种后15–20天摆放；出菇期地温控制8–16 ℃。',
  ], ['羊肚菌', '食用菌', '设施栽培', '外源营养袋'], { trl: 7, ip: 'know-how', modes: [lic(25, 2), xfer(80)] }),
  zh(64, 'org-ibt-w', 'agriculture', [
    '猕猴桃细菌性溃疡病生物防治菌剂',
    '从猕猴桃内生菌中筛选出对丁香假单胞菌猕猴桃致病变种拮抗作用强的贝莱斯芽孢杆菌，制成可湿性粉剂，在伤流期和秋季采后喷施、涂干，田间防效达70%以上，与铜制剂轮换使用可减少化学农药用量一半。',
    '菌剂含活菌≥200亿/克；发酵采用自主优化培养基。',
  ], [], { trl: 5, ip: 'invention-patent', modes: [lic(30, 3), xfer(100)], patents: [inv('2021-11-29', 9279351, '一株防治猕猴桃溃疡病的贝莱斯芽孢杆菌及其应用')] }),
  zh(65, 'org-hhou', 'agriculture', [
    '池塘养殖溶解氧在线监测与增氧机智能控制系统',
    '在池塘多点布设荧光法溶解氧传感器，实时监测溶解氧和水温，结合天气预报预测夜间溶氧下降趋势，提前自动开启增氧机，溶氧低于设定值时手机报警。示范塘口因缺氧造成的死鱼事故基本消除，增氧电费降低30%。',
    '传感器免维护周期3个月；控制柜支持4G远程控制。',
  ], ['水产养殖', '溶解氧', '增氧机', '池塘'], { trl: 7, ip: 'utility-model', modes: [lic(15, 2), xfer(50)], patents: [um('2022-06-06', 9047321, '一种池塘溶解氧智能调控系统')] }),
  zh(66, 'org-yzut', 'food', [
    '粮仓粮情多点测温与内环流控温储粮技术',
    '在仓内布设测温电缆与温湿度、二氧化碳传感器，实时掌握粮堆各点温度和虫霉活动迹象，利用仓内空调与内环流通风将仓温长期控制在20 ℃以下，夏季粮堆不发热、少生虫，减少化学熏蒸次数，储粮损耗降低到0.5%以下。',
    '测温点间距不大于3 m；内环流风机风量按仓容0.5–1 m³/(h·t)。',
  ], [], { trl: 8, ip: 'invention-patent', modes: [lic(40, 3), xfer(150)], patents: [inv('2018-07-23', 9074405, '一种粮仓内环流控温储粮系统')] }),
  zh(67, 'org-sleu', 'agriculture', [
    '基因编辑创制耐盐碱水稻新种质',
    '利用基因编辑技术敲除水稻耐盐负调控基因，获得耐盐碱能力显著提高的新种质，盆栽试验在0.6%盐浓度下存活率提高40%。目前处于实验室和温室验证阶段。',
    '编辑位点与脱靶检测数据完整；种质材料已完成两代自交纯合。',
  ], ['耐盐碱', '水稻', '基因编辑', '种质'], { trl: 3, ip: 'invention-patent', modes: [lic(30, 2)], patents: [inv('2024-03-25', 9441877, '一种提高水稻耐盐碱性的基因编辑方法', false)] }),
  zh(68, 'org-lyau', 'agriculture', [
    '重度盐碱地脱硫石膏与有机物料复合改良技术',
    '以燃煤电厂脱硫石膏置换土壤中的交换性钠，配合有机物料、深松和暗管排盐，一年内将土壤pH从9.5以上降至8.5以下、碱化度降低50%以上，当年种植玉米、向日葵亩产达当地中等水平。已在西北改良盐碱地5万余亩。',
    '石膏用量按碱化度计算，2–3吨/亩；暗管间距20–30 m、埋深1.2–1.5 m。',
  ], ['盐碱地', '土壤改良', '脱硫石膏'], { trl: 7, ip: 'invention-patent', modes: [lic(35, 3), xfer(120)], patents: [inv('2019-02-25', 9100754, '一种重度盐碱地的综合改良方法')] }),
  zh(69, 'org-mhust', 'food', [
    '鲜切果蔬非硫护色保鲜技术',
    '以抗坏血酸钙、柠檬酸和氨基酸复配的护色液处理鲜切苹果、梨、莲藕等，抑制多酚氧化酶活性，冷藏条件下7天不褐变，感官无酸涩异味，不含亚硫酸盐；配合微孔气调包装可延长货架期至10天。',
    '护色液浸渍2 min，离心脱水后包装；配方在多类果蔬上的浓度参数完整。',
  ], [], { trl: 6, ip: 'invention-patent', modes: [lic(25, 3), xfer(90)], patents: [inv('2020-06-01', 9160528, '一种鲜切果蔬非硫护色剂及其使用方法')] }),
  en(70, 'org-jgut', 'food', [
    'Low-sodium soy sauce by electrodialysis of brewed sauce',
    'Naturally brewed soy sauce passes an electrodialysis stack that removes 30–50 % of the sodium chloride while amino-acid nitrogen, colour and aroma stay within 5 % of the original; a sensory panel could not tell the 40 %-reduced sauce from the full-salt one in a dish. No potassium chloride, so no bitterness. Runs as a polishing step after pasteurisation.',
    'Homogeneous ion-exchange membranes with a food-grade cleaning regime; current density kept below the limiting value to protect peptides.',
  ], ['low-sodium', 'soy sauce', 'electrodialysis', 'salt reduction'], { trl: 6, ip: 'invention-patent', modes: [lic(60, 3), xfer(220)], patents: [inv('2021-08-30', 9237816, 'Method for reducing sodium in brewed soy sauce by electrodialysis')] }),
  en(71, 'org-qhtau', 'food', [
    'Cold-plasma decontamination of dried spices and herbs',
    'A rotating-drum atmospheric cold-plasma unit reduces total plate count in chilli powder, pepper and herb powders by 3–4 log in 10 minutes while keeping colour, volatile oil and pungency — no irradiation, no steam, no ethylene oxide. Throughput 300 kg/h per line; meets export microbial limits.',
    'Dielectric barrier discharge in humidified air; ozone residue below detection after 30 min.',
  ], [], { trl: 6, ip: 'invention-patent', modes: [lic(45, 3), xfer(160)], patents: [inv('2022-04-11', 9305167, 'Rotating drum cold plasma apparatus for powdered foods')] }),
  en(72, 'org-pjou', 'food', [
    'X-ray guided automatic pin-bone removal for fish fillets',
    'Each fillet passes a dual-energy X-ray scanner that maps pin bones down to 0.2 mm in diameter; a gripper robot pulls them along the computed direction, and a second scan verifies. 98 % of bones removed at 60 fillets per minute on salmon, cod and grass carp, cutting rework and customer complaints.',
    'Bone-detection network trained on 50,000 annotated scans; gripper force profile per species.',
  ], ['fish fillet', 'pin bone', 'X-ray inspection', 'automatic removal'], { trl: 6, ip: 'invention-patent', modes: [lic(70, 3), xfer(280)], patents: [inv('2022-01-24', 9290705, 'X-ray guided robotic removal of pin bones from fish fillets')] }),
  en(73, 'org-ibt-w', 'food', [
    'Enzymatic conversion of whey permeate into galacto-oligosaccharides (GOS)',
    'A thermostable β-galactosidase immobilised on a food-grade carrier converts the lactose in whey permeate into prebiotic galacto-oligosaccharides at 40 % yield in a continuous packed-bed reactor, turning a cheese-making by-product into an infant-formula and functional-food ingredient. Enzyme lifetime 60 days.',
    'Enzyme from an engineered Bacillus strain; nanofiltration purifies GOS to 70 % and above.',
  ], ['whey permeate', 'galacto-oligosaccharides', 'enzymatic conversion', 'dairy by-products'], { trl: 6, ip: 'invention-patent', modes: [lic(80, 3), xfer(300)], patents: [inv('2020-09-07', 9169834, 'Immobilised thermostable beta-galactosidase and continuous production of galacto-oligosaccharides')] }),
  en(74, 'org-ccafu', 'agriculture', [
    'Solid-state fermentation of spent distillers’ grains into protein feed',
    'Spent grains from baijiu distilleries (about 60 % moisture, acidic) are fermented with a yeast–Bacillus consortium for 72 h, raising crude protein from 16 % to 25 % and lowering fibre, then dried into a pig and poultry feed ingredient that replaces part of the soybean meal. A 50,000 t/yr plant runs at a distillery.',
    'Fermentation in aerated trays with pH raised by lime; drying by waste steam from the distillery.',
  ], [], { trl: 7, ip: 'invention-patent', modes: [lic(40, 3), xfer(150)], patents: [inv('2019-09-16', 9130271, 'Method for producing protein feed from spent distillers grains by solid-state fermentation')] }),
  en(75, 'org-scut-js', 'new-materials', [
    'Breathable microporous polyethylene film for hygiene products',
    'Polyethylene filled with 50 % surface-treated calcium carbonate is cast and stretched into a 12–16 gsm film with a water-vapour transmission rate of 4,000–6,000 g/m²·day and hydrostatic head above 1,500 mm, for diaper backsheets and medical gowns. Runs at 300 m/min on domestic lines.',
    'Stearic-acid-coated carbonate D50 1.5 µm; MDO stretching ratio 3.5.',
  ], ['breathable film', 'polyethylene', 'hygiene', 'calcium carbonate'], { trl: 8, ip: 'invention-patent', modes: [lic(60, 3), xfer(200)], patents: [inv('2018-10-15', 9087612, 'Breathable polyethylene film and its stretching process')] }),
  en(76, 'org-ccafu', 'new-materials', [
    'Mycelium-based leather alternative grown on agricultural residues',
    'Fungal mycelium grown on sawdust and corn-cob substrate forms sheets that are harvested, tanned without chromium and finished into a leather-like material for bags and shoe uppers; tensile strength 8 MPa after finishing. Grows in 10 days in trays.',
    'Strain of Ganoderma; plasticised with glycerol and a bio-based polyurethane top coat.',
  ], ['mycelium', 'leather alternative', 'fungi'], { trl: 5, ip: 'know-how', modes: [lic(50, 3), eq(2000, 20)] }),
  en(77, 'org-ccafu', 'agriculture', [
    'Bacteriophage cocktail against citrus canker',
    'A cocktail of five lytic phages specific to Xanthomonas citri, formulated with a UV protectant, reduces canker lesions on grapefruit and orange leaves by 60 % in field trials when sprayed weekly in the flush season, as a partner to copper sprays.',
    'Phages propagated in a bioreactor; skim-milk based UV protectant.',
  ], [], { trl: 5, ip: 'know-how', modes: [lic(30, 2)] }),
  en(78, 'org-zjut-gd', 'food', [
    'In-line sensor for frying-oil quality (total polar compounds)',
    'A capacitive probe mounted in the fryer reads total polar compounds continuously, so restaurants and snack lines change oil when it is spent rather than on a fixed schedule; accuracy ±2 % TPM, oil saving 20–30 %.',
    'Interdigitated electrode with temperature compensation up to 190 °C.',
  ], ['frying oil', 'total polar compounds', 'sensor'], { trl: 7, ip: 'know-how', modes: [lic(25, 2)] }),
  en(79, 'org-nwari', 'advanced-manufacturing', [
    'High-pressure coolant delivery for creep-feed grinding of turbine blade roots',
    'Shoe nozzles that follow the wheel profile deliver coolant at 8 MPa into the grinding zone, allowing 50 % higher removal rates on nickel-alloy blade roots and fir-tree slots while keeping the workpiece temperature down.',
    'Nozzle geometry from CFD; coolant filtration to 10 µm.',
  ], [], { trl: 6, ip: 'know-how', modes: [lic(40, 3)] }),
  en(80, 'org-iim-nl', 'advanced-manufacturing', [
    'Rapid heat-cycle moulding (RHCM) for high-gloss plastic parts without painting',
    'The mould surface is heated to above the resin’s glass transition by steam or induction during filling and then cooled, eliminating weld lines and flow marks so that TV bezels and car trims come out piano-black without spraying.',
    'Induction coils embedded 3 mm below the cavity; cycle controller syncs heating with the injection profile.',
  ], ['rapid heat cycle moulding', 'injection moulding', 'surface finish'], { trl: 7, ip: 'invention-patent', modes: [lic(50, 3), xfer(180)], patents: [inv('2018-05-21', 9062214, 'Induction-heated mould for rapid heat cycle moulding')] }),
  en(81, 'org-xjust', 'transportation', [
    'Regenerative braking energy feedback for metro traction power systems',
    'A medium-voltage inverter returns the braking energy of metro trains to the AC grid instead of burning it in resistors, saving 10–15 % of traction energy on a line and lowering tunnel temperature.',
    'Four-quadrant IGBT converter with DC-bus voltage control; installed at traction substations.',
  ], ['regenerative braking', 'metro', 'energy feedback', 'traction power'], { trl: 8, ip: 'invention-patent', modes: [lic(150, 3), xfer(600)], patents: [inv('2017-08-14', 9042566, 'Energy feedback device for urban rail traction power supply')] }),
  en(82, 'org-qcut', 'new-energy', [
    'Recovering silicon from diamond-wire sawing kerf',
    'Silicon powder lost as kerf when wafers are sawn (about 40 % of the ingot) is collected from the coolant, cleaned of metal and oxygen by acid leaching and induction melting, and cast back into ingots for solar-grade use.',
    'Pressure filtration and flotation; melting with slag refining to remove boron.',
  ], [], { trl: 5, ip: 'know-how', modes: [lic(60, 3), xfer(200)] }),
];
