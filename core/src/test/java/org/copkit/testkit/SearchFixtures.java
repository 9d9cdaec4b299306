package org.copkit.testkit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.copkit.ObjectType;
import org.copkit.Ref;
import org.copkit.access.Actor;
import org.copkit.access.Audience;
import org.copkit.access.ViewerScope;
import org.copkit.access.Visibility;
import org.copkit.community.CommunityId;
import org.copkit.community.PracticeId;
import org.copkit.member.MemberId;
import org.copkit.member.OrganizationId;
import org.copkit.search.SearchDocument;

/**
 * Builders for {@link SearchDocument}s and {@link ViewerScope}s used by {@link SearchIndexContract},
 * and a seeded generator of random documents and readers for the brute-force visibility tests.
 * Backend modules may use them in their own tests. Stateless; every method returns new objects.
 */
public final class SearchFixtures {
    /** The time every document gets unless told otherwise. */
    public static final Instant T0 = Instant.parse("2024-03-01T09:00:00Z");

    /** Organisations. */
    public static final OrganizationId ORG_A = OrganizationId.of("org-a");
    /** Organisations. */
    public static final OrganizationId ORG_B = OrganizationId.of("org-b");
    /** Organisations. */
    public static final OrganizationId ORG_C = OrganizationId.of("org-c");

    /** Communities. */
    public static final CommunityId COMMUNITY_1 = CommunityId.of("community-1");
    /** Communities. */
    public static final CommunityId COMMUNITY_2 = CommunityId.of("community-2");

    /** A practice of {@link #COMMUNITY_1}. */
    public static final PracticeId PRACTICE_1 = PracticeId.of("practice-1");
    /** A practice of {@link #COMMUNITY_2}. */
    public static final PracticeId PRACTICE_2 = PracticeId.of("practice-2");

    /** The author the builders use as editor when asked for one. */
    public static final MemberId AUTHOR = MemberId.of("author");

    /** English. */
    public static final Locale EN = Locale.forLanguageTag("en");
    /** Dutch. */
    public static final Locale NL = Locale.forLanguageTag("nl");
    /** German. */
    public static final Locale DE = Locale.forLanguageTag("de");

    /** Every status name the fixtures use, for queries that must not filter by status. */
    public static final List<String> ALL_STATUSES =
            List.of("DRAFT", "IN_REVIEW", "PUBLISHED", "NEEDS_REVIEW", "ARCHIVED", "SUPERSEDED", "ACTIVE");

    /** Statuses of knowledge items that are unpublished. */
    public static final Set<String> UNPUBLISHED = Set.of("DRAFT", "IN_REVIEW");

    /** Statuses of knowledge items a default query returns. */
    public static final Set<String> CURRENT = Set.of("PUBLISHED", "NEEDS_REVIEW");

    /** Distinctive plain words for generated titles and bodies (no stems of each other, no stop words). */
    public static final List<String> WORDS =
            List.of("falcon", "granite", "harbor", "lantern", "meadow", "orchid", "quartz", "saffron");

    /** Tags for generated documents. */
    public static final List<String> TAGS = List.of("budget", "climate", "housing", "mobility", "privacy", "water");

    private SearchFixtures() {}

    /**
     * @param id the item id
     * @return a builder for a published knowledge item in {@link #COMMUNITY_1}, readable by the whole
     *     platform, in English, updated at {@link #T0}, titled "Item " + id with an empty body
     */
    public static DocumentBuilder item(String id) {
        return new DocumentBuilder(new Ref(ObjectType.KNOWLEDGE_ITEM, id));
    }

    /**
     * @param type the object type
     * @param id the object id
     * @return a builder like {@link #item} for another type, with status {@code ACTIVE}
     */
    public static DocumentBuilder document(ObjectType type, String id) {
        DocumentBuilder b = new DocumentBuilder(new Ref(type, id));
        return type == ObjectType.KNOWLEDGE_ITEM ? b : b.status("ACTIVE");
    }

    /**
     * @param member the reader's id
     * @return a builder for an ordinary reader of {@link #ORG_A} without memberships
     */
    public static ScopeBuilder reader(String member) {
        return new ScopeBuilder(MemberId.of(member));
    }

    /** @return the host's system scope, which sees everything */
    public static ViewerScope system() {
        return Actor.systemActor().scope();
    }

    /** Builds one {@link SearchDocument}. Not thread-safe. */
    public static final class DocumentBuilder {
        private final Ref ref;
        private String title;
        private String body = "";
        private final Set<String> tags = new LinkedHashSet<>();
        private Locale language = EN;
        private String status = "PUBLISHED";
        private Optional<CommunityId> community = Optional.of(COMMUNITY_1);
        private Optional<PracticeId> practice = Optional.empty();
        private Audience audience = Audience.platform();
        private final Set<MemberId> editors = new LinkedHashSet<>();
        private Instant updatedAt = T0;

