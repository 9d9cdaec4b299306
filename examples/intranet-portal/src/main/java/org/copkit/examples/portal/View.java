package org.copkit.examples.portal;

import gg.jte.Content;
import java.text.MessageFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ResourceBundle;
import org.copkit.CopKit;
import org.copkit.CopKitException;
import org.copkit.community.CommunityId;
import org.copkit.domain.CompetencyId;
import org.copkit.member.Member;
import org.copkit.member.MemberId;
import org.copkit.member.OrganizationId;

/**
 * What every page template gets: the signed-in member (if any), their language, translated messages, and
 * helpers that format dates and render markdown safely. One per request.
 */
public final class View {
    private final CopKit kit;
    private final Optional<Member> member;
    private final Locale locale;
    private final ResourceBundle messages;
    private final String path;
    private final Map<String, String> names = new HashMap<>();

    View(CopKit kit, Optional<Member> member, String path) {
        this.kit = kit;
        this.member = member;
        this.path = path;
        this.locale = member.map(View::language).orElse(Locale.ENGLISH);
        this.messages = ResourceBundle.getBundle("i18n.messages", locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /**
     * @param member a member
     * @return the UI language for the member: Dutch when their first language is Dutch, else English
     */
    static Locale language(Member member) {
        return member.profile().languages().stream().findFirst()
                .filter(l -> l.getLanguage().equals("nl")).map(l -> Locale.forLanguageTag("nl"))
                .orElse(Locale.ENGLISH);
    }

    /** @return the signed-in member, if any */
    public Optional<Member> member() {
        return member;
    }

    /** @return the acting member's services; only when signed in */
    public CopKit.As as() {
        return kit.as(member.orElseThrow().id());
    }

    /** @return the UI language tag ({@code nl} or {@code en}) */
    public String lang() {
        return locale.getLanguage();
    }

    /** @return the request path, to mark the current navigation entry */
    public String path() {
        return path;
    }

    /**
     * @param key a message key
     * @param args MessageFormat arguments
     * @return the translated message, or the key itself when missing
     */
    public String t(String key, Object... args) {
        if (!messages.containsKey(key)) {
            return key;
        }
        String pattern = messages.getString(key);
        return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
    }

    /**
     * @param e an enum constant
     * @return its translation ({@code enum.SIMPLE_NAME.CONSTANT}), or a readable form of the name
     */
    public String e(Enum<?> e) {
        String key = "enum." + e.getDeclaringClass().getSimpleName() + "." + e.name();
        if (messages.containsKey(key)) {
            return messages.getString(key);
        }
        String s = e.name().replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private ZoneId zone() {
        return member.map(m -> m.profile().timeZone()).orElse(ZoneId.of("Europe/Amsterdam"));
    }

    /**
     * @param at an instant
     * @return date and time in the member's zone and language
     */
    public String dateTime(Instant at) {
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(locale)
                .format(at.atZone(zone()));
    }

    /**
     * @param at an instant
     * @return the date in the member's zone and language
     */
    public String date(Instant at) {
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale).format(at.atZone(zone()));
    }

    /**
     * @param d a duration
     * @return it in hours (or days when long)
     */
    public String duration(Duration d) {
        return d.toHours() >= 48 ? t("duration.days", d.toDays()) : t("duration.hours", d.toHours());
    }

    /**
     * @param markdown member-written markdown
     * @return sanitised HTML
     */
    public Content md(String markdown) {
        return Markdown.content(markdown);
    }

    /**
     * @param html HTML produced by CoPKit's search (escaped text with {@code <mark>} around matches)
     * @return it sanitised again, so only the marks survive
     */
    public Content highlight(String html) {
        String clean = MARKS.sanitize(html);
        return output -> output.writeContent(clean);
    }

    private static final org.owasp.html.PolicyFactory MARKS =
            new org.owasp.html.HtmlPolicyBuilder().allowElements("mark").toFactory();

    /**
     * @param id a member id
     * @return the member's display name, or the id when unknown
     */
    public String name(MemberId id) {
        return names.computeIfAbsent("m:" + id.value(), k -> {
            try {
                return kit.system().members().get(id).profile().displayName();
            } catch (CopKitException e) {
                return id.value();
            }
        });
    }

    /**
     * @param id an organisation id
     * @return its name, or the id when unknown
     */
    public String org(OrganizationId id) {
        return names.computeIfAbsent("o:" + id.value(), k -> {
            try {
                return kit.system().organizations().get(id).name();
            } catch (CopKitException e) {
                return id.value();
            }
        });
    }

    /**
     * @param id a community id
     * @return its name, or the id when unknown
     */
    public String community(CommunityId id) {
        return names.computeIfAbsent("c:" + id.value(), k -> {
            try {
                return kit.system().communities().get(id).name();
            } catch (CopKitException e) {
                return id.value();
            }
        });
    }

    /**
     * @param id a competency id
     * @return its label in the UI language (else English, else any)
     */
    public String competency(CompetencyId id) {
        return names.computeIfAbsent("k:" + id.value(), k -> {
            try {
                Map<Locale, String> labels = kit.system().domains().competency(id).labels();
                return labels.getOrDefault(Locale.forLanguageTag(lang()), labels.getOrDefault(Locale.ENGLISH,
                        labels.values().iterator().next()));
            } catch (CopKitException e) {
                return id.value();
            }
        });
    }

    /**
     * @param facet a search facet
     * @param key a facet value as the search index reports it
     * @return a readable label: community and practice names, translated types, the value otherwise
     */
    public String facetLabel(org.copkit.search.Facet facet, String key) {
        try {
            return switch (facet) {
                case COMMUNITY -> community(CommunityId.of(key));
                case PRACTICE -> names.computeIfAbsent("p:" + key,
                        k -> kit.system().practices().get(org.copkit.community.PracticeId.of(key)).name());
                case TYPE -> e(org.copkit.ObjectType.valueOf(key));
                case TAG, LANGUAGE -> key;
            };
        } catch (CopKitException | IllegalArgumentException e) {
            return key;
        }
    }
}
