package org.copkit;

/**
 * A typed identifier. Each aggregate has its own id record ({@code MemberId}, {@code CommunityId},
 * ...), so ids of different kinds cannot be mixed up. Values are 1 to 128 characters without white
 * space or control characters.
 */
public interface Id {
    /** @return the identifier as text, as stored and as shown to hosts */
    String value();
}
