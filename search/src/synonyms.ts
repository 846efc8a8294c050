/**
 * The bilingual technical vocabulary: each entry is one concept in Chinese and English (plus
 * alternate spellings). Both engines get the same list: the embedded engine expands queries with
 * it, Meilisearch receives it as its `synonyms` setting. The seed scale generator draws its topics
 * from it too, grouped by field.
 *
 * A phrase belongs to one concept only: listed twice, it would join two concepts in every query.
 * Only true synonyms share a concept (a driverless forklift is an AGV, a forklift is not), and words
 * most listings use (技术, system) stay out, or every query would match everything.
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
  { field: 'ai', zh: '语音识别', en: 'speech recognition', alt: ['asr', 'automatic speech recognition'] },
  { field: 'ai', zh: '知识图谱', en: 'knowledge graph' },
  { field: 'ai', zh: '大语言模型', en: 'large language model', alt: ['llm', '大模型'] },
  { field: 'ai', zh: '图像识别', en: 'image recognition' },
  { field: 'ai', zh: '缺陷检测', en: 'defect detection', alt: ['瑕疵检测', '缺陷识别', 'defect inspection'] },
  { field: 'ai', zh: '质检', en: 'quality inspection', alt: ['质量检测', '质量检验'] },
  { field: 'ai', zh: '检索增强生成', en: 'retrieval-augmented generation', alt: ['rag'] },
  { field: 'ai', zh: '智能客服', en: 'customer service chatbot', alt: ['客服机器人', '聊天机器人', 'chatbot'] },
  { field: 'ai', zh: '私有化部署', en: 'private deployment', alt: ['本地化部署', '本地部署', 'on-premise deployment', 'on-premises deployment'] },
  { field: 'ai', zh: '语音转写', en: 'speech transcription', alt: ['语音转文字', 'speech-to-text'] },
  { field: 'ai', zh: '方言', en: 'dialect' },
  { field: 'ai', zh: '负荷预测', en: 'load forecasting', alt: ['电力负荷预测', 'power load forecasting', 'load prediction'] },
  { field: 'ai', zh: '功率预测', en: 'power forecasting', alt: ['发电功率预测', 'power prediction'] },
  { field: 'ai', zh: '辅助诊断', en: 'computer-aided diagnosis', alt: ['计算机辅助诊断', 'ai辅助诊断', 'ai-assisted diagnosis'] },
  { field: 'ai', zh: '肺结节', en: 'pulmonary nodule', alt: ['lung nodule', '肺部结节'] },
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
  { field: 'ict', zh: '专网', en: 'private network', alt: ['行业专网'] },
  { field: 'ict', zh: '网络切片', en: 'network slicing' },
  { field: 'ict', zh: '隐私计算', en: 'privacy computing', alt: ['privacy-preserving computation', 'privacy-preserving computing'] },
  { field: 'ict', zh: '联邦学习', en: 'federated learning' },
  // Not "mpc" alone: it is as often model predictive control.
  { field: 'ict', zh: '多方安全计算', en: 'secure multi-party computation', alt: ['安全多方计算', 'multi-party computation'] },
  { field: 'ict', zh: '窄带物联网', en: 'nb-iot', alt: ['narrowband iot'] },
  { field: 'ict', zh: '智能表计', en: 'smart meter', alt: ['智能水表', 'smart water meter'] },
  { field: 'ict', zh: '云原生', en: 'cloud native' },
  { field: 'ict', zh: '信创', en: 'it localization', alt: ['信息技术应用创新', 'it localisation', 'xinchuang'] },
  { field: 'ict', zh: '溯源', en: 'traceability', alt: ['追溯', '可追溯', 'track and trace'] },
  { field: 'ict', zh: '供应链金融', en: 'supply chain finance' },
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
  { field: 'semiconductor', zh: '功率器件', en: 'power device', alt: ['功率半导体', 'power semiconductor'] },
  { field: 'semiconductor', zh: '宽禁带', en: 'wide bandgap', alt: ['第三代半导体', 'wide band gap', 'third-generation semiconductor'] },
  { field: 'semiconductor', zh: '射频', en: 'radio frequency', alt: ['rf'] },
  { field: 'semiconductor', zh: '功率放大器', en: 'power amplifier', alt: ['功放'] },
  { field: 'semiconductor', zh: '微机电系统', en: 'mems', alt: ['micro-electro-mechanical system'] },
  { field: 'semiconductor', zh: '惯性测量单元', en: 'inertial measurement unit', alt: ['imu', '惯性传感器', 'inertial sensor'] },
  { field: 'semiconductor', zh: '芯粒', en: 'chiplet' },
  { field: 'semiconductor', zh: '硅通孔', en: 'through-silicon via', alt: ['tsv'] },
  { field: 'semiconductor', zh: '微控制器', en: 'microcontroller', alt: ['mcu', '单片机'] },
  { field: 'semiconductor', zh: 'AI芯片', en: 'ai chip', alt: ['人工智能芯片', 'ai accelerator', 'ai加速芯片'] },
  // 新能源
  { field: 'new-energy', zh: '光伏', en: 'photovoltaic', alt: ['pv', '太阳能电池', 'solar cell'] },
  { field: 'new-energy', zh: '风力发电', en: 'wind power', alt: ['风电', 'wind energy'] },
  { field: 'new-energy', zh: '氢能', en: 'hydrogen energy' },
  { field: 'new-energy', zh: '燃料电池', en: 'fuel cell' },
  { field: 'new-energy', zh: '钙钛矿', en: 'perovskite' },
  { field: 'new-energy', zh: '逆变器', en: 'inverter' },
  { field: 'new-energy', zh: '电解水制氢', en: 'water electrolysis', alt: ['电解水', 'electrolytic hydrogen'] },
  { field: 'new-energy', zh: '智能电网', en: 'smart grid' },
  { field: 'new-energy', zh: '叠层电池', en: 'tandem solar cell', alt: ['叠层太阳能电池', 'tandem cell'] },
  { field: 'new-energy', zh: '光伏组件', en: 'pv module', alt: ['太阳能电池板', '太阳能板', 'solar panel', 'solar module', 'photovoltaic module'] },
  { field: 'new-energy', zh: '光伏建筑一体化', en: 'building-integrated photovoltaics', alt: ['bipv', 'building-integrated pv'] },
  { field: 'new-energy', zh: '异质结', en: 'heterojunction', alt: ['hjt', '异质结电池'] },
  { field: 'new-energy', zh: '隧穿氧化层钝化接触', en: 'topcon', alt: ['tunnel oxide passivated contact'] },
  { field: 'new-energy', zh: '银浆', en: 'silver paste', alt: ['导电银浆'] },
  { field: 'new-energy', zh: '银耗', en: 'silver consumption', alt: ['耗银量', '银用量', 'silver usage'] },
  { field: 'new-energy', zh: '减银', en: 'silver reduction', alt: ['降银', '降低银耗', '少银', 'silver-saving'] },
  { field: 'new-energy', zh: '绿氢', en: 'green hydrogen', alt: ['可再生氢', 'renewable hydrogen'] },
  { field: 'new-energy', zh: '质子交换膜', en: 'proton exchange membrane', alt: ['pem'] },
  { field: 'new-energy', zh: '电解槽', en: 'electrolyzer', alt: ['electrolyser'] },
  { field: 'new-energy', zh: '膜电极', en: 'membrane electrode assembly', alt: ['mea'] },
  { field: 'new-energy', zh: '风电机组', en: 'wind turbine', alt: ['风力发电机', '风力发电机组', 'wind turbine generator'] },
  { field: 'new-energy', zh: '风电叶片', en: 'wind turbine blade', alt: ['风机叶片', 'wind blade'] },
  { field: 'new-energy', zh: '双极板', en: 'bipolar plate' },
  // 储能与电池
  { field: 'energy-storage', zh: '锂电池', en: 'lithium battery', alt: ['锂离子电池', 'lithium-ion battery', 'li-ion battery', 'lithium-ion', 'li-ion'] },
  { field: 'energy-storage', zh: '正极材料', en: 'cathode material' },
  { field: 'energy-storage', zh: '负极材料', en: 'anode material' },
  { field: 'energy-storage', zh: '电解液', en: 'electrolyte' },
  { field: 'energy-storage', zh: '固态电池', en: 'solid-state battery' },
  { field: 'energy-storage', zh: '钠离子电池', en: 'sodium-ion battery', alt: ['钠电', '钠电池', 'na-ion battery'] },
  { field: 'energy-storage', zh: '储能', en: 'energy storage' },
  { field: 'energy-storage', zh: '电池管理系统', en: 'battery management system', alt: ['bms'] },
  { field: 'energy-storage', zh: '隔膜', en: 'separator' },
  { field: 'energy-storage', zh: '超级电容', en: 'supercapacitor' },
  { field: 'energy-storage', zh: '磷酸铁锂', en: 'lithium iron phosphate', alt: ['lifepo4'] },
  { field: 'energy-storage', zh: '磷酸锰铁锂', en: 'lithium manganese iron phosphate', alt: ['lmfp'] },
  { field: 'energy-storage', zh: '三元锂', en: 'ncm', alt: ['三元锂电池', '三元电池', '三元材料', '三元正极', 'nmc', 'ternary lithium'] },
  { field: 'energy-storage', zh: '硬碳', en: 'hard carbon' },
  { field: 'energy-storage', zh: '电芯', en: 'battery cell', alt: ['单体电池'] },
  { field: 'energy-storage', zh: '固态电解质', en: 'solid electrolyte', alt: ['solid-state electrolyte'] },
  { field: 'energy-storage', zh: '半固态电池', en: 'semi-solid battery', alt: ['semi-solid-state battery'] },
  { field: 'energy-storage', zh: '热失控', en: 'thermal runaway' },
  // "SOC" is also a system-on-chip; the catalogue only uses it for batteries.
  { field: 'energy-storage', zh: '荷电状态', en: 'state of charge', alt: ['soc'] },
  { field: 'energy-storage', zh: '储能电站', en: 'energy storage station', alt: ['储能站', '电化学储能电站', 'battery energy storage station', 'battery energy storage system', 'bess'] },
  { field: 'energy-storage', zh: '液流电池', en: 'flow battery', alt: ['redox flow battery', '氧化还原液流电池'] },
  { field: 'energy-storage', zh: '全钒液流电池', en: 'vanadium redox flow battery', alt: ['钒电池', 'vanadium flow battery', 'vrfb'] },
  { field: 'energy-storage', zh: '长时储能', en: 'long-duration energy storage', alt: ['long-duration storage', 'ldes'] },
  // 新材料
  { field: 'new-materials', zh: '石墨烯', en: 'graphene' },
  { field: 'new-materials', zh: '碳纤维', en: 'carbon fiber', alt: ['carbon fibre'] },
  { field: 'new-materials', zh: '复合材料', en: 'composite material' },
  { field: 'new-materials', zh: '高分子材料', en: 'polymer' },
  { field: 'new-materials', zh: '陶瓷', en: 'ceramic' },
  { field: 'new-materials', zh: '纳米材料', en: 'nanomaterial' },
  { field: 'new-materials', zh: '涂层', en: 'coating' },
  { field: 'new-materials', zh: '合金', en: 'alloy' },
  { field: 'new-materials', zh: '稀土', en: 'rare earth' },
  { field: 'new-materials', zh: '导热膜', en: 'thermal conductive film', alt: ['散热膜', '导热薄膜', 'thermal film', 'heat-spreading film', 'heat spreader'] },
  { field: 'new-materials', zh: '散热', en: 'heat dissipation', alt: ['thermal dissipation'] },
  { field: 'new-materials', zh: '碳纤维复合材料', en: 'carbon fiber composite', alt: ['碳纤维增强复合材料', 'carbon fibre composite', 'carbon fiber reinforced polymer', 'carbon fibre reinforced plastic', 'cfrp'] },
  { field: 'new-materials', zh: '预浸料', en: 'prepreg' },
  { field: 'new-materials', zh: '高温合金', en: 'superalloy', alt: ['high-temperature alloy', '镍基高温合金', 'nickel-based superalloy'] },
  { field: 'new-materials', zh: '金属粉末', en: 'metal powder', alt: ['3d打印粉末', '金属粉'] },
  { field: 'new-materials', zh: '气凝胶', en: 'aerogel' },
  { field: 'new-materials', zh: '隔热', en: 'thermal insulation', alt: ['保温', '隔热材料', '保温材料', '绝热', 'heat insulation'] },
  { field: 'new-materials', zh: '防火', en: 'fire protection', alt: ['fireproof', 'fire prevention'] },
  { field: 'new-materials', zh: '可降解', en: 'biodegradable', alt: ['生物降解', '可生物降解', '全生物降解', 'degradable', 'biodegradation'] },
  { field: 'new-materials', zh: '聚乳酸', en: 'polylactic acid', alt: ['pla'] },
  { field: 'new-materials', zh: '地膜', en: 'mulch film', alt: ['农用地膜', 'agricultural film', 'plastic mulch'] },
  // 生物医药
  { field: 'biomedicine', zh: '疫苗', en: 'vaccine' },
  { field: 'biomedicine', zh: '抗体', en: 'antibody' },
  { field: 'biomedicine', zh: '基因编辑', en: 'gene editing', alt: ['crispr'] },
  { field: 'biomedicine', zh: '细胞治疗', en: 'cell therapy' },
  { field: 'biomedicine', zh: '靶向药物', en: 'targeted drug' },
  { field: 'biomedicine', zh: '中药', en: 'traditional chinese medicine', alt: ['tcm', '中医药', '中草药', 'herbal medicine', 'chinese herbal medicine'] },
  { field: 'biomedicine', zh: '诊断试剂', en: 'diagnostic reagent' },
  { field: 'biomedicine', zh: '蛋白质', en: 'protein' },
  { field: 'biomedicine', zh: '合成生物学', en: 'synthetic biology' },
  // "ADC" is also an analogue-to-digital converter; the catalogue only uses it for the drugs.
  { field: 'biomedicine', zh: '抗体偶联药物', en: 'antibody-drug conjugate', alt: ['adc', '抗体药物偶联物'] },
  { field: 'biomedicine', zh: '肿瘤', en: 'tumor', alt: ['tumour', '癌症', 'cancer', 'oncology'] },
  { field: 'biomedicine', zh: '信使RNA', en: 'mrna', alt: ['messenger rna'] },
  { field: 'biomedicine', zh: '脂质纳米颗粒', en: 'lipid nanoparticle', alt: ['lnp', '脂质纳米粒'] },
  { field: 'biomedicine', zh: '嵌合抗原受体T细胞', en: 'car-t', alt: ['car-t细胞', 'chimeric antigen receptor t cell'] },
  { field: 'biomedicine', zh: '免疫治疗', en: 'immunotherapy', alt: ['免疫疗法'] },
  { field: 'biomedicine', zh: '配方颗粒', en: 'dispensing granules', alt: ['中药配方颗粒', 'formula granules'] },
  { field: 'biomedicine', zh: '生物制造', en: 'biomanufacturing', alt: ['bio-manufacturing'] },
  { field: 'biomedicine', zh: '重组蛋白', en: 'recombinant protein' },
  // 医疗器械
  { field: 'medical-devices', zh: '医学影像', en: 'medical imaging' },
  { field: 'medical-devices', zh: '手术机器人', en: 'surgical robot' },
  { field: 'medical-devices', zh: '可穿戴设备', en: 'wearable device', alt: ['可穿戴', 'wearable'] },
  { field: 'medical-devices', zh: '超声', en: 'ultrasound', alt: ['ultrasonic'] },
  { field: 'medical-devices', zh: '内窥镜', en: 'endoscope' },
  { field: 'medical-devices', zh: '支架', en: 'stent' },
  { field: 'medical-devices', zh: '体外诊断', en: 'in vitro diagnostics', alt: ['ivd'] },
  { field: 'medical-devices', zh: '微创手术', en: 'minimally invasive surgery', alt: ['微创'] },
  { field: 'medical-devices', zh: '腹腔镜', en: 'laparoscopic', alt: ['laparoscopy', 'laparoscope'] },
  { field: 'medical-devices', zh: '即时检测', en: 'point-of-care testing', alt: ['poct', '床旁检测', 'point of care'] },
  { field: 'medical-devices', zh: '化学发光', en: 'chemiluminescence', alt: ['chemiluminescent'] },
  { field: 'medical-devices', zh: '心电图', en: 'electrocardiogram', alt: ['心电', 'ecg', 'ekg'] },
  { field: 'medical-devices', zh: '房颤', en: 'atrial fibrillation', alt: ['心房颤动', 'afib'] },
  { field: 'medical-devices', zh: '手环', en: 'wristband', alt: ['智能手环', 'smart band', 'fitness tracker'] },
  { field: 'medical-devices', zh: '老年人', en: 'elderly', alt: ['老人', 'older adult', 'senior citizen'] },
  { field: 'medical-devices', zh: '植入物', en: 'implant', alt: ['植入器械', 'implantable device'] },
  { field: 'medical-devices', zh: '椎间融合器', en: 'interbody fusion cage', alt: ['融合器', 'fusion cage', 'spinal cage'] },
  { field: 'medical-devices', zh: '掌上超声', en: 'handheld ultrasound', alt: ['便携超声', '便携式超声', 'portable ultrasound', 'pocket ultrasound'] },
  { field: 'medical-devices', zh: '聚焦超声', en: 'focused ultrasound', alt: ['高强度聚焦超声', 'high-intensity focused ultrasound', 'hifu'] },
  // 高端装备制造
  { field: 'advanced-manufacturing', zh: '数控机床', en: 'cnc machine tool', alt: ['数控', 'cnc', 'cnc machine'] },
  { field: 'advanced-manufacturing', zh: '增材制造', en: 'additive manufacturing', alt: ['3d打印', '3d printing'] },
  { field: 'advanced-manufacturing', zh: '智能制造', en: 'intelligent manufacturing', alt: ['smart manufacturing'] },
  { field: 'advanced-manufacturing', zh: '工业互联网', en: 'industrial internet' },
  { field: 'advanced-manufacturing', zh: '精密加工', en: 'precision machining' },
  { field: 'advanced-manufacturing', zh: '焊接', en: 'welding' },
  { field: 'advanced-manufacturing', zh: '轴承', en: 'bearing' },
  { field: 'advanced-manufacturing', zh: '数字孪生', en: 'digital twin' },
  { field: 'advanced-manufacturing', zh: '选区激光熔化', en: 'selective laser melting', alt: ['slm', '激光选区熔化', 'laser powder bed fusion', 'lpbf'] },
  { field: 'advanced-manufacturing', zh: '电弧增材', en: 'wire arc additive manufacturing', alt: ['电弧增材制造', 'waam'] },
  { field: 'advanced-manufacturing', zh: '数控系统', en: 'cnc system', alt: ['cnc controller', 'cnc control system'] },
  { field: 'advanced-manufacturing', zh: '五轴联动', en: 'five-axis machining', alt: ['五轴', '5轴', 'five-axis', '5-axis'] },
  { field: 'advanced-manufacturing', zh: '预测性维护', en: 'predictive maintenance', alt: ['预测性维修', '预知维护', '设备健康管理', 'phm'] },
  { field: 'advanced-manufacturing', zh: '制造执行系统', en: 'manufacturing execution system', alt: ['mes'] },
  { field: 'advanced-manufacturing', zh: '精密轴承', en: 'precision bearing', alt: ['高精度轴承'] },
  { field: 'advanced-manufacturing', zh: '风电轴承', en: 'wind turbine bearing', alt: ['风电主轴轴承', 'wind power bearing'] },
  { field: 'advanced-manufacturing', zh: '激光焊接', en: 'laser welding', alt: ['激光焊'] },
  { field: 'advanced-manufacturing', zh: '搅拌摩擦焊', en: 'friction stir welding', alt: ['搅拌摩擦焊接', 'fsw'] },
  { field: 'advanced-manufacturing', zh: '焊缝跟踪', en: 'seam tracking', alt: ['焊缝识别', 'weld seam tracking'] },
  // 机器人与智能控制
  { field: 'robotics', zh: '工业机器人', en: 'industrial robot' },
  { field: 'robotics', zh: '机械臂', en: 'robotic arm' },
  { field: 'robotics', zh: '伺服电机', en: 'servo motor' },
  { field: 'robotics', zh: '减速器', en: 'reducer', alt: ['gearbox', '减速机', 'speed reducer', 'gear reducer'] },
  { field: 'robotics', zh: '机器视觉', en: 'machine vision' },
  { field: 'robotics', zh: '路径规划', en: 'path planning' },
  { field: 'robotics', zh: '控制系统', en: 'control system' },
  { field: 'robotics', zh: '人形机器人', en: 'humanoid robot', alt: ['仿人机器人', 'humanoid'] },
  { field: 'robotics', zh: '谐波减速器', en: 'harmonic reducer', alt: ['谐波减速机', 'harmonic drive', 'strain wave gear'] },
  { field: 'robotics', zh: 'RV减速器', en: 'rv reducer', alt: ['rv减速机'] },
  { field: 'robotics', zh: '灵巧手', en: 'dexterous hand', alt: ['仿人灵巧手', 'robotic hand', 'multi-fingered hand'] },
  { field: 'robotics', zh: '具身智能', en: 'embodied ai', alt: ['embodied intelligence'] },
  { field: 'robotics', zh: '移动机器人', en: 'mobile robot', alt: ['自主移动机器人', 'autonomous mobile robot', 'amr'] },
  // A driverless forklift is an AGV; a forklift alone is not.
  { field: 'robotics', zh: '自动导引车', en: 'automated guided vehicle', alt: ['agv', 'agv小车', '自动导引运输车', 'automatic guided vehicle', '无人叉车', '叉车agv', 'autonomous forklift', 'driverless forklift', 'forklift agv'] },
  { field: 'robotics', zh: '同步定位与建图', en: 'simultaneous localization and mapping', alt: ['slam', 'simultaneous localisation and mapping'] },
  { field: 'robotics', zh: '仓储', en: 'warehousing', alt: ['仓库', '库房', 'warehouse'] },
  { field: 'robotics', zh: '巡检机器人', en: 'inspection robot', alt: ['智能巡检机器人', 'patrol robot', '巡逻机器人'] },
  { field: 'robotics', zh: '巡检', en: 'patrol inspection', alt: ['巡视', '巡查', 'routine inspection'] },
  { field: 'robotics', zh: '变电站', en: 'substation', alt: ['变电所'] },
  { field: 'robotics', zh: '协作机器人', en: 'collaborative robot', alt: ['cobot', '协作型机器人'] },
  { field: 'robotics', zh: '力控', en: 'force control', alt: ['力控制'] },
  { field: 'robotics', zh: '无序抓取', en: 'bin picking', alt: ['无序分拣', '乱序抓取', 'random bin picking'] },
  // 新能源汽车
  { field: 'new-energy-vehicles', zh: '动力电池', en: 'power battery', alt: ['traction battery'] },
  { field: 'new-energy-vehicles', zh: '电动汽车', en: 'electric vehicle', alt: ['ev', '电动车', 'electric car'] },
  { field: 'new-energy-vehicles', zh: '自动驾驶', en: 'autonomous driving', alt: ['self-driving'] },
  { field: 'new-energy-vehicles', zh: '充电桩', en: 'charging pile', alt: ['charging station', '充电站', '充电设施', 'charging infrastructure', 'ev charger'] },
  { field: 'new-energy-vehicles', zh: '电驱动', en: 'electric drive', alt: ['电驱', '电驱系统', 'e-drive', 'electric drive unit'] },
  { field: 'new-energy-vehicles', zh: '激光雷达', en: 'lidar' },
  { field: 'new-energy-vehicles', zh: '热管理', en: 'thermal management' },
  { field: 'new-energy-vehicles', zh: '电池回收', en: 'battery recycling', alt: ['动力电池回收', '废旧电池回收'] },
  { field: 'new-energy-vehicles', zh: '新能源汽车', en: 'new energy vehicle', alt: ['新能源车', 'nev'] },
  { field: 'new-energy-vehicles', zh: '驱动电机', en: 'traction motor', alt: ['电驱电机', 'drive motor'] },
  { field: 'new-energy-vehicles', zh: '主驱逆变器', en: 'traction inverter', alt: ['电驱逆变器'] },
  { field: 'new-energy-vehicles', zh: '扁线电机', en: 'hairpin motor', alt: ['扁线', 'hairpin winding', 'flat wire motor'] },
  { field: 'new-energy-vehicles', zh: '热泵', en: 'heat pump' },
  { field: 'new-energy-vehicles', zh: '液冷板', en: 'cold plate', alt: ['水冷板', 'liquid cold plate'] },
  { field: 'new-energy-vehicles', zh: '辅助驾驶', en: 'driver assistance', alt: ['驾驶辅助', '高级驾驶辅助', 'adas', 'advanced driver assistance'] },
  { field: 'new-energy-vehicles', zh: '毫米波雷达', en: 'millimeter-wave radar', alt: ['millimetre-wave radar', 'mmwave radar'] },
  { field: 'new-energy-vehicles', zh: '自动泊车', en: 'automated parking', alt: ['自主泊车', 'automatic parking', 'auto parking', 'self-parking'] },
  { field: 'new-energy-vehicles', zh: '快充', en: 'fast charging', alt: ['快速充电', 'fast charger', 'quick charging'] },
  { field: 'new-energy-vehicles', zh: '超充', en: 'ultra-fast charging', alt: ['超级快充', '超级充电', '大功率充电', 'high-power charging', 'ultra-fast charger'] },
  { field: 'new-energy-vehicles', zh: '车网互动', en: 'vehicle-to-grid', alt: ['v2g', '车网融合', 'vehicle-grid integration'] },
  { field: 'new-energy-vehicles', zh: '换电', en: 'battery swapping', alt: ['换电站', 'battery swap', 'swap station'] },
  { field: 'new-energy-vehicles', zh: '一体化压铸', en: 'giga casting', alt: ['大型一体化压铸', 'gigacasting', 'mega casting', 'integrated die casting'] },
  { field: 'new-energy-vehicles', zh: '轻量化', en: 'lightweight', alt: ['lightweighting'] },
  // 航空航天
  { field: 'aerospace', zh: '无人机', en: 'drone', alt: ['uav', 'unmanned aerial vehicle', '无人飞行器', 'unmanned aircraft'] },
  { field: 'aerospace', zh: '卫星', en: 'satellite' },
  { field: 'aerospace', zh: '航空发动机', en: 'aero engine', alt: ['航发', 'aircraft engine'] },
  { field: 'aerospace', zh: '导航', en: 'navigation' },
  { field: 'aerospace', zh: '遥感', en: 'remote sensing' },
  { field: 'aerospace', zh: '钛合金', en: 'titanium alloy' },
  { field: 'aerospace', zh: '垂直起降', en: 'vertical take-off and landing', alt: ['vtol'] },
  { field: 'aerospace', zh: '巡线', en: 'power line patrol', alt: ['电力巡线', '线路巡检', '输电线路巡检', 'power line inspection', 'line patrol'] },
  { field: 'aerospace', zh: '低轨卫星', en: 'leo satellite', alt: ['低轨', 'leo', 'low earth orbit'] },
  { field: 'aerospace', zh: '相控阵', en: 'phased array' },
  { field: 'aerospace', zh: '陶瓷基复合材料', en: 'ceramic matrix composite', alt: ['cmc'] },
  { field: 'aerospace', zh: '热障涂层', en: 'thermal barrier coating', alt: ['tbc'] },
  { field: 'aerospace', zh: '电动垂直起降飞行器', en: 'evtol', alt: ['电动垂直起降', 'electric vertical take-off and landing'] },
  { field: 'aerospace', zh: '低空经济', en: 'low-altitude economy' },
  // 海洋工程
  { field: 'marine', zh: '海水淡化', en: 'desalination', alt: ['seawater desalination'] },
  { field: 'marine', zh: '海上风电', en: 'offshore wind', alt: ['offshore wind power', '海上风力发电'] },
  { field: 'marine', zh: '水下机器人', en: 'underwater robot', alt: ['rov'] },
  { field: 'marine', zh: '船舶', en: 'ship' },
  { field: 'marine', zh: '海洋监测', en: 'ocean monitoring' },
  { field: 'marine', zh: '防腐', en: 'anticorrosion', alt: ['corrosion protection', 'anti-corrosion', '防腐蚀', '防腐涂料', '防腐涂层', 'anticorrosive coating'] },
  { field: 'marine', zh: '自主水下航行器', en: 'autonomous underwater vehicle', alt: ['auv', '无人潜航器', '水下无人航行器'] },
  { field: 'marine', zh: '水声通信', en: 'underwater acoustic communication', alt: ['水声通讯', '水下通信', 'underwater communication', 'acoustic communication'] },
  { field: 'marine', zh: '漂浮式风电', en: 'floating wind', alt: ['漂浮式海上风电', '浮式风电', 'floating offshore wind'] },
  { field: 'marine', zh: '海缆', en: 'subsea cable', alt: ['海底电缆', 'submarine cable', 'undersea cable'] },
  { field: 'marine', zh: '深远海养殖', en: 'offshore aquaculture', alt: ['深海养殖', '离岸养殖', 'deep-sea aquaculture', 'open-ocean aquaculture'] },
  { field: 'marine', zh: '网箱', en: 'net cage', alt: ['养殖网箱', '智能网箱', 'fish cage', 'sea cage'] },
  { field: 'marine', zh: '海洋牧场', en: 'marine ranching', alt: ['marine ranch', 'sea ranching'] },
  { field: 'marine', zh: '反渗透', en: 'reverse osmosis', alt: ['ro'] },
  { field: 'marine', zh: '提锂', en: 'lithium extraction', alt: ['锂提取'] },
  // 节能环保
  { field: 'environment', zh: '污水处理', en: 'wastewater treatment', alt: ['废水处理', 'sewage treatment', 'effluent treatment'] },
  { field: 'environment', zh: '碳捕集', en: 'carbon capture', alt: ['ccus', '碳捕获', 'co2 capture', 'ccs'] },
  { field: 'environment', zh: '固废', en: 'solid waste', alt: ['固体废物', '固体废弃物'] },
  { field: 'environment', zh: '余热回收', en: 'waste heat recovery' },
  { field: 'environment', zh: '脱硫', en: 'desulfurization' },
  { field: 'environment', zh: '土壤修复', en: 'soil remediation' },
  { field: 'environment', zh: '空气净化', en: 'air purification' },
  { field: 'environment', zh: '二氧化碳', en: 'carbon dioxide', alt: ['co2'] },
  { field: 'environment', zh: '直接空气捕集', en: 'direct air capture', alt: ['空气直接捕集', 'dac'] },
  { field: 'environment', zh: '零排放', en: 'zero liquid discharge', alt: ['废水零排放', '零液体排放', 'zero discharge', 'zld'] },
  { field: 'environment', zh: '高盐废水', en: 'high-salinity wastewater', alt: ['含盐废水', '高含盐废水', 'saline wastewater', 'high-salt wastewater'] },
  { field: 'environment', zh: '高级氧化', en: 'advanced oxidation', alt: ['advanced oxidation process', 'aop'] },
  { field: 'environment', zh: '退役电池', en: 'retired battery', alt: ['退役动力电池', '废旧电池', '报废电池', '废电池', 'spent battery', 'end-of-life battery', 'used battery'] },
  { field: 'environment', zh: '梯次利用', en: 'second-life use', alt: ['梯级利用', 'second life', 'second-life battery', 'cascade utilization', 'echelon utilization'] },
  { field: 'environment', zh: '湿法冶金', en: 'hydrometallurgy', alt: ['湿法回收', 'hydrometallurgical'] },
  { field: 'environment', zh: '挥发性有机物', en: 'volatile organic compounds', alt: ['vocs', '有机废气', '挥发性有机化合物'] },
  { field: 'environment', zh: '废气治理', en: 'waste gas treatment', alt: ['废气处理', '废气净化', 'exhaust gas treatment', 'off-gas treatment'] },
  { field: 'environment', zh: '催化燃烧', en: 'catalytic combustion', alt: ['催化氧化', 'catalytic oxidation', 'rco'] },
  { field: 'environment', zh: '脱硝', en: 'denitrification', alt: ['烟气脱硝', 'denox', 'nox removal', 'denitration'] },
  { field: 'environment', zh: '选择性催化还原', en: 'selective catalytic reduction', alt: ['scr'] },
  { field: 'environment', zh: '涂装', en: 'paint shop', alt: ['涂装车间', '喷涂车间', '喷漆房', '喷漆车间', 'painting line', 'spray booth'] },
  { field: 'environment', zh: '餐厨垃圾', en: 'food waste', alt: ['厨余垃圾', '餐厨废弃物', 'kitchen waste'] },
  { field: 'environment', zh: '热解', en: 'pyrolysis', alt: ['热裂解'] },
  // 现代农业
  { field: 'agriculture', zh: '育种', en: 'breeding' },
  { field: 'agriculture', zh: '智慧农业', en: 'smart agriculture', alt: ['precision agriculture', '精准农业', '数字农业', 'digital agriculture', 'smart farming'] },
  { field: 'agriculture', zh: '灌溉', en: 'irrigation' },
  { field: 'agriculture', zh: '化肥', en: 'fertilizer' },
  { field: 'agriculture', zh: '农药', en: 'pesticide' },
  { field: 'agriculture', zh: '水产养殖', en: 'aquaculture', alt: ['鱼类养殖', 'fish farming'] },
  { field: 'agriculture', zh: '植物工厂', en: 'plant factory' },
  { field: 'agriculture', zh: '耐盐碱', en: 'salt-alkali tolerance', alt: ['耐盐', '抗盐碱', 'salt tolerance', 'salt-tolerant', 'salt-alkali-tolerant'] },
  { field: 'agriculture', zh: '分子育种', en: 'molecular breeding', alt: ['分子标记辅助育种', 'marker-assisted breeding', 'marker-assisted selection'] },
  { field: 'agriculture', zh: '植保无人机', en: 'crop-protection drone', alt: ['农业无人机', 'agricultural drone', 'spraying drone', 'crop spraying drone'] },
  { field: 'agriculture', zh: '温室', en: 'greenhouse', alt: ['大棚', 'glasshouse'] },
  { field: 'agriculture', zh: '生物农药', en: 'biopesticide', alt: ['微生物农药', 'bio-pesticide', 'biological pesticide'] },
  { field: 'agriculture', zh: '微生物肥料', en: 'biofertilizer', alt: ['生物肥料', '菌肥', 'biofertiliser', 'bio-fertilizer', 'microbial fertilizer'] },
  { field: 'agriculture', zh: '畜牧', en: 'livestock', alt: ['畜牧业', '畜禽', 'animal husbandry', 'livestock farming'] },
  { field: 'agriculture', zh: '养猪', en: 'pig farming', alt: ['生猪养殖', '猪场', '养猪场', 'pig farm', 'swine farming', 'hog farming'] },
  { field: 'agriculture', zh: '精准饲喂', en: 'precision feeding', alt: ['智能饲喂', 'smart feeding'] },
  { field: 'agriculture', zh: '农机', en: 'agricultural machinery', alt: ['农业机械', '农机装备', 'farm machinery'] },
  { field: 'agriculture', zh: '采摘机器人', en: 'harvesting robot', alt: ['picking robot', 'fruit picking robot'] },
  // 食品科学
  { field: 'food', zh: '保鲜', en: 'preservation', alt: ['fresh-keeping'] },
  { field: 'food', zh: '发酵', en: 'fermentation' },
  { field: 'food', zh: '益生菌', en: 'probiotic' },
  { field: 'food', zh: '冷链', en: 'cold chain' },
  { field: 'food', zh: '食品安全', en: 'food safety' },
  { field: 'food', zh: '功能食品', en: 'functional food', alt: ['功能性食品', '保健食品', 'health food'] },
  { field: 'food', zh: '植物基', en: 'plant-based', alt: ['植物基食品', 'plant-based food'] },
  { field: 'food', zh: '植物肉', en: 'plant-based meat', alt: ['人造肉', '素肉', 'meat analogue', 'meat analog', 'meat substitute'] },
  { field: 'food', zh: '货架期', en: 'shelf life', alt: ['保质期'] },
  { field: 'food', zh: '非热杀菌', en: 'non-thermal sterilization', alt: ['冷杀菌', 'non-thermal pasteurization', 'non-thermal pasteurisation', 'non-thermal processing'] },
  { field: 'food', zh: '预制菜', en: 'ready meal', alt: ['预制食品', '半成品菜', 'prepared dish', 'pre-made dish'] },
  { field: 'food', zh: '代糖', en: 'sugar substitute', alt: ['甜味剂', 'sweetener'] },
  { field: 'food', zh: '阿洛酮糖', en: 'allulose', alt: ['psicose'] },
  { field: 'food', zh: '快速检测', en: 'rapid testing', alt: ['快检', 'rapid test', 'rapid detection'] },
  { field: 'food', zh: '农药残留', en: 'pesticide residue', alt: ['农残'] },
  // 化学化工
  { field: 'chemical', zh: '催化剂', en: 'catalyst' },
  { field: 'chemical', zh: '分离膜', en: 'separation membrane', alt: ['膜分离', 'membrane separation'] },
  { field: 'chemical', zh: '精细化工', en: 'fine chemicals' },
  { field: 'chemical', zh: '可降解塑料', en: 'biodegradable plastic', alt: ['生物降解塑料', '可降解材料', 'biodegradable material', 'bioplastic'] },
  { field: 'chemical', zh: '涂料', en: 'paint' },
  { field: 'chemical', zh: '萃取', en: 'extraction', alt: ['提取'] },
  { field: 'chemical', zh: '丙烷脱氢', en: 'propane dehydrogenation', alt: ['pdh'] },
  { field: 'chemical', zh: '加氢', en: 'hydrogenation', alt: ['催化加氢'] },
  { field: 'chemical', zh: '电子化学品', en: 'electronic chemicals', alt: ['湿电子化学品', '电子级化学品', 'wet electronic chemicals', 'electronic-grade chemicals'] },
  { field: 'chemical', zh: '光刻胶', en: 'photoresist', alt: ['抗蚀剂'] },
  { field: 'chemical', zh: '化学机械抛光', en: 'chemical mechanical polishing', alt: ['cmp'] },
  { field: 'chemical', zh: '微反应器', en: 'microreactor', alt: ['微通道反应器', 'microchannel reactor', 'micro-reactor'] },
  { field: 'chemical', zh: '连续流', en: 'continuous flow', alt: ['连续流工艺', '连续化', 'flow chemistry', 'continuous process', 'continuous manufacturing'] },
  { field: 'chemical', zh: '煤化工', en: 'coal chemical industry', alt: ['现代煤化工', 'coal chemical'] },
  { field: 'chemical', zh: '费托合成', en: 'fischer-tropsch synthesis', alt: ['fischer-tropsch', 'ft synthesis'] },
  { field: 'chemical', zh: '锂盐', en: 'lithium salt' },
  { field: 'chemical', zh: '双氟磺酰亚胺锂', en: 'lithium bis(fluorosulfonyl)imide', alt: ['lifsi'] },
  // 建筑与土木工程
  { field: 'construction', zh: '装配式建筑', en: 'prefabricated building', alt: ['预制装配式建筑', 'prefabricated construction'] },
  { field: 'construction', zh: '混凝土', en: 'concrete' },
  { field: 'construction', zh: '隧道', en: 'tunnel' },
  { field: 'construction', zh: '桥梁', en: 'bridge' },
  { field: 'construction', zh: '建筑信息模型', en: 'building information modeling', alt: ['bim', 'building information modelling'] },
  { field: 'construction', zh: '抗震', en: 'seismic' },
  { field: 'construction', zh: '预制构件', en: 'precast component', alt: ['预制件', 'precast element', 'prefabricated component'] },
  { field: 'construction', zh: '钢结构', en: 'steel structure', alt: ['钢构', 'steel construction'] },
  { field: 'construction', zh: '超高性能混凝土', en: 'ultra-high performance concrete', alt: ['uhpc'] },
  { field: 'construction', zh: '低碳水泥', en: 'low-carbon cement', alt: ['低熟料水泥', 'low-clinker cement'] },
  { field: 'construction', zh: '结构健康监测', en: 'structural health monitoring', alt: ['结构监测', 'structural monitoring', 'shm'] },
  { field: 'construction', zh: '光纤光栅', en: 'fiber bragg grating', alt: ['fbg', '光纤布拉格光栅', 'fibre bragg grating'] },
  { field: 'construction', zh: '智能建造', en: 'smart construction', alt: ['智慧建造', 'intelligent construction'] },
  { field: 'construction', zh: '智慧工地', en: 'smart construction site', alt: ['智能工地', 'smart site'] },
  { field: 'construction', zh: '建筑节能', en: 'building energy efficiency', alt: ['建筑能效', '节能建筑', 'building energy saving', 'energy-efficient building'] },
  { field: 'construction', zh: '相变材料', en: 'phase change material', alt: ['相变储能材料', 'pcm'] },
  // 交通运输
  { field: 'transportation', zh: '轨道交通', en: 'rail transit' },
  { field: 'transportation', zh: '智能交通', en: 'intelligent transportation', alt: ['智慧交通', 'smart transportation', 'intelligent transportation system'] },
  { field: 'transportation', zh: '物流', en: 'logistics' },
  { field: 'transportation', zh: '车联网', en: 'vehicle networking', alt: ['v2x'] },
  { field: 'transportation', zh: '高速铁路', en: 'high-speed rail', alt: ['高铁', 'hsr'] },
  { field: 'transportation', zh: '地铁', en: 'metro', alt: ['城市地铁', 'subway'] },
  { field: 'transportation', zh: '钢轨探伤', en: 'rail flaw detection', alt: ['钢轨检测', '轨道探伤', 'rail inspection'] },
  { field: 'transportation', zh: '车路协同', en: 'vehicle-infrastructure cooperation', alt: ['cooperative vehicle-infrastructure system', 'vehicle-road cooperation'] },
  { field: 'transportation', zh: '交通信号控制', en: 'traffic signal control', alt: ['信号灯控制', '信号配时', 'traffic light control', 'signal timing'] },
  { field: 'transportation', zh: '沥青', en: 'asphalt', alt: ['bitumen'] },
  { field: 'transportation', zh: '道路养护', en: 'road maintenance', alt: ['公路养护', '路面养护', 'pavement maintenance', 'highway maintenance'] },
  { field: 'transportation', zh: '无人配送', en: 'autonomous delivery', alt: ['无人配送车', '配送机器人', 'unmanned delivery', 'delivery robot', 'autonomous delivery vehicle'] },
  { field: 'transportation', zh: '路径优化', en: 'route optimization', alt: ['路线优化', '车辆路径优化', 'route optimisation', 'vehicle routing'] },
  // 光电与激光
  { field: 'optoelectronics', zh: '激光', en: 'laser' },
  { field: 'optoelectronics', zh: '光纤', en: 'optical fiber', alt: ['optical fibre', 'fiber optic', 'fibre optic'] },
  { field: 'optoelectronics', zh: '显示面板', en: 'display panel' },
  { field: 'optoelectronics', zh: '发光二极管', en: 'light-emitting diode', alt: ['led'] },
  { field: 'optoelectronics', zh: '红外', en: 'infrared' },
  { field: 'optoelectronics', zh: '光学镜头', en: 'optical lens' },
  { field: 'optoelectronics', zh: '光纤激光器', en: 'fiber laser', alt: ['fibre laser'] },
  { field: 'optoelectronics', zh: '超快激光', en: 'ultrafast laser', alt: ['超快激光器'] },
  { field: 'optoelectronics', zh: '巨量转移', en: 'mass transfer' },
  { field: 'optoelectronics', zh: '量子点', en: 'quantum dot' },
  { field: 'optoelectronics', zh: '调频连续波', en: 'frequency-modulated continuous wave', alt: ['fmcw'] },
  { field: 'optoelectronics', zh: '单光子雪崩二极管', en: 'single-photon avalanche diode', alt: ['spad'] },
  { field: 'optoelectronics', zh: '硅光', en: 'silicon photonics', alt: ['硅光子', '硅基光电子'] },
  { field: 'optoelectronics', zh: '光模块', en: 'optical module', alt: ['光收发模块', 'optical transceiver'] },
  { field: 'optoelectronics', zh: '共封装光学', en: 'co-packaged optics', alt: ['光电共封装', 'cpo'] },
  { field: 'optoelectronics', zh: '热成像', en: 'thermal imaging', alt: ['红外热成像', '热像仪', 'thermography', 'thermal camera', 'thermal imager'] },
  { field: 'optoelectronics', zh: '光学气体成像', en: 'optical gas imaging', alt: ['气体成像', 'ogi', 'gas imaging'] },
  // 数字创意
  { field: 'digital-creative', zh: '虚拟现实', en: 'virtual reality', alt: ['vr'] },
  { field: 'digital-creative', zh: '增强现实', en: 'augmented reality', alt: ['ar'] },
  { field: 'digital-creative', zh: '动画', en: 'animation' },
  { field: 'digital-creative', zh: '游戏引擎', en: 'game engine' },
  { field: 'digital-creative', zh: '数字人', en: 'digital human', alt: ['虚拟人', 'virtual human', 'virtual avatar'] },
  { field: 'digital-creative', zh: '元宇宙', en: 'metaverse' },
  { field: 'digital-creative', zh: '虚拟主播', en: 'virtual streamer', alt: ['数字主播', 'virtual anchor', 'vtuber'] },
  { field: 'digital-creative', zh: '动作捕捉', en: 'motion capture', alt: ['动捕', 'mocap'] },
  { field: 'digital-creative', zh: '三维重建', en: '3d reconstruction', alt: ['3d重建'] },
  { field: 'digital-creative', zh: '文化遗产', en: 'cultural heritage', alt: ['文物', '文博', 'cultural relic'] },
  { field: 'digital-creative', zh: '生成式人工智能', en: 'generative ai', alt: ['aigc', '生成式ai', 'ai生成内容', 'ai-generated content'] },
  { field: 'digital-creative', zh: '数字水印', en: 'digital watermark', alt: ['水印', 'watermark', 'watermarking'] },
  { field: 'digital-creative', zh: '扩展现实', en: 'extended reality', alt: ['xr'] },
  { field: 'digital-creative', zh: '光波导', en: 'optical waveguide', alt: ['波导', 'waveguide'] },
  // 现场说法: how people on a shop floor, a farm or a plant describe a failure, next to its
  // technical name (a demand written without keywords says 起层, the listing says 分层).
  { field: 'new-materials', zh: '分层', en: 'delamination', alt: ['起层', '层间剥离', 'interlaminar separation'] },
  { field: 'new-materials', zh: '脱粘', en: 'debonding', alt: ['没粘牢', '粘不牢', '脱胶', '粘接失效', 'disbond', 'bond failure'] },
  { field: 'new-materials', zh: '敲击检测', en: 'tap testing', alt: ['小锤敲', '敲击法', 'coin tap', 'tap test'] },
  { field: 'new-materials', zh: '涂层起泡', en: 'coating blistering', alt: ['起泡', '鼓泡', '起皮', '掉漆', 'paint blistering', 'paint peeling'] },
  { field: 'new-materials', zh: '黄变', en: 'yellowing', alt: ['发黄', '变黄'] },
  { field: 'new-materials', zh: '结垢', en: 'scaling', alt: ['水垢', '结水垢', 'fouling'] },
  { field: 'advanced-manufacturing', zh: '焊接变形', en: 'welding distortion', alt: ['焊后变形', '焊完变形', 'weld distortion'] },
  { field: 'advanced-manufacturing', zh: '异响', en: 'abnormal noise', alt: ['噪音大', 'rattling noise'] },
  { field: 'advanced-manufacturing', zh: '磨损', en: 'wear', alt: ['磨坏', '磨得快'] },
  { field: 'agriculture', zh: '连作障碍', en: 'continuous cropping obstacle', alt: ['重茬', '地种乏了', 'replant disease', 'soil sickness'] },
  { field: 'agriculture', zh: '根腐病', en: 'root rot', alt: ['烂根'] },
  { field: 'agriculture', zh: '土壤板结', en: 'soil compaction', alt: ['板结', '土硬'] },
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
