package cn.qeregistry.generator;

import cn.qeregistry.core.CreditCode;
import cn.qeregistry.core.Feed;
import cn.qeregistry.core.Level;
import cn.qeregistry.core.Tier;
import cn.qeregistry.generator.Hubei.Industry;
import cn.qeregistry.generator.Identities.Identity;
import cn.qeregistry.generator.ReviewFacts.ScienceFacts;
import cn.qeregistry.generator.ReviewFacts.YearFacts;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static cn.qeregistry.generator.Layouts.*;

/**
 * Makes firm i of the province from (seed, i) alone, so every pass over the province sees the same
 * firm and nothing is held between firms. Three random streams per firm: the plan (role, tiers,
 * defect), the values, and the written form of each value.
 */
final class FirmFactory {

    private static final String[] ACTIVE = {"存续", "在业", "在营", "开业", "在册"};
    private static final double[] ACTIVE_WEIGHTS = {80, 9, 3, 3, 1};
    private static final String[] INACTIVE = {"吊销", "注销", "迁出", "停业"};

    /** A deliberate hole in a holder's data; the truth shows DATA_GAP for the rules that need it. */
    private enum DataGap { MISSING_TAX_OLDEST, MISSING_TAX_LAST, NO_SCIENCE, BLANK_RD_LAST, BLANK_ABNORMAL_FLAG,
        BLANK_VALID_UNTIL, BLANK_GRADE_LAST, BLANK_STAFF }

    private record TierLevel(Tier tier, Level level) {
    }

    private final GeneratorOptions options;
    private final Identities identities;
    private final long seed;
    private final LocalDate date;
    private final int lastYear;

    FirmFactory(GeneratorOptions options) {
        this.options = options;
        this.identities = new Identities(options.seed());
        this.seed = options.seed();
        this.date = options.asOf();
        this.lastYear = options.lastYear();
    }

    /** The firm's role and which feeds mention it: drawn first and from its own stream, so counting is cheap. */
    private record Plan(boolean holder, Defect defect, List<TierLevel> tiers, Edge edge, DataGap gap, Industry industry,
                        boolean taxCovered, boolean scienceCovered, boolean scienceBlank, boolean[] financeYears) {
    }

    private Plan plan(long i) {
        Dice plan = new Dice(seed, i, 1);
        boolean holder = plan.chance(options.holderShare());
        Defect defect = holder ? null : options.rates().forDraw(plan.unit());
        if (i == 0 && defect != null && defect.feed() == Feed.MARKET) {
            defect = null; // firm 0 carries the rare character and must stay clean
        }
        List<TierLevel> tiers = holder ? tiers(plan) : List.of();
        Edge edge = holder ? edge(plan, tiers.get(0).tier()) : Edge.NONE;
        DataGap gap = holder && plan.chance(options.rates().holderDataGap()) ? plan.pick(DataGap.values()) : null;
        Industry industry = plan.chance(0.7) ? plan.pick(Hubei.MANUFACTURING) : plan.pick(Hubei.OTHER);
        boolean marketOnly = defect != null && defect.feed() == Feed.MARKET;
        boolean manufacturing = industry.manufacturing();
        boolean taxCovered = holder || isOwn(defect, Feed.TAX) || !marketOnly && plan.chance(manufacturing ? 0.45 : 0.15);
        boolean scienceCovered = holder ? gap != DataGap.NO_SCIENCE
                : isOwn(defect, Feed.SCIENCE) || !marketOnly && plan.chance(manufacturing ? 0.1 : 0.03);
        boolean[] financeYears = new boolean[3];
        for (int t = 0; t < 3; t++) {
            financeYears[t] = !marketOnly && plan.chance(holder ? 0.2 : 0.01);
        }
        if (isOwn(defect, Feed.FINANCE)) {
            financeYears[1] = true;
        }
        return new Plan(holder, defect, tiers, edge, gap, industry, taxCovered, scienceCovered, plan.chance(0.002), financeYears);
    }

    /** Rows (blank ones included) firm i puts into the science file, without making the firm. */
    int scienceRowCount(long i) {
        Plan plan = plan(i);
        int rows = plan.scienceCovered() ? (plan.scienceBlank() ? 2 : 1) : 0;
        return rows + (plan.defect() == Defect.SCIENCE_DUPLICATE || plan.defect() == Defect.SCIENCE_UNMATCHED ? 1 : 0);
    }

