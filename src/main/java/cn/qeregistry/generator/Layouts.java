package cn.qeregistry.generator;

import java.time.LocalDate;
import java.util.List;

/**
 * File names, sheet names and headers of the five feeds (CONTRACTS.md "Generator output"), with
 * the header aliases some departments use. Column positions are the same in every variant.
 */
final class Layouts {

    private Layouts() {
    }

    static final String REJECT_BAD_CHECK = "BAD_CHECK_CHARACTER";
    static final String REJECT_MISSING = "MISSING_REQUIRED";
    static final String REJECT_NUMBER = "UNPARSEABLE_NUMBER";
    static final String REJECT_DATE = "UNPARSEABLE_DATE";
    static final String REJECT_ENUM = "INVALID_ENUM";

    static final List<String> MARKET = List.of("统一社会信用代码", "企业名称", "法定代表人", "企业类型", "登记状态", "成立日期",
            "注册资本(万元)", "行业代码", "登记机关", "住所", "所属区划代码", "列入经营异常名录", "列入严重违法失信名单");
    static final int M_CODE = 0, M_NAME = 1, M_STATUS = 4, M_ESTABLISHED = 5;

    static final int T_CODE = 0, T_NAME = 1, T_YEAR = 2, T_REVENUE = 3, T_MAIN = 4, T_RD = 5, T_GRADE = 9;

    /** The tax header; the oldest year's file uses the aliases 单位名称 and 年份. */
    static List<String> tax(String unit, boolean aliases) {
        return List.of("纳税人识别号", aliases ? "单位名称" : "纳税人名称", aliases ? "年份" : "所属年度",
                "营业收入(" + unit + ")", "主营业务收入(" + unit + ")", "研发费用(" + unit + ")", "资产总额(" + unit + ")",
                "负债总额(" + unit + ")", "纳税总额(" + unit + ")", "纳税信用级别");
    }

    static String taxTitle(int year) {
        return "湖北省税务局 " + year + "年度企业纳税及财务信息";
    }

    static final List<String> SCIENCE = List.of("社会信用代码", "企业名称", "高新技术企业证书编号", "高企发证日期", "高企有效期至",
            "科技型中小企业入库编号", "I类知识产权数", "发明专利数", "研发人员数", "职工总数", "省级及以上研发机构");
    static final int S_CODE = 0, S_VALID_UNTIL = 4, S_IP = 6, S_RD_STAFF = 8;

    static final List<String> FINANCE = List.of("统一代码", "企业名称", "年份", "上市状态", "股票代码", "股权融资额(万元)");
    static final int F_YEAR = 2, F_STATUS = 3, F_AMOUNT = 5;

    static final String EXCHANGE_HEADER = "uscc,name,fiscal_year,listing_status,stock_code,equity_financing_wan,updated_at";

    static final List<String> REGISTRY = List.of("统一社会信用代码", "企业名称", "梯度层级", "级别", "认定年度", "批次", "有效期至",
            "所属市州", "主导产品");
    static final int R_TIER = 2, R_VALID_UNTIL = 6;

    static final String SCIENCE_SHEET = "科技型企业";
    static final String FINANCE_SHEET = "股权融资";
    static final String REGISTRY_SHEET = "梯度培育库";

    static String marketFile(LocalDate date) {
        return "market-" + date + ".csv";
    }

    static String taxFile(int year) {
        return "tax-" + year + ".xlsx";
    }

    static String taxSheet(int year) {
        return year + "年度";
    }

    static String scienceFile(LocalDate date, boolean legacy) {
        return "science-" + date + (legacy ? ".xls" : ".xlsx");
    }

    static String financeFile(LocalDate date) {
        return "finance-" + date + ".xlsx";
    }

    static String registryFile(LocalDate date) {
        return "registry-" + date + ".xlsx";
    }
}
