package org.copkit.examples.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Set;
import org.copkit.AccessDeniedException;
import org.copkit.CopKit;
import org.copkit.access.Audience;
import org.copkit.community.Community;
import org.copkit.community.CommunityDraft;
import org.copkit.community.MembershipPolicy;
import org.copkit.community.Practice;
import org.copkit.community.PracticeDraft;
import org.copkit.community.Role;
import org.copkit.domain.Domain;
import org.copkit.knowledge.ItemContent;
import org.copkit.knowledge.ItemDraft;
import org.copkit.knowledge.ItemKind;
import org.copkit.knowledge.ItemStatus;
import org.copkit.knowledge.KnowledgeItem;
import org.copkit.member.MemberId;
import org.copkit.member.MemberProfile;
import org.copkit.member.OrganizationId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Both rules plugged into a kit with in-memory backends and a fixed clock, through the public API. */
class HostRulesInTheKitTest {
    static final OrganizationId PROVINCE = OrganizationId.of("province");
    static final OrganizationId CITY = OrganizationId.of("city");
    static final OrganizationId CONSULTANCY = OrganizationId.of("consultancy");

    CopKit kit;
    Community regio;

    CopKit.As as(String member) {
        return kit.as(MemberId.of(member));
    }

    @BeforeEach
    void setUp() {
        kit = CopKit.builder().clock(Clock.fixed(Instant.parse("2026-01-05T09:00:00Z"), ZoneOffset.UTC))
                .accessRules(new RegionalPublishingRules(Set.of(PROVINCE, CITY), c -> c.name().startsWith("Regio")))
                .reviewRules(new CoreApprovalReviewRules()).build();
        for (OrganizationId o : new OrganizationId[] {PROVINCE, CITY, CONSULTANCY}) {
            kit.system().organizations().register(o, o.value(), "");
        }
        register("anna", PROVINCE);
        register("bram", CITY);
        register("cora", CITY);
        register("sven", CITY);
        register("kees", CONSULTANCY);
        Domain heat = as("anna").domains().create("Heat", "");
        regio = as("anna").communities().create(CommunityDraft.of(heat.id(), "Regio Oost", "Regional heat transition")
                .withPolicy(MembershipPolicy.OPEN).spanning(PROVINCE, CITY, CONSULTANCY));
        for (String m : new String[] {"bram", "cora", "sven", "kees"}) {
            as(m).communities().join(regio.id());
        }
        as("anna").communities().changeRole(regio.id(), MemberId.of("bram"), Role.CORE);
    }

    void register(String id, OrganizationId org) {
        kit.system().members().register(MemberId.of(id), MemberProfile.of(id, org));
    }

    KnowledgeItem draft(String author, OrganizationId org) {
        return as(author).knowledge().create(ItemDraft.of(regio.id(), ItemKind.LESSON_LEARNED,
                ItemContent.of("Apply first", "Apply for the subsidy before installing.", Locale.ENGLISH))
                .withAudience(Audience.organization(org)));
    }

    @Test
    void aConsultantMayWriteButNotPublishInTheRegionalCommunity() {
        KnowledgeItem mine = draft("kees", CONSULTANCY);
        assertThatThrownBy(() -> as("kees").knowledge().publish(mine.id(), mine.version()))
                .isInstanceOf(AccessDeniedException.class).hasMessageContaining("partner organisations");
        assertThat(as("kees").knowledge().get(mine.id()).status()).isEqualTo(ItemStatus.DRAFT);

        KnowledgeItem city = draft("bram", CITY);
        assertThat(as("bram").knowledge().publish(city.id(), city.version()).status()).isEqualTo(ItemStatus.PUBLISHED);
    }

    @Test
    void anItemInAPracticeIsPublishedOnlyAfterTwoCoreApprovals() {
        Practice practice = as("anna").practices().create(regio.id(),
                PracticeDraft.of("Subsidies", "").withStewards(MemberId.of("sven")));
        KnowledgeItem item = as("cora").knowledge().create(ItemDraft.of(regio.id(), ItemKind.LESSON_LEARNED,
                ItemContent.of("Apply first", "Apply before installing.", Locale.ENGLISH)).inPractice(practice.id())
                .withAudience(Audience.partners(CITY, PROVINCE)));
        item = as("cora").knowledge().submit(item.id(), item.version());
        item = as("sven").knowledge().approve(item.id(), item.version());   // steward, plain member: does not count
        item = as("bram").knowledge().approve(item.id(), item.version());   // core member: 1 of 2
        KnowledgeItem oneApproval = item;
        assertThatThrownBy(() -> as("bram").knowledge().publish(oneApproval.id(), oneApproval.version()))
                .isInstanceOf(org.copkit.CopKitException.class);
        item = as("anna").knowledge().approve(item.id(), item.version());   // coordinator: 2 of 2
        assertThat(as("anna").knowledge().publish(item.id(), item.version()).status()).isEqualTo(ItemStatus.PUBLISHED);
    }
}