    Firm firm(long i) {
        Plan plan = plan(i);
        Dice v = new Dice(seed, i, 2);
        Dice f = new Dice(seed, i, 3);
        boolean holder = plan.holder();
        Defect defect = plan.defect();
        List<TierLevel> tiers = plan.tiers();
        Tier primary = holder ? tiers.get(0).tier() : null;
        Edge edge = plan.edge();
        DataGap gap = plan.gap();
        boolean taxCovered = plan.taxCovered();
        boolean scienceCovered = plan.scienceCovered();
        boolean[] financeYears = plan.financeYears();

        LocalDate established = holder ? holderEstablished(v, edge, tiers.get(0)) : date.minusDays((long) (v.logUniform(0.3, 40) * 365.25));
        if (defect != null && defect.feed() != Feed.MARKET) {
            established = established.minusYears(4);
        }
        Identity id = identities.identity(i, v, plan.industry(), established);
        Firm firm = new Firm(i, id.code());

        // ---------- market ----------
        String status;
        Boolean abnormal;
        Boolean dishonest;
        if (holder) {
            status = v.chance(0.04) ? v.pick(INACTIVE) : ACTIVE[v.weighted(ACTIVE_WEIGHTS)];
            abnormal = gap == DataGap.BLANK_ABNORMAL_FLAG ? null : v.chance(0.03);
            dishonest = v.chance(0.02);
        } else {
            status = v.chance(0.07) ? v.pick(INACTIVE) : ACTIVE[v.weighted(ACTIVE_WEIGHTS)];
            abnormal = v.chance(0.04);
            dishonest = v.chance(0.01);
        }
        Object[] market = marketCells(i, id, status, abnormal, dishonest, v, f);
        firm.market.add(SourceRow.clean(market, f.chance(0.002)));

        // ---------- tax ----------
        Books books = Books.draw(v, primary, holder ? edge : Edge.NONE, established, lastYear);
        if (gap == DataGap.MISSING_TAX_OLDEST) {
            books.present[0] = false;
        } else if (gap == DataGap.MISSING_TAX_LAST) {
            books.present[2] = false;
        } else if (gap == DataGap.BLANK_RD_LAST) {
            books.rd[2] = null;
        } else if (gap == DataGap.BLANK_GRADE_LAST) {
            books.grade[2] = null;
        }
        if (taxCovered) {
            for (int t = 0; t < 3; t++) {
                if (books.present[t]) {
                    firm.tax.get(t).add(SourceRow.clean(taxCells(id.code(), id.name(), t, books, f), f.chance(0.002)));
                }
            }
            if (holder && f.chance(0.03) && !firm.tax.get(2).isEmpty()) {
                firm.tax.get(2).add(SourceRow.clean(firm.tax.get(2).get(0).cells().clone(), false)); // exact repeat
            }
        }

        // ---------- science ----------
        Integer classOneIp = null;
        Integer rdStaff = null;
        Integer totalStaff = null;
        if (scienceCovered) {
            classOneIp = edge == Edge.IP ? v.pick(1, 2, 2, 3) : v.pick(0, 0, 1, 1, 2, 2, 3, 4, 5, 6, 8, 12);
            totalStaff = v.between(12, 2400);
            rdStaff = Math.max(1, (int) Math.round(totalStaff * v.uniform(0.05, 0.65)));
            if (edge == Edge.STAFF || edge == Edge.SMALL_INNOVATOR) {
                totalStaff = 2 * v.between(10, 300);
                rdStaff = totalStaff / 2 - (v.chance(0.3) ? 1 : 0);
            }
            if (gap == DataGap.BLANK_STAFF) {
                rdStaff = null;
            }
            firm.science.add(SourceRow.clean(scienceCells(id, classOneIp, rdStaff, totalStaff, v, f), plan.scienceBlank()));
        }

        // ---------- finance ----------
        long[] equity = new long[3];
        for (int t = 0; t < 3; t++) {
            if (financeYears[t]) {
                equity[t] = 100L * Math.round(v.logUniform(10_000, 2_000_000));
            }
        }
        if (edge == Edge.FINANCED || edge == Edge.SMALL_INNOVATOR) {
            long total = edge == Edge.FINANCED ? 20_000_000L : 80_000_000L;
            long shortfall = v.chance(0.35) ? 10_000L : 0L;
            equity[1] = total / 2;
            equity[2] = total / 2 - shortfall;
            financeYears[1] = true;
            financeYears[2] = true;
        }
        String listing = v.pick("上市", "新三板挂牌", "区域股权市场挂牌", "辅导备案", "上市后备库", "未上市");
        String stockCode = stockCode(listing, v);
        for (int t = 0; t < 2; t++) {
            if (financeYears[t]) {
                firm.finance.add(SourceRow.clean(new Object[] {Forms.code(id.code(), f), Forms.otherFeedName(id.name(), f),
                        Forms.integer(lastYear - 2 + t, f), listing, stockCode,
                        Forms.number(Forms.inUnit(equity[t], false), f)}, f.chance(0.002)));
            }
        }
        if (financeYears[2]) {
            firm.exchange.add(new String[] {id.code(), id.name(), Integer.toString(lastYear), listing,
                    stockCode == null ? "" : stockCode, Forms.inUnit(equity[2], false).toPlainString(), updatedAt(i)});
        }

        // ---------- registry ----------
        List<Holding> holdings = new ArrayList<>(2);
        for (int k = 0; k < tiers.size(); k++) {
            TierLevel tl = tiers.get(k);
            LocalDate validUntil;
            if (k > 0) {
                validUntil = date.plusDays(v.between(200, 1000)); // companion little-giant holding: plainly valid
            } else if (edge == Edge.CERT) {
                validUntil = date.plusDays(v.pick(-1, 0, 1, 89, 90, 91));
            } else {
                validUntil = date.plusDays(v.between(-150, 1100));
            }
            if (k == 0 && gap == DataGap.BLANK_VALID_UNTIL) {
                validUntil = null;
            }
            holdings.add(new Holding(tl.tier(), tl.level(), validUntil));
            firm.registry.add(SourceRow.clean(registryCells(id, tierLabel(tl.tier(), f), tl.level().chinese(), validUntil, v, f),
                    f.chance(0.002)));
        }
        if (holder && f.chance(0.03)) {
            firm.registry.add(SourceRow.clean(firm.registry.get(0).cells().clone(), false)); // exact repeat
        }

        if (defect != null) {
            inject(defect, firm, id, v, f);
        }
        if (holder) {
            firm.reviewFacts = facts(status, id, abnormal, dishonest, books, taxCovered,
                    scienceCovered ? new ScienceFacts(classOneIp, rdStaff, totalStaff) : null, equity, holdings);
        }
        return firm;
    }

