package dev.tessera.notification.domain;

import dev.tessera.notification.NotificationConfig;
import io.quarkus.qute.Engine;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;

/**
 * Renders a message from its Qute templates {@code templates/<template>.<locale>.txt} and {@code .html}. The
 * locale falls back from the most specific ({@code pt-BR}) to the language ({@code pt}) to the default
 * ({@code en}). The first line of the text template is {@code Subject: ...}; it becomes the subject and is not
 * part of the text body. HTML templates escape every value; text templates do not.
 */
@ApplicationScoped
public class Renderer {

    private static final String SUBJECT_PREFIX = "Subject:";

    private final Engine engine;
    private final String defaultLocale;

    Renderer(Engine engine, NotificationConfig config) {
        this.engine = engine;
        this.defaultLocale = config.defaultLocale();
    }

    /** The most specific locale for which {@code template} has both variants. */
    public String resolveLocale(Template template, String requested) {
        List<String> candidates = Formats.fallbacks(requested, defaultLocale);
        for (String candidate : candidates) {
            if (engine.getTemplate(fileName(template, candidate, "txt")) != null
                    && engine.getTemplate(fileName(template, candidate, "html")) != null) {
                return candidate;
            }
        }
        throw new IllegalStateException("no templates for " + template.id() + " in any of " + candidates);
    }

    /** Renders {@code template} in {@code locale} (one {@link #resolveLocale} returned) with {@code data}. */
    public Rendered render(Template template, String locale, Map<String, Object> data) {
        String text = instance(template, locale, "txt", data).render();
        String html = instance(template, locale, "html", data).render();
        int newline = text.indexOf('\n');
        String firstLine = (newline < 0 ? text : text.substring(0, newline)).trim();
        if (!firstLine.startsWith(SUBJECT_PREFIX)) {
            throw new IllegalStateException(fileName(template, locale, "txt") + " must start with '" + SUBJECT_PREFIX + "'");
        }
        String subject = firstLine.substring(SUBJECT_PREFIX.length()).trim().replaceAll("\\s+", " ");
        String body = newline < 0 ? "" : text.substring(newline + 1).stripLeading();
        return new Rendered(locale, subject, body.stripTrailing() + "\n", html);
    }

    private TemplateInstance instance(Template template, String locale, String variant, Map<String, Object> data) {
        io.quarkus.qute.Template qute = engine.getTemplate(fileName(template, locale, variant));
        if (qute == null) {
            throw new IllegalStateException("missing template " + fileName(template, locale, variant));
        }
        TemplateInstance instance = qute.instance();
        data.forEach(instance::data);
        return instance;
    }

    static String fileName(Template template, String locale, String variant) {
        return template.id() + "." + locale + "." + variant;
    }
}
