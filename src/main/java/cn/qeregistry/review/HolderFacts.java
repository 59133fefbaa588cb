package cn.qeregistry.review;

import cn.qeregistry.review.rules.Facts;

import java.time.LocalDate;
import java.util.Map;

/** The facts of one tier holding of a firm under review, as its rules see them. */
record HolderFacts(FirmUnderReview firm, FirmUnderReview.Holding holding, LocalDate reviewDate) implements Facts {

    @Override
    public Object firm(String input) {
        return firm.firm().get(input);
    }

    @Override
    public Object year(String input, int fiscalYear) {
        return firm.years().getOrDefault(fiscalYear, Map.of()).get(input);
    }

    @Override
    public Object holding(String input) {
        return holding.values().get(input);
    }

    @Override
    public boolean holds(String tier) {
        return firm.holdings().stream().anyMatch(h -> h.tier().equals(tier));
    }
}
