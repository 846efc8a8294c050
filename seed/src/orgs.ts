/**
 * Invented organisations for the demo: names follow real Chinese naming habits (a regional
 * literary name + 理工/科技/工业大学, 中国科学院…研究所, city + 字号 + 行业 + 有限公司) but belong to
 * no real institution.
 */
import type { FieldCode, RegionCode } from '../../search/src/taxonomy';

/** [slug, name zh, name en, region, city zh, city en, strong fields] */
export type SupplierRow = readonly [string, string, string, RegionCode, string, string, readonly FieldCode[]];

export const UNIVERSITIES: readonly SupplierRow[] = [
  ['jhut', '京华理工大学', 'Jinghua University of Technology', '110000', '北京', 'Beijing', ['ai', 'semiconductor', 'aerospace', 'new-materials']],
  ['bcist', '北辰信息科技大学', 'Beichen University of Information Science and Technology', '110000', '北京', 'Beijing', ['ict', 'ai', 'digital-creative', 'optoelectronics']],
  ['jgut', '津沽工业大学', 'Jingu University of Technology', '120000', '天津', 'Tianjin', ['chemical', 'advanced-manufacturing', 'food', 'marine']],
  ['jzust', '冀中科技大学', 'Jizhong University of Science and Technology', '130000', '石家庄', 'Shijiazhuang', ['construction', 'biomedicine', 'agriculture']],
  ['jyut', '晋阳理工大学', 'Jinyang University of Technology', '140000', '太原', 'Taiyuan', ['chemical', 'environment', 'energy-storage', 'new-materials']],
  ['lhpu', '辽海工业大学', 'Liaohai Polytechnic University', '210000', '大连', 'Dalian', ['marine', 'advanced-manufacturing', 'chemical', 'robotics']],
  ['sleu', '松辽工程大学', 'Songliao Engineering University', '220000', '长春', 'Changchun', ['new-energy-vehicles', 'optoelectronics', 'agriculture']],
  ['ljut', '龙江工业大学', 'Longjiang University of Technology', '230000', '哈尔滨', 'Harbin', ['aerospace', 'robotics', 'advanced-manufacturing', 'new-materials']],
  ['sjust', '申江理工大学', 'Shenjiang University of Science and Technology', '310000', '上海', 'Shanghai', ['ai', 'biomedicine', 'medical-devices', 'semiconductor']],
  ['pjou', '浦江海洋大学', 'Pujiang Ocean University', '310000', '上海', 'Shanghai', ['marine', 'food', 'environment']],
  ['scut-js', '石城理工大学', 'Shicheng University of Technology', '320000', '南京', 'Nanjing', ['energy-storage', 'new-materials', 'chemical', 'construction', 'transportation']],
  ['thust', '太湖科技大学', 'Taihu University of Science and Technology', '320000', '无锡', 'Wuxi', ['semiconductor', 'ict', 'environment']],
  ['qtut', '钱塘理工大学', 'Qiantang University of Technology', '330000', '杭州', 'Hangzhou', ['ai', 'ict', 'robotics', 'digital-creative', 'medical-devices']],
  ['yjeu', '甬江工程大学', 'Yongjiang Engineering University', '330000', '宁波', 'Ningbo', ['new-materials', 'marine', 'new-energy-vehicles']],
  ['jhuut', '江淮工业大学', 'Jianghuai University of Technology', '340000', '合肥', 'Hefei', ['new-energy', 'energy-storage', 'new-energy-vehicles', 'ai']],
  ['mhust', '闽海科技大学', 'Minhai University of Science and Technology', '350000', '福州', 'Fuzhou', ['optoelectronics', 'food', 'energy-storage']],
  ['gjut', '赣江理工大学', 'Ganjiang University of Technology', '360000', '南昌', 'Nanchang', ['new-materials', 'energy-storage', 'environment']],
  ['qcust', '泉城科技大学', 'Quancheng University of Science and Technology', '370000', '济南', 'Jinan', ['advanced-manufacturing', 'chemical', 'biomedicine', 'transportation']],
  ['hhou', '黄海海洋大学', 'Huanghai Ocean University', '370000', '青岛', 'Qingdao', ['marine', 'food', 'agriculture', 'new-energy']],
  ['yzut', '豫中理工大学', 'Yuzhong University of Technology', '410000', '郑州', 'Zhengzhou', ['agriculture', 'food', 'construction', 'transportation']],
  ['ctut', '楚天工业大学', 'Chutian University of Technology', '420000', '武汉', 'Wuhan', ['optoelectronics', 'new-energy-vehicles', 'construction', 'biomedicine']],
  ['xjust', '湘江科技大学', 'Xiangjiang University of Science and Technology', '430000', '长沙', 'Changsha', ['transportation', 'advanced-manufacturing', 'new-materials', 'medical-devices']],
  ['zjut-gd', '珠江理工大学', 'Zhujiang University of Technology', '440000', '广州', 'Guangzhou', ['new-energy', 'environment', 'biomedicine', 'food']],
  ['pcust', '鹏城科技大学', 'Pengcheng University of Science and Technology', '440000', '深圳', 'Shenzhen', ['ai', 'robotics', 'semiconductor', 'medical-devices', 'energy-storage']],
  ['byut', '巴渝工业大学', 'Bayu University of Technology', '500000', '重庆', 'Chongqing', ['new-energy-vehicles', 'construction', 'advanced-manufacturing']],
  ['sdut', '蜀都理工大学', 'Shudu University of Technology', '510000', '成都', 'Chengdu', ['aerospace', 'ict', 'biomedicine', 'new-energy']],
  ['qcut', '秦川工业大学', 'Qinchuan University of Technology', '610000', '西安', "Xi'an", ['aerospace', 'new-energy', 'semiconductor', 'optoelectronics']],
  ['lyau', '陇原农业大学', 'Longyuan Agricultural University', '620000', '兰州', 'Lanzhou', ['agriculture', 'environment', 'food']],
  ['ccafu', '春城农林大学', 'Chuncheng University of Agriculture and Forestry', '530000', '昆明', 'Kunming', ['agriculture', 'biomedicine', 'food']],
  ['qhtau', '琼海热带农业大学', 'Qionghai Tropical Agricultural University', '460000', '海口', 'Haikou', ['agriculture', 'marine', 'food']],
];

