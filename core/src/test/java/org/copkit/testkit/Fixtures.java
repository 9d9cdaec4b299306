package org.copkit.testkit;

import java.net.URI;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.copkit.ObjectType;
import org.copkit.Ref;
import org.copkit.access.Audience;
import org.copkit.access.Visibility;
import org.copkit.activity.Activity;
import org.copkit.activity.Verb;
import org.copkit.community.Community;
import org.copkit.community.CommunityId;
import org.copkit.community.Membership;
import org.copkit.community.MembershipPolicy;
import org.copkit.community.MembershipState;
import org.copkit.community.Practice;
import org.copkit.community.PracticeId;
import org.copkit.community.Role;
import org.copkit.community.Stage;
import org.copkit.domain.Competency;
import org.copkit.domain.CompetencyId;
import org.copkit.domain.Domain;
import org.copkit.domain.DomainId;
import org.copkit.knowledge.Approval;
import org.copkit.knowledge.ItemContent;
import org.copkit.knowledge.ItemKind;
import org.copkit.knowledge.ItemStatus;
import org.copkit.knowledge.KnowledgeItem;
import org.copkit.knowledge.KnowledgeItemId;
import org.copkit.knowledge.Provenance;
import org.copkit.knowledge.Revision;
import org.copkit.member.Competence;
import org.copkit.member.Member;
import org.copkit.member.MemberId;
import org.copkit.member.MemberProfile;
import org.copkit.member.Organization;
import org.copkit.member.OrganizationId;
import org.copkit.member.Proficiency;

/**
 * Factories for valid model records, for tests of storage backends, search indexes and services.
 * Every record is stamped with the fixed instant {@link #AT} (or a later one derived from it), has
 * version 1 and readable ids given by the caller. {@code touched(...)} returns a changed copy with
 * the next version, as an update would store it.
 *
 * <p>Records that name other records (a member's organisation, a community's domain) only name them;
 * tests against backends with foreign keys must insert the named records first.
 *
 * <p>Stateless and thread-safe.
 */
public final class Fixtures {
    /** The fixed instant of every fixture; microsecond precision, so it round-trips exactly. */
    public static final Instant AT = Instant.parse("2024-03-01T09:30:00.123456Z");

    private Fixtures() {}

    /**
     * @param seconds seconds after {@link #AT}
     * @return {@link #AT} plus that many seconds
     */
    public static Instant at(long seconds) {
        return AT.plusSeconds(seconds);
    }

    // ---- organisations and members

    /** @return organisation {@code id} named "Organisation id" */
    public static Organization organization(String id) {
        return new Organization(OrganizationId.of(id), "Organisation " + id, "About " + id + ".\nSecond line.",
                AT, 1);
    }

    /** @return member {@code id} of {@code organization} with a minimal profile */
    public static Member member(String id, String organization) {
        return new Member(MemberId.of(id), MemberProfile.of("Member " + id, OrganizationId.of(organization)), AT,
                1);
    }

    /**
     * A member whose profile uses every field: location, a non-UTC time zone, three languages in order
     * of preference, competences at several levels and ambitions.
     *
     * @param id the member id
     * @param organization the member's organisation
     * @param competencies at least two competency ids; the first is declared EXPERT, the second
     *     PRACTITIONER, any further ones are ambitions
     * @return the member
     */
    public static Member memberWithFullProfile(String id, String organization, String... competencies) {
        if (competencies.length < 2) {
            throw new IllegalArgumentException("name at least two competencies");
        }
        MemberProfile profile = new MemberProfile("Dr. " + id + " van der Berg-Ünal", OrganizationId.of(organization),
                Optional.of("Arnhem, kantoor Rijnstraat"), ZoneId.of("Europe/Amsterdam"),
                List.of(Locale.forLanguageTag("nl"), Locale.forLanguageTag("en-GB"), Locale.forLanguageTag("sr-Latn-RS")),
                List.of(new Competence(CompetencyId.of(competencies[0]), Proficiency.EXPERT),
                        new Competence(CompetencyId.of(competencies[1]), Proficiency.PRACTITIONER)),
                Stream.of(competencies).skip(2).map(CompetencyId::of).collect(java.util.stream.Collectors.toSet()),
                true);
        return new Member(MemberId.of(id), profile, AT, 1);
    }

    // ---- domains and competencies

    /** @return domain {@code id} created by {@code createdBy} */
    public static Domain domain(String id, String createdBy) {
        return new Domain(DomainId.of(id), "Domain " + id, "What " + id + " is about.", MemberId.of(createdBy), AT,
                1);
    }

