package org.copkit.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.copkit.CopKitException;
import org.copkit.ErrorCode;
import org.copkit.Id;
import org.copkit.ObjectType;
import org.copkit.Ref;
import org.copkit.access.Audience;
import org.copkit.access.AudienceLevel;
import org.copkit.access.Visibility;
import org.copkit.community.CommunityId;
import org.copkit.community.PracticeId;
import org.copkit.community.Role;
import org.copkit.domain.CompetencyId;
import org.copkit.knowledge.Approval;
import org.copkit.knowledge.ItemContent;
import org.copkit.knowledge.KnowledgeItemId;
import org.copkit.knowledge.Provenance;
import org.copkit.member.Competence;
import org.copkit.member.MemberId;
import org.copkit.member.MemberProfile;
import org.copkit.member.OrganizationId;
import org.copkit.member.Proficiency;
import org.copkit.onboarding.LearningStep;
import org.copkit.onboarding.StepKind;
import org.copkit.session.SessionKind;
import org.copkit.value.ValueCycle;
import org.copkit.value.ValueStoryContent;

/**
 * The JSON documents of nested values. Core's records are mapped through private DTO records of
 * strings, numbers and lists, so the stored form is explicit and independent of core's classes: ids
 * as plain strings, languages as BCP 47 tags, instants as ISO-8601 text (nanosecond exact), sets
 * sorted.
 */
