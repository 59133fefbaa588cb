package cn.qeregistry.master;

import cn.qeregistry.core.Feed;
import cn.qeregistry.platform.ConfigFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** mappings/survivorship.yml is read as declared, and every mistake names the file and the key. */
class SurvivorshipFileTest {

    static final Path SHIPPED = Path.of("mappings");

    @TempDir Path dir;

    @Test
    void theShippedFileMakesEachDepartmentAuthoritativeForItsOwnFacts() {
        Survivorship rules = SurvivorshipFile.load(SHIPPED);
        assertThat(source(rules, "name")).isEqualTo(new Survivorship.Source(Feed.MARKET, "name"));
        assertThat(rules.record().stream().filter(r -> r.column().equals("region_code")).findFirst().orElseThrow().sources())
                .extracting(Survivorship.Source::feed).containsExactly(Feed.MARKET, Feed.REGISTRY);
        assertThat(source(rules, "tax_credit_grade").feed()).isEqualTo(Feed.TAX);
        assertThat(source(rules, "class1_ip").feed()).isEqualTo(Feed.SCIENCE);
        assertThat(source(rules, "listing_status").feed()).isEqualTo(Feed.FINANCE);
        assertThat(rules.year()).extracting(r -> r.sources().get(0).feed()).containsOnly(Feed.TAX, Feed.FINANCE);
        assertThat(rules.tolerance().relative()).isEqualByComparingTo(new BigDecimal("0.01"));
    }

    @Test
    void reorderingFeedsChangesTheDigestSoEveryFirmIsRecomputed() throws IOException {
        Survivorship shipped = SurvivorshipFile.load(SHIPPED);
        write(shipped().replace("region_code:          [market, registry]", "region_code: [registry, market]"));
        assertThat(SurvivorshipFile.load(dir).digest()).isNotEqualTo(shipped.digest());
        write(shipped() + "\n# a comment changes nothing\n");
        assertThat(SurvivorshipFile.load(dir).digest()).isEqualTo(shipped.digest());
    }

    @Test
    void aMissingAttributeIsRefusedWithFileAndKey() throws IOException {
        write(shipped().replace("  address:              [market]\n", ""));
        assertThatThrownBy(() -> SurvivorshipFile.load(dir)).hasMessageContaining(dir.resolve("survivorship.yml").toString())
                .hasMessageContaining("key 'record.address': missing");
    }

    @Test
    void anUnknownFeedIsRefused() throws IOException {
        write(shipped().replace("legal_rep:            [market]", "legal_rep: [markte]"));
        assertThatThrownBy(() -> SurvivorshipFile.load(dir)).hasMessageContaining("key 'record.legal_rep': 'markte' is not a feed");
    }

    @Test
    void aColumnTheFeedDoesNotHaveIsRefused() throws IOException {
        write(shipped().replace("stock_code:           [finance]", "stock_code: [finance, tax]"));
        assertThatThrownBy(() -> SurvivorshipFile.load(dir))
                .hasMessageContaining("key 'record.stock_code': feed 'tax' has no column 'stock_code'");
    }

    @Test
    void aSourceOfAnotherKindIsRefused() throws IOException {
        write(shipped().replace("total_staff:          [science]", "total_staff: [science, market.name]"));
        assertThatThrownBy(() -> SurvivorshipFile.load(dir))
                .hasMessageContaining("key 'record.total_staff': 'market.name' holds a TEXT value, the attribute needs a NUMBER");
    }

    @Test
    void aPerYearFactFromAFeedWithoutFiscalYearsIsRefused() throws IOException {
        write(shipped().replace("equity_financing:      [finance]", "equity_financing: [finance, market.registered_capital]"));
        assertThatThrownBy(() -> SurvivorshipFile.load(dir))
                .hasMessageContaining("key 'year.equity_financing': feed 'market' is not keyed by fiscal year");
    }

    @Test
    void aMisspelledAttributeOrSectionIsRefused() throws IOException {
        write(shipped().replace("  rd_staff:", "  rd_stuff: [science]\n  rd_staff:"));
        assertThatThrownBy(() -> SurvivorshipFile.load(dir)).hasMessageContaining("key 'record.rd_stuff': not an attribute");
        write(shipped() + "\nrecords: {}\n");
        assertThatThrownBy(() -> SurvivorshipFile.load(dir)).hasMessageContaining("key 'records': unknown key");
    }

    @Test
    void aNegativeOrMissingToleranceIsRefused() throws IOException {
        write(shipped().replace("relative: 0.01", "relative: -0.01"));
        assertThatThrownBy(() -> SurvivorshipFile.load(dir))
                .hasMessageContaining("key 'conflicts.numeric-tolerance.relative': must not be negative");
        write(shipped().replace("    absolute: 0\n", ""));
        assertThatThrownBy(() -> SurvivorshipFile.load(dir))
                .hasMessageContaining("key 'conflicts.numeric-tolerance.absolute': missing");
    }

    @Test
    void aMissingFileIsRefusedWithItsPath() {
        assertThatThrownBy(() -> SurvivorshipFile.load(dir)).hasMessageContaining("survivorship.yml: survivorship rules not found");
    }

    @Test
    void aConfigurationWithoutTheFileStopsTheStartNamingIt() {
        assertThatThrownBy(() -> new SurvivorshipRules(new ConfigFiles(dir.toString())))
                .hasMessageContaining("survivorship.yml: survivorship rules not found");
    }

    @Test
    void aBrokenFileStopsTheStart() throws IOException {
        Files.createDirectories(dir.resolve("mappings"));
        Files.writeString(dir.resolve("mappings/survivorship.yml"), shipped().replace("tiers: [registry]", "tiers: [tax]"));
        assertThatThrownBy(() -> new SurvivorshipRules(new ConfigFiles(dir.toString())))
                .hasMessageContaining("key 'tiers': must be [registry]");
    }

    private static Survivorship.Source source(Survivorship rules, String attribute) {
        return rules.record().stream().filter(r -> r.column().equals(attribute)).findFirst().orElseThrow().sources().get(0);
    }

    private static String shipped() throws IOException {
        return Files.readString(SHIPPED.resolve("survivorship.yml"), StandardCharsets.UTF_8);
    }

    private void write(String text) throws IOException {
        Files.writeString(dir.resolve("survivorship.yml"), text, StandardCharsets.UTF_8);
    }
}