        private DocumentBuilder(Ref ref) {
            this.ref = ref;
            this.title = "Item " + ref.id();
        }

        /** @return this, with the title */
        public DocumentBuilder title(String title) {
            this.title = title;
            return this;
        }

        /** @return this, with the body */
        public DocumentBuilder body(String body) {
            this.body = body;
            return this;
        }

        /** @return this, with these tags added */
        public DocumentBuilder tags(String... tags) {
            this.tags.addAll(List.of(tags));
            return this;
        }

        /** @return this, in the language */
        public DocumentBuilder language(Locale language) {
            this.language = language;
            return this;
        }

        /** @return this, with the status; {@code DRAFT} and {@code IN_REVIEW} make it unpublished */
        public DocumentBuilder status(String status) {
            this.status = status;
            return this;
        }

        /** @return this, as an unpublished draft */
        public DocumentBuilder draft() {
            return status("DRAFT");
        }

        /** @return this, in the community */
        public DocumentBuilder community(CommunityId community) {
            this.community = Optional.of(community);
            return this;
        }

        /** @return this, outside any community (the audience must not be COMMUNITY) */
        public DocumentBuilder noCommunity() {
            this.community = Optional.empty();
            return this;
        }

        /** @return this, in the practice */
        public DocumentBuilder practice(PracticeId practice) {
            this.practice = Optional.of(practice);
            return this;
        }

        /** @return this, readable by the audience */
        public DocumentBuilder audience(Audience audience) {
            this.audience = audience;
            return this;
        }

        /** @return this, with these editors added */
        public DocumentBuilder editors(MemberId... editors) {
            this.editors.addAll(List.of(editors));
            return this;
        }

        /** @return this, last updated at the instant */
        public DocumentBuilder updatedAt(Instant updatedAt) {
            this.updatedAt = updatedAt;
            return this;
        }

        /** @return this, last updated the given number of days after {@link #T0} */
        public DocumentBuilder day(int day) {
            return updatedAt(T0.plus(Duration.ofDays(day)));
        }

        /** @return the document */
        public SearchDocument build() {
            Visibility v = new Visibility(community, practice, audience, UNPUBLISHED.contains(status), editors);
            return new SearchDocument(ref, title, body, tags, language, status, practice, v, updatedAt);
        }
    }

    /** Builds one {@link ViewerScope}. Not thread-safe. */
    public static final class ScopeBuilder {
        private final MemberId member;
        private OrganizationId organization = ORG_A;
        private final Set<CommunityId> communities = new LinkedHashSet<>();
        private final Set<CommunityId> reviewerOf = new LinkedHashSet<>();
        private final Set<PracticeId> stewardOf = new LinkedHashSet<>();

        private ScopeBuilder(MemberId member) {
            this.member = member;
        }

        /** @return this, for a member of the organisation */
        public ScopeBuilder of(OrganizationId organization) {
            this.organization = organization;
            return this;
        }

        /** @return this, as an active (ordinary) member of the communities */
        public ScopeBuilder activeIn(CommunityId... communities) {
            this.communities.addAll(List.of(communities));
            return this;
        }

        /** @return this, as an active core member (reviewer) of the communities */
        public ScopeBuilder reviews(CommunityId... communities) {
            activeIn(communities);
            this.reviewerOf.addAll(List.of(communities));
            return this;
        }

        /** @return this, as steward of the practices */
        public ScopeBuilder stewards(PracticeId... practices) {
            this.stewardOf.addAll(List.of(practices));
            return this;
        }

        /** @return the scope */
        public ViewerScope build() {
            return new ViewerScope(member, organization, communities, reviewerOf, stewardOf, false);
        }
    }

