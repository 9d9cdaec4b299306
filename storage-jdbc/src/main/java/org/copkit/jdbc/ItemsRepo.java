package org.copkit.jdbc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.copkit.ObjectType;
import org.copkit.Page;
import org.copkit.PageRequest;
import org.copkit.community.CommunityId;
import org.copkit.community.PracticeId;
import org.copkit.knowledge.ItemKind;
import org.copkit.knowledge.ItemStatus;
import org.copkit.knowledge.KnowledgeItem;
import org.copkit.knowledge.KnowledgeItemId;
import org.copkit.member.MemberId;
import org.copkit.spi.Repositories;

/**
 * Table {@code knowledge_items}: query columns (community, practice, status, owner), title and body as
 * text, the rest of the content, audience, approvals and provenance as JSON.
 */
final class ItemsRepo extends VersionedRepo<KnowledgeItemId, KnowledgeItem> implements Repositories.KnowledgeItems {
    ItemsRepo(JdbcTransaction tx) {
        super(tx, ObjectType.KNOWLEDGE_ITEM, "knowledge_items", "id");
    }

    @Override
    KnowledgeItemId key(KnowledgeItem i) {
        return i.id();
    }

    @Override
    List<Object> keyValues(KnowledgeItemId key) {
        return List.of(key.value());
    }

    @Override
    String refId(KnowledgeItemId key) {
        return key.value();
    }

    @Override
    long version(KnowledgeItem i) {
        return i.version();
    }

    @Override
    LinkedHashMap<String, Object> columns(KnowledgeItem i) {
        LinkedHashMap<String, Object> c = new LinkedHashMap<>();
        c.put("community_id", i.community().value());
        c.put("practice_id", Db.text(i.practice()));
        c.put("kind", i.kind());
        c.put("status", i.status());
        c.put("owner_id", i.owner().value());
        c.put("title", i.content().title());
        c.put("body", i.content().body());
        c.put("content", Json.content(i.content()));
        c.put("audience", Json.audience(i.audience()));
        c.put("revision_no", i.revision());
        c.put("approvals", Json.approvals(i.approvals()));
        c.put("review_by", Db.timestamp(i.reviewBy()));
        c.put("published_at", Db.timestamp(i.publishedAt()));
        c.put("superseded_by", Db.text(i.supersededBy()));
        c.put("provenance", Json.provenance(i.provenance()));
        c.put("created_at", i.createdAt());
        c.put("updated_at", i.updatedAt());
        return c;
    }

    @Override
    Db.Mapper<KnowledgeItem> mapper() {
        return r -> new KnowledgeItem(KnowledgeItemId.of(r.text("id")), CommunityId.of(r.text("community_id")),
                r.optText("practice_id").map(PracticeId::of), r.enumValue("kind", ItemKind.class),
                Json.content(r.text("title"), r.text("body"), r.text("content")), Json.audience(r.text("audience")),
                r.enumValue("status", ItemStatus.class), MemberId.of(r.text("owner_id")), r.intValue("revision_no"),
                Json.approvals(r.text("approvals")), r.optInstant("review_by"), r.optInstant("published_at"),
                r.optText("superseded_by").map(KnowledgeItemId::of), Json.provenance(r.text("provenance")),
                r.instant("created_at"), r.instant("updated_at"), r.longValue("version"));
    }

    @Override
    public Page<KnowledgeItem> listByCommunity(CommunityId community, Optional<PracticeId> practice,
            Set<ItemStatus> statuses, PageRequest page) {
        Where where = Where.eq("community_id", community.value());
        practice.ifPresent(p -> where.and("practice_id", p.value()));
        return page(where.andIn("status", statuses), "id", i -> i.id().value(), page);
    }

    @Override
    public Page<KnowledgeItem> list(PageRequest page) {
        return page(Where.all(), "id", i -> i.id().value(), page);
    }

    @Override
    public Page<KnowledgeItem> listDueForReview(java.time.Instant before, PageRequest page) {
        if (before == null) {
            throw new org.copkit.InvalidInputException("before is required but was null");
        }
        return page(Where.eq("status", ItemStatus.PUBLISHED.name()).andRange("review_by < ?", before), "id",
                i -> i.id().value(), page);
    }

    /** Reads the head's columns only (no body, content, approvals or provenance). */
    @Override
    public java.util.Map<KnowledgeItemId, org.copkit.spi.ItemHead> findHeads(
            java.util.Collection<KnowledgeItemId> ids) {
        org.copkit.internal.Checks.present("ids", ids);
        return findColumns(ids, "id, community_id, practice_id, status, owner_id, title, audience",
                r -> new org.copkit.spi.ItemHead(KnowledgeItemId.of(r.text("id")),
                        CommunityId.of(r.text("community_id")), r.optText("practice_id").map(PracticeId::of),
                        r.enumValue("status", ItemStatus.class), MemberId.of(r.text("owner_id")), r.text("title"),
                        Json.audience(r.text("audience"))), org.copkit.spi.ItemHead::id);
    }
}
