package cn.qeregistry.report;

/**
 * The CRC-32 of two pieces of data one after the other from the CRC-32 of each and the length of the
 * second (zlib's {@code crc32_combine}): a sheet's zip entry is the head POI writes at the end, the
 * rows deflated long before, and the tail, and the zip needs the CRC of the whole without reading the
 * rows again. Arithmetic on polynomials over GF(2) modulo the CRC-32 polynomial, bit-reflected.
 */
final class Crc32Combination {

    private static final int POLYNOMIAL = 0xEDB88320;
    /** x^(2^k) modulo the polynomial, for k = 0..31. */
    private static final int[] X_TO_2_TO_K = new int[32];

    static {
        int p = 1 << 30; // x^1
        X_TO_2_TO_K[0] = p;
        for (int k = 1; k < 32; k++) {
            p = multiply(p, p);
            X_TO_2_TO_K[k] = p;
        }
    }

    private Crc32Combination() {
    }

    /** The CRC-32 of A followed by B, given CRC(A), CRC(B) and the length of B in bytes. */
    static long of(long crcA, long crcB, long lengthB) {
        return (multiply(xToThe8Times(lengthB), (int) crcA) ^ (int) crcB) & 0xFFFFFFFFL;
    }

    /** x^(8n) modulo the polynomial: appending n zero bytes. */
    private static int xToThe8Times(long n) {
        int p = 1 << 31; // x^0
        for (int k = 3; n != 0; n >>>= 1, k++) {
            if ((n & 1) != 0) {
                p = multiply(X_TO_2_TO_K[k & 31], p);
            }
        }
        return p;
    }

    private static int multiply(int a, int b) {
        int product = 0;
        for (int m = 1 << 31; m != 0; m >>>= 1) {
            if ((a & m) != 0) {
                product ^= b;
            }
            b = (b & 1) != 0 ? (b >>> 1) ^ POLYNOMIAL : b >>> 1;
        }
        return product;
    }
}
