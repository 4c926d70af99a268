package com.lexrule.console;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.RestForm;


import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;

/** 登录 and 我的角色: the console's entry, over the same users and roles as the API. */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
public class ConsoleResource {

    private final Pages pages;
    private final boolean showDemoUsers;
    private final String cookieName;
    private final boolean formLogin;
    private final Optional<String> providerLogout;

    public ConsoleResource(Pages pages, @ConfigProperty(name = "lexrule.console.show-demo-users") boolean showDemoUsers,
                           @ConfigProperty(name = "quarkus.http.auth.form.cookie-name") String cookieName,
                           @ConfigProperty(name = "quarkus.http.auth.form.enabled") boolean formLogin,
                           @ConfigProperty(name = "quarkus.oidc.console.logout.path") Optional<String> providerLogout) {
        this.pages = pages;
        this.showDemoUsers = showDemoUsers;
        this.cookieName = cookieName;
        this.formLogin = formLogin;
        this.providerLogout = providerLogout;
    }

    /** A demo user as the embedded profile lists them: name (= password) and roles. */
    @io.quarkus.qute.TemplateData
    public record DemoUser(String name, String roles) {
    }

    @GET
    @Path("/login")
    public TemplateInstance login(@QueryParam("error") String error, @QueryParam("throttled") String throttled) {
        List<DemoUser> demo = showDemoUsers ? List.of(
                new DemoUser("officer", "法务人员 legal-officer"), new DemoUser("approver", "政策审批人 policy-approver"),
                new DemoUser("auditor", "审计人员 auditor"), new DemoUser("chief", "法务人员 + 政策审批人"),
                new DemoUser("admin", "管理员 admin")) : List.of();
        String wait = throttled != null && throttled.matches("[0-9]{1,6}") ? throttled : null;
        // under the provider's code flow this page is only where its logout returns to: no form of ours to fill
        return pages.page("login.html", "login", formLogin ? "登录" : "已退出").data("form", formLogin).data("error", "true".equals(error))
                .data("throttled", wait).data("demo", demo);
    }

    @GET
    @Authenticated
    public TemplateInstance home() {
        return pages.page("home.html", "home", "我的角色");
    }

    @POST
    @Path("/logout")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Authenticated
    public Response logout(@RestForm("csrf") String csrf) {
        pages.verify(csrf);
        // Under the provider's code flow the session is the provider's too: its logout path (intercepted by Quarkus
        // OIDC) clears the session cookie and sends the browser to the provider's end_session endpoint, which
        // returns it to the post-logout path. With form login clearing our cookie is the whole logout.
        return Response.seeOther(URI.create(providerLogout.orElse("/console/login")))
                .cookie(new NewCookie.Builder(cookieName).value("").path("/console").maxAge(0).httpOnly(true).build()).build();
    }
}
