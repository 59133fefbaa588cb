package cn.qeregistry.review;

import cn.qeregistry.review.rules.Num;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.TreeMap;

/**
 * SHA-256 over everything review reads of one firm: its golden record, its fiscal-year facts, its
 * holdings and the lineage of each attribute, in a fixed order with typed, length-prefixed values.
 * Two nights that compute the same digest evaluated the same inputs, so a rule that does not read
 * the review date gave the same result (see {@link CarryOver}).
 */
final class InputDigest {

    private final MessageDigest sha;

    private InputDigest() {
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    static byte[] of(FirmUnderReview firm) {
        InputDigest digest = new InputDigest();
        digest.text(firm.uscc()).values(firm.firm());
        for (Map.Entry<Integer, Map<String, Object>> year : new TreeMap<>(firm.years()).entrySet()) {
            digest.text("year").value(year.getKey()).values(year.getValue());
        }
        for (FirmUnderReview.Holding holding : firm.holdings()) {
            digest.text("holding").text(holding.tier()).text(holding.level()).values(holding.values())
                    .value(holding.deliveryId()).value(holding.rowNo());
        }
        for (Map.Entry<String, FirmUnderReview.Source> entry : new TreeMap<>(firm.lineage()).entrySet()) {
            FirmUnderReview.Source source = entry.getValue();
            digest.text(entry.getKey()).text(source.feed()).value(source.deliveryId()).text(source.sheet())
                    .value(source.rowNo()).value(source.asOf());
        }
        return digest.sha.digest();
    }

    private InputDigest values(Map<String, Object> values) {
        text("{");
        for (Map.Entry<String, Object> entry : new TreeMap<>(values).entrySet()) {
            text(entry.getKey()).value(entry.getValue());
        }
        return text("}");
    }

    /** A value with its type: a Num as its exact fraction (its text rounds), anything else as its text. */
    private InputDigest value(Object value) {
        if (value == null) {
            return text(null);
        }
        String exact = value instanceof Num n ? n.numerator() + "/" + n.denominator() : value.toString();
        return text(value.getClass().getSimpleName()).text(exact);
    }

    /** Length-prefixed, so that no two sequences of texts feed the same bytes; null differs from "". */
    private InputDigest text(String text) {
        if (text == null) {
            sha.update((byte) 0);
            return this;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        sha.update((byte) 1);
        sha.update((byte) (bytes.length >>> 24));
        sha.update((byte) (bytes.length >>> 16));
        sha.update((byte) (bytes.length >>> 8));
        sha.update((byte) bytes.length);
        sha.update(bytes);
        return this;
    }
}
