package org.copkit.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.copkit.Fixture.ACME;
import static org.copkit.Fixture.BETA;
import static org.copkit.Fixture.content;

import java.util.List;
import java.util.Optional;
import org.copkit.Fixture;
import org.copkit.NotFoundException;
import org.copkit.ObjectType;
import org.copkit.PageRequest;
import org.copkit.Ref;
import org.copkit.StoreSnapshot;
import org.copkit.access.Audience;
import org.copkit.activity.Activity;
import org.copkit.community.CommunityId;
import org.copkit.member.MemberId;
import org.copkit.search.SearchHit;
import org.copkit.search.SearchQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An organisation-only question of ACME never reaches BETA's members through any read path: get,
 * list, posts, post, revisions, search, similar, already answered, activity feeds and history. Each
 * negative assertion has a positive control by an ACME member.
 */
class ConversationAccessLeakTest {
    private static final String SECRET = "zwartboek";

    private Fixture f;
    private MemberId anna; // ACME, coordinator
    private MemberId alex; // ACME, member
    private MemberId bob; // BETA, member
    private CommunityId heat;
    private Conversation secret;
    private Post answer;

    @BeforeEach
    void setUp() {
        f = Fixture.create();
        anna = f.member("anna", ACME);
        alex = f.member("alex", ACME);
        bob = f.member("bob", BETA);
        heat = f.community(anna, "Heat pumps");
        f.join(heat, alex, bob);
        Conversation q = f.as(alex).conversations().ask(ConversationDraft.of(heat, content(SECRET + " tender question",
                "Internal " + SECRET + " budget")).withAudience(Audience.organization(ACME)));
        answer = f.as(anna).conversations().answer(q.id(), "The " + SECRET + " budget is confidential");
        f.as(alex).conversations().comment(q.id(), Optional.of(answer.id()), "thanks");
        secret = f.as(alex).conversations().accept(answer.id(), q.version());
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private ConversationService as(MemberId m) {
        return f.as(m).conversations();
    }

    @Test
    void get_getPost_posts_andRevisions_reportNotFound_toAnotherOrganization() {
        assertThat(as(alex).get(secret.id())).isEqualTo(secret);
        assertThat(as(alex).posts(secret.id())).hasSize(2);

        assertThatThrownBy(() -> as(bob).get(secret.id())).isInstanceOf(NotFoundException.class)
                .hasMessage("conversation " + secret.id() + " does not exist");
        assertThatThrownBy(() -> as(bob).getPost(answer.id())).isInstanceOf(NotFoundException.class)
                .hasMessage("post " + answer.id() + " does not exist");
        assertThatThrownBy(() -> as(bob).posts(secret.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> as(bob).revisions(secret.id(), PageRequest.first(10)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> as(bob).postRevisions(answer.id(), PageRequest.first(10)))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void list_omitsTheQuestion_forAnotherOrganization() {
        assertThat(StoreSnapshot.all(p -> as(alex).list(ConversationQuery.in(heat), p))).extracting(Conversation::id)
                .containsExactly(secret.id());
        assertThat(StoreSnapshot.all(p -> as(bob).list(ConversationQuery.in(heat), p))).isEmpty();
    }

    @Test
    void writes_onAnInvisibleQuestion_areReportedAsNotFound() {
        assertThatThrownBy(() -> as(bob).answer(secret.id(), "x")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> as(bob).vote(answer.id(), VoteValue.UP)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> as(bob).comment(secret.id(), Optional.empty(), "x"))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void search_similar_andAlreadyAnswered_neverReturnTheQuestion_toAnotherOrganization() {
        Ref ref = new Ref(ObjectType.QUESTION, secret.id().value());
        assertThat(f.as(alex).search().query(SECRET).hits()).extracting(SearchHit::ref).contains(ref);
        assertThat(as(alex).alreadyAnswered(SECRET + " budget", "", 5)).extracting(SearchHit::ref).contains(ref);

        assertThat(f.as(bob).search().query(SECRET).total()).isZero();
        assertThat(f.as(bob).search().query(SearchQuery.of(SECRET).withStatuses("ANSWERED", "OPEN")).total())
                .isZero();
        assertThat(f.as(bob).search().query(SearchQuery.of("")).facets().values())
                .allSatisfy(counts -> assertThat(counts).doesNotContainKey(ObjectType.QUESTION.name()));
        assertThat(as(bob).alreadyAnswered(SECRET + " budget", "", 5)).isEmpty();
        assertThat(f.as(bob).search().suggest(SECRET, 10)).isEmpty();
    }

    @Test
    void activityFeed_andHistory_hideEveryActivityOfTheQuestion_fromAnotherOrganization() {
        List<Activity> acme = StoreSnapshot.all(p -> f.as(alex).activities().feed(Optional.of(heat), Optional.empty(),
                p));
        assertThat(acme).anyMatch(a -> a.object().type() == ObjectType.POST);
        assertThat(acme).anyMatch(a -> a.object().type() == ObjectType.CONVERSATION);

        List<Activity> beta = StoreSnapshot.all(p -> f.as(bob).activities().feed(Optional.of(heat), Optional.empty(),
                p));
        assertThat(beta).noneMatch(a -> a.object().type() == ObjectType.POST
                || a.object().type() == ObjectType.CONVERSATION);
        assertThat(StoreSnapshot.all(p -> f.as(bob).activities().history(Ref.of(ObjectType.CONVERSATION, secret.id()),
                p))).isEmpty();
        assertThat(StoreSnapshot.all(p -> f.as(bob).activities().feed(Optional.empty(), Optional.of(anna), p)))
                .noneMatch(a -> a.object().type() == ObjectType.POST);
    }

    @Test
    void aCommunityQuestion_isInvisibleToNonMembers_ofTheSameOrganization() {
        MemberId ava = f.member("ava", ACME); // not a member of heat
        Conversation q = as(alex).ask(ConversationDraft.of(heat, content("Community only", "x")).withAudience(
                Audience.community()));

        assertThat(as(bob).get(q.id()).id()).isEqualTo(q.id());
        assertThatThrownBy(() -> as(ava).get(q.id())).isInstanceOf(NotFoundException.class);
    }
}
