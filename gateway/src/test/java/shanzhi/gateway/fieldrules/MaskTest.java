package shanzhi.gateway.fieldrules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import shanzhi.api.Born;
import shanzhi.api.Generalisation;
import shanzhi.api.MaskCondition;
import shanzhi.schema.types.FilterMatch;

/** The masks, the mask condition and the generalisation of schema/access.graphqls, value by value. */
class MaskTest {

    @Test
    void anIdNumberKeepsOnlyItsRegionOfIssue() {
        assertThat(Mask.ID_NUMBER.apply("44051319961214187X")).isEqualTo("440513************");
    }

    @Test
    void aPhoneKeepsThreeAndFour() {
        assertThat(Mask.PHONE.apply("13812345678")).isEqualTo("138****5678");
    }

    @Test
    void aNameKeepsItsFirstCharacterAndOneStarPerFurtherCharacter() {
        assertThat(Mask.NAME.apply("张三丰")).isEqualTo("张**");
        assertThat(Mask.NAME.apply("欧阳娜")).isEqualTo("欧**");
        assertThat(Mask.NAME.apply("𠀋伟")).as("a character outside the BMP is one character").isEqualTo("𠀋*");
        assertThat(Mask.NAME.apply("李")).isEqualTo("*");
    }

    @Test
    void aChildUnder14IsJudgedByBirthYearAloneSoTheMaskDoesNotTellTheBirthday() {
        LocalDate today = LocalDate.of(2026, 3, 1);
        assertThat(MaskCondition.CHILD_UNDER_14.holdsFor(born(LocalDate.of(2012, 12, 31)), today)).isTrue();
        // turns 14 in January 2026, yet stays masked all year: the day of unmasking would be the birthday
        assertThat(MaskCondition.CHILD_UNDER_14.holdsFor(born(LocalDate.of(2012, 1, 1)), today)).isTrue();
        assertThat(MaskCondition.CHILD_UNDER_14.holdsFor(born(LocalDate.of(2011, 12, 31)), today)).isFalse();
        assertThat(MaskCondition.CHILD_UNDER_14.firstBirthDate(today)).isEqualTo(LocalDate.of(2012, 1, 1));
        assertThat(MaskCondition.CHILD_UNDER_14.holdsFor("not a person", today)).as("fails closed").isTrue();
    }

    @Test
    void aYearGeneralisationShowsTheYearAndAcceptsOnlyWholeYearBounds() {
        assertThat(Generalisation.YEAR.apply(LocalDate.of(1996, 12, 14))).isEqualTo(1996);
        assertThat(Generalisation.YEAR.aligned(FilterMatch.AT_LEAST, LocalDate.of(1996, 1, 1))).isTrue();
        assertThat(Generalisation.YEAR.aligned(FilterMatch.AT_LEAST, LocalDate.of(1996, 12, 31))).isFalse();
        assertThat(Generalisation.YEAR.aligned(FilterMatch.AT_MOST, LocalDate.of(1996, 12, 31))).isTrue();
        assertThat(Generalisation.YEAR.aligned(FilterMatch.AT_MOST, LocalDate.of(1996, 1, 1))).isFalse();
        assertThat(Generalisation.YEAR.aligned(FilterMatch.EQUALS, LocalDate.of(1996, 1, 1))).isFalse();
    }

    private static Born born(LocalDate date) {
        return () -> date;
    }
}
