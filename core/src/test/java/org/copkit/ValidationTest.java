package org.copkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.copkit.RuleFixtures.ORG_A;
import static org.copkit.RuleFixtures.ORG_B;
import static org.copkit.RuleFixtures.ORG_C;

import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.copkit.access.Audience;
import org.copkit.access.AudienceLevel;
import org.copkit.access.Visibility;
import org.copkit.community.CommunityId;
import org.copkit.community.MembershipPolicy;
import org.copkit.domain.CompetencyId;
import org.copkit.knowledge.ItemContent;
import org.copkit.member.Competence;
import org.copkit.member.MemberId;
import org.copkit.member.MemberProfile;
import org.copkit.member.Organization;
import org.copkit.member.OrganizationId;
import org.copkit.member.Proficiency;
import org.copkit.search.SearchQuery;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Validation in the records' compact constructors; every failure names the field. */
class ValidationTest {
    private static void assertInvalid(Supplier<?> construct, String field) {
        assertThatThrownBy(construct::get).isInstanceOf(InvalidInputException.class).hasMessageContaining(field);
    }

    @Nested
    class Ids {
        @Test
        void typedIds_rejectWhiteSpace_controlCharacters_and129Characters_namingTheType() {
            assertInvalid(() -> MemberId.of("ann smith"), "MemberId");
            assertInvalid(() -> CommunityId.of("c\u0000"), "CommunityId");
            assertInvalid(() -> OrganizationId.of("x".repeat(129)), "OrganizationId");
            assertThat(OrganizationId.of("x".repeat(128)).value()).hasSize(128);
        }
    }

    @Nested
    class Audiences {
        @Test
        void organization_needsExactlyOneOrganisation() {
            assertThat(Audience.organization(ORG_A).organizations()).containsExactly(ORG_A);
            assertInvalid(() -> new Audience(AudienceLevel.ORGANIZATION, Set.of()), "audience.organizations");
            assertInvalid(() -> new Audience(AudienceLevel.ORGANIZATION, Set.of(ORG_A, ORG_B)),
                    "audience.organizations");
        }

        @Test
        void partners_needsAtLeastTwoOrganisations() {
            assertThat(Audience.partners(ORG_A, ORG_B, ORG_C).organizations()).containsExactly(ORG_A, ORG_B, ORG_C);
            assertInvalid(() -> Audience.partners(ORG_A), "audience.organizations");
            assertInvalid(() -> Audience.partners(ORG_A, ORG_A), "audience.organizations");
        }

        @ParameterizedTest
        @ValueSource(strings = {"COMMUNITY", "PLATFORM"})
        void widerLevels_nameNoOrganisation(AudienceLevel level) {
            assertThat(new Audience(level, Set.of()).organizations()).isEmpty();
            assertInvalid(() -> new Audience(level, Set.of(ORG_A)), "audience.organizations");
        }

        @Test
        void level_isRequired() {
            assertInvalid(() -> new Audience(null, Set.of()), "audience.level");
        }
    }

    @Nested
    class Visibilities {
        @Test
        void communityAudience_needsACommunity() {
            assertInvalid(() -> new Visibility(Optional.empty(), Optional.empty(), Audience.community(), false,
                    Set.of()), "visibility.community");
            assertThat(new Visibility(Optional.of(CommunityId.of("c")), Optional.empty(), Audience.community(), true,
                    Set.of()).unpublished()).isTrue();
        }

        @Test
        void otherAudiences_needNoCommunity() {
            assertThat(Visibility.platform().community()).isEmpty();
            assertThat(new Visibility(Optional.empty(), Optional.empty(), Audience.organization(ORG_A), false,
                    Set.of()).audience().level()).isEqualTo(AudienceLevel.ORGANIZATION);
        }
    }