    /**
     * A deterministic random corpus: documents of every audience level, in four communities with two
     * practices each or in none, with random editors, statuses, languages, tags, words and times.
     * Every title carries a unique code word ({@code zq} plus letters), so a leaked title can be told
     * apart from a visible one.
     *
     * @param seed the seed
     * @param size how many documents
     * @return the documents, refs {@code KNOWLEDGE_ITEM:r0}, ... (about one in ten of type PRACTICE)
     */
    public static List<SearchDocument> randomDocuments(long seed, int size) {
        Random r = new Random(seed);
        List<OrganizationId> orgs = randomOrganizations();
        List<CommunityId> communities = randomCommunities();
        List<MemberId> members = randomMembers();
        List<Locale> languages = List.of(EN, NL, DE);
        List<String> itemStatuses = List.of("DRAFT", "IN_REVIEW", "PUBLISHED", "PUBLISHED", "NEEDS_REVIEW", "ARCHIVED",
                "SUPERSEDED");
        List<SearchDocument> out = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            boolean item = r.nextInt(10) != 0;
            DocumentBuilder b = item ? item("r" + i) : document(ObjectType.PRACTICE, "r" + i);
            Optional<CommunityId> community =
                    r.nextInt(6) == 0 ? Optional.empty() : Optional.of(communities.get(r.nextInt(communities.size())));
            if (community.isPresent()) {
                b.community(community.get());
                if (r.nextBoolean()) {
                    b.practice(PracticeId.of(community.get().value() + "-p" + r.nextInt(2)));
                }
            } else {
                b.noCommunity();
            }
            int level = r.nextInt(4);
            if (level == 2 && community.isEmpty()) {
                level = 3;
            }
            OrganizationId owner = orgs.get(r.nextInt(orgs.size()));
            b.audience(switch (level) {
                case 0 -> Audience.organization(owner);
                case 1 -> {
                    OrganizationId partner = orgs.get(r.nextInt(orgs.size()));
                    while (partner.equals(owner)) {
                        partner = orgs.get(r.nextInt(orgs.size()));
                    }
                    yield Audience.partners(owner, partner);
                }
                case 2 -> Audience.community();
                default -> Audience.platform();
            });
            int editors = r.nextInt(3);
            for (int e = 0; e < editors; e++) {
                b.editors(members.get(r.nextInt(members.size())));
            }
            if (item) {
                b.status(itemStatuses.get(r.nextInt(itemStatuses.size())));
            }
            b.language(languages.get(r.nextInt(languages.size())));
            int tags = r.nextInt(3);
            for (int t = 0; t < tags; t++) {
                b.tags(TAGS.get(r.nextInt(TAGS.size())));
            }
            String w1 = WORDS.get(r.nextInt(WORDS.size()));
            String w2 = WORDS.get(r.nextInt(WORDS.size()));
            String w3 = WORDS.get(r.nextInt(WORDS.size()));
            b.title(codeWord(i) + " " + w1).body("Notes on " + w2 + " and " + w3 + ".");
            b.updatedAt(T0.plus(Duration.ofHours(r.nextInt(24 * 60))));
            out.add(b.build());
        }
        return out;
    }

    /**
     * Random readers over the same organisations, communities, practices and members as
     * {@link #randomDocuments}: some without memberships, some active, reviewing or stewarding, some
     * reviewers of communities they are not active in (the rule must hold for those too).
     *
     * @param seed the seed
     * @param count how many readers
     * @return the readers (never the system scope)
     */
    public static List<ViewerScope> randomViewers(long seed, int count) {
        Random r = new Random(seed);
        List<OrganizationId> orgs = randomOrganizations();
        List<CommunityId> communities = randomCommunities();
        List<MemberId> members = randomMembers();
        List<ViewerScope> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Set<CommunityId> active = new HashSet<>();
            Set<CommunityId> reviewer = new HashSet<>();
            Set<PracticeId> steward = new HashSet<>();
            for (CommunityId c : communities) {
                int roll = r.nextInt(10);
                if (roll < 4) {
                    active.add(c);
                }
                if (roll < 2 || roll == 9) {
                    reviewer.add(c);
                }
                for (int p = 0; p < 2; p++) {
                    if (r.nextInt(8) == 0) {
                        steward.add(PracticeId.of(c.value() + "-p" + p));
                    }
                }
            }
            MemberId member = members.get(r.nextInt(members.size()));
            out.add(new ViewerScope(member, orgs.get(r.nextInt(orgs.size())), active, reviewer, steward, false));
        }
        return out;
    }

    /** @return a unique word of letters for document number {@code i}: zqa, zqb, ..., zqba, ... */
    public static String codeWord(int i) {
        StringBuilder b = new StringBuilder();
        int n = i;
        do {
            b.insert(0, (char) ('a' + n % 26));
            n /= 26;
        } while (n > 0);
        return "zq" + b;
    }

    private static List<OrganizationId> randomOrganizations() {
        return List.of(ORG_A, ORG_B, ORG_C, OrganizationId.of("org-d"), OrganizationId.of("org-e"));
    }

    private static List<CommunityId> randomCommunities() {
        return List.of(CommunityId.of("c1"), CommunityId.of("c2"), CommunityId.of("c3"), CommunityId.of("c4"));
    }

    private static List<MemberId> randomMembers() {
        List<MemberId> out = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            out.add(MemberId.of("m" + i));
        }
        return out;
    }
}
