// Hand-written word lists behind entity suggestions, from general knowledge of Chinese
// names, titles, places and institutions; never extracted from an evaluation set, which
// would measure memory, not the method. The stop lists (NOT_PERSON, NOT_PLACE, NOT_ORG_WORDS,
// GENERIC_PLACE_WORDS …) hold generic words nodejieba mis-tags as names (卫星 and 高水平 as
// persons, 城市 and 满意度 as places), some of them seen in errors on pd-ner dev and on the
// seeds; they must never hold an entity name. Expect to extend them: jieba's dictionary tags
// many more ordinary words nr/ns/nt than any list holds.

// Surnames live with the model: credits, fused authors and padded names need them too.
export { SURNAMES, COMPOUND_SURNAMES } from '../model/surnames';

/**
 * Characters of transliterated foreign names (克林顿, 卡洛斯·阿马特). A name made only of these,
 * or two runs of them around `·`, reads as a foreign person's name.
 */
export const TRANSLITERATION: ReadonlySet<string> = new Set(
  Array.from(
    '阿艾爱安昂奥澳巴芭拜顿班邦保鲍贝本比彼毕庇波伯勃博布查达黛戴丹道德登迪狄蒂丁东杜敦多厄恩尔法凡范菲斐费芬丰冯佛夫弗福盖甘冈戈哥格根贡古瓜圭哈海亥汉豪赫黑亨洪胡华怀霍基吉加迦贾杰捷金卡凯坎康考柯科克肯库夸奎昆拉腊莱赖兰朗劳勒雷蕾黎里理莉利丽廉列林琳玲隆卢鲁陆路露伦罗洛玛马迈麦曼梅蒙米密明缪摩莫默姆穆纳娜乃奈南内妮尼纽努诺欧帕派潘佩彭皮珀普齐奇琪契恰乔切钦琼丘萨塞赛桑瑟森沙莎山尚舍申圣施什史舒斯丝松苏索塔泰坦汤唐特提图托瓦万威韦维温文沃乌武西希锡席夏谢辛休雅亚扬耶叶伊依因英尤于约泽扎詹兹茨佐',
  ),
);

/** Middle dots that join the parts of a transliterated name. */
export const NAME_DOTS: ReadonlySet<string> = new Set(['·', '・', '•', '‧', '．']);

/**
 * Titles and positions that introduce a person's name: `市委书记安伟`, `区长陈红民`,
 * `副市长`, `国务院副总理李岚清`. Matched as the whole segmenter word or as its end
 * (`司法部长` ends with 部长), never inside a longer word (委员会 is not 委员).
 */
export const TITLES: readonly string[] = [
  // party and government
  '总书记', '书记', '副书记', '常委', '委员', '代表', '主席', '副主席', '主任', '副主任', '秘书长', '部长', '副部长',
  '省长', '副省长', '市长', '副市长', '区长', '副区长', '县长', '副县长', '镇长', '乡长', '村长', '州长', '局长',
  '副局长', '厅长', '处长', '科长', '署长', '司长', '总理', '副总理', '总统', '副总统', '首相', '外长', '大臣', '议长',
  '议员', '大使', '公使', '领事', '特使', '发言人', '检察长', '庭长', '审判长', '法官', '组长', '主委', '党组书记',
  '巡视员', '调研员', '专员', '干事', '理事长', '会长', '副会长', '社长', '站长', '所长', '院长', '副院长', '馆长',
  '校长', '副校长', '行长', '主编', '总编', '总编辑', '台长',
  // business
  '董事长', '副董事长', '董事', '总经理', '副总经理', '经理', '总裁', '副总裁', '厂长', '副厂长', '总工程师', '工程师',
  '创始人', '负责人', '合伙人', '店长',
  // academic, arts, sport, army
  '教授', '副教授', '院士', '研究员', '博士', '讲师', '教师', '老师', '医生', '医师', '护士长', '主治医师', '教练',
  '主教练', '队长', '运动员', '选手', '棋手', '作家', '诗人', '画家', '导演', '演员', '歌手', '司令', '司令员',
  '政委', '将军', '上将', '中将', '少将', '大校', '上校', '团长', '营长', '连长', '排长', '班长', '师长', '军长', '参谋长',
  // a person's standing in a story
  '民警', '警官', '律师', '志愿者', '村民', '居民', '市民', '党员', '支书', '第一书记', '网格员', '农民', '工人', '职工',
  '员工', '同学', '学生', '家长',
];