    private static boolean isOwn(Defect defect, Feed feed) {
        return defect != null && defect.feed() == feed && !defect.name().endsWith("_UNMATCHED");
    }

    // ------------------------------------------------------------------ roles

    private static List<TierLevel> tiers(Dice plan) {
        double u = plan.unit();
        List<TierLevel> tiers = new ArrayList<>(2);
        if (u < 0.45) {
            tiers.add(new TierLevel(Tier.INNOVATIVE_SME, Level.PROVINCIAL));
        } else if (u < 0.75) {
            tiers.add(new TierLevel(Tier.SRDI_SME, Level.PROVINCIAL));
        } else if (u < 0.89) {
            tiers.add(new TierLevel(Tier.LITTLE_GIANT, Level.NATIONAL));
        } else if (u < 0.97) {
            tiers.add(new TierLevel(Tier.SINGLE_CHAMPION, plan.chance(0.4) ? Level.NATIONAL : Level.PROVINCIAL));
            if (plan.chance(0.4)) {
                tiers.add(new TierLevel(Tier.LITTLE_GIANT, Level.NATIONAL));
            }
        } else {
            tiers.add(new TierLevel(Tier.CHAIN_LEADER, Level.PROVINCIAL));
        }
        return tiers;
    }

    private static Edge edge(Dice plan, Tier primary) {
        if (plan.chance(0.35)) {
            return Edge.NONE;
        }
        Edge edge = plan.pick(Edge.values());
        if (edge == Edge.FINANCED && primary != Tier.SRDI_SME || edge == Edge.SMALL_INNOVATOR && primary != Tier.LITTLE_GIANT) {
            return Edge.NONE;
        }
        return edge;
    }