export const INSTITUTES: readonly SupplierRow[] = [
  ['iam-nc', '中国科学院华北先进材料研究所', 'North China Institute of Advanced Materials, CAS', '110000', '北京', 'Beijing', ['new-materials', 'energy-storage', 'chemical']],
  ['ioe-ec', '中国科学院东海海洋工程研究所', 'East China Sea Institute of Ocean Engineering, CAS', '330000', '舟山', 'Zhoushan', ['marine', 'robotics', 'new-energy']],
  ['iim-nl', '中国科学院南岭智能制造研究所', 'Nanling Institute of Intelligent Manufacturing, CAS', '440000', '东莞', 'Dongguan', ['robotics', 'advanced-manufacturing', 'ai']],
  ['ibt-w', '中国科学院西部生物技术研究所', 'Western Institute of Biotechnology, CAS', '510000', '成都', 'Chengdu', ['biomedicine', 'agriculture', 'food']],
  ['iic-yrd', '中国科学院长三角集成电路研究所', 'Yangtze River Delta Institute of Integrated Circuits, CAS', '320000', '苏州', 'Suzhou', ['semiconductor', 'optoelectronics', 'ict']],
  ['iae-hh', '中国科学院黄淮农业生态研究所', 'Huanghuai Institute of Agro-Ecology, CAS', '410000', '开封', 'Kaifeng', ['agriculture', 'environment']],
  ['ifc-bh', '中国科学院渤海精细化工研究所', 'Bohai Institute of Fine Chemicals, CAS', '210000', '大连', 'Dalian', ['chemical', 'new-energy', 'environment', 'energy-storage']],
  ['cgio', '楚光光电技术研究院', 'Chuguang Institute of Optoelectronic Technology', '420000', '武汉', 'Wuhan', ['optoelectronics', 'semiconductor', 'digital-creative']],
  ['nwari', '西北航空航天技术研究院', 'Northwest Aerospace Technology Research Institute', '610000', '西安', "Xi'an", ['aerospace', 'new-materials', 'advanced-manufacturing']],
  ['jjjai', '京津冀人工智能研究院', 'Beijing-Tianjin-Hebei Institute for Artificial Intelligence', '120000', '天津', 'Tianjin', ['ai', 'ict', 'transportation', 'digital-creative', 'medical-devices']],
  ['scce', '山西煤基清洁能源研究院', 'Shanxi Institute of Coal-based Clean Energy', '140000', '太原', 'Taiyuan', ['chemical', 'new-energy', 'environment']],
  ['sznev', '深圳新能源汽车技术研究院', 'Shenzhen Institute of New Energy Vehicle Technology', '440000', '深圳', 'Shenzhen', ['new-energy-vehicles', 'energy-storage', 'transportation']],
];

