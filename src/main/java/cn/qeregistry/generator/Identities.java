package cn.qeregistry.generator;

import cn.qeregistry.core.CreditCode;
import cn.qeregistry.generator.Hubei.County;
import cn.qeregistry.generator.Hubei.Industry;
import cn.qeregistry.generator.Hubei.Prefecture;

import java.time.LocalDate;

/** Who a firm is: its credit code, name, place, industry, legal form and founding date. */
final class Identities {

    private static final LocalDate NEW_CODES_FROM = LocalDate.of(2015, 10, 1);

    record Identity(String code, String name, Prefecture prefecture, County county, String division,
                    Industry industry, String legalForm, LocalDate established) {
    }

    private final long seed;

    Identities(long seed) {
        this.seed = seed;
    }

    Identity identity(long index, Dice v, Industry industry, LocalDate established) {
        Prefecture prefecture = Hubei.PREFECTURES.get(v.weighted(Hubei.PREFECTURE_WEIGHTS));
        County county = v.pick(prefecture.counties());
        String legalForm = v.pick("有限公司", "有限公司", "有限公司", "有限公司", "有限公司", "有限责任公司", "有限责任公司",
                "有限责任公司", "股份有限公司", "股份有限公司");
        String brand = v.pick(Hubei.BRAND_FIRST) + v.pick(Hubei.BRAND_SECOND) + (v.chance(0.3) ? v.pick(Hubei.BRAND_SECOND) : "");
        String name = switch (v.between(0, 2)) {
            case 0 -> prefecture.shortName() + brand + industry.word() + legalForm;
            case 1 -> brand + "（" + v.pick(prefecture.shortName(), "湖北") + "）" + industry.word() + legalForm;
            default -> "湖北" + brand + industry.word() + legalForm;
        };
        double u = v.unit();
        String division = u < 0.6 ? county.code() : u < 0.9 ? prefecture.code() : "420000";
        String code = creditCode(index, division, established.isBefore(NEW_CODES_FROM));
        return new Identity(code, name, prefecture, county, division, industry, legalForm, established);
    }

    /**
     * A valid code unique to slot {@code index}: positions 9–16 are a bijective scramble of the index
     * (8 digits for pre-2015 organisation codes, "MA" + 6 symbols after), 17 the GB 11714 check, 18 the
     * GB 32100 check. Slots at or above the province size are ghost firms that market never registers.
     */
    String creditCode(long index, String division, boolean legacy) {
        String body;
        if (legacy) {
            long m = 100_000_000L;
            long value = Math.floorMod(index * 48_271L + Math.floorMod(seed * 7_919L, m), m);
            String digits = Long.toString(value);
            body = "0".repeat(8 - digits.length()) + digits;
        } else {
            long m = 887_503_681L; // 31^6
            long value = Math.floorMod(index * 48_271L + Math.floorMod(seed * 7_919L, m), m);
            char[] symbols = new char[6];
            for (int k = 5; k >= 0; k--) {
                symbols[k] = CreditCode.ALPHABET.charAt((int) (value % 31));
                value /= 31;
            }
            body = "MA" + new String(symbols);
        }
        String first17 = "91" + division + body + CreditCode.organisationCheckChar(body);
        return first17 + (char) CreditCode.checkCharFor(first17);
    }
}