    @Nested
    class Pages {
        @Test
        void limit_isOneTo500() {
            assertThat(PageRequest.first(1).limit()).isEqualTo(1);
            assertThat(PageRequest.first(PageRequest.MAX_LIMIT).limit()).isEqualTo(500);
            assertInvalid(() -> PageRequest.first(0), "page.limit");
            assertInvalid(() -> PageRequest.first(501), "page.limit");
            assertThat(PageRequest.first().limit()).isEqualTo(PageRequest.DEFAULT_LIMIT);
        }

        @Test
        void after_mustBeANonBlankCursorOfAtMost512Characters() {
            assertThat(PageRequest.first().after("x".repeat(512)).after()).contains("x".repeat(512));
            assertInvalid(() -> PageRequest.first().after(" "), "page.after");
            assertInvalid(() -> PageRequest.first().after("x".repeat(513)), "page.after");
            assertInvalid(() -> new PageRequest(null, 10), "page.after");
        }
    }

    @Nested
    class SearchQueries {
        @Test
        void text_isAtMost2000Characters_andMayBeBlank() {
            assertThat(SearchQuery.of("").text()).isEmpty();
            assertThat(SearchQuery.of("x".repeat(SearchQuery.MAX_TEXT)).text()).hasSize(2_000);
            assertInvalid(() -> SearchQuery.of("x".repeat(2_001)), "query.text");
            assertInvalid(() -> SearchQuery.of(null), "query.text");
        }

        @Test
        void offsetAndLimit_haveBounds() {
            assertThat(SearchQuery.of("q").page(10_000, 100).limit()).isEqualTo(100);
            assertInvalid(() -> SearchQuery.of("q").page(-1, 10), "query.offset");
            assertInvalid(() -> SearchQuery.of("q").page(10_001, 10), "query.offset");
            assertInvalid(() -> SearchQuery.of("q").page(0, 0), "query.limit");
            assertInvalid(() -> SearchQuery.of("q").page(0, 101), "query.limit");
        }

        @Test
        void tags_areLowerCased_andAtMostTwenty() {
            assertThat(SearchQuery.of("q").withTags("Dikes", " WATER ").tags()).containsExactlyInAnyOrder("dikes",
                    "water");
            String[] tooMany = new String[21];
            for (int i = 0; i < tooMany.length; i++) {
                tooMany[i] = "t" + i;
            }
            assertInvalid(() -> SearchQuery.of("q").withTags(tooMany), "query.tags");
        }

        @Test
        void filterSets_rejectNull_namingTheField() {
            SearchQuery q = SearchQuery.of("q");
            assertInvalid(() -> new SearchQuery("q", null, Set.of(), Set.of(), Set.of(), Set.of(), Set.of(),
                    Optional.empty(), Optional.empty(), q.sort(), 0, 10), "query.types");
            assertInvalid(() -> new SearchQuery("q", Set.of(), Set.of(), Set.of(), Set.of(), null, Set.of(),
                    Optional.empty(), Optional.empty(), q.sort(), 0, 10), "query.languages");
            assertInvalid(() -> new SearchQuery("q", Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of(),
                    Optional.empty(), Optional.empty(), null, 0, 10), "query.sort");
        }
    }

    @Nested
    class Profiles {
        private final MemberProfile base = MemberProfile.of("Ann", ORG_A);

        @Test
        void displayName_isNormalisedAndTrimmed() {
            assertThat(MemberProfile.of("  Rene\u0301 ", ORG_A).displayName()).isEqualTo("Ren\u00e9");
            assertInvalid(() -> MemberProfile.of(" ", ORG_A), "member.displayName");
            assertInvalid(() -> MemberProfile.of("x".repeat(201), ORG_A), "member.displayName");
        }

        @Test
        void competences_mayNotListACompetencyTwice() {
            CompetencyId dikes = CompetencyId.of("dikes");
            assertInvalid(() -> base.withCompetences(List.of(new Competence(dikes, Proficiency.AWARE),
                    new Competence(dikes, Proficiency.EXPERT))), "member.competences");
            assertThat(base.withCompetences(List.of(new Competence(dikes, Proficiency.AWARE),
                    new Competence(CompetencyId.of("pumps"), Proficiency.EXPERT))).competences()).hasSize(2);
        }