    private LocalDate holderEstablished(Dice v, Edge edge, TierLevel primary) {
        if (edge == Edge.YEARS) {
            int years = switch (primary.tier()) {
                case SRDI_SME, INNOVATIVE_SME -> 2;
                case SINGLE_CHAMPION -> primary.level() == Level.NATIONAL ? 10 : 3;
                default -> 3;
            };
            LocalDate exact = date.minusYears(years);
            return v.chance(0.5) ? exact : exact.plusDays(1);
        }
        return date.minusDays(v.between(400, 30 * 365));
    }

    // ------------------------------------------------------------------ identity

    // ------------------------------------------------------------------ market

    private Object[] marketCells(long index, Identity id, String status, Boolean abnormal, Boolean dishonest, Dice v, Dice f) {
        String legalRep = v.pick(Hubei.SURNAMES) + (index == 0 ? "𬌗"
                : v.chance(0.004) ? v.pick(Hubei.RARE_GIVEN) : v.pick(Hubei.GIVEN) + (v.chance(0.6) ? v.pick(Hubei.GIVEN) : ""));
        String type = id.legalForm().equals("股份有限公司")
                ? v.pick("股份有限公司（非上市、自然人投资或控股）", "股份有限公司（上市、自然人投资或控股）", "其他股份有限公司（非上市）")
                : v.pick("有限责任公司（自然人投资或控股）", "有限责任公司（自然人独资）", "其他有限责任公司", "有限责任公司（外商投资、非独资）");
        BigDecimal capital = v.chance(0.5) ? BigDecimal.valueOf(Math.round(v.logUniform(10, 100_000)))
                : BigDecimal.valueOf(Math.round(v.logUniform(1_000, 10_000_000))).movePointLeft(2);
        boolean municipal = id.county().code().equals(id.prefecture().code());
        String authority = id.division().equals("420000") ? "湖北省市场监督管理局"
                : id.division().equals(id.prefecture().code()) || municipal ? id.prefecture().name() + "市场监督管理局"
                : id.prefecture().name() + id.county().name() + "市场监督管理局";
        String address = "湖北省" + id.prefecture().name() + (municipal ? "" : id.county().name()) + v.pick(Hubei.ROADS)
                + v.between(1, 999) + "号" + (v.chance(0.02) ? ",2号厂房" : v.chance(0.3) ? v.between(1, 12) + "栋" : "");
        String region = f.chance(0.05) ? Forms.fullWidth(id.county().code()) : id.county().code();
        return new Object[] {Forms.code(id.code(), f), id.name(), legalRep, type, status,
                Forms.date(id.established(), f, false), capital.toPlainString(), id.industry().code(), authority, address, region,
                yesNo(abnormal), yesNo(dishonest)};
    }

    private static String yesNo(Boolean flag) {
        return flag == null ? "" : flag ? "是" : "否";
    }

    // ------------------------------------------------------------------ tax

    private Object[] taxCells(String code, String name, int t, Books b, Dice f) {
        boolean inYuan = t == options.yuanTaxFile();
        return new Object[] {Forms.code(code, f), Forms.otherFeedName(name, f), Forms.integer(lastYear - 2 + t, f),
                money(b.revenue[t], inYuan, f), money(b.main[t], inYuan, f), money(b.rd[t], inYuan, f),
                money(b.assets[t], inYuan, f), money(b.liabilities[t], inYuan, f), money(b.taxPaid[t], inYuan, f), b.grade[t]};
    }

    private static Object money(Long yuan, boolean inYuan, Dice f) {
        return yuan == null ? null : Forms.number(Forms.inUnit(yuan, inYuan), f);
    }

    // ------------------------------------------------------------------ science

