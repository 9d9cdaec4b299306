package org.copkit.access;

import java.util.Optional;
import org.copkit.member.MemberId;
import org.copkit.conversation.Post;
import org.copkit.conversation.Conversation;
import org.copkit.community.Community;
import org.copkit.community.Practice;
import org.copkit.knowledge.KnowledgeItem;

/** The rules documented on {@link AccessRules#defaults()}. */
final class DefaultAccessRules implements AccessRules {
    static final DefaultAccessRules INSTANCE = new DefaultAccessRules();

    private DefaultAccessRules() {}

    @Override
    public Decision decide(Actor actor, AccessRequest r) {
        if (actor.system()) {
            return r.action() == Action.ENDORSE_MEMBER
                    ? Decision.deny("the system actor cannot endorse; endorse as a member")
                    : Decision.allow();
        }
        return switch (r.action()) {
            case REGISTER_ORGANIZATION, UPDATE_ORGANIZATION, REGISTER_MEMBER ->
                    Decision.deny("only the host's system actor may " + verb(r));
            case UPDATE_MEMBER -> r.subject().map(m -> m.id().equals(actor.member())).orElse(false)
                    ? Decision.allow()
                    : Decision.deny("members may only change their own profile");
            case CREATE_DOMAIN, CREATE_COMMUNITY -> Decision.allow();
            case EDIT_DOMAIN -> r.domain().map(d -> d.createdBy().equals(actor.member())).orElse(false)
                    ? Decision.allow()
                    : Decision.deny("only the domain's creator may change it");
            case EDIT_COMMUNITY, MANAGE_MEMBERS, CREATE_PRACTICE -> coordinator(actor, r);
            case EDIT_PRACTICE -> stewardOrCoordinator(actor, r);
            case CREATE_ITEM -> createItem(actor, r);
            case EDIT_ITEM, SUBMIT_ITEM, ARCHIVE_ITEM, SUPERSEDE_ITEM -> editor(actor, r);
            case REVIEW_ITEM -> reviewer(actor, r);
            case PUBLISH_ITEM -> publisher(actor, r);
            case MARK_DOMAIN_CHANGE -> domainChange(actor, r);
            case LIST_REVIEW_TASKS -> coordinator(actor, r);
            case SCHEDULE_SESSION -> scheduler(actor, r);
            case MANAGE_SESSION -> sessionHost(actor, r);
            case RSVP_SESSION -> sessionParticipant(actor, r);
            case ASK_QUESTION, START_DISCUSSION -> createConversation(actor, r);
            case ANSWER_QUESTION, REPLY, COMMENT -> activeMember(actor, r);
            case VOTE -> voter(actor, r);
            case ACCEPT_ANSWER, EDIT_CONVERSATION, CLOSE_DISCUSSION -> conversationAuthorOrCoordinator(actor, r);
            case EDIT_POST -> postAuthorOrCoordinator(actor, r);
            case CLOSE_AS_DUPLICATE, MERGE_CONVERSATIONS -> coordinator(actor, r);
            case PROMOTE_CONVERSATION -> promoter(actor, r);
            case CREATE_LEARNING_PATH, EDIT_LEARNING_PATH -> learningPathCurator(actor, r);
            case SEND_DIGESTS -> Decision.deny("only the host's system actor may " + verb(r));
            case ENDORSE_MEMBER -> endorser(actor, r);
            case WITHDRAW_ENDORSEMENT -> r.subject().map(m -> m.id().equals(actor.member())).orElse(false)
                    ? Decision.allow()
                    : Decision.deny("only the endorser " + r.subject().map(m -> m.id().toString()).orElse("")
                            + " may withdraw the endorsement");
            case RECORD_VALUE_STORY -> storyRecorder(actor, r);
            case EDIT_VALUE_STORY -> storyEditor(actor, r);
            case LIST_PARTICIPATION -> activeMember(actor, r, "list its members by participation level");
            case RECOMPUTE_PARTICIPATION -> coordinator(actor, r, "recompute its participation levels");
            case VIEW_HEALTH -> activeMember(actor, r, "read its health report");
            case PUBLISH_IMPORTED_ITEM -> stewardOrCoordinator(actor, r);
        };
    }

    private static String verb(AccessRequest r) {
        return r.action().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }

    private static Community community(AccessRequest r) {
        return r.community().orElseThrow(() -> new IllegalArgumentException(r.action() + " needs a community"));
    }

    private static Decision coordinator(Actor actor, AccessRequest r) {
        Community c = community(r);
        return actor.coordinates(c.id()) ? Decision.allow()
                : Decision.deny("only coordinators of community '" + c.name() + "' may " + verb(r));
    }

    private static Decision stewardOrCoordinator(Actor actor, AccessRequest r) {
        Community c = community(r);
        Optional<Practice> p = r.practice();
        if (actor.coordinates(c.id()) || p.map(x -> actor.stewards(x.id()) && actor.isActiveIn(c.id())).orElse(false)) {
            return Decision.allow();
        }
        return Decision.deny("only coordinators of community '" + c.name() + "' or stewards of the practice may "
                + verb(r));
    }

