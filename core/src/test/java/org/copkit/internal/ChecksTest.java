package org.copkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.copkit.ErrorCode;
import org.copkit.InvalidInputException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Checks}: every failure is an {@link InvalidInputException} whose message names the field. */
class ChecksTest {
    private static final String DECOMPOSED_E = "e\u0301";
    private static final String COMPOSED_E = "\u00e9";
    private static final String EMOJI = "\uD83D\uDE80"; // U+1F680 rocket, a surrogate pair

    private static String repeat(String s, int n) {
        return s.repeat(n);
    }

    static void assertInvalid(Runnable check, String field) {
        assertThatThrownBy(check::run).isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).code()).isEqualTo(ErrorCode.INVALID))
                .hasMessageContaining(field);
    }

    @Nested
    class Present {
        @Test
        void present_rejectsNull_namingTheField() {
            assertInvalid(() -> Checks.present("thing.name", null), "thing.name");
        }

        @Test
        void present_returnsTheValue() {
            assertThat(Checks.present("f", "x")).isEqualTo("x");
        }
    }

    @Nested
    class Lines {
        @Test
        void line_normalisesToNfc_decomposedBecomesComposed() {
            String v = Checks.line("f", "caf" + DECOMPOSED_E, 10);

            assertThat(v).isEqualTo("caf" + COMPOSED_E).hasSize(4);
        }

        @Test
        void line_trimsWhiteSpace_includingUnicodeSpaces() {
            assertThat(Checks.line("f", " \t\u2003 Water\u3000 ", 10)).isEqualTo("Water");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", " ", "\t\n", "\u2003"})
        void line_rejectsBlank(String blank) {
            assertInvalid(() -> Checks.line("community.name", blank, 10), "community.name");
        }

        @Test
        void line_acceptsTheMaximumLength_andRejectsOneMore() {
            assertThat(Checks.line("f", repeat("a", 200), 200)).hasSize(200);
            assertInvalid(() -> Checks.line("community.name", repeat("a", 201), 200), "community.name");
            assertThatThrownBy(() -> Checks.line("f", repeat("a", 201), 200)).hasMessageContaining("201");
        }

        @Test
        void line_measuresLengthAfterNormalisation() {
            // 200 decomposed characters are 400 chars, but only 200 after NFC
            assertThat(Checks.line("f", repeat(DECOMPOSED_E, 200), 200)).hasSize(200);
        }

        @ParameterizedTest
        @ValueSource(strings = {"a\nb", "a\tb", "a\u0000b", "a\u001Bb", "a\u007Fb", "a\u0085b", "a\rb", "a\u2028b"})
        void line_rejectsControlCharactersAndLineBreaksInside(String value) {
            assertInvalid(() -> Checks.line("item.title", value, 100), "item.title");
        }

        @Test
        void line_acceptsSupplementaryCharacters() {
            assertThat(Checks.line("f", "Launch " + EMOJI, 20)).isEqualTo("Launch " + EMOJI);
        }

        @ParameterizedTest
        @ValueSource(strings = {"a\uD83D", "\uDE80a", "a\uDE80\uD83Db"})
        void line_rejectsUnpairedSurrogates(String value) {
            assertInvalid(() -> Checks.line("item.title", value, 100), "item.title");
            assertThatThrownBy(() -> Checks.line("f", value, 100)).hasMessageContaining("surrogate");
        }
    }

    @Nested
    class Texts {
        @Test
        void text_allowsNewlineAndTab() {
            assertThat(Checks.text("f", "a\n\tb", 10)).isEqualTo("a\n\tb");
        }

        @Test
        void text_normalisesCrLfAndLoneCrToLf() {
            assertThat(Checks.text("f", "a\r\nb\rc\n", 10)).isEqualTo("a\nb\nc\n");
        }

        @Test
        void text_measuresLengthAfterLineBreakNormalisation() {
            assertThat(Checks.text("f", repeat("a\r\n", 5), 10)).hasSize(10);
        }

        @Test
        void text_mayBeEmpty_butNotNull() {
            assertThat(Checks.text("f", "", 10)).isEmpty();
            assertInvalid(() -> Checks.text("item.body", null, 10), "item.body");
        }

        @Test
        void text_isNotTrimmed() {
            assertThat(Checks.text("f", "  indented\n", 20)).isEqualTo("  indented\n");
        }

        @Test
        void text_normalisesToNfc() {
            assertThat(Checks.text("f", DECOMPOSED_E + "\n" + DECOMPOSED_E, 10)).isEqualTo(COMPOSED_E + "\n" + COMPOSED_E);
        }

        @ParameterizedTest
        @ValueSource(strings = {"a\u0000b", "a\u0007b", "a\u001Bb", "a\u007Fb", "a\u0085"})
        void text_rejectsOtherControlCharacters(String value) {
            assertInvalid(() -> Checks.text("item.body", value, 100), "item.body");
        }

        @Test
        void text_acceptsTheMaximumLength_andRejectsOneMore() {
            assertThat(Checks.text("f", repeat("x", 4_000), 4_000)).hasSize(4_000);
            assertInvalid(() -> Checks.text("community.purpose", repeat("x", 4_001), 4_000), "community.purpose");
        }

        @Test
        void text_rejectsUnpairedSurrogates_andAcceptsEmoji() {
            assertInvalid(() -> Checks.text("item.body", "ok\uD83D\nno", 100), "item.body");
            assertThat(Checks.text("f", EMOJI + "\n" + EMOJI, 10)).isEqualTo(EMOJI + "\n" + EMOJI);
        }

        @Test
        void nonBlankText_rejectsWhiteSpaceOnly() {
            assertInvalid(() -> Checks.nonBlankText("reason", " \n\t", 100), "reason");
            assertThat(Checks.nonBlankText("reason", " why ", 100)).isEqualTo(" why ");
        }
    }

    @Nested
    class Languages {
        @ParameterizedTest
        @ValueSource(strings = {"nl", "en-GB", "de-CH", "fy"})
        void languageTag_acceptsWellFormedTags(String tag) {
            assertThat(Checks.languageTag("f", tag).toLanguageTag()).isEqualTo(tag);
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "en_GB", "englishlanguage", "e1", "nl-", "-nl", "n l"})
        void languageTag_rejectsMalformedOrEmptyTags(String tag) {
            assertInvalid(() -> Checks.languageTag("item.language", tag), "item.language");
        }

        @Test
        void language_acceptsLocalesWithALanguage() {
            assertThat(Checks.language("f", Locale.forLanguageTag("en-GB"))).isEqualTo(Locale.UK);
            assertThat(Checks.language("f", Locale.forLanguageTag("nl"))).isEqualTo(new Locale("nl"));
        }

        @Test
        void language_rejectsTheEmptyLocale() {
            assertInvalid(() -> Checks.language("member.languages", Locale.ROOT), "member.languages");
            assertInvalid(() -> Checks.language("member.languages", Locale.forLanguageTag("und")), "member.languages");
        }

        @Test
        void language_rejectsAMalformedLocale() {
            assertInvalid(() -> Checks.language("item.language", new Locale("e1")), "item.language");
            assertInvalid(() -> Checks.language("item.language", new Locale("nl", "N L")), "item.language");
        }

        @Test
        void language_rejectsNull() {
            assertInvalid(() -> Checks.language("item.language", null), "item.language");
        }
    }

    @Nested
    class Ids {
        @Test
        void id_acceptsOneTo128Characters() {
            assertThat(Checks.id("f", "a")).isEqualTo("a");
            assertThat(Checks.id("f", repeat("x", 128))).hasSize(128);
            assertThat(Checks.id("f", "gemeente-arnhem:user/42")).isEqualTo("gemeente-arnhem:user/42");
        }

        @Test
        void id_rejects129Characters_andEmpty() {
            assertInvalid(() -> Checks.id("MemberId", repeat("x", 129)), "MemberId");
            assertThatThrownBy(() -> Checks.id("f", repeat("x", 129))).hasMessageContaining("129");
            assertInvalid(() -> Checks.id("MemberId", ""), "MemberId");
            assertInvalid(() -> Checks.id("MemberId", null), "MemberId");
        }

        @ParameterizedTest
        @ValueSource(strings = {"a b", " a", "a ", "a\tb", "a\nb", "a\u00A0b", "a\u2003b", "a\u2028b", "a\u0000b",
                "a\u007Fb", "a\u0085b"})
        void id_rejectsWhiteSpaceAndControlCharacters(String value) {
            assertInvalid(() -> Checks.id("CommunityId", value), "CommunityId");
        }
    }

    @Nested
    class TagsAndCollections {
        @Test
        void tags_areLowerCasedTrimmedAndNormalised() {
            assertThat(Checks.tags("item.tags", List.of(" Water ", "KLIMAAT", "Caf" + "E\u0301"), 10))
                    .containsExactly("water", "klimaat", "caf" + COMPOSED_E);
        }

        @Test
        void tags_thatDifferOnlyInCase_becomeOne() {
            assertThat(Checks.tags("item.tags", List.of("Dikes", "dikes", "DIKES"), 10)).containsExactly("dikes");
        }

        @Test
        void tags_lowerCaseInTheRootLocale() {
            assertThat(Checks.tag("f", "TITLE")).isEqualTo("title"); // not the Turkish dotless i
        }

        @Test
        void tag_acceptsSixtyFourCharacters_andRejectsSixtyFive() {
            assertThat(Checks.tag("f", repeat("T", 64))).isEqualTo(repeat("t", 64));
            assertInvalid(() -> Checks.tag("item.tags", repeat("t", 65)), "item.tags");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "  ", "a\nb", "a\u0000"})
        void tag_rejectsBlankAndControlCharacters(String tag) {
            assertInvalid(() -> Checks.tags("item.tags", List.of(tag), 10), "item.tags");
        }

        @Test
        void tags_rejectNullAndTooMany() {
            assertInvalid(() -> Checks.tags("item.tags", Arrays.asList("a", null), 10), "item.tags");
            assertInvalid(() -> Checks.tags("item.tags", List.of("a", "b", "c"), 2), "item.tags");
        }

        @Test
        void set_keepsOrder_andRejectsNullElementsAndTooMany() {
            assertThat(Checks.set("f", List.of("b", "a", "b"), 5)).containsExactly("b", "a");
            assertInvalid(() -> Checks.set("practice.stewards", Arrays.asList("a", null), 5), "practice.stewards");
            assertInvalid(() -> Checks.set("practice.stewards", Set.of("a", "b"), 1), "practice.stewards");
            assertInvalid(() -> Checks.set("practice.stewards", null, 1), "practice.stewards");
        }

        @Test
        void list_rejectsNullElementsAndTooMany() {
            assertThat(Checks.list("f", List.of("b", "a", "b"), 5)).containsExactly("b", "a", "b");
            assertInvalid(() -> Checks.list("item.approvals", Arrays.asList("a", null), 5), "item.approvals");
            assertInvalid(() -> Checks.list("item.approvals", List.of("a", "b"), 1), "item.approvals");
        }
    }

    @Nested
    class Numbers {
        @Test
        void range_acceptsTheBounds_andRejectsOneBeyond() {
            assertThat(Checks.range("f", 0, 0, 10)).isZero();
            assertThat(Checks.range("f", 10, 0, 10)).isEqualTo(10);
            assertInvalid(() -> Checks.range("practice.requiredApprovals", 11, 0, 10), "practice.requiredApprovals");
            assertInvalid(() -> Checks.range("practice.requiredApprovals", -1, 0, 10), "practice.requiredApprovals");
        }

        @Test
        void nonNegative_rejectsNegatives() {
            assertThat(Checks.nonNegative("f", 0)).isZero();
            assertInvalid(() -> Checks.nonNegative("item.version", -1), "item.version");
        }

        @Test
        void zone_parsesIanaIds_andRejectsUnknownOnes() {
            assertThat(Checks.zone("f", "Europe/Amsterdam").getId()).isEqualTo("Europe/Amsterdam");
            assertInvalid(() -> Checks.zone("member.timeZone", "Europe/Atlantis"), "member.timeZone");
        }

        @Test
        void abbreviate_shortensLongValues() {
            assertThat(Checks.abbreviate(repeat("x", 60))).hasSize(60);
            assertThat(Checks.abbreviate(repeat("x", 61))).hasSize(60).endsWith("...");
        }
    }

    @Nested
    class Sets {
        @Test
        void set_keepsFirstOccurrenceOrder_andDropsDuplicates_atEverySize() {
            for (int n : new int[] {0, 1, 2, 5, 16, 17, 40}) {
                List<Integer> values = new java.util.ArrayList<>();
                for (int i = n - 1; i >= 0; i--) {
                    values.add(i);
                    values.add(i); // a duplicate right after
                }
                Set<Integer> set = Checks.set("f", values, 100);
                assertThat(set).hasSize(n);
                assertThat(List.copyOf(set)).isEqualTo(values.stream().distinct().toList());
                assertThat(set).isEqualTo(new java.util.HashSet<>(values));
                assertThat(set.hashCode()).isEqualTo(new java.util.HashSet<>(values).hashCode());
                assertThat(set.contains(null)).isFalse();
                assertThat(set.contains(n)).isFalse();
                assertThatThrownBy(() -> set.add(-1)).isInstanceOf(UnsupportedOperationException.class);
                if (n > 0) {
                    assertThat(set).contains(0, n - 1);
                    assertThatThrownBy(() -> set.remove(0)).isInstanceOf(UnsupportedOperationException.class);
                }
            }
        }

        @Test
        void set_rejectsNull_atEverySize() {
            for (int n : new int[] {1, 2, 16, 17}) {
                List<String> values = new java.util.ArrayList<>(java.util.Collections.nCopies(n - 1, "x"));
                values.add(null);
                assertThatThrownBy(() -> Checks.set("f", values, 100)).isInstanceOf(InvalidInputException.class)
                        .hasMessage("f must not contain null");
            }
        }

        @Test
        void set_isACopy() {
            List<String> values = new java.util.ArrayList<>(List.of("a", "b", "c"));
            Set<String> set = Checks.set("f", values, 10);
            values.set(0, "z");
            assertThat(set).containsExactly("a", "b", "c");
        }
    }
}