/** Words after a name that mark it as a person: `贺龙同志`, `李培之同志`. */
export const POST_NAME_TITLES: readonly string[] = ['同志', '先生', '女士', '老师', '教授', '院士', '书记', '主任'];

/**
 * Organisation heads: a segmenter word that ends an organisation's name after a place
 * (`郑州` + `市委`, `管城回族区` + `人大常委会`). Checked as whole words first; the
 * single-character heads (局, 厅, 委 …) only end words the segmenter tags as nouns.
 */
export const ORG_HEAD_WORDS: ReadonlySet<string> = new Set([
  '市委', '省委', '区委', '县委', '州委', '镇委', '乡委', '党委', '党组', '党工委', '纪委', '监委', '政法委', '宣传部',
  '组织部', '统战部', '政府', '人民政府', '人大', '人大常委会', '常委会', '政协', '委员会', '管委会', '居委会', '村委会',
  '总工会', '工会', '团委', '妇联', '共青团', '日报', '晚报', '晨报', '商报', '都市报', '时报', '集团', '公司', '有限公司', '股份公司', '集团公司', '大学', '学院', '中学',
  '小学', '幼儿园', '医院', '人民医院', '中心医院', '卫生院', '银行', '研究所', '研究院', '科学院', '设计院', '协会',
  '学会', '商会', '基金会', '联合会', '法院', '人民法院', '检察院', '人民检察院', '公安局', '公安厅', '派出所', '办公室',
  '办公厅', '总局', '分局', '管理局', '发改委', '教育局', '财政局', '城管局', '交通局', '卫健委', '日报社', '报社',
  '电视台', '广播电台', '出版社', '博物馆', '图书馆', '纪念馆', '科技馆', '体育馆', '国务院', '军区', '武警',
  '支队', '大队', '中队', '消防队', '代表团', '足球队', '篮球队', '排球队', '俱乐部', '队', '女队', '男队', '国家队', '合作社', '事务所',
]);

/** Single-character endings of an organisation word the segmenter made (`公安局`, `社治委`, `外交部`). */
export const ORG_HEAD_CHARS: ReadonlySet<string> = new Set(['局', '厅', '委', '署', '办', '院', '部', '所', '社', '馆', '队']);

/** Administrative units between a place and an organisation head: `郑州` `市` `公安局`. */
export const ADMIN_UNITS: ReadonlySet<string> = new Set(['省', '市', '区', '县', '州', '镇', '乡', '村', '盟', '旗']);

/** Endings that make a place of the proper name before them: `金水` + `区`, `贾鲁` + `河`. */
export const PLACE_SUFFIXES: ReadonlySet<string> = new Set([
  '省', '市', '区', '县', '州', '镇', '乡', '村', '路', '街', '道', '河', '江', '湖', '山', '岛', '湾', '港', '峰', '岭',
  '峡', '城', '园', '桥', '寺', '庄', '营', '屯', '堡', '关', '口', '洲', '海', '谷', '塔', '宫', '陵', '门',
]);

/** Multi-character place endings: `郑东` + `新区`, `中州` + `大道`. */
export const PLACE_SUFFIX_WORDS: ReadonlySet<string> = new Set([
  '新区', '大道', '大街', '广场', '公园', '水库', '开发区', '高新区', '自治区', '自治州', '自治县', '街道', '社区', '景区',
  '古镇', '机场', '车站', '火车站', '码头', '港区', '园区', '科技城', '新城', '湿地', '解放区', '边区', '根据地', '游击区',
  '沦陷区', '国统区', '专区',
]);

/**
 * Generic words ending in a place suffix that name no place: 社区 and 城市 are words, not
 * places. Used when a word ending in 区/市/路 … is considered as a place of its own.
 */