/** [slug, name zh, name en, region, city zh, city en, covered regions] */
export type AgencyRow = readonly [string, string, string, RegionCode, string, string, readonly RegionCode[]];

export const AGENCIES: readonly AgencyRow[] = [
  ['bjttc', '首都科技成果转化服务中心', 'Capital Technology Transfer Service Center', '110000', '北京', 'Beijing',
    ['110000', '120000', '130000', '140000', '150000', '210000', '220000', '230000']],
  ['yrdttc', '长三角国际技术转移中心', 'Yangtze River Delta International Technology Transfer Center', '310000', '上海', 'Shanghai',
    ['310000', '320000', '330000', '340000']],
  ['gbattc', '粤港澳大湾区技术转移中心', 'Greater Bay Area Technology Transfer Center', '440000', '深圳', 'Shenzhen',
    ['440000', '450000', '460000', '350000', '360000']],
  ['wcttc', '西部技术转移中心', 'Western China Technology Transfer Center', '510000', '成都', 'Chengdu',
    ['500000', '510000', '520000', '530000', '540000', '610000', '620000', '630000', '640000', '650000']],
  ['cctpc', '中部技术交易促进中心', 'Central China Technology Trading Promotion Center', '420000', '武汉', 'Wuhan',
    ['410000', '420000', '430000', '370000']],
];

/** Industry word of an enterprise name by field: [zh, en]. */
export const INDUSTRY_WORDS: Record<FieldCode, readonly [string, string]> = {
  ai: ['智能科技', 'Intelligent Technology'],
  ict: ['信息技术', 'Information Technology'],
  semiconductor: ['微电子', 'Microelectronics'],
  'new-energy': ['新能源科技', 'New Energy Technology'],
  'energy-storage': ['储能科技', 'Energy Storage Technology'],
  'new-materials': ['新材料', 'Advanced Materials'],
  biomedicine: ['生物医药', 'Biopharmaceutical'],
  'medical-devices': ['医疗器械', 'Medical Devices'],
  'advanced-manufacturing': ['精密机械', 'Precision Machinery'],
  robotics: ['机器人', 'Robotics'],
  'new-energy-vehicles': ['汽车科技', 'Automotive Technology'],
  aerospace: ['航空科技', 'Aviation Technology'],
  marine: ['海洋科技', 'Marine Technology'],
  environment: ['环保科技', 'Environmental Technology'],
  agriculture: ['农业科技', 'Agricultural Technology'],
  food: ['食品', 'Foods'],
  chemical: ['化工', 'Chemicals'],
  construction: ['建设科技', 'Construction Technology'],
  transportation: ['交通科技', 'Transport Technology'],
  optoelectronics: ['光电', 'Photonics'],
  'digital-creative': ['数字科技', 'Digital Technology'],
};

/** [slug (brand pinyin), brand zh, brand en, field, region, city zh, city en] */
export type EnterpriseRow = readonly [string, string, string, FieldCode, RegionCode, string, string];