    private static Decision createItem(Actor actor, AccessRequest r) {
        Community c = community(r);
        if (!actor.isActiveIn(c.id())) {
            return Decision.deny("only active members of community '" + c.name() + "' may create items in it");
        }
        return r.audience().map(a -> audienceIncludesOwnOrganization(actor, c, a)).orElse(Decision.allow());
    }

    private static Decision audienceIncludesOwnOrganization(Actor actor, Community c, Audience a) {
        if ((a.level() == AudienceLevel.ORGANIZATION || a.level() == AudienceLevel.PARTNERS)
                && !a.organizations().contains(actor.organization())) {
            return Decision.deny("in community '" + c.name() + "' an audience of " + a.level()
                    + " must include the author's own organisation " + actor.organization() + " but named "
                    + a.organizations());
        }
        return Decision.allow();
    }

    private static Decision editor(Actor actor, AccessRequest r) {
        Community c = community(r);
        KnowledgeItem item = r.item().orElseThrow(() -> new IllegalArgumentException(r.action() + " needs an item"));
        boolean owner = item.owner().equals(actor.member()) && actor.isActiveIn(c.id());
        boolean steward = r.practice().map(p -> actor.stewards(p.id())).orElse(false) && actor.isActiveIn(c.id());
        if (owner || steward || actor.coordinates(c.id())) {
            return r.audience().map(a -> audienceIncludesOwnOrganization(actor, c, a)).orElse(Decision.allow());
        }
        return Decision.deny("only the owner, the practice's stewards or coordinators of community '" + c.name()
                + "' may " + verb(r));
    }

    private static Decision reviewer(Actor actor, AccessRequest r) {
        Community c = community(r);
        KnowledgeItem item = r.item().orElseThrow(() -> new IllegalArgumentException(r.action() + " needs an item"));
        if (item.owner().equals(actor.member())) {
            return Decision.deny("authors may not review their own item in community '" + c.name() + "'");
        }
        boolean steward = r.practice().map(p -> actor.stewards(p.id())).orElse(false) && actor.isActiveIn(c.id());
        if (steward || actor.reviewsIn(c.id())) {
            return Decision.allow();
        }
        return Decision.deny("only core members and coordinators of community '" + c.name()
                + "' or the practice's stewards may review items");
    }

    /** The domain's creator, or a coordinator of the request's community when that community is on the domain. */
    private static Decision domainChange(Actor actor, AccessRequest r) {
        org.copkit.domain.Domain d = r.domain()
                .orElseThrow(() -> new IllegalArgumentException(r.action() + " needs a domain"));
        boolean creator = d.createdBy().equals(actor.member());
        boolean coordinator = r.community().filter(c -> c.domain().equals(d.id()))
                .map(c -> actor.coordinates(c.id())).orElse(false);
        return creator || coordinator ? Decision.allow()
                : Decision.deny("only the creator of domain '" + d.name()
                        + "' or coordinators of its communities may mark a domain change");
    }

    private static Decision publisher(Actor actor, AccessRequest r) {
        if (editor(actor, r).allowed() || reviewer(actor, r).allowed()) {
            return Decision.allow();
        }
        Community c = community(r);
        return Decision.deny("only the owner, the practice's stewards, core members or coordinators of community '"
                + c.name() + "' may publish items");
    }

    private static Decision scheduler(Actor actor, AccessRequest r) {
        Community c = community(r);
        if (!actor.isActiveIn(c.id())) {
            return Decision.deny("only active members of community '" + c.name() + "' may schedule sessions in it");
        }
        return r.audience().map(a -> audienceIncludesOwnOrganization(actor, c, a)).orElse(Decision.allow());
    }

    private static Decision sessionHost(Actor actor, AccessRequest r) {
        Community c = community(r);
        org.copkit.session.Session s = r.session()
                .orElseThrow(() -> new IllegalArgumentException(r.action() + " needs a session"));
        boolean host = s.hosts().contains(actor.member()) && actor.isActiveIn(c.id());
        if (host || actor.coordinates(c.id())) {
            return r.audience().map(a -> audienceIncludesOwnOrganization(actor, c, a)).orElse(Decision.allow());
        }
        return Decision.deny("only the hosts of session '" + s.title() + "' or coordinators of community '"
                + c.name() + "' may " + verb(r));
    }

    private static Decision sessionParticipant(Actor actor, AccessRequest r) {
        Community c = community(r);
        return actor.isActiveIn(c.id()) ? Decision.allow()
                : Decision.deny("only active members of community '" + c.name() + "' may answer its sessions");
    }

    // ---- questions and discussions

    private static Decision createConversation(Actor actor, AccessRequest r) {
        Community c = community(r);
        if (!actor.isActiveIn(c.id())) {
            return Decision.deny("only active members of community '" + c.name() + "' may " + verb(r) + " in it");
        }
        return r.audience().map(a -> audienceIncludesOwnOrganization(actor, c, a)).orElse(Decision.allow());
    }

