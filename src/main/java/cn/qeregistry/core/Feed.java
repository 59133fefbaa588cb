package cn.qeregistry.core;

import java.util.Arrays;
import java.util.Optional;

/** The five department feeds; the code is the contract name used in paths, mappings and reports. */
public enum Feed {
    MARKET("market", "市场监管局 企业登记信息"),
    TAX("tax", "税务局 企业年度纳税及财务信息"),
    SCIENCE("science", "科技厅 科技型企业信息"),
    FINANCE("finance", "地方金融监管局 上市及股权融资信息"),
    REGISTRY("registry", "经信厅 优质企业梯度培育库名单");

    private final String code;
    private final String label;

    Feed(String code, String label) {
        this.code = code;
        this.label = label;
    }

    public String code() {
        return code;
    }

    public String label() {
        return label;
    }

    public static Optional<Feed> fromCode(String code) {
        return Arrays.stream(values()).filter(f -> f.code.equals(code)).findFirst();
    }
}
