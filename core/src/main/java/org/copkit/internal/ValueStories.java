package org.copkit.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.copkit.ConflictException;
import org.copkit.InvalidInputException;
import org.copkit.NotFoundException;
import org.copkit.ObjectType;
import org.copkit.Page;
import org.copkit.PageRequest;
import org.copkit.Ref;
import org.copkit.access.AccessRequest;
import org.copkit.access.Action;
import org.copkit.access.Audience;
import org.copkit.access.AudienceLevel;
import org.copkit.activity.Verb;
import org.copkit.community.Community;
import org.copkit.community.CommunityId;
import org.copkit.knowledge.KnowledgeItemId;
import org.copkit.member.MemberId;
import org.copkit.member.OrganizationId;
import org.copkit.value.ValueCycle;
import org.copkit.value.ValueStory;
import org.copkit.value.ValueStoryContent;
import org.copkit.value.ValueStoryDraft;
import org.copkit.value.ValueStoryId;
import org.copkit.value.ValueStoryService;

final class ValueStories implements ValueStoryService {
    private final Engine engine;
    private final MemberId actor;

    ValueStories(Engine engine, MemberId actor) {
        this.engine = engine;
        this.actor = actor;
    }

    @Override
    public ValueStory record(ValueStoryDraft draft) {
        Checks.present("draft", draft);
        return engine.write(actor, call -> {
            Community c = Load.community(call.tx, draft.community());
            Audience audience = draft.audience().orElseGet(() -> defaultAudience(c, call));
            call.check(AccessRequest.of(Action.RECORD_VALUE_STORY).community(c).audience(audience));
            requireOrganizations(call, audience);
            requireEvidence(call, draft.content().evidence());
            ValueStory s = call.tx.valueStories().insert(new ValueStory(ValueStoryId.of(call.newId()), c.id(),
                    call.actor.member(), draft.content(), audience, call.now, call.now, 1));
            record(call, Verb.CREATED, s);
            return s;
        });
    }

    @Override
    public ValueStory edit(ValueStoryId id, long expectedVersion, ValueStoryContent content, Audience audience) {
        Checks.present("content", content);
        Checks.present("audience", audience);
        return engine.write(actor, call -> {
            ValueStory current = visible(call, id);
            Community c = Load.community(call.tx, current.community());
            call.check(AccessRequest.of(Action.EDIT_VALUE_STORY).community(c)
                    .subject(Load.member(call.tx, current.author())).audience(audience));
            if (current.version() != expectedVersion) {
                throw new ConflictException("value story " + id + " was changed concurrently: it is at version "
                        + current.version() + ", the change expected " + expectedVersion);
            }
            requireOrganizations(call, audience);
            requireEvidence(call, content.evidence());
            LinkedHashSet<Ref> evidence = new LinkedHashSet<>(content.evidence());
            current.content().evidence().stream().filter(r -> !evidenceVisible(call, r)).forEach(evidence::add);
            ValueStory s = call.tx.valueStories().update(new ValueStory(id, current.community(), current.author(),
                    content.withEvidence(new ArrayList<>(evidence)), audience, current.createdAt(), call.now,
                    expectedVersion + 1));
            record(call, Verb.EDITED, s);
            return s;
        });
    }

    @Override
    public ValueStory get(ValueStoryId id) {
        return engine.read(actor, call -> forReader(call, visible(call, id)));
    }

    @Override
    public Page<ValueStory> list(CommunityId community, Optional<ValueCycle> cycle, PageRequest page) {
        Checks.present("cycle", cycle);
        Checks.present("page", page);
        return engine.read(actor, call -> {
            Load.community(call.tx, community);
            Page<ValueStory> p = Paging.filtered(page, r -> call.tx.valueStories().listByCommunity(community, r),
                    s -> call.actor.canSee(s.visibility()) && cycle.map(s.cycle()::equals).orElse(true),
                    s -> s.id().value());
            return new Page<>(p.items().stream().map(s -> forReader(call, s)).toList(), p.next());
        });
    }

    private static ValueStory visible(Call call, ValueStoryId id) {
        return call.tx.valueStories().find(Checks.present("story", id)).filter(s -> call.actor.canSee(s.visibility()))
                .orElseThrow(() -> new NotFoundException("value story " + id + " does not exist"));
    }

    /** The story with only the evidence the reader may see. */
    private static ValueStory forReader(Call call, ValueStory s) {
        List<Ref> shown = s.content().evidence().stream().filter(r -> evidenceVisible(call, r)).toList();
        if (shown.size() == s.content().evidence().size()) {
            return s;
        }
        return new ValueStory(s.id(), s.community(), s.author(), s.content().withEvidence(shown), s.audience(),
                s.createdAt(), s.updatedAt(), s.version());
    }

    /**
     * Knowledge items and value stories must exist and be visible; references of other types are
     * taken as they are (their kinds are checked by the services that own them).
     */
    private static boolean evidenceVisible(Call call, Ref r) {
        return switch (r.type()) {
            case KNOWLEDGE_ITEM -> validId(r) && call.tx.items().find(KnowledgeItemId.of(r.id()))
                    .filter(i -> call.actor.canSee(i.visibility())).isPresent();
            case VALUE_STORY -> validId(r) && call.tx.valueStories().find(ValueStoryId.of(r.id()))
                    .filter(s -> call.actor.canSee(s.visibility())).isPresent();
            default -> true;
        };
    }

    private static boolean validId(Ref r) {
        return r.id().length() <= Checks.MAX_ID && r.id().chars().noneMatch(ch -> Character.isWhitespace(ch)
                || Character.isISOControl(ch));
    }

    private static void requireEvidence(Call call, List<Ref> evidence) {
        for (Ref r : evidence) {
            if (!evidenceVisible(call, r)) {
                throw new InvalidInputException("story.evidence names " + r + ", which does not exist");
            }
        }
    }

    private static void requireOrganizations(Call call, Audience audience) {
        for (OrganizationId o : audience.organizations()) {
            Load.requireOrganization(call.tx, "story.audience", o);
        }
    }

    private static Audience defaultAudience(Community c, Call call) {
        return switch (c.defaultAudience()) {
            case ORGANIZATION -> Audience.organization(call.actor.organization());
            case PARTNERS -> {
                LinkedHashSet<OrganizationId> orgs = new LinkedHashSet<>();
                orgs.add(call.actor.organization());
                orgs.addAll(c.organizations());
                yield orgs.size() >= 2 ? new Audience(AudienceLevel.PARTNERS, orgs)
                        : Audience.organization(call.actor.organization());
            }
            case COMMUNITY -> Audience.community();
            case PLATFORM -> Audience.platform();
        };
    }

    private static void record(Call call, Verb verb, ValueStory s) {
        call.record(verb, Ref.of(ObjectType.VALUE_STORY, s.id()), Optional.empty(), Optional.of(s.community()),
                s.visibility(), Map.of("cycle", s.cycle().name()));
    }
}