export const GENERIC_PLACE_WORDS: ReadonlySet<string> = new Set([
  '城市', '都市', '城区', '市区', '郊区', '山区', '地区', '社区', '小区', '景区', '园区', '辖区', '片区', '街区', '新区',
  '老区', '灾区', '牧区', '林区', '矿区', '校区', '营区', '开发区', '保护区', '示范区', '试验区', '实验区', '功能区',
  '居民区', '商业区', '风景区', '经济区', '工业区', '生活区', '住宅区', '核心区', '贫困县', '农村', '乡村', '新村', '城乡',
  '城镇', '集镇', '小镇', '县城', '省城', '京城', '名城', '古城', '新城', '卫星城', '公路', '道路', '马路', '铁路', '高速公路',
  '思路', '出路', '道路', '线路', '网路', '大街', '街道', '大道', '河流', '江河', '运河', '内河', '冰山', '火山', '江山',
  '河山', '高山', '深山', '山峰', '高峰', '港口', '海港', '口岸', '关口', '入口', '出口', '路口', '窗口', '人口', '门口',
  '海关', '沿海', '大海', '公园', '广场', '机场', '车站', '码头', '全省', '全市', '全区', '全县', '全镇', '全乡', '全村',
  '本市', '本省', '该市', '该县', '该省', '各省', '各市', '各区', '各县', '外省', '外市', '省市', '市县', '县市', '区县',
  '乡镇', '村镇', '城关', '海峡', '两岸', '彼岸', '对岸', '校园', '家园', '花园', '果园', '庄园', '田园', '乐园', '菜园',
  '陵园', '墓园', '宫殿', '寺庙', '桥梁', '大桥', '村庄', '农庄', '山庄', '山村', '渔村', '海湾', '港湾', '海岛', '岛屿',
  '责任区', '行政区', '行政村', '自然村', '警备区', '密集区', '管辖区', '聚居区', '集中区', '商贸区', '旅游区', '度假区',
  '试点区', '先行区', '安置区', '棚户区', '城中村', '示范村', '文明村', '小康村', '贫困村', '专业村', '重点镇', '中心镇',
  '特色镇', '小城镇', '步行街', '商业街', '美食街', '老街', '环路', '主干路', '边远山区', '贫困地区', '欠发达地区',
  '山谷', '峡谷', '湖泊', '沼泽', '湿地', '平原', '高原', '盆地', '大门', '国门', '城门', '部门', '专门', '热门',
]);

/** Words the segmenter tags as a person (nr …) that are ordinary words: 卫星 is a satellite, 高峰 a peak. */
export const NOT_PERSON: ReadonlySet<string> = new Set([
  '卫星', '祝福', '老总', '纪念章', '殷红', '红树林', '高峰', '黄金', '金牌', '银牌', '铜牌', '石油', '文化', '武术', '明星',
  '宁静', '安康', '华侨', '华人', '史诗', '庄园', '高明', '高价', '高速', '高度', '常规', '平安', '和平', '司令', '司机',
  '马路', '马上', '林业', '林场', '牛奶', '杨柳', '白云', '白雪', '龙头', '金融', '金额', '江山', '江湖', '方向', '方针',
  '程序', '任务', '任命', '周到', '周年', '齐全', '包括', '余地', '许多', '许可', '成功', '成就', '成绩', '时期',
  '时间', '时代', '明确', '明显', '万元', '万人', '关于', '关键', '关系', '关心', '宋体', '景观', '景色', '应当', '应该',
  '夏季', '秋季', '春季', '冬季', '春节', '春风', '秦腔', '殷切', '钟声', '钟表', '柏油', '易经', '易于',
  '马克思主义', '列宁主义', '马列主义', '华文', '华语', '海洋', '海关', '黎明',
  '林立', '林林总总', '温暖', '温馨', '康复', '施工', '尚未', '鲁莽', '米饭', '谷物', '童年', '凌晨', '戴帽',
  '龙舟', '龙灯', '毕业', '季度', '贺信', '贺电', '夏天', '冬天', '秋天', '春天', '安全', '安排', '左右',
  '陆续', '杜绝', '罗列', '葛藤', '艾滋病', '岳父', '岳母', '雷达', '雷电', '骆驼', '高水平', '高素质', '高增值', '付现金',
  '满以为', '田秀才', '土专家', '司令官', '冷不丁', '连理枝', '战三捷', '范围广', '温化寒', '高林密', '惠民', '农家乐',
  '文明', '向心力', '卫生城', '文明城', '园林城', '凝聚力', '战斗力', '生产力', '影响力', '竞争力', '创造力', '高质量',
]);

