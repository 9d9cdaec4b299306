package org.copkit.access;

import java.util.Optional;
import org.copkit.community.Community;
import org.copkit.community.Practice;
import org.copkit.conversation.Conversation;
import org.copkit.conversation.Post;
import org.copkit.domain.Domain;
import org.copkit.knowledge.KnowledgeItem;
import org.copkit.member.Member;
import org.copkit.session.Session;

/**
 * What an actor wants to do, with the objects involved. Which parts are present depends on the
 * action: community actions carry the community, practice and item actions also the practice (when
 * the item has one) and the item, member actions the member concerned, session and conversation actions
 * the session or conversation (and post). Build one with {@link #of(Action)} and the naming methods.
 *
 * @param action the operation
 * @param domain the domain concerned (for EDIT_DOMAIN and MARK_DOMAIN_CHANGE)
 * @param community the community concerned
 * @param practice the practice concerned
 * @param item the knowledge item concerned (for CREATE_ITEM: absent; the audience is in {@code audience})
 * @param subject the member concerned (for UPDATE_MEMBER and MANAGE_MEMBERS)
 * @param audience the audience a new or changed item, conversation or session would get
 * @param session the session concerned (session actions)
 * @param conversation the question or discussion concerned (conversation actions)
 * @param post the answer, reply or comment concerned (post actions; for REPLY and COMMENT the parent)
 */
public record AccessRequest(Action action, Optional<Domain> domain, Optional<Community> community,
        Optional<Practice> practice, Optional<KnowledgeItem> item, Optional<Member> subject,
        Optional<Audience> audience, Optional<Session> session, Optional<Conversation> conversation,
        Optional<Post> post) {

    /** @return a request about no particular object */
    public static AccessRequest of(Action action) {
        return new AccessRequest(action, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** @return a copy naming the domain */
    public AccessRequest domain(Domain d) {
        return new AccessRequest(action, Optional.of(d), community, practice, item, subject, audience, session,
                conversation, post);
    }

    /** @return a copy naming the community */
    public AccessRequest community(Community c) {
        return new AccessRequest(action, domain, Optional.of(c), practice, item, subject, audience, session,
                conversation, post);
    }

    /** @return a copy naming the practice, if any */
    public AccessRequest practice(Optional<Practice> p) {
        return new AccessRequest(action, domain, community, p, item, subject, audience, session, conversation, post);
    }

    /** @return a copy naming the item */
    public AccessRequest item(KnowledgeItem i) {
        return new AccessRequest(action, domain, community, practice, Optional.of(i), subject, audience, session,
                conversation, post);
    }

    /** @return a copy naming the member concerned */
    public AccessRequest subject(Member m) {
        return new AccessRequest(action, domain, community, practice, item, Optional.of(m), audience, session,
                conversation, post);
    }

    /** @return a copy naming the audience */
    public AccessRequest audience(Audience a) {
        return new AccessRequest(action, domain, community, practice, item, subject, Optional.of(a), session,
                conversation, post);
    }

    /** @return a copy naming the session */
    public AccessRequest session(Session s) {
        return new AccessRequest(action, domain, community, practice, item, subject, audience, Optional.of(s),
                conversation, post);
    }

    /** @return a copy naming the conversation */
    public AccessRequest conversation(Conversation c) {
        return new AccessRequest(action, domain, community, practice, item, subject, audience, session,
                Optional.of(c), post);
    }

    /** @return a copy naming the post */
    public AccessRequest post(Post p) {
        return new AccessRequest(action, domain, community, practice, item, subject, audience, session, conversation,
                Optional.of(p));
    }
}
