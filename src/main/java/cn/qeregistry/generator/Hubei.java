package cn.qeregistry.generator;

import java.util.List;

/**
 * Reference data of the synthetic province: the 17 市州 of Hubei with some of their counties
 * (domain.md §4), GB/T 4754-2017 industry classes, and the word stock firm and person names are
 * made from. Synthetic-data vocabulary only; no business rule lives here.
 */
final class Hubei {

    private Hubei() {
    }

    /** A 市州: its code, full name, short name used in firm names, weight by firm count, county codes and names. */
    record Prefecture(String code, String name, String shortName, double weight, List<County> counties) {
    }

    record County(String code, String name) {
    }

    static final List<Prefecture> PREFECTURES = List.of(
            new Prefecture("420100", "武汉市", "武汉", 34, counties(
                    "420102 江岸区", "420103 江汉区", "420104 硚口区", "420105 汉阳区", "420106 武昌区", "420107 青山区",
                    "420111 洪山区", "420112 东西湖区", "420113 汉南区", "420114 蔡甸区", "420115 江夏区", "420116 黄陂区",
                    "420117 新洲区")),
            new Prefecture("420200", "黄石市", "黄石", 4, counties("420202 黄石港区", "420203 西塞山区", "420204 下陆区",
                    "420205 铁山区", "420222 阳新县", "420281 大冶市")),
            new Prefecture("420300", "十堰市", "十堰", 4, counties("420302 茅箭区", "420303 张湾区", "420304 郧阳区",
                    "420322 郧西县", "420323 竹山县", "420381 丹江口市")),
            new Prefecture("420500", "宜昌市", "宜昌", 8, counties("420502 西陵区", "420503 伍家岗区", "420505 猇亭区",
                    "420506 夷陵区", "420528 长阳土家族自治县", "420581 宜都市", "420582 当阳市", "420583 枝江市")),
            new Prefecture("420600", "襄阳市", "襄阳", 8, counties("420602 襄城区", "420606 樊城区", "420607 襄州区",
                    "420624 南漳县", "420625 谷城县", "420682 老河口市", "420683 枣阳市", "420684 宜城市")),
            new Prefecture("420700", "鄂州市", "鄂州", 2, counties("420702 梁子湖区", "420703 华容区", "420704 鄂城区")),
            new Prefecture("420800", "荆门市", "荆门", 4, counties("420802 东宝区", "420804 掇刀区", "420822 沙洋县",
                    "420881 钟祥市", "420882 京山市")),
            new Prefecture("420900", "孝感市", "孝感", 5, counties("420902 孝南区", "420921 孝昌县", "420922 大悟县",
                    "420923 云梦县", "420981 应城市", "420982 安陆市", "420984 汉川市")),
            new Prefecture("421000", "荆州市", "荆州", 5, counties("421002 沙市区", "421003 荆州区", "421022 公安县",
                    "421024 江陵县", "421081 石首市", "421083 洪湖市", "421087 松滋市", "421088 监利市")),
            new Prefecture("421100", "黄冈市", "黄冈", 5, counties("421102 黄州区", "421121 团风县", "421122 红安县",
                    "421125 浠水县", "421126 蕲春县", "421127 黄梅县", "421181 麻城市", "421182 武穴市")),
            new Prefecture("421200", "咸宁市", "咸宁", 3, counties("421202 咸安区", "421221 嘉鱼县", "421222 通城县",
                    "421223 崇阳县", "421224 通山县", "421281 赤壁市")),
            new Prefecture("421300", "随州市", "随州", 2.5, counties("421303 曾都区", "421321 随县", "421381 广水市")),
            new Prefecture("422800", "恩施土家族苗族自治州", "恩施", 2.5, counties("422801 恩施市", "422802 利川市",
                    "422822 建始县", "422823 巴东县", "422825 宣恩县", "422826 咸丰县", "422827 来凤县", "422828 鹤峰县")),
            new Prefecture("429004", "仙桃市", "仙桃", 1.5, counties("429004 仙桃市")),
            new Prefecture("429005", "潜江市", "潜江", 1.3, counties("429005 潜江市")),
            new Prefecture("429006", "天门市", "天门", 1.2, counties("429006 天门市")),
            new Prefecture("429021", "神农架林区", "神农架", 0.2, counties("429021 神农架林区")));

    private static List<County> counties(String... entries) {
        return java.util.Arrays.stream(entries).map(e -> new County(e.substring(0, 6), e.substring(7))).toList();
    }

    static final double[] PREFECTURE_WEIGHTS = PREFECTURES.stream().mapToDouble(Prefecture::weight).toArray();

    /** An industry class with the word it puts into firm names. */
    record Industry(String code, String word) {
        boolean manufacturing() {
            if (code.charAt(0) != 'C') {
                return false;
            }
            int division = Integer.parseInt(code.substring(1, 3));
            return division >= 13 && division <= 43;
        }
    }

