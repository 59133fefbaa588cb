package cn.qeregistry.review;

import cn.qeregistry.review.rules.Num;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Map;

/**
 * SHA-256 over everything review reads of one firm: its golden record, its fiscal-year facts, its
 * holdings and the lineage of each attribute, in a fixed order with typed, length-prefixed values.
 * Two nights that compute the same digest evaluated the same inputs, so a rule that does not read
 * the review date gave the same result (see {@link CarryOver}). The text is built first and hashed
 * in one call: feeding the digest piece by piece was half of a carried night's review CPU.
 */
final class InputDigest {

    private final StringBuilder text = new StringBuilder(2048);

    private InputDigest() {
    }

    static byte[] of(FirmUnderReview firm) {
        InputDigest digest = new InputDigest();
        digest.text(firm.uscc()).values(firm.firm());
        Integer[] years = firm.years().keySet().toArray(Integer[]::new);
        Arrays.sort(years);
        for (Integer year : years) {
            digest.text("year").value(year).values(firm.years().get(year));
        }
        for (FirmUnderReview.Holding holding : firm.holdings()) {
            digest.text("holding").text(holding.tier()).text(holding.level()).values(holding.values())
                    .value(holding.deliveryId()).value(holding.rowNo());
        }
        String[] attributes = firm.lineage().keySet().toArray(String[]::new);
        Arrays.sort(attributes);
        for (String attribute : attributes) {
            FirmUnderReview.Source source = firm.lineage().get(attribute);
            digest.text(attribute).text(source.feed()).value(source.deliveryId()).text(source.sheet())
                    .value(source.rowNo()).value(source.asOf());
        }
        return sha256(digest.text.toString().getBytes(StandardCharsets.UTF_8));
    }

    private InputDigest values(Map<String, Object> values) {
        text("{");
        String[] keys = values.keySet().toArray(String[]::new);
        Arrays.sort(keys);
        for (String key : keys) {
            text(key).value(values.get(key));
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

    /** Length-prefixed, so that no two sequences of texts make the same text; null differs from "". */
    private InputDigest text(String value) {
        if (value == null) {
            text.append('-');
        } else {
            text.append(value.length()).append(':').append(value);
        }
        return this;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
