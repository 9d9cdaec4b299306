package org.copkit.internal;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.copkit.AccessDeniedException;
import org.copkit.InvalidInputException;
import org.copkit.NotFoundException;
import org.copkit.ObjectType;
import org.copkit.Page;
import org.copkit.PageRequest;
import org.copkit.Ref;
import org.copkit.access.AccessRequest;
import org.copkit.access.Action;
import org.copkit.access.Decision;
import org.copkit.access.Visibility;
import org.copkit.activity.Verb;
import org.copkit.community.Community;
import org.copkit.community.CommunityId;
import org.copkit.domain.Competency;
import org.copkit.domain.CompetencyId;
import org.copkit.domain.Domain;
import org.copkit.domain.DomainId;
import org.copkit.knowledge.ItemContent;
import org.copkit.knowledge.ItemStatus;
import org.copkit.knowledge.KnowledgeItem;
import org.copkit.knowledge.KnowledgeItemId;
import org.copkit.member.MemberId;
import org.copkit.review.FreshnessReport;
import org.copkit.review.ReviewReason;
import org.copkit.review.ReviewService;
import org.copkit.review.ReviewTask;
import org.copkit.review.ReviewTaskId;
import org.copkit.review.ReviewTaskStatus;

final class Reviews implements ReviewService {
    private final Engine engine;
    private final MemberId actor;

    Reviews(Engine engine, MemberId actor) {
        this.engine = engine;
        this.actor = actor;
    }

    @Override
    public FreshnessReport markDomainChange(DomainId domain, Set<CompetencyId> competencies, Set<String> tags,
            String note) {
        Checks.present("domain", domain);
        Set<CompetencyId> comps = Checks.set("competencies", competencies, ItemContent.MAX_TAGS);
        Set<String> t = Checks.tags("tags", tags, ItemContent.MAX_TAGS);
        if (comps.isEmpty() && t.isEmpty()) {
            throw new InvalidInputException("competencies and tags are both empty; name at least one affected");
        }
        String n = Checks.nonBlankText("note", note, 500);
        return engine.write(actor, call -> {
            Domain d = Load.domain(call.tx, domain);
            List<Community> onDomain = StoreReads.all(p -> call.tx.communities().list(p)).stream()
                    .filter(c -> c.domain().equals(d.id())).toList();
            checkDomainChange(call, d, onDomain);
            Set<CompetencyId> affected = withNarrower(call, d, comps);
            Map<String, String> details = new LinkedHashMap<>();
            details.put("note", n);
            details.put("competencies", Checks.abbreviate(String.join(",", comps.stream().map(CompetencyId::value)
                    .sorted().toList())));
            details.put("tags", Checks.abbreviate(String.join(",", t.stream().sorted().toList())));
            call.record(Verb.DOMAIN_CHANGED, Ref.of(ObjectType.DOMAIN, d.id()), Optional.empty(), Optional.empty(),
                    Visibility.platform(), details);
            List<KnowledgeItem> linked = new ArrayList<>();
            for (Community c : onDomain) {
                StoreReads.all(p -> call.tx.items().listByCommunity(c.id(), Optional.empty(), EnumSet.of(ItemStatus.PUBLISHED),
                        p)).stream().filter(i -> linked(i, affected, t)).forEach(linked::add);
            }
            linked.sort(java.util.Comparator.comparing(KnowledgeItem::id));
            List<KnowledgeItemId> reported = new ArrayList<>();
            int tasks = 0;
            for (Freshness.Flagged f : Freshness.flagAll(call, linked, ReviewReason.DOMAIN_CHANGE, n)) {
                if (call.actor.canSee(f.item().visibility())) {
                    reported.add(f.item().id());
                    tasks += f.taskCreated() ? 1 : 0;
                }
            }
            return new FreshnessReport(call.now, reported, tasks);
        });
    }

    /** Allowed when the rules allow the domain alone, or with one of its communities. */
    private void checkDomainChange(Call call, Domain d, List<Community> onDomain) {
        AccessRequest base = AccessRequest.of(Action.MARK_DOMAIN_CHANGE).domain(d);
        Decision first = engine.accessRules.decide(call.actor, base);
        if (first.allowed()) {
            return;
        }
        for (Community c : onDomain) {
            if (engine.accessRules.decide(call.actor, base.community(c)).allowed()) {
                return;
            }
        }
        throw new AccessDeniedException(first.reason());
    }

    /** The named competencies, which must be of the domain, and every competency below them. */
    private static Set<CompetencyId> withNarrower(Call call, Domain d, Set<CompetencyId> named) {
        for (CompetencyId c : named) {
            Competency found = call.tx.competencies().find(c).orElseThrow(() -> new InvalidInputException(
                    "competencies names competency " + c + ", which does not exist"));
            if (!found.domain().equals(d.id())) {
                throw new InvalidInputException("competencies names competency " + c + " of domain "
                        + found.domain() + ", not of " + d.id());
            }
        }
        List<Competency> framework = StoreReads.all(p -> call.tx.competencies().listByDomain(d.id(), p));
        Set<CompetencyId> out = new HashSet<>(named);
        boolean grew = !named.isEmpty();
        while (grew) {
            grew = false;
            for (Competency c : framework) {
                if (c.parent().map(out::contains).orElse(false) && out.add(c.id())) {
                    grew = true;
                }
            }
        }
        return out;
    }

    private static boolean linked(KnowledgeItem i, Set<CompetencyId> competencies, Set<String> tags) {
        return i.content().competencies().stream().anyMatch(competencies::contains)
                || i.content().tags().stream().anyMatch(tags::contains);
    }


    private static boolean visible(Call call, ReviewTask t) {
        return call.tx.items().find(t.item()).map(i -> call.actor.canSee(i.visibility())).orElse(false);
    }

    private static Set<ReviewTaskStatus> statuses(Set<ReviewTaskStatus> statuses) {
        Set<ReviewTaskStatus> s = Checks.set("statuses", statuses, ReviewTaskStatus.values().length);
        return s.isEmpty() ? Set.of(ReviewTaskStatus.OPEN) : s;
    }

    @Override
    public ReviewTask get(ReviewTaskId id) {
        Checks.present("task", id);
        return engine.read(actor, call -> call.tx.reviewTasks().find(id).filter(t -> visible(call, t))
                .orElseThrow(() -> new NotFoundException("review task " + id + " does not exist")));
    }

    @Override
    public Page<ReviewTask> mine(Set<ReviewTaskStatus> statuses, PageRequest page) {
        Set<ReviewTaskStatus> s = statuses(statuses);
        Checks.present("page", page);
        return engine.read(actor, call -> Paging.filtered(page,
                p -> call.tx.reviewTasks().listByAssignee(call.actor.member(), s, p), t -> visible(call, t),
                t -> t.id().value()));
    }

    @Override
    public Page<ReviewTask> inCommunity(CommunityId community, Set<ReviewTaskStatus> statuses, PageRequest page) {
        Set<ReviewTaskStatus> s = statuses(statuses);
        Checks.present("page", page);
        return engine.read(actor, call -> {
            Community c = Load.community(call.tx, community);
            call.check(AccessRequest.of(Action.LIST_REVIEW_TASKS).community(c));
            return Paging.filtered(page, p -> call.tx.reviewTasks().listByCommunity(c.id(), s, p),
                    t -> visible(call, t), t -> t.id().value());
        });
    }
}