        @Test
        void languages_needAtLeastOneWellFormedLanguage() {
            assertThat(base.withLanguages(Locale.forLanguageTag("nl"), Locale.forLanguageTag("en-GB")).languages())
                    .containsExactly(new Locale("nl"), Locale.UK);
            assertInvalid(() -> base.withLanguages(), "member.languages");
            assertInvalid(() -> base.withLanguages(Locale.ROOT), "member.languages");
        }

        @Test
        void location_isALine() {
            assertThat(base.withLocation(" Arnhem ").location()).contains("Arnhem");
            assertInvalid(() -> base.withLocation("Arnhem\nNijmegen"), "member.location");
        }

        @Test
        void timeZone_isRequired() {
            assertInvalid(() -> base.withTimeZone(null), "member.timeZone");
            assertThat(base.withTimeZone(ZoneOffset.UTC).timeZone()).isEqualTo(ZoneOffset.UTC);
        }
    }

    @Nested
    class Texts {
        @Test
        void organization_nameAtTheLimit_andOneOver() {
            assertThat(new Organization(ORG_A, "n".repeat(Organization.MAX_NAME), "", RuleFixtures.NOW, 1).name())
                    .hasSize(200);
            assertInvalid(() -> new Organization(ORG_A, "n".repeat(201), "", RuleFixtures.NOW, 1),
                    "organization.name");
            assertInvalid(() -> new Organization(ORG_A, "n", "d".repeat(4_001), RuleFixtures.NOW, 1),
                    "organization.description");
        }

        @Test
        void organization_descriptionNormalisesCrLf() {
            assertThat(new Organization(ORG_A, "n", "a\r\nb", RuleFixtures.NOW, 1).description()).isEqualTo("a\nb");
        }

        @Test
        void itemContent_tagsAreLowerCased_titleIsALine_bodyAllowsTabsAndNewlines() {
            ItemContent c = new ItemContent(" Dikes\u0301 ", "line\n\tindented\r\n", Set.of("Water", "KLIMAAT"),
                    Set.of(), Locale.forLanguageTag("nl"));

            assertThat(c.title()).isEqualTo("Dike\u015b"); // s + combining acute composes to U+015B
            assertThat(c.body()).isEqualTo("line\n\tindented\n");
            assertThat(c.tags()).containsExactlyInAnyOrder("water", "klimaat");
            assertInvalid(() -> c.withTitle("two\nlines"), "item.title");
            assertInvalid(() -> c.withTitle("x".repeat(ItemContent.MAX_TITLE + 1)), "item.title");
            assertInvalid(() -> c.withBody("bell\u0007"), "item.body");
            assertInvalid(() -> c.withTags("ok", "bad\u0000"), "item.tags");
            assertInvalid(() -> new ItemContent("t", "", Set.of(), Set.of(), Locale.ROOT), "item.language");
        }

        @Test
        void itemContent_acceptsEmoji_andRejectsUnpairedSurrogates() {
            ItemContent c = ItemContent.of("Launch \uD83D\uDE80", "\uD83D\uDE80", Locale.ENGLISH);

            assertThat(c.title()).endsWith("\uD83D\uDE80");
            assertInvalid(() -> c.withTitle("broken \uD83D"), "item.title");
            assertInvalid(() -> c.withBody("broken \uDE80"), "item.body");
        }

        @Test
        void community_nameAndPurposeLimits() {
            assertThat(RuleFixtures.community("c", "n".repeat(200), MembershipPolicy.OPEN).name()).hasSize(200);
            assertInvalid(() -> RuleFixtures.community("c", "n".repeat(201), MembershipPolicy.OPEN), "community.name");
        }
    }
}
