package org.copkit.knowledge;

/**
 * How {@link KnowledgeService#importItems} stores imported knowledge.
 *
 * @param publish false: every item is stored as a DRAFT, exactly as {@link KnowledgeService#create}
 *     stores it; true: every item is stored directly as PUBLISHED (knowledge that was already reviewed
 *     where it came from), with {@code publishedAt} = now and a review-by date from the
 *     {@link ReviewRules}; this needs the access rules' permission to publish imported items
 *     ({@link org.copkit.access.Action#PUBLISH_IMPORTED_ITEM})
 */
public record ImportOptions(boolean publish) {
    /** The most drafts one {@link KnowledgeService#importItems} call accepts. */
    public static final int MAX_BATCH = 10_000;

    /** @return options that store imported items as drafts */
    public static ImportOptions asDrafts() {
        return new ImportOptions(false);
    }

    /** @return options that store imported items directly as PUBLISHED */
    public static ImportOptions published() {
        return new ImportOptions(true);
    }
}
