package cn.qeregistry.generator;

import java.util.EnumMap;
import java.util.Map;

/**
 * How often each defect is injected (share of all firms; a firm gets at most one) and how many
 * tier holders get a deliberate data gap.
 */
public record DefectRates(Map<Defect, Double> perFirm, double holderDataGap) {

    public DefectRates {
        double total = perFirm.values().stream().mapToDouble(Double::doubleValue).sum();
        if (total > 0.5) {
            throw new IllegalArgumentException("defect rates add up to " + total + "; at most 0.5 of firms can carry a defect");
        }
        perFirm = new EnumMap<>(perFirm);
    }

    public static DefectRates defaults() {
        Map<Defect, Double> rates = new EnumMap<>(Defect.class);
        for (Defect d : Defect.values()) {
            rates.put(d, d.defaultRate());
        }
        return new DefectRates(rates, 0.12);
    }

    /** Every rate times {@code factor}: small test provinces still get every kind. */
    public DefectRates scaled(double factor) {
        Map<Defect, Double> rates = new EnumMap<>(Defect.class);
        perFirm.forEach((d, r) -> rates.put(d, r * factor));
        return new DefectRates(rates, holderDataGap);
    }

    /** The defect for a uniform draw u in [0,1), or null for none; EnumMap order keeps it deterministic. */
    Defect forDraw(double u) {
        double cumulative = 0;
        for (Map.Entry<Defect, Double> e : perFirm.entrySet()) {
            cumulative += e.getValue();
            if (u < cumulative) {
                return e.getKey();
            }
        }
        return null;
    }
}
