package org.copkit.session;

/** What kind of meeting a {@link Session} is. */
public enum SessionKind {
    /** An informal meeting of the community. */
    MEETUP,
    /** A hands-on workshop. */
    WORKSHOP,
    /** Peer consultation (intervision): members consult each other on a case. */
    PEER_CONSULTATION,
    /** A presentation to a (mostly online) audience. */
    WEBINAR,
    /** A visit to a site or project. */
    SITE_VISIT
}