    static final List<Industry> MANUFACTURING = List.of(
            new Industry("C1391", "食品"), new Industry("C1512", "酒业"), new Industry("C1761", "纺织"),
            new Industry("C2231", "纸业"), new Industry("C2614", "化工"), new Industry("C2662", "新材料"),
            new Industry("C2710", "药业"), new Industry("C2720", "生物医药"), new Industry("C2770", "医疗器械"),
            new Industry("C2922", "塑胶"), new Industry("C3021", "水泥制品"), new Industry("C3051", "光纤"),
            new Industry("C3120", "钢铁"), new Industry("C3311", "钢结构"), new Industry("C3421", "机床"),
            new Industry("C3441", "泵阀"), new Industry("C3484", "精密机械"), new Industry("C3511", "矿山机械"),
            new Industry("C3562", "电子专用设备"), new Industry("C3581", "医疗设备"), new Industry("C3610", "汽车"),
            new Industry("C3660", "汽车电子"), new Industry("C3670", "汽车零部件"), new Industry("C3716", "轨道交通装备"),
            new Industry("C3741", "航空科技"), new Industry("C3811", "电机"), new Industry("C3841", "锂电"),
            new Industry("C3842", "储能科技"), new Industry("C3871", "光电科技"), new Industry("C3921", "通信设备"),
            new Industry("C3963", "智能装备"), new Industry("C3972", "半导体"), new Industry("C3976", "光电子"),
            new Industry("C3982", "电子元件"), new Industry("C4011", "仪器仪表"), new Industry("C4028", "传感技术"),
            new Industry("C4190", "实业"), new Industry("C4330", "设备维修"));

    static final List<Industry> OTHER = List.of(
            new Industry("F5179", "商贸"), new Industry("F5261", "电子商务"), new Industry("I6513", "软件"),
            new Industry("I6531", "信息技术"), new Industry("M7320", "技术研究"), new Industry("M7512", "科技发展"),
            new Industry("E4813", "建设工程"), new Industry("G5430", "物流"), new Industry("L7212", "投资"),
            new Industry("D4411", "能源"));

    static final String[] BRAND_FIRST = ("华 长 楚 荆 汉 东 光 三 金 宏 恒 瑞 新 天 博 鼎 锐 凯 中 海 联 立 德 信 "
            + "安 盛 嘉 远 泰 鸿 亿 正 科 聚 精 航 卓 睿 启 明 晟 昌 裕 达 通 铭 骏 润 兴 永").split(" ");
    static final String[] BRAND_SECOND = ("中 江 天 楚 达 风 谷 峡 龙 泰 信 丰 华 成 远 盛 科 迪 联 达 创 德 诚 "
            + "源 辉 邦 宇 驰 拓 越 航 锦 晖 腾 瑞 阳 森 川 峰 新 力 特 维 普 益 康 顺 合 胜 捷").split(" ");

    static final String[] SURNAMES = ("王 李 张 刘 陈 杨 黄 赵 吴 周 徐 孙 马 朱 胡 郭 何 高 林 罗 郑 梁 谢 宋 唐 "
            + "许 韩 冯 邓 曹 彭 曾 肖 田 董 袁 潘 于 蒋 蔡 余 杜 叶 程 苏 魏 吕 丁 任 沈 姚 卢 姜 崔 钟 谭 陆 汪 范 金 石 廖 贾 夏 韦 付 方 白 邹 孟 熊 秦 邱 江 尹 薛 闫 段 雷 侯 龙 史 黎 贺 顾 毛 郝 龚 邵 万 覃 武").split(" ");
    static final String[] GIVEN = ("伟 芳 娜 敏 静 丽 强 磊 军 洋 勇 艳 杰 娟 涛 明 超 秀 霞 平 刚 桂 英 华 "
            + "辉 鹏 建 国 红 志 文 斌 宇 浩 凯 健 俊 帆 帅 旭 宁 龙 林 欣 飞 颖 玲 晶 波 亮 峰 婷 雪 琳 春 晨 博 鑫 然 亚 宏 海 东 波").split(" ");
    /** Characters outside GBK (CJK Ext-A 䶮 and Ext-B 𬌗): GB18030 encodes them, GBK cannot. */
    static final String[] RARE_GIVEN = {"䶮", "𬌗", "𠀾", "㛃"};

    static final String[] ROADS = ("珞喻路 光谷大道 关山大道 高新大道 雄楚大道 解放大道 发展大道 金融港路 东湖路 "
            + "长江路 汉江路 建设路 人民路 工业园路 经济开发区大道 沿江大道 民族路 新华路 青年路 科技路").split(" ");
    static final String[] PRODUCTS = ("光纤预制棒 汽车转向系统 数控机床 锂电池隔膜 医用导管 工业机器人减速器 "
            + "激光切割设备 特种光纤 变速箱齿轮 生物疫苗 高端轴承 精密铸件 传感器芯片 储能电池 显示面板 "
            + "磷化工产品 轨道车辆配件 电力电缆 液压元件 智能仪表").split(" ");
}