    private Object[] scienceCells(Identity id, Integer classOneIp, Integer rdStaff, Integer totalStaff, Dice v, Dice f) {
        String certNo = null;
        LocalDate issued = null;
        LocalDate validUntil = null;
        if (v.chance(0.7)) {
            issued = date.minusDays(v.between(20, 1400));
            validUntil = issued.plusYears(3).minusDays(1);
            certNo = "GR" + issued.getYear() + "42" + digits(v.between(1, 999_999), 6);
        }
        String smeNo = v.chance(0.6) ? date.getYear() + id.county().code() + "0" + digits(v.between(1, 9_999_999), 7) : null;
        int patents = (classOneIp == null ? 0 : classOneIp) + v.between(0, 6);
        return new Object[] {Forms.code(id.code(), f), Forms.otherFeedName(id.name(), f), certNo, Forms.date(issued, f, true),
                Forms.date(validUntil, f, true), smeNo, classOneIp == null ? null : Forms.integer(classOneIp, f),
                Forms.integer(patents, f), rdStaff == null ? null : Forms.integer(rdStaff, f),
                totalStaff == null ? null : Forms.integer(totalStaff, f), v.chance(0.2) ? "是" : "否"};
    }

    /** {@code value} zero-padded to {@code width} ASCII digits, whatever the default locale. */
    private static String digits(int value, int width) {
        String plain = Integer.toString(value);
        return "0".repeat(Math.max(0, width - plain.length())) + plain;
    }

    // ------------------------------------------------------------------ finance

    private static String stockCode(String listing, Dice v) {
        return switch (listing) {
            case "上市" -> v.pick("600", "601", "603", "000", "002", "300", "688") + digits(v.between(0, 999), 3);
            case "新三板挂牌" -> v.pick("43", "83", "87") + digits(v.between(0, 9999), 4);
            default -> null;
        };
    }

    /** updated_at of the exchange table: the evening before the as-of date, one second per row. */
    private String updatedAt(long index) {
        OffsetDateTime evening = OffsetDateTime.of(date.minusDays(1), LocalTime.of(20, 0), ZoneOffset.ofHours(8));
        return evening.plusSeconds(index % 14_400).toString();
    }

    // ------------------------------------------------------------------ registry

    private static String tierLabel(Tier tier, Dice f) {
        return switch (tier) {
            case LITTLE_GIANT -> f.chance(0.3) ? "小巨人企业" : "专精特新\"小巨人\"企业";
            case SINGLE_CHAMPION -> f.chance(0.3) ? "单项冠军" : "制造业单项冠军企业";
            default -> tier.chinese();
        };
    }

    private Object[] registryCells(Identity id, String tierLabel, String level, LocalDate validUntil, Dice v, Dice f) {
        int recognised = validUntil == null ? lastYear - v.between(0, 2) : validUntil.getYear() - 3;
        return new Object[] {Forms.code(id.code(), f), Forms.otherFeedName(id.name(), f), tierLabel, level,
                Forms.integer(recognised, f), "第" + v.between(1, 7) + "批", Forms.date(validUntil, f, true),
                id.prefecture().name(), v.pick(Hubei.PRODUCTS)};
    }

    // ------------------------------------------------------------------ defects