/** Words the segmenter tags as a place (ns) that name no place of their own. */
export const NOT_PLACE: ReadonlySet<string> = new Set([
  '城市', '藩篱', '中方', '美方', '外方', '双方', '各方', '东方', '西方', '南方', '北方', '内地', '外地',
  '本地', '当地', '各地', '异地', '基地', '山区', '国内', '国外', '海外', '境内', '境外', '全国', '全球', '世界', '天下',
  '中央', '地方', '沿海', '内陆', '边疆', '边境', '乡村', '农村', '城乡', '大陆', '东部', '西部', '南部', '北部', '中部',
  '东北部', '西北部', '东南部', '西南部', '中西部',
  '平安', '太平', '江山', '河山', '山河', '天堂', '人间', '东西', '南北', '中外', '古今', '大江南北',
  '五湖四海', '两国', '海洋', '外国', '大国', '山水', '治安', '黑洞', '海关', '北南', '滑坡', '长达', '西瓜', '普及',
  '回国', '福利', '海港', '冰山', '关联', '城镇', '蒙上', '新建', '山坡', '南国', '大桥', '多极', '馆藏', '古庙', '馆内',
  '海滨', '大山', '美德', '挪窝', '古都', '海湾', '朝野', '上半场', '大城市', '欧元区', '保平安', '百强县', '老城区',
  '两大洲', '加大力度', '兴旺发达', '成人高考', '大中城市', '深山老林', '科教兴国', '港口城市', '半壁江山', '中直机关',
  '各国', '邻国', '本国', '祖国', '异国', '他国', '小国', '强国', '富国', '穷国', '岛国', '盟国', '友邦', '山川',
  '卫国', '惠及', '扎根', '深度', '广度', '高度', '力度', '温度', '进度', '密封', '余本', '东路', '西路', '南路', '北路', '中路', '中华文明', '七国', '上古', '上山', '中断',
  '之列', '之门', '入夏', '入门', '五大洲', '五洲四海', '广大干部', '重大意义', '确保安全', '播撒', '河村',
  '法西斯', '桥头堡', '泽国', '黄水', '入海', '治河', '合龙', '中极',
]);

/** Words the segmenter tags as an organisation (nt) or that end like one (…局, …部) but name no body at all. */
export const NOT_ORG_WORDS: ReadonlySet<string> = new Set([
  '联合公报', '音乐会', '天文学', '中医药', '中南部', '中医学', '国际化', '新格局', '社会科学', '太空飞行', '广大观众',
  '国际原油', '国际石油', '长足进展', '古典文学', '科技开发', '公共财政', '大力开展', '儿童文学', '超级大国', '普通家庭',
  '当局', '大局', '格局', '布局', '结局', '全局', '时局', '政局', '僵局', '残局', '开局', '骗局', '赌局', '饭局', '棋局',
  '终局', '定局', '出局', '主办', '承办', '举办', '创办', '兴办', '协办', '合办', '督办', '查办', '包办', '代办', '申办',
  '筹办', '经办', '试办', '停办', '交办', '部署', '签署', '常委', '编委', '评委', '干部', '村干部', '大部', '全部', '内部',
  '外部', '局部', '上部', '下部', '中部', '东部', '西部', '南部', '北部', '头部', '腹部', '面部', '胸部', '背部', '腰部',
  '部队', '边防部队', '军队', '队伍', '团队', '梯队', '排队', '组队', '插队', '领队', '带队', '归队', '入队', '列队',
  '学院派', '院子', '院落', '庭院', '寺院', '剧院', '影院', '医院里', '场所', '住所', '厕所', '处所', '诊所', '会所',
  '社会', '结社', '报社', '旅社', '公社', '人民公社', '馆藏', '会馆', '宾馆', '旅馆', '饭馆', '茶馆', '餐馆', '照相馆',
]);

/** Words the segmenter tags as an organisation (nt) that are generic, not a named body; they still end a name (郑州 + 公安局). */
export const NOT_ORGANISATION: ReadonlySet<string> = new Set([
  '人民政府', '新政府', '民间组织', '联合公报', '中心', '公司', '集团', '大学', '医院', '银行', '研究所', '委员会',
  '常委会', '人大常委会', '政府机构', '国家机关', '有关部门', '相关部门', '职能部门', '主管部门', '基层组织', '党组织',
  '非政府组织', '国际组织', '工会', '学会', '协会', '基金会', '俱乐部', '出版社', '日报社', '报社', '电视台', '检察院',
  '法院', '派出所', '公安局', '公安机关', '司法机关', '行政机关', '国有企业', '民营企业', '乡镇企业', '外资企业',
  '合资企业', '中小企业', '跨国公司', '子公司', '母公司', '总公司', '分公司', '股份公司', '有限公司', '上市公司',
  '事业单位', '政府部门', '党委', '党支部', '支部', '团支部', '居委会', '村委会', '村委', '管委会', '工作组', '代表团',
  '领导班子', '指挥部', '办公室', '办公厅', '秘书处', '常务委员会', '军队', '部队', '警察局', '消防队', '球队', '国家队',
  '主队', '客队', '中学', '小学', '幼儿园', '学院', '科学院', '研究院', '设计院', '事务所', '合作社', '联合会', '商会',
  '总工会', '妇联', '团委', '人大', '政协', '政法委', '纪委', '监委', '宣传部', '组织部', '统战部', '博物馆', '图书馆',
  '团组织', '音乐会', '天文学', '中医药', '中南部', '中医学', '党委会', '国际化', '新格局', '加油站', '通讯社', '党政机关',
  '社会科学', '太空飞行', '广大观众', '国际原油', '临时政府', '国际石油', '长足进展', '党和政府', '古典文学', '科技开发',
  '中央政府', '中央银行', '公共财政', '大力开展', '儿童文学', '超级大国', '普通家庭', '地方政府', '各级政府', '联合体',
  '国家机构', '政府机关', '群众组织', '社会团体', '学术团体', '文艺团体', '队伍', '考察团', '访问团', '旅游团', '观光团',
  '国际航空', '最大化', '公共场所', '统一安排', '家属院', '大院', '小院', '解放区', '边区', '根据地', '民众团体',
]);

