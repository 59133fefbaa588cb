package cn.qeregistry.review;

import cn.qeregistry.review.rules.Num;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;

/**
 * SHA-256 over everything review reads of one firm: its golden record, its fiscal-year facts, its
 * holdings and the lineage of each attribute, in a fixed order, each value tagged with its type and
 * texts prefixed with their length. Two nights that compute the same digest evaluated the same
 * inputs, so a rule that does not read the review date gave the same result (see {@link CarryOver}).
 *
 * <p>Values are encoded as bytes into one buffer hashed in one call: feeding the digest piece by
 * piece, or building one text (which turns UTF-16 at the first Chinese character and is then
 * encoded whole), was most of a carried night's review CPU.
 */
final class InputDigest {

    /**
     * The version of what review writes for given inputs (outcomes and the texts of observed, threshold,
     * detail and lineage). It is hashed into every digest, so that a run never carries results an older
     * evaluation wrote: raise it with any change that alters a result. ReviewResultsUnchangedTest holds it
     * to that: its golden results are recorded with the version they belong to.
     */
    static final int EVALUATION = 1;

    private static final byte NULL = 0;
    private static final byte TEXT = 1;
    private static final byte NUMBER = 2;
    private static final byte DATE = 3;
    private static final byte TRUE = 4;
    private static final byte FALSE = 5;
    private static final byte WHOLE = 6;
    private static final byte MARK = 7;

    private byte[] bytes = new byte[4096];
    private int length;

    private InputDigest() {
    }

    static byte[] of(FirmUnderReview firm) {
        InputDigest digest = new InputDigest();
        digest.whole(EVALUATION).value(firm.uscc()).values(firm.firm());
        Integer[] years = firm.years().keySet().toArray(Integer[]::new);
        Arrays.sort(years);
        for (Integer year : years) {
            digest.mark().value(year).values(firm.years().get(year));
        }
        for (FirmUnderReview.Holding holding : firm.holdings()) {
            digest.mark().value(holding.tier()).value(holding.level()).values(holding.values())
                    .value(holding.deliveryId()).value(holding.rowNo());
        }
        String[] attributes = firm.lineage().keySet().toArray(String[]::new);
        Arrays.sort(attributes);
        for (String attribute : attributes) {
            FirmUnderReview.Source source = firm.lineage().get(attribute);
            digest.mark().value(attribute).value(source.feed()).value(source.deliveryId()).value(source.sheet())
                    .value(source.rowNo()).value(source.asOf());
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(digest.bytes, 0, digest.length);
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private InputDigest values(Map<String, Object> values) {
        String[] keys = values.keySet().toArray(String[]::new);
        Arrays.sort(keys);
        mark().whole(keys.length);
        for (String key : keys) {
            value(key).value(values.get(key));
        }
        return this;
    }

    /** Separates the parts (years, holdings, lineage entries), so that no part's end can pass for the next one's start. */
    private InputDigest mark() {
        return tag(MARK);
    }

    /** The values a firm's inputs hold (see FirmPages.convert): text, exact numbers, dates, booleans, ids. */
    private InputDigest value(Object value) {
        if (value == null) {
            return tag(NULL);
        }
        if (value instanceof String text) {
            return tag(TEXT).text(text);
        }
        if (value instanceof Num n) {
            return tag(NUMBER).big(n.numerator().toByteArray()).big(n.denominator().toByteArray());
        }
        if (value instanceof LocalDate date) {
            return tag(DATE).whole(date.toEpochDay());
        }
        if (value instanceof Boolean b) {
            return tag(b ? TRUE : FALSE);
        }
        if (value instanceof Integer || value instanceof Long) {
            return tag(WHOLE).whole(((Number) value).longValue());
        }
        // any other type FirmPages may hand over one day: its class and text
        return tag(TEXT).text(value.getClass().getName()).text(value.toString());
    }

    private InputDigest tag(byte tag) {
        room(1);
        bytes[length++] = tag;
        return this;
    }

    private InputDigest whole(long value) {
        room(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            bytes[length++] = (byte) (value >>> shift);
        }
        return this;
    }

    private InputDigest big(byte[] twosComplement) {
        whole(twosComplement.length);
        room(twosComplement.length);
        System.arraycopy(twosComplement, 0, bytes, length, twosComplement.length);
        length += twosComplement.length;
        return this;
    }

    /**
     * The text after its length in chars: an ASCII char (most codes, numbers and dates) as its byte,
     * any other char (a surrogate half included) as 0xFF and its two UTF-16 bytes, so each char has one
     * encoding that no other sequence of chars shares.
     */
    private InputDigest text(String text) {
        int n = text.length();
        whole(n);
        room(n * 3);
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes[length++] = (byte) c;
            } else {
                bytes[length++] = (byte) 0xFF;
                bytes[length++] = (byte) (c >>> 8);
                bytes[length++] = (byte) c;
            }
        }
        return this;
    }

    private void room(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