    /** @return competency {@code id} of {@code domain} with one English label, no parent, no external URI */
    public static Competency competency(String id, String domain) {
        return new Competency(CompetencyId.of(id), DomainId.of(domain), Optional.empty(),
                Map.of(Locale.ENGLISH, "Competency " + id), Optional.empty(), 1);
    }

    /**
     * @return competency {@code id} of {@code domain} under {@code parent}, labelled in English, Dutch,
     *     German, Arabic and Chinese, pointing to an ESCO URI
     */
    public static Competency competencyWithParent(String id, String domain, String parent) {
        Map<Locale, String> labels = new LinkedHashMap<>();
        labels.put(Locale.forLanguageTag("en"), "Stakeholder management " + id);
        labels.put(Locale.forLanguageTag("nl"), "Omgevingsmanagement " + id);
        labels.put(Locale.forLanguageTag("de-CH"), "Anspruchsgruppen-Führung " + id);
        labels.put(Locale.forLanguageTag("ar"), "إدارة أصحاب المصلحة " + id);
        labels.put(Locale.forLanguageTag("zh-Hant-TW"), "利害關係人管理 " + id);
        return new Competency(CompetencyId.of(id), DomainId.of(domain), Optional.of(CompetencyId.of(parent)), labels,
                Optional.of(URI.create("http://data.europa.eu/esco/skill/" + id + "?lang=nl#x")), 1);
    }

    // ---- communities, memberships and practices

    /** @return community {@code id} of {@code domain} spanning the given organisations (none: open to all) */
    public static Community community(String id, String domain, String createdBy, String... organizations) {
        return new Community(CommunityId.of(id), DomainId.of(domain), "Community " + id, "Why " + id + " exists.",
                MembershipPolicy.APPROVAL, Stream.of(organizations).map(OrganizationId::of)
                        .collect(java.util.stream.Collectors.toCollection(java.util.LinkedHashSet::new)),
                org.copkit.access.AudienceLevel.COMMUNITY, Stage.COALESCING, MemberId.of(createdBy), AT, 1);
    }

    /** @return a MEMBER-role membership in the given state, without joinedAt or invitedBy */
    public static Membership membership(String community, String member, MembershipState state) {
        return new Membership(CommunityId.of(community), MemberId.of(member), Role.MEMBER, state, AT,
                state == MembershipState.ACTIVE ? Optional.of(AT) : Optional.empty(), Optional.empty(), 1);
    }

    /** @return an ACTIVE CORE membership that came from an invitation by {@code invitedBy} */
    public static Membership invitedMembership(String community, String member, String invitedBy) {
        return new Membership(CommunityId.of(community), MemberId.of(member), Role.CORE, MembershipState.ACTIVE,
                at(60), Optional.of(at(60)), Optional.of(MemberId.of(invitedBy)), 1);
    }

    /** @return practice {@code id} of {@code community}, reviewed every six months, with the given stewards */
    public static Practice practice(String id, String community, String... stewards) {
        return new Practice(PracticeId.of(id), CommunityId.of(community), "Practice " + id, "How we do " + id + ".",
                Stream.of(stewards).map(MemberId::of).collect(java.util.stream.Collectors.toSet()),
                Optional.of(Period.ofMonths(6)), 1, AT, 1);
    }

    // ---- knowledge

    /** @return English content titled {@code title} with a short markdown body, two tags, no competencies */
    public static ItemContent content(String title) {
        return new ItemContent(title, "# " + title + "\n\nSome *markdown*.\n", Set.of("howto", "beleid"), Set.of(),
                Locale.ENGLISH);
    }

    /**
     * @return a DRAFT article {@code id} in {@code community}, owned by {@code owner}, with community
     *     audience, revision 1, no practice, approvals or optional dates
     */
    public static KnowledgeItem item(String id, String community, String owner) {
        return new KnowledgeItem(KnowledgeItemId.of(id), CommunityId.of(community), Optional.empty(), ItemKind.ARTICLE,
                content("Item " + id), Audience.community(), ItemStatus.DRAFT, MemberId.of(owner), 1, List.of(),
                Optional.empty(), Optional.empty(), Optional.empty(), Provenance.authored(), AT, AT, 1);
    }

