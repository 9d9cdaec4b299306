package org.copkit.internal;

import org.copkit.InvalidInputException;
import org.copkit.NotFoundException;
import org.copkit.community.Community;
import org.copkit.community.CommunityId;
import org.copkit.community.Practice;
import org.copkit.community.PracticeId;
import org.copkit.domain.Competency;
import org.copkit.domain.CompetencyId;
import org.copkit.domain.Domain;
import org.copkit.domain.DomainId;
import org.copkit.knowledge.KnowledgeItem;
import org.copkit.knowledge.KnowledgeItemId;
import org.copkit.member.Member;
import org.copkit.member.MemberId;
import org.copkit.member.Organization;
import org.copkit.member.OrganizationId;
import org.copkit.spi.Transaction;

/** Loads aggregates or fails with a message that names what is missing. */
final class Load {
    private Load() {}

    static Organization organization(Transaction tx, OrganizationId id) {
        return tx.organizations().find(Checks.present("organization", id))
                .orElseThrow(() -> new NotFoundException("organization " + id + " does not exist"));
    }

    static Member member(Transaction tx, MemberId id) {
        return tx.members().find(Checks.present("member", id))
                .orElseThrow(() -> new NotFoundException("member " + id + " does not exist"));
    }

    static Domain domain(Transaction tx, DomainId id) {
        return tx.domains().find(Checks.present("domain", id))
                .orElseThrow(() -> new NotFoundException("domain " + id + " does not exist"));
    }

    static Competency competency(Transaction tx, CompetencyId id) {
        return tx.competencies().find(Checks.present("competency", id))
                .orElseThrow(() -> new NotFoundException("competency " + id + " does not exist"));
    }

    static Community community(Transaction tx, CommunityId id) {
        return tx.communities().find(Checks.present("community", id))
                .orElseThrow(() -> new NotFoundException("community " + id + " does not exist"));
    }

    static Practice practice(Transaction tx, PracticeId id) {
        return tx.practices().find(Checks.present("practice", id))
                .orElseThrow(() -> new NotFoundException("practice " + id + " does not exist"));
    }

    /** An item the actor may see; an invisible one is reported exactly like a missing one. */
    static KnowledgeItem visibleItem(Call call, KnowledgeItemId id) {
        return call.tx.items().find(Checks.present("item", id)).filter(i -> call.actor.canSee(i.visibility()))
                .orElseThrow(() -> new NotFoundException("knowledge item " + id + " does not exist"));
    }

    /** Input references (not the addressed object) that must exist are invalid input when missing. */
    static void requireCompetencies(Transaction tx, String field, Iterable<CompetencyId> ids) {
        for (CompetencyId c : ids) {
            if (tx.competencies().find(c).isEmpty()) {
                throw new InvalidInputException(field + " names competency " + c + ", which does not exist");
            }
        }
    }

    static void requireOrganization(Transaction tx, String field, OrganizationId id) {
        if (tx.organizations().find(id).isEmpty()) {
            throw new InvalidInputException(field + " names organization " + id + ", which does not exist");
        }
    }

    /**
     * The practice a draft names, which must exist and belong to the draft's community; both
     * failures are invalid input naming {@code draft.practice}.
     */
    static java.util.Optional<Practice> practiceIn(Transaction tx, Community community,
            java.util.Optional<PracticeId> id) {
        return id.map(p -> {
            Practice found = tx.practices().find(p).orElseThrow(() -> new InvalidInputException(
                    "draft.practice names practice " + p + ", which does not exist"));
            if (!found.community().equals(community.id())) {
                throw new InvalidInputException("draft.practice " + p + " belongs to community " + found.community()
                        + ", not to " + community.id());
            }
            return found;
        });
    }
}
