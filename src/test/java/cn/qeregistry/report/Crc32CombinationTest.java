package cn.qeregistry.report;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.zip.CRC32;

import static org.assertj.core.api.Assertions.assertThat;

/** Combining two CRC-32s gives the CRC-32 of the data one after the other, as the zip entry of a sheet needs. */
class Crc32CombinationTest {

    @Test
    void theCombinationIsTheCrcOfTheConcatenation() {
        Random random = new Random(10);
        for (int round = 0; round < 200; round++) {
            byte[] a = new byte[random.nextInt(3000)];
            byte[] b = new byte[round % 10 == 0 ? 0 : random.nextInt(70_000)];
            random.nextBytes(a);
            random.nextBytes(b);
            CRC32 both = new CRC32();
            both.update(a);
            both.update(b);

            assertThat(Crc32Combination.of(crc(a), crc(b), b.length)).as("round %d", round).isEqualTo(both.getValue());
        }
    }

    @Test
    void aSecondPartOfMegabytesCombinesAsWell() {
        byte[] head = "<worksheet><sheetData>".getBytes();
        byte[] rows = new byte[5 << 20];
        new Random(11).nextBytes(rows);
        CRC32 both = new CRC32();
        both.update(head);
        both.update(rows);

        assertThat(Crc32Combination.of(crc(head), crc(rows), rows.length)).isEqualTo(both.getValue());
        assertThat(Crc32Combination.of(crc(rows), crc(new byte[0]), 0)).isEqualTo(crc(rows));
    }

    private static long crc(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return crc.getValue();
    }
}
