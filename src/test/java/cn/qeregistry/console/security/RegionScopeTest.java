package cn.qeregistry.console.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A 市州 code covers its counties by the first 4 digits; 4290xx and county codes cover only themselves. */
class RegionScopeTest {

    @Test
    void aPrefectureCoversItsCountiesAndNoOtherPrefecture() {
        RegionScope wuhan = RegionScope.of("420100");
        assertThat(wuhan.covers("420111")).isTrue();
        assertThat(wuhan.covers("420100")).isTrue();
        assertThat(wuhan.covers("420506")).isFalse();
        assertThat(wuhan.covers(null)).isFalse();
        assertThat(wuhan.likePattern()).isEqualTo("4201%");
    }

    @Test
    void directlyAdministeredCitiesAndCountiesCoverOnlyThemselves() {
        assertThat(RegionScope.of("429004").covers("429004")).isTrue();
        assertThat(RegionScope.of("429004").covers("429005")).isFalse();
        assertThat(RegionScope.of("420111").covers("420112")).isFalse();
    }

    @Test
    void theProvinceAndNoRegionCoverEverything() {
        assertThat(RegionScope.of(null).unlimited()).isTrue();
        assertThat(RegionScope.of(" ").covers(null)).isTrue();
        assertThat(RegionScope.of("420000").covers("422801")).isTrue();
    }

    @Test
    void aFilterOutsideTheScopeFallsBackToTheScopeAndOneInsideNarrowsIt() {
        RegionScope wuhan = RegionScope.of("420100");
        assertThat(wuhan.narrow("420500")).isEqualTo(wuhan);
        assertThat(wuhan.narrow("420111")).isEqualTo(RegionScope.of("420111"));
        assertThat(RegionScope.PROVINCE.narrow("420500")).isEqualTo(RegionScope.of("420500"));
        assertThat(wuhan.narrow("")).isEqualTo(wuhan);
    }
}