    private void inject(Defect defect, Firm firm, Identity id, Dice v, Dice f) {
        String code = id.code();
        String feed = defect.feed().code();
        switch (defect) {
            case MARKET_BAD_CHECK_CHAR -> badCode(firm.market, 0, M_CODE, firm, feed, f);
            case MARKET_MISSING_NAME -> reject(firm.market, 0, M_NAME, f.pick("", "\u3000"), REJECT_MISSING, firm, code, feed);
            case MARKET_BAD_DATE -> reject(firm.market, 0, M_ESTABLISHED, Forms.badDate(id.established().getYear(), f),
                    REJECT_DATE, firm, code, feed);
            case MARKET_BAD_STATUS -> reject(firm.market, 0, M_STATUS, f.pick("歇业", "待核实"), REJECT_ENUM, firm, code, feed);
            case MARKET_DUPLICATE -> duplicate(firm.market, 6, "88888.88", firm, code, feed);
            case MARKET_EXACT_REPEAT -> firm.market.add(SourceRow.clean(firm.market.get(0).cells().clone(), false));
            case TAX_BAD_CHECK_CHAR -> badCode(anyTaxYear(firm, f), 0, T_CODE, firm, feed, f);
            case TAX_MISSING_YEAR -> reject(anyTaxYear(firm, f), 0, T_YEAR, null, REJECT_MISSING, firm, code, feed);
            case TAX_BAD_NUMBER -> reject(anyTaxYear(firm, f), 0, f.pick(T_REVENUE, T_MAIN, T_RD), f.pick("1O24.50", "12.34.5", "12,3O4"),
                    REJECT_NUMBER, firm, code, feed);
            case TAX_BAD_GRADE -> reject(anyTaxYear(firm, f), 0, T_GRADE, f.pick("E", "AA", "Z"), REJECT_ENUM, firm, code, feed);
            case TAX_DUPLICATE -> duplicate(anyTaxYear(firm, f), T_REVENUE, "99999.99", firm, code, feed);
            case TAX_NAME_CONFLICT -> {
                for (List<SourceRow> rows : firm.tax) {
                    rows.replaceAll(row -> withCell(row, T_NAME, Forms.conflictingName(id.name())));
                }
                firm.exceptions.add(new ExpectedException(code, "CONFLICT", feed));
            }
            case TAX_UNMATCHED -> {
                Identity ghost = ghost(firm.index);
                Books books = Books.draw(v, null, Edge.NONE, date.minusYears(5), lastYear);
                firm.tax.get(2).add(SourceRow.clean(taxCells(ghost.code(), ghost.name(), 2, books, f), false));
                firm.exceptions.add(new ExpectedException(ghost.code(), "UNMATCHED", feed));
            }
            case SCIENCE_MISSING_CODE -> reject(firm.science, 0, S_CODE, null, REJECT_MISSING, firm, "", feed);
            case SCIENCE_BAD_DATE -> reject(firm.science, 0, S_VALID_UNTIL, Forms.badDate(date.getYear() + 1, f), REJECT_DATE,
                    firm, code, feed);
            case SCIENCE_BAD_NUMBER -> reject(firm.science, 0, S_IP, f.pick("若干", "2-3"), REJECT_NUMBER, firm, code, feed);
            case SCIENCE_DUPLICATE -> duplicate(firm.science, S_RD_STAFF, "9999", firm, code, feed);
            case SCIENCE_NAME_CONFLICT -> {
                firm.science.replaceAll(row -> withCell(row, 1, Forms.conflictingName(id.name())));
                firm.exceptions.add(new ExpectedException(code, "CONFLICT", feed));
            }
            case SCIENCE_UNMATCHED -> {
                Identity ghost = ghost(firm.index);
                firm.science.add(SourceRow.clean(scienceCells(ghost, v.between(0, 5), v.between(1, 50), v.between(50, 300), v, f), false));
                firm.exceptions.add(new ExpectedException(ghost.code(), "UNMATCHED", feed));
            }
            case FINANCE_MISSING_YEAR -> reject(firm.finance, 0, F_YEAR, null, REJECT_MISSING, firm, code, feed);
            case FINANCE_BAD_STATUS -> reject(firm.finance, 0, F_STATUS, f.pick("已退市", "摘牌"), REJECT_ENUM, firm, code, feed);
            case FINANCE_DUPLICATE -> duplicate(firm.finance, F_AMOUNT, "7777.77", firm, code, feed);
            case FINANCE_UNMATCHED -> {
                Identity ghost = ghost(firm.index);
                firm.finance.add(SourceRow.clean(new Object[] {ghost.code(), ghost.name(), lastYear - 1, "区域股权市场挂牌", null,
                        new BigDecimal("500")}, false));
                firm.exceptions.add(new ExpectedException(ghost.code(), "UNMATCHED", feed));
            }
            case REGISTRY_BAD_TIER -> {
                firm.registry.add(SourceRow.clean(registryCells(id, "瞪羚企业", "省级", date.plusYears(1), v, f), false)
                        .rejectedAt(R_TIER, REJECT_ENUM));
                firm.exceptions.add(new ExpectedException(code, "INTAKE_REJECT", feed));
            }
            case REGISTRY_MISSING_TIER -> {
                firm.registry.add(SourceRow.clean(registryCells(id, null, "省级", date.plusYears(1), v, f), false)
                        .rejectedAt(R_TIER, REJECT_MISSING));
                firm.exceptions.add(new ExpectedException(code, "INTAKE_REJECT", feed));
            }
            case REGISTRY_DUPLICATE -> {
                firm.registry.add(SourceRow.clean(registryCells(id, Tier.SRDI_SME.chinese(), "省级", date.plusYears(1), v, f), false));
                duplicate(firm.registry, R_VALID_UNTIL, date.plusYears(2).toString(), firm, code, feed);
            }
            case REGISTRY_UNMATCHED -> {
                Identity ghost = ghost(firm.index);
                firm.registry.add(SourceRow.clean(registryCells(ghost, Tier.SRDI_SME.chinese(), "省级", date.plusYears(2), v, f), false));
                firm.exceptions.add(new ExpectedException(ghost.code(), "UNMATCHED", feed));
            }
        }
    }