export const ENTERPRISES: readonly EnterpriseRow[] = [
  ['huatuo', '华拓', 'Huatuo', 'ai', '330000', '杭州', 'Hangzhou'],
  ['ruisi', '锐思', 'Ruisi', 'ai', '440000', '深圳', 'Shenzhen'],
  ['qiming', '启明', 'Qiming', 'ai', '110000', '北京', 'Beijing'],
  ['shulian', '数联', 'Shulian', 'ict', '320000', '南京', 'Nanjing'],
  ['yunfan', '云帆', 'Yunfan', 'ict', '510000', '成都', 'Chengdu'],
  ['rongzhi', '融智', 'Rongzhi', 'ict', '350000', '厦门', 'Xiamen'],
  ['xindong', '芯动', 'Xindong', 'semiconductor', '310000', '上海', 'Shanghai'],
  ['lanxin', '蓝芯', 'Lanxin', 'semiconductor', '320000', '无锡', 'Wuxi'],
  ['jingyao', '晶耀', 'Jingyao', 'semiconductor', '340000', '合肥', 'Hefei'],
  ['hengyuan', '恒源', 'Hengyuan', 'new-energy', '320000', '常州', 'Changzhou'],
  ['qingdong', '氢动', 'Qingdong', 'new-energy', '370000', '潍坊', 'Weifang'],
  ['fenghua', '风华', 'Fenghua', 'new-energy', '150000', '包头', 'Baotou'],
  ['juneng', '聚能', 'Juneng', 'energy-storage', '350000', '宁德', 'Ningde'],
  ['zhongchu', '中储', 'Zhongchu', 'energy-storage', '360000', '宜春', 'Yichun'],
  ['ruisheng', '瑞升', 'Ruisheng', 'energy-storage', '510000', '遂宁', 'Suining'],
  ['dingxin', '鼎新', 'Dingxin', 'new-materials', '330000', '宁波', 'Ningbo'],
  ['panshi', '磐石', 'Panshi', 'new-materials', '320000', '常州', 'Changzhou'],
  ['xinli', '新立', 'Xinli', 'new-materials', '440000', '东莞', 'Dongguan'],
  ['kangtai', '康泰', 'Kangtai', 'biomedicine', '320000', '苏州', 'Suzhou'],
  ['jimin', '济民', 'Jimin', 'biomedicine', '370000', '济南', 'Jinan'],
  ['baichuan', '百川', 'Baichuan', 'biomedicine', '420000', '武汉', 'Wuhan'],
  ['huakang', '华康', 'Huakang', 'medical-devices', '440000', '深圳', 'Shenzhen'],
  ['renhe', '仁和', 'Renhe', 'medical-devices', '330000', '杭州', 'Hangzhou'],
  ['anjie', '安捷', 'Anjie', 'medical-devices', '210000', '沈阳', 'Shenyang'],
  ['jinggong', '精工', 'Jinggong', 'advanced-manufacturing', '210000', '大连', 'Dalian'],
  ['zhufeng', '铸锋', 'Zhufeng', 'advanced-manufacturing', '430000', '株洲', 'Zhuzhou'],
  ['zhengheng', '正衡', 'Zhengheng', 'advanced-manufacturing', '370000', '烟台', 'Yantai'],
  ['zhuorui', '卓锐', 'Zhuorui', 'robotics', '440000', '佛山', 'Foshan'],
  ['boyuan', '博远', 'Boyuan', 'robotics', '340000', '芜湖', 'Wuhu'],
  ['kairui', '凯瑞', 'Kairui', 'robotics', '310000', '上海', 'Shanghai'],
  ['ruichi', '睿驰', 'Ruichi', 'new-energy-vehicles', '500000', '重庆', 'Chongqing'],
  ['jiequ', '捷驱', 'Jiequ', 'new-energy-vehicles', '340000', '合肥', 'Hefei'],
  ['chiyuan', '驰远', 'Chiyuan', 'new-energy-vehicles', '220000', '长春', 'Changchun'],
  ['lingkong', '凌空', 'Lingkong', 'aerospace', '610000', '西安', "Xi'an"],
  ['xiangyu', '翔宇', 'Xiangyu', 'aerospace', '510000', '成都', 'Chengdu'],
  ['yinghai', '瀛海', 'Yinghai', 'marine', '370000', '青岛', 'Qingdao'],
  ['shenlan', '深蓝', 'Shenlan', 'marine', '350000', '福州', 'Fuzhou'],
  ['haina', '海纳', 'Haina', 'marine', '460000', '三亚', 'Sanya'],
  ['qingyuan', '清源', 'Qingyuan', 'environment', '320000', '宜兴', 'Yixing'],
  ['bishui', '碧水', 'Bishui', 'environment', '410000', '郑州', 'Zhengzhou'],
  ['chengyuan', '澄源', 'Chengyuan', 'environment', '650000', '乌鲁木齐', 'Urumqi'],
  ['qinghe', '青禾', 'Qinghe', 'agriculture', '230000', '佳木斯', 'Jiamusi'],
  ['runhe', '润禾', 'Runhe', 'agriculture', '370000', '寿光', 'Shouguang'],
  ['fenggu', '丰谷', 'Fenggu', 'agriculture', '430000', '长沙', 'Changsha'],
  ['weizhen', '味臻', 'Weizhen', 'food', '440000', '广州', 'Guangzhou'],
  ['herun', '禾润', 'Herun', 'food', '410000', '漯河', 'Luohe'],
  ['youshan', '优膳', 'Youshan', 'food', '150000', '呼和浩特', 'Hohhot'],
  ['kehua', '科化', 'Kehua', 'chemical', '370000', '淄博', 'Zibo'],
  ['lianhua', '联化', 'Lianhua', 'chemical', '640000', '宁东', 'Ningdong'],
  ['xinghuo', '星火', 'Xinghuo', 'chemical', '330000', '衢州', 'Quzhou'],
  ['hongzhu', '宏筑', 'Hongzhu', 'construction', '420000', '武汉', 'Wuhan'],
  ['zhuda', '筑达', 'Zhuda', 'construction', '130000', '雄安', 'Xiong’an'],
  ['tianheng', '天衡', 'Tianheng', 'construction', '320000', '南通', 'Nantong'],
  ['zhixing', '智行', 'Zhixing', 'transportation', '330000', '杭州', 'Hangzhou'],
  ['tongqu', '通衢', 'Tongqu', 'transportation', '430000', '长沙', 'Changsha'],
  ['mingguang', '明光', 'Mingguang', 'optoelectronics', '420000', '武汉', 'Wuhan'],
  ['shengda', '盛达', 'Shengda', 'optoelectronics', '350000', '厦门', 'Xiamen'],
  ['yuanhang', '远航', 'Yuanhang', 'optoelectronics', '220000', '长春', 'Changchun'],
  ['huanjing', '幻境', 'Huanjing', 'digital-creative', '110000', '北京', 'Beijing'],
  ['moying', '墨影', 'Moying', 'digital-creative', '430000', '长沙', 'Changsha'],
];

