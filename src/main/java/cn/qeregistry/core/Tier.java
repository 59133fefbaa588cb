package cn.qeregistry.core;

import java.util.Arrays;
import java.util.Optional;

/** The tiers of the quality-enterprise pools (梯度培育库), with their Chinese names. */
public enum Tier {
    INNOVATIVE_SME("创新型中小企业"),
    SRDI_SME("专精特新中小企业"),
    LITTLE_GIANT("专精特新\"小巨人\"企业"),
    SINGLE_CHAMPION("制造业单项冠军企业"),
    CHAIN_LEADER("产业链领航企业");

    private final String chinese;

    Tier(String chinese) {
        this.chinese = chinese;
    }

    public String chinese() {
        return chinese;
    }

    public static Optional<Tier> fromCode(String code) {
        return Arrays.stream(values()).filter(t -> t.name().equals(code)).findFirst();
    }
}