    /** A firm of slot N + i: valid code, never registered in market. */
    private Identity ghost(long index) {
        Dice v = new Dice(seed, options.enterprises() + index, 2);
        Industry industry = v.chance(0.7) ? v.pick(Hubei.MANUFACTURING) : v.pick(Hubei.OTHER);
        return identities.identity(options.enterprises() + index, v, industry, date.minusYears(v.between(1, 20)));
    }

    private static List<SourceRow> anyTaxYear(Firm firm, Dice f) {
        List<List<SourceRow>> years = new ArrayList<>(3);
        for (List<SourceRow> rows : firm.tax) {
            if (!rows.isEmpty()) {
                years.add(rows);
            }
        }
        return f.pick(years);
    }

    private static void badCode(List<SourceRow> rows, int at, int column, Firm firm, String feed, Dice f) {
        String bad = Forms.withBadCheckChar(firm.code, f);
        rows.set(at, withCell(rows.get(at), column, Forms.code(bad, f)).rejectedAt(column, REJECT_BAD_CHECK));
        firm.exceptions.add(new ExpectedException(CreditCode.normalise(bad), "INTAKE_REJECT", feed));
    }

    private static void reject(List<SourceRow> rows, int at, int column, Object value, String defect, Firm firm, String uscc, String feed) {
        rows.set(at, withCell(rows.get(at), column, value).rejectedAt(column, defect));
        firm.exceptions.add(new ExpectedException(uscc, "INTAKE_REJECT", feed));
    }

    /** The row twice under one key with a different value in {@code column}: both are DUPLICATE. */
    private static void duplicate(List<SourceRow> rows, int column, String otherValue, Firm firm, String uscc, String feed) {
        SourceRow first = rows.get(0);
        rows.set(0, first.duplicate());
        rows.add(1, withCell(SourceRow.clean(first.cells().clone(), false), column, otherValue).duplicate());
        firm.exceptions.add(new ExpectedException(uscc, "DUPLICATE", feed));
    }

    private static SourceRow withCell(SourceRow row, int column, Object value) {
        Object[] cells = row.cells().clone();
        cells[column] = value;
        return new SourceRow(cells, row.rejectColumn(), row.defect(), row.blankBefore());
    }

    // ------------------------------------------------------------------ truth

    private ReviewFacts facts(String status, Identity id, Boolean abnormal, Boolean dishonest, Books b, boolean taxCovered,
                              ScienceFacts science, long[] equity, List<Holding> holdings) {
        Map<Integer, YearFacts> years = new HashMap<>();
        for (int t = 0; t < 3; t++) {
            if (taxCovered && b.present[t]) {
                years.put(lastYear - 2 + t, new YearFacts(dec(b.revenue[t]), dec(b.main[t]), dec(b.rd[t]), dec(b.assets[t]),
                        dec(b.liabilities[t]), b.grade[t]));
            }
        }
        Map<Integer, BigDecimal> equityByYear = new HashMap<>();
        for (int t = 0; t < 3; t++) {
            equityByYear.put(lastYear - 2 + t, BigDecimal.valueOf(equity[t]));
        }
        return new ReviewFacts(status, id.established(), abnormal, dishonest, id.industry().code(), years, science,
                equityByYear, List.copyOf(holdings));
    }

    private static BigDecimal dec(Long yuan) {
        return yuan == null ? null : BigDecimal.valueOf(yuan);
    }
}