/** Chinese names for demo users: [zh, pinyin]. */
export const SURNAMES: readonly (readonly [string, string])[] = [
  ['王', 'Wang'], ['李', 'Li'], ['张', 'Zhang'], ['刘', 'Liu'], ['陈', 'Chen'], ['杨', 'Yang'], ['赵', 'Zhao'],
  ['黄', 'Huang'], ['周', 'Zhou'], ['吴', 'Wu'], ['徐', 'Xu'], ['孙', 'Sun'], ['胡', 'Hu'], ['朱', 'Zhu'],
  ['高', 'Gao'], ['林', 'Lin'], ['何', 'He'], ['郭', 'Guo'], ['马', 'Ma'], ['罗', 'Luo'], ['梁', 'Liang'],
  ['宋', 'Song'], ['郑', 'Zheng'], ['谢', 'Xie'], ['韩', 'Han'], ['唐', 'Tang'], ['冯', 'Feng'], ['曹', 'Cao'],
];

export const GIVEN_NAMES: readonly (readonly [string, string])[] = [
  ['伟', 'Wei'], ['芳', 'Fang'], ['敏', 'Min'], ['静', 'Jing'], ['磊', 'Lei'], ['洋', 'Yang'], ['艳', 'Yan'],
  ['勇', 'Yong'], ['军', 'Jun'], ['杰', 'Jie'], ['涛', 'Tao'], ['明', 'Ming'], ['超', 'Chao'], ['秀英', 'Xiuying'],
  ['晓东', 'Xiaodong'], ['志强', 'Zhiqiang'], ['海燕', 'Haiyan'], ['建华', 'Jianhua'], ['思远', 'Siyuan'],
  ['雨桐', 'Yutong'], ['子涵', 'Zihan'], ['浩然', 'Haoran'], ['欣怡', 'Xinyi'], ['文博', 'Wenbo'], ['佳琪', 'Jiaqi'],
  ['立新', 'Lixin'], ['国平', 'Guoping'], ['慧敏', 'Huimin'], ['振宇', 'Zhenyu'], ['晨曦', 'Chenxi'],
];
