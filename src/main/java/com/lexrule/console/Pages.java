package com.lexrule.console;

import jakarta.enterprise.context.RequestScoped;

import io.quarkus.qute.Engine;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * The console's pages: a template under templates/console/ with what every page shows (who is signed in, the CSRF
 * token of its forms, the section of the navigation it belongs to).
 */
@RequestScoped
public class Pages {

    private final Engine engine;
    private final SecurityIdentity identity;
    private final ConsoleCsrf csrf;

    public Pages(Engine engine, SecurityIdentity identity, ConsoleCsrf csrf) {
        this.engine = engine;
        this.identity = identity;
        this.csrf = csrf;
    }

    public TemplateInstance page(String template, String section, String title) {
        TemplateInstance page = engine.getTemplate("console/" + template).instance()
                .data("csrf", csrf.token()).data("section", section).data("title", title);
        return identity.isAnonymous() ? page.data("user", null) : page.data("user", ConsoleUser.of(identity));
    }

    public ConsoleUser user() {
        return ConsoleUser.of(identity);
    }

    public void verify(String token) {
        csrf.verify(token);
    }
}