    /**
     * @return a published item that sets every optional part: practice, partner audience, two approvals,
     *     review date, publication date, successor and import provenance with note
     */
    public static KnowledgeItem publishedItem(String id, String community, String practice, String owner,
            String approver1, String approver2, String successor, String ownerOrg, String partnerOrg) {
        ItemContent content = new ItemContent("Published " + id, "Body of " + id + "\n\n- a\n- b\n",
                Set.of("checklist", "omgevingswet"), Set.of(), Locale.forLanguageTag("nl"));
        return new KnowledgeItem(KnowledgeItemId.of(id), CommunityId.of(community),
                Optional.of(PracticeId.of(practice)), ItemKind.BEST_PRACTICE, content,
                Audience.partners(OrganizationId.of(ownerOrg), OrganizationId.of(partnerOrg)), ItemStatus.SUPERSEDED,
                MemberId.of(owner), 3,
                List.of(new Approval(MemberId.of(approver1), Role.COORDINATOR, true, at(10)),
                        new Approval(MemberId.of(approver2), Role.CORE, false, at(20))),
                Optional.of(at(86_400 * 180)), Optional.of(at(30)), Optional.of(KnowledgeItemId.of(successor)),
                new Provenance(Provenance.Source.IMPORT, Optional.of("sharepoint:/sites/cop/123"),
                        Optional.of("Imported from the old wiki.")),
                AT, at(40), 1);
    }

    /** @return revision {@code number} of {@code item}, by {@code author} */
    public static Revision revision(String item, int number, String author) {
        return new Revision(KnowledgeItemId.of(item), number, content("Revision " + number + " of " + item),
                MemberId.of(author), at(number), "change " + number);
    }

    // ---- activities

    /** @return an unsequenced activity by {@code actor} on {@code object}, in {@code community} if given */
    public static Activity activity(String actor, Verb verb, Ref object, Optional<CommunityId> community) {
        Visibility visibility = community.isPresent()
                ? new Visibility(community, Optional.empty(), Audience.community(), false, Set.of())
                : Visibility.platform();
        return new Activity(0, MemberId.of(actor), verb, object, Optional.empty(), community, AT, visibility,
                Map.of("state", "ACTIVE"));
    }

    /** @return a reference to knowledge item {@code id} */
    public static Ref itemRef(String id) {
        return new Ref(ObjectType.KNOWLEDGE_ITEM, id);
    }

    // ---- changed copies with the next version

    /** @return a renamed copy with the next version */
    public static Organization touched(Organization o) {
        return new Organization(o.id(), o.name() + " (renamed)", o.description(), o.registeredAt(), o.version() + 1);
    }

    /** @return a copy with a changed display name and the next version */
    public static Member touched(Member m) {
        MemberProfile p = m.profile();
        MemberProfile changed = new MemberProfile(p.displayName() + " (changed)", p.organization(), p.location(),
                p.timeZone(), p.languages(), p.competences(), p.ambitions(), !p.findableAsExpert());
        return new Member(m.id(), changed, m.registeredAt(), m.version() + 1);
    }

    /** @return a renamed copy with the next version */
    public static Domain touched(Domain d) {
        return new Domain(d.id(), d.name() + " (renamed)", d.description(), d.createdBy(), d.createdAt(),
                d.version() + 1);
    }

    /** @return a copy with an added French label and the next version */
    public static Competency touched(Competency c) {
        Map<Locale, String> labels = new LinkedHashMap<>(c.labels());
        labels.put(Locale.FRENCH, "Compétence " + c.id().value() + " v" + (c.version() + 1));
        return new Competency(c.id(), c.domain(), c.parent(), labels, c.externalUri(), c.version() + 1);
    }

    /** @return a copy in the next stage with the next version */
    public static Community touched(Community c) {
        Stage next = Stage.values()[(c.stage().ordinal() + 1) % Stage.values().length];
        return new Community(c.id(), c.domain(), c.name() + " (renamed)", c.purpose(), MembershipPolicy.OPEN,
                c.organizations(), c.defaultAudience(), next, c.createdBy(), c.createdAt(), c.version() + 1);
    }

    /** @return an ACTIVE COORDINATOR copy with the next version */
    public static Membership touched(Membership m) {
        return new Membership(m.community(), m.member(), Role.COORDINATOR, MembershipState.ACTIVE, at(3_600),
                Optional.of(at(3_600)), m.invitedBy(), m.version() + 1);
    }