final class Json {
    private Json() {}

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new Jdk8Module())
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    // ---------------------------------------------------------------------------------------------
    // DTOs

    record ProfileDto(Optional<String> location, String timeZone, List<String> languages,
            List<CompetenceDto> competences, List<String> ambitions, boolean findableAsExpert) {}

    record CompetenceDto(String competency, String level) {}

    record ContentDto(List<String> tags, List<String> competencies, String language) {}

    record AudienceDto(String level, List<String> organizations) {}

    record ApprovalDto(String approver, String role, boolean steward, Instant at) {}

    record ProvenanceDto(String source, Optional<String> reference, Optional<String> note) {}

    record VisibilityDto(Optional<String> community, Optional<String> practice, AudienceDto audience,
            boolean unpublished, List<String> editors) {}

    record RefDto(String type, String id) {}

    record StepDto(String kind, String title, Optional<String> item, Optional<String> sessionKind) {}

    record StoryContentDto(String language, List<RefDto> evidence) {}

    // ---------------------------------------------------------------------------------------------
    // member profile (all but display name and organisation, which are columns)

    static String profile(MemberProfile p) {
        return write(new ProfileDto(p.location(), p.timeZone().getId(),
                p.languages().stream().map(Locale::toLanguageTag).toList(),
                p.competences().stream().map(c -> new CompetenceDto(c.competency().value(), c.level().name())).toList(),
                ids(p.ambitions()), p.findableAsExpert()));
    }

    static MemberProfile profile(String displayName, OrganizationId organization, String json) {
        // every call reads its actor's row: parse a profile again only when it differs from the last one
        return LAST_PROFILE.get().value(List.of(displayName, organization.value(), json),
                k -> readProfile(displayName, organization, json));
    }

    private static MemberProfile readProfile(String displayName, OrganizationId organization, String json) {
        ProfileDto d = read(json, ProfileDto.class);
        return new MemberProfile(displayName, organization, d.location() == null ? Optional.empty() : d.location(),
                ZoneId.of(d.timeZone()), d.languages().stream().map(Locale::forLanguageTag).toList(),
                d.competences().stream()
                        .map(c -> new Competence(CompetencyId.of(c.competency()), Proficiency.valueOf(c.level())))
                        .toList(),
                set(d.ambitions(), CompetencyId::of), d.findableAsExpert());
    }

    // ---------------------------------------------------------------------------------------------
    // labels: language tag -> label

    static String labels(Map<Locale, String> labels) {
        Map<String, String> byTag = new LinkedHashMap<>();
        labels.forEach((k, v) -> byTag.put(k.toLanguageTag(), v));
        return write(byTag);
    }

    static Map<Locale, String> labels(String json) {
        Map<String, String> byTag = read(json, new com.fasterxml.jackson.core.type.TypeReference<LinkedHashMap<String, String>>() {});
        Map<Locale, String> labels = new LinkedHashMap<>();
        byTag.forEach((k, v) -> labels.put(Locale.forLanguageTag(k), v));
        return labels;
    }

    // ---------------------------------------------------------------------------------------------
    // string maps (activity details)

    static String stringMap(Map<String, String> map) {
        // written with sorted keys, so equal maps give equal JSON: the details of one kind of activity repeat
        return LAST_DETAILS.get().json(map, m -> write(new TreeMap<>(m)));
    }

    static Map<String, String> stringMap(String json) {
        return read(json, new com.fasterxml.jackson.core.type.TypeReference<TreeMap<String, String>>() {});
    }

    // ---------------------------------------------------------------------------------------------
    // id sets

    static String idSet(Collection<? extends Id> ids) {
        return write(ids(ids));
    }

    static <I> Set<I> idSet(String json, Function<String, I> of) {
        return set(LAST_STRINGS.get().value(json, k -> List.copyOf(read(k, STRING_LIST))), of);
    }

    private static final com.fasterxml.jackson.core.type.TypeReference<List<String>> STRING_LIST =
            new com.fasterxml.jackson.core.type.TypeReference<List<String>>() {};

    // ---------------------------------------------------------------------------------------------
    // item content (all but title and body, which are columns)

    static String content(ItemContent c) {
        return LAST_CONTENT.get().json(c, Json::writeContent);
    }

    private static String writeContent(ItemContent c) {
        return write(new ContentDto(c.tags().stream().sorted().toList(), ids(c.competencies()),
                c.language().toLanguageTag()));
    }

    static ItemContent content(String title, String body, String json) {
        ContentDto d = read(json, ContentDto.class);
        return new ItemContent(title, body, Set.copyOf(d.tags()), set(d.competencies(), CompetencyId::of),
                Locale.forLanguageTag(d.language()));
    }

    // ---------------------------------------------------------------------------------------------
    // audience, approvals, provenance, visibility

    static String audience(Audience a) {
        return LAST_AUDIENCE.get().json(a, v -> write(audienceDto(v)));
    }

    static Audience audience(String json) {
        return audience(read(json, AudienceDto.class));
    }

    private static AudienceDto audienceDto(Audience a) {
        return new AudienceDto(a.level().name(), ids(a.organizations()));
    }

    private static Audience audience(AudienceDto d) {
        return new Audience(AudienceLevel.valueOf(d.level()), set(d.organizations(), OrganizationId::of));
    }

    static String approvals(List<Approval> approvals) {
        if (approvals.isEmpty()) {
            return "[]";
        }
        return write(approvals.stream()
                .map(a -> new ApprovalDto(a.approver().value(), a.role().name(), a.steward(), a.at())).toList());
    }

    static List<Approval> approvals(String json) {
        List<ApprovalDto> dtos = read(json, new com.fasterxml.jackson.core.type.TypeReference<List<ApprovalDto>>() {});
        return dtos.stream()
                .map(d -> new Approval(MemberId.of(d.approver()), Role.valueOf(d.role()), d.steward(), d.at()))
                .toList();
    }

    static String provenance(Provenance p) {
        return LAST_PROVENANCE.get().json(p, v -> write(new ProvenanceDto(v.source().name(), v.reference(), v.note())));
    }

    static Provenance provenance(String json) {
        ProvenanceDto d = read(json, ProvenanceDto.class);
        return new Provenance(Provenance.Source.valueOf(d.source()), orEmpty(d.reference()), orEmpty(d.note()));
    }

    static String visibility(Visibility v) {
        return LAST_VISIBILITY.get().json(v, Json::writeVisibility);
    }

    private static String writeVisibility(Visibility v) {
        return write(new VisibilityDto(v.community().map(CommunityId::value), v.practice().map(PracticeId::value),
                audienceDto(v.audience()), v.unpublished(), ids(v.editors())));
    }

    static Visibility visibility(String json) {
        VisibilityDto d = read(json, VisibilityDto.class);
        return new Visibility(orEmpty(d.community()).map(CommunityId::of), orEmpty(d.practice()).map(PracticeId::of),
                audience(d.audience()), d.unpublished(), set(d.editors(), MemberId::of));
    }

    // ---------------------------------------------------------------------------------------------
    // text sets (session questions), sorted

    static String textSet(Collection<String> values) {
        return write(values.stream().sorted().toList());
    }

    static Set<String> textSet(String json) {
        List<String> values = read(json, new com.fasterxml.jackson.core.type.TypeReference<List<String>>() {});
        return values == null ? Set.of() : Set.copyOf(values);
    }

    // ---------------------------------------------------------------------------------------------
    // value story content (all but cycle, title and story, which are columns): language, evidence in order

    static String storyContent(ValueStoryContent c) {
        return write(new StoryContentDto(c.language().toLanguageTag(),
                c.evidence().stream().map(r -> new RefDto(r.type().name(), r.id())).toList()));
    }

    static ValueStoryContent storyContent(ValueCycle cycle, String title, String story, String json) {
        StoryContentDto d = read(json, StoryContentDto.class);
        List<Ref> evidence = d.evidence() == null ? List.of()
                : d.evidence().stream().map(r -> new Ref(ObjectType.valueOf(r.type()), r.id())).toList();
        return new ValueStoryContent(cycle, title, story, Locale.forLanguageTag(d.language()), evidence);
    }

    // ---------------------------------------------------------------------------------------------
    // learning path steps, in order

    static String steps(List<LearningStep> steps) {
        return write(steps.stream().map(s -> new StepDto(s.kind().name(), s.title(), s.item().map(Id::value),
                s.sessionKind().map(Enum::name))).toList());
    }

    static List<LearningStep> steps(String json) {
        List<StepDto> dtos = read(json, new com.fasterxml.jackson.core.type.TypeReference<List<StepDto>>() {});
        return dtos.stream().map(d -> new LearningStep(StepKind.valueOf(d.kind()), d.title(),
                orEmpty(d.item()).map(KnowledgeItemId::of), orEmpty(d.sessionKind()).map(SessionKind::valueOf)))
                .toList();
    }

    // ---------------------------------------------------------------------------------------------

    private static <T> Optional<T> orEmpty(Optional<T> value) {
        return value == null ? Optional.empty() : value;
    }

    private static List<String> ids(Collection<? extends Id> ids) {
        return ids.stream().map(Id::value).sorted().toList();
    }

    private static <I> Set<I> set(List<String> values, Function<String, I> of) {
        return values == null ? Set.of() : values.stream().map(of).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * The JSON of the value this thread serialised last, kept by identity: an item and its revision (or
     * the activities of one call) share one immutable instance, which is then serialised once. The
     * values are immutable records, so a hit is always the JSON the value would give again.
     */
    private static class Last<T> {
        private T value;
        private String json;

        boolean same(T a, T b) {
            return a == b;
        }

        String json(T v, Function<T, String> writer) {
            if (!same(v, value)) {
                json = writer.apply(v);
                value = v;
            }
            return json;
        }
    }

    private static final ThreadLocal<Last<ItemContent>> LAST_CONTENT = ThreadLocal.withInitial(Last::new);

    /**
     * Like {@link Last}, kept by value: for small records whose equal values always give the same JSON
     * (ids are written sorted), such as the audience and provenance every item of a bulk import shares
     * without sharing the instance.
     */
    private static final class LastEqual<T> extends Last<T> {
        @Override
        boolean same(T a, T b) {
            return a == b || (b != null && b.equals(a));
        }
    }

    private static final ThreadLocal<Last<Audience>> LAST_AUDIENCE = ThreadLocal.withInitial(LastEqual::new);
    private static final ThreadLocal<Last<Provenance>> LAST_PROVENANCE = ThreadLocal.withInitial(LastEqual::new);
    private static final ThreadLocal<Last<Map<String, String>>> LAST_DETAILS = ThreadLocal.withInitial(LastEqual::new);
    /** By value: each activity of a call builds its own, equal, visibility of the item. */
    private static final ThreadLocal<Last<Visibility>> LAST_VISIBILITY = ThreadLocal.withInitial(LastEqual::new);

    /**
     * The value this thread read last from stored JSON, kept by the text it was read from (and the columns
     * read with it): reading is a function of that text and the values are immutable, so a hit is the value
     * reading would give again. For what every call reads, such as its actor's profile.
     */
    private static final class LastRead<K, T> {
        private K key;
        private T value;

        T value(K k, Function<K, T> reader) {
            if (!k.equals(key)) {
                value = reader.apply(k);
                key = k;
            }
            return value;
        }
    }

    private static final ThreadLocal<LastRead<List<String>, MemberProfile>> LAST_PROFILE =
            ThreadLocal.withInitial(LastRead::new);
    private static final ThreadLocal<LastRead<String, List<String>>> LAST_STRINGS = ThreadLocal.withInitial(LastRead::new);

    private static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new CopKitException(ErrorCode.STORAGE, "cannot write JSON for a " + value.getClass().getSimpleName(), e);
        }
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new CopKitException(ErrorCode.STORAGE, "stored JSON is not a valid " + type.getSimpleName(), e);
        }
    }

    private static <T> T read(String json, com.fasterxml.jackson.core.type.TypeReference<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new CopKitException(ErrorCode.STORAGE, "stored JSON is not a valid " + type.getType(), e);
        }
    }
}