    private static Decision activeMember(Actor actor, AccessRequest r) {
        Community c = community(r);
        return actor.isActiveIn(c.id()) ? Decision.allow()
                : Decision.deny("only active members of community '" + c.name() + "' may " + verb(r));
    }

    private static Conversation conversation(AccessRequest r) {
        return r.conversation().orElseThrow(() -> new IllegalArgumentException(r.action() + " needs a conversation"));
    }

    private static Decision voter(Actor actor, AccessRequest r) {
        Decision member = activeMember(actor, r);
        if (!member.allowed()) {
            return member;
        }
        MemberId author = r.post().map(Post::author).orElseGet(() -> conversation(r).author());
        return author.equals(actor.member()) ? Decision.deny("members may not vote on their own contributions")
                : Decision.allow();
    }

    private static Decision conversationAuthorOrCoordinator(Actor actor, AccessRequest r) {
        Community c = community(r);
        Conversation conv = conversation(r);
        if (actor.coordinates(c.id()) || (conv.author().equals(actor.member()) && actor.isActiveIn(c.id()))) {
            return Decision.allow();
        }
        return Decision.deny("only the author of the conversation or coordinators of community '" + c.name()
                + "' may " + verb(r));
    }

    private static Decision postAuthorOrCoordinator(Actor actor, AccessRequest r) {
        Community c = community(r);
        Post post = r.post().orElseThrow(() -> new IllegalArgumentException(r.action() + " needs a post"));
        if (actor.coordinates(c.id()) || (post.author().equals(actor.member()) && actor.isActiveIn(c.id()))) {
            return Decision.allow();
        }
        return Decision.deny("only the author of the post or coordinators of community '" + c.name() + "' may "
                + verb(r));
    }

    private static Decision promoter(Actor actor, AccessRequest r) {
        Community c = community(r);
        Conversation conv = conversation(r);
        boolean author = conv.author().equals(actor.member())
                || r.post().map(p -> p.author().equals(actor.member())).orElse(false);
        if (actor.coordinates(c.id()) || (author && actor.isActiveIn(c.id()))) {
            return Decision.allow();
        }
        return Decision.deny("only the asker, the answer's author or coordinators of community '" + c.name()
                + "' may promote it");
    }

    // ---- onboarding

    /** Core members and coordinators curate learning paths; an organisation audience must include their own. */
    private static Decision learningPathCurator(Actor actor, AccessRequest r) {
        Community c = community(r);
        if (!actor.reviewsIn(c.id())) {
            return Decision.deny("only core members and coordinators of community '" + c.name() + "' may "
                    + verb(r));
        }
        return r.audience().map(a -> audienceIncludesOwnOrganization(actor, c, a)).orElse(Decision.allow());
    }
    // ---- endorsements, value stories, participation and health

    private static org.copkit.member.Member subject(AccessRequest r) {
        return r.subject().orElseThrow(() -> new IllegalArgumentException(r.action() + " needs a subject"));
    }

    /** Same organisation as the endorsee, or active in the named community in which the endorsee is active. */
    private static Decision endorser(Actor actor, AccessRequest r) {
        org.copkit.member.Member endorsee = subject(r);
        if (endorsee.organization().equals(actor.organization())
                || r.community().map(c -> actor.isActiveIn(c.id())).orElse(false)) {
            return Decision.allow();
        }
        return Decision.deny(actor.member() + " may endorse only members of the same organisation or of a community "
                + "in which both are active; " + endorsee.id() + " is neither");
    }

    private static Decision storyRecorder(Actor actor, AccessRequest r) {
        Community c = community(r);
        if (!actor.isActiveIn(c.id())) {
            return Decision.deny("only active members of community '" + c.name() + "' may record value stories in it");
        }
        return r.audience().map(a -> audienceIncludesOwnOrganization(actor, c, a)).orElse(Decision.allow());
    }

    private static Decision storyEditor(Actor actor, AccessRequest r) {
        Community c = community(r);
        org.copkit.member.Member author = subject(r);
        if (!author.id().equals(actor.member()) && !actor.coordinates(c.id())) {
            return Decision.deny("only the author " + author.id() + " or a coordinator of '" + c.name()
                    + "' may edit the value story");
        }
        return r.audience().map(a -> audienceIncludesOwnOrganization(actor, c, a)).orElse(Decision.allow());
    }

    private static Decision activeMember(Actor actor, AccessRequest r, String what) {
        Community c = community(r);
        return actor.isActiveIn(c.id()) ? Decision.allow()
                : Decision.deny("only active members of '" + c.name() + "' may " + what);
    }

    private static Decision coordinator(Actor actor, AccessRequest r, String what) {
        Community c = community(r);
        return actor.coordinates(c.id()) ? Decision.allow()
                : Decision.deny("only coordinators of '" + c.name() + "' may " + what);
    }
}