    /** @return a copy with one more required approval (cycling within 0..10) and the next version */
    public static Practice touched(Practice p) {
        return new Practice(p.id(), p.community(), p.name() + " (renamed)", p.description(), p.stewards(),
                Optional.empty(), (p.requiredApprovals() + 1) % 11, p.createdAt(), p.version() + 1);
    }

    /** @return a copy with a new title, the next revision number and the next version */
    public static KnowledgeItem touched(KnowledgeItem i) {
        return new KnowledgeItem(i.id(), i.community(), i.practice(), i.kind(),
                i.content().withTitle("Revised v" + (i.version() + 1)), i.audience(), i.status(), i.owner(),
                i.revision() + 1, i.approvals(), i.reviewBy(), i.publishedAt(), i.supersededBy(), i.provenance(),
                i.createdAt(), i.updatedAt().plusSeconds(1), i.version() + 1);
    }

    /** @return a copy with the given title (content otherwise unchanged) and the next version */
    public static KnowledgeItem retitled(KnowledgeItem i, String title) {
        return new KnowledgeItem(i.id(), i.community(), i.practice(), i.kind(), i.content().withTitle(title),
                i.audience(), i.status(), i.owner(), i.revision(), i.approvals(), i.reviewBy(), i.publishedAt(),
                i.supersededBy(), i.provenance(), i.createdAt(), i.updatedAt(), i.version() + 1);
    }

    /** @return a copy with the given status and the next version */
    public static KnowledgeItem withStatus(KnowledgeItem i, ItemStatus status) {
        return new KnowledgeItem(i.id(), i.community(), i.practice(), i.kind(), i.content(), i.audience(), status,
                i.owner(), i.revision(), i.approvals(), i.reviewBy(), i.publishedAt(), i.supersededBy(),
                i.provenance(), i.createdAt(), i.updatedAt(), i.version() + 1);
    }

    /** @return a copy of a version-1 item placed in the given practice, still at version 1 */
    public static KnowledgeItem inPractice(KnowledgeItem i, String practice, ItemStatus status) {
        return new KnowledgeItem(i.id(), i.community(), Optional.of(PracticeId.of(practice)), i.kind(), i.content(),
                i.audience(), status, i.owner(), i.revision(), i.approvals(), i.reviewBy(), i.publishedAt(),
                i.supersededBy(), i.provenance(), i.createdAt(), i.updatedAt(), i.version());
    }

    // ---- participation levels, endorsements and value stories

    /** @return a stored participation level (version 1, since {@link #AT}) */
    public static org.copkit.participation.ParticipationLevel participationLevel(String community, String member,
            org.copkit.participation.Level level) {
        return new org.copkit.participation.ParticipationLevel(CommunityId.of(community), MemberId.of(member), level,
                AT, 1);
    }

    /** @return a current endorsement (version 1, given at {@link #AT}) */
    public static org.copkit.member.Endorsement endorsement(String id, String endorsee, String competency,
            String endorser) {
        return new org.copkit.member.Endorsement(org.copkit.member.EndorsementId.of(id), MemberId.of(endorsee),
                org.copkit.domain.CompetencyId.of(competency), MemberId.of(endorser), AT, Optional.empty(), 1);
    }

    /**
     * @return an APPLIED value story (version 1) in Dutch with three evidence references in a fixed
     *     order (a knowledge item, a member, a community) and a partner audience of org-a and org-b
     */
    public static org.copkit.value.ValueStory valueStory(String id, String community, String author) {
        org.copkit.value.ValueStoryContent content = new org.copkit.value.ValueStoryContent(
                org.copkit.value.ValueCycle.APPLIED, "Story " + id, "We *saved* a week with " + id + ".\n",
                Locale.forLanguageTag("nl"), List.of(itemRef("i-9"), new Ref(ObjectType.MEMBER, author),
                        new Ref(ObjectType.COMMUNITY, community)));
        return new org.copkit.value.ValueStory(org.copkit.value.ValueStoryId.of(id), CommunityId.of(community),
                MemberId.of(author), content, Audience.partners(OrganizationId.of("org-a"), OrganizationId.of("org-b")),
                AT, at(5), 1);
    }

    // ---- freshness and subscriptions

    /** @return a version-1 item of {@code community} PUBLISHED with the given review-by date */
    public static KnowledgeItem dueItem(String id, String community, String owner, Instant reviewBy) {
        KnowledgeItem i = item(id, community, owner);
        return new KnowledgeItem(i.id(), i.community(), i.practice(), i.kind(), i.content(), i.audience(),
                ItemStatus.PUBLISHED, i.owner(), 1, List.of(), Optional.of(reviewBy), Optional.of(AT),
                Optional.empty(), i.provenance(), AT, AT, 1);
    }