/** Last characters of a word the segmenter tags nr that make it a thing, not a person: 安全性, 许可证, 吉普车. */
export const NOT_PERSON_FINAL: ReadonlySet<string> = new Set(
  Array.from('性证卡车树球带词诗赛雨籍杯章率器剂费价界式型品类案书表单站厂场刊物业机器具药币税款额量度感'),
);

/** Last characters of a word the segmenter tags nr that make it a place: 贾鲁河/nr, 高新区/nr, 伏羲庙/nr. */
export const PERSON_TAGGED_PLACE_ENDINGS: ReadonlySet<string> = new Set(
  Array.from('省市区县镇乡村庄路街河湖堡庙宫寺塔岛港湾峡坡'),
);

/** Last characters of villages and small places: 关家窑, 李家沟, 王家店. */
export const VILLAGE_FINALS: ReadonlySet<string> = new Set(Array.from('窑沟寨店集铺洼峪岗坪墩圩垸畈坝庄营屯堡口'));

/** One-character names of provinces and regions: 冀鲁豫 and 晋察冀 are regions, not persons. */
export const PROVINCE_CHARS: ReadonlySet<string> = new Set(Array.from('冀鲁豫晋陕甘川蜀滇黔湘鄂皖苏浙闽赣粤桂琼辽吉黑蒙宁青新藏渝沪津京察绥热'));

/** Generic tails of a place word: 东北地区 is the place 东北, 挪威克朗 a currency of 挪威. */
export const PLACE_WORD_TAILS: readonly string[] = [
  '地区', '各国', '诸国', '流域', '市民', '人民', '地带', '一带', '沿岸', '境内', '全境', '克朗', '卢比', '马克', '法郎',
  '卢布', '比索', '里拉', '人', '籍', '队',
];

/**
 * One-character abbreviations of countries and regions: 中美 and 印巴 are two places, each
 * one character, which suggestions leave out.
 */
export const ABBREVIATION_CHARS: ReadonlySet<string> = new Set(Array.from('中美英法德俄日韩朝印巴以欧澳越泰台港苏非亚'));

/** Words before an organisation that belong to its name: 中共 河北省委, 共青团 衡阳市委. */
export const ORG_PREFIXES: ReadonlySet<string> = new Set(['中共', '共青团', '中国共产党', '民革', '民盟', '民建', '民进', '农工党', '九三学社']);

/** Verbs of saying after a person's name: 克林顿 说. */
export const SPEECH_VERBS: readonly string[] = [
  '说', '表示', '指出', '强调', '认为', '介绍', '告诉', '称', '宣布', '说道', '谈到', '回忆', '坦言', '透露',
  '笑着说', '声称', '答道', '问道',
];

/** Single characters that do not end a three-character name: `何雄在`, `张三说`. */
export const NOT_NAME_FINAL: ReadonlySet<string> = new Set(
  Array.from('在和与及说等对向为到将同率的了着又还已曾则即被把让给从会要来去也就都是并而或但曾称指讲表示带听看到作任出主'),
);

/** Part-of-speech tags of a surname the segmenter left alone that rule out a name: 向/p 大会, 于/p 会上. */
export const NOT_SURNAME_TAGS: ReadonlySet<string> = new Set(['p', 'c', 'u', 'uj', 'ul', 'uz', 'ud', 'ug', 'uv', 'd', 'r', 'm', 'q', 'f', 'y', 'e', 'o']);
