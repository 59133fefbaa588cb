package cn.qeregistry.intake.mapping;

import cn.qeregistry.core.Feed;
import cn.qeregistry.platform.ConfigFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shipped mappings load; a broken one stops start-up with the file and the key. */
class FeedMappingsTest {

    @Test
    void theShippedMappingsOfAllFiveFeedsLoad() {
        FeedMappings mappings = new FeedMappings(new ConfigFiles("."));

        for (Feed feed : Feed.values()) {
            assertThat(mappings.current(feed).feed()).isEqualTo(feed.code());
        }
        FeedMapping tax = mappings.current(Feed.TAX);
        assertThat(tax.key()).containsExactly("uscc", "fiscal_year");
        assertThat(tax.field("rd_expense").atMost().toString()).isEqualTo("revenue × 1.5");
        assertThat(tax.field("uscc").headers()).contains("纳税人识别号", "统一社会信用代码", "社会信用代码", "统一代码");
        assertThat(mappings.current(Feed.REGISTRY).field("tier").vocabulary()).containsEntry("专精特新小巨人企业", "LITTLE_GIANT");
        assertThat(mappings.current(Feed.FINANCE).jdbc().columns()).containsEntry("equity_financing", "equity_financing_wan");
    }

    @Test
    void aMisspelledTypeIsRefusedNamingTheFileAndTheKey(@TempDir Path config) throws IOException {
        Path mappings = copyShipped(config);
        Path tax = mappings.resolve("tax.yml");
        Files.writeString(tax, Files.readString(tax).replace("revenue: {headers: [营业收入], type: money", "revenue: {headers: [营业收入], type: moeny"));

        assertThatThrownBy(() -> new FeedMappings(new ConfigFiles(config.toString())))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining(tax.toString())
                .hasMessageContaining("key 'fields.revenue.type'")
                .hasMessageContaining("unknown type 'moeny'");
    }

    @Test
    void aBoundOnAnUnknownFieldAndAnUnknownVocabularyAreRefused(@TempDir Path config) throws IOException {
        Path mappings = copyShipped(config);
        Path tax = mappings.resolve("tax.yml");
        Files.writeString(tax, Files.readString(tax).replace("at-most: \"revenue * 1.5\"", "at-most: \"turnover * 1.5\""));
        assertThatThrownBy(() -> new FeedMappings(new ConfigFiles(config.toString())))
                .hasMessageContaining("key 'fields.rd_expense.at-most': 'turnover' is not a field of this mapping");

        Files.writeString(tax, Files.readString(tax).replace("\"turnover * 1.5\"", "\"revenue * 1.5\"")
                .replace("vocabulary: tax_credit_grade}", "vocabulary: credit_grade}"));
        assertThatThrownBy(() -> new FeedMappings(new ConfigFiles(config.toString())))
                .hasMessageContaining("key 'fields.tax_credit_grade.vocabulary': no vocabulary 'credit_grade'");
    }

    @Test
    void aMissingMappingFileAndABadThresholdAreRefused(@TempDir Path config) throws IOException {
        Path mappings = copyShipped(config);
        Files.writeString(mappings.resolve("market.yml"), Files.readString(mappings.resolve("market.yml"))
                .replace("reject-threshold: 0.05", "reject-threshold: 5%"));
        assertThatThrownBy(() -> new FeedMappings(new ConfigFiles(config.toString())))
                .hasMessageContaining("market.yml: key 'reject-threshold': must be a number, got '5%'");

        Files.delete(mappings.resolve("market.yml"));
        assertThatThrownBy(() -> new FeedMappings(new ConfigFiles(config.toString())))
                .hasMessageContaining("market.yml: key '(file)': the mapping of feed market is missing");
    }

    private static Path copyShipped(Path config) throws IOException {
        Path mappings = Files.createDirectories(config.resolve("mappings"));
        for (Feed feed : Feed.values()) {
            Files.copy(Path.of("mappings", feed.code() + ".yml"), mappings.resolve(feed.code() + ".yml"));
        }
        return mappings;
    }
}