    /** @return an OPEN review task of {@code item} in {@code community}, for a passed review date */
    public static org.copkit.review.ReviewTask reviewTask(String id, String item, String community,
            String... assignees) {
        return new org.copkit.review.ReviewTask(org.copkit.review.ReviewTaskId.of(id), KnowledgeItemId.of(item),
                CommunityId.of(community), Stream.of(assignees).map(MemberId::of).collect(
                        java.util.stream.Collectors.toSet()), org.copkit.review.ReviewReason.DOMAIN_CHANGE,
                "Subsidieregeling gewijzigd per 1 juli", org.copkit.review.ReviewTaskStatus.OPEN, AT,
                Optional.empty(), 1);
    }

    /** @return a closed copy with the next version */
    public static org.copkit.review.ReviewTask touched(org.copkit.review.ReviewTask t) {
        return t.close(at(3_600));
    }

    /** @return an active subscription of {@code member} to {@code target} */
    public static org.copkit.subscription.Subscription subscription(String id, String member, Ref target) {
        return new org.copkit.subscription.Subscription(org.copkit.subscription.SubscriptionId.of(id),
                MemberId.of(member), target, true, AT, AT, 1);
    }

    /** @return a copy that is (in)active again, with the next version */
    public static org.copkit.subscription.Subscription touched(org.copkit.subscription.Subscription s) {
        return new org.copkit.subscription.Subscription(s.id(), s.member(), s.target(), !s.active(), s.since(),
                s.updatedAt().plusSeconds(1), s.version() + 1);
    }

    /** @return a version-1 preference */
    public static org.copkit.subscription.NotificationPreference preference(String member,
            org.copkit.subscription.NotificationFrequency frequency) {
        return new org.copkit.subscription.NotificationPreference(MemberId.of(member), frequency, AT, 1);
    }

    /** @return a copy with the next frequency and version */
    public static org.copkit.subscription.NotificationPreference touched(
            org.copkit.subscription.NotificationPreference p) {
        org.copkit.subscription.NotificationFrequency[] all = org.copkit.subscription.NotificationFrequency.values();
        return new org.copkit.subscription.NotificationPreference(p.member(),
                all[(p.frequency().ordinal() + 1) % all.length], p.updatedAt().plusSeconds(1), p.version() + 1);
    }

    // ---- sessions

    /**
     * @return a scheduled hybrid workshop {@code id} in {@code community}, hosted by {@code host}, starting
     *     {@code startSeconds} after {@link #AT} for one hour in Europe/Amsterdam, with every optional part set
     */
    public static org.copkit.session.Session session(String id, String community, String host, long startSeconds) {
        return new org.copkit.session.Session(org.copkit.session.SessionId.of(id), CommunityId.of(community),
                Optional.empty(), org.copkit.session.SessionKind.WORKSHOP, org.copkit.session.SessionFormat.HYBRID,
                "Session " + id, "# Agenda\n\n1. *intro*\n", at(startSeconds), at(startSeconds + 3_600),
                java.time.ZoneId.of("Europe/Amsterdam"), Optional.of("Utrecht, zaal 4"),
                Optional.of(java.net.URI.create("https://meet.example/" + id + "?pwd=a%20b")),
                new org.copkit.session.Capacity(java.util.OptionalInt.of(12), java.util.OptionalInt.empty()),
                Set.of(MemberId.of(host)), Audience.community(), org.copkit.session.SessionStatus.SCHEDULED, 0,
                Optional.of("series-" + id), "", Set.of(KnowledgeItemId.of("item-of-" + id)), Set.of("conv-" + id),
                AT, AT, 1);
    }

    /** @return a copy of a session with a new title, sequence + 1, CANCELLED and version + 1 */
    public static org.copkit.session.Session touched(org.copkit.session.Session s) {
        return new org.copkit.session.Session(s.id(), s.community(), s.practice(), s.kind(), s.format(),
                s.title() + " (moved)", s.agenda(), s.start(), s.end(), s.zone(), s.place(), s.joinLink(),
                s.capacity(), s.hosts(), s.audience(), org.copkit.session.SessionStatus.CANCELLED, s.sequence() + 1,
                s.series(), "notes", s.outcomes(), s.questions(), s.createdAt(), at(3_600), s.version() + 1);
    }

