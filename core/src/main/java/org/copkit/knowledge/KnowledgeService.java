package org.copkit.knowledge;

import org.copkit.Page;
import org.copkit.PageRequest;
import org.copkit.access.Audience;

/**
 * Knowledge items, as one acting member. Every change takes the version the caller last read; a
 * stale version gets {@link org.copkit.ConflictException} and nothing is written. Reads return only
 * what the actor may see; an invisible item is reported as not found. Thread-safe.
 */
public interface KnowledgeService {
    /**
     * Creates a DRAFT with revision 1.
     *
     * @param draft community, practice, kind, content, audience, provenance
     * @return the new item
     * @throws org.copkit.AccessDeniedException unless an active member of the community
     * @throws org.copkit.InvalidInputException when the practice is not in the community or a competency is unknown
     */
    KnowledgeItem create(ItemDraft draft);

    /**
     * Replaces the content, keeping the old one as a revision. Allowed in every status but ARCHIVED and
     * SUPERSEDED; a published item stays published.
     *
     * @param note the change note, at most 1,000 characters
     * @return the item with the new revision
     */
    KnowledgeItem edit(KnowledgeItemId id, long expectedVersion, ItemContent content, String note);

    /** @return the item with its new audience */
    KnowledgeItem changeAudience(KnowledgeItemId id, long expectedVersion, Audience audience);

    /**
     * DRAFT to IN_REVIEW.
     *
     * @return the item
     * @throws org.copkit.ConflictException when not a DRAFT
     */
    KnowledgeItem submit(KnowledgeItemId id, long expectedVersion);

    /**
     * Adds the actor's approval to an item IN_REVIEW.
     *
     * @return the item
     * @throws org.copkit.ConflictException when not IN_REVIEW or already approved by the actor
     */
    KnowledgeItem approve(KnowledgeItemId id, long expectedVersion);

    /**
     * IN_REVIEW back to DRAFT; approvals are dropped.
     *
     * @param reason why, at most 1,000 characters
     * @return the item
     */
    KnowledgeItem reject(KnowledgeItemId id, long expectedVersion, String reason);

    /**
     * Publishes when the review rules say it is ready; sets the review-by date.
     *
     * @return the PUBLISHED item
     * @throws org.copkit.ConflictException when the review rules say it is not ready
     */
    KnowledgeItem publish(KnowledgeItemId id, long expectedVersion);

    /**
     * Withdraws an item from the repertoire (kept with its history); closes its open review tasks.
     *
     * @param reason why, at most 1,000 characters
     * @return the ARCHIVED item
     */
    KnowledgeItem archive(KnowledgeItemId id, long expectedVersion, String reason);

    /**
     * Marks a current item as replaced by a successor, which must be visible and PUBLISHED; closes its
     * open review tasks.
     *
     * @return the SUPERSEDED item
     */
    KnowledgeItem supersede(KnowledgeItemId id, long expectedVersion, KnowledgeItemId successor);

    /**
     * Makes an earlier revision's content current again, as a new revision.
     *
     * @return the item with the new revision
     */
    KnowledgeItem restore(KnowledgeItemId id, long expectedVersion, int revision, String note);

    /**
     * @return the item
     * @throws org.copkit.NotFoundException when unknown or not visible to the actor
     */
    KnowledgeItem get(KnowledgeItemId id);

    /** @return visible items matching the query, ordered by id (creation) */
    Page<KnowledgeItem> list(ItemQuery query, PageRequest page);

    /** @return how many visible items match the query */
    long count(ItemQuery query);

    /** @return the item's revisions, oldest first */
    Page<Revision> revisions(KnowledgeItemId id, PageRequest page);

    /**
     * @return one revision
     * @throws org.copkit.NotFoundException when the item is not visible or has no such revision
     */
    Revision revision(KnowledgeItemId id, int number);

    /**
     * Reports that the actor read the item (the host calls this when it shows the item), recorded as a
     * {@link org.copkit.activity.Verb#VIEWED} activity that counts towards participation levels. A
     * repeated view by the same member within 24 hours of the last recorded one is not recorded again;
     * views are recorded under the reader's lock, so of views arriving at the same moment one counts.
     *
     * @param id the item
     * @return true when a view was recorded, false for a repeated view
     * @throws org.copkit.NotFoundException when unknown or not visible to the actor
     */
    boolean viewed(KnowledgeItemId id);

    /**
     * Confirms after a review that the content is still right: a PUBLISHED or NEEDS_REVIEW item becomes
     * (or stays) PUBLISHED with a new review-by date from the review rules, counted from now; its open
     * review tasks are closed. Allowed to whoever may publish the item (owner, the practice's stewards,
     * core members and coordinators). To change content first, {@link #edit} it, then confirm.
     *
     * @param note what the review found, at most 500 characters, may be empty
     * @return the PUBLISHED item
     * @throws org.copkit.ConflictException when the item is not PUBLISHED or NEEDS_REVIEW, or on a stale version
     * @throws org.copkit.AccessDeniedException when the actor may not publish the item
     * @throws org.copkit.NotFoundException when unknown or not visible to the actor
     */
    KnowledgeItem confirm(KnowledgeItemId id, long expectedVersion, String note);

    /**
     * Imports many items in ONE storage transaction: all of them are stored, or none. Each draft is
     * validated and access-checked exactly as {@link #create} does it (the actor must be an active member
     * of the draft's community, the audience must name registered organisations and include the actor's
     * own at the organisation levels, the practice must belong to the community, competencies must exist).
     * Every item gets provenance {@link Provenance.Source#IMPORT} (a draft's IMPORT provenance with its
     * reference and note is kept; any other provenance is replaced by a plain IMPORT one), revision 1 with
     * note "imported", and one {@link org.copkit.activity.Verb#CREATED} activity with details
     * {@code kind}, {@code source=import} and {@code status}. Imports notify no followers (a bulk import
     * would flood them); activity listeners and the search index hear every item after commit as usual.
     *
     * <p>Callers batch: for 100,000 items call this 100 times with 1,000 drafts each.
     *
     * @param drafts 1 to {@link ImportOptions#MAX_BATCH} drafts, none null
     * @param options drafts or published, not null
     * @return the stored items, in the order of the drafts
     * @throws org.copkit.InvalidInputException when the list is empty, too long or holds null, or a draft is
     *     invalid; the message starts with {@code drafts[i]: } naming the first bad draft, and nothing is stored
     * @throws org.copkit.AccessDeniedException when the actor may not create (or, with
     *     {@link ImportOptions#publish()}, publish) one of the items, named as above; nothing is stored
     * @throws org.copkit.NotFoundException when a draft's community does not exist, named as above
     */
    java.util.List<KnowledgeItem> importItems(java.util.List<ItemDraft> drafts, ImportOptions options);
}
