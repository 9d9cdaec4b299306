package org.copkit.access;

/**
 * Decides who may do what. CoPKit asks before every write; a denial becomes an
 * {@link org.copkit.AccessDeniedException} carrying the reason, and nothing is stored.
 *
 * <p>Replace or extend through {@code CopKit.builder().accessRules(...)}. To add a restriction, decide
 * first and delegate to {@link #defaults()}:
 *
 * <pre>{@code
 * AccessRules partnersOnly = (actor, request) ->
 *     request.action() == Action.PUBLISH_ITEM && !partners.contains(actor.organization())
 *         ? Decision.deny("only partner organisations publish here")
 *         : AccessRules.defaults().decide(actor, request);
 * }</pre>
 *
 * <p>Whether a member may read an <em>object</em> is not decided here: that follows from
 * {@link ViewerScope#canSee}, which every read path and every search backend applies. A few
 * community-level overviews are actions here (listing review tasks, participation levels, the health
 * report): whether a member may open the overview at all. Implementations must be pure (no storage,
 * no clock) and thread-safe.
 */
@FunctionalInterface
public interface AccessRules {
    /**
     * @param actor who acts
     * @param request what they want to do
     * @return allow, or deny with a reason
     */
    Decision decide(Actor actor, AccessRequest request);

    /**
     * The default rules:
     * <ul>
     * <li>the system actor may do everything except endorse (it is no person); only it registers organisations and members and
     * changes organisations;</li>
     * <li>members change their own profile; any member creates domains and communities; a domain is
     * edited by its creator;</li>
     * <li>coordinators edit their community, manage its members and create and edit practices;
     * stewards edit their practice;</li>
     * <li>active members create items, with an audience that includes their own organisation for the
     * organisation levels; the owner edits, submits and archives an item, and so do coordinators and the
     * practice's stewards;</li>
     * <li>core members, coordinators and stewards review items, never their own;</li>
     * <li>publishing is done by the owner or a reviewer; superseding by anyone who may edit.</li>
     * <li>a domain change is marked by the domain's creator or a coordinator of a community on the
     * domain; a community's review tasks are listed by its coordinators.</li>
     * <li>active members schedule sessions (with an audience as for items) and answer them; the
     * session's hosts and the community's coordinators change, cancel, check in, take notes and capture
     * outcomes.</li>
     * <li>active members ask questions and start discussions (audience rule as for items), answer,
     * reply, comment and vote, never on their own conversation or post; the author or a coordinator
     * edits a conversation or post, accepts an answer and closes a discussion; coordinators close
     * questions as duplicates and merge them; the asker, the answer's author or a coordinator
     * promotes into a knowledge item (which then also needs CREATE_ITEM).</li>
     * <li>core members and coordinators create and edit learning paths (audience rule as for items).</li>
     * <li>members endorse members of their own organisation, or of a community in which both are
     * active; only the endorser withdraws an endorsement;</li>
     * <li>active members record value stories (audience rule as for items); the author or a coordinator
     * edits one;</li>
     * <li>active members list members by participation level and read the community's health report;
     * coordinators recompute participation levels.</li>
     * </ul>
     *
     * @return the default rules
     */
    static AccessRules defaults() {
        return DefaultAccessRules.INSTANCE;
    }
}