    /** @return a GOING answer of {@code member} to {@code session}, with the given placement and arrival */
    public static org.copkit.session.Rsvp rsvp(String session, String member, org.copkit.session.Placement placement,
            long arrival) {
        return new org.copkit.session.Rsvp(org.copkit.session.SessionId.of(session), MemberId.of(member),
                org.copkit.session.RsvpResponse.GOING, org.copkit.session.AttendanceMode.IN_PERSON,
                Optional.of(placement), at(arrival), arrival, 1);
    }

    /** @return a copy of an answer changed to MAYBE online, version + 1 */
    public static org.copkit.session.Rsvp touched(org.copkit.session.Rsvp r) {
        return new org.copkit.session.Rsvp(r.session(), r.member(), org.copkit.session.RsvpResponse.MAYBE,
                org.copkit.session.AttendanceMode.ONLINE, Optional.empty(), at(7_200), r.arrival() + 10,
                r.version() + 1);
    }

    /** @return the attendance of {@code member} at {@code session}, checked in by {@code by} */
    public static org.copkit.session.Attendance attendance(String session, String member, String by, long seconds) {
        return new org.copkit.session.Attendance(org.copkit.session.SessionId.of(session), MemberId.of(member),
                at(seconds), MemberId.of(by), 1);
    }

    // ---- questions and discussions

    /** @return an OPEN question with revision 1, community audience */
    public static org.copkit.conversation.Conversation question(String id, String community, String author) {
        return new org.copkit.conversation.Conversation(org.copkit.conversation.ConversationId.of(id),
                CommunityId.of(community), Optional.empty(), org.copkit.conversation.ConversationKind.QUESTION,
                content("Question " + id), Audience.community(), MemberId.of(author),
                org.copkit.conversation.ConversationStatus.OPEN, 1, Optional.empty(), Optional.empty(),
                Optional.empty(), 0, AT, AT, 1);
    }

    /** @return an answer by {@code author} in {@code conversation} */
    public static org.copkit.conversation.Post answer(String id, String conversation, String author) {
        return new org.copkit.conversation.Post(org.copkit.conversation.PostId.of(id),
                org.copkit.conversation.ConversationId.of(conversation), org.copkit.conversation.PostKind.ANSWER,
                Optional.empty(), MemberId.of(author), "Answer " + id, 1, 0, AT, AT, 1);
    }

    // ---- onboarding

    /**
     * @return a version-1 learning path with one step of every kind (the READ_ITEM step names item
     *     {@code i-1}) in a fixed order, a multi-line description and a partner audience of org-a and org-b
     */
    public static org.copkit.onboarding.LearningPath learningPath(String id, String community, String createdBy) {
        org.copkit.onboarding.LearningPathContent content = new org.copkit.onboarding.LearningPathContent(
                "Path " + id, "Welcome \u2014 *start* here.\nSecond line.", List.of(
                        org.copkit.onboarding.LearningStep.read("Read the primer", KnowledgeItemId.of("i-1")),
                        org.copkit.onboarding.LearningStep.attend("Join a workshop",
                                org.copkit.session.SessionKind.WORKSHOP),
                        org.copkit.onboarding.LearningStep.ask("Ask a question"),
                        org.copkit.onboarding.LearningStep.answer("Answer a question")));
        return new org.copkit.onboarding.LearningPath(org.copkit.onboarding.LearningPathId.of(id),
                CommunityId.of(community), content, Audience.partners(OrganizationId.of("org-a"),
                        OrganizationId.of("org-b")), MemberId.of(createdBy), AT, AT, 1);
    }

    /** @return a copy with other steps, the community audience and the next version */
    public static org.copkit.onboarding.LearningPath touched(org.copkit.onboarding.LearningPath p) {
        return new org.copkit.onboarding.LearningPath(p.id(), p.community(), p.content().withSteps(List.of(
                org.copkit.onboarding.LearningStep.attend("Visit a site", org.copkit.session.SessionKind.SITE_VISIT),
                org.copkit.onboarding.LearningStep.ask("Ask"))), Audience.community(), p.createdBy(), p.createdAt(),
                at(60), p.version() + 1);
    }

    // ---- digests ---------------------------------------------------------------------------------

    /** A digest mark of a member, sent up to {@code at(seconds)}. */
    public static org.copkit.digest.DigestMark digestMark(String member, long seconds, long version) {
        return new org.copkit.digest.DigestMark(MemberId.of(member),
                org.copkit.subscription.NotificationFrequency.DAILY, at(seconds), version);
    }
}
