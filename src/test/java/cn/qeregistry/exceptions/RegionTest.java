package cn.qeregistry.exceptions;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegionTest {

    @Test
    void prefectureCoversItsCountiesAndDirectlyAdministeredUnitsOnlyThemselves() {
        assertThat(Region.covers("420100", "420102")).isTrue();
        assertThat(Region.covers("420100", "420502")).isFalse();
        assertThat(Region.covers("422800", "422801")).isTrue();
        assertThat(Region.covers("429004", "429004")).isTrue();
        assertThat(Region.covers("429004", "429005")).isFalse();
        assertThat(Region.covers("420000", "429021")).isTrue();
        assertThat(Region.covers("420102", "420103")).as("a county covers only itself").isFalse();
        assertThat(Region.covers("420100", null)).isFalse();
        assertThat(Region.prefecture("420102")).isEqualTo("420100");
        assertThat(Region.prefecture("429006")).isEqualTo("429006");
        assertThatThrownBy(() -> Region.prefix("4201")).hasMessageContaining("six digits");
    }

    @Test
    void filterOfARegionLimitedActorIsNarrowedToTheActorsRegion() {
        Actor wuhan = new Actor("li.si", Set.of("STAFF"), "420100");
        assertThat(ExceptionFilter.all().within(wuhan).region()).isEqualTo("420100");
        assertThat(ExceptionFilter.all().withRegion("420102").within(wuhan).region()).isEqualTo("420102");
        assertThat(ExceptionFilter.all().withRegion("420500").within(wuhan).region()).isEqualTo("420100");
        assertThat(ExceptionFilter.all().within(new Actor("p", Set.of("STAFF"), null)).region()).isNull();
    }
}
